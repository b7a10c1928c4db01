"""Sentence splitting keeps abbreviations, initials, figures and list numbers whole."""

from __future__ import annotations

import pytest

from assistant.sentences import split_sentences


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_on_full_stops_followed_by_capitals() -> None:
    assert _split("Essex Partners meets quarterly. It is chaired by Cllr David Finch.") == [
        "Essex Partners meets quarterly.",
        "It is chaired by Cllr David Finch.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The facility cost £3.4 million to build.",
        "It was opened by Mr R. Smith and Dr. Jones on Monday.",
        "Partners e.g. the police and fire services joined.",
        "1. Develop and maintain a database of key partnership projects",
        "1.2 Capital expenditure is where the Council spends money on assets.",
        "Excluding the strategic pooled funds balance (c. £175m) the allowance is £200m.",
        "A Strategic Authority with c. 1.9m residents.",
    ],
)
def test_keeps_one_sentence_whole(sentence: str) -> None:
    assert _split(sentence) == [sentence]


def test_a_letter_closing_a_sentence_before_a_word_ends_it() -> None:
    assert _split("As set out in item (c). The Council agreed.") == ["As set out in item (c).", "The Council agreed."]


def test_line_breaks_always_end_a_sentence() -> None:
    assert _split("- Crime\n- Disorder and drugs") == ["- Crime", "- Disorder and drugs"]


def test_offsets_point_into_the_text_and_skip_whitespace() -> None:
    text = "  First one.   Second one.\n\nThird"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third"]


@pytest.mark.parametrize(
    "row",
    [
        "KS H — Entry: £39,355; Middle 1: £42,128; Top: £44,900",
        "Deliver Smokefree Generation — Led by: CPH lead. Public Health; Measure: Achieve 1,347 SQDs. Then 26,937.",
        "Entry: £39,355; Top: £44,900",
    ],
)
def test_a_table_row_is_one_sentence(row: str) -> None:
    assert _split(row) == [row]


def test_a_row_with_one_long_cell_splits_at_its_sentences() -> None:
    line = "Galley Hill — Risk Event: Costs to date are £1.162m. They would be borne by KCC."
    assert _split(line) == ["Galley Hill — Risk Event: Costs to date are £1.162m.", "They would be borne by KCC."]


def test_items_numbered_in_roman_figures_run_into_one_line_are_a_sentence_each() -> None:
    text = (
        "I. Increase visibility of the Armed Forces Community II. Continue to raise awareness of the Covenant. "
        "III. Raise awareness amongst schools. IV. Support recruitment of volunteers."
    )
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "I. Increase visibility of the Armed Forces Community",
        "II. Continue to raise awareness of the Covenant.",
        "III. Raise awareness amongst schools.",
        "IV. Support recruitment of volunteers.",
    ]
    led = "Its aims, under two headings: I. Increase visibility II. Raise awareness."
    assert [led[a:b] for a, b in split_sentences(led)] == [
        "Its aims, under two headings:",
        "I. Increase visibility",
        "II. Raise awareness.",
    ]
    plain = "Part II. The plan follows."
    assert [plain[a:b] for a, b in split_sentences(plain)] == ["Part II.", "The plan follows."]
