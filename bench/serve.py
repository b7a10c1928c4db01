"""One serving process: load the model and an index, answer the questions, report times and memory.

    python -m bench.serve INDEX_DIR OUT.json [--repeats 3] [--backend onnx]

Run as a subprocess per collection so each measures its own peak resident memory. Every
question is answered through ``Assistant.ask`` (retrieve, fuse, rerank, compose, cite) with the
model and index already loaded; the first five answers warm up and are not timed. Time spent in
the model, the dense and keyword searches and the chunk store is recorded per answer, the rest
being fusion, evidence scoring, MMR and the answerer.

Questions such as "What is being done about X?" also get a listing of everything the document
directory holds on the topic (``Assistant.coverage``, appended to the answer). Its time is
recorded apart: the answer's latency excludes it, and the figures with it are reported beside.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant import evaluation
from assistant.config import Settings
from assistant.embedding import load_embedder
from assistant.evidence import forget_terms
from assistant.pipeline import Assistant
from bench.answers import question_sets
from bench.common import median, percentile, rss_mib

_STAGES = {
    "embed": ("embedder", "embed"),
    "dense": ("store", "dense_search"),
    "keyword": ("store", "keyword_search"),
    "fetch": ("store", "fetch"),
    "coverage": ("assistant", "coverage"),
}


def serve(
    index_dir: Path, repeats: int, backend: str | None = None, store: str | None = None, milvus_uri: str | None = None
) -> dict[str, Any]:
    memory = {"start": rss_mib()}
    settings = Settings.from_env(index_dir=index_dir, store=store, milvus_uri=milvus_uri, milvus_prefix="bench")
    embedder = load_embedder(settings.model, settings.device, settings.embed_batch_size, backend)
    embedder.embed(["warm up"])
    memory["model"] = rss_mib()
    assistant = Assistant(settings, embedder=embedder)
    started = time.perf_counter()
    store = assistant.store()
    load_seconds = time.perf_counter() - started
    memory["index"] = rss_mib()
    spent: dict[str, float] = defaultdict(float)
    for name, (owner, method) in _STAGES.items():
        target = {"embedder": embedder, "store": store, "assistant": assistant}[owner]
        if hasattr(target, method):
            setattr(target, method, _timing(getattr(target, method), spent, name))
    sets = question_sets()
    questions = [q for qs in sets.values() for q in qs]
    for q in questions[:5]:
        assistant.ask(q.question)
    per_repeat, stages, listed = [], defaultdict(list), 0
    for _ in range(repeats):
        latencies, answers = [], []
        for q in questions:
            spent.clear()
            forget_terms()  # each question timed as if asked first: no terms remembered from the last
            start = time.perf_counter()
            assistant.ask(q.question)
            total = (time.perf_counter() - start) * 1000
            latencies.append(total)
            answers.append(total - spent["coverage"] * 1000)
            listed += spent["coverage"] > 0
            for name in _STAGES:
                stages[name].append(spent[name] * 1000)
            stages["rest"].append(total - sum(spent[name] for name in _STAGES) * 1000)
        per_repeat.append(
            {
                "p50": percentile(answers, 50),
                "p95": percentile(answers, 95),
                "p50_with_listing": percentile(latencies, 50),
                "p95_with_listing": percentile(latencies, 95),
            }
        )
    memory["served"] = rss_mib()
    dev = sets.get("dev", [])
    results = [evaluation.score_question(q, assistant.ask(q.question, k=evaluation.RETRIEVAL_DEPTH)) for q in dev]
    overall = evaluation.summarise(results)["overall"] if results else {}
    return {
        "chunks": store.manifest.chunk_count if store.manifest else 0,
        "index_type": store.manifest.index_type if store.manifest else "?",
        "backend": getattr(embedder, "backend", "torch"),
        "questions": len(questions),
        "repeats": repeats,
        "p50_ms": median([r["p50"] for r in per_repeat]),
        "p95_ms": median([r["p95"] for r in per_repeat]),
        "p50_with_listing_ms": median([r["p50_with_listing"] for r in per_repeat]),
        "p95_with_listing_ms": median([r["p95_with_listing"] for r in per_repeat]),
        "listing_questions": listed // max(1, repeats),
        "per_repeat": per_repeat,
        "stages_ms": {name: median(values) for name, values in stages.items()},
        "load_seconds": load_seconds,
        "memory_mib": memory,
        "dev": {k: overall.get(k) for k in ("hit@5", "answer_hit", "abstention_accuracy")},
    }


def _timing(function: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backend")
    parser.add_argument("--store", help="faiss (default) or milvus")
    parser.add_argument("--milvus-uri", help="with --store milvus: a milvus-lite file or a server address")
    args = parser.parse_args(argv)
    result = serve(args.index_dir, args.repeats, args.backend, args.store, args.milvus_uri)
    args.out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
