"""A document read as one text: pages joined, headings as sections, sentences, and citations.

Extractors work on global character offsets; :meth:`DocText.cite` turns a span back into a
:class:`SourceRef` inside the chunk that holds it, which is what makes every entry citable.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from assistant.directory.model import SourceRef
from assistant.sentences import split_sentences
from assistant.types import Chunk, Document, Heading

_LIST_MARK = re.compile(r"^\s*(?:[-•*▪◦]|\(?\d{1,3}[.)]|\(?[a-z]{1,2}[.)]|\([ivx]{1,5}\))\s+")
# A report's paragraph number opening a sentence or heading ("1.3 Last year, County Council agreed ...",
# "2.3 MoD Employer Recognition Scheme", "1.9 KCC's approach"): a dotted number, then a capitalised word
# that is not a unit ("1.5 FTE posts", "2.5 MW of solar" are measures).
PARAGRAPH_NUMBER = re.compile(
    r"(?P<number>\d{1,2}(?:\.\d{1,2})+)\s+(?!(?:FTE|MW|GW|kW|KW|MWh|GWh|kWh|TWh|MtCO2e?|tCO2e?|CO2e?|Bn|M)\b)(?=[A-Z])"
)


def without_paragraph_number(sentence: str) -> str:
    """A sentence without the report's paragraph number it opens with ("1.5 The Board ..." -> "The Board ...")."""
    match = PARAGRAPH_NUMBER.match(sentence)
    return sentence[match.end() :] if match else sentence


@dataclass(frozen=True)
class Section:
    """A heading and the stretch of text it governs (until the next heading of its level or above)."""

    start: int
    body_start: int
    end: int
    level: int
    title: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Line:
    """One line of the text (a paragraph or list item) and whether it is a list item."""

    start: int
    end: int
    text: str

    @property
    def is_item(self) -> bool:
        return bool(_LIST_MARK.match(self.text))

    @property
    def content(self) -> str:
        """The line without its list marker."""
        return _LIST_MARK.sub("", self.text, count=1).strip()

    @property
    def content_start(self) -> int:
        match = _LIST_MARK.match(self.text)
        return self.start + (match.end() if match else 0)


class DocText:
    """A document's pages joined by newlines, with its headings, sections, lines and chunks."""

    def __init__(self, document: Document, chunks: Sequence[Chunk] = ()) -> None:
        self.document = document
        starts, parts, headings = [], [], []
        offset = 0
        for page in document.pages:
            starts.append(offset)
            parts.append(page.text)
            headings.extend(Heading(offset + h.start, h.level, h.title) for h in page.headings)
            offset += len(page.text) + 1
        self.text = "\n".join(parts)
        self.page_starts = tuple(starts)
        self.headings = tuple(headings)
        self._chunks = _chunks_by_page(document, chunks)

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Every heading's section, in reading order."""
        sections: list[Section] = []
        stack: list[Heading] = []
        for index, heading in enumerate(self.headings):
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            end = next((h.start for h in self.headings[index + 1 :] if h.level <= heading.level), len(self.text))
            body = self.text.find("\n", heading.start)
            body_start = len(self.text) if body == -1 else body + 1
            path = tuple(h.title for h in stack)
            sections.append(Section(heading.start, min(body_start, end), end, heading.level, heading.title, path))
        return tuple(sections)

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        """Every non-empty line, in reading order."""
        found = []
        for match in re.finditer(r"[^\n]+", self.text):
            if match.group().strip():
                found.append(Line(match.start(), match.end(), match.group()))
        return tuple(found)

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, offset for offset (for case-blind searches)."""
        lowered = self.text.lower()
        return lowered if len(lowered) == len(self.text) else self.text  # a rare letter whose case changes length

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Every sentence's (start, end) offsets in the joined text."""
        return tuple(split_sentences(self.text))

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def section_at(self, offset: int) -> tuple[str, ...]:
        """The heading path in force at an offset (empty before the first heading)."""
        path: tuple[str, ...] = ()
        for section in self.sections:
            if section.start > offset:
                break
            if section.start <= offset < section.end:
                path = section.path
        return path

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence holding an offset (or the nearest one before it)."""
        index = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        if not self.sentences:
            return (offset, offset)
        return self.sentences[index]

    def sentences_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences that start inside [start, end)."""
        first = bisect.bisect_left(self._sentence_starts, start)
        last = bisect.bisect_left(self._sentence_starts, end)
        return list(self.sentences[first:last])

    @cached_property
    def _line_starts(self) -> list[int]:
        return [line.start for line in self.lines]

    def lines_in(self, start: int, end: int) -> list[Line]:
        """The lines that start inside [start, end)."""
        first = bisect.bisect_left(self._line_starts, start)
        last = bisect.bisect_left(self._line_starts, end)
        return list(self.lines[first:last])

    def line_index(self, line: Line) -> int:
        """The position of a line in :attr:`lines`."""
        return bisect.bisect_left(self._line_starts, line.start)

    def line_at(self, offset: int) -> Line | None:
        """The line holding an offset, or None between lines."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        if index < 0 or offset > self.lines[index].end:
            return None
        return self.lines[index]

    def cite(self, start: int, end: int) -> SourceRef:
        """A citation for the span [start, end): the chunk that holds it and the offsets inside it."""
        page_index = max(0, bisect.bisect_right(self.page_starts, start) - 1)
        page_start = self.page_starts[page_index]
        page_number = self.document.pages[page_index].number
        local_start, local_end = start - page_start, end - page_start
        chunk = _holding_chunk(self._chunks.get(page_index, ()), local_start, local_end)
        if chunk is None:
            section = " > ".join(self.section_at(start))
            return SourceRef(self.doc_id, -1, page_number, section, local_start, local_end)
        chunk_start = max(local_start, chunk.char_start) - chunk.char_start
        chunk_end = min(local_end, chunk.char_end) - chunk.char_start
        return SourceRef(self.doc_id, chunk.ordinal, chunk.page, chunk.section_path, chunk_start, chunk_end)

    def cite_sentence(self, offset: int) -> SourceRef:
        """A citation for the sentence holding an offset."""
        return self.cite(*self.sentence_at(offset))


def _chunks_by_page(document: Document, chunks: Sequence[Chunk]) -> dict[int, tuple[Chunk, ...]]:
    """Chunks grouped by the index of their page (page numbers may repeat or be None)."""
    grouped: dict[int, list[Chunk]] = {}
    page_index, previous_start = 0, -1
    for chunk in sorted(chunks, key=lambda c: c.ordinal):
        while page_index < len(document.pages) and (
            chunk.page != document.pages[page_index].number or chunk.char_start < previous_start
        ):
            page_index, previous_start = page_index + 1, -1
        if page_index >= len(document.pages):
            break
        grouped.setdefault(page_index, []).append(chunk)
        previous_start = chunk.char_start
    return {index: tuple(found) for index, found in grouped.items()}


def _holding_chunk(chunks: Sequence[Chunk], start: int, end: int) -> Chunk | None:
    """The first chunk holding the whole span, else the one holding its start."""
    for chunk in chunks:
        if chunk.char_start <= start and end <= chunk.char_end:
            return chunk
    for chunk in chunks:
        if chunk.char_start <= start < chunk.char_end:
            return chunk
    return chunks[-1] if chunks else None
