"""The commit protocol of the Milvus store, one writer at a time under the lease.

Milvus keeps no transactions across collections: a commit writes the new chunks first, then
the document records, then removes the old chunks and bumps the generation, so a reader may
briefly see a document's old and new chunks together, never neither. One writer at a time: a
run holds a lease in ``<prefix>_meta`` from reading the manifest to the commit, renewed by a
heartbeat (:mod:`assistant.index.milvus.lease`), and another writer gets IndexBusy at once.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from assistant.index.base import IndexedDocument
from assistant.index.manifest import DocumentRecord, Manifest
from assistant.index.milvus.collections import MilvusCollections
from assistant.index.milvus.expressions import one_of, quote
from assistant.index.milvus.lease import MilvusLease
from assistant.index.milvus.records import chunk_records, keyword_text
from assistant.index.writer_lock import Holder, check_base

_BATCH = 500  # records per upsert, delete or query
_PART = 60_000  # characters of directory JSON per record


class MilvusWriter:
    """Writes to one index's collections: the writer lease and the commit."""

    def __init__(self, collections: MilvusCollections, name: str) -> None:
        self.collections = collections
        self.name = name  # the store's name, recorded in the manifest
        self._lock = threading.Lock()
        self._lease_holder: Holder | None = None  # the writer lease this store holds, and in which thread
        self._lease_thread: int | None = None

    @contextmanager
    def writer(self, action: str) -> Iterator[int]:
        """Hold the writer lease for the block, yielding the committed generation; see
        :meth:`assistant.index.base.Store.writer`.

        Raises:
            IndexBusy: at once, when another writer holds it.
        """
        if self._lease_thread == threading.get_ident():
            yield self.collections.generation()
            return
        self.collections.ensure_meta()
        with self._lease().held(action) as holder:
            self._lease_holder, self._lease_thread = holder, threading.get_ident()
            try:
                yield self.collections.generation()
            finally:
                self._lease_holder, self._lease_thread = None, None

    def _lease(self) -> MilvusLease:
        collections = self.collections
        return MilvusLease(
            lambda: collections.read_value("meta", "writer") or "",
            lambda value: collections.upsert_keyed("meta", "writer", "", value),
            collections.where,
        )

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
            check_base(base, self.collections.generation(), self.collections.where)
            records = self._write(base, added, removed)
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
                generation=self.collections.generation() + 1,
                built_at=time.strftime("%Y-%m-%dT%H:%M:%S"),
            )
            self._write_manifest(manifest)
        return manifest

    def _write(self, base: Manifest, added: Sequence[IndexedDocument], removed: set[str]) -> dict[str, DocumentRecord]:
        """Write the chunks and records of ``added`` and delete what is gone; returns every document's record."""
        collections = self.collections
        collections.ensure(base.dim)
        stored = {row["key"] for row in collections.query_all("documents", ["key"])}
        added_ids = {doc.info.doc_id for doc in added}
        kept = {d: r for d, r in base.documents.items() if d not in removed and d not in added_ids and d in stored}
        dropped = set(stored) - set(kept) - added_ids
        if not kept and stored:  # nothing survives: start the collections afresh
            collections.drop_data()
            collections.ensure(base.dim)
            stale_texts: list[str] = []
        else:
            stale_texts = self._texts_of(sorted(dropped | (added_ids & set(stored))))
        for doc in added:
            self._insert_chunks(doc)
        records = dict(kept)
        for doc in added:
            records[doc.info.doc_id] = DocumentRecord(
                doc.info, doc.content_hash, 0, len(doc.chunks), doc.pages, doc.reader
            )
            self._write_record(records[doc.info.doc_id], doc.directory)
        self._delete_old_chunks(dropped, added)
        for doc_id in sorted(dropped):
            collections.delete_keyed("documents", doc_id)
            collections.delete_keyed("directory", doc_id)
        self._update_terms(stale_texts, [keyword_text(doc.info.title, c) for doc in added for c in doc.chunks])
        return records

    def _texts_of(self, doc_ids: list[str]) -> list[str]:
        texts: list[str] = []
        for doc_id in doc_ids:
            texts += [
                r["keywords"] for r in self.collections.query_all("chunks", ["keywords"], f"doc_id == {quote(doc_id)}")
            ]
        return texts

    def _insert_chunks(self, doc: IndexedDocument) -> None:
        records = chunk_records(doc)
        for start in range(0, len(records), _BATCH):
            self.collections.client.upsert(self.collections.name("chunks"), records[start : start + _BATCH])

    def _delete_old_chunks(self, dropped: set[str], added: Sequence[IndexedDocument]) -> None:
        chunks = self.collections.name("chunks")
        ordered = sorted(dropped)
        for start in range(0, len(ordered), _BATCH):
            self.collections.client.delete(chunks, filter=one_of("doc_id", ordered[start : start + _BATCH]))
        for doc in added:
            self.collections.client.delete(
                chunks, filter=f"doc_id == {quote(doc.info.doc_id)} and version != {quote(doc.content_hash[:64])}"
            )

    def _write_record(self, record: DocumentRecord, directory: dict[str, object] | None) -> None:
        doc_id = record.info.doc_id
        self.collections.upsert_keyed("documents", doc_id, doc_id, json.dumps(record.to_json()))
        self.collections.delete_keyed("directory", doc_id)
        if directory is not None:
            text = json.dumps(directory)  # ASCII: each part's length in characters is its length in bytes
            for n, start in enumerate(range(0, len(text), _PART)):
                self.collections.upsert_keyed("directory", f"{doc_id}|{n}", doc_id, text[start : start + _PART])

    def _update_terms(self, removed_texts: list[str], added_texts: list[str]) -> None:
        """Keep each keyword term's document (chunk) frequency in step, for evidence weighting."""
        change: Counter[str] = Counter()
        for text in added_texts:
            change.update(set(text.split()))
        for text in removed_texts:
            change.subtract(set(text.split()))
        words = [t for t, delta in change.items() if delta]
        terms = self.collections.name("terms")
        current: dict[str, int] = {}
        for start in range(0, len(words), _BATCH):
            rows = self.collections.client.query(
                terms, filter=one_of("key", words[start : start + _BATCH]), output_fields=["key", "value"]
            )
            current.update({row["key"]: int(row["value"]) for row in rows})
        updates = [self.collections.keyed_record(t, "", str(max(0, current.get(t, 0) + change[t]))) for t in words]
        for start in range(0, len(updates), _BATCH):
            self.collections.client.upsert(terms, updates[start : start + _BATCH])

    def _write_manifest(self, manifest: Manifest) -> None:
        data = manifest.to_json()
        data["documents"] = {}  # each document has its own record
        self.collections.upsert_keyed("meta", "manifest", "", json.dumps(data))
        self.collections.upsert_keyed("meta", "generation", "", str(manifest.generation))  # the commit point
