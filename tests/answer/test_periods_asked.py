""" "When did the consultation run?" asks for a period, from its start to its end or for how long,
not for any date the consultation's passages hold."""

from __future__ import annotations

import pytest

from assistant.answer.question import offers_new
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

REPORT = """---
title: Family Hub contracts consultation report
date: "2024-11"
doc_type: report
---

# The family hubs consultation

The family hubs consultation was about the two commissioned contracts, which end on 31 March 2025.
The proposal was put to public consultation between 30 July 2024 and 22 September 2024.

# Responses

In total 1,016 consultees responded to the questionnaire. The two family hubs are run by external
providers in Sheerness and Ramsgate, and most consultees used them every week.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("periods"), {"report.md": REPORT}, embedder)


def test_when_a_consultation_ran_is_answered_with_its_period(assistant: Assistant) -> None:
    answer = assistant.ask("When did the family hubs consultation run?")
    assert not answer.abstained
    assert answer.text.startswith(
        "The proposal was put to public consultation between 30 July 2024 and 22 September 2024"
    )


def test_a_period_question_is_offered_only_a_span_of_time() -> None:
    question = "When did the family hubs consultation run?"
    assert offers_new("date", "It was open between 30 July 2024 and 22 September 2024.", question)
    assert offers_new("date", "The consultation ran from 13th June to 7th August 2024.", question)
    assert offers_new("date", "It was launched on 30 July 2024, lasting just under 8 weeks.", question)
    assert offers_new("date", "The consultation ran 8 October – 18 November 2024.", question)
    assert not offers_new("date", "The two contracts end on 31 March 2025.", question)
    assert offers_new("date", "The two contracts end on 31 March 2025.", "When do the contracts end?")
    assert offers_new("date", "The awards took place on 3 October 2024.", "When did the awards take place?")
