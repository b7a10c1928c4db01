"""The quality measure's matching: tolerant names, strict decisions, honest counts."""

from __future__ import annotations

import pytest

from assistant.directory import Decision, SourceRef
from assistant.directory.quality import decisions_match, names_match, score_decisions, score_names

SOURCE = SourceRef("doc", 0, 1, "", 0, 10)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Essex Centre for Data Analytics (ECDA)", "Essex Centre for Data Analytics"),
        ("Greater Essex Leadership Collaborative", "Essex Leadership Collaborative"),
        ("Local Children's Partnerships", "Children’s Partnerships"),
        ("Crime & Disorder Reduction Partnerships", "Crime and Disorder Reduction Partnership"),
        ("Healthier, wealthier children", "Healthier Wealthier Children"),
        ("Supported Internship", "Supported Internship programme"),  # an initiative's kind word, or none
        ("Free Schools programme", "Free Schools"),
    ],
)
def test_names_that_match(first: str, second: str) -> None:
    assert names_match([first], [second])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Essex Partners", "Essex Partnership"),
        ("Essex Health and Wellbeing Board", "North East Essex Health and Wellbeing Alliance"),
        ("Digital Access Project", "Digital Boomers"),
        ("Digital Access Project", "Digital Access Board"),  # a board's kind word names another body
        ("Kent Pay Scheme", "Kent Scheme"),
    ],
)
def test_names_that_do_not(first: str, second: str) -> None:
    assert not names_match([first], [second])


def test_aliases_count() -> None:
    assert names_match(["ECDA", "Essex Centre for Data Analytics"], ["Essex Centre for Data Analytics (ECDA)"])


def test_score_names_counts_extras_and_misses() -> None:
    score = score_names("x", [["Heads Up"], ["Highlights"]], [["Heads Up"], ["Holiday Hunger"]])
    assert (score.precision, score.recall, score.false_positives, score.misses) == (
        0.5,
        0.5,
        ("Highlights",),
        ("Holiday Hunger",),
    )


def test_a_decision_needs_its_kind_words_and_item() -> None:
    reference = {
        "kind": "resolution",
        "item": "Corporate Risk Register",
        "text": "RESOLVED that Cabinet note the report",
    }
    right = Decision("resolution", "RESOLVED that Cabinet note the report.", "Corporate Risk Register", SOURCE)
    assert decisions_match(right, reference)
    assert not decisions_match(Decision("action", right.text, right.item, SOURCE), reference)
    assert not decisions_match(Decision("resolution", right.text, "Apologies", SOURCE), reference)


def test_decisions_match_one_to_one() -> None:
    reference = [{"kind": "resolution", "item": "", "text": "RESOLVED that the update be noted"}]
    noted = Decision("resolution", "RESOLVED that the update be noted.", "A", SOURCE)
    score = score_decisions("x", [noted, noted], reference)
    assert (score.correct, score.extracted, score.found) == (1, 2, 1)
