"""Tables in PDF pages, found from where PDFium places the words.

PDFium's text gives a table row as a line of cells run together ("KS H £39,355 £40,742 ..."),
with the column names stacked on lines of their own above, so a row's figures lose their names
and a wrapped row label lands apart from its values. This module rebuilds the grid from the
words' boxes, for pages where PDFium itself breaks a line into several text runs (a page of
prose has one run per line and costs one call a line):

1. words on one visual line merge into *segments* where they sit closer than a column gap
   (``ingest/pdflines.py``);
2. a *region* is a run of lines, most of them holding two or more segments;
3. the segments of its multi-segment lines define the columns (a segment that straddles two
   columns of another line is a spanning cell and does not join them);
4. lines group into rows at a gap wider than a cell's line spacing, between two lines that
   both hold a figure in one column, or where a new label starts after a line without one
   (``ingest/pdfrows.py``, which also settles label lines between rows);
5. the rows above the first one with a figure are the column names; a row of group names over
   them ("2025-26 Final" and "2024-25 Final", each over "Kent | England") names every column
   under each group, and a "Table 3.1" beside the groups is the caption.

A region is a table only when it has at least two named columns and a column of figures
(amounts, counts, percentages, dates in figures) in two or more rows, so multi-column prose,
numbered lists, attendance lists and agenda layouts stay text. The caption is the line just
above ("Table 6.2 – Tax base changes ..." or a short title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assistant.ingest.pdffigures import named_figure_lines
from assistant.ingest.pdflines import Line, Segment, measure_page
from assistant.ingest.pdfrows import ROW_GAP, cells_of, drop_footnote, rows_of
from assistant.ingest.tables import Table, is_figure, make_table

_REGION_GAP = 3.0  # lines further apart than this many line heights end a region
_CAPTION_GAP = 2.2
_TABLE_CAPTION_GAP = 3.0
_CAPTION_WORD = re.compile(r"^(Table|Figure|Chart|Annex|Appendix|TABLE|FIGURE)\s+[0-9A-Z]")
_TERMINAL = re.compile(r"[.,;:!?]$")
_NUMBERED = re.compile(r"^\(?\d{1,3}(\.\d{1,3})*[.)]?\s+[A-Z]")
_PERCENT = re.compile(r"\d%")
_PAGE_COLUMN = re.compile(r"^(pages?|page no\.?|pp)$", re.IGNORECASE)
_HEADER_WORDS = 10  # a longer cell above the figures is text beside the table, not a column name


@dataclass(frozen=True)
class FoundTable:
    """A table found on a page and the PDFium lines it replaces.

    ``lines`` are the indices of the page's PDFium lines whose words all belong to the table
    (or its caption); ``residue`` gives, for lines only partly used, the words left over;
    ``first`` is where in the line order the table goes.
    """

    table: Table
    lines: frozenset[int]
    residue: dict[int, str]
    first: int


def find_tables(textpage: Any, lines: list[str], starts: list[int]) -> tuple[list[FoundTable], dict[int, str]]:
    """The tables of one page, from its PDFium ``lines`` (``starts`` are their first characters), and
    the lines holding only a row's figures in a table of paragraphs, with the figures named
    (``ingest/pdffigures.py``)."""
    measured = measure_page(textpage, lines, starts)
    if measured is None:
        return [], {}
    visual, height, width = measured
    found = []
    for region in _regions(visual, height, width):
        found.extend(_placed(table, used, lines) for table, used in _tables_of(region, visual, height))
    return found, named_figure_lines(visual, height, lines, {i for table in found for i in table.lines})


def _regions(lines: list[Line], height: float, width: float) -> list[list[Line]]:
    """Runs of lines that may be a table: they start and end with a multi-segment line, and the
    lines between are multi-segment or narrow (a wrapped cell), none far from the one above."""
    regions: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        near = current and current[-1].bottom - line.top <= _REGION_GAP * height
        narrow = line.segments[-1].right - line.segments[0].left <= 0.5 * width
        if current and near and (len(line.segments) >= 2 or narrow):
            current.append(line)
            continue
        if current:
            regions.append(current)
        current = [line] if len(line.segments) >= 2 else []
    if current:
        regions.append(current)
    return [trimmed for region in regions if len(trimmed := _trim(region, height)) >= 2]


def _trim(region: list[Line], height: float) -> list[Line]:
    """Trailing one-segment lines stay only as a wrapped cell's last lines (close below)."""
    end = len(region)
    while end > 1 and len(region[end - 1].segments) == 1:
        if region[end - 2].bottom - region[end - 1].top > ROW_GAP * height:
            end -= 1
        else:
            break
    kept = region[:end]
    while kept and len(kept[-1].segments) == 1 and kept[-1] is not region[-1]:
        kept.pop()
    return kept if sum(len(line.segments) >= 2 for line in kept) >= 2 else []


def _columns(region: list[Line]) -> list[tuple[float, float]]:
    """Column extents: overlapping segments of multi-segment lines, spanning cells left out."""
    multi = [line for line in region if len(line.segments) >= 2]
    pieces = [
        (s.left, s.right)
        for line in multi
        for s in line.segments
        if not any(other is not line and _straddles(s, other) for other in multi)
    ]
    columns: list[list[float]] = []
    for left, right in sorted(pieces):
        if columns and left < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    return [(a, b) for a, b in columns]


def _straddles(segment: Segment, line: Line) -> bool:
    """Whether a segment overlaps two segments of another line (which run left to right)."""
    found = 0
    for other in line.segments:
        if other.left >= segment.right:
            break
        if other.right > segment.left:
            found += 1
            if found == 2:
                return True
    return False


def _column_of(segment: Segment, columns: list[tuple[float, float]]) -> int:
    overlaps = [min(segment.right, b) - max(segment.left, a) for a, b in columns]
    best = max(range(len(columns)), key=lambda i: overlaps[i])
    if overlaps[best] > 0:
        return next(i for i, o in enumerate(overlaps) if o > 0)  # a spanning cell starts in its first column
    centre = (segment.left + segment.right) / 2
    return min(range(len(columns)), key=lambda i: min(abs(centre - columns[i][0]), abs(centre - columns[i][1])))


def _fill_cells(region: list[Line], columns: list[tuple[float, float]]) -> None:
    for line in region:
        line.cells = {}
        for segment in line.segments:
            column = _column_of(segment, columns)
            line.cells[column] = f"{line.cells[column]} {segment.text}" if column in line.cells else segment.text


def _tables_of(region: list[Line], lines: list[Line], height: float) -> list[tuple[Table, list[Line]]]:
    """The region as tables, each with the lines it uses (caption included); none when it is
    not tabular. A row that repeats the column names starts the next table of a stack."""
    columns = _columns(region)
    if len(columns) < 2:
        return []
    _fill_cells(region, columns)
    rows = drop_footnote(rows_of(region, height))
    cells = [cells_of(row, len(columns)) for row in rows]
    first = next((i for i, row in enumerate(cells) if any(is_figure(c) for c in row[1:])), None)
    if not first:
        return []  # no figures, or no column names above them
    while first > 1 and sum(1 for c in cells[first - 1] if c) == 1 and cells[first - 1][0]:
        first -= 1  # a label alone just above the figures heads a group of rows, not a column
    top = first
    while top > 0 and _names_columns(cells[top - 1]):
        top -= 1
    numbered = ""
    beside = top > 0 and _CAPTION_WORD.match(cells[top - 1][0]) and any(cells[top - 1][1:])
    if beside and _names_columns(cells[top - 1][1:]):  # "Table 3.1" beside "2025-26 Final" over two columns
        numbered, cells[top - 1][0] = cells[top - 1][0], ""
        top -= 1
    if top == first:
        return []
    for index in range(top, first):
        cells[index] = _spread(rows[index], columns, cells[index], cells[index + 1 : first])
    found = []
    for bounds in _stacked(cells, top, first):
        if table := _one_table(cells, rows, bounds, lines, height, numbered if bounds[0] == top else ""):
            found.append(table)
    return found


def _spread(row: list[Line], columns: list[tuple[float, float]], cells: list[str], below: list[list[str]]) -> list[str]:
    """A row of group names over the column names ("2025-26 Final" over "Kent | England", then
    "2024-25 Final" over "Kent | England"): each group's name goes to every column under it, so
    each column is named whole. It takes two groups or more of one width, over a row below
    that names every column they cover; a single name over two columns is as often two cells
    run together ("31.3.24 31.3.25") or a note beside the table, and stays where it is."""
    groups = []
    for line in row:
        for segment in line.segments:
            covered = [i for i, (a, b) in enumerate(columns) if min(segment.right, b) - max(segment.left, a) > 0]
            if len(covered) >= 2 and covered[0] != 0:
                groups.append((segment.text, covered))
    widths = {len(covered) for _, covered in groups}
    spanned = [i for _, covered in groups for i in covered]
    if len(groups) < 2 or len(widths) != 1 or len(spanned) != len(set(spanned)):
        return cells
    if not any(all(names[i] for i in spanned) for names in below):
        return cells
    spread = list(cells)
    for text, covered in groups:
        for column in covered:
            spread[column] = text
    return spread


def _stacked(cells: list[list[str]], top: int, first: int) -> list[tuple[int, int, int]]:
    """(header start, body start, end) of each table in a stack that repeats its column names."""
    names = cells[first - 1][1:]
    bounds, start, body = [], top, first
    for i in range(first, len(cells)):
        if i > body and cells[i][1:] == names:
            bounds.append((start, body, i))
            start, body = i, i + 1
    bounds.append((start, body, len(cells)))
    return bounds


def _one_table(
    cells: list[list[str]],
    rows: list[list[Line]],
    bounds: tuple[int, int, int],
    lines: list[Line],
    height: float,
    numbered: str = "",
) -> tuple[Table, list[Line]] | None:
    top, first, end = bounds
    header, body = cells[top:first], cells[first:end]
    recurring = any(c and c in col for row in header for c, col in zip(row[1:], _columns_text(body), strict=False))
    if not body or recurring:
        return None  # "names" that recur below are a row, not the column names
    names = [" ".join(row[i] for row in header) for i in range(len(header[0]))]
    figures = [sum(1 for i, c in enumerate(r) if i and is_figure(c) and not _PAGE_COLUMN.match(names[i])) for r in body]
    if sum(1 for n in figures if n) < 2 and max(figures) < 3:
        return None
    caption = _caption(rows[top][0], lines, height)
    title = " ".join([*(line.segments[0].text for line in caption), numbered])
    table = make_table(header, body, title)
    if table is None or sum(1 for name in table.header if name) < 2:
        return None
    return table, caption + [line for row in rows[top:end] for line in row]


def _names_columns(row: list[str]) -> bool:
    """Whether a row can be column names: short cells, none ending a sentence or opening a caption."""
    return all(
        len(c.split()) <= _HEADER_WORDS
        and not c.endswith((".", ":", ";"))
        and not _CAPTION_WORD.match(c)
        and not _PERCENT.search(c)  # "Once a week, 17%": a chart's label beside the table
        for c in row
    )


def _columns_text(body: list[list[str]]) -> list[set[str]]:
    return [{row[i] for row in body} for i in range(1, len(body[0]))] if body else []


def _caption(top: Line, lines: list[Line], height: float) -> list[Line]:
    """The caption's lines just above a table: a "Table 6.2 ..." line (or two), or a short title."""
    index = next(i for i, line in enumerate(lines) if line is top)
    if index == 0 or len(lines[index - 1].segments) != 1:
        return []
    nearest = lines[index - 1]
    gap = nearest.bottom - top.top
    text = nearest.segments[0].text
    if gap > _TABLE_CAPTION_GAP * height:
        return []
    if _CAPTION_WORD.match(text):
        return [nearest]
    second = lines[index - 2] if index >= 2 else None
    if (
        second is not None
        and len(second.segments) == 1
        and _CAPTION_WORD.match(second.segments[0].text)
        and second.bottom - nearest.top <= ROW_GAP * height
    ):
        return [second, nearest]
    if gap <= _CAPTION_GAP * height and _is_title(text):
        return [nearest]
    return []


def _is_title(text: str) -> bool:
    """A short line that names something: no sentence punctuation, not a numbered paragraph."""
    opens = text[:1].isupper() or text[:1].isdigit()
    return 0 < len(text.split()) <= 15 and opens and not _TERMINAL.search(text) and not _NUMBERED.match(text)


def _placed(table: Table, lines_used: list[Line], lines: list[str]) -> FoundTable:
    """Which PDFium lines the table replaces, what is left of lines it only partly uses."""
    used: dict[int, list[str]] = {}
    for line in lines_used:
        for segment in line.segments:
            used.setdefault(segment.line, []).append(segment.text)
    whole, residue = set(), {}
    for index, texts in used.items():
        rest = lines[index].replace("\ufffe", "-")
        for text in texts:
            rest = rest.replace(text, " ", 1)
        if rest.strip():
            residue[index] = " ".join(rest.split())
        else:
            whole.add(index)
    return FoundTable(table, frozenset(whole), residue, min(used))
