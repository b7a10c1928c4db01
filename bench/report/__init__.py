"""docs/benchmarks.md and its plots, from the results the benchmark steps saved.

One module per section of the report, in its order: targets, ingest, latency, memory, startup,
backends, peer, milvus; each section's plot is drawn beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.common import ROOT, load, machine_line
from bench.report import backends, ingest, latency, memory, milvus, peer, startup, targets
from bench.report.plots import PLOTS

DOCS = ROOT / "docs"


def write() -> Path:
    """Write the report (and its PNGs) from bench/results/*.json; returns its path."""
    PLOTS.mkdir(parents=True, exist_ok=True)
    results = {name: load(name) for name in ("ingest", "query", "startup", "backends", "peer", "milvus")}
    sections = [
        _header(results),
        targets.section(results),
        ingest.section(results["ingest"]),
        latency.section(results["query"]),
        memory.section(results["query"]),
        startup.section(results["startup"]),
        backends.section(results["backends"]),
        peer.section(results["peer"]),
        milvus.section(results["milvus"]),
    ]
    path = DOCS / "benchmarks.md"
    path.write_text("\n\n".join(s for s in sections if s).rstrip() + "\n", encoding="utf-8")
    return path


def _header(results: dict[str, Any]) -> str:
    machines = {machine_line(r["machine"]).split(", load average")[0] for r in results.values() if r}
    loads = ", ".join(f"{name} {r['machine']['load_average'][0]}" for name, r in results.items() if r)
    recorded = sorted(r["recorded"] for r in results.values() if r)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`, code in [bench/](../bench/)); rerun it to refresh every "
        "figure. Each figure is the median of repeated runs; each comparison is a ratio of figures measured "
        "in the same run, on the same machine, under the same load.",
        "",
        "Measured on: " + "; ".join(sorted(machines)) + f" (load average as each step began: {loads}).",
    ]
    if recorded:
        lines.append(f"Recorded {recorded[0]} to {recorded[-1]}.")
    lines.append(
        "The machine is shared with other work, so absolute times carry noise; the load average at the start "
        "of each step is recorded in `bench/results/*.json`."
    )
    return "\n".join(lines)
