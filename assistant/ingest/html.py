"""HTML pages: visible text only, with headings, paragraphs and list items as blocks.

Scripts, styles, navigation and other page furniture are dropped; nothing is executed or
fetched. Text content is kept literally (an escaped ``&lt;script&gt;`` stays as text).
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from assistant.ingest.base import Extracted
from assistant.ingest.layout import Block, assemble, drop_boilerplate
from assistant.ingest.metadata import normalise_date
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            self._read_meta(attributes)
        elif tag == "time" and attributes.get("datetime") and "date" not in self.metadata:
            self.metadata["date"] = attributes["datetime"]
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        self._stack.append(tag)
        self._open[tag] += 1
        if tag in _SKIP and tag != "head":
            self._skip_depth += 1
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
        if tag == "title":
            self._in_title = False
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        if self.rawdata.startswith("<"):
            # a tag or comment still open at the end of the file runs to its end, so HTML5 drops it
            # (as Python 3.13.4's parser does); Python 3.11's would rescan the rest at every "<" in it
            self.rawdata = ""
        super().close()
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
    text, headings = assemble(parser.blocks)
    return Extracted([Page(None, text, headings)], {**parser.metadata, "doc_type": "web page"})
