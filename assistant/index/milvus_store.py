"""A store in Milvus, for archives beyond one machine or several app servers sharing an index.

``ASSISTANT_STORE=milvus`` with ``ASSISTANT_MILVUS_URI`` either a file path (milvus-lite,
embedded, one process at a time) or a server address (``http://host:19530``, token optional).
Everything lives in Milvus, so every process connected to the same server sees one index:

    <prefix>_chunks     chunk text, position, metadata for filters, the dense vector, the sparse
                        BM25 vector computed by Milvus's own full-text function from the text,
                        and the sentence vectors (base64)
    <prefix>_documents  one record per document (metadata, content hash, chunk count)
    <prefix>_directory  each document's directory entries (JSON, split into parts)
    <prefix>_terms      document frequency of each keyword term (for evidence weighting)
    <prefix>_meta       the manifest: model, settings, roots, generation

Keyword search is Milvus's own BM25 function over a ``keywords`` field that holds each chunk's
terms as the FAISS path's keyword index makes them (stop words dropped, English stems), so both
stores rank words alike and are fused the same way.

Milvus keeps no transactions across collections: a commit writes the new chunks first, then
the document records, then removes the old chunks and bumps the generation, so a reader may
briefly see a document's old and new chunks together, never neither. One writer at a time: a
run holds a lease in ``<prefix>_meta`` from reading the manifest to the commit, renewed by a
heartbeat, and another writer gets IndexBusy at once (see :meth:`MilvusStore.writer`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import math
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from assistant.chunking import passage_header, passage_text
from assistant.dates import date_bounds
from assistant.errors import ConfigError, IndexMismatch, IndexNotFound, IndexStoreError, first_line
from assistant.index.base import IndexedDocument
from assistant.index.chunkstore import StoredChunk
from assistant.index.keyword import terms as keyword_terms
from assistant.index.manifest import FORMAT_VERSION, DocumentRecord, Manifest
from assistant.index.milvus_lease import MilvusLease
from assistant.index.writer_lock import Holder, check_base
from assistant.types import Chunk, Filters

logger = logging.getLogger(__name__)

_TEXT_LIMIT = 65_535
_PART = 60_000
_DUMMY_DIM = 2
_BATCH = 500
_RECHECK_SECONDS = 1.0
_QUERY_LIMIT = 16_384  # the most records one Milvus query returns
_KINDS = ("chunks", "documents", "directory", "terms", "meta")
_CHUNK_FIELDS = [
    "pk",
    "doc_id",
    "ordinal",
    "page",
    "section",
    "char_start",
    "char_end",
    "header_length",
    "text",
    "sentences",
    "sentence_vectors",
]


def quote(value: str) -> str:
    """A Milvus string literal for ``value``: a filter value can never change the expression.

    Raises:
        ConfigError: for control characters, which no filter value needs.
    """
    if any(ord(c) < 32 for c in value):
        raise ConfigError("filter values cannot contain control characters")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def filter_expression(filters: Filters | None) -> str:
    """The Milvus boolean expression for document filters ('' when there are none)."""
    if filters is None or filters.is_empty():
        return ""
    parts = []
    for field, values in (
        ("doc_type", filters.doc_types),
        ("organisation_key", filters.organisations),
        ("doc_id", filters.doc_ids),
    ):
        if values:
            wanted = [v if field == "doc_id" else v.lower() for v in values]
            parts.append(f"{field} in [{', '.join(quote(v) for v in wanted)}]")
    if filters.since or filters.until:  # as dates.in_range: a range never matches undated documents
        dated = ['date_start != ""']
        if since := date_bounds(filters.since):
            dated.append(f"date_end >= {quote(since[0])}")
        if until := date_bounds(filters.until):
            dated.append(f"date_start <= {quote(until[1])}")
        parts.append(" and ".join(dated))
    return " and ".join(f"({p})" for p in parts)


class MilvusStore:
    """Index storage in Milvus; see the module docstring."""

    name = "milvus"

    def __init__(self, uri: str, token: str = "", prefix: str = "assistant") -> None:
        if not prefix.replace("_", "").isalnum() or not prefix[0].isalpha():
            raise ConfigError(
                f"ASSISTANT_MILVUS_PREFIX={prefix!r}: use letters, digits and underscores, starting with a letter"
            )
        self.uri = uri
        self.token = token
        self.prefix = prefix
        self.manifest: Manifest | None = None
        self._client: Any = None
        self._row_docs: dict[int, str] = {}
        self._dense: dict[int, np.ndarray] = {}  # vectors of the last fetch: retrieval asks for them next
        self._frequencies_of: dict[str, dict[str, int]] = {}  # per query: terms and weights ask alike
        self._checked_at = 0.0
        self._lock = threading.Lock()
        self._lease_holder: Holder | None = None  # the writer lease this store holds, and in which thread
        self._lease_thread: int | None = None

    def __repr__(self) -> str:
        return f"MilvusStore({self.uri!r}, prefix={self.prefix!r})"

    # -- connection and schema -------------------------------------------------------------

    @property
    def client(self) -> Any:
        if self._client is None:
            if not is_server(self.uri):  # milvus-lite's keepalive policy makes gRPC print "too_many_pings"
                os.environ.setdefault("GRPC_VERBOSITY", "NONE")
            try:
                from pymilvus import MilvusClient
            except ImportError as exc:
                raise ConfigError(
                    "the Milvus store needs pymilvus and milvus-lite: pip install pymilvus milvus-lite"
                ) from exc
            if not is_server(self.uri):
                Path(self.uri).parent.mkdir(parents=True, exist_ok=True)
                # milvus-lite serves in this process and leaves some calls unimplemented that
                # pymilvus tries first (index-build polling); their tracebacks are noise
                logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
                logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)  # failures are raised below
            try:
                self._client = MilvusClient(self.uri, token=self.token) if self.token else MilvusClient(self.uri)
            except Exception as exc:  # pymilvus raises several unrelated types on connection failure
                if is_server(self.uri):
                    raise IndexStoreError(f"cannot connect to Milvus at {self.uri}: {first_line(exc)}") from exc
                raise IndexStoreError(
                    f"cannot open the milvus-lite file {self.uri} ({first_line(exc)}); milvus-lite serves one "
                    "process at a time: if another has it open, serve it with `milvus-lite server --data-dir "
                    f"{self.uri} --host 127.0.0.1` and set ASSISTANT_MILVUS_URI=http://127.0.0.1:19530"
                ) from exc
        return self._client

    def close(self) -> None:
        """Close the connection; a milvus-lite file is then free for another process (other
        stores of this process on the same file must not be used after this)."""
        if self._client is not None:
            self._client.close()
            self._client = None
            if not is_server(self.uri):
                from milvus_lite.server_manager import server_manager_instance

                server_manager_instance.release_server(self.uri)

    def _name(self, kind: str) -> str:
        return f"{self.prefix}_{kind}"

    def _ensure_collections(self, dim: int) -> None:
        from pymilvus import DataType, Function, FunctionType, MilvusClient

        client = self.client
        if not client.has_collection(self._name("chunks")):
            schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
            schema.add_field("pk", DataType.INT64, is_primary=True)
            for name, length in (
                ("doc_id", 512),
                ("version", 64),
                ("doc_type", 64),
                ("organisation_key", 512),
                ("date_start", 16),
                ("date_end", 16),
                ("section", 8192),
                ("sentences", 16384),
                ("sentence_vectors", _TEXT_LIMIT),
                ("text", _TEXT_LIMIT),
            ):
                schema.add_field(name, DataType.VARCHAR, max_length=length)
            for name in ("ordinal", "page", "char_start", "char_end", "header_length"):
                schema.add_field(name, DataType.INT64)
            # the chunk's keyword terms, already stemmed and stop-worded: the standard tokenizer
            # only splits them on spaces, so Milvus's BM25 sees the terms the FAISS path sees
            schema.add_field(
                "keywords",
                DataType.VARCHAR,
                max_length=_TEXT_LIMIT,
                enable_analyzer=True,
                analyzer_params={"tokenizer": "standard"},
            )
            schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
            schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(
                Function(
                    name="bm25",
                    function_type=FunctionType.BM25,
                    input_field_names=["keywords"],
                    output_field_names=["sparse"],
                )
            )
            index = client.prepare_index_params()
            index.add_index("dense", index_type=self._dense_index_type(), metric_type="IP")
            index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
            self._create(self._name("chunks"), schema, index)
        for kind, key_length in (("documents", 512), ("directory", 600), ("terms", 256), ("meta", 64)):
            if not client.has_collection(self._name(kind)):
                self._create_keyed(kind, key_length)
        for kind in _KINDS:
            client.load_collection(self._name(kind))

    def _create_keyed(self, kind: str, key_length: int) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=key_length)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
        schema.add_field("value", DataType.VARCHAR, max_length=_TEXT_LIMIT)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=_DUMMY_DIM)  # Milvus needs one vector field
        index = self.client.prepare_index_params()
        index.add_index("vector", index_type="FLAT", metric_type="L2")
        self._create(self._name(kind), schema, index)

    def _create(self, name: str, schema: Any, index: Any) -> None:
        """Create a collection with strong consistency (a commit is visible to the next read) and its
        indexes; pymilvus would poll each new index's build every half second, needless on an empty
        collection."""
        self.client.create_collection(name, schema=schema, consistency_level="Strong")
        self.client.create_index(name, index, sync=False)
        self.client.load_collection(name)

    def _dense_index_type(self) -> str:
        """Exact search in a milvus-lite file (the same results as FAISS's exact index, for the
        small collections milvus-lite is for); a server picks its own index (AUTOINDEX)."""
        return "AUTOINDEX" if is_server(self.uri) else "FLAT"

    # -- reading ---------------------------------------------------------------------------

    def current(self) -> Manifest:
        """The committed manifest with every document record (raises IndexNotFound when there is none)."""
        try:
            if not self.client.has_collection(self._name("meta")):
                raise IndexNotFound(self._not_found())
            self.client.load_collection(self._name("meta"))
            rows = self.client.query(self._name("meta"), filter='key == "manifest"', output_fields=["value"])
            if not rows:  # nothing committed yet (a first writer may hold the lease)
                raise IndexNotFound(self._not_found())
            for kind in _KINDS:
                self.client.load_collection(self._name(kind))
            data = json.loads(rows[0]["value"])
            data["documents"] = {
                row["key"]: json.loads(row["value"])
                for row in self._query_all(self._name("documents"), ["key", "value"])
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
        self.manifest = self.current()
        self._row_docs, self._dense, self._frequencies_of = {}, {}, {}
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
            current = self._generation()
        except Exception:  # a server hiccup is not a reason to reload
            return False
        return current != (self.manifest.generation if self.manifest else -1)

    @property
    def count(self) -> int:
        return self.manifest.chunk_count if self.manifest else 0

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        if k <= 0 or self.count == 0:
            return []
        hits = self.client.search(
            self._name("chunks"),
            data=[np.asarray(vector, dtype=np.float32).tolist()],
            anns_field="dense",
            limit=min(k, 16_384),
            filter=filter_expression(filters),
            output_fields=["doc_id", "version"],
            search_params={"metric_type": "IP"},
        )
        return self._ranked(hits[0], float)

    def keyword_search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        words = " ".join(keyword_terms([query])[0])
        if k <= 0 or self.count == 0 or not words:
            return []
        hits = self.client.search(
            self._name("chunks"),
            data=[words],
            anns_field="sparse",
            limit=min(k, 16_384),
            filter=filter_expression(filters),
            output_fields=["doc_id", "version"],
            search_params={"metric_type": "BM25"},
        )
        return self._ranked(hits[0], lambda distance: abs(float(distance)))  # milvus-lite reports BM25 negated

    def _ranked(self, hits: Iterable[Any], score: Any) -> list[tuple[int, float]]:
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
        return [term for term, df in self._frequencies(query).items() if df > 0]

    def term_weights(self, query: str) -> dict[str, float]:
        n = self.count
        return {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in self._frequencies(query).items()}

    def _frequencies(self, query: str) -> dict[str, int]:
        """Document frequency of each query term (terms in query order, each once)."""
        if query not in self._frequencies_of:
            if len(self._frequencies_of) > 256:
                self._frequencies_of.clear()
            self._frequencies_of[query] = self._read_frequencies(query)
        return self._frequencies_of[query]

    def _read_frequencies(self, query: str) -> dict[str, int]:
        words = list(dict.fromkeys(keyword_terms([query])[0]))
        if not words:
            return {}
        rows = self.client.query(
            self._name("terms"), filter=f"key in [{', '.join(quote(t) for t in words)}]", output_fields=["key", "value"]
        )
        found = {row["key"]: int(row["value"]) for row in rows}
        return {term: found.get(term, 0) for term in words}

    def fetch(self, rows: Sequence[int]) -> list[StoredChunk]:
        if not rows:
            return []
        records = self.client.query(
            self._name("chunks"), filter=_rows_filter(rows), output_fields=[*_CHUNK_FIELDS, "dense"]
        )
        found = {int(r["pk"]): _stored(r) for r in records}
        self._dense = {int(r["pk"]): np.asarray(r["dense"], dtype=np.float32) for r in records}
        for row, stored in found.items():
            self._row_docs[row] = stored.chunk.doc_id
        return [found[int(r)] for r in rows if int(r) in found]

    def vectors(self, rows: Sequence[int]) -> np.ndarray:
        if not rows:
            return np.zeros((0, self.manifest.dim if self.manifest else 0), dtype=np.float32)
        missing = [int(r) for r in rows if int(r) not in self._dense]
        by_row = dict(self._dense)
        if missing:
            records = self.client.query(
                self._name("chunks"), filter=_rows_filter(missing), output_fields=["pk", "dense"]
            )
            by_row.update({int(r["pk"]): np.asarray(r["dense"], dtype=np.float32) for r in records})
        return np.stack([by_row[int(r)] for r in rows])

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        expression = f"doc_id == {quote(doc_id)}"
        record = self.manifest.documents.get(doc_id) if self.manifest else None
        if record is not None:  # the loaded version only, even while another process commits a new one
            expression += f" and version == {quote(record.content_hash[:64])}"
        records = self._query_all(self._name("chunks"), _CHUNK_FIELDS, expression)
        return sorted((_stored(r) for r in records), key=lambda s: s.chunk.ordinal)

    def directory_entries(self) -> list[dict[str, object]]:
        parts: dict[str, list[tuple[int, str]]] = {}
        for row in self._query_all(self._name("directory"), ["key", "doc_id", "value"]):
            parts.setdefault(row["doc_id"], []).append((int(row["key"].rsplit("|", 1)[1]), row["value"]))
        return [json.loads("".join(text for _, text in sorted(chunks))) for _, chunks in sorted(parts.items())]

    def export_document(self, doc_id: str) -> IndexedDocument:
        if self.manifest is None:
            raise IndexStoreError("the index is not loaded")
        record = self.manifest.documents[doc_id]
        expression = f"doc_id == {quote(doc_id)} and version == {quote(record.content_hash[:64])}"
        records = self._query_all(self._name("chunks"), [*_CHUNK_FIELDS, "dense"], expression)
        records.sort(key=lambda r: int(r["ordinal"]))
        stored = [_stored(r) for r in records]
        parts = self._query_all(self._name("directory"), ["key", "value"], f"doc_id == {quote(doc_id)}")
        parts.sort(key=lambda r: int(r["key"].rsplit("|", 1)[1]))
        return IndexedDocument(
            info=record.info,
            content_hash=record.content_hash,
            pages=record.pages,
            chunks=[s.chunk for s in stored],
            vectors=np.asarray([r["dense"] for r in records], dtype=np.float32).reshape(len(records), -1),
            sentence_vectors=[s.sentence_vectors for s in stored],
            directory=json.loads("".join(r["value"] for r in parts)) if parts else None,
        )

    def doc_of_row(self, row: int) -> str:
        if row not in self._row_docs:
            self.fetch([row])
        return self._row_docs[row]

    def _query_all(self, collection: str, fields: list[str], expression: str = "") -> list[dict[str, Any]]:
        """Every matching record (one query, or batches past the 16,384 one query returns)."""
        everything = "pk >= 0" if collection == self._name("chunks") else 'key != ""'
        expression = expression or everything
        found = self.client.query(collection, filter=expression, output_fields=fields, limit=_QUERY_LIMIT)
        if len(found) < _QUERY_LIMIT:
            return found
        iterator = self.client.query_iterator(collection, batch_size=1000, filter=expression, output_fields=fields)
        found = []
        try:
            while batch := iterator.next():
                found += batch
        finally:
            iterator.close()
        return found

    # -- writing ---------------------------------------------------------------------------

    def commit(self, base: Manifest, added: Sequence[IndexedDocument], removed: set[str]) -> Manifest:
        """Store ``base`` minus ``removed`` plus ``added``; documents stored but absent from
        ``base`` (a rebuild) are dropped too. Returns the new manifest.

        Raises:
            IndexChanged: ``base`` is not the committed generation (nothing is written).
            IndexBusy: when another writer holds this index's lease, or took it over from this one.
        """
        with self._lock, self.writer("commit"):
            assert self._lease_holder is not None  # writer() holds it
            self._lease().check(self._lease_holder)  # not taken over while this run worked
            check_base(base, self._generation(), self._where())
            self._ensure_collections(base.dim)
            stored = self._stored_documents()
            added_ids = {doc.info.doc_id for doc in added}
            kept = {d: r for d, r in base.documents.items() if d not in removed and d not in added_ids and d in stored}
            dropped = set(stored) - set(kept) - added_ids
            if not kept and stored:  # nothing survives: start the collections afresh
                self._drop_data()
                self._ensure_collections(base.dim)
                stale_texts: list[str] = []
            else:
                stale_texts = self._texts_of(sorted(dropped | (added_ids & set(stored))))
            for doc in added:
                self._insert_chunks(doc)
            records = dict(kept)
            for doc in added:
                records[doc.info.doc_id] = DocumentRecord(doc.info, doc.content_hash, 0, len(doc.chunks), doc.pages)
                self._write_record(records[doc.info.doc_id], doc.directory)
            self._delete_old_chunks(dropped, added)
            for doc_id in sorted(dropped):
                self._delete_keyed("documents", doc_id)
                self._delete_keyed("directory", doc_id)
            self._update_terms(stale_texts, [_keyword_text(doc.info.title, c) for doc in added for c in doc.chunks])
            manifest = Manifest(
                model=base.model,
                dim=base.dim,
                chunking=base.chunking,
                index_type="milvus",
                store=self.name,
                documents=records,
                roots=list(base.roots),
                excluded=list(base.excluded),
                embedding_backend=base.embedding_backend,
                generation=self._generation() + 1,
                built_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
            )
            self._write_manifest(manifest)
        return manifest

    @contextmanager
    def writer(self, action: str) -> Iterator[int]:
        """Hold the writer lease (see :mod:`assistant.index.milvus_lease`) for the block, yielding
        the committed generation; see :meth:`assistant.index.base.Store.writer`.

        Raises:
            IndexBusy: at once, when another writer holds it.
        """
        if self._lease_thread == threading.get_ident():
            yield self._generation()
            return
        self._ensure_meta()
        with self._lease().held(action) as holder:
            self._lease_holder, self._lease_thread = holder, threading.get_ident()
            try:
                yield self._generation()
            finally:
                self._lease_holder, self._lease_thread = None, None

    def _lease(self) -> MilvusLease:
        return MilvusLease(
            self._lease_value, lambda value: self._upsert_keyed("meta", "writer", "", value), self._where()
        )

    def _lease_value(self) -> str:
        rows = self.client.query(self._name("meta"), filter='key == "writer"', output_fields=["value"])
        return str(rows[0]["value"]) if rows else ""

    def _where(self) -> str:
        return f"the index in Milvus at {self.uri} (prefix {self.prefix!r})"

    def _ensure_meta(self) -> None:
        if not self.client.has_collection(self._name("meta")):
            self._create_keyed("meta", 64)
        self.client.load_collection(self._name("meta"))

    def _stored_documents(self) -> set[str]:
        return {row["key"] for row in self._query_all(self._name("documents"), ["key"])}

    def _texts_of(self, doc_ids: list[str]) -> list[str]:
        texts: list[str] = []
        for doc_id in doc_ids:
            texts += [
                r["keywords"] for r in self._query_all(self._name("chunks"), ["keywords"], f"doc_id == {quote(doc_id)}")
            ]
        return texts

    def _insert_chunks(self, doc: IndexedDocument) -> None:
        info = doc.info
        bounds = date_bounds(info.date) or ("", "")
        rows = []
        for chunk, vector, vectors in zip(doc.chunks, doc.vectors, doc.sentence_vectors, strict=True):
            header = passage_header(info.title, chunk.section)
            rows.append(
                {
                    "pk": _row_id(info.doc_id, doc.content_hash, chunk.ordinal),
                    "doc_id": info.doc_id,
                    "version": doc.content_hash[:64],
                    "doc_type": info.doc_type.lower(),
                    "organisation_key": (info.organisation or "").lower()[:500],
                    "date_start": bounds[0],
                    "date_end": bounds[1],
                    "section": json.dumps([part[:300] for part in chunk.section]),
                    "sentences": json.dumps([list(s) for s in chunk.sentences]),
                    "sentence_vectors": _encode_vectors(vectors),
                    "ordinal": chunk.ordinal,
                    "page": -1 if chunk.page is None else chunk.page,
                    "char_start": chunk.char_start,
                    "char_end": chunk.char_end,
                    "header_length": len(header) + 1,
                    "text": _fit(passage_text(info.title, chunk.section, chunk.text)),
                    "keywords": _fit(_keyword_text(info.title, chunk)),
                    "dense": np.asarray(vector, dtype=np.float32).tolist(),
                }
            )
        for start in range(0, len(rows), _BATCH):
            self.client.upsert(self._name("chunks"), rows[start : start + _BATCH])

    def _delete_old_chunks(self, dropped: set[str], added: Sequence[IndexedDocument]) -> None:
        ordered = sorted(dropped)
        for start in range(0, len(ordered), _BATCH):
            part = ordered[start : start + _BATCH]
            self.client.delete(self._name("chunks"), filter=f"doc_id in [{', '.join(quote(d) for d in part)}]")
        for doc in added:
            self.client.delete(
                self._name("chunks"),
                filter=f"doc_id == {quote(doc.info.doc_id)} and version != {quote(doc.content_hash[:64])}",
            )

    def _write_record(self, record: DocumentRecord, directory: dict[str, object] | None) -> None:
        self._upsert_keyed("documents", record.info.doc_id, record.info.doc_id, json.dumps(record.to_json()))
        self._delete_keyed("directory", record.info.doc_id)
        if directory is not None:
            text = json.dumps(directory)  # ASCII: each part's length in characters is its length in bytes
            for n, start in enumerate(range(0, len(text), _PART)):
                self._upsert_keyed(
                    "directory", f"{record.info.doc_id}|{n}", record.info.doc_id, text[start : start + _PART]
                )

    def _update_terms(self, removed_texts: list[str], added_texts: list[str]) -> None:
        """Keep each keyword term's document (chunk) frequency in step, for evidence weighting."""
        change: Counter[str] = Counter()
        for text in added_texts:
            change.update(set(text.split()))
        for text in removed_texts:
            change.subtract(set(text.split()))
        words = [t for t, delta in change.items() if delta]
        current: dict[str, int] = {}
        for start in range(0, len(words), _BATCH):
            part = words[start : start + _BATCH]
            rows = self.client.query(
                self._name("terms"),
                filter=f"key in [{', '.join(quote(t) for t in part)}]",
                output_fields=["key", "value"],
            )
            current.update({row["key"]: int(row["value"]) for row in rows})
        updates = [
            {"key": t, "doc_id": "", "value": str(max(0, current.get(t, 0) + change[t])), "vector": [0.0] * _DUMMY_DIM}
            for t in words
        ]
        for start in range(0, len(updates), _BATCH):
            self.client.upsert(self._name("terms"), updates[start : start + _BATCH])

    def _write_manifest(self, manifest: Manifest) -> None:
        data = manifest.to_json()
        data["documents"] = {}  # each document has its own record
        self._upsert_keyed("meta", "manifest", "", json.dumps(data))
        self._upsert_keyed("meta", "generation", "", str(manifest.generation))  # the commit point

    def _generation(self) -> int:
        rows = self.client.query(self._name("meta"), filter='key == "generation"', output_fields=["value"])
        return int(rows[0]["value"]) if rows else 0

    def _upsert_keyed(self, kind: str, key: str, doc_id: str, value: str) -> None:
        self.client.upsert(
            self._name(kind), [{"key": key, "doc_id": doc_id, "value": value, "vector": [0.0] * _DUMMY_DIM}]
        )

    def _delete_keyed(self, kind: str, doc_id: str) -> None:
        self.client.delete(self._name(kind), filter=f"doc_id == {quote(doc_id)}")

    def _drop_data(self) -> None:
        for kind in ("chunks", "documents", "directory", "terms"):
            if self.client.has_collection(self._name(kind)):
                self.client.drop_collection(self._name(kind))

    def drop(self) -> None:
        """Delete every collection of this index."""
        self._drop_data()
        if self.client.has_collection(self._name("meta")):
            self.client.drop_collection(self._name("meta"))
        self.manifest = None


def _keyword_text(title: str, chunk: Chunk) -> str:
    """The chunk's keyword terms, as the FAISS path's BM25 index tokenises its header and text."""
    return " ".join(keyword_terms([passage_text(title, chunk.section, chunk.text)])[0])


def _fit(text: str) -> str:
    """Text cut to fit a VARCHAR field, whose limit counts UTF-8 bytes."""
    data = text.encode("utf-8")
    return text if len(data) <= _TEXT_LIMIT else data[:_TEXT_LIMIT].decode("utf-8", errors="ignore")


def is_server(uri: str) -> bool:
    """Whether a Milvus URI names a server (else it is a milvus-lite file)."""
    return uri.startswith(("http://", "https://", "tcp://", "grpc://", "unix:"))


def _rows_filter(rows: Sequence[int]) -> str:
    return f"pk in [{', '.join(str(int(r)) for r in rows)}]"


def _row_id(doc_id: str, content_hash: str, ordinal: int) -> int:
    digest = hashlib.blake2b(f"{doc_id}\0{content_hash}\0{ordinal}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def _encode_vectors(vectors: np.ndarray | None) -> str:
    """Sentence vectors as base64 float16 ('h:...'), or int8 with scales ('q:...') when too long."""
    if vectors is None or len(vectors) == 0:
        return ""
    array = np.asarray(vectors, dtype=np.float32)
    text = "h:" + base64.b64encode(array.astype(np.float16).tobytes()).decode()
    if len(text) <= _TEXT_LIMIT:
        return text
    scale = np.maximum(np.abs(array).max(axis=1, keepdims=True), 1e-8) / 127.0
    packed = np.concatenate(
        [scale.astype(np.float32).view(np.uint8), np.round(array / scale).astype(np.int8).view(np.uint8)], axis=1
    )
    return "q:" + base64.b64encode(packed.tobytes()).decode()


def _decode_vectors(text: str, count: int) -> np.ndarray | None:
    if not text or count == 0:
        return None
    kind, payload = text[:2], base64.b64decode(text[2:])
    if kind == "h:":
        return np.frombuffer(payload, dtype=np.float16).reshape(count, -1)
    packed = np.frombuffer(payload, dtype=np.uint8).reshape(count, -1)
    scale = packed[:, :4].copy().view(np.float32)
    return (packed[:, 4:].view(np.int8).astype(np.float32) * scale).astype(np.float16)


def _stored(record: dict[str, Any]) -> StoredChunk:
    sentences = tuple(tuple(s) for s in json.loads(record["sentences"]))
    text = record["text"][int(record["header_length"]) :]
    chunk = Chunk(
        doc_id=record["doc_id"],
        ordinal=int(record["ordinal"]),
        text=text,
        page=None if int(record["page"]) < 0 else int(record["page"]),
        section=tuple(json.loads(record["section"])),
        char_start=int(record["char_start"]),
        char_end=int(record["char_end"]),
        sentences=sentences,  # type: ignore[arg-type]
    )
    return StoredChunk(int(record["pk"]), chunk, _decode_vectors(record["sentence_vectors"], len(sentences)))
