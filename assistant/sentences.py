"""Sentence segmentation with character offsets, shared by chunking and answering.

Loaders produce one paragraph or list item per line, so a line break always ends a sentence;
inside a line, a full stop ends one unless it belongs to an abbreviation, an initial or a
number (``£3.4 million``, ``Mr R. Smith``, ``e.g.``, ``c. £175m``). A table row laid out by the loaders
(``KS H — Entry: £39,355; Middle 1: £42,128``, see ``ingest/tables.py``) is one sentence
however its cells are punctuated, so an answer quotes the row whole; items numbered in Roman figures
and run into one line ("I. Increase ... II. Continue ...") are a sentence each.
"""

from __future__ import annotations

import itertools
import re

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr cllr prof st no nos vs etc e.g i.e eg ie approx inc ltd co corp dept est fig figs "
    "jan feb mar apr jun jul aug sep sept oct nov dec rev gov cf al op para paras ref hon rt lt col "
    "gen capt sgt insp supt ch cl".split()
)
_CIRCA = frozenset({"c", "ca", "circa"})  # an abbreviation only before a figure
_FIGURE_NEXT = re.compile(r"\s*[£$€]?\d")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9£$€•\-])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LIST_NUMBER = re.compile(r"\s*[-•*]?\s*\(?(\d{1,3}|[ivx]{1,4}|[IVX]{1,4}|[a-z])(\.\d{1,3})*")
_ROMANS = "I II III IV V VI VII VIII IX X".split()
# "I. Increase visibility ... II. Continue to raise ... III. Raise ...": items numbered in Roman figures run
# into one line, each a sentence of its own from its number
_ROMAN_ITEM = re.compile(r"(?<![\w.])(" + "|".join(reversed(_ROMANS)) + r")\.\s+(?=[A-Z])")
# "label — name: value; name: value", or two or more "name: value" fields without a label
_FIELD = r"[^;:\n]{1,150}: [^;\n]*"
_TABLE_ROW = re.compile(rf"(?:[^—\n]{{1,300}} — {_FIELD}(?:; {_FIELD})+|{_FIELD}(?:; {_FIELD})+)")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences.

    Returns:
        (start, end) offsets into ``text``, each trimmed of surrounding whitespace; empty
        stretches are dropped, so every character of content belongs to exactly one sentence.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        newline = text.find("\n", line_start, end)
        line_end = end if newline == -1 else newline
        spans.extend(_split_line(text, line_start, line_end))
        line_start = line_end + 1
    return spans


def is_table_row(line: str) -> bool:
    """Whether a line is a table row as the loaders lay one out (two or more named values)."""
    return bool(_TABLE_ROW.fullmatch(line.strip()))


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if "; " in text[start:end] and is_table_row(text[start:end]):
        whole = _trim(text, start, end)
        return [whole] if whole else []
    items = list(_ROMAN_ITEM.finditer(text, start, end))
    if len(items) >= 2 and [m.group(1) for m in items] == _ROMANS[: len(items)]:
        cuts = [start, *(m.start() for m in items if m.start() > start), end]  # a lead-in before "I." too
        return [span for a, b in itertools.pairwise(cuts) for span in _split_text(text, a, b)]
    return _split_text(text, start, end)


def _split_text(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    piece_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, piece_start, match.start()):
            continue
        spans.append((piece_start, match.end()))
        piece_start = match.end()
    spans.append((piece_start, end))
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))]


def _is_abbreviation(text: str, piece_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    if _LIST_NUMBER.fullmatch(text, piece_start, dot):
        return True  # a list number such as "1." or "2.3."
    match = _WORD_BEFORE.search(text, piece_start, dot)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial, as in "Mr R. Smith"
    if word.lower() in _CIRCA:
        return bool(_FIGURE_NEXT.match(text, dot + 1))  # "c. £175m", not the end of "item (c)."
    return word.lower().rstrip(".") in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
