"""Measuring the directory on text it was not developed on: the council PDFs and a scorecard.

- ``council_reference.json``: the named initiatives and boards (with chairs) of the 34 council
  PDFs, written by reading them; ``optional_*`` names are borderline and count neither way (an
  extracted entry matching only an optional name is left out of precision, and they are not
  needed for recall).
- ``council_reference_independent.json``: the same kinds of list for the same PDFs, written by two
  other readers (half the PDFs each) who saw neither the code nor the first list; reported apart.
- ``scorecard_reference.json``: every figure of the 2019 progress report with its value as
  written (qualifier included), its kind (achievement, context, target) and its ambition
  ("" where the text ties it to none). A scorecard row is right when its value and ambition
  are; rows are matched one to one, by label words where several share a value. Context
  figures shown as achievements are counted apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.directory.matching import Score, names_match
from assistant.directory.model import Directory, Figure, normalise_name
from assistant.directory.scorecard import NO_AMBITION, build_scorecard

_MATCH_STOP = frozenset("the a an of in to and for by on with at as who whose that from".split())


def evaluate_council(directory: Directory, reference: dict[str, Any], report: Any, label: str = "council") -> None:
    """Initiatives and boards of the council PDFs against the reference; chairs as a note."""
    kinds = {"initiatives": directory.initiatives, "boards": directory.boards}
    for kind, entries in kinds.items():
        refs = [[r["name"], *r.get("aliases", [])] for r in reference[kind]]
        optional = [[name] for name in reference.get(f"optional_{kind}", [])]
        extracted = [[e.name, *e.aliases] for e in entries]
        counted = [n for n in extracted if any(names_match(n, r) for r in refs) or not _only_optional(n, optional)]
        correct = [n for n in counted if any(names_match(n, r) for r in refs)]
        found = [r for r in refs if any(names_match(n, r) for n in extracted)]
        report.scores.append(
            Score(
                f"{label} {kind}",
                len(counted),
                len(correct),
                len(refs),
                len(found),
                tuple(n[0] for n in counted if n not in correct),
                tuple(r[0] for r in refs if r not in found),
            )
        )
    _check_chairs(directory, reference["boards"], report, label)


def _only_optional(names: list[str], optional: list[list[str]]) -> bool:
    return any(names_match(names, o) for o in optional)


def _check_chairs(directory: Directory, reference: list[dict[str, Any]], report: Any, label: str) -> None:
    expected = [r for r in reference if r.get("chair")]
    right = []
    for ref in expected:
        names = [ref["name"], *ref["aliases"]]
        board = next((b for b in directory.boards if names_match([b.name, *b.aliases], names)), None)
        surname = normalise_name(ref["chair"]).split()[-1]
        if board and board.chair and surname in normalise_name(board.chair).split():
            right.append(ref["name"])
    report.notes.append(f"{label} board chairs: {len(right)}/{len(expected)} stated chairs extracted")


def evaluate_scorecard(directory: Directory, reference: dict[str, Any], report: Any) -> None:
    """Scorecard rows of one document against its reference: value with qualifier and ambition."""
    rows = [
        (row.ambition, figure)
        for row in build_scorecard(directory)
        for figure in row.figures
        if figure.source.doc_id == reference["document"]
    ]
    wanted = reference["rows"]
    optional = reference.get("optional", [])
    unused = list(range(len(wanted)))
    correct, false_positives, mislabelled = 0, [], 0
    counted = 0
    for ambition, figure in rows:
        index = _best_row(figure, ambition, wanted, unused)
        if index is None and _best_row(figure, ambition, optional, list(range(len(optional)))) is not None:
            continue
        counted += 1
        if index is None:
            false_positives.append(f"{figure.value} {figure.label} [{ambition}]")
            continue
        unused.remove(index)
        correct += 1
        if wanted[index]["kind"] == "context" and figure.kind == "achievement":
            mislabelled += 1
    misses = tuple(f"{wanted[i]['value']} {wanted[i]['label']} [{wanted[i]['ambition']}]" for i in unused)
    report.scores.append(
        Score("scorecard rows", counted, correct, len(wanted), correct, tuple(false_positives), misses)
    )
    report.notes.append(f"scorecard: {mislabelled} context figures shown as achievements")
    _check_kinds(rows, wanted, report)


def _check_kinds(rows: Sequence[tuple[str, Figure]], wanted: list[dict[str, Any]], report: Any) -> None:
    unused = list(range(len(wanted)))
    agree = total = 0
    for ambition, figure in rows:
        index = _best_row(figure, ambition, wanted, unused)
        if index is None:
            continue
        unused.remove(index)
        total += 1
        agree += wanted[index]["kind"] == figure.kind
    report.notes.append(f"scorecard kinds: {agree}/{total} matched rows have the reference's kind")


def _best_row(figure: Figure, ambition: str, wanted: list[dict[str, Any]], unused: list[int]) -> int | None:
    """The unused reference row with this value and ambition whose label shares most words."""
    theme = "" if ambition == NO_AMBITION else ambition
    candidates = [
        i
        for i in unused
        if _value_key(wanted[i]["value"]) == _value_key(figure.value)
        and normalise_name(wanted[i].get("ambition", "")) == normalise_name(theme)
    ]
    if not candidates:
        return None
    label = _label_words(f"{figure.label} {figure.sentence}")
    return max(candidates, key=lambda i: len(label & _label_words(wanted[i]["label"])))


def _value_key(value: str) -> str:
    return re.sub(r"\s+", " ", value.lower().replace("’", "'")).strip()


def _label_words(text: str) -> set[str]:
    return {w for w in normalise_name(text).split() if w not in _MATCH_STOP}
