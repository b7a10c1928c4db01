"""## Embedding backends: speed, vectors and answers against torch float32, and its plot."""

from __future__ import annotations

from typing import Any

from bench.report.markdown import table
from bench.report.plots import pyplot, save


def section(backends: dict[str, Any] | None) -> str:
    """The Embedding backends section ('' without its results); draws backends.png."""
    if not backends:
        return ""
    rows = []
    for name, row in backends["backends"].items():
        dev, extra = row["metrics"]["dev"], row["metrics"]["extra"]
        rows.append(
            (
                name,
                f"{row['chunks_per_second']:.1f}",
                f"{row['speedup']:.2f}",
                f"{row['query_ms']:.1f}",
                f"{row['cosine_mean']:.4f} / {row['cosine_min']:.4f}",
                f"{row['sentence_cosine_mean']:.4f}",
                f"{dev['hit@5']:.3f} / {dev['answer_hit']:.3f} / {dev['abstention_accuracy']:.3f}",
                f"{extra['hit@5']:.3f} / {extra['answer_hit']:.3f} / {extra['abstention_accuracy']:.3f}",
                f"{row['same_answers']}/{row['questions']}",
                f"{row['same_top5']}/{row['questions']}",
            )
        )
    _plot_backends(backends)
    return "\n".join(
        [
            "## Embedding backends",
            "",
            f"The same {backends['chunks']} chunk texts (seed corpus and council PDFs) embedded with chunk and "
            "sentence vectors as indexing does; one question's embedding time; cosine of chunk (mean / min) and "
            "sentence vectors to torch float32; the question sets answered from a seed-corpus index built with "
            "each backend (hit@5 / answer hit / abstention accuracy), and how many of the 105 answers and top-5 "
            "passage lists are identical to torch float32's. `onnx` is the model exported with `torch.onnx` and "
            "fused by onnxruntime's transformer optimizer; `onnx-int8` is that model with int8 weights "
            "(dynamic quantisation, per channel).",
            "",
            table(
                [
                    "backend",
                    "chunks/s",
                    "vs torch",
                    "query ms",
                    "cosine",
                    "sentence cosine",
                    "dev",
                    "extra",
                    "same answers",
                    "same top 5",
                ],
                rows,
            ),
            "",
            "![backends](benchmarks/backends.png)",
        ]
    )


def _plot_backends(backends: dict[str, Any]) -> None:
    plt = pyplot()
    names = list(backends["backends"])
    rows = [backends["backends"][n] for n in names]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.bar(names, [r["chunks_per_second"] for r in rows])
    for i, r in enumerate(rows):
        ax.text(
            i, r["chunks_per_second"] * 1.02, f"dev hit@5 {r['metrics']['dev']['hit@5']:.3f}", ha="center", fontsize=8
        )
    ax.set_ylabel("chunks per second")
    ax.set_title("Embedding backends: speed (dev hit@5 above)")
    save(fig, "backends.png")
