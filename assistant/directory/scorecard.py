"""A scorecard per ambition: the figures the documents report for it, each dated and cited.

The partnership's own report asks for "a system scorecard to support delivery of our shared
ambitions"; this is that scorecard as far as the documents already fill it. Results (what was
delivered: households kept from homelessness, residents trained, money secured) come before
context (statistics about the place); a figure reported twice (in the highlights and under its
ambition) is listed once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.directory.figures import same_measure
from assistant.directory.model import Directory, Figure, normalise_name

OTHER = "Other"


@dataclass(frozen=True)
class ScorecardRow:
    """One ambition's line of the scorecard: its figures and the initiatives serving it."""

    ambition: str
    figures: tuple[Figure, ...]
    initiatives: tuple[str, ...] = ()

    @property
    def results(self) -> tuple[Figure, ...]:
        """The figures that report something delivered."""
        return tuple(f for f in self.figures if f.kind == "result")


def build_scorecard(
    directory: Directory,
    ambitions: Sequence[str] | None = None,
    include_context: bool = True,
    include_other: bool = True,
) -> list[ScorecardRow]:
    """The scorecard rows, one per ambition in order, then "Other" for figures under other themes.

    Args:
        directory: the merged directory.
        ambitions: the ambitions to report on (default: those the documents define).
        include_context: keep statistics about the place beside the results.
        include_other: add the "Other" row for figures outside every ambition.
    """
    ambitions = list(ambitions if ambitions is not None else directory.ambitions)
    keys = {normalise_name(a): a for a in ambitions}
    grouped: dict[str, list[Figure]] = {a: [] for a in ambitions}
    other: list[Figure] = []
    for figure in directory.figures:
        if not include_context and figure.kind != "result":
            continue
        ambition = keys.get(normalise_name(figure.theme))
        (grouped[ambition] if ambition else other).append(figure)
    rows = [ScorecardRow(a, _ordered(grouped[a]), _initiatives(directory, a)) for a in ambitions]
    if include_other and other:
        rows.append(ScorecardRow(OTHER, _ordered(other)))
    return rows


def scorecard_to_json(rows: Sequence[ScorecardRow]) -> list[dict[str, Any]]:
    """JSON-ready rows (for ``assistant scorecard --json``)."""
    return [{**dataclasses.asdict(row), "results": len(row.results)} for row in rows]


def _initiatives(directory: Directory, ambition: str) -> tuple[str, ...]:
    key = normalise_name(ambition)
    return tuple(i.name for i in directory.initiatives if normalise_name(i.theme) == key)


def _ordered(figures: list[Figure]) -> tuple[Figure, ...]:
    """Results first, newest document first, each measure once."""
    unique: list[Figure] = []
    for figure in figures:
        if not any(f.value == figure.value and same_measure(f, figure) for f in unique):
            unique.append(figure)
    unique.sort(key=lambda f: (f.kind != "result", _newest_first(f.date)))
    return tuple(unique)


def _newest_first(date: str | None) -> tuple[int, str]:
    """A sort key putting later dates first and undated figures last."""
    return (1, "") if not date else (0, "".join(chr(255 - ord(c)) for c in date))
