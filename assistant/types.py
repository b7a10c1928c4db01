"""The assistant's value types: frozen dataclasses passed between layers."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.dates import in_range

DOC_TYPES = ("strategy", "report", "minutes", "agenda", "web page", "news", "document")


@dataclass(frozen=True)
class DocumentInfo:
    """What is known about a document, from its front matter or inferred from its content.

    ``date`` is an ISO date as precise as the source allows: ``2017``, ``2017-12`` or
    ``2017-12-06``; ``None`` when nothing in the document dates it.
    """

    doc_id: str
    title: str
    source: str
    date: str | None = None
    doc_type: str = "document"
    organisation: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class Heading:
    """A heading inside a page: where it starts in the page text, its level and its text."""

    start: int
    level: int
    title: str


@dataclass(frozen=True)
class TableSpan:
    """Where a table sits in a page's text: its lines run from ``start`` to ``end``; those before
    ``body`` are its caption and column names, and every line from ``body`` on is one row.
    ``title`` (the caption, else the column names) is what the rows are cited under."""

    start: int
    body: int
    end: int
    title: str


@dataclass(frozen=True)
class Page:
    """One page of a document (``number`` is ``None`` for formats without pages)."""

    number: int | None
    text: str
    headings: tuple[Heading, ...] = ()
    tables: tuple[TableSpan, ...] = ()


@dataclass(frozen=True)
class Document:
    """A loaded document: its metadata, its pages of clean text, and a hash of its bytes."""

    info: DocumentInfo
    pages: tuple[Page, ...]
    content_hash: str

    @property
    def doc_id(self) -> str:
        return self.info.doc_id


@dataclass(frozen=True)
class Chunk:
    """A passage of a page: a contiguous slice ``page.text[char_start:char_end]``.

    ``sentences`` holds (start, end) offsets of each sentence inside ``text``.
    """

    doc_id: str
    ordinal: int
    text: str
    page: int | None
    section: tuple[str, ...]
    char_start: int
    char_end: int
    sentences: tuple[tuple[int, int], ...] = ()

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)


@dataclass(frozen=True, eq=False)
class Passage:
    """A retrieved chunk with its document and its retrieval score.

    ``sentence_vectors`` (one row per sentence of the chunk) lets the answerer score sentences
    without running the model again; it is ``None`` when the store does not keep them.
    """

    chunk: Chunk
    doc: DocumentInfo
    score: float
    sentence_vectors: object | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.chunk.text


@dataclass(frozen=True)
class Citation:
    """One numbered reference: the passage it points to and the sentences that support the claim.

    ``spans`` are (start, end) offsets into the passage text of the supporting sentences.
    """

    n: int
    passage: Passage
    spans: tuple[tuple[int, int], ...]

    @property
    def sentence(self) -> str:
        return " ".join(self.passage.text[start:end] for start, end in self.spans)


@dataclass(frozen=True)
class Answer:
    """An answer shown to the user.

    ``citations`` are the passages the answer's [n] marks point to, numbered 1..N in order;
    ``passages`` are every retrieved passage in rank order (the nearest ones when abstaining);
    ``evidence`` holds the features the confidence was computed from; ``searched_in`` says which
    documents or meeting retrieval narrowed to or favoured because the question named them
    ("Cabinet minutes, 9 January 2025"), ``None`` when it searched everything alike.
    """

    question: str
    text: str
    citations: tuple[Citation, ...]
    passages: tuple[Passage, ...]
    abstained: bool
    confidence: float = 0.0
    note: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)
    searched_in: str | None = None


@dataclass(frozen=True)
class Filters:
    """Restrictions on which documents retrieval may return; empty fields mean no restriction."""

    doc_types: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def is_empty(self) -> bool:
        return not (self.doc_types or self.organisations or self.doc_ids or self.since or self.until)

    def allows(self, info: DocumentInfo) -> bool:
        """Whether a document passes every restriction (text comparisons ignore case)."""
        if self.doc_ids and info.doc_id not in self.doc_ids:
            return False
        if self.doc_types and info.doc_type.lower() not in {t.lower() for t in self.doc_types}:
            return False
        if self.organisations and (info.organisation or "").lower() not in {o.lower() for o in self.organisations}:
            return False
        return in_range(info.date, self.since, self.until)


@dataclass(frozen=True)
class Turn:
    """One earlier exchange of a conversation, fed to retrieval for follow-up questions."""

    question: str
    answer: str = ""
