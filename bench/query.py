"""Query latency, recall and memory at 1k to 1M chunks, per FAISS index type.

For each collection size and index type a fresh serving process (:mod:`bench.serve`) loads the
model and the index and answers the dev and extra questions ``repeats`` times; p50 and p95 are
taken per pass and their medians reported, with the process's peak resident memory. Recall@10
of the approximate indexes is measured against exact search over the same vectors, with the
questions' own embeddings as queries. Bytes per chunk on disk are counted per file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.embedding import Embedder
from assistant.index.manifest import read_manifest
from assistant.index.vectors import FaissVectors
from bench.answers import question_sets
from bench.common import ROOT, log
from bench.synthetic import Pool, collection

KINDS = ("flat", "ivf", "hnsw")


def run(
    pool: Pool,
    sizes: Sequence[int],
    kinds: Sequence[str],
    embedder: Embedder,
    settings: Settings,
    repeats: int,
    backend: str,
) -> dict[str, Any]:
    """Latency, memory, disk and recall for every size and index type."""
    questions = [q.question for qs in question_sets().values() for q in qs]
    query_vectors = embedder.embed(questions)
    rows = []
    for size in sizes:
        exact = None
        for kind in kinds:
            if kind == "hnsw" and size > _hnsw_limit():
                continue
            index_dir = collection(pool, size, kind, settings)
            row = {"size": size, "kind": kind, **serve(index_dir, repeats, backend)}
            row["disk"] = disk_usage(index_dir)
            row["build_seconds"] = json.loads((index_dir / "build.json").read_text())["seconds"]
            if kind == "flat":
                exact = _search(index_dir, query_vectors)
                row["recall@10"] = 1.0
            else:
                if exact is None:
                    exact = _search(collection(pool, size, "flat", settings), query_vectors)
                row["recall@10"] = recall(exact, _search(index_dir, query_vectors, settings.ivf_nprobe))
            log(
                f"query {size:>9,} {row['index_type']:5s}: p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
                f"recall@10 {row['recall@10']:.3f}, peak RSS {row['memory_mib']['served']['VmHWM']:.0f} MiB, "
                f"{row['disk']['bytes_per_chunk']:.0f} B/chunk"
            )
            rows.append(row)
    return {"rows": rows, "repeats": repeats, "questions": len(questions), "backend": backend}


def recall(exact: np.ndarray, approximate: np.ndarray) -> float:
    """Mean share of the exact top 10 that the approximate search also returns."""
    hits = [len(set(e) & set(a)) / len(e) for e, a in zip(exact.tolist(), approximate.tolist(), strict=True)]
    return float(np.mean(hits))


def disk_usage(index_dir: Path) -> dict[str, Any]:
    """Bytes of each part of the committed generation (symlinked files counted), and per chunk."""
    manifest = read_manifest(index_dir)
    directory = index_dir / f"gen-{manifest.generation:06d}"
    parts = {
        "vectors.faiss": _size(directory / "vectors.faiss"),
        "chunks.sqlite": _size(directory / "chunks.sqlite"),
        "bm25": _size(directory / "bm25"),
        "manifest.json": _size(index_dir / "manifest.json"),
    }
    total = sum(parts.values())
    return {"parts": parts, "total": total, "bytes_per_chunk": total / max(1, manifest.chunk_count)}


def _size(path: Path) -> int:
    path = path.resolve()
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _search(index_dir: Path, queries: np.ndarray, nprobe: int = 48) -> np.ndarray:
    manifest = read_manifest(index_dir)
    path = index_dir / f"gen-{manifest.generation:06d}" / "vectors.faiss"
    vectors = FaissVectors.load(path, manifest.index_type, nprobe)
    return np.array([[row for row, _ in vectors.search(q, 10)] for q in queries])


def serve(index_dir: Path, repeats: int, backend: str, *extra: str) -> dict[str, Any]:
    """Answer the questions in a fresh serving process (see bench.serve); ``extra`` are its options."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, "-m", "bench.serve", str(index_dir), out.name, "--repeats", str(repeats)]
        command += ["--backend", backend, *extra]
        subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "TOKENIZERS_PARALLELISM": "false"})
        return json.loads(Path(out.name).read_text())


def _hnsw_limit() -> int:
    return int(os.environ.get("BENCH_HNSW_LIMIT", "1000000"))
