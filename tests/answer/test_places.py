"""'Which areas ...' asks for places listed together, and gets the sentence that lists them."""

from __future__ import annotations

import pytest

from assistant.answer.question import expected_answer, offers
from assistant.config import Settings
from assistant.pipeline import Assistant


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which areas did the Leadership Collaborative participants come from?", "places"),
        ("Which towns have a Men's Shed?", "places"),
        ("Which area has the most family hubs?", None),  # one place, not a list of them
    ],
)
def test_which_areas_asks_for_places(question: str, expected: str | None) -> None:
    assert expected_answer(question) == expected


@pytest.mark.parametrize(
    ("sentence", "offered"),
    [
        ("50 people from providers representing Essex, Southend, and Thurrock will spend the next year.", True),
        ("Delivered across Basildon, Braintree, Castlepoint, Chelmsford and Harlow.", True),
        ("Senior leaders in Essex come together in a wide variety of groupings.", False),
        ("County Councils, District Councils, Police, Fire Service and Primary Care Trusts form CSPs.", False),
    ],
)
def test_places_listed_together_are_offered(sentence: str, offered: bool) -> None:
    assert offers("places", sentence) is offered


@pytest.fixture(scope="module")
def assistant(corpus_index: Settings, embedder) -> Assistant:
    return Assistant(corpus_index, embedder=embedder)


def test_the_sentence_listing_the_areas_answers_which_areas(assistant: Assistant) -> None:
    answer = assistant.ask("Which areas did the Leadership Collaborative participants come from?")
    assert not answer.abstained
    assert "Southend" in answer.text
    assert "Thurrock" in answer.text


def test_a_list_of_districts_answers_which_districts(assistant: Assistant) -> None:
    answer = assistant.ask("Which districts have Crime and Disorder Reduction Partnerships?")
    assert not answer.abstained
    assert answer.text.startswith("Basildon, Braintree, Brentwood")
