"""The benchmark report's sections, written from saved results (no measurement, no plots)."""

from __future__ import annotations

from bench.report import milvus, peer, startup, targets
from bench.report.markdown import count, table


def _query_row(size: int, kind: str, p95: float, recall: float) -> dict[str, object]:
    stages = {"dense": p95 / 2}
    return {"size": size, "kind": kind, "index_type": kind, "p95_ms": p95, "recall@10": recall, "stages_ms": stages}


def test_a_table_has_a_header_a_rule_and_one_line_per_row() -> None:
    assert table(["a", "b"], [(1, "x"), (2, "y")]).splitlines() == [
        "| a | b |",
        "| --- | --- |",
        "| 1 | x |",
        "| 2 | y |",
    ]
    assert [count(n) for n in (999, 10_000, 1_000_000, 1_500_000)] == ["999", "10k", "1M", "1500k"]


def test_targets_mark_what_is_missed_and_skip_exact_search_recall() -> None:
    query = {"rows": [_query_row(100_000, "flat", 60.0, 1.0), _query_row(1_000_000, "ivf", 30.0, 0.90)]}
    text = targets.section({"ingest": None, "query": query})
    assert "| p95 of a full answer at 100k chunks < 50 ms (flat) | 60.0 ms | **no** |" in text
    assert "| p95 of a full answer at 1M chunks < 150 ms (ivf = `auto`) | 30.0 ms | yes |" in text
    assert "| recall@10 of ivf at 1M chunks >= 0.95 | 0.900 | **no** |" in text
    assert "recall@10 of flat" not in text
    assert "at 100k chunks the dense search alone takes 30 ms (median)" in text
    assert targets.section({"ingest": None, "query": None}) == ""


def test_start_up_without_the_app_measures_the_command_line_only() -> None:
    results = {
        "app_present": False,
        "question": "Who?",
        "repeats": 3,
        "rows": [{"backend": "onnx", "cli_seconds": 1.1}],
    }
    text = startup.section(results)
    assert "only the command line's cold start is measured" in text
    assert "| onnx | 1.10 |" in text
    assert "web app" not in text


def test_the_peer_verdict_says_ahead_behind_or_level() -> None:
    run = {
        "corpus": "seed corpus",
        "chunks": 75,
        "backend": "onnx",
        "index_seconds": {"project": 3.0, "txtai": 2.0},
        "latency_ms": {
            "project_search": {"p50": 10.0, "p95": 12.0},
            "txtai_search": {"p50": 20.0, "p95": 30.0},
            "project_ask": {"p50": 11.0, "p95": 19.0},
        },
        "hit@5": {"dev": {"project": 0.9, "txtai": 0.9}},
    }
    text = peer.section({"runs": [run]})
    assert "indexing in 1.50× txtai's time (behind), search in 0.50× txtai's time (ahead)" in text
    assert "dev hit@5 0.900 against 0.900 (level)" in text


def test_milvus_notes_compare_the_slowest_milvus_with_the_fastest_faiss() -> None:
    stages = dict.fromkeys(("embed", "dense", "keyword", "fetch", "rest"), 1.0)
    rows = [
        {"size": 10_000, "store": store, "p50_ms": p95 / 2, "p95_ms": p95, "stages_ms": stages, "dev": {"hit@5": 0.9}}
        | {"memory_mib": {"served": {"VmHWM": 500.0}}, "milvus_copy_seconds": 70.0}
        for store, p95 in (("FAISS flat", 20.0), ("FAISS ivf (auto)", 10.0), ("Milvus (in process)", 50.0))
    ]
    text = milvus.section({"ingest": [], "query": rows})
    assert "At 10k chunks an answer from Milvus takes up to 5.0× FAISS's p95 (50 against 10 ms)" in text
