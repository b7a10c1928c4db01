"""Turning extracted lines (PDF pages, plain text) into paragraphs and headings.

PDF text arrives as layout lines: paragraphs wrapped at the page width, words hyphenated at line
ends, headings on lines of their own. These heuristics rebuild one paragraph per line and mark
the lines that look like headings, so chunking can follow the document's structure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.types import Heading

_BULLET = re.compile(r"^([•●▪◦■□‣∙·*o-]|\(?[0-9]{1,3}[.)]|[0-9]{1,3}(\.[0-9]{1,3})+|\([a-z]{1,3}\))\s+")
_NUMBERED_ITEM = re.compile(r"^\(?[0-9]{1,3}(\.[0-9]{1,3})*[.)]?\s+\S")
_TERMINAL = re.compile(r"[.!?:;,…\"'”’)]$")
_DATE_LINE = re.compile(
    r"^(\w+day,?\s+)?\d{1,2}(st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}$|^[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}$"
)
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with & - – vs".split())
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"^(skip ribbon commands|skip to (main )?content|skip navigation|you are currently in:.*|"
    r"back to top|print this page|share this page|cookie settings|accept( all)? cookies)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    """A paragraph (or list item) of reflowed text; ``level`` > 0 marks a heading."""

    text: str
    level: int = 0


def reflow(lines: list[str]) -> list[Block]:
    """Join wrapped lines into paragraphs and mark heading lines."""
    blocks: list[list[str]] = []
    for raw in lines:
        line = drop_boilerplate(" ".join(raw.split()))
        if not line:
            blocks.append([])
            continue
        if blocks and blocks[-1] and _continues(blocks[-1], line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    paragraphs = [_join(parts) for parts in blocks if parts]
    return [Block(text, _heading_level(text, paragraphs, i)) for i, text in enumerate(paragraphs)]


def drop_boilerplate(line: str) -> str:
    """Remove web-page navigation labels ("Skip to main content") that carry no content."""
    parts = [p for p in re.split(r"(?<=Commands)\s+(?=Skip)", line) if not _BOILERPLATE.match(p.strip())]
    return " ".join(parts)


def assemble(blocks: list[Block]) -> tuple[str, tuple[Heading, ...]]:
    """Lay blocks out as page text, one per line, with a blank line around headings."""
    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0
    for i, block in enumerate(blocks):
        separator = "" if i == 0 else ("\n\n" if block.level or blocks[i - 1].level else "\n")
        offset += len(separator)
        parts.append(separator + block.text)
        if block.level:
            headings.append(Heading(offset, block.level, block.text))
        offset += len(block.text)
    return "".join(parts), tuple(headings)


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers, footers and page numbers: lines repeated at the edges of most pages."""
    if len(pages) < 3:
        return [[line for line in page if not _PAGE_NUMBER.match(line.strip())] for page in pages]
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_furniture_key(line) for line in _edges(page)})
    repeated = {key for key, n in counts.items() if key and n >= max(3, 0.6 * len(pages))}
    cleaned = []
    for page in pages:
        edges = set(_edges(page))
        cleaned.append(
            [
                line
                for line in page
                if not (line in edges and (_furniture_key(line) in repeated or _PAGE_NUMBER.match(line.strip())))
            ]
        )
    return cleaned


def looks_like_text(text: str) -> bool:
    """False for extraction noise such as Type3 glyph codes ('/0 /1/2/3 ...')."""
    tokens = text.split()
    if not tokens:
        return False
    wordlike = sum(1 for t in tokens if re.match(r"[^\W\d_]{2,}", t))
    return wordlike / len(tokens) >= 0.3


def _edges(page: list[str]) -> list[str]:
    content = [line for line in page if line.strip()]
    return content[:3] + content[-3:]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _continues(block: list[str], line: str) -> bool:
    """Whether ``line`` continues the paragraph whose lines so far are ``block``."""
    previous = block[-1]
    if _BULLET.match(line):
        return False
    if (
        _OPEN_AGENDA_ITEM.match(block[0])
        and len(previous) >= 55
        and len(block) < 4
        and not _AGENDA_ITEM.match(" ".join(block))
    ):
        return True  # a long minute-item title wrapped onto the next line
    if line[:1].islower() or line[:1] == "(":
        return True
    if _is_title_like(line) and (_TERMINAL.search(previous) or _is_title_like(previous)):
        return False
    # a lone short title-like line followed by a sentence is a heading, not a wrapped paragraph
    return not (len(block) == 1 and _is_title_like(previous) and len(previous.split()) <= 8)


def _join(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        hyphenated = re.search(r"[^\W\d_]-$", text) and part[:1].islower()
        text = text[:-1] + part if hyphenated else f"{text} {part}"  # re-join words split at line ends
    return text


def _heading_level(text: str, paragraphs: list[str], index: int) -> int:
    if not _is_title_like(text):
        return 0
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
    if following and following[:1].islower():
        return 0
    if _NUMBERED_ITEM.match(text):
        return 2
    letters = [c for c in text if c.isalpha()]
    return 1 if letters and all(c.isupper() for c in letters) else 2


_AGENDA_ITEM = re.compile(r"^\d{1,3}\.\s+\S.*\(Item \d{1,3}[a-z]?\)$")
_OPEN_AGENDA_ITEM = re.compile(r"^\d{1,3}\.\s+(\d{2}/\d{3,6}\s+-\s+)?[A-Z]")


def _is_title_like(line: str) -> bool:
    words = line.split()
    if _AGENDA_ITEM.match(line) and len(line) <= 200:
        return True  # a minute item: "88. 24/00108 - Revenue and Capital Budget ... (Item 6)"
    if not words or len(words) > 12 or len(line) > 90:
        return False
    if words[-1].lower() in _SMALL_WORDS or "that" in words:
        return False  # ends mid-phrase ("... and"), or is a clause ("RESOLVED that"): not a heading
    if line.count(",") >= 2 or line.find(")") < line.find("(") or line.count(")") > line.count("("):
        return False  # part of a wrapped list of names: "Operations), Christy Holden (Assistant ..."
    if _TERMINAL.search(line) and not line.endswith(")"):
        return False
    if _DATE_LINE.match(line) or _PAGE_NUMBER.match(line):
        return False
    first = re.sub(r"^\(?[0-9.]+[.)]?\s*", "", line)[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if sum(any(c.isdigit() for c in w) for w in words) > max(1, len(words) // 3):
        return False  # a table row of figures, not a heading
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[:1].isupper())
    return capitalised / len(significant) >= 0.6 or len(words) <= 4
