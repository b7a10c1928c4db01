"""The question's focus is the thing asked about (its subject noun phrases), not its framing words."""

from __future__ import annotations

import pytest

from assistant.answer.focus import content_weights, focus_terms, question_focus
from assistant.pipeline import Assistant
from tests.support import indexed_assistant


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("Roughly how many former service personnel live in the county?", ["former service personnel", "county"]),
        (
            "What basic allowance will each county councillor receive in 2025-26?",
            ["basic allowance", "county councillor"],
        ),
        ("How many Household Waste Recycling Centres does KCC run?", ["Household Waste Recycling Centres", "KCC"]),
        ("Who chairs Safer Essex?", ["Safer Essex"]),
        ("Which organisation holds the contract for the hub?", ["contract", "hub"]),
        ("When did the ARU School of Medicine open?", ["ARU School", "Medicine"]),
        ("What fundraising target was mentioned at the Panel on 10 December 2024?", ["fundraising target", "Panel"]),
        ("Which law led to the creation of the Essex Partnership?", ["creation", "Essex Partnership"]),
        (
            "How much did the amendment proposed by Mr Hook seek to add to the project?",
            ["amendment", "Mr Hook", "project"],
        ),
    ],
)
def test_the_focus_is_the_subject_phrases(question: str, phrases: list[str]) -> None:
    assert question_focus(question) == phrases


def test_framing_verbs_hedges_and_dates_are_not_the_focus() -> None:
    phrases = " ".join(question_focus("According to the report, roughly what figure was mentioned for May 2024?"))
    for word in ("According", "roughly", "mentioned", "May"):
        assert word not in phrases


def test_focus_terms_keep_the_known_subject_terms_with_their_weights() -> None:
    weights = {"rough": 5.0, "former": 3.0, "servic": 1.0, "personnel": 2.5, "live": 1.5, "counti": 0.5}
    known = frozenset(weights) - {"rough"}
    assert focus_terms("Roughly how many former service personnel live in the county?", weights, known) == {
        "former": 3.0,
        "servic": 1.0,
        "personnel": 2.5,
        "counti": 0.5,
    }


def test_value_words_are_not_focus_terms() -> None:
    weights = {"cost": 2.0, "invicta": 6.0, "hous": 1.0}
    assert focus_terms("What did the Invicta House refurbishment cost?", weights, frozenset(weights)) == {
        "invicta": 6.0,
        "hous": 1.0,
    }


def test_content_weights_drop_framing_words_only() -> None:
    weights = {"rough": 5.0, "former": 3.0, "personnel": 2.5, "live": 1.5}
    assert content_weights("Roughly how many former personnel live here?", weights) == {
        "former": 3.0,
        "personnel": 2.5,
        "live": 1.5,
    }


DOCUMENTS = {
    "veterans.md": """---
title: Armed Forces community annual report
date: "2024-11-01"
doc_type: report
---

# The Armed Forces community in the county

Over 52,000 former service personnel live in the county, and around 410 serving personnel are based
at its barracks.

The Covenant conference was held in Maidstone and brought together 120 partners.
""",
    "transport.md": """---
title: Home to school transport
date: "2025-02-01"
doc_type: report
---

# Home to school transport

The Kent Travel Saver pass gives secondary school pupils unlimited bus travel across the county.

Applications for the Kent Travel Saver open each summer through the council's website.

Existing policies include increases in client contributions of £2.5m in 2025-26 in line with benefits.

The bus subsidy budget is £12.3m for 2025-26.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("focus"), DOCUMENTS, embedder)


def test_a_framing_word_unknown_to_the_collection_does_not_make_the_question_abstain(assistant: Assistant) -> None:
    answer = assistant.ask("Roughly how many former service personnel live in the county?")
    assert answer.evidence["unknown"] == 0.0  # "roughly" is in no document, but it is no content
    assert not answer.abstained
    assert "52,000" in answer.text


def test_a_stop_word_unknown_to_the_collection_is_no_unknown_content(assistant: Assistant) -> None:
    answer = assistant.ask("Is there somewhere that says how many former service personnel live in the county?")
    assert answer.evidence["unknown"] == 0.0  # "somewhere" is in no document, but it asks for nothing
    assert "52,000" in answer.text


def test_an_unknown_content_word_still_counts_beside_stop_words(assistant: Assistant) -> None:
    answer = assistant.ask("Is there somewhere that says how many former service personnel play football?")
    assert answer.evidence["unknown"] > 0.0  # "football" is content no document has


def test_a_near_miss_whose_value_sentence_is_about_another_thing_abstains(assistant: Assistant) -> None:
    answer = assistant.ask("How much will a Kent Travel Saver pass cost families for the 2025-26 school year?")
    assert answer.evidence["value_apart"] > 0.5  # the pass is named, never beside a sum
    assert answer.abstained


def test_the_same_passage_answers_a_question_about_the_thing_its_sum_is_about(assistant: Assistant) -> None:
    answer = assistant.ask("How much is the bus subsidy budget for 2025-26?")
    assert not answer.abstained
    assert "£12.3m" in answer.text
