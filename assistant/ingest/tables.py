"""Tables as text: one line per row, each value named by its column.

Every loader that finds a table (PDF layout, Word, HTML, Markdown) hands it over as a
:class:`Table`; :func:`table_blocks` lays it out as lines the rest of the pipeline reads like
any other text:

- the caption, if the table has one ("Table 6.2 – Tax base changes and 2025-26 Precept");
- the column names, once: ``District | 2024-25 Taxbase | 2025-26 Taxbase | % change``;
- each row on one line, its label first and every value named by its column:
  ``Thanet — 2024-25 Taxbase: 46,454.06; 2025-26 Taxbase: 48,260.89; % change: +3.89%``
  (words that open every column's name are left to the column-names line).

A row therefore reads on its own, wherever chunking puts it, and quoting it quotes the figure
with what it is. A row too long to stay one sentence (a register whose cells are paragraphs)
is laid out one cell per line, each line still led by the row's label and the column's name.
The blocks carry the table's number so :func:`assistant.ingest.layout.assemble` can record
where the table sits in the page (:class:`assistant.types.TableSpan`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.layout import Block

ROW_LABEL_SEPARATOR = " — "
FIELD_SEPARATOR = "; "
CELL_SEPARATOR = " | "  # between a table's column names, or cells laid out as they stand
MAX_ROW_CHARS = 600  # about 130 model tokens: longer rows go one cell per line
_BULLET = re.compile(r"^([•●▪◦■□‣∙·*–-])\s+")


@dataclass(frozen=True)
class Table:
    """A table read from a document.

    ``header`` names each column ("" where a column has no name); every row of ``rows`` has as
    many cells as ``header``. ``label_column`` says whether the first column names the row
    (it does unless it holds figures).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    label_column: bool = True


def make_table(
    header_rows: list[list[str]], rows: list[list[str]], caption: str = "", label_column: bool | None = None
) -> Table | None:
    """A :class:`Table` from raw cells, or None when there is nothing tabular (fewer than two
    columns with content, no row with two filled cells, or no column names).

    Several header rows are joined per column ("2024-25" over "Budget" gives "2024-25 Budget");
    merged cells that repeat one text across a row are kept once per column they cover.
    """
    width = max((len(r) for r in header_rows + rows), default=0)
    header = [_join_names([_cell(r, i) for r in header_rows]) for i in range(width)]
    body = [tuple(_cell(r, i) for i in range(width)) for r in rows]
    body = [r for r in body if any(r)]
    used = [i for i in range(width) if header[i] or any(r[i] for r in body)]
    if len(used) < 2 or not any(sum(1 for c in r if c) >= 2 for r in body) or not any(header):
        return None
    header = [header[i] for i in used]
    body = [tuple(r[i] for i in used) for r in body]
    if label_column is None:
        label_column = not all(is_figure(r[0]) for r in body if r[0])
    return Table(tuple(header), tuple(body), " ".join(caption.split()), label_column)


def table_blocks(table: Table, number: int) -> list[Block]:
    """The table's lines as blocks marked with ``number``: caption, column names, rows."""
    blocks = []
    if table.caption:
        blocks.append(Block(table.caption, table=number))
    names = [name for name in table.header if name]
    if len(names) >= 2:
        blocks.append(Block(CELL_SEPARATOR.join(names), table=number))
    for row in table.rows:
        blocks.extend(Block(line, table=number, row=True) for line in row_lines(table, row))
    return blocks


def row_lines(table: Table, row: tuple[str, ...]) -> list[str]:
    """One row as text: one line, or one line per cell when it would be too long."""
    label = _BULLET.sub("", row[0]) if table.label_column else ""
    start = 1 if table.label_column else 0
    names = field_names(table.header[start:])
    fields = [_field(names[i - start], row[i]) for i in range(start, len(row)) if row[i]]
    if not fields:
        return [label] if label else []
    lead = f"{label}{ROW_LABEL_SEPARATOR}" if label else ""
    line = lead + FIELD_SEPARATOR.join(fields)
    if len(line) <= MAX_ROW_CHARS or len(fields) == 1:
        return [line]
    return [lead + field for field in fields]


def field_names(names: tuple[str, ...]) -> list[str]:
    """Column names as each value is named in a row: words that open every name (a date over
    all the columns, "30-Nov-24 Actual £m", "30-Nov-24 Rate %") are said once, in the column
    names line, and left out of the rows."""
    words = [name.split() for name in names]
    named = [w for w in words if w]
    if len(named) < 2:
        return list(names)
    shared = 0
    while all(len(w) > shared + 1 and w[shared] == named[0][shared] for w in named):
        shared += 1
    return [" ".join(w[shared:]) if w else "" for w in words]


def _field(name: str, value: str) -> str:
    return f"{name}: {value}" if name else value


def _cell(row: list[str], index: int) -> str:
    return " ".join(row[index].split()) if index < len(row) else ""


def _join_names(parts: list[str]) -> str:
    names: list[str] = []
    for part in parts:
        if part and (not names or names[-1] != part):
            names.append(part)
    return " ".join(names)


_FIGURE = re.compile(r"^[(+\-–−]?[£$€]?\d[\d,]*(\.\d+)?\)?(%|m|k|bn|p)?$", re.IGNORECASE)


def is_column_names(text: str) -> bool:
    """Whether a line is a table's column names as :func:`table_blocks` lays them out ("Investment Fund
    | Book cost £m | 30-Sep-24 Market Value £m"): it names columns, it holds none of their values."""
    cells = text.split(CELL_SEPARATOR)
    return len(cells) >= 3 and all(0 < len(cell.split()) <= 8 for cell in cells)


def is_figure(text: str) -> bool:
    """Whether a cell holds a figure: an amount, count or percentage ("£39,355", "+3.89%", "(1.2)")."""
    return bool(_FIGURE.match(text.replace(" ", "")))


def names_a_column(row: str, question: str) -> bool:
    """Whether a table row as laid out ("Kent Police — Date Awarded: 2022; Award Level: Gold") has a
    filled column whose name the question uses whole ("what award level ..."): that cell answers it,
    whatever kind of value it holds."""
    _, separator, fields = row.partition(ROW_LABEL_SEPARATOR)
    if not separator:
        return False
    asked = set(re.findall(r"[a-z]+", question.lower()))
    for field in fields.split(FIELD_SEPARATOR):
        name, colon, value = field.partition(": ")
        words = re.findall(r"[a-z]+", name.lower())
        if colon and value.strip() and len(words) >= 2 and set(words) <= asked:
            return True
    return False
