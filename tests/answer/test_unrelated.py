"""A best sentence about something else is no answer, whatever words it shares with the question."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant


@pytest.fixture
def assistant(corpus_index: Settings, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return Assistant(corpus_index, embedder=embedder)


@pytest.mark.parametrize("question", ["What is the capital of France?", "What is the speed of light?"])
def test_a_question_about_something_else_abstains(assistant: Assistant, question: str) -> None:
    # the shipped report shares "capital" ("more people moved to Essex from the Capital") and "light"
    answer = assistant.ask(question)
    assert answer.abstained, answer.text
    assert answer.evidence["answer_semantic"] < 0.18


def test_a_question_the_same_sentence_answers_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("Where did more people move to Essex from than anywhere else?")
    assert not answer.abstained
    assert "the Capital" in answer.text
