"""A question about the 11th of something is not answered by sentences about the 10th."""

from __future__ import annotations

import pytest

from assistant.answer.ordinals import about_another, asked_ordinals
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

REPORT = [
    ((0, 0), "The 10th Annual Armed Forces Covenant Conference was held on 4 June 2024 at Brompton Barracks."),
    ((0, 1), "The conference attracted 160+ delegates and the theme for 2024 was 'Working Together'."),
    ((0, 2), "Members thanked the sponsors."),
    ((1, 0), "The 11th Annual Armed Forces Covenant Conference will be held on 17 June 2025."),
]


def test_a_question_names_its_ordinals_but_not_a_days_date() -> None:
    assert asked_ordinals("How many delegates attended the 11th Annual Conference on 17th June 2025?") == {
        "annual": "11"
    }
    assert asked_ordinals("What was agreed on 13th March?") == {}


def test_sentences_about_another_numbered_one_and_the_one_going_on_about_it() -> None:
    asked = asked_ordinals("How many delegates attended the 11th Annual Armed Forces Covenant Conference?")
    assert about_another(asked, REPORT) == {(0, 0), (0, 1)}  # "Members thanked ..." is about nothing numbered


def test_a_sentence_naming_the_asked_one_too_is_about_it() -> None:
    asked = asked_ordinals("When is the 11th Annual Conference?")
    both = [((0, 0), "After the 10th Annual Conference in Chatham, the 11th Annual Conference moves to Maidstone.")]
    assert about_another(asked, both) == set()


def test_the_same_ordinal_or_another_word_is_no_conflict() -> None:
    assert about_another(asked_ordinals("When was the 10th Annual Conference held?"), REPORT) == {(1, 0)}
    assert about_another(asked_ordinals("Who chaired the 3rd meeting?"), REPORT) == set()


COVENANT = """---
title: Annual report on the Armed Forces Covenant in Shire
date: "2025-02-27"
doc_type: report
---

# Armed Forces Covenant Conference

The 10th Annual Armed Forces Covenant Conference was held on 4 June 2024 at Brompton Barracks in Chatham.
The conference attracted 160+ delegates and the theme for 2024 was 'Working Together'.

# Looking ahead

The 11th Annual Armed Forces Covenant Conference will be held on 17 June 2025 at the Maidstone Campus.
"""


@pytest.fixture(scope="module")
def covenant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("covenant"), {"covenant.md": COVENANT}, embedder)


def test_the_11th_conference_is_not_answered_by_the_10th(covenant: Assistant) -> None:
    answer = covenant.ask("How many delegates attended the 11th Annual Armed Forces Covenant Conference?")
    assert answer.abstained
    assert "160" not in answer.text
    held = covenant.ask("When is the 11th Annual Armed Forces Covenant Conference being held?")
    assert "17 June 2025" in held.text
    assert "4 June 2024" not in held.text
