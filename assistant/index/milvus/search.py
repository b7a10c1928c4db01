"""Reading one loaded generation from Milvus: dense and BM25 search, term statistics, chunks by row.

Rows are the chunks' primary keys. Searches keep only chunks of the document versions the loaded
manifest names, so a reader never sees a document another process is committing mid-way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from assistant.errors import IndexStoreError
from assistant.index.base import IndexedDocument
from assistant.index.chunkstore import StoredChunk
from assistant.index.keyword import terms as keyword_terms
from assistant.index.manifest import Manifest
from assistant.index.milvus.collections import QUERY_LIMIT, MilvusCollections
from assistant.index.milvus.expressions import filter_expression, one_of, quote, rows_filter
from assistant.index.milvus.records import CHUNK_FIELDS, stored_chunk
from assistant.types import Filters

_FREQUENCIES_KEPT = 256  # queries whose term frequencies are remembered (terms and weights ask alike)


class MilvusSearch:
    """Searches and reads of the generation ``manifest`` describes (None: nothing loaded)."""

    def __init__(self, collections: MilvusCollections, manifest: Manifest | None) -> None:
        self.collections = collections
        self.manifest = manifest
        self._row_docs: dict[int, str] = {}
        self._dense: dict[int, np.ndarray] = {}  # vectors of the last fetch: retrieval asks for them next
        self._frequencies_of: dict[str, dict[str, int]] = {}

    @property
    def count(self) -> int:
        """Chunks in the loaded generation."""
        return self.manifest.chunk_count if self.manifest else 0

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        """(row, cosine) of the nearest chunks."""
        if k <= 0 or self.count == 0:
            return []
        data = [np.asarray(vector, dtype=np.float32).tolist()]
        return self._ranked(self._search(data, "dense", "IP", k, filters), float)

    def keyword_search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        """(row, BM25 score) of the best matches for the query's keyword terms."""
        words = " ".join(keyword_terms([query])[0])
        if k <= 0 or self.count == 0 or not words:
            return []
        hits = self._search([words], "sparse", "BM25", k, filters)
        return self._ranked(hits, lambda distance: abs(float(distance)))  # milvus-lite reports BM25 negated

    def _search(self, data: list[Any], field: str, metric: str, k: int, filters: Filters | None) -> Any:
        hits = self.collections.client.search(
            self.collections.name("chunks"),
            data=data,
            anns_field=field,
            limit=min(k, QUERY_LIMIT),
            filter=filter_expression(filters),
            output_fields=["doc_id", "version"],
            search_params={"metric_type": metric},
        )
        return hits[0]

    def _ranked(self, hits: Iterable[Any], score: Callable[[Any], float]) -> list[tuple[int, float]]:
        """Hits as (row, score), keeping only chunks of the document versions this store loaded:
        chunks another process has written since (a new or changed document, mid-commit) wait
        until the new generation is loaded, so every row maps to a known document."""
        documents = self.manifest.documents if self.manifest else {}
        ranked = []
        for hit in hits:
            entity = hit["entity"]
            record = documents.get(entity["doc_id"])
            if record is None or record.content_hash[:64] != entity["version"]:
                continue
            row = int(hit["pk"] if "pk" in hit else hit["id"])
            self._row_docs[row] = entity["doc_id"]
            ranked.append((row, score(hit["distance"])))
        return ranked

    def keyword_terms(self, query: str) -> list[str]:
        """The query's keyword terms that occur in the collection."""
        return [term for term, df in self._frequencies(query).items() if df > 0]

    def term_weights(self, query: str) -> dict[str, float]:
        """Each query term with its inverse document (chunk) frequency."""
        n = self.count
        return {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in self._frequencies(query).items()}

    def _frequencies(self, query: str) -> dict[str, int]:
        """Document frequency of each query term (terms in query order, each once)."""
        if query not in self._frequencies_of:
            if len(self._frequencies_of) > _FREQUENCIES_KEPT:
                self._frequencies_of.clear()
            self._frequencies_of[query] = self._read_frequencies(query)
        return self._frequencies_of[query]

    def _read_frequencies(self, query: str) -> dict[str, int]:
        words = list(dict.fromkeys(keyword_terms([query])[0]))
        if not words:
            return {}
        rows = self.collections.client.query(
            self.collections.name("terms"), filter=one_of("key", words), output_fields=["key", "value"]
        )
        found = {row["key"]: int(row["value"]) for row in rows}
        return {term: found.get(term, 0) for term in words}

    def doc_of_row(self, row: int) -> str:
        """The document a row belongs to."""
        if row not in self._row_docs:
            self.fetch([row])
        return self._row_docs[row]

    def fetch(self, rows: Sequence[int]) -> list[StoredChunk]:
        """Chunks by row, in the order asked (their dense vectors are kept for :meth:`vectors`)."""
        if not rows:
            return []
        records = self.collections.client.query(
            self.collections.name("chunks"), filter=rows_filter(rows), output_fields=[*CHUNK_FIELDS, "dense"]
        )
        found = {int(r["pk"]): stored_chunk(r) for r in records}
        self._dense = {int(r["pk"]): np.asarray(r["dense"], dtype=np.float32) for r in records}
        for row, stored in found.items():
            self._row_docs[row] = stored.chunk.doc_id
        return [found[int(r)] for r in rows if int(r) in found]

    def vectors(self, rows: Sequence[int]) -> np.ndarray:
        """Stored dense vectors by row."""
        if not rows:
            return np.zeros((0, self.manifest.dim if self.manifest else 0), dtype=np.float32)
        missing = [int(r) for r in rows if int(r) not in self._dense]
        by_row = dict(self._dense)
        if missing:
            records = self.collections.client.query(
                self.collections.name("chunks"), filter=rows_filter(missing), output_fields=["pk", "dense"]
            )
            by_row.update({int(r["pk"]): np.asarray(r["dense"], dtype=np.float32) for r in records})
        return np.stack([by_row[int(r)] for r in rows])

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        """Every chunk of one document, in reading order (of the loaded version when there is one)."""
        expression = f"doc_id == {quote(doc_id)}"
        record = self.manifest.documents.get(doc_id) if self.manifest else None
        if record is not None:  # the loaded version only, even while another process commits a new one
            expression += f" and version == {quote(record.content_hash[:64])}"
        records = self.collections.query_all("chunks", CHUNK_FIELDS, expression)
        return sorted((stored_chunk(r) for r in records), key=lambda s: s.chunk.ordinal)

    def directory_entries(self) -> list[dict[str, object]]:
        """The directory entries stored for every document, in document order."""
        parts: dict[str, list[tuple[int, str]]] = {}
        for row in self.collections.query_all("directory", ["key", "doc_id", "value"]):
            parts.setdefault(row["doc_id"], []).append((int(row["key"].rsplit("|", 1)[1]), row["value"]))
        return [json.loads("".join(text for _, text in sorted(chunks))) for _, chunks in sorted(parts.items())]

    def export_document(self, doc_id: str) -> IndexedDocument:
        """One loaded document with its chunks, vectors and directory entries."""
        if self.manifest is None:
            raise IndexStoreError("the index is not loaded")
        record = self.manifest.documents[doc_id]
        expression = f"doc_id == {quote(doc_id)} and version == {quote(record.content_hash[:64])}"
        records = self.collections.query_all("chunks", [*CHUNK_FIELDS, "dense"], expression)
        records.sort(key=lambda r: int(r["ordinal"]))
        stored = [stored_chunk(r) for r in records]
        parts = self.collections.query_all("directory", ["key", "value"], f"doc_id == {quote(doc_id)}")
        parts.sort(key=lambda r: int(r["key"].rsplit("|", 1)[1]))
        return IndexedDocument(
            info=record.info,
            content_hash=record.content_hash,
            pages=record.pages,
            chunks=[s.chunk for s in stored],
            vectors=np.asarray([r["dense"] for r in records], dtype=np.float32).reshape(len(records), -1),
            sentence_vectors=[s.sentence_vectors for s in stored],
            directory=json.loads("".join(r["value"] for r in parts)) if parts else None,
            reader=record.reader,
        )
