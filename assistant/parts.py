"""Questions that name a part of a document by its label: an annex, an appendix, a table, a chart,
or a table's row ("band D", "grade KS N").

"According to Annex A of the Treasury Management Strategy, how much did the Council owe the Public
Works Loan Board?" says where its answer is, more narrowly than the document: the passages under
"Annex A – Existing Investment & Debt Portfolio Position" hold it, and a paragraph of the strategy
that also speaks of borrowing does not. A passage holds a part when its section path (its headings,
a table's caption) names it with the same label, or its first line is a short caption opening with
it ("Chart 4.2 – KCC Approved Budgets on Social Care"); a paragraph that only refers to it
("... are shown in tables 6.1") does not hold it. Such passages come first, as those of a document
a question names do (:mod:`assistant.scope`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import replace

from assistant.ingest.tables import ROW_LABEL_SEPARATOR
from assistant.types import Chunk, Passage

# "Annex A", "Appendix 2", "Table 6.1", "Chart 4.2", "Figure 1", "Schedule B": a kind and its label
_PART = re.compile(
    r"\b((?i:annex|appendix|table|chart|figure|schedule))\s+([A-Z](?!\w)|\d{1,2}(?:\.\d{1,2})?(?![\w.]*\d)(?![A-Za-z]))"
)
_CAPTION_WORDS = 15  # a first line this short may be a caption
PART_BOOST = 0.5  # share of the best passage's score a passage holding a named part gains
ROW_BOOST = 0.2  # and one holding a row the question names by its code
# "band D", "grade KS N", "tier 2": a code after the word for what a table's rows are
_ROW = re.compile(
    r"\b(?i:bands?|grades?|tiers?|levels?|options?|categor(?:y|ies)|scales?|priorit(?:y|ies))\s+"
    r"([A-Z]{1,3}(?:\s[A-Z0-9]{1,2})?|\d{1,2})(?![\w-])"
)

Part = tuple[str, str]


def named_parts(text: str) -> frozenset[Part]:
    """The parts a text names, as (kind, label): "Annex A" -> ("annex", "A")."""
    return frozenset((kind.lower(), label.upper()) for kind, label in _PART.findall(text))


def holds_part(chunk: Chunk, parts: Set[Part]) -> bool:
    """Whether the chunk is in one of ``parts``: its headings or its caption line name it."""
    first = chunk.text.lstrip().split("\n", 1)[0]
    caption = first if len(first.split()) <= _CAPTION_WORDS and _PART.match(first) else ""
    return bool(named_parts(" > ".join((*chunk.section, caption))) & parts)


def parts_first(ranked: list[tuple[int, Passage]], parts: Set[Part]) -> list[tuple[int, Passage]]:
    """The passages holding a part the question names raised by ``PART_BOOST`` of the best score."""
    return _lifted(ranked, lambda chunk: holds_part(chunk, parts), PART_BOOST) if parts else ranked


def named_rows(text: str) -> frozenset[str]:
    """The row codes a text names: "band D" -> "D", "grade KS N" -> "KS N"."""
    return frozenset(_ROW.findall(text))


def holds_row(chunk: Chunk, codes: Set[str]) -> bool:
    """Whether one of the chunk's lines is a table row labelled by one of ``codes``."""
    return any(line.startswith(f"{code}{ROW_LABEL_SEPARATOR}") for line in chunk.text.split("\n") for code in codes)


def rows_first(ranked: list[tuple[int, Passage]], codes: Set[str]) -> list[tuple[int, Passage]]:
    """The passages holding a row the question names raised by ``ROW_BOOST`` of the best score."""
    return _lifted(ranked, lambda chunk: holds_row(chunk, codes), ROW_BOOST) if codes else ranked


def _lifted(
    ranked: list[tuple[int, Passage]], holds: Callable[[Chunk], bool], boost: float
) -> list[tuple[int, Passage]]:
    """The passages whose chunk ``holds`` raised by ``boost`` of the best score, best first."""
    if not ranked:
        return ranked
    lift = boost * ranked[0][1].score
    raised = [(row, replace(p, score=p.score + lift) if holds(p.chunk) else p) for row, p in ranked]
    return sorted(raised, key=lambda item: -item[1].score)
