"""Readable answers: no stray paragraph numbers, no repeated heading or sentence, lists one item a line."""

from __future__ import annotations

import pytest

from assistant.answer.compose import compose, strip_marker
from assistant.answer.coverage import _entry, _first_sentence
from assistant.evidence import ScoredSentence
from assistant.sentences import split_sentences
from assistant.types import Chunk, DocumentInfo, Passage


def _passage(
    text: str, section: tuple[str, ...] = ("Report",), ordinal: int = 0, headings: int = 0, source: str = "doc.pdf"
) -> Passage:
    """A passage as chunking makes it; its first ``headings`` lines are heading lines, not sentences."""
    skip = sum(len(line) + 1 for line in text.split("\n")[:headings])
    chunk = Chunk("doc", ordinal, text, 1, section, 0, len(text), tuple(split_sentences(text, skip)))
    return Passage(chunk, DocumentInfo("doc", "Report", source, "2025"), 1.0)


def _all(passage: Passage, index: int = 0) -> list[ScoredSentence]:
    return [ScoredSentence(index, i, a, b, 0.5, 0.5) for i, (a, b) in enumerate(passage.chunk.sentences)]


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        (
            "29.The current borrowing balances are set out in Annex A.",
            "The current borrowing balances are set out in Annex A.",
        ),
        (
            "1.3 Informed by extensive discussions, a paper was taken to Council.",
            "Informed by extensive discussions, a paper was taken to Council.",
        ),
        ("(15) Mr Hook proposed the amendment.", "Mr Hook proposed the amendment."),
        ("- 2017 launch of the Essex Vision.", "2017 launch of the Essex Vision."),
        ("12 Community Safety Partnerships serve the county.", "12 Community Safety Partnerships serve the county."),
        ("£3.4 million was spent.", "£3.4 million was spent."),
        ("3.5 million people live here.", "3.5 million people live here."),
        (
            "o A higher proportion of consultees aged 35-49 agree.",
            "A higher proportion of consultees aged 35-49 agree.",
        ),
    ],
)
def test_a_lone_sentence_loses_its_paragraph_number_but_keeps_its_figures(sentence: str, shown: str) -> None:
    assert strip_marker(sentence) == shown


def test_a_list_keeps_one_item_a_line_with_its_marker() -> None:
    passage = _passage(
        "There are three issues:\n• Resident engagement\n• Financial sustainability\n• Future boundaries"
    )
    text, _ = compose(_all(passage), [passage])
    assert text.splitlines() == [
        "There are three issues:",
        "• Resident engagement",
        "• Financial sustainability",
        "• Future boundaries [1]",
    ]


def test_a_sentence_in_two_overlapping_chunks_is_shown_once() -> None:
    first = _passage("The plan was adopted. The budget was agreed.")
    second = _passage("The budget was agreed. Members thanked officers.", ordinal=1)
    chosen = [*_all(first, 0), *_all(second, 1)]
    text, _ = compose(chosen, [first, second])
    assert text.count("The budget was agreed.") == 1


@pytest.mark.parametrize(
    "heading",
    [
        "Abstain (0)",
        "For (45)",
        "12",
        "Kent & Medway Civilian-Military Partnership Board’s",
        "GREEN AMBER RED KPI Summary",
    ],
)
def test_a_vote_tally_number_possessive_or_status_key_does_not_introduce_a_sentence(heading: str) -> None:
    text = f"{heading}\nMotion for Time Limited Debate 3 on the farm tax"
    passage = _passage(text, section=("Minutes", heading), headings=1)
    text, _ = compose(_all(passage), [passage])
    assert text.startswith("Motion for Time Limited Debate 3")


def test_a_heading_the_sentence_opens_with_is_not_repeated() -> None:
    text = "Homeless Trailblazers\nHomeless Trailblazers - the pilot funded ten mentors."
    passage = _passage(text, ("A", "Homeless Trailblazers"), headings=1)
    text, _ = compose(_all(passage), [passage])
    assert text.count("Homeless Trailblazers") == 1


def test_coverage_entries_are_cut_at_words_and_never_repeat_their_name() -> None:
    assert _entry("Homeless Trailblazers", "Homeless Trailblazers - the pilot funded ten mentors.") == (
        "Homeless Trailblazers - the pilot funded ten mentors."
    )
    assert _entry("Full Circle", "Working with the most vulnerable people.") == (
        "Full Circle: Working with the most vulnerable people."
    )
    long = "Creation of a Facebook Befriending Scheme Partnership between GP Practices to support a reduction " * 3
    shortened = _first_sentence(long)
    assert shortened.endswith("…")
    assert shortened[:-2] in long
    assert long.split()[len(shortened[:-2].split()) - 1] == shortened[:-2].split()[-1]  # ends on a whole word


def test_a_pdf_line_taken_for_a_heading_introduces_only_a_sentence_it_has_to_do_with() -> None:
    unrelated = (
        "Environment, Highways & Waste Cabinet Committee\nMr Sweetland proposed that the Council record its loss."
    )
    passage = _passage(unrelated, ("Minutes", "Environment, Highways & Waste Cabinet Committee"), headings=1)
    assert compose(_all(passage), [passage])[0].startswith("Mr Sweetland proposed")
    refers_back = "Report by Leader of the Council (Item 7)\nHe also welcomed the pothole blitz."
    passage = _passage(refers_back, ("Minutes", "Report by Leader of the Council (Item 7)"), headings=1)
    assert compose(_all(passage), [passage])[0].startswith("Report by Leader of the Council (Item 7): He also")


def test_a_marked_up_heading_introduces_its_sentence_whatever_words_they_share() -> None:
    text = "Holiday Hunger\nThere were over 3,000 attendances across the summer."
    passage = _passage(text, ("Progress", "Holiday Hunger"), headings=1, source="report.md")
    assert compose(_all(passage), [passage])[0].startswith("Holiday Hunger: There were over 3,000")


def test_a_tables_cell_with_a_sum_does_not_introduce_a_sentence_sharing_its_words() -> None:
    text = "Reduction in Grant income £3.2m\nThe proposed savings and income proposals of £61.5m net are summarised."
    passage = _passage(text, ("Budget", "Reduction in Grant income £3.2m"), headings=1)
    assert compose(_all(passage), [passage])[0].startswith("The proposed savings and income proposals")
