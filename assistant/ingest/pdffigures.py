"""The figures of a table whose other cells are paragraphs, or that stand alone in a row, named by their columns.

A register of risks, a plan of actions or a scorecard of commentary lays out each row as paragraphs
of text side by side, with a few figures at the right ("Current Likelihood (1-5)", "Estimated Annual
Financial Exposure £m", "Estimated Lifetime Financial Exposure £m"). Such a table is no grid of
values (``ingest/pdftables.py`` leaves it as text), and PDFium's text reads well enough cell by cell,
except that each row's figures come out as a bare line ("4 30.0") that says neither what the figures
are nor which column is blank. Here such a line is given its names from where PDFium places the
words:

1. a *row line* is a visual line with text in two or more cells and figures only to the right of them;
2. each figure is named by the short cells stacked above it at the head of its column (the rows above
   hold only figures there), on lines of short cells only, read top down ("Estimated Lifetime Financial
   Exposure £m");
3. the row's label is its first one or two columns when their lines are short ("GET/DCED", "Changing
   Government focus on funding ... (capital spend)"), read down to the next row line.

The same holds for a row of counted figures alone under their column names, as a report sets out
its intentions ("By 2025-26", "By 2026-27" ... over "0 places 440 places 90 places 0 places"): each
figure with the words after it is named by its column, and the row by the one-cell line above the
names ("SEND Commissioning Intentions:"). A column name stops at a lead-in ending with a colon.

The line then reads as a table row does elsewhere ("<label> — <column>: <figure>; ..."), so that a
question naming the row and the column finds it. A figure with no name above it, or a PDFium line that
holds more than the row's figures, is left as it is.
"""

from __future__ import annotations

import re

from assistant.ingest.pdflines import Line, Segment
from assistant.ingest.tables import FIELD_SEPARATOR, ROW_LABEL_SEPARATOR, is_figure

_NAME_WORDS = 5  # a longer cell above a figure is text, not the name of its column
_LABEL_WORDS = 5  # a column of lines this short labels the row; a longer line is a paragraph
_LABEL_COLUMNS = 2  # a row's label and the group it falls in ("GET/DCED", "Changing Government focus ...")
_NAME_SPACING = 2.0  # lines of a column's name stacked closer than this many glyph heights
_ROW_GAP = 1.5  # a row's lines run on closer than this many glyph heights (rows stand further apart)
_SLACK = 1.0  # a name may sit this many glyph heights beside its column's figures (a right-aligned "£m")
_UNIT = re.compile(r"(?<=\d)[A-Za-z]{1,3}$")  # the unit a figure carries: the "FE" of "0.3FE"
_VALUE_WORDS = 4  # a figure and the few words that say what it counts ("85 Year R", "440 places")
_CAPTION_REACH = 6.0  # a row of values alone is captioned by a line at most this many glyph heights above


def named_figure_lines(lines: list[Line], height: float, raw: list[str], used: set[int]) -> dict[int, str]:
    """For PDFium lines (by index into ``raw``) that hold only a row's figures, the row as named
    fields; lines of tables already found (``used``) are left alone."""
    named: dict[int, str] = {}
    for at, line in enumerate(lines):
        figures = [s for s in line.segments if is_figure(s.text)]
        texts = [s for s in line.segments if not is_figure(s.text)]
        of_row = bool(figures) and len(texts) >= 2 and max(s.right for s in texts) <= min(s.left for s in figures)
        if not of_row and (len(line.segments) < 2 or not all(_is_counted(s.text) for s in line.segments)):
            continue  # neither a row's figures beside its text nor a row of counted figures alone
        figures = figures if of_row else line.segments
        sources = {s.line for s in figures}
        if len(sources) != 1 or (source := next(iter(sources))) in used or source in named:
            continue
        if raw[source].split() != [word for s in figures for word in s.text.split()]:
            continue  # the PDFium line holds more than the figures
        names = [_column_name(figure, at, lines, height) for figure in figures]
        if not all(names):
            continue
        fields = FIELD_SEPARATOR.join(f"{name}: {_words(f.text)}" for name, f in zip(names, figures, strict=True))
        label = _row_label(at, lines, texts, figures, height) if of_row else _caption(at, lines, height)
        named[source] = f"{label}{ROW_LABEL_SEPARATOR}{fields}" if label else fields
    return named


def _is_value(text: str) -> bool:
    """Whether a cell is a figure with at most a few words after it ("440 places", "0.3FE", "85 Year R")."""
    words = text.split()
    return 0 < len(words) <= _VALUE_WORDS and is_figure(_UNIT.sub("", words[0]))


def _is_counted(text: str) -> bool:
    """Whether a cell is a figure followed by the words saying what it counts ("440 places")."""
    return _is_value(text) and len(text.split()) >= 2


def _column_name(figure: Segment, at: int, lines: list[Line], height: float) -> str | None:
    """The short cells stacked above a figure at the head of its column, passing the figures of
    the rows above; None when text that is no column name stands above it first."""
    names: list[Segment] = []
    for line in reversed(lines[:at]):
        above = [s for s in line.segments if _under(figure, s, height)]
        if not above:
            continue
        if len(above) > 1:
            break
        cell = above[0]
        if _is_value(cell.text):
            if names:
                break  # a figure above the names (a total printed over the column names)
            continue  # the figure of a row above
        if any(len(s.text.split()) > _NAME_WORDS for s in line.segments) or cell.text.rstrip().endswith(":"):
            break  # a line of a row (a cell wrapped from the line below, or text), or a lead-in: no names
        if names and cell.top - names[0].top > _NAME_SPACING * height:
            break
        names.insert(0, cell)
    return " ".join(_words(s.text) for s in names) or None


def _under(figure: Segment, cell: Segment, height: float) -> bool:
    """Whether a cell sits over a figure's column."""
    slack = _SLACK * height
    return cell.left - slack <= figure.right and cell.right + slack >= figure.left


def _row_label(at: int, lines: list[Line], texts: list[Segment], figures: list[Segment], height: float) -> str:
    """The row's leading columns of short lines, read down to the next row's figures."""
    starts = [s.left for s in texts]
    edge = min(s.left for s in figures)
    columns: list[list[str]] = [[] for _ in starts]
    previous = lines[at]
    for line in lines[at:]:
        if line is not lines[at] and (
            any(is_figure(s.text) and s.left >= edge - height for s in line.segments)
            or previous.bottom - line.top > _ROW_GAP * height
        ):
            break
        for cell in line.segments:
            if cell.right <= edge:
                column = max((i for i, start in enumerate(starts) if start <= cell.left + height), default=0)
                columns[column].append(_words(cell.text))
        previous = line
    label: list[str] = []
    for column in columns[:_LABEL_COLUMNS]:
        if not column or any(len(text.split()) > _LABEL_WORDS for text in column):
            break
        label.append(" ".join(column))
    return " ".join(label)


def _caption(at: int, lines: list[Line], height: float) -> str:
    """What a row of values alone is of: the one-cell line above its column names that starts at or
    before its first value ("SEND Commissioning Intentions:"), within a few lines; "" when none."""
    first = lines[at].segments[0].left
    for line in reversed(lines[:at]):
        if line.bottom - lines[at].top > _CAPTION_REACH * height:
            break
        if len(line.segments) == 1 and line.segments[0].left <= first and len(line.segments[0].text.split()) >= 2:
            return _words(line.segments[0].text).rstrip(":")
    return ""


def _words(text: str) -> str:
    return " ".join(text.replace("\ufffe", "-").split())
