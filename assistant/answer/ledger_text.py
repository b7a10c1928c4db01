"""Text helpers for ledger answers: dates named in a question, resolution parts, finding text in minutes."""

from __future__ import annotations

import re

from assistant.answer.patterns import FULL_DATE, MONTHS
from assistant.types import Passage

_MONTH_YEAR = re.compile(rf"\b(?P<month>{'|'.join(MONTHS)})\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_PART = re.compile(r"(?:(?<=\s)|^)(?:\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|\d{1,2}\.|[A-Z]\)|•)\s+(?=[A-Z“\"])")
_LIMIT = 320


def iso_dates(text: str) -> set[str]:
    """Every day a text names ("9 January 2025", "30th January 2025"), as ISO dates."""
    found = set()
    for match in FULL_DATE.finditer(text):
        month = MONTHS.index(match.group("month").lower()) + 1
        found.add(f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}")
    return found


def months_named(text: str) -> set[str]:
    """Every month a text names with its year ("January 2025" -> "2025-01")."""
    return {f"{m.group('year')}-{MONTHS.index(m.group('month').lower()) + 1:02d}" for m in _MONTH_YEAR.finditer(text)}


def bare_months(text: str) -> set[str]:
    """Months a text names without a day or a year ("the January meeting" -> "01"), capitalised
    as names ("may" is a verb)."""
    found = set()
    for match in re.finditer(rf"\b({'|'.join(m.capitalize() for m in MONTHS)})\b", text):
        before, after = text[max(0, match.start() - 6) : match.start()], text[match.end() : match.end() + 6]
        if not re.search(r"\d\s*(?:st|nd|rd|th)?\s*$", before) and not re.match(r",?\s*(?:19|20)\d\d", after):
            found.add(f"{MONTHS.index(match.group(1).lower()) + 1:02d}")
    return found


def readable_date(iso: str | None) -> str:
    """'2025-01-09' -> '9 January 2025' (as precise as the date is)."""
    if not iso:
        return "an undated meeting"
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1].capitalize()
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def decision_parts(text: str) -> tuple[str, list[str]]:
    """A resolution's introduction and its numbered or lettered parts ("RESOLVED that Council:",
    ["1. Notes ...", "2. Comments ..."]); no parts when it is not numbered."""
    starts = [m.start() for m in _PART.finditer(text)]
    if len(starts) < 2:
        return "", [text]
    lead = text[: starts[0]].strip()
    parts = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return lead, parts


def shorten(text: str, limit: int = _LIMIT) -> str:
    """The text whole when short, else cut after its last full sentence (or clause, or word) in
    ``limit`` characters, with an ellipsis: never inside a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for mark in (". ", "; ", ", ", " "):
        at = cut.rfind(mark)
        if at > limit // 2:
            return cut[: at + (1 if mark != " " else 0)].rstrip(" ,;") + " …"
    return cut.rsplit(" ", 1)[0] + " …"


def find_span(passage: Passage, needle: str) -> tuple[int, int] | None:
    """The span of the sentences of ``passage`` where ``needle`` starts (spaces and line breaks
    ignored), or None when the passage does not hold it."""
    words = re.findall(r"\S+", needle)[:8]
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), passage.text)
    if match is None:
        return None
    spans = [(a, b) for a, b in passage.chunk.sentences if b > match.start() and a < match.end()]
    return (spans[0][0], spans[-1][1]) if spans else (match.start(), match.end())
