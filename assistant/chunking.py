"""Structure-aware chunking.

A chunk is a contiguous slice of one page's text, so its page number and character offsets
are exact. Chunks follow the document's structure: a heading closes the chunk before it and
opens a new section path ("Enjoy life long into old age > Holiday Hunger"); chunks end at
sentence ends, overlap by a sentence or two, and fit the embedding model's window together
with the title-and-section header they are embedded with. Fragments too small to stand alone
(a lone figure such as "Over £320m") merge into a neighbour, so no text is ever dropped.

A table (``Page.tables``) opens a chunk at its caption; each of its rows is one unit, so no
chunk ends inside a row, and the table's title joins the section path of every chunk holding
its rows, so a chunk that carries a long table on is still embedded and cited under it. Its
caption and column-names lines are context, not sentences an answer could quote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.sentences import split_sentences
from assistant.types import Chunk, Document, Page, TableSpan

TokenCounter = Callable[[str], int]
_JOIN_SLACK = 6  # tokens a joined text may take beyond the sum of its sentences' counts


@dataclass(frozen=True)
class ChunkingConfig:
    """Sizes in model tokens; ``window`` is the model's limit including the header."""

    chunk_tokens: int = 200
    overlap_tokens: int = 40
    min_tokens: int = 24
    window: int = 254


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    tokens: int
    section: tuple[str, ...]
    heading: bool = False


def passage_header(title: str, section: tuple[str, ...]) -> str:
    """The context line a chunk is embedded and keyword-indexed with."""
    if section and section[0].strip().lower() == title.strip().lower():
        section = section[1:]
    return " > ".join((title, *section))


def passage_text(title: str, section: tuple[str, ...], text: str) -> str:
    """A chunk as it is embedded and keyword-indexed: the header line, then the chunk's text."""
    return f"{passage_header(title, section)}\n{text}"


def approximate_tokens(text: str) -> int:
    """A model-free token estimate (about 1.3 word pieces per word) for tests and fallbacks."""
    return max(1, round(len(text.split()) * 1.3))


def split_document(
    document: Document, count_tokens: TokenCounter = approximate_tokens, config: ChunkingConfig | None = None
) -> list[Chunk]:
    """Split a document into chunks, in reading order, numbered from 0."""
    config = config or ChunkingConfig()
    stack: list[tuple[int, str]] = []
    chunks: list[Chunk] = []
    header_counts: dict[str, int] = {}  # a chunk's header is measured again for every sentence added

    def count_header(header: str) -> int:
        if header not in header_counts:
            header_counts[header] = count_tokens(header)
        return header_counts[header]

    for page in document.pages:
        sentence_limit = max(config.min_tokens, min(config.chunk_tokens, config.window - 48))
        units = _page_units(page, stack, count_tokens, sentence_limit)
        for start, end, section, sentences in _pack(units, document.info.title, count_header, config):
            chunks.append(
                Chunk(
                    doc_id=document.doc_id,
                    ordinal=len(chunks),
                    text=page.text[start:end],
                    page=page.number,
                    section=section,
                    char_start=start,
                    char_end=end,
                    sentences=tuple((s - start, e - start) for s, e in sentences),
                )
            )
    return chunks


def _page_units(
    page: Page, stack: list[tuple[int, str]], count_tokens: TokenCounter, sentence_limit: int
) -> list[_Unit]:
    """Sentences and headings of a page; ``stack`` carries the section path across pages."""
    headings = {h.start: h for h in page.headings}
    units: list[_Unit] = []
    line_start = 0
    text = page.text
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        table = _table_at(page.tables, line_start)
        if heading := headings.get(line_start):
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            stack.append((heading.level, heading.title))
            path = tuple(title for _, title in stack)
            units.append(_Unit(line_start, line_end, count_tokens(heading.title), path, heading=True))
        elif table is not None:
            units.extend(_table_line(text, line_start, line_end, table, stack, count_tokens, sentence_limit))
        else:
            path = tuple(title for _, title in stack)
            for s, e in split_sentences(text, line_start, line_end):
                units.extend(_fit_sentence(text, s, e, path, count_tokens, sentence_limit))
        line_start = line_end + 1
    return units


def _table_at(tables: tuple[TableSpan, ...], offset: int) -> TableSpan | None:
    return next((t for t in tables if t.start <= offset < t.end), None)


def _table_line(
    text: str,
    start: int,
    end: int,
    table: TableSpan,
    stack: list[tuple[int, str]],
    count_tokens: TokenCounter,
    limit: int,
) -> list[_Unit]:
    """A table's caption or column names (context, opening a chunk), or one of its rows."""
    path = tuple(title for _, title in stack) + ((table.title,) if table.title else ())
    if start >= end:
        return []
    if start < table.body:
        return [_Unit(start, end, count_tokens(text[start:end]), path, heading=True)]
    units: list[_Unit] = []
    for s, e in split_sentences(text, start, end):
        units.extend(_fit_sentence(text, s, e, path, count_tokens, limit))
    return units


def _fit_sentence(
    text: str, start: int, end: int, path: tuple[str, ...], count_tokens: TokenCounter, limit: int
) -> list[_Unit]:
    """A sentence as one unit, or several word-aligned pieces when it alone overflows a chunk."""
    tokens = count_tokens(text[start:end])
    if tokens <= limit:
        return [_Unit(start, end, tokens, path)]
    pieces: list[_Unit] = []
    piece_start = start
    words = [i for i in range(start, end) if text[i] == " "] + [end]
    per_word = tokens / max(1, len(words))
    budget = max(1, int(limit / per_word))  # a single "word" of thousands of tokens makes a piece of its own
    for i in range(budget, len(words) + budget, budget):
        piece_end = words[min(i, len(words) - 1)]
        if piece_end > piece_start:
            pieces.append(_Unit(piece_start, piece_end, count_tokens(text[piece_start:piece_end]), path))
        piece_start = piece_end + 1
        if piece_end >= end:
            break
    return pieces


def _pack(
    units: list[_Unit], title: str, count_tokens: TokenCounter, config: ChunkingConfig
) -> list[tuple[int, int, tuple[str, ...], list[tuple[int, int]]]]:
    """Group a page's units into chunks; returns (start, end, section, sentence spans).

    ``count_tokens`` measures chunk headers only (the units carry their own counts).
    """
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    for unit in units:
        body = _body_tokens(current)
        if unit.heading and body >= config.min_tokens:
            groups.append(current)
            current = []
        elif current and _all_tokens(current) + unit.tokens > (budget := _budget(current, title, count_tokens, config)):
            groups.append(current)
            current = [] if unit.heading else _overlap(current, min(config.overlap_tokens, budget - unit.tokens))
        current.append(unit)
    if current:
        tail = [u for u in current if groups and u.start >= groups[-1][-1].end]
        room = config.window - _header_tokens(groups[-1], title, count_tokens) - _JOIN_SLACK if groups else 0
        fits = groups and _all_tokens(groups[-1]) + _all_tokens(tail) <= room
        if groups and _body_tokens(current) < config.min_tokens and not _has_heading(current) and fits:
            groups[-1].extend(tail)
        else:
            groups.append(current)
    return [_describe(group) for group in groups if group]


def _budget(current: list[_Unit], title: str, count_tokens: TokenCounter, config: ChunkingConfig) -> int:
    room = config.window - _header_tokens(current, title, count_tokens) - _JOIN_SLACK
    return max(config.min_tokens, min(config.chunk_tokens, room))


def _header_tokens(group: list[_Unit], title: str, count_tokens: TokenCounter) -> int:
    return count_tokens(passage_header(title, _section_of(group))) + 1


def _overlap(previous: list[_Unit], overlap_tokens: int) -> list[_Unit]:
    """Trailing sentences of the previous chunk (same section, within the overlap budget)."""
    kept: list[_Unit] = []
    total = 0
    section = previous[-1].section
    for unit in reversed(previous[1:]):
        if unit.heading or unit.section != section or total + unit.tokens > overlap_tokens:
            break
        kept.insert(0, unit)
        total += unit.tokens
    return kept


def _describe(group: list[_Unit]) -> tuple[int, int, tuple[str, ...], list[tuple[int, int]]]:
    sentences = [(u.start, u.end) for u in group if not u.heading]
    return group[0].start, group[-1].end, _section_of(group), sentences


def _section_of(group: list[_Unit]) -> tuple[str, ...]:
    """The section holding most of the group's text (the last heading's when it has no body)."""
    weights: dict[tuple[str, ...], int] = {}
    for unit in group:
        if not unit.heading:
            weights[unit.section] = weights.get(unit.section, 0) + unit.tokens
    if not weights:
        return group[-1].section if group else ()
    return max(weights, key=lambda section: weights[section])


def _all_tokens(group: list[_Unit]) -> int:
    return sum(u.tokens for u in group)


def _body_tokens(group: list[_Unit]) -> int:
    return sum(u.tokens for u in group if not u.heading)


def _has_heading(group: list[_Unit]) -> bool:
    return any(u.heading for u in group)
