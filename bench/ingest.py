"""Ingest throughput: end-to-end chunks per second against the model's own encode.

End to end is ``Assistant.index(paths)`` into an empty index with the model already loaded:
finding and hashing files, parsing, chunking, embedding (chunk and sentence vectors), and
writing the SQLite store, the BM25 index and the FAISS index. The limit is the model alone
encoding the very same chunk texts (the header line plus the chunk, as they are embedded) in
the same process: ``SentenceTransformer.encode`` for the torch backends, the bare onnxruntime
session plus pooling for the onnx ones. Runs alternate (end to end, then the limit) so both
see the same machine load; the ratio is taken per pair and its median reported.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.chunking import passage_text
from assistant.config import Settings
from assistant.embedding import Embedder
from assistant.index.chunkstore import ChunkReader
from assistant.index.manifest import read_manifest
from assistant.pipeline import Assistant
from bench.common import log, median


def chunk_texts(index_dir: Path) -> list[str]:
    """The texts the index's chunks were embedded as, in row order."""
    manifest = read_manifest(index_dir)
    titles = {doc_id: record.info.title for doc_id, record in manifest.documents.items()}
    reader = ChunkReader(index_dir / f"gen-{manifest.generation:06d}" / "chunks.sqlite")
    try:
        return [passage_text(titles[doc_id], section, text) for _, doc_id, section, text in reader.texts()]
    finally:
        reader.close()


def raw_encode(embedder: Embedder, texts: Sequence[str]) -> float:
    """Seconds for the model alone to encode ``texts`` (its own batching and pooling)."""
    model = getattr(embedder, "_model", None)
    start = time.perf_counter()
    if model is not None:  # sentence-transformers: its own encode, exactly as a user would call it
        model.encode(list(texts), batch_size=embedder.batch_size, show_progress_bar=False)  # type: ignore[attr-defined]
    else:
        embedder.embed(texts)
    return time.perf_counter() - start


def end_to_end(embedder: Embedder, settings: Settings, paths: Sequence[Path], index_dir: Path) -> dict[str, Any]:
    """One full index build into an empty directory; seconds overall and per stage."""
    shutil.rmtree(index_dir, ignore_errors=True)
    stages: dict[str, float] = {}
    start = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        stages.setdefault(stage, time.perf_counter() - start)

    assistant = Assistant(settings.replace(index_dir=index_dir), embedder=embedder)
    report = assistant.index(paths, progress=progress)
    seconds = time.perf_counter() - start
    marks = {
        "hashing": (0.0, stages.get("reading", 0.0)),
        "parsing and chunking": (stages.get("reading", 0.0), stages.get("embedding", seconds)),
        "embedding": (stages.get("embedding", seconds), stages.get("writing", seconds)),
        "writing the index": (stages.get("writing", seconds), seconds),
    }
    # "reading" covers hashing only; loading and chunking run before the first "embedding" call
    return {
        "seconds": seconds,
        "chunks": report.chunks_total,
        "documents": report.documents_total,
        "skipped": len(report.skipped),
        "stages": {name: round(end - begin, 3) for name, (begin, end) in marks.items()},
    }


def run(name: str, paths: Sequence[Path], embedder: Embedder, settings: Settings, repeats: int) -> dict[str, Any]:
    """Alternate end-to-end builds and raw encodes ``repeats`` times; medians and the ratio."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-ingest-{name}-"))
    try:
        runs = []
        for i in range(repeats):
            built = end_to_end(embedder, settings, paths, work / "index")
            texts = chunk_texts(work / "index")
            raw = raw_encode(embedder, texts)
            built["raw_seconds"] = raw
            built["e2e_rate"] = built["chunks"] / built["seconds"]
            built["raw_rate"] = len(texts) / raw
            built["ratio"] = built["e2e_rate"] / built["raw_rate"]
            log(
                f"ingest {name} [{getattr(embedder, 'backend', '?')}] run {i + 1}/{repeats}: {built['chunks']} chunks, "
                f"end to end {built['e2e_rate']:.1f}/s, encode {built['raw_rate']:.1f}/s, ratio {built['ratio']:.3f}"
            )
            runs.append(built)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stage_names = runs[0]["stages"].keys()
    return {
        "corpus": name,
        "backend": getattr(embedder, "backend", "torch"),
        "chunks": runs[0]["chunks"],
        "documents": runs[0]["documents"],
        "repeats": repeats,
        "e2e_rate": median([r["e2e_rate"] for r in runs]),
        "raw_rate": median([r["raw_rate"] for r in runs]),
        "ratio": median([r["ratio"] for r in runs]),
        "e2e_seconds": median([r["seconds"] for r in runs]),
        "stages": {s: median([r["stages"][s] for r in runs]) for s in stage_names},
        "runs": runs,
    }
