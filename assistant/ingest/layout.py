"""Turning extracted lines (PDF pages, plain text) into paragraphs and headings.

PDF text arrives as layout lines: paragraphs wrapped at the page width, words hyphenated at line
ends, headings on lines of their own. These heuristics rebuild one paragraph per line and mark
the lines that look like headings, so chunking can follow the document's structure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.types import Heading, TableSpan

_BULLET = re.compile(r"^([•●▪◦■□‣∙·*o-]|\(?[0-9]{1,3}[.)]|[0-9]{1,3}(\.[0-9]{1,3})+|\([a-z]{1,3}\))\s+")
_NUMBERED_ITEM = re.compile(r"^\(?[0-9]{1,3}(\.[0-9]{1,3})*[.)]?\s+\S")
_TERMINAL = re.compile(r"[.!?:;,…\"'”’)]$")
_DATE_LINE = re.compile(
    r"^(\w+day,?\s+)?\d{1,2}(st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}$|^[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}$"
)
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with & - – vs".split())
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", re.IGNORECASE)
# a whitespace-separated token that starts with two letters: a word, not a glyph code
_WORD_START = re.compile(r"(?<!\S)[^\W\d_]{2}")
_BOILERPLATE = re.compile(
    r"^(skip ribbon commands|skip to (main )?content|skip navigation|you are currently in:.*|"
    r"back to top|print this page|share this page|cookie settings|accept( all)? cookies)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    """A paragraph (or list item) of reflowed text; ``level`` > 0 marks a heading.

    Lines of a table carry the table's number in ``table`` (unique within the page); ``row``
    marks its rows, the others being its caption and column names (see ``ingest/tables.py``).
    """

    text: str
    level: int = 0
    table: int | None = None
    row: bool = False


def reflow(lines: list[str | Block]) -> list[Block]:
    """Join wrapped lines into paragraphs and mark heading lines; ready-made blocks (a table's
    lines) pass through as they are, each a paragraph of its own."""
    groups: list[list[str] | Block] = []
    for raw in lines:
        if isinstance(raw, Block):
            groups.append(raw)
            continue
        line = drop_boilerplate(" ".join(raw.split()))
        if not line:
            groups.append([])
            continue
        last = groups[-1] if groups else None
        if isinstance(last, list) and last and _continues(last, line):
            last.append(line)
        else:
            groups.append([line])
    items = [g if isinstance(g, Block) else _join(g) for g in groups if g]
    paragraphs = [item.text if isinstance(item, Block) else item for item in items]
    return [
        item if isinstance(item, Block) else Block(item, _heading_level(item, paragraphs, i))
        for i, item in enumerate(items)
    ]


def drop_boilerplate(line: str) -> str:
    """Remove web-page navigation labels ("Skip to main content") that carry no content."""
    parts = [p for p in re.split(r"(?<=Commands)\s+(?=Skip)", line) if not _BOILERPLATE.match(p.strip())]
    return " ".join(parts)


def assemble(blocks: list[Block]) -> tuple[str, tuple[Heading, ...]]:
    """Lay blocks out as page text, one per line, with a blank line around headings."""
    text, headings, _ = assemble_page(blocks)
    return text, headings


def assemble_page(blocks: list[Block]) -> tuple[str, tuple[Heading, ...], tuple[TableSpan, ...]]:
    """Lay blocks out as page text, one per line, with a blank line around headings and tables.

    Returns the text, its headings and where each table's lines sit. A table is named by its
    first line when that is its caption or column names (cut to a few words), else not at all.
    """
    parts: list[str] = []
    headings: list[Heading] = []
    tables: list[TableSpan] = []
    offset = 0
    title, table_start, body = "", -1, -1
    for i, block in enumerate(blocks):
        previous = blocks[i - 1] if i else None
        separator = "" if previous is None else ("\n\n" if _apart(previous, block) else "\n")
        offset += len(separator)
        parts.append(separator + block.text)
        if block.level:
            headings.append(Heading(offset, block.level, block.text))
        if block.table is not None and (previous is None or previous.table != block.table):
            title, table_start, body = ("" if block.row else _short(block.text)), offset, -1
        if block.row and body < 0:
            body = offset
        offset += len(block.text)
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.table is not None and (following is None or following.table != block.table):
            tables.append(TableSpan(table_start, offset if body < 0 else body, offset, title))
    return "".join(parts), tuple(headings), tuple(tables)


def _short(title: str, words: int = 16) -> str:
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]) + " …"


def _apart(previous: Block, block: Block) -> bool:
    """Whether a blank line separates two blocks: around headings, and around a table."""
    return bool(block.level or previous.level or previous.table != block.table)


def strip_furniture(pages: list[list[str | Block]]) -> list[list[str | Block]]:
    """Drop running headers, footers and page numbers: lines repeated at the edges of most pages.

    Ready-made blocks (a table's lines) are content, never furniture.
    """
    if len(pages) < 3:
        return [[line for line in page if not _is_page_number(line)] for page in pages]
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
                if not (line in edges and (_furniture_key(line) in repeated or _is_page_number(line)))
            ]
        )
    return cleaned


def _is_page_number(line: str | Block) -> bool:
    return isinstance(line, str) and bool(_PAGE_NUMBER.match(line.strip()))


def looks_like_text(text: str) -> bool:
    """False for extraction noise such as Type3 glyph codes ('/0 /1/2/3 ...')."""
    tokens = len(text.split())
    return tokens > 0 and len(_WORD_START.findall(text)) / tokens >= 0.3


def _edges(page: list[str | Block]) -> list[str]:
    content = [line for line in page if isinstance(line, str) and line.strip()]
    return content[:3] + content[-3:]


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _continues(block: list[str], line: str) -> bool:
    """Whether ``line`` continues the paragraph whose lines so far are ``block``."""
    previous = block[-1]
    if _BULLET.match(line):
        return False
    if _AGENDA_ITEM.match(" ".join(block)):
        return False  # a minute item's whole title ("83. English Devolution White Paper (Item 8)") ends here
    if _OPEN_AGENDA_ITEM.match(block[0]) and len(previous) >= 55 and len(block) < 4:
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
