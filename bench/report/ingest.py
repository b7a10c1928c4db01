"""## Ingest: end-to-end and raw-encode rates per corpus and backend, and its plot."""

from __future__ import annotations

from typing import Any

from bench.report.markdown import table
from bench.report.plots import pyplot, save


def section(ingest: dict[str, Any] | None) -> str:
    """The Ingest section ('' without ingest results); draws ingest.png."""
    if not ingest:
        return ""
    rows = []
    for run in ingest["runs"]:
        stages = run["stages"]
        rows.append(
            (
                run["corpus"],
                run["backend"],
                run["documents"],
                run["chunks"],
                f"{run['e2e_rate']:.1f}",
                f"{run['raw_rate']:.1f}",
                f"{run['ratio']:.2f}",
                " / ".join(f"{stages[s]:.1f}" for s in stages),
                run["repeats"],
            )
        )
    _plot_ingest(ingest)
    stage_names = " / ".join(ingest["runs"][0]["stages"])
    return "\n".join(
        [
            "## Ingest",
            "",
            "End to end is `Assistant.index(paths)` into an empty index with the model loaded: hashing, parsing, "
            "chunking, chunk and sentence vectors, and writing SQLite, BM25 and FAISS. Raw encode is the "
            "model alone on the very same chunk texts in the same process (`SentenceTransformer.encode` for "
            "torch; the onnxruntime session and pooling for onnx). The ratio is taken per pair of runs.",
            "",
            table(
                [
                    "corpus",
                    "backend",
                    "documents",
                    "chunks",
                    "end to end, chunks/s",
                    "raw encode, chunks/s",
                    "ratio",
                    f"seconds: {stage_names}",
                    "runs",
                ],
                rows,
            ),
            "",
            "![ingest](benchmarks/ingest.png)",
        ]
    )


def _plot_ingest(ingest: dict[str, Any]) -> None:
    plt = pyplot()
    runs = ingest["runs"]
    labels = [f"{r['corpus']}\n{r['backend']}" for r in runs]
    x = range(len(runs))
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.bar([i - 0.2 for i in x], [r["e2e_rate"] for r in runs], 0.4, label="end to end")
    ax.bar([i + 0.2 for i in x], [r["raw_rate"] for r in runs], 0.4, label="raw encode (the limit)")
    for i, r in enumerate(runs):
        ax.text(i, max(r["e2e_rate"], r["raw_rate"]) * 1.02, f"{r['ratio']:.2f}", ha="center", fontsize=9)
    ax.set_xticks(list(x), labels, fontsize=8)
    ax.set_ylabel("chunks per second")
    ax.set_title("Ingest throughput (ratio above the bars)")
    ax.legend(fontsize=8)
    save(fig, "ingest.png")
