"""The Assistant facade: the one object the CLI and the web app talk to."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from assistant.answer import make_answerer
from assistant.config import Settings
from assistant.conversation import asks_for_latest, contextualize
from assistant.embedding import Embedder, load_embedder
from assistant.errors import IndexNotFound, InvalidQuestion
from assistant.index import DocumentRecord, Store, make_store, read_manifest
from assistant.indexer import IndexReport, Progress, index_documents, sync_index
from assistant.retrieve import HybridRetriever
from assistant.types import Answer, Document, Filters, Passage, Turn

MAX_QUESTION_CHARS = 2000

logger = logging.getLogger(__name__)


class Assistant:
    """Ingest documents into the index and answer questions from it.

    The embedding model and the index are loaded on first use and shared by every call; an
    index committed by another process is picked up on the next call.
    """

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._embedder = embedder
        self._store: Store | None = None
        self._lock = threading.RLock()
        self._answerer = make_answerer(self.settings)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            s = self.settings
            self._embedder = load_embedder(s.model, s.device, s.embed_batch_size)
        return self._embedder

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
        """Whether an index has been built in the configured directory."""
        try:
            read_manifest(self.settings.index_dir)
        except IndexNotFound:
            return False
        return True

    def index(self, paths: Sequence[Path] = (), rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        """Add or refresh documents (see :func:`assistant.indexer.sync_index`)."""
        with self._lock:
            report = sync_index(
                make_store(self.settings), lambda: self.embedder, self.settings, paths, rebuild, progress
            )
            self._store = None
        return report

    def index_documents(self, documents: Sequence[Document], progress: Progress | None = None) -> IndexReport:
        """Build a fresh index from documents held in memory (evaluation sets, synthetic data)."""
        with self._lock:
            report = index_documents(make_store(self.settings), self.embedder, self.settings, documents, progress)
            self._store = None
        return report

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
            k: passages to retrieve (default: the ``top_k`` setting).

        Raises:
            InvalidQuestion: when the question is empty, too long or not text.
            IndexNotFound: when no index has been built.
        """
        question = validate_question(question)
        query = contextualize(question, history)
        retrieval = self._retriever().retrieve(query, filters, k, prefer_recent=asks_for_latest(question))
        return self._answerer.answer(question, retrieval)

    def search(self, query: str, filters: Filters | None = None, k: int = 10) -> list[Passage]:
        """Passages for a query, best first, without composing an answer."""
        query = validate_question(query)
        return self._retriever().retrieve(query, filters, k).passages

    def _retriever(self) -> HybridRetriever:
        return HybridRetriever(self.store(), self.embedder, self.settings)

    def documents(self) -> list[DocumentRecord]:
        """Every indexed document, newest first."""
        from assistant.dates import sort_key

        manifest = self.store().manifest
        records = list(manifest.documents.values()) if manifest else []
        return sorted(records, key=lambda r: (sort_key(r.info.date), r.info.title), reverse=True)


def validate_question(question: object) -> str:
    """The question, stripped; raises InvalidQuestion when it is empty, too long or not text."""
    if not isinstance(question, str):
        raise InvalidQuestion(f"a question must be text, not {type(question).__name__}")
    question = " ".join(question.replace("\x00", " ").split())
    if not question:
        raise InvalidQuestion("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"the question is longer than {MAX_QUESTION_CHARS} characters")
    return question
