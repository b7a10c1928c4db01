"""Markdown files: front matter, headings, paragraphs and lists, with inline markup removed.

Raw HTML inside Markdown is kept as literal text: it is never interpreted here, and every view
escapes document text before showing it.
"""

from __future__ import annotations

import re

from assistant.ingest.base import Extracted
from assistant.ingest.layout import Block, assemble_page
from assistant.ingest.metadata import split_front_matter
from assistant.ingest.tables import make_table, table_blocks
from assistant.ingest.text import decode_text
from assistant.types import Page

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,3}[.)])\s+(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Each pattern stops at the next opening delimiter, so unclosed markup ("[[[[", "**a **a") costs
# linear time, not quadratic
_INLINE = [
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
]


def load_markdown(data: bytes) -> Extracted:
    """Load a Markdown file (one page) with its YAML front matter as metadata."""
    metadata, body, _ = split_front_matter(decode_text(data))
    text, headings, tables = assemble_page(parse_blocks(body))
    return Extracted([Page(None, text, headings, tables)], {**metadata, "title_is_authoritative": "title" in metadata})


def parse_blocks(body: str) -> list[Block]:
    """Headings, paragraphs and list items of a Markdown body, one block each; a pipe table's
    rows one line each, named by the row above its ``---`` line (``ingest/tables.py``)."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            blocks.append(Block(clean_inline(" ".join(paragraph))))
            paragraph.clear()
        if table:
            blocks.extend(_table_blocks(table, len({b.table for b in blocks if b.table is not None})))
            table.clear()

    for line in body.split("\n"):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                blocks.append(Block(line.rstrip()))
            continue
        stripped = line.strip()
        if not stripped or (_RULE.match(line) and not paragraph):
            flush()
            continue
        if paragraph and _SETEXT.match(line) and len(paragraph) == 1:
            level = 1 if stripped.startswith("=") else 2
            blocks.append(Block(clean_inline(paragraph.pop()), level))
            continue
        if heading := _ATX.match(line):
            flush()
            if title := clean_inline(heading.group(2)):
                blocks.append(Block(title, len(heading.group(1))))
            continue
        if item := _LIST_ITEM.match(line):
            flush()
            marker = item.group(1) if item.group(1)[0].isdigit() else "-"
            paragraph.append(f"{marker} {item.group(2).strip()}")
            continue
        if stripped.startswith("|"):
            if paragraph:
                flush()
            table.append(stripped)
            continue
        if table:
            flush()
        paragraph.append(stripped.lstrip("> ").strip() if stripped.startswith(">") else stripped)
    flush()
    return [b for b in blocks if b.text]


def _table_blocks(lines: list[str], number: int) -> list[Block]:
    """A pipe table as table lines, or its rows as plain lines when it is not tabular."""
    rows = [[clean_inline(c.strip()) for c in line.strip("|").split("|")] for line in lines]
    named = len(lines) >= 2 and bool(_TABLE_SEPARATOR.match(lines[1]))
    body = [row for row, line in zip(rows, lines, strict=True) if not _TABLE_SEPARATOR.match(line)]
    table = make_table(body[:1] if named else [], body[1:] if named else body)
    if table is None:
        return [Block(" | ".join(c for c in row if c)) for row in body if any(row)]
    return table_blocks(table, number)


def clean_inline(text: str) -> str:
    """Remove inline Markdown (emphasis, links, images, code spans) and collapse whitespace."""
    text = _strip_comments(text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _strip_comments(text: str) -> str:
    """Drop HTML comments; an unclosed one is kept as text (a scan, not a regex: linear time)."""
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1 and (end := text.find("-->", start + 4)) != -1:
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)
