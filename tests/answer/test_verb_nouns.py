""" "Who decides the budget?" is answered by "The setting of the budget is a decision reserved for Full
Council": a question's verb is found in the noun it makes ("decides" / "decision", "provide" /
"provision"), which the stemmer keeps apart."""

from __future__ import annotations

import pytest

from assistant.evidence import keyword_share
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

REPORT = """---
title: Budget report 2025-26
date: "2025-02"
doc_type: report
---

# Background

The setting of the budget is a decision reserved for Full Council. A draft budget is issued for
consultation with the Cabinet and Scrutiny Committees first.

# Grants

Ring-fenced grants reduce the freedom to decide where and how the budget is spent: who spends them
and on what is largely tied to specific service areas such as education or highways.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("verbnouns"), {"report.md": REPORT}, embedder)


def test_who_decides_is_answered_by_whose_decision_it_is(assistant: Assistant) -> None:
    answer = assistant.ask("Who decides the budget?")
    assert not answer.abstained
    assert answer.text.startswith("The setting of the budget is a decision reserved for Full Council")


def test_a_verbs_noun_counts_as_the_verb_found() -> None:
    weights = {"decid": 1.0, "budget": 1.0}
    assert keyword_share(weights, {"decis", "budget"}) == 1.0
    assert keyword_share({"provid": 1.0}, {"provis"}) == 1.0
    assert keyword_share(weights, {"budget"}) == 0.5
    assert keyword_share({"fund": 1.0}, {"funs"}) == 0.0  # a short stem has no such noun
