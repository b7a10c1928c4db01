"""The Assistant facade: the one object the CLI and the web app talk to."""

from __future__ import annotations

import dataclasses
import logging
import numbers
import re
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.answer import make_answerer
from assistant.answer.coverage import with_coverage
from assistant.answer.decisions import decisions_answer, with_retrieved
from assistant.answer.followup import ambition_answer, answer_from_previous, asks_for_an_ambition
from assistant.answer.ledger import ledger_answer
from assistant.answer.question import asks_what_exists
from assistant.blas import limit_blas_threads
from assistant.config import Settings
from assistant.conversation import asks_for_latest, contextualize
from assistant.dates import in_range, sort_key
from assistant.directory import (
    Board,
    Coverage,
    CoverageIndex,
    DatedDecision,
    Directory,
    Initiative,
    Meeting,
    ScorecardRow,
    SourceRef,
    build_scorecard,
    coverage_index,
    decisions_on,
    drop_repeated,
    entries_from_json,
    find_coverage,
    merge_entries,
    normalise_name,
    restrict_coverage,
)
from assistant.embedding import Embedder, load_embedder
from assistant.errors import ConfigError, IndexNotFound, InvalidQuestion
from assistant.index import DocumentRecord, Manifest, Store, make_store
from assistant.indexer import IndexReport, Progress, index_documents, remove_documents, sync_index
from assistant.migrate import migrate_index
from assistant.retrieve import HybridRetriever
from assistant.scope import MeetingName, Scope, SourceNames
from assistant.types import Answer, Document, DocumentInfo, Filters, Passage, Turn

MAX_QUESTION_CHARS = 2000
MAX_K = 100
"""The most passages a question or search may ask for."""
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

logger = logging.getLogger(__name__)


class Assistant:
    """Ingest documents into the index and answer questions from it.

    The embedding model and the index are loaded on first use and shared by every call; an
    index committed by another process is picked up on the next call.
    """

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or Settings.from_env()
        limit_blas_threads(self.settings.blas_threads)
        self._embedder = embedder
        self._store: Store | None = None
        self._lock = threading.RLock()
        self._answerer = make_answerer(self.settings, neighbour=self._next_passage, embed=self._embed)
        self._directory: tuple[tuple[int, int], Directory] | None = None
        self._coverage_index: tuple[Directory, CoverageIndex] | None = None
        self._names: tuple[Directory, SourceNames] | None = None
        self._infos: tuple[object, dict[str, DocumentInfo]] | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            s = self.settings
            self._embedder = load_embedder(s.model, s.device, s.embed_batch_size)
        return self._embedder

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.embedder.embed(texts)

    def store(self) -> Store:
        """The loaded index, reloaded when another writer has committed a newer one.

        Raises:
            IndexNotFound: when no index has been built yet.
        """
        with self._lock:
            if self._store is None or self._store.is_stale():
                self._store = make_store(self.settings).load()
            return self._store

    def has_index(self) -> bool:
        """Whether an index has been built in the configured store."""
        try:
            make_store(self.settings).current()
        except IndexNotFound:
            return False
        return True

    def index(self, paths: Sequence[Path] = (), rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        """Add or refresh documents (see :func:`assistant.indexer.sync_index`).

        Questions keep being answered from the current index while this runs; the new one is
        picked up once committed. One writer at a time (this, ``remove``, ``migrate``,
        ``index_documents``, in any process): another is refused at once with IndexBusy.
        """
        store = make_store(self.settings)
        report = sync_index(store, lambda: self.embedder, self.settings, paths, rebuild, progress)
        self._forget_store()
        return report

    def index_documents(self, documents: Sequence[Document], progress: Progress | None = None) -> IndexReport:
        """Build a fresh index from documents held in memory (evaluation sets, synthetic data)."""
        report = index_documents(make_store(self.settings), self.embedder, self.settings, documents, progress)
        self._forget_store()
        return report

    def remove(self, doc_ids: Sequence[str]) -> list[str]:
        """Remove documents from the index; later runs skip their files until added again."""
        removed = remove_documents(make_store(self.settings), self.settings, doc_ids)
        self._forget_store()
        return removed

    def migrate(self, to_store: str, replace: bool = False, progress: Progress | None = None) -> Manifest:
        """Copy the index into another store (``faiss`` or ``milvus``) without re-embedding.

        The settings' own store is the source; the target uses the same settings otherwise
        (its index directory, Milvus address and prefix). Returns the target's new manifest.
        """
        if to_store == self.settings.store:
            raise ConfigError(f"the index is already in the {to_store} store; name the other one")
        target = make_store(self.settings.replace(store=to_store))
        return migrate_index(make_store(self.settings), target, replace, progress)

    def _forget_store(self) -> None:
        with self._lock:
            self._store = None

    def ensure_index(self, progress: Progress | None = None) -> IndexReport | None:
        """Build the index from the corpus directory when none exists yet."""
        if self.has_index():
            return None
        return self.index((self.settings.corpus_dir,), progress=progress)

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        filters: Filters | None = None,
        k: int | None = None,
    ) -> Answer:
        """Answer a question with cited passages, or say the documents do not cover it.

        Args:
            question: the question in plain English.
            history: earlier turns of the conversation; follow-ups ("who chairs it?") are read
                in their light.
            filters: restrict the documents searched.
            k: passages to retrieve, 1 to :data:`MAX_K` (default: the ``top_k`` setting).

        Raises:
            InvalidQuestion: when the question is empty, too long or not text, or ``k`` is not
                a whole number from 1 to :data:`MAX_K`.
            IndexNotFound: when no index has been built.
        """
        question, depth = validate_question(question), validate_k(k)
        query = contextualize(question, history)
        scope = self.source_names().scope(query)
        retrieval = self._retriever().retrieve(
            query, filters, depth, prefer_recent=asks_for_latest(question), scope=scope
        )
        dated = decisions_answer(query, lambda *asked: self._decisions_for(*asked, filters), self._passage_for)
        if dated is not None:  # "what did X decide about Y": the dated list
            return dataclasses.replace(
                with_retrieved(dated, retrieval.passages), searched_in=_searched_in(scope, retrieval.passages)
            )
        answer = self._answerer.answer(question, retrieval)
        answer = ledger_answer(query, answer, self._meetings_allowed(filters), self._document_passages) or answer
        answer = answer_from_previous(question, history, retrieval, answer, self._embed) or answer
        if asks_for_an_ambition(question):  # "Which ambition is about children?"
            answer = ambition_answer(question, self.directory().ambitions, retrieval, answer, self._embed) or answer
        if asks_what_exists(query):
            coverage = drop_repeated(self.coverage(query, filters), answer.text)  # no sentence shown twice
            answer = with_coverage(answer, coverage, self._passage_for)
        return dataclasses.replace(answer, searched_in=_searched_in(scope, retrieval.passages))

    def directory(self) -> Directory:
        """The initiatives, boards, meetings and figures found in the indexed documents.

        Merged from the entries stored per document at index time, once per index generation.
        """
        store = self.store()
        key = (id(store), store.manifest.generation if store.manifest else -1)
        with self._lock:
            if self._directory is None or self._directory[0] != key:
                self._directory = (key, self._merged_directory(store))
            return self._directory[1]

    def initiatives(self, theme: str | None = None, query: str | None = None) -> list[Initiative]:
        """Initiatives, optionally those serving a theme (ambition) or matching words in a query."""
        found = list(self.directory().initiatives)
        if theme:
            found = [i for i in found if i.theme.lower() == theme.lower()]
        if query and query.strip():
            groups = self.coverage(query).groups
            wanted = {
                normalise_name(item.name) for group in groups for item in group.items if item.kind == "initiative"
            }
            found = [i for i in found if normalise_name(i.name) in wanted or query.lower() in i.name.lower()]
        return found

    def boards(self) -> list[Board]:
        """Partnerships and boards with their chairs, frequency, purpose and members where stated."""
        return list(self.directory().boards)

    def meetings(self, body: str | None = None, since: str | None = None, until: str | None = None) -> list[Meeting]:
        """Meetings found in minutes, newest first, optionally of one body and within dates."""
        found = [
            m
            for m in self.directory().meetings
            if (not body or body.lower() in m.body.lower()) and in_range(m.date, since, until)
        ]
        return sorted(found, key=lambda m: sort_key(m.date), reverse=True)

    def decisions(
        self, query: str | None = None, body: str | None = None, since: str | None = None, until: str | None = None
    ) -> list[DatedDecision]:
        """Every decision, resolution and action on a topic across bodies, newest first, each cited.

        Args:
            query: the topic ("family hubs"); empty lists every decision.
            body: only meetings of this body; since, until: only meetings within these dates.
        """
        return decisions_on(self.directory().meetings, query, body, since, until)

    def _decisions_for(
        self, query: str, body: str | None, date: str | None, filters: Filters | None
    ) -> list[DatedDecision]:
        found = self.decisions(query, body, date, date)
        if filters is None or filters.is_empty():
            return found
        infos = self.document_infos()
        return [d for d in found if d.doc_id in infos and filters.allows(infos[d.doc_id])]

    def scorecard(self) -> list[ScorecardRow]:
        """The figures the documents report, per ambition, each with its date and source."""
        return build_scorecard(self.directory())

    def coverage(self, query: str, filters: Filters | None = None) -> Coverage:
        """Everything the directory holds on a topic, grouped (see assistant.directory)."""
        documents = self.document_infos()
        directory = self.directory()
        with self._lock:
            index = self._coverage_index
            if index is None or index[0] is not directory:
                index = self._coverage_index = (directory, coverage_index(directory, self.embedder))
        found = find_coverage(directory, query, documents, self.embedder, index=index[1])
        if filters is None or filters.is_empty():
            return found
        allowed = {doc_id for doc_id, info in documents.items() if filters.allows(info)}
        return restrict_coverage(found, allowed)

    def passage(self, source: SourceRef) -> Passage | None:
        """The passage a directory entry was found in, with its document."""
        return self._passage_for(source)

    def _passage_for(self, source: SourceRef) -> Passage | None:
        store = self.store()
        info = self.document_infos().get(source.doc_id)
        if info is None or source.chunk < 0:
            return None
        for stored in store.document_chunks(source.doc_id):
            if stored.chunk.ordinal == source.chunk:
                return Passage(stored.chunk, info, 1.0, stored.sentence_vectors)
        return None

    def _meetings_allowed(self, filters: Filters | None) -> list[Meeting]:
        meetings = self.directory().meetings
        if filters is None or filters.is_empty():
            return list(meetings)
        infos = self.document_infos()
        return [m for m in meetings if m.doc_id in infos and filters.allows(infos[m.doc_id])]

    def _document_passages(self, doc_id: str) -> list[Passage]:
        """Every passage of one document, in reading order."""
        info = self.document_infos().get(doc_id)
        if info is None:
            return []
        return [Passage(s.chunk, info, 1.0, s.sentence_vectors) for s in self.store().document_chunks(doc_id)]

    def _next_passage(self, passage: Passage) -> Passage | None:
        """The passage after ``passage`` in its document, if any."""
        following = SourceRef(passage.chunk.doc_id, passage.chunk.ordinal + 1, None, "", 0, 0)
        return self._passage_for(following)

    def document_infos(self) -> dict[str, DocumentInfo]:
        """Metadata of every indexed document, by id: one mapping per loaded index, shared (read it only)."""
        store = self.store()
        with self._lock:  # one per loaded index, not one per question
            if self._infos is None or self._infos[0] is not store.manifest:
                manifest = store.manifest
                infos = {doc_id: r.info for doc_id, r in manifest.documents.items()} if manifest else {}
                self._infos = (manifest, infos)
            return self._infos[1]

    def _merged_directory(self, store: Store) -> Directory:
        entries, stale = [], 0
        for data in store.directory_entries():
            try:
                entries.append(entries_from_json(data))
            except (ValueError, KeyError, TypeError):
                stale += 1
        if stale:  # one line for the index, not one per document
            logger.warning(
                "skipping the directory entries of %d document(s), stored in an older format: "
                "run `assistant index --rebuild`",
                stale,
            )
        return merge_entries(entries, self.document_infos())

    def search(self, query: str, filters: Filters | None = None, k: int = 10) -> list[Passage]:
        """Passages for a query, best first, without composing an answer."""
        query, depth = validate_question(query), validate_k(k)
        return self._retriever().retrieve(query, filters, depth, scope=self.source_names().scope(query)).passages

    def source_names(self) -> SourceNames:
        """The names of the indexed documents and meetings, for questions that name their source."""
        directory = self.directory()
        with self._lock:
            if self._names is None or self._names[0] is not directory:
                meetings = [MeetingName(m.body, m.date, m.doc_id) for m in directory.meetings]
                self._names = (directory, SourceNames(self.document_infos(), meetings))
            return self._names[1]

    def _retriever(self) -> HybridRetriever:
        return HybridRetriever(self.store(), self.embedder, self.settings, self.document_infos())

    def documents(self) -> list[DocumentRecord]:
        """Every indexed document, newest first."""
        manifest = self.store().manifest
        records = list(manifest.documents.values()) if manifest else []
        return sorted(records, key=lambda r: (sort_key(r.info.date), r.info.title), reverse=True)


def _searched_in(scope: Scope | None, passages: Sequence[Passage]) -> str | None:
    """The scope's label when retrieval found passages in the documents it names."""
    if scope is None or not any(scope.weight(p.doc.doc_id) > 0 for p in passages):
        return None
    return scope.label


def validate_question(question: object) -> str:
    """The question, stripped; raises InvalidQuestion when it is empty, too long or not text.

    Undecodable bytes (which reach a command line as lone surrogates) become U+FFFD and control
    characters become spaces, so the model's tokenizer only ever sees valid text.
    """
    if not isinstance(question, str):
        raise InvalidQuestion(f"a question must be text, not {type(question).__name__}")
    question = " ".join(_CONTROLS.sub(" ", _SURROGATES.sub("\ufffd", question)).split())
    if not question:
        raise InvalidQuestion("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    return question


def validate_k(k: object) -> int | None:
    """The number of passages to retrieve as an int (None stays None: the default).

    Accepts an int, a float with no fractional part or a string of digits, from 1 to
    :data:`MAX_K`; raises InvalidQuestion for anything else (bools, NaN, -5, "abc", 101).
    """
    if k is None:
        return None
    value: int | None = None
    digits = k.strip() if isinstance(k, str) else ""
    if (isinstance(k, numbers.Integral) and not isinstance(k, bool)) or (isinstance(k, float) and k.is_integer()):
        value = int(k)
    elif digits.isascii() and digits.isdigit() and len(digits) <= 6:  # "²" is a digit too, hence ASCII
        value = int(digits)
    if value is None or not 1 <= value <= MAX_K:
        raise InvalidQuestion(f"k must be a whole number from 1 to {MAX_K}, not {_brief(k)}")
    return value


def _brief(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 20 else text[:19] + "…"
