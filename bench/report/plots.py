"""The plots beside the report: matplotlib (imported when a plot is drawn), saved as PNGs."""

from __future__ import annotations

from typing import Any

from bench.common import ROOT

PLOTS = ROOT / "docs" / "benchmarks"


def pyplot():  # type: ignore[no-untyped-def]
    """matplotlib.pyplot, drawing without a display."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save(fig: Any, name: str) -> None:
    """Save a figure as docs/benchmarks/NAME and free it."""
    fig.tight_layout()
    fig.savefig(PLOTS / name, dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)
