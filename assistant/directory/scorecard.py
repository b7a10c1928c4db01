"""A scorecard per ambition: the figures the documents report for it, each dated and cited.

The partnership's own report asks for "a system scorecard to support delivery of our shared
ambitions"; this is that scorecard as far as the documents already fill it. Each row holds
three kinds of figure, kept apart: achievements (what was delivered: households kept from
homelessness, residents trained, money secured), context (statistics about the place) and
targets (what is planned or needed). A figure reported twice (in the highlights and under its
ambition) is listed once; figures the text ties to no ambition go to "No single ambition".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.directory.figure_kinds import ACHIEVEMENT, CONTEXT, KINDS, TARGET
from assistant.directory.figures import same_measure
from assistant.directory.model import Directory, Figure, normalise_name

NO_AMBITION = "No single ambition"
OTHER = NO_AMBITION  # the row's former name, kept for callers


@dataclass(frozen=True)
class ScorecardRow:
    """One ambition's line of the scorecard: its figures (achievements first) and its initiatives."""

    ambition: str
    figures: tuple[Figure, ...]
    initiatives: tuple[str, ...] = ()

    @property
    def achievements(self) -> tuple[Figure, ...]:
        """The figures that report something delivered."""
        return tuple(f for f in self.figures if f.kind == ACHIEVEMENT)

    @property
    def context(self) -> tuple[Figure, ...]:
        """Statistics about the place (and projections)."""
        return tuple(f for f in self.figures if f.kind == CONTEXT)

    @property
    def targets(self) -> tuple[Figure, ...]:
        """What is planned, needed or applied for."""
        return tuple(f for f in self.figures if f.kind == TARGET)

    @property
    def results(self) -> tuple[Figure, ...]:
        """The achievements (the former name)."""
        return self.achievements


def build_scorecard(
    directory: Directory,
    ambitions: Sequence[str] | None = None,
    include_context: bool = True,
    include_other: bool = True,
) -> list[ScorecardRow]:
    """The scorecard rows, one per ambition in order, then "No single ambition".

    Args:
        directory: the merged directory.
        ambitions: the ambitions to report on (default: those the documents define).
        include_context: keep context statistics and targets beside the achievements.
        include_other: add the "No single ambition" row for figures tied to no ambition.
    """
    ambitions = list(ambitions if ambitions is not None else directory.ambitions)
    keys = {normalise_name(a): a for a in ambitions}
    grouped: dict[str, list[Figure]] = {a: [] for a in ambitions}
    other: list[Figure] = []
    for figure in directory.figures:
        if not include_context and figure.kind != ACHIEVEMENT:
            continue
        ambition = keys.get(normalise_name(figure.theme))
        (grouped[ambition] if ambition else other).append(figure)
    rows = [ScorecardRow(a, _ordered(grouped[a]), _initiatives(directory, a)) for a in ambitions]
    if include_other and other:
        rows.append(ScorecardRow(NO_AMBITION, _ordered(other)))
    return rows


def scorecard_to_json(rows: Sequence[ScorecardRow]) -> list[dict[str, Any]]:
    """JSON-ready rows (for ``assistant scorecard --json``), with a count per kind."""
    return [
        {**dataclasses.asdict(row), "counts": {kind: sum(f.kind == kind for f in row.figures) for kind in KINDS}}
        for row in rows
    ]


def _initiatives(directory: Directory, ambition: str) -> tuple[str, ...]:
    key = normalise_name(ambition)
    return tuple(i.name for i in directory.initiatives if normalise_name(i.theme) == key)


def _ordered(figures: list[Figure]) -> tuple[Figure, ...]:
    """Achievements, then targets, then context; newest document first; each measure once."""
    unique: list[Figure] = []
    for figure in figures:
        if not any(f.value.lower() == figure.value.lower() and same_measure(f, figure) for f in unique):
            unique.append(figure)
    order = {ACHIEVEMENT: 0, TARGET: 1, CONTEXT: 2}
    unique.sort(key=lambda f: (order.get(f.kind, 3), _newest_first(f.date)))
    return tuple(unique)


def _newest_first(date: str | None) -> tuple[int, str]:
    """A sort key putting later dates first and undated figures last."""
    return (1, "") if not date else (0, "".join(chr(255 - ord(c)) for c in date))
