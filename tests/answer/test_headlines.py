"""Heading lines scored as sentences when they offer the answer wanted, and when they do not."""

from __future__ import annotations

from assistant.answer.headlines import _heading_lines
from assistant.types import Chunk, DocumentInfo, Passage

QUESTION = "When was the final settlement announced?"


def _passage(heading: str) -> Passage:
    text = f"{heading}\nThe settlement raised core spending power."
    chunk = Chunk("doc", 0, text, 1, ("Budget",), 0, len(text), ((len(heading) + 1, len(text)),))
    return Passage(chunk, DocumentInfo("doc", "Budget report", "budget.pdf", "2025-02"), 1.0)


def test_a_financial_year_in_a_heading_line_is_no_date_it_offers() -> None:
    assert _heading_lines(_passage("Final 2025-26 Local Government Finance Settlement 3"), "date", QUESTION) == []


def test_a_heading_line_with_a_date_offers_it() -> None:
    heading = "Settlement announced on 3 February 2025"
    assert _heading_lines(_passage(heading), "date", QUESTION) == [(0, len(heading))]
