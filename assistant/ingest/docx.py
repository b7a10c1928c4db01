"""Word (.docx) files: headings from paragraph styles, list paragraphs, and tables.

A table's leading rows marked "repeat as header row", or else its first row, name its columns;
each row becomes one line with every value named (``ingest/tables.py``). A caption paragraph
just above ("Table 3: ...") is the table's caption. A table with a
single column or a single row is a layout box: its text stays paragraphs.
"""

from __future__ import annotations

import io
import re
import zipfile

from assistant.errors import ParseError
from assistant.ingest.base import Extracted
from assistant.ingest.layout import Block, assemble_page
from assistant.ingest.tables import is_figure, make_table, table_blocks
from assistant.types import Page

MAX_UNPACKED_BYTES = 256_000_000
_HEADING_STYLE = re.compile(r"^(heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_CAPTION = re.compile(r"^(Table|Figure|Chart)\s+[0-9A-Z]")


def load_docx(data: bytes) -> Extracted:
    """Load a .docx file as one page; core properties give title and date.

    Raises:
        ParseError: when the file is not a readable Word document.
    """
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ParseError("python-docx is not installed (pip install python-docx)") from exc
    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zip, lxml and python-docx errors share no narrower base
        raise ParseError(f"not a readable Word document ({exc.__class__.__name__})") from exc
    blocks = list(_body_blocks(document))
    text, headings, tables = assemble_page(blocks)
    return Extracted([Page(None, text, headings, tables)], _properties(document))


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a package that unpacks to more than :data:`MAX_UNPACKED_BYTES` (a zip bomb):
    python-docx reads every part into memory. A part that holds more than its stated size
    fails its checksum, so the stated sizes are a safe bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(item.file_size for item in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseError(f"not a readable Word document ({exc.__class__.__name__})") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ParseError(
            f"the package unpacks to {unpacked / 1e6:.0f} MB, over the {MAX_UNPACKED_BYTES / 1e6:.0f} MB limit"
        )


def _body_blocks(document: object) -> list[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    tables = 0
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            if block := _paragraph_block(item):
                blocks.append(block)
        elif isinstance(item, Table):
            caption = _caption(blocks)
            rows = [_row_cells(row) for row in item.rows]
            header = _header_count(item, rows)
            names = [_row_cells(row, spread=True) for row in item.rows[:header]]
            table = make_table(names, rows[header:], caption.text if caption else "")
            table = table if len(rows) >= 2 else None
            if table is None:
                blocks.extend(Block(" | ".join(_unique(cells))) for cells in rows if _unique(cells))
                continue
            if caption:
                blocks.pop()
            blocks.extend(table_blocks(table, tables))
            tables += 1
    return blocks


def _row_cells(row: object, spread: bool = False) -> list[str]:
    """A row's cells; a cell merged across columns keeps its text in the first one only, or in
    each (``spread``: a column name over several columns names each of them)."""
    cells: list[str] = []
    previous = None
    for cell in row.cells:  # type: ignore[attr-defined]
        text = " ".join(cell.text.split())
        cells.append("" if cell._tc is previous and not spread else text)  # python-docx repeats a merged cell
        previous = cell._tc
    return cells


def _header_count(table: object, rows: list[list[str]]) -> int:
    """Rows marked to repeat as the header, else the first row (when more rows follow)."""
    marked = 0
    for row in table.rows:  # type: ignore[attr-defined]
        properties = row._tr.trPr
        if properties is None or not properties.xpath("./w:tblHeader"):
            break
        marked += 1
    if marked or len(rows) < 2:
        return marked
    count = 1  # the first row, and rows under it that only name columns (no label, no figures)
    while count < len(rows) - 1 and not rows[count][0] and not any(is_figure(c) for c in rows[count]):
        count += 1
    return count


def _caption(blocks: list[Block]) -> Block | None:
    last = blocks[-1] if blocks else None
    if last and not last.level and last.table is None and _CAPTION.match(last.text) and len(last.text) <= 200:
        return last
    return None


def _unique(cells: list[str]) -> list[str]:
    return list(dict.fromkeys(c for c in cells if c))


def _paragraph_block(paragraph: object) -> Block | None:
    text = " ".join(paragraph.text.split())  # type: ignore[attr-defined]
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""  # type: ignore[attr-defined]
    if style.lower() == "title":
        return Block(text, 1)
    if match := _HEADING_STYLE.match(style):
        return Block(text, int(match.group(2)))
    if "list" in style.lower():
        return Block(f"- {text}")
    return Block(text)


def _properties(document: object) -> dict[str, object]:
    props = document.core_properties  # type: ignore[attr-defined]
    metadata: dict[str, object] = {}
    if props.title:
        metadata["title"] = props.title
    if props.created or props.modified:
        metadata["file_date"] = props.created or props.modified
    return metadata
