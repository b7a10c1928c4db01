"""Conversations on the shipped corpus with the real model: follow-ups keep their subject and
pick from the previous answer."""

from __future__ import annotations

import pytest

from assistant.answer.followup import previous_items
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.types import Turn


@pytest.fixture(scope="module")
def assistant(corpus_index: Settings, embedder) -> Assistant:
    return Assistant(corpus_index, embedder=embedder)


def _converse(assistant: Assistant, questions: list[str]):
    history: list[Turn] = []
    answers = []
    for question in questions:
        answer = assistant.ask(question, history=history)
        answers.append(answer)
        history.append(Turn(question, answer.text))
    return answers


def test_which_of_them_picks_the_item_of_the_previous_list(assistant: Assistant) -> None:
    ambitions, older = _converse(assistant, ["What are the seven ambitions?", "which of them is about older people?"])
    assert ambitions.text.count("\n") >= 6
    assert "Enjoy life long into old age" in older.text
    assert "Unite behind a sense of identity" not in older.text
    assert older.citations
    assert "Enjoy life long into old age" in older.citations[0].sentence


def test_a_later_pick_still_picks_from_the_list(assistant: Assistant) -> None:
    *_, children = _converse(
        assistant,
        ["What are the seven ambitions?", "which of them is about older people?", "and which one is about children?"],
    )
    assert "Provide an equal foundation for every child" in children.text
    assert "Enjoy life long into old age" not in children.text


@pytest.mark.parametrize(
    ("question", "ambition"),
    [
        ("Which ambition is about children?", "Provide an equal foundation for every child"),
        ("Which of the seven ambitions covers older people?", "Enjoy life long into old age"),
        ("Which ambition is about the environment?", "Develop our county sustainably"),
        ("Which ambition is about digital connectivity?", "Connect us to each other and the world"),
        ("Which ambition is about volunteering?", "Strengthen communities through participation"),
    ],
)
def test_a_question_picking_one_of_the_ambitions_gets_that_ambition(
    assistant: Assistant, question: str, ambition: str
) -> None:
    """Picked from the listed ambitions, by their words and by what the report says under each."""
    answer = assistant.ask(question)
    assert not answer.abstained
    assert answer.text.startswith(ambition)
    assert ambition in answer.citations[0].sentence


def test_when_does_it_meet_names_the_subject_the_documents_are_silent_on(assistant: Assistant) -> None:
    _, chair, meets = _converse(assistant, ["What is Safer Essex?", "who chairs it?", "when does it meet?"])
    assert "Nicola Beach" in chair.text
    assert meets.abstained
    assert "Safer Essex" in meets.text
    assert "do not say when Safer Essex meets" in meets.text
    assert "Essex Partners" not in meets.text
    assert meets.passages


def test_a_subject_the_documents_answer_for_is_answered(assistant: Assistant) -> None:
    answer = assistant.ask("How often does Essex Partners meet?")
    assert "quarterly" in answer.text
    assert "Essex Assembly" not in answer.text


def test_the_items_of_an_answer() -> None:
    assert previous_items("1. Unite behind a sense of identity\n2. Enjoy life long into old age [1]") == [
        "Unite behind a sense of identity",
        "Enjoy life long into old age",
    ]
    assert previous_items("Essex Partners meets quarterly. It is chaired by Cllr David Finch. [1]") == [
        "Essex Partners meets quarterly.",
        "It is chaired by Cllr David Finch.",
    ]


def test_the_web_app_turns_carry_the_conversation(assistant: Assistant) -> None:
    from assistant.ui.handlers import ask_turn

    turns: list = []
    for question in ("What are the seven ambitions?", "which of them is about older people?"):
        turns = ask_turn(assistant, question, turns)
    assert "Enjoy life long into old age" in turns[-1]["answer"]["answer"]
    assert "Share prosperity with everyone" not in turns[-1]["answer"]["answer"]
    turns = []
    for question in ("What is Safer Essex?", "who chairs it?", "when does it meet?"):
        turns = ask_turn(assistant, question, turns)
    assert "Nicola Beach" in turns[1]["answer"]["answer"]
    assert turns[-1]["answer"]["abstained"]
    assert "Safer Essex" in turns[-1]["answer"]["answer"]
