"""Incremental indexing: content hashes decide what is new, changed or gone.

Only new and changed files, and those earlier reading code read (:mod:`assistant.index.reader`),
are loaded, chunked and have their directory entries (initiatives, boards, meetings, figures)
extracted; only their chunks the index does not hold already go to the model
(:mod:`assistant.index.known`). Documents whose files have disappeared are dropped; a file that
cannot be read is skipped with its reason, and if an earlier version of it was indexed, that
version is kept rather than lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.chunking import ChunkingConfig, passage_header, passage_text, split_document
from assistant.config import Settings
from assistant.directory import entries_to_json, extract_document
from assistant.embedding import Embedder, same_vectors
from assistant.errors import (
    IndexMismatch,
    IndexNotFound,
    IndexStoreError,
    IngestError,
)
from assistant.index import IndexedDocument, Manifest, Store, make_store
from assistant.index.known import Key, Vectors, key_of, known_vectors
from assistant.index.reader import reader_fingerprint
from assistant.ingest import discover, file_digest, load_document, make_doc_id, resolve_root
from assistant.types import Chunk, Document

logger = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) while indexing; stages: 'reading', 'embedding', 'writing'."""


@dataclass
class IndexReport:
    """What an indexing run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    reread: int = 0  # unchanged files that earlier code read (assistant.index.reader): read again, or skipped
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_total: int = 0
    documents_total: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


@dataclass
class _Pending:
    document: Document
    chunks: list[Chunk]
    is_update: bool


def chunking_config(settings: Settings, embedder: Embedder) -> ChunkingConfig:
    """Chunk sizes for this model: the configured sizes, capped by the model's window."""
    return ChunkingConfig(
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
        min_tokens=settings.min_chunk_tokens,
        window=embedder.max_tokens,
    )


def chunking_settings(settings: Settings) -> dict[str, int]:
    """The chunking settings recorded in the manifest (the window follows from the model)."""
    return {
        "chunk_tokens": settings.chunk_tokens,
        "overlap_tokens": settings.chunk_overlap_tokens,
        "min_tokens": settings.min_chunk_tokens,
    }


def embedding_text(title: str, chunk: Chunk) -> tuple[str, list[tuple[int, int]]]:
    """The text a chunk is embedded as (header line + chunk), and its sentence spans within it."""
    shift = len(passage_header(title, chunk.section)) + 1
    return passage_text(title, chunk.section, chunk.text), [(s + shift, e + shift) for s, e in chunk.sentences]


def sync_index(
    store: Store,
    get_embedder: Callable[[], Embedder],
    settings: Settings,
    paths: Sequence[Path] = (),
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the index in line with the files under ``paths`` and the roots indexed before.

    Args:
        store: where the index lives.
        get_embedder: gives the model to chunk and embed with; called only when files changed.
        settings: chunk sizes, size limit, corpus directory.
        paths: files or folders to add (default: the corpus directory and earlier roots).
        rebuild: start over, re-reading and re-embedding everything.
        progress: optional callback for a progress bar.

    Raises:
        IndexMismatch: the index was built with another model or settings (and not rebuilding).
        IndexBusy: another writer is at work on the index (raised at once, before reading anything).
    """
    with store.writer("index") as generation:
        return _sync(store, generation, get_embedder, settings, paths, rebuild, progress)


def _sync(
    store: Store,
    generation: int,
    get_embedder: Callable[[], Embedder],
    settings: Settings,
    paths: Sequence[Path],
    rebuild: bool,
    progress: Progress | None,
) -> IndexReport:
    """sync_index's run, under the writer lock; ``generation`` is the one committed when it was taken."""
    started = time.perf_counter()
    report = IndexReport()
    base = _base_manifest(store, settings, rebuild, generation)
    roots = _roots(base, paths, settings.corpus_dir)
    roots_changed = base.roots != [str(r) for r in roots]
    base.roots = [str(r) for r in roots]
    named, found = discover(paths), discover(roots)
    base.excluded = [source for source in base.excluded if source not in {str(p) for p in named.files}]
    report.skipped.extend(dict.fromkeys(named.skipped + found.skipped))
    files = [f for f in found.files if str(f) not in base.excluded]
    changed = _changed_files(base, files, settings, report, progress)
    fresh = rebuild or generation == 0  # a new index: committed even when no file is readable
    embedder = get_embedder() if changed or fresh else None
    if embedder is not None:
        _check_dimension(base, embedder)
    pending = _load_changes(base, changed, settings, embedder, report) if embedder else []
    removed = {doc_id for doc_id, rec in base.documents.items() if not Path(rec.info.source).exists()}
    report.removed = sorted(removed)
    if pending or removed or roots_changed or fresh:
        known = known_vectors(lambda: make_store(settings).load(), _rereading(pending, rebuild), embedding_text)
        added = _embed(pending, embedder, report, progress, known) if embedder else []
        if progress:
            progress("writing", 0, 1)
        manifest = store.commit(base, added, removed)
        if progress:
            progress("writing", 1, 1)
    else:
        manifest = base
    report.documents_total = len(manifest.documents)
    report.chunks_total = manifest.chunk_count
    report.seconds = time.perf_counter() - started
    return report


def index_documents(
    store: Store,
    embedder: Embedder,
    settings: Settings,
    documents: Sequence[Document],
    progress: Progress | None = None,
) -> IndexReport:
    """Build a fresh index from documents already in memory (evaluation sets, synthetic data).

    Raises:
        IndexBusy: another writer is at work on the index (raised at once, before chunking anything).
    """
    with store.writer("index documents") as generation:
        started = time.perf_counter()
        report = IndexReport()
        config = chunking_config(settings, embedder)
        pending = []
        for document in documents:
            chunks = split_document(document, embedder.count_tokens, config)
            if chunks:
                pending.append(_Pending(document, chunks, is_update=False))
                report.added.append(document.doc_id)
        base = Manifest(
            model=settings.model,
            dim=embedder.dim,
            chunking=chunking_settings(settings),
            generation=generation,  # replaces what is there now
            embedding_backend=getattr(embedder, "backend", ""),
        )
        manifest = store.commit(base, _embed(pending, embedder, report, progress), set())
    report.documents_total = len(manifest.documents)
    report.chunks_total = manifest.chunk_count
    report.seconds = time.perf_counter() - started
    return report


def remove_documents(store: Store, settings: Settings, doc_ids: Sequence[str]) -> list[str]:
    """Drop documents from the index and remember their files, so later runs skip them.

    Returns:
        The ids that were indexed and are now removed (unknown ids are ignored).

    Raises:
        IndexBusy: another writer is at work on the index.
    """
    with store.writer("remove documents"):
        base = store.current()
        found = [doc_id for doc_id in doc_ids if doc_id in base.documents]
        if not found:
            return []
        sources = [base.documents[doc_id].info.source for doc_id in found]
        base.excluded = sorted(set(base.excluded) | set(sources))
        store.commit(base, [], set(found))
    return found


def _base_manifest(store: Store, settings: Settings, rebuild: bool, generation: int) -> Manifest:
    """The manifest this run starts from: the committed one, or a fresh one (keeping the roots)
    that replaces ``generation`` when rebuilding."""
    chunking = chunking_settings(settings)
    try:
        current = store.current()
    except IndexNotFound:
        current = None
    except IndexStoreError:
        if not rebuild:
            raise
        current = None
    if current is not None and not rebuild:
        current.check_compatible(settings.model, None, chunking)
        return current
    roots = current.roots if current is not None else []
    return Manifest(model=settings.model, dim=0, chunking=chunking, generation=generation, roots=roots)


def _check_dimension(base: Manifest, embedder: Embedder) -> None:
    if base.dim == 0:
        base.dim = embedder.dim
    elif base.dim != embedder.dim:
        base.check_compatible(base.model, embedder.dim, base.chunking)
    backend = getattr(embedder, "backend", "")
    if base.documents and not same_vectors(base.embedding_backend, backend):
        raise IndexMismatch(
            f"the index was embedded with the {base.embedding_backend or 'torch'} backend, whose vectors differ "
            f"from {backend}'s: run `assistant index --rebuild` or set ASSISTANT_EMBEDDING_BACKEND="
            f"{base.embedding_backend or 'torch'}"
        )
    base.embedding_backend = backend


def _roots(base: Manifest, paths: Sequence[Path], corpus_dir: Path) -> list[Path]:
    # a named path that is not a file or folder (a pipe, a looping link) is skipped, not a root
    requested = [root for p in paths if (root := resolve_root(Path(p))) is not None]
    known = [Path(r) for r in base.roots]
    if not known and not paths:
        known = [corpus_dir.expanduser().resolve()]
    roots: list[Path] = []
    for root in [*known, *requested]:
        if root not in roots and root.exists():
            roots.append(root)
    return roots


def _changed_files(
    base: Manifest, files: list[Path], settings: Settings, report: IndexReport, progress: Progress | None
) -> list[tuple[Path, str | None]]:
    """Files that are new or whose content changed, each with its indexed doc_id (or None)."""
    by_source = {rec.info.source: rec for rec in base.documents.values()}
    max_bytes = int(settings.max_file_mb * 1_000_000)
    changed: list[tuple[Path, str | None]] = []
    for done, path in enumerate(files):
        if progress:
            progress("reading", done, len(files))
        record = by_source.get(str(path))
        try:
            digest = file_digest(path, max_bytes)
        except IngestError as exc:
            report.skipped.append((str(path), str(exc)))
            continue
        if record is not None and record.content_hash == digest and record.reader == reader_fingerprint():
            report.unchanged += 1
        else:
            report.reread += record is not None and record.content_hash == digest
            changed.append((path, record.info.doc_id if record else None))
    if progress:
        progress("reading", len(files), len(files))
    return changed


def _load_changes(
    base: Manifest, changed: list[tuple[Path, str | None]], settings: Settings, embedder: Embedder, report: IndexReport
) -> list[_Pending]:
    """Load and chunk the changed files; unreadable ones are skipped (their old version kept)."""
    config = chunking_config(settings, embedder)
    used_ids = set(base.documents)
    max_bytes = int(settings.max_file_mb * 1_000_000)
    pending: list[_Pending] = []
    for path, known_id in changed:
        doc_id = known_id or _unique_id(make_doc_id(path), used_ids)
        try:
            document = load_document(path, doc_id, max_bytes)
        except IngestError as exc:
            report.skipped.append((str(path), str(exc)))
            continue
        chunks = split_document(document, embedder.count_tokens, config)
        if not chunks:
            report.skipped.append((str(path), "no text to index"))
            continue
        used_ids.add(doc_id)
        pending.append(_Pending(document, chunks, is_update=known_id is not None))
        (report.updated if known_id else report.added).append(doc_id)
    return pending


def _rereading(pending: list[_Pending], rebuild: bool) -> list[str]:
    """The indexed documents that this run reads again (none when rebuilding: it starts over)."""
    return [] if rebuild else [item.document.doc_id for item in pending if item.is_update]


def _embed(
    pending: list[_Pending],
    embedder: Embedder,
    report: IndexReport,
    progress: Progress | None,
    known: Mapping[Key, Vectors] | None = None,
) -> list[IndexedDocument]:
    """Chunk and sentence vectors for the pending documents, with their directory entries.

    (Extracting the directory in a second thread while the model runs was measured slower on
    two cores: the model already keeps both busy.)
    """
    vectors, sentences = _vectors(pending, embedder, report, progress, known or {})
    return [
        IndexedDocument(
            info=item.document.info,
            content_hash=item.document.content_hash,
            pages=len(item.document.pages),
            chunks=item.chunks,
            vectors=np.stack(vectors[i]).astype(np.float32),
            sentence_vectors=sentences[i],
            directory=entries_to_json(extract_document(item.document, item.chunks, embedder)),
            reader=reader_fingerprint(),
        )
        for i, item in enumerate(pending)
    ]


def _vectors(
    pending: list[_Pending],
    embedder: Embedder,
    report: IndexReport,
    progress: Progress | None,
    known: Mapping[Key, Vectors],
) -> tuple[list[list[np.ndarray]], list[list[np.ndarray | None]]]:
    """Chunk and sentence vectors of every pending chunk, per document in chunk order; a chunk
    the index already holds, read the same (``known``: :mod:`assistant.index.known`), keeps its own.

    All the chunks go to the model longest first, in slices, whatever document they come from:
    each slice then holds texts of similar length, and the model pads less (about 6% fewer
    padded tokens than slices in reading order, on the council PDFs).
    """
    inputs = [embedding_text(item.document.info.title, chunk) for item in pending for chunk in item.chunks]
    places = [(i, n) for i, item in enumerate(pending) for n in range(len(item.chunks))]
    vectors: list[list[np.ndarray]] = [[np.empty(0)] * len(item.chunks) for item in pending]
    sentences: list[list[np.ndarray | None]] = [[np.empty(0)] * len(item.chunks) for item in pending]
    new = []
    for k, (text, spans) in enumerate(inputs):
        if (kept := known.get(key_of(text, spans))) is None:
            new.append(k)
        else:
            vectors[places[k][0]][places[k][1]], sentences[places[k][0]][places[k][1]] = kept
    order = sorted(new, key=lambda k: -len(inputs[k][0]))
    total = len(order)
    batch = max(1, getattr(embedder, "batch_size", 32)) * 8  # large slices: less padding, fewer calls
    for start in range(0, total, batch):
        if progress:
            progress("embedding", start, total)
        part = order[start : start + batch]
        passage_vectors, sentence_vectors = embedder.embed_passages(
            [inputs[k][0] for k in part], [inputs[k][1] for k in part]
        )
        for k, vector, per_sentence in zip(part, passage_vectors, sentence_vectors, strict=True):
            i, n = places[k]
            vectors[i][n] = vector
            sentences[i][n] = per_sentence
    if progress:
        progress("embedding", total, total)
    report.chunks_embedded = total
    return vectors, sentences


def _unique_id(candidate: str, used: set[str]) -> str:
    doc_id, n = candidate, 2
    while doc_id in used:
        doc_id, n = f"{candidate}-{n}", n + 1
    return doc_id
