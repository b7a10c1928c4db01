"""## Milvus beside FAISS: ingest and query with each store, and what the difference comes from."""

from __future__ import annotations

from typing import Any

from bench.report.markdown import count, table


def section(milvus: dict[str, Any] | None) -> str:
    """The Milvus section with its notes ('' without Milvus results)."""
    if not milvus:
        return ""
    lines = [
        "## Milvus beside FAISS",
        "",
        "`ASSISTANT_STORE=milvus` (see the README's scale-out section). Ingest is `Assistant.index(paths)` into an "
        "empty index with each store, runs alternating in one process, the model loaded; Milvus is milvus-lite "
        "embedded in a file, as the setting gives by default. Writing is the commit: the FAISS generation or the "
        f"Milvus inserts, term counts and records. Backend: {milvus.get('backend', '?')}.",
        "",
        table(
            ["corpus", "documents", "chunks", "FAISS chunks/s", "Milvus chunks/s", "Milvus / FAISS",
             "writing s: FAISS / Milvus", "runs"],
            [
                (
                    r["corpus"], r["documents"], r["chunks"], f"{r['faiss_chunks_per_second']:.1f}",
                    f"{r['milvus_chunks_per_second']:.1f}", f"{r['ratio']:.2f}",
                    f"{r['faiss_writing_seconds']:.1f} / {r['milvus_writing_seconds']:.1f}", r["repeats"],
                )
                for r in milvus["ingest"]
            ],
        ),
        "",
        "Query: the synthetic collections of the latency table, copied into milvus-lite with `migrate_index` "
        "(no re-embedding), each answered by a fresh serving process as above (the 105 questions, p50 and p95 "
        "per pass, medians shown): FAISS flat and the index `auto` picks, milvus-lite embedded in the serving "
        "process, and the same data behind `milvus-lite server` over gRPC on 127.0.0.1, as app servers share a "
        "Milvus deployment. A milvus-lite file gets exact (FLAT) dense search, as FAISS flat; a Milvus server "
        "builds its own index (AUTOINDEX). Dev hit@5 is on the synthetic collection, with its distractors. Peak "
        "RSS is the serving process's: with milvus-lite in process it holds the collection too; behind "
        "`milvus-lite server` the server's own memory is not counted.",
        "",
        table(
            ["chunks", "store", "p50 ms", "p95 ms", "median ms: embed / dense / keyword / fetch / rest",
             "dev hit@5", "peak RSS MiB", "copy into Milvus s"],
            [
                (
                    count(r["size"]), r["store"], f"{r['p50_ms']:.1f}", f"{r['p95_ms']:.1f}",
                    " / ".join(f"{r['stages_ms'][k]:.1f}" for k in ("embed", "dense", "keyword", "fetch", "rest")),
                    f"{r['dev']['hit@5']:.3f}", f"{r['memory_mib']['served']['VmHWM']:.0f}",
                    f"{r['milvus_copy_seconds']:.0f}",
                )
                for r in milvus["query"]
            ],
        ),
    ]  # fmt: skip
    notes = _milvus_notes(milvus)
    return "\n".join(lines) + ("\n\n" + notes if notes else "")


def _milvus_notes(milvus: dict[str, Any]) -> str:
    notes = []
    by_size: dict[int, dict[str, dict[str, Any]]] = {}
    for r in milvus["query"]:
        by_size.setdefault(r["size"], {})[r["store"]] = r
    for size, rows in sorted(by_size.items()):
        faiss = [r for name, r in rows.items() if name.startswith("FAISS")]
        lite = [r for name, r in rows.items() if name.startswith("Milvus")]
        if faiss and lite:
            best = min(faiss, key=lambda r: r["p95_ms"])
            slowest = max(lite, key=lambda r: r["p95_ms"])
            times = slowest["p95_ms"] / best["p95_ms"]
            notes.append(
                f"- At {count(size)} chunks an answer from Milvus takes up to {times:.1f}× "
                f"FAISS's p95 ({slowest['p95_ms']:.0f} against {best['p95_ms']:.0f} ms): each answer makes four "
                "round trips (term counts, dense search, BM25 search, chunk fetch) to a Milvus written in Python, "
                "where FAISS answers from memory-mapped files in the process."
            )
    return "\n".join(notes)
