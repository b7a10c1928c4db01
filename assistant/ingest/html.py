"""HTML pages: visible text only, with headings, paragraphs and list items as blocks.

Scripts, styles, navigation and other page furniture are dropped; nothing is executed or
fetched. Text content is kept literally (an escaped ``&lt;script&gt;`` stays as text).

A ``<table>`` becomes one line per row with every value named by its column
(``ingest/tables.py``): the rows of ``<thead>``, or else its leading rows of ``<th>`` cells
(or its first row), name the columns; ``<caption>`` is its caption. A table inside a table
is read as text of the cell holding it; a table of one row or one column is layout, and its
cells stay paragraphs.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from assistant.ingest.base import Extracted
from assistant.ingest.layout import Block, assemble_page, drop_boilerplate
from assistant.ingest.metadata import normalise_date
from assistant.ingest.tables import make_table, table_blocks
from assistant.ingest.text import decode_text
from assistant.types import Page

_SKIP = frozenset(
    "script style noscript template svg canvas nav header footer aside form button select iframe object head".split()
)
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCKS = frozenset(
    "p div section article main li dt dd tr blockquote pre br hr table ul ol dl figure figcaption "
    "address td th caption".split()
)
_VOID = frozenset(
    ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"]
)
_DATE_META = ("date", "dc.date", "article:published_time", "dcterms.created", "dcterms.modified")


class _TableReader:
    """The rows of one table as they are parsed: cells, whether each row is a header row."""

    def __init__(self) -> None:
        self.rows: list[tuple[list[str], bool]] = []
        self.caption: list[str] = []
        self.cell: list[str] | None = None
        self.in_head = False
        self.in_caption = False
        self.nested = 0
        self._row: list[str] | None = None
        self._all_th = True
        self._span = 1

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "table":
            self.nested += 1
        elif self.nested:
            return
        elif tag == "tr":
            self.end_row()
            self._row, self._all_th = [], True
        elif tag in ("td", "th"):
            self.end_cell()
            if self._row is None:
                self._row, self._all_th = [], True
            self._all_th = self._all_th and tag == "th"
            self.cell = []
            span = attributes.get("colspan", "1").strip()
            self._span = min(int(span), 50) if span.isdigit() and int(span) > 0 else 1
        elif tag == "thead":
            self.in_head = True
        elif tag == "caption":
            self.in_caption = True

    def end(self, tag: str) -> None:
        if tag == "table" and self.nested:
            self.nested -= 1
        elif self.nested:
            return
        elif tag in ("td", "th"):
            self.end_cell()
        elif tag == "tr":
            self.end_row()
        elif tag == "thead":
            self.end_row()
            self.in_head = False
        elif tag == "caption":
            self.in_caption = False

    def text(self, data: str) -> None:
        if self.in_caption and self.cell is None:
            self.caption.append(data)
        elif self.cell is not None:
            self.cell.append(data)

    def end_cell(self) -> None:
        if self.cell is not None and self._row is not None:
            # a cell spanning columns keeps its text in the first of them
            self._row.extend([" ".join("".join(self.cell).split())] + [""] * (self._span - 1))
        self.cell, self._span = None, 1

    def end_row(self) -> None:
        self.end_cell()
        if self._row is not None and any(self._row):
            self.rows.append((self._row, self.in_head or self._all_th))
        self._row = None

    def blocks(self, number: int) -> list[Block]:
        """The table's lines, or its cells as paragraphs when it is only a layout."""
        self.end_row()
        header = 0
        while header < len(self.rows) and self.rows[header][1]:
            header += 1
        cells = [row for row, _ in self.rows]
        header = header or (1 if len(cells) >= 2 else 0)
        table = make_table(cells[:header], cells[header:], "".join(self.caption)) if len(cells) >= 2 else None
        if table is None:
            texts = ["".join(self.caption), *(c for row in cells for c in row)]
            return [Block(" ".join(t.split())) for t in texts if t.strip()]
        return table_blocks(table, number)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.metadata: dict[str, str] = {}
        self._buffer: list[str] = []
        self._level = 0
        self._skip_depth = 0
        self._in_title = False
        self._title: list[str] = []
        self._stack: list[str] = []
        self._open: Counter[str] = Counter()  # the stack's tags, so a stray end tag costs O(1), not O(depth)
        self._table: _TableReader | None = None
        self._tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "time" and attributes.get("datetime") and "date" not in self.metadata:
            self.metadata["date"] = attributes["datetime"]
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._break()
            return
        self._stack.append(tag)
        self._open[tag] += 1
        if tag in _SKIP and tag != "head":
            self._skip_depth += 1
        elif self._table is not None:
            self._table.start(tag, attributes)
            if tag in _BLOCKS:
                self._table.text(" ")
        elif tag == "table" and not self._skip_depth:
            self._flush()
            self._table = _TableReader()
        elif tag == "title":
            self._in_title = True
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            self._level = _HEADINGS.get(tag, self._level)
            if tag == "li":
                self._buffer.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._open[tag]:
            return
        while self._stack:
            open_tag = self._stack.pop()
            self._open[open_tag] -= 1
            if open_tag in _SKIP and open_tag != "head":
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if self._table is not None:
            if tag == "table" and not self._table.nested:
                self._end_table()
            else:
                self._table.end(tag)
                self._table.text(" ")
        elif tag == "title":
            self._in_title = False
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._skip_depth:
            return
        elif self._table is not None:
            self._table.text(data)
        else:
            self._buffer.append(data)

    def _break(self) -> None:
        if self._table is not None:
            self._table.text(" ")
        else:
            self._flush()

    def _end_table(self) -> None:
        assert self._table is not None
        self.blocks.extend(self._table.blocks(self._tables))
        self._tables += 1
        self._table = None

    def close(self) -> None:
        if self.rawdata.startswith("<"):
            # a tag or comment still open at the end of the file runs to its end, so HTML5 drops it
            # (as Python 3.13.4's parser does); Python 3.11's would rescan the rest at every "<" in it
            self.rawdata = ""
        super().close()
        if self._table is not None:
            self._end_table()
        self._flush()
        if title := " ".join("".join(self._title).split()):
            self.metadata.setdefault("title", title)

    def _flush(self) -> None:
        text = drop_boilerplate(" ".join("".join(self._buffer).split()))
        self._buffer.clear()
        if text and text != "-":
            self.blocks.append(Block(text, self._level))
        self._level = 0

    def _read_meta(self, attributes: dict[str, str]) -> None:
        name = (attributes.get("name") or attributes.get("property") or "").lower()
        content = attributes.get("content", "").strip()
        if name in _DATE_META and content and "date" not in self.metadata:
            self.metadata["date"] = content[:10] if normalise_date(content[:10]) else content
        elif name in ("og:title", "dc.title") and content:
            self.metadata.setdefault("title", content)


def load_html(data: bytes) -> Extracted:
    """Load an HTML page as one page of blocks; <title> and date meta tags become metadata."""
    parser = _PageParser()
    parser.feed(decode_text(data))
    parser.close()
    h1 = next((b.text for b in parser.blocks if b.level == 1), None)
    if h1:
        parser.metadata["title"] = h1
    text, headings, tables = assemble_page(parser.blocks)
    return Extracted([Page(None, text, headings, tables)], {**parser.metadata, "doc_type": "web page"})
