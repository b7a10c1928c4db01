"""Word (.docx) files: headings from paragraph styles, list paragraphs, and table rows."""

from __future__ import annotations

import io
import re
import zipfile

from assistant.errors import ParseError
from assistant.ingest.base import Extracted
from assistant.ingest.layout import Block, assemble
from assistant.types import Page

MAX_UNPACKED_BYTES = 256_000_000
_HEADING_STYLE = re.compile(r"^(heading|überschrift|titre)\s*(\d)$", re.IGNORECASE)


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
    text, headings = assemble(blocks)
    return Extracted([Page(None, text, headings)], _properties(document))


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
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            if block := _paragraph_block(item):
                blocks.append(block)
        elif isinstance(item, Table):
            for row in item.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                unique = list(dict.fromkeys(c for c in cells if c))  # merged cells repeat their text
                if unique:
                    blocks.append(Block(" | ".join(unique)))
    return blocks


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
