"""The Assistant facade: the one object the CLI and the web app talk to."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from assistant.config import Settings
from assistant.embedding import Embedder, load_embedder
from assistant.errors import IndexNotFound
from assistant.index import DocumentRecord, Store, make_store, read_manifest
from assistant.indexer import IndexReport, Progress, sync_index

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

    def ensure_index(self, progress: Progress | None = None) -> IndexReport | None:
        """Build the index from the corpus directory when none exists yet."""
        if self.has_index():
            return None
        return self.index((self.settings.corpus_dir,), progress=progress)

    def documents(self) -> list[DocumentRecord]:
        """Every indexed document, newest first."""
        from assistant.dates import sort_key

        manifest = self.store().manifest
        records = list(manifest.documents.values()) if manifest else []
        return sorted(records, key=lambda r: (sort_key(r.info.date), r.info.title), reverse=True)
