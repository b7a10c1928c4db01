"""MilvusStore: the Store protocol over the collections, searches and commits of one Milvus index."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager

import numpy as np

from assistant.errors import ConfigError, IndexMismatch, IndexNotFound, IndexStoreError, first_line
from assistant.index.base import IndexedDocument
from assistant.index.chunkstore import StoredChunk
from assistant.index.manifest import FORMAT_VERSION, Manifest
from assistant.index.milvus.collections import MilvusCollections
from assistant.index.milvus.commit import MilvusWriter
from assistant.index.milvus.search import MilvusSearch
from assistant.types import Filters

_RECHECK_SECONDS = 1.0  # how often is_stale asks Milvus for the committed generation


class MilvusStore:
    """Index storage in Milvus; see :mod:`assistant.index.milvus`."""

    name = "milvus"

    def __init__(self, uri: str, token: str = "", prefix: str = "assistant") -> None:
        self.collections = MilvusCollections(uri, token, prefix)
        self._search = MilvusSearch(self.collections, None)
        self._writer = MilvusWriter(self.collections, self.name)
        self._checked_at = 0.0

    def __repr__(self) -> str:
        return f"MilvusStore({self.uri!r}, prefix={self.prefix!r})"

    @property
    def uri(self) -> str:
        """The server address or milvus-lite file."""
        return self.collections.uri

    @property
    def prefix(self) -> str:
        """The prefix of this index's collection names."""
        return self.collections.prefix

    @property
    def manifest(self) -> Manifest | None:
        """The loaded manifest (None before :meth:`load`)."""
        return self._search.manifest

    def close(self) -> None:
        """Close the connection; a milvus-lite file is then free for another process (other
        stores of this process on the same file must not be used after this)."""
        self.collections.close()

    # -- reading ---------------------------------------------------------------------------

    def current(self) -> Manifest:
        """The committed manifest with every document record (raises IndexNotFound when there is none)."""
        collections = self.collections
        try:
            if not collections.client.has_collection(collections.name("meta")):
                raise IndexNotFound(self._not_found())
            collections.client.load_collection(collections.name("meta"))
            value = collections.read_value("meta", "manifest")
            if value is None:  # nothing committed yet (a first writer may hold the lease)
                raise IndexNotFound(self._not_found())
            collections.load()
            data = json.loads(value)
            data["documents"] = {
                row["key"]: json.loads(row["value"]) for row in collections.query_all("documents", ["key", "value"])
            }
        except (IndexNotFound, ConfigError, IndexStoreError):
            raise
        except Exception as exc:  # pymilvus errors: unreachable server, missing collection
            raise IndexStoreError(f"cannot read the index in Milvus at {self.uri}: {first_line(exc)}") from exc
        manifest = Manifest.from_json(data)
        if manifest.format_version != FORMAT_VERSION:
            raise IndexMismatch("the Milvus index uses another format: run `assistant index --rebuild`")
        return manifest

    def _not_found(self) -> str:
        return f"no index in Milvus at {self.uri} (prefix {self.prefix!r}): build one with `assistant index`"

    def load(self) -> MilvusStore:
        """Read the committed manifest; searches then go to Milvus (raises IndexNotFound when empty)."""
        self._search = MilvusSearch(self.collections, self.current())
        self._checked_at = time.monotonic()
        return self

    def is_stale(self) -> bool:
        """Whether another process has committed since this store was loaded.

        Asked before every question; Milvus is asked at most once a second, so a commit
        elsewhere is picked up within a second without a round trip per question.
        """
        now = time.monotonic()
        if now - self._checked_at < _RECHECK_SECONDS:
            return False
        self._checked_at = now
        try:
            current = self.collections.generation()
        except Exception:  # a server hiccup is not a reason to reload
            return False
        return current != (self.manifest.generation if self.manifest else -1)

    @property
    def count(self) -> int:
        return self._search.count

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        return self._search.dense_search(vector, k, filters)

    def keyword_search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        return self._search.keyword_search(query, k, filters)

    def keyword_terms(self, query: str) -> list[str]:
        return self._search.keyword_terms(query)

    def term_weights(self, query: str) -> dict[str, float]:
        return self._search.term_weights(query)

    def doc_of_row(self, row: int) -> str:
        return self._search.doc_of_row(row)

    def fetch(self, rows: Sequence[int]) -> list[StoredChunk]:
        return self._search.fetch(rows)

    def vectors(self, rows: Sequence[int]) -> np.ndarray:
        return self._search.vectors(rows)

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        return self._search.document_chunks(doc_id)

    def directory_entries(self) -> list[dict[str, object]]:
        return self._search.directory_entries()

    def export_document(self, doc_id: str) -> IndexedDocument:
        return self._search.export_document(doc_id)

    # -- writing ---------------------------------------------------------------------------

    def writer(self, action: str) -> AbstractContextManager[int]:
        """Hold the writer lease for the block; see :meth:`MilvusWriter.writer`."""
        return self._writer.writer(action)

    def commit(self, base: Manifest, added: Sequence[IndexedDocument], removed: set[str]) -> Manifest:
        """Store ``base`` minus ``removed`` plus ``added``; see :meth:`MilvusWriter.commit`."""
        return self._writer.commit(base, added, removed)

    def drop(self) -> None:
        """Delete every collection of this index."""
        self.collections.drop()
        self._search = MilvusSearch(self.collections, None)
