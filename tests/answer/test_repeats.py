"""Two sentences that say different things in the same words are both shown; a real repeat is not."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.support import indexed_assistant

MINUTES = """---
title: Harbour County Council minutes 19 December 2024
date: "2024-12-19"
doc_type: minutes
---

# Apologies for Absence (Item 1)

The Democratic Services Manager reported apologies from Mr Baldock, Mrs Bruneau, Sir Paul Carter, Mr Chard,
Mr Chittenden, Ms Constantine, Mr Manion, Mr Ross, Mr Simkins and Mr Webb.

The Chairman reported apologies from Mr Cooke.

# Minutes of the meeting held on 7 November 2024 (Item 2)

RESOLVED that the minutes of the meeting held on 7 November 2024 are approved as a correct record.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("repeats"), {"minutes.md": MINUTES}, embedder)


def test_every_apology_is_given(assistant: Assistant) -> None:
    """ "The Chairman reported apologies from Mr Cooke" shares most of its words with the list of the
    others' apologies, but names someone else: it is not a repeat."""
    answer = assistant.ask("Who sent apologies to the County Council meeting on 19 December 2024?")
    assert not answer.abstained
    assert "Mr Baldock" in answer.text
    assert "Mr Cooke" in answer.text
