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
    ],
)
def test_keeps_one_sentence_whole(sentence: str) -> None:
    assert _split(sentence) == [sentence]


def test_line_breaks_always_end_a_sentence() -> None:
    assert _split("- Crime\n- Disorder and drugs") == ["- Crime", "- Disorder and drugs"]


def test_offsets_point_into_the_text_and_skip_whitespace() -> None:
    text = "  First one.   Second one.\n\nThird"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third"]
