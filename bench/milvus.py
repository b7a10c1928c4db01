"""Milvus beside FAISS, measured in the same run: ingest rate and query latency.

Ingest: ``Assistant.index(paths)`` into an empty index with each store, alternating, with the
model loaded (milvus-lite embedded in a file, as ``ASSISTANT_STORE=milvus`` gives by default).

Query: the synthetic collections of the query benchmark, copied into milvus-lite with
``migrate_index`` (no re-embedding; the copy's rate is Milvus's bulk write rate), answered by a
fresh serving process per store exactly as for FAISS: milvus-lite embedded in the process, and
the same data behind ``milvus-lite server`` over gRPC on 127.0.0.1, the way app servers share a
Milvus deployment. The FAISS rows are measured in the same run: flat (exact, like milvus-lite's
FLAT index) and the index ``index_type=auto`` picks at that size.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.embedding import Embedder
from assistant.index.faiss_store import FaissStore
from assistant.index.milvus import MilvusStore
from assistant.index.vectors import choose_index_type
from assistant.migrate import migrate_index
from bench.common import log, median
from bench.ingest import end_to_end
from bench.query import serve
from bench.synthetic import COLLECTIONS, Pool, collection

PREFIX = "bench"


def ingest(name: str, paths: Sequence[Path], embedder: Embedder, settings: Settings, repeats: int) -> dict[str, Any]:
    """Chunks per second end to end into each store, runs alternating; medians and the ratio per pair."""
    runs: dict[str, list[dict[str, Any]]] = {"faiss": [], "milvus": []}
    with tempfile.TemporaryDirectory(prefix="bench-milvus-ingest-") as tmp:
        for n in range(repeats):
            for store in ("faiss", "milvus"):
                target = Path(tmp) / f"{store}-{n}"
                result = end_to_end(embedder, settings.replace(store=store, milvus_uri=""), paths, target)
                result["chunks_per_second"] = result["chunks"] / result["seconds"]
                runs[store].append(result)
                log(f"milvus ingest {name}, {store}: {result['chunks']} chunks, {result['chunks_per_second']:.1f}/s")
                shutil.rmtree(target, ignore_errors=True)
    pairs = zip(runs["faiss"], runs["milvus"], strict=True)
    ratios = [m["chunks_per_second"] / f["chunks_per_second"] for f, m in pairs]
    return {
        "corpus": name,
        "chunks": runs["faiss"][0]["chunks"],
        "documents": runs["faiss"][0]["documents"],
        "repeats": repeats,
        "faiss_chunks_per_second": median([r["chunks_per_second"] for r in runs["faiss"]]),
        "milvus_chunks_per_second": median([r["chunks_per_second"] for r in runs["milvus"]]),
        "milvus_writing_seconds": median([r["stages"]["writing the index"] for r in runs["milvus"]]),
        "faiss_writing_seconds": median([r["stages"]["writing the index"] for r in runs["faiss"]]),
        "ratio": median(ratios),
    }


def query(pool: Pool, sizes: Sequence[int], settings: Settings, repeats: int, backend: str) -> list[dict[str, Any]]:
    """p50/p95 of a full answer per store at each size, in fresh serving processes."""
    rows = []
    for size in sizes:
        flat = collection(pool, size, "flat", settings)
        copy = _milvus_copy(flat, size, pool)
        auto = choose_index_type("auto", size, settings.approx_threshold)
        variants: list[tuple[str, Path, tuple[str, ...]]] = [("FAISS flat", flat, ())]
        if auto != "flat":
            variants.append((f"FAISS {auto} (auto)", collection(pool, size, auto, settings), ()))
        file_uri = str(copy["path"])
        variants.append(("Milvus (milvus-lite, in process)", flat, ("--store", "milvus", "--milvus-uri", file_uri)))
        for label, index_dir, extra in variants:
            rows.append(_row(size, label, serve(index_dir, repeats, backend, *extra)))
        with _milvus_server(Path(file_uri)) as uri:
            result = serve(flat, repeats, backend, "--store", "milvus", "--milvus-uri", uri)
            rows.append(_row(size, "Milvus (milvus-lite server, gRPC)", result))
        for row in rows[-len(variants) - 1 :]:
            row["milvus_copy_seconds"] = copy["seconds"]
    return rows


def _row(size: int, label: str, result: dict[str, Any]) -> dict[str, Any]:
    log(f"milvus query {size:>9,} {label}: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms")
    return {"size": size, "store": label, **result}


def _milvus_copy(flat: Path, size: int, pool: Pool) -> dict[str, Any]:
    """The flat collection copied into a milvus-lite file once (cached beside it)."""
    base = COLLECTIONS / f"n{size}-{pool.key}" / "milvus"
    stamp = base / "copied.json"
    if not stamp.exists():
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        log(f"copying the {size:,}-chunk collection into milvus-lite")
        started = time.perf_counter()
        target = MilvusStore(str(base / "milvus.db"), prefix=PREFIX)
        manifest = migrate_index(FaissStore(flat), target)
        target.close()
        seconds = time.perf_counter() - started
        stamp.write_text(json.dumps({"seconds": seconds, "chunks": manifest.chunk_count}))
        log(f"copied {manifest.chunk_count:,} chunks in {seconds:.0f} s")
    return {"path": base / "milvus.db", **json.loads(stamp.read_text())}


@contextmanager
def _milvus_server(data_dir: Path) -> Iterator[str]:
    """`milvus-lite server` over a data directory on a free 127.0.0.1 port; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    executable = Path(sys.executable).parent / "milvus-lite"
    command = [str(executable), "server", "--data-dir", str(data_dir), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            raise RuntimeError("milvus-lite server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=60)
