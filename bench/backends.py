"""Embedding backends compared: speed, closeness to torch float32, and answer quality.

For each backend, in one process: chunks per second embedding the same chunk texts (chunk and
sentence vectors, as indexing does), one question's embedding latency, the cosine of its
vectors to torch float32 on the same texts, and the dev and extra question sets answered from
an index of the seed corpus built with that backend (metrics, and how many answers and top-5
passage lists are identical to torch float32's).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.embedding import BACKENDS, Embedder, make_embedder
from assistant.pipeline import Assistant
from bench.answers import question_sets, score_sets
from bench.common import SEED_CORPUS, log, median


def embedders(cache_dir: Path) -> dict[str, Embedder]:
    """One loaded embedder per backend, with its load time."""
    loaded = {}
    for backend in BACKENDS:
        start = time.perf_counter()
        loaded[backend] = make_embedder(backend=backend, cache_dir=cache_dir)
        log(f"loaded {backend} in {time.perf_counter() - start:.1f} s")
    return loaded


def passage_rate(embedder: Embedder, texts: list[str], spans: list[list[tuple[int, int]]], repeats: int) -> float:
    """Median chunks per second of ``embed_passages`` (chunk and sentence vectors)."""
    embedder.embed_passages(texts[:4], spans[:4])
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for i in range(0, len(texts), 64):  # the indexer's batches
            embedder.embed_passages(texts[i : i + 64], spans[i : i + 64])
        rates.append(len(texts) / (time.perf_counter() - start))
    return median(rates)


def query_latency(embedder: Embedder, questions: list[str]) -> float:
    """Median milliseconds to embed one question."""
    embedder.embed(questions[:3])
    times = []
    for question in questions:
        start = time.perf_counter()
        embedder.embed([question])
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


def run(texts: list[str], spans: list[list[tuple[int, int]]], repeats: int, cache_dir: Path) -> dict[str, Any]:
    """Every backend on the same chunk texts and question sets."""
    questions = [q.question for qs in question_sets().values() for q in qs]
    loaded = embedders(cache_dir)
    reference_vectors, reference_sentences = loaded["torch"].embed_passages(texts, spans)
    reference_sentences = np.concatenate(reference_sentences)
    results: dict[str, Any] = {"chunks": len(texts), "backends": {}}
    reference_answers = None
    for backend, embedder in loaded.items():
        vectors, sentences = embedder.embed_passages(texts, spans)
        cosine = (vectors * reference_vectors).sum(axis=1)
        sentence_cosine = (np.concatenate(sentences) * reference_sentences).sum(axis=1)
        metrics, answers = _quality(embedder)
        reference_answers = reference_answers or answers
        row = {
            "chunks_per_second": passage_rate(embedder, texts, spans, repeats),
            "query_ms": query_latency(embedder, questions),
            "cosine_mean": float(cosine.mean()),
            "cosine_min": float(cosine.min()),
            "sentence_cosine_mean": float(sentence_cosine.mean()),
            "sentence_cosine_min": float(sentence_cosine.min()),
            "metrics": metrics,
            **_agreement(reference_answers, answers),
        }
        log(
            f"backend {backend}: {row['chunks_per_second']:.1f} chunks/s, query {row['query_ms']:.1f} ms, "
            f"cosine {row['cosine_mean']:.4f}, dev hit@5 {metrics['dev']['hit@5']:.3f}, "
            f"extra hit@5 {metrics['extra']['hit@5']:.3f}, same answers {row['same_answers']}/{row['questions']}"
        )
        results["backends"][backend] = row
    base = results["backends"]["torch"]["chunks_per_second"]
    for row in results["backends"].values():
        row["speedup"] = row["chunks_per_second"] / base
    return results


def _quality(embedder: Embedder) -> tuple[dict[str, Any], dict[str, list[dict]]]:
    """Question-set metrics and answers from a seed-corpus index built with ``embedder``."""
    work = Path(tempfile.mkdtemp(prefix="bench-backend-"))
    try:
        settings = Settings.from_env(index_dir=work / "index", data_dir=work / "data", corpus_dir=SEED_CORPUS)
        assistant = Assistant(settings, embedder=embedder)
        assistant.index([SEED_CORPUS])
        return score_sets(assistant)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _agreement(reference: dict[str, list[dict]], answers: dict[str, list[dict]]) -> dict[str, int]:
    pairs = [(a, b) for name in reference for a, b in zip(reference[name], answers[name], strict=True)]
    return {
        "questions": len(pairs),
        "same_answers": sum(a["answer"] == b["answer"] and a["abstained"] == b["abstained"] for a, b in pairs),
        "same_top5": sum(
            [p["text"] for p in a["passages"][:5]] == [p["text"] for p in b["passages"][:5]] for a, b in pairs
        ),
    }
