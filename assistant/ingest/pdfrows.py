"""Table rows from a region's visual lines, and each row's cells (``ingest/pdftables.py``, step 4).

Lines group into rows at a gap wider than a cell's line spacing, between two lines that both
hold a figure in one column, or where a new label starts after a line without one. Then label
lines are settled: a label line trailing a row's figures goes down to the next row when it sits
nearer that row's figures, unless it goes on with the label above ("savings" under "Removal of
one-off and unachieved", "26" under "Net Budget 2025-"). A cell wrapped over lines is joined back
into one ("under-" over "indexation", "Co-" over "Chair").
"""

from __future__ import annotations

import itertools
import re

from assistant.ingest.pdflines import Line
from assistant.ingest.tables import is_figure

ROW_GAP = 0.35  # vertical gaps wider than this many line heights separate rows
_HYPHEN_END = re.compile(r"[A-Za-z0-9]-$")


def rows_of(region: list[Line], height: float) -> list[list[Line]]:
    """Lines grouped into table rows, label lines settled (see the module docstring)."""
    rows = [[region[0]]]
    for above, line in itertools.pairwise(region):
        if _new_row(rows[-1], above, line, height):
            rows.append([line])
        else:
            rows[-1].append(line)
    for before, row in itertools.pairwise(rows):
        _move_label_lines(before, row)
    grouped: list[list[Line]] = []
    for row in (row for row in rows if row):
        if grouped and len(row) >= 2 and set(row[0].cells) == {0} and _continues(row[0], [*grouped[-1], row[0]]):
            grouped[-1].append(row.pop(0))  # "26" under "Net Budget 2025-" ends the label above
        grouped.append(row)
    return grouped


def _move_label_lines(before: list[Line], row: list[Line]) -> None:
    """Label lines trailing a row's figures move down when they sit nearer the next row's
    figures: the label of that row, set beside its figures' line or above it."""
    anchor = next((line for line in row if _has_figures(line)), None)
    last = next((line for line in reversed(before) if _has_figures(line)), None)
    if anchor is None or last is None:
        return
    while before and before[-1] is not last and set(before[-1].cells) == {0}:
        line = before[-1]
        if _centre(line) - _centre(anchor) >= _centre(last) - _centre(line) or _continues(line, before):
            break
        row.insert(0, before.pop())


def _continues(line: Line, row: list[Line]) -> bool:
    """Whether a label line goes on with the label above it: it opens in lower case or with a
    figure ("savings" under "Removal of one-off and unachieved", "26" under "Net Budget 2025-")."""
    text = line.cells[0]
    above = " ".join(part.cells.get(0, "") for part in row[: row.index(line)]).strip()
    return bool(above) and (text[:1].islower() or (text[:1].isdigit() and above.endswith("-")))


def _has_figures(line: Line) -> bool:
    return any(c and is_figure(text) for c, text in line.cells.items())


def _centre(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _new_row(row: list[Line], above: Line, line: Line, height: float) -> bool:
    """Whether ``line`` starts a row after ``above``, the last line of ``row``: at a wide gap, at
    a figure under a cell of the row (figures do not wrap), or at a new label after a line of
    other text."""
    if above.bottom - line.top > ROW_GAP * height:
        return True
    filled = {c for part in row for c in part.cells}
    if any(c in filled and is_figure(text) for c, text in line.cells.items()):
        return True
    label = line.cells.get(0, "")
    text_above = any(not is_figure(text) for c, text in above.cells.items() if c)
    return bool(label[:1].isupper() or label[:1].isdigit()) and 0 not in above.cells and text_above


def cells_of(row: list[Line], width: int) -> list[str]:
    cells = []
    for column in range(width):
        parts = [line.cells[column] for line in row if column in line.cells]
        cells.append(_join_wrapped(parts))
    return cells


def _join_wrapped(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text.endswith("-") and part[:1].islower():
            text = text[:-1] + part
        elif _HYPHEN_END.search(text) and (part[:1].isupper() or part[:1].isdigit()):
            text += part  # "Co-" over "Chair", "2025-" over "26": a hyphenated word wrapped at its hyphen
        else:
            text = f"{text} {part}".strip()
    return text


def drop_footnote(rows: list[list[Line]]) -> list[list[Line]]:
    """A label-only line under the last row's figures, with none above them, is a note below
    the table ("ASCL = Adult Social Care Levy"), not the rest of the row's label."""
    last = rows[-1]
    figure_lines = [i for i, line in enumerate(last) if any(is_figure(t) for c, t in line.cells.items() if c)]
    if not figure_lines or figure_lines[0] != 0:
        return rows
    end = figure_lines[-1] + 1
    while end < len(last) and set(last[end].cells) == {0} and last[end].cells[0][:1].islower():
        end += 1
    return [*rows[:-1], last[:end]]
