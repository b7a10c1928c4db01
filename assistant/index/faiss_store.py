"""The default store: FAISS vectors, a BM25 index and a SQLite chunk store on local disk.

Layout of an index directory::

    manifest.json            the commit point: model, settings, documents, current generation
    gen-000007/vectors.faiss  dense vectors, row = chunk row
    gen-000007/chunks.sqlite  chunk texts, positions, sentence vectors
    gen-000007/bm25/          the keyword index

A change writes a whole new generation next to the current one and then swaps the manifest, so
readers never see a half-written index and a killed build loses nothing. The previous
generation is kept until the next commit, for readers still using it. One writer at a time
holds ``.lock`` for its whole run (see :meth:`FaissStore.writer`); readers never take it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from assistant.chunking import passage_text
from assistant.errors import IndexStoreError
from assistant.index.base import IndexedDocument
from assistant.index.chunkstore import ChunkReader, ChunkWriter, StoredChunk
from assistant.index.keyword import BM25Index
from assistant.index.manifest import MANIFEST_NAME, DocumentRecord, Manifest, read_manifest, write_manifest
from assistant.index.vectors import FaissVectors, choose_index_type
from assistant.index.writer_lock import Holder, busy_error, check_base
from assistant.types import Filters

logger = logging.getLogger(__name__)

_GENERATION_PREFIX = "gen-"


class FaissStore:
    """Index storage on local disk; see the module docstring for the layout."""

    name = "faiss"

    def __init__(
        self, index_dir: Path, index_type: str = "auto", approx_threshold: int = 50_000, nprobe: int = 96
    ) -> None:
        self.index_dir = Path(index_dir)
        self.index_type = index_type
        self.approx_threshold = approx_threshold
        self.nprobe = nprobe
        self.manifest: Manifest | None = None
        self._vectors: FaissVectors | None = None
        self._keywords: BM25Index | None = None
        self._chunks: ChunkReader | None = None
        self._starts = np.zeros(0, dtype=np.int64)
        self._doc_order: list[str] = []
        self._manifest_stamp: tuple[int, int, int] | None = None
        self._writer_thread: int | None = None  # the thread holding the writer lock, if any

    # -- reading ---------------------------------------------------------------------------

    def current(self) -> Manifest:
        """The committed manifest (raises IndexNotFound when there is none)."""
        return read_manifest(self.index_dir)

    def load(self) -> FaissStore:
        """Open the committed generation (raises IndexNotFound when there is none)."""
        stamp = self._stamp()
        manifest = read_manifest(self.index_dir)
        directory = self._generation_dir(manifest.generation)
        count = manifest.chunk_count
        vectors = FaissVectors.load(directory / "vectors.faiss", manifest.index_type, self.nprobe)
        if vectors.count != count:
            raise IndexStoreError(f"the index in {self.index_dir} is inconsistent: rebuild it")
        self._keywords = BM25Index.load(directory / "bm25", count)
        self._chunks = ChunkReader(directory / "chunks.sqlite")
        self._vectors = vectors
        self.manifest = manifest
        ordered = sorted(manifest.documents.values(), key=lambda r: r.first_row)
        self._doc_order = [r.info.doc_id for r in ordered]
        self._starts = np.array([r.first_row for r in ordered], dtype=np.int64)
        self._manifest_stamp = stamp
        return self

    def is_stale(self) -> bool:
        """True when another writer has committed a newer generation since this one was loaded.

        Asked before every question: a commit replaces the manifest file (a new inode), so an
        unchanged file status answers without parsing a manifest that lists every document.
        """
        stamp = self._stamp()
        if stamp is not None and stamp == self._manifest_stamp:
            return False
        try:
            stale = read_manifest(self.index_dir).generation != (self.manifest.generation if self.manifest else -1)
        except IndexStoreError:
            return False
        if not stale:
            self._manifest_stamp = stamp  # taken before reading, so a later commit still shows
        return stale

    def _stamp(self) -> tuple[int, int, int] | None:
        """The manifest file's inode, size and modification time (None when it is missing)."""
        try:
            status = (self.index_dir / MANIFEST_NAME).stat()
        except OSError:
            return None
        return status.st_ino, status.st_size, status.st_mtime_ns

    @property
    def count(self) -> int:
        return self._vectors.count if self._vectors else 0

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        mask = self._mask(filters)
        if mask is not None and not mask.any():
            return []
        return self._require_vectors().search(vector, k, mask)

    def keyword_search(self, query: str, k: int, filters: Filters | None = None) -> list[tuple[int, float]]:
        mask = self._mask(filters)
        if self._keywords is None or (mask is not None and not mask.any()):
            return []
        return self._keywords.search(query, k, mask)

    def keyword_terms(self, query: str) -> list[str]:
        return self._keywords.query_terms(query) if self._keywords else []

    def term_weights(self, query: str) -> dict[str, float]:
        return self._keywords.term_weights(query) if self._keywords else {}

    def fetch(self, rows: Sequence[int]) -> list[StoredChunk]:
        return self._chunks.fetch(list(rows)) if self._chunks else []

    def vectors(self, rows: Sequence[int]) -> np.ndarray:
        return self._require_vectors().reconstruct(list(rows))

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        return self._chunks.document_chunks(doc_id) if self._chunks else []

    def directory_entries(self) -> list[dict[str, object]]:
        return self._chunks.directory_entries() if self._chunks else []

    def export_document(self, doc_id: str) -> IndexedDocument:
        if self.manifest is None or self._chunks is None:
            raise IndexStoreError("the index is not loaded")
        record = self.manifest.documents[doc_id]
        stored = self._chunks.document_chunks(doc_id)
        return IndexedDocument(
            info=record.info,
            content_hash=record.content_hash,
            pages=record.pages,
            chunks=[s.chunk for s in stored],
            vectors=self.vectors([s.row for s in stored]),
            sentence_vectors=[s.sentence_vectors for s in stored],
            directory=self._chunks.document_directory(doc_id),
            reader=record.reader,
        )

    def doc_of_row(self, row: int) -> str:
        position = int(np.searchsorted(self._starts, row, side="right")) - 1
        return self._doc_order[position]

    def _mask(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty() or self.manifest is None:
            return None
        mask = np.zeros(self.count, dtype=bool)
        for record in self.manifest.documents.values():
            if filters.allows(record.info):
                mask[record.first_row : record.first_row + record.chunks] = True
        return mask

    def _require_vectors(self) -> FaissVectors:
        if self._vectors is None:
            raise IndexStoreError("the index is not loaded")
        return self._vectors

    # -- writing ---------------------------------------------------------------------------

    def commit(self, base: Manifest, added: Sequence[IndexedDocument], removed: set[str]) -> Manifest:
        """Write a new generation: ``base``'s documents minus ``removed`` plus ``added``.

        Documents in ``added`` replace any indexed document with the same id.

        Raises:
            IndexChanged: ``base`` is not the committed generation (nothing is written).
            IndexBusy: when another writer holds this index's writer lock.
        """
        with self.writer("commit"):
            previous = self._current_manifest()
            check_base(base, previous.generation if previous else 0, self._where())
            generation = self._next_generation(previous)
            directory = self._generation_dir(generation)
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir(parents=True)
            replaced = removed | {doc.info.doc_id for doc in added}
            kept = [
                r for r in sorted(base.documents.values(), key=lambda r: r.first_row) if r.info.doc_id not in replaced
            ]
            manifest = self._write_generation(directory, previous, base, kept, added)
            manifest.generation = generation
            manifest.built_at = time.strftime("%Y-%m-%dT%H:%M:%S")
            write_manifest(self.index_dir, manifest)
            self._prune(keep={generation, previous.generation if previous else -1})
        return manifest

    def _write_generation(
        self,
        directory: Path,
        previous: Manifest | None,
        base: Manifest,
        kept: list[DocumentRecord],
        added: Sequence[IndexedDocument],
    ) -> Manifest:
        writer = ChunkWriter(directory / "chunks.sqlite")
        parts: list[np.ndarray] = []
        records: dict[str, DocumentRecord] = {}
        row = 0
        try:
            if kept and previous is not None:
                old_dir = self._generation_dir(previous.generation)
                old_vectors = FaissVectors.load(
                    old_dir / "vectors.faiss", previous.index_type, self.nprobe
                ).all_vectors()
                for record in kept:
                    writer.copy_document(old_dir / "chunks.sqlite", record.info.doc_id, row)
                    parts.append(old_vectors[record.first_row : record.first_row + record.chunks])
                    records[record.info.doc_id] = DocumentRecord(
                        record.info, record.content_hash, row, record.chunks, record.pages, record.reader
                    )
                    row += record.chunks
            for doc in added:
                for chunk, sentence_vectors in zip(doc.chunks, doc.sentence_vectors, strict=True):
                    writer.add(row + chunk.ordinal, chunk, sentence_vectors)
                if doc.directory is not None:
                    writer.add_directory(doc.info.doc_id, doc.directory)
                parts.append(doc.vectors)
                records[doc.info.doc_id] = DocumentRecord(
                    doc.info, doc.content_hash, row, len(doc.chunks), doc.pages, doc.reader
                )
                row += len(doc.chunks)
        finally:
            writer.close()
        vectors = np.concatenate(parts) if parts else np.zeros((0, base.dim), dtype=np.float32)
        kind = choose_index_type(self.index_type, len(vectors), self.approx_threshold)
        built = FaissVectors.build(vectors, kind, self.nprobe)
        built.save(directory / "vectors.faiss")
        self._write_keywords(directory, records)
        return Manifest(
            model=base.model,
            dim=base.dim,
            chunking=base.chunking,
            index_type=built.kind,
            store=self.name,
            documents=records,
            roots=list(base.roots),
            excluded=list(base.excluded),
            embedding_backend=base.embedding_backend,
        )

    def _write_keywords(self, directory: Path, records: dict[str, DocumentRecord]) -> None:
        reader = ChunkReader(directory / "chunks.sqlite")
        try:
            titles = {doc_id: r.info.title for doc_id, r in records.items()}
            texts = [passage_text(titles[doc_id], section, text) for _, doc_id, section, text in reader.texts()]
        finally:
            reader.close()
        BM25Index.build(texts).save(directory / "bm25")

    @contextmanager
    def writer(self, action: str) -> Iterator[int]:
        """Hold ``index_dir/.lock`` (an flock, released by the kernel if the process dies) for the
        block, yielding the committed generation; see :meth:`assistant.index.base.Store.writer`.

        The lock file names its holder for a refused writer; readers never take the lock.

        Raises:
            IndexBusy: at once, when another writer holds it.
        """
        if self._writer_thread == threading.get_ident():
            yield self._committed_generation()
            return
        self.index_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.index_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)  # not truncated: it names the holder
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise busy_error(
                    self._where(), Holder.from_json(os.pread(fd, 4096, 0).decode(errors="replace"))
                ) from exc
            os.ftruncate(fd, 0)
            os.pwrite(fd, Holder.here(action).to_json().encode(), 0)
            self._writer_thread = threading.get_ident()
            try:
                yield self._committed_generation()
            finally:
                self._writer_thread = None
                os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # releases the flock

    def _where(self) -> str:
        return f"the index in {self.index_dir}"

    def _committed_generation(self) -> int:
        previous = self._current_manifest()
        return previous.generation if previous else 0

    def _current_manifest(self) -> Manifest | None:
        try:
            return read_manifest(self.index_dir)
        except IndexStoreError:
            return None

    def _next_generation(self, previous: Manifest | None) -> int:
        existing = [int(p.name[len(_GENERATION_PREFIX) :]) for p in self._generations()]
        return max([previous.generation if previous else 0, *existing]) + 1

    def _generations(self) -> list[Path]:
        if not self.index_dir.exists():
            return []
        return [
            p
            for p in self.index_dir.iterdir()
            if p.is_dir() and p.name.startswith(_GENERATION_PREFIX) and p.name[4:].isdigit()
        ]

    def _generation_dir(self, generation: int) -> Path:
        return self.index_dir / f"{_GENERATION_PREFIX}{generation:06d}"

    def _prune(self, keep: set[int]) -> None:
        for path in self._generations():
            if int(path.name[len(_GENERATION_PREFIX) :]) not in keep:
                shutil.rmtree(path, ignore_errors=True)
        for stray in self.index_dir.glob(".manifest-*.tmp"):
            stray.unlink(missing_ok=True)
