"""Follow-up questions are read in the light of the conversation."""

from __future__ import annotations

import pytest

from assistant.conversation import asks_for_latest, contextualize, main_subject, picks_from_previous
from assistant.types import Turn


@pytest.mark.parametrize(
    ("previous", "question", "expected"),
    [
        ("What is Safer Essex?", "who chairs it?", "who chairs Safer Essex?"),
        ("What is Safer Essex?", "How often does it meet?", "How often does Safer Essex meet?"),
        (
            "How often does Essex Partners meet?",
            "What about the Essex Assembly?",
            "How often does the Essex Assembly meet?",
        ),
        ("Tell me about Holiday Hunger", "who runs it?", "who runs Holiday Hunger?"),
        (
            "What did the Cabinet decide about the budget?",
            "when was that?",
            "What did the Cabinet decide about the budget? when was that?",
        ),
    ],
)
def test_follow_ups_are_rewritten_to_stand_alone(previous: str, question: str, expected: str) -> None:
    assert contextualize(question, [Turn(previous)]) == expected


def test_questions_that_stand_alone_are_unchanged() -> None:
    assert contextualize("Who chairs Essex Partners?", [Turn("What is Safer Essex?")]) == "Who chairs Essex Partners?"
    assert contextualize("who chairs it?", []) == "who chairs it?"


def test_main_subject_is_the_longest_capitalised_name() -> None:
    assert main_subject("What is the Essex Forest Initiative for?") == "Essex Forest Initiative"
    assert main_subject("how are you?") is None


def test_latest_questions_are_recognised() -> None:
    assert asks_for_latest("Who chairs Essex Partners now?")
    assert not asks_for_latest("Who chaired Essex Partners in 2016?")


def test_a_subject_carries_through_a_chain_of_follow_ups() -> None:
    history = [Turn("What is Safer Essex?", "Safer Essex is ..."), Turn("who chairs it?", "The chair is ...")]
    assert contextualize("when does it meet?", history) == "when does Safer Essex meet?"


@pytest.mark.parametrize(
    ("question", "picks"),
    [
        ("which of them is about older people?", True),
        ("and which one is about children?", True),
        ("Which of these involve the police?", True),
        ("Which council hosts it?", False),
        ("who chairs it?", False),
    ],
)
def test_follow_ups_that_pick_from_the_previous_answer(question: str, picks: bool) -> None:
    assert picks_from_previous(question) is picks


def test_a_picking_follow_up_is_retrieved_with_the_question_it_picks_from() -> None:
    history = [Turn("What are the seven ambitions?", "1. Unite behind a sense of identity\n2. Enjoy life ...")]
    assert contextualize("and which one is about children?", history) == (
        "What are the seven ambitions? and which one is about children?"
    )
