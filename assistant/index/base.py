"""The seam between the assistant and its index stores (FAISS by default)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.index.chunkstore import StoredChunk
from assistant.index.manifest import Manifest
from assistant.types import Chunk, DocumentInfo, Filters


@dataclass(frozen=True, eq=False)
class IndexedDocument:
    """A document ready to store: its chunks with their vectors and sentence vectors."""

    info: DocumentInfo
    content_hash: str
    pages: int
    chunks: list[Chunk]
    vectors: np.ndarray
    sentence_vectors: list[np.ndarray | None]
    directory: dict[str, object] | None = None
    reader: str = ""  # the fingerprint of the code that read it (assistant.index.reader)


class Store(Protocol):
    """What retrieval and indexing need from a store; rows are valid for one loaded generation."""

    name: str
    manifest: Manifest | None

    def current(self) -> Manifest:
        """The committed manifest, read without loading the index (raises IndexNotFound when there is none)."""

    def load(self) -> Store:
        """Open the committed index (raises IndexNotFound when there is none)."""

    def is_stale(self) -> bool:
        """Whether another writer has committed since this store was loaded."""

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        """(row, cosine) of the nearest chunks."""

    def keyword_search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        """(row, BM25 score) of the best keyword matches."""

    def keyword_terms(self, query: str) -> list[str]:
        """The query's keyword terms that occur in the collection."""

    def term_weights(self, query: str) -> dict[str, float]:
        """Each query term (as the keyword index tokenises it) with its inverse document frequency."""

    def doc_of_row(self, row: int) -> str:
        """The document a row (from a search of this loaded index) belongs to."""

    def fetch(self, rows: Sequence[int]) -> list[StoredChunk]:
        """Chunks by row, in the order asked."""

    def vectors(self, rows: Sequence[int]) -> np.ndarray:
        """Stored dense vectors by row."""

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        """Every chunk of one document, in reading order."""

    def directory_entries(self) -> list[dict[str, object]]:
        """The directory entries stored for every document (JSON, see assistant.directory)."""

    def export_document(self, doc_id: str) -> IndexedDocument:
        """One indexed document with its chunks, vectors and directory entries, to copy elsewhere."""

    def writer(self, action: str) -> AbstractContextManager[int]:
        """Hold the writer lock for a whole run (read the manifest, embed, commit), yielding the
        generation committed when it was taken (0: no index yet).

        Another writer is refused at once with IndexBusy, saying who holds the lock (``action``,
        e.g. "index", is what this run tells it); readers are never blocked. Re-entrant in the
        thread that holds it, so ``commit`` inside the block does not lock again.
        """

    def commit(self, base: Manifest, added: Sequence[IndexedDocument], removed: set[str]) -> Manifest:
        """Atomically store ``base`` minus ``removed`` plus ``added`` as the new index.

        Takes the writer lock unless this thread holds it already. Raises IndexChanged, writing
        nothing, when ``base.generation`` is not the committed generation (another writer
        committed after ``base`` was read), and IndexBusy when another writer holds the lock.
        """
