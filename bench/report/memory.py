"""## Memory and disk: the serving process's memory and the index's bytes on disk, and its plot."""

from __future__ import annotations

from typing import Any

from bench.report.markdown import count, table
from bench.report.plots import pyplot, save


def section(query: dict[str, Any] | None) -> str:
    """The Memory and disk section, from the query results ('' without them); draws memory.png."""
    if not query:
        return ""
    rows = []
    for row in query["rows"]:
        memory, disk = row["memory_mib"], row["disk"]
        vectors_mib = disk["parts"]["vectors.faiss"] / 2**20
        index_anon = memory["index"]["RssAnon"] - memory["model"]["RssAnon"]
        rows.append(
            (
                count(row["size"]),
                row["index_type"],
                f"{memory['served']['VmHWM']:.0f}",
                f"{memory['model']['VmRSS']:.0f}",
                f"{index_anon:.0f}",
                f"{vectors_mib:.0f}",
                f"{disk['bytes_per_chunk']:.0f}",
                " / ".join(f"{v / max(1, row['size']):.0f}" for v in disk["parts"].values()),
                f"{disk['total'] / 2**30:.2f}",
            )
        )
    _plot_memory(query)
    return "\n".join(
        [
            "## Memory and disk",
            "",
            "Peak resident memory (VmHWM) of the serving process above, after answering every question; the "
            "model alone (process after loading it); the anonymous memory that loading the index added "
            "(file-backed pages of memory-mapped files are shared with the page cache and not counted there); "
            "the size of the vector file. A flat index is memory-mapped, so its vectors are never copied into "
            "the process; IVF and HNSW are read once into memory, so the index adds about one copy of the "
            "vectors, never two. Bytes per chunk on disk are split as vectors.faiss / chunks.sqlite (texts, "
            "positions, float16 sentence vectors) / bm25 / manifest.json.",
            "",
            table(
                [
                    "chunks",
                    "index",
                    "peak RSS MiB",
                    "model alone MiB",
                    "index load, anon MiB",
                    "vectors.faiss MiB",
                    "bytes/chunk on disk",
                    "vectors / chunks / bm25 / manifest",
                    "GiB on disk",
                ],
                rows,
            ),
            "",
            "![memory](benchmarks/memory.png)",
        ]
    )


def _plot_memory(query: dict[str, Any]) -> None:
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7, 4))
    for kind in ("flat", "ivf", "hnsw"):
        rows = sorted((r for r in query["rows"] if r["kind"] == kind), key=lambda r: r["size"])
        if rows:
            ax.plot(
                [r["size"] for r in rows], [r["memory_mib"]["served"]["VmHWM"] for r in rows], marker="o", label=kind
            )
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the collection")
    ax.set_ylabel("peak resident memory, MiB")
    ax.set_title("Serving process memory")
    ax.legend(fontsize=8)
    save(fig, "memory.png")
