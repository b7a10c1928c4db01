"""## Query latency at scale: a full answer's latency per collection size and index type, and its plot."""

from __future__ import annotations

from typing import Any

from bench.report.markdown import count, table
from bench.report.plots import pyplot, save
from bench.report.targets import TARGETS


def section(query: dict[str, Any] | None) -> str:
    """The Query latency section ('' without query results); draws latency.png."""
    if not query:
        return ""
    rows = []
    for row in query["rows"]:
        stages = row["stages_ms"]
        rows.append(
            (
                count(row["size"]),
                row["index_type"],
                f"{row['p50_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                _with_listing(row),
                f"{row['recall@10']:.3f}",
                " / ".join(f"{stages[s]:.1f}" for s in ("embed", "dense", "keyword", "fetch", "rest")),
                f"{row['dev']['hit@5']:.3f}" if row["dev"].get("hit@5") is not None else "-",
                f"{row['build_seconds']:.0f}",
            )
        )
    _plot_latency(query)
    return "\n".join(
        [
            "## Query latency at scale",
            "",
            f"A full answer (`Assistant.ask`: embed the question, dense and keyword search, fusion, sentence-"
            f"evidence rerank, MMR, extractive answer with checked citations) with the model and index loaded, "
            f"over the {query['questions']} dev and extra questions, {query['repeats']} passes in a fresh "
            f"serving process per collection; p50 and p95 per pass, medians shown. Backend: {query['backend']}.",
            "Collections start with the real documents (seed corpus, then council PDFs) and are filled with "
            "synthetic documents made of their sentences recombined (real sentence vectors plus noise), "
            "written through `FaissStore.commit`; see [bench/synthetic.py](../bench/synthetic.py). "
            "Recall@10 is the approximate index's top 10 against exact search over the same vectors, with the "
            "questions' embeddings as queries. Dev hit@5 shows how retrieval holds up as distractors grow.",
            "",
            "Questions such as “What is being done about X?” also get a listing of everything the document "
            "directory holds on the topic (`Assistant.coverage`, appended after the answer; "
            f"{query['rows'][0].get('listing_questions', 0)} of the {query['questions']} questions). p50 and p95 "
            "are the answer's own latency; the listing's cost is shown beside, with it included.",
            "",
            table(
                [
                    "chunks",
                    "index",
                    "p50 ms",
                    "p95 ms",
                    "p50 / p95 ms with directory listing",
                    "recall@10",
                    "median ms: embed / dense / keyword / fetch / rest",
                    "dev hit@5",
                    "build s",
                ],
                rows,
            ),
            "",
            "![latency](benchmarks/latency.png)",
        ]
    )


def _plot_latency(query: dict[str, Any]) -> None:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    for kind in ("flat", "ivf", "hnsw"):
        rows = sorted((r for r in query["rows"] if r["kind"] == kind), key=lambda r: r["size"])
        if rows:
            sizes = [r["size"] for r in rows]
            (line,) = ax.plot(sizes, [r["p95_ms"] for r in rows], marker="o", label=f"{kind} p95")
            ax.plot(
                sizes,
                [r["p50_ms"] for r in rows],
                marker=".",
                linestyle=":",
                color=line.get_color(),
                label=f"{kind} p50",
            )
    ax.scatter(
        [1e5, 1e6], [TARGETS["p95_100k_ms"], TARGETS["p95_1m_ms"]], marker="_", s=400, c="red", label="p95 target"
    )
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the collection")
    ax.set_ylabel("ms per full answer")
    ax.set_title("Query latency (retrieve, fuse, rerank, compose, cite)")
    ax.legend(fontsize=8)
    save(fig, "latency.png")


def _with_listing(row: dict[str, Any]) -> str:
    if "p95_with_listing_ms" not in row:
        return "-"
    return f"{row['p50_with_listing_ms']:.1f} / {row['p95_with_listing_ms']:.1f}"
