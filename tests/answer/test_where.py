""" "Where could people find the questionnaire?" asks for a place: a web address, "online", or a
named place after a preposition, not for any sentence about the questionnaire."""

from __future__ import annotations

import pytest

from assistant.answer.question import expected_answer, offers
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

REPORT = """---
title: Family Hub contracts consultation report
date: "2024-11"
doc_type: report
---

# How people responded

In total 1,016 consultees provided a formal response using the consultation questionnaire.
Most people who answered the consultation questionnaire found it easy to complete.
People who could not find the time for the questionnaire were offered a short interview instead.

# Materials

The questionnaire was available on the council's engagement website (www.kent.gov.uk/familyhubs).
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("where"), {"report.md": REPORT}, embedder)


def test_where_to_find_a_questionnaire_is_answered_with_the_place(assistant: Assistant) -> None:
    answer = assistant.ask("Where could people find the consultation questionnaire?")
    assert not answer.abstained
    assert "available on the council's engagement website (www.kent.gov.uk/familyhubs)" in answer.text


def test_where_asks_for_a_place_a_web_address_or_online() -> None:
    assert expected_answer("Where could people find the consultation questionnaire?") == "where"
    assert expected_answer("At the meeting, where will the work start?") == "where"
    assert expected_answer("Where did the announcement come from?") is None  # a source, not a place
    assert offers("where", "It was held in the Council Chamber, Sessions House, County Hall, Maidstone.")
    assert offers("where", "It is available at www.kent.gov.uk/familyhubs.")
    assert offers("where", "The form can be completed online.")
    assert not offers("where", "In total 1,016 consultees responded using the questionnaire.")
