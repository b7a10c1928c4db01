"""Follow-up questions are read in the light of the conversation."""

from __future__ import annotations

import pytest

from assistant.conversation import asks_for_latest, contextualize, main_subject
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
