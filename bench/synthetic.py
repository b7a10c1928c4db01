"""Synthetic collections of 1k to 1M chunks, built through the real store.

Every collection starts with the real documents (the seed corpus, then as many of the council
PDFs as fit, with their real chunks, vectors and sentence vectors), so the dev questions keep
their answers. The rest are synthetic documents of 100 chunks whose sentences are drawn from the real ones and
recombined under real section paths and titles, so BM25, the evidence scorer and the answerer
do real work. Like a real document, each keeps to a topic: it takes one real document as its
model, and each chunk draws 80% of its sentences from within 20 sentences of a random point
of that document and the rest from anywhere. A synthetic sentence's vector is its real vector
plus Gaussian noise (cosine about 0.9 to the original), stored as float16 like every sentence
vector; a chunk's vector is the normalised mean of its sentences' real vectors plus noise, the
way mean pooling behaves.

The flat collection is written by ``FaissStore.commit`` (the code path ``assistant index``
uses: SQLite chunk store, BM25, FAISS). The IVF and HNSW variants share its chunk store and
BM25 files (symlinks) and get their own ``vectors.faiss`` built by ``FaissVectors.build``.
Built collections are cached under bench/results/collections/.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.index import chunkstore
from assistant.index.base import IndexedDocument
from assistant.index.chunkstore import ChunkReader
from assistant.index.faiss_store import FaissStore
from assistant.index.manifest import FORMAT_VERSION, Manifest, read_manifest, write_manifest
from assistant.index.vectors import FaissVectors
from assistant.indexer import chunking_settings
from assistant.types import Chunk, DocumentInfo
from bench.common import RESULTS, log

COLLECTIONS = RESULTS / "collections"
CHUNKS_PER_DOCUMENT = 100
SENTENCE_NOISE = 0.025  # per dimension: cosine to the original vector about 0.9
CHUNK_NOISE = 0.01
_VERSION = 3
_WINDOW = 20  # sentences either side of a chunk's anchor in its model document
_LOCAL_SHARE = 0.8  # the share of a chunk's sentences drawn from around its anchor
_DOC_TYPES = ("report", "minutes", "strategy", "agenda", "web page", "news")


@dataclass
class Pool:
    """The real material synthetic chunks are made of."""

    documents: list[IndexedDocument]
    sentences: list[str]
    sentence_vectors: np.ndarray  # float16, one row per sentence
    sections: list[tuple[str, ...]]
    sentence_counts: np.ndarray
    titles: list[tuple[str, str, str | None]]  # (title, doc_type, organisation), one per real document
    key: str
    document_spans: np.ndarray  # (first, end) sentence of each real document
    sentence_sections: np.ndarray  # the section (index into ``sections``) each sentence sits under

    @property
    def real_chunks(self) -> int:
        return sum(len(d.chunks) for d in self.documents)


def load_pool(index_dirs: Sequence[Path]) -> Pool:
    """Read the real chunks, vectors and sentence vectors of built indexes."""
    documents: list[IndexedDocument] = []
    sentences: list[str] = []
    vectors: list[np.ndarray] = []
    sections, counts, titles, spans, sentence_sections = [], [], [], [], []
    # the generator's version and the store's formats: a change to either builds new collections
    digest = hashlib.sha256(f"v{_VERSION}:{FORMAT_VERSION}:{chunkstore._SCHEMA}".encode())
    for index_dir in index_dirs:
        manifest = read_manifest(index_dir)
        digest.update(f"{index_dir}:{manifest.generation}:{manifest.built_at}".encode())
        directory = index_dir / f"gen-{manifest.generation:06d}"
        dense = FaissVectors.load(directory / "vectors.faiss", manifest.index_type)
        reader = ChunkReader(directory / "chunks.sqlite")
        entries = _directory_entries(directory / "chunks.sqlite")
        for record in sorted(manifest.documents.values(), key=lambda r: r.first_row):
            stored = reader.document_chunks(record.info.doc_id)
            rows = list(range(record.first_row, record.first_row + record.chunks))
            documents.append(
                IndexedDocument(
                    info=record.info,
                    content_hash=record.content_hash,
                    pages=record.pages,
                    chunks=[s.chunk for s in stored],
                    vectors=dense.reconstruct(rows),
                    sentence_vectors=[np.asarray(s.sentence_vectors, dtype=np.float16) for s in stored],
                    **({"directory": entries[record.info.doc_id]} if record.info.doc_id in entries else {}),
                )
            )
            titles.append((record.info.title, record.info.doc_type, record.info.organisation))
            first = len(sentences)
            for item in stored:
                chunk = item.chunk
                if item.sentence_vectors is None or len(chunk.sentences) < 2:
                    continue
                sections.append(chunk.section)
                counts.append(len(chunk.sentences))
                for (start, end), vector in zip(chunk.sentences, item.sentence_vectors, strict=True):
                    if end - start >= 20:  # fragments ("Page 3", "Item 4") make poor filler
                        sentences.append(chunk.text[start:end])
                        vectors.append(vector)
                        sentence_sections.append(len(sections) - 1)
            spans.append((first, len(sentences)))
        reader.close()
    return Pool(
        documents,
        sentences,
        np.stack(vectors).astype(np.float16),
        sections,
        np.asarray(counts),
        titles,
        digest.hexdigest()[:10],
        np.asarray(spans),
        np.asarray(sentence_sections),
    )


def _directory_entries(path: Path) -> dict[str, object]:
    """The directory entries stored per document, when the store has them (see assistant.directory)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'directory'").fetchone():
            return {}
        return {doc_id: json.loads(entries) for doc_id, entries in db.execute("SELECT doc_id, entries FROM directory")}


class _Plan:
    """Which pool sentences make up each chunk of one synthetic document."""

    def __init__(self, pool: Pool, number: int, chunks: int, seed: int) -> None:
        rng = np.random.default_rng([seed, number])
        self.pool = pool
        self.number = number
        self.seed = seed
        self.counts = np.clip(rng.choice(pool.sentence_counts, chunks), 2, 14)
        self.offsets = np.concatenate([[0], np.cumsum(self.counts)])
        # topic-coherent, as real documents are: one real document as the model, each chunk
        # anchored at a point of it and drawing most sentences from around that point
        source = int(rng.choice(np.flatnonzero(pool.document_spans[:, 1] > pool.document_spans[:, 0])))
        first, end = pool.document_spans[source]
        anchors = rng.integers(first, end, chunks)
        total = int(self.counts.sum())
        nearby = np.clip(np.repeat(anchors, self.counts) + rng.integers(-_WINDOW, _WINDOW + 1, total), first, end - 1)
        anywhere = rng.integers(0, len(pool.sentences), total)
        self.ids = np.where(rng.random(total) < _LOCAL_SHARE, nearby, anywhere)
        self.breaks = rng.random(total) < 0.3
        self.section_ids = pool.sentence_sections[anchors]
        title, doc_type, organisation = pool.titles[source]
        year, month = int(rng.integers(2008, 2026)), int(rng.integers(1, 13))
        self.info = DocumentInfo(
            doc_id=f"synthetic-{number:06d}",
            title=f"{title} ({year})",
            source=f"/synthetic/{number:06d}.pdf",
            date=f"{year}-{month:02d}",
            doc_type=_DOC_TYPES[int(rng.integers(len(_DOC_TYPES)))] if doc_type == "document" else doc_type,
            organisation=organisation,
        )

    def chunk_vectors(self) -> np.ndarray:
        clean = self.pool.sentence_vectors[self.ids].astype(np.float32)
        means = np.add.reduceat(clean, self.offsets[:-1], axis=0) / self.counts[:, None]
        noise = np.random.default_rng([self.seed, self.number, 1]).normal(0, CHUNK_NOISE, means.shape)
        return _unit_rows(means + noise.astype(np.float32))

    def chunks(self) -> Iterator[Chunk]:
        position = 0
        for i in range(len(self.counts)):
            text, spans = "", []
            for j in range(self.offsets[i], self.offsets[i + 1]):
                if text:
                    text += "\n" if self.breaks[j] else " "
                sentence = self.pool.sentences[self.ids[j]]
                spans.append((len(text), len(text) + len(sentence)))
                text += sentence
            section = self.pool.sections[self.section_ids[i]]
            yield Chunk(self.info.doc_id, i, text, i // 3 + 1, section, position, position + len(text), tuple(spans))
            position += len(text) + 1

    def sentence_vectors(self) -> Iterator[np.ndarray]:
        rng = np.random.default_rng([self.seed, self.number, 2])
        for i in range(len(self.counts)):
            clean = self.pool.sentence_vectors[self.ids[self.offsets[i] : self.offsets[i + 1]]].astype(np.float32)
            noisy = clean + rng.normal(0, SENTENCE_NOISE, clean.shape).astype(np.float32)
            yield _unit_rows(noisy).astype(np.float16)


class _Lazy(Sequence):  # type: ignore[type-arg]
    """A sequence made on iteration, so a million chunks never sit in memory at once."""

    def __init__(self, length: int, make: object) -> None:
        self._length = length
        self._make = make

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[object]:
        return iter(self._make())  # type: ignore[operator]

    def __getitem__(self, index: int) -> object:  # type: ignore[override]
        raise TypeError("a lazy benchmark sequence is iterated, not indexed")


def synthetic_documents(pool: Pool, chunks: int, seed: int = 0) -> list[IndexedDocument]:
    """Documents of 100 chunks (the last one shorter) adding up to ``chunks``."""
    documents = []
    for number in range((chunks + CHUNKS_PER_DOCUMENT - 1) // CHUNKS_PER_DOCUMENT):
        size = min(CHUNKS_PER_DOCUMENT, chunks - number * CHUNKS_PER_DOCUMENT)
        plan = _Plan(pool, number, size, seed)
        documents.append(
            IndexedDocument(
                info=plan.info,
                content_hash=hashlib.sha256(f"{seed}:{number}".encode()).hexdigest(),
                pages=size // 3 + 1,
                chunks=_Lazy(size, plan.chunks),  # type: ignore[arg-type]
                vectors=plan.chunk_vectors(),
                sentence_vectors=_Lazy(size, plan.sentence_vectors),  # type: ignore[arg-type]
            )
        )
    return documents


def collection(pool: Pool, size: int, kind: str, settings: Settings) -> Path:
    """The index directory of a ``size``-chunk collection with a ``kind`` FAISS index (cached)."""
    base = COLLECTIONS / f"n{size}-{pool.key}"
    flat = base / "flat"
    if not (flat / "manifest.json").exists():
        _build_flat(pool, size, flat, settings)
    if kind == "flat":
        return flat
    variant = base / kind
    if not (variant / "manifest.json").exists():
        _build_variant(flat, variant, kind)
    return variant


def _build_flat(pool: Pool, size: int, target: Path, settings: Settings) -> None:
    started = time.perf_counter()
    shutil.rmtree(target, ignore_errors=True)
    real = _real_documents(pool, size)
    documents = [*real, *synthetic_documents(pool, size - sum(len(d.chunks) for d in real))]
    log(f"building a {size:,}-chunk collection ({len(documents):,} documents) in {target}")
    manifest = Manifest(model=settings.model, dim=pool.sentence_vectors.shape[1], chunking=chunking_settings(settings))
    FaissStore(target, index_type="flat").commit(manifest, documents, set())
    (target / "build.json").write_text(json.dumps({"seconds": time.perf_counter() - started, "chunks": size}))
    log(f"built {size:,} chunks in {time.perf_counter() - started:.0f} s")


def _real_documents(pool: Pool, size: int) -> list[IndexedDocument]:
    """The real documents, in pool order (the seed corpus first), as many whole ones as fit."""
    chosen, total = [], 0
    for document in pool.documents:
        if total + len(document.chunks) <= size:
            chosen.append(document)
            total += len(document.chunks)
    return chosen


def _build_variant(flat: Path, target: Path, kind: str) -> None:
    """An IVF or HNSW index over the flat collection's vectors, sharing its other files."""
    started = time.perf_counter()
    manifest = read_manifest(flat)
    source = flat / f"gen-{manifest.generation:06d}"
    shutil.rmtree(target, ignore_errors=True)
    generation = target / source.name
    generation.mkdir(parents=True)
    for name in ("chunks.sqlite", "bm25"):
        (generation / name).symlink_to(source / name)
    vectors = FaissVectors.load(source / "vectors.faiss", "flat").all_vectors()
    built = FaissVectors.build(np.array(vectors), kind)
    built.save(generation / "vectors.faiss")
    manifest.index_type = built.kind
    write_manifest(target, manifest)
    seconds = time.perf_counter() - started
    (target / "build.json").write_text(json.dumps({"seconds": seconds, "chunks": manifest.chunk_count}))
    log(f"built the {kind} index of {manifest.chunk_count:,} chunks in {seconds:.0f} s")


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
