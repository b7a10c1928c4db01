"""PDF files: one page of text per PDF page, reflowed, furniture removed.

pypdf opens the file, decrypts it, reads its metadata and decides what is wrong with a bad
one. Encrypted files are opened with the empty password (many council PDFs are "owner-password
only"); files that need a real password are skipped as encrypted. Pages without a text layer
are reported, and a document with no usable text at all is skipped with the reason.

The text itself comes from PDFium (pypdfium2) when it opens the file: its C++ extraction is
about fifteen times faster than pypdf's pure Python, which otherwise takes a fifth of the time
to index a folder of PDFs. PDFium gives lines without the blank lines pypdf puts between
paragraphs, which the reflow and the minutes reader rely on, so a blank line is put wherever
the gap above a line exceeds ``_PARAGRAPH_GAP`` line heights (pypdf's own breaks on the council
minutes fall above 1.9 heights, its line spacing below). pypdf extracts the text when PDFium
cannot open the file or fails on a page.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from assistant.errors import EmptyDocument, EncryptedDocument, ParseError, first_line
from assistant.ingest.base import Extracted
from assistant.ingest.layout import Block, assemble_page, looks_like_text, reflow, strip_furniture
from assistant.ingest.pdftables import FoundTable, find_tables
from assistant.ingest.tables import table_blocks
from assistant.types import Page

logger = logging.getLogger(__name__)


def load_pdf(data: bytes) -> Extracted:
    """Load a PDF: one :class:`Page` per PDF page that has usable text.

    Raises:
        EncryptedDocument: the empty password does not open it.
        EmptyDocument: no page has a text layer (scanned or image-only).
        ParseError: the file is damaged beyond what pypdf can recover, or its text is noise.
    """
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    with _quiet_pypdf() as problems:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            _unlock(reader)
            fast = _pdfium_pages(data, len(reader.pages))
            raw_pages = [
                lines if lines is not None else _page_lines(page)
                for page, lines in zip(reader.pages, fast or [None] * len(reader.pages), strict=True)
            ]
            metadata = _metadata(reader)
        except (EncryptedDocument, EmptyDocument, ParseError):
            raise
        except FileNotDecryptedError as exc:
            raise EncryptedDocument("encrypted: a password is needed to open it") from exc
        except Exception as exc:  # pypdf raises assorted errors on malformed input
            raise ParseError(f"damaged PDF: {first_line(exc)}") from exc
    return _build(raw_pages, metadata, problems)


def _build(raw_pages: list[list[str | Block] | None], metadata: dict[str, object], problems: list[str]) -> Extracted:
    cleaned = strip_furniture([lines or [] for lines in raw_pages])
    pages: list[Page] = []
    garbled = 0
    for number, lines in enumerate(cleaned, start=1):
        text, headings, tables = assemble_page(reflow(lines))
        if not text.strip():
            continue
        if not looks_like_text(text):
            garbled += 1
            continue
        pages.append(Page(number, text, headings, tables))
    if pages:
        return Extracted(pages, metadata)
    if garbled:
        raise ParseError("text layer is unreadable (glyph codes, not words)")
    if problems:
        raise ParseError(f"damaged PDF: no text could be extracted ({problems[0]})")
    raise EmptyDocument("no text layer (scanned or image-only PDF; run OCR first)")


def _unlock(reader: object) -> None:
    if not reader.is_encrypted:  # type: ignore[attr-defined]
        return
    try:
        opened = reader.decrypt("")  # type: ignore[attr-defined]
    except Exception as exc:  # cryptography missing or an unsupported handler
        raise EncryptedDocument(f"encrypted and cannot be opened ({first_line(exc)})") from exc
    if not opened:
        raise EncryptedDocument("encrypted: a password is needed to open it")


_PARAGRAPH_GAP = 1.95  # line heights between a line's top and the previous line's bottom


def _pdfium_pages(data: bytes, count: int) -> list[list[str | Block] | None] | None:
    """Each page's text lines by PDFium (None for a page it fails on), or None when it cannot
    open the file or counts other pages than pypdf."""
    try:
        import pypdfium2
    except ImportError:  # a speed-up only: pypdf reads everything on its own
        return None
    try:
        document = pypdfium2.PdfDocument(data, password="")
    except Exception:  # damaged, or encrypted beyond the empty password: pypdf decides
        return None
    try:
        if len(document) != count:
            return None
        pages: list[list[str | Block] | None] = []
        for index in range(count):
            try:
                pages.append(_pdfium_lines(document[index]))
            except Exception:  # one bad page: pypdf tries it
                pages.append(None)
        return pages
    finally:
        document.close()


def _pdfium_lines(page: Any) -> list[str | Block]:
    """A page's lines, with a blank line at each paragraph gap (see the module docstring) and
    each table found on it laid out as blocks where its first line was."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count).replace("\x00", "")
        raw = text.split("\r\n")
        starts = list(accumulate((len(line) + 2 for line in raw[:-1]), initial=0))
        boxes = [_first_box(textpage, line, start, count) for line, start in zip(raw, starts, strict=True)]
        tables, named = _tables(textpage, raw, starts)
    finally:
        textpage.close()
    heights = sorted(box[1] - box[0] for box in boxes if box and box[1] - box[0] > 1)
    height = heights[len(heights) // 2] if heights else 10.0
    replaced = {i for found in tables for i in found.lines}
    residue = {i: rest for found in tables for i, rest in found.residue.items()}
    at = {found.first: number for number, found in enumerate(tables)}
    lines: list[str | Block] = []
    previous: tuple[float, float] | None = None
    for index, (line, box) in enumerate(zip(raw, boxes, strict=True)):
        if index in at:
            lines.extend(["", *table_blocks(tables[at[index]].table, at[index]), ""])
            previous = None
        if index in replaced:
            continue
        line = named.get(index, residue.get(index, line))
        if box is not None and previous is not None:
            gap = (previous[0] - box[1]) / height
            if gap > _PARAGRAPH_GAP or gap < -1.0:  # a paragraph gap, or a jump back up (a new column)
                lines.append("")
        # PDFium joins a word hyphenated at a line end, marking the hyphen U+FFFE; pypdf keeps the
        # two lines, and the reflow decides whether the hyphen stays ("one-off") or goes
        lines.extend(line.replace("\ufffe", "-\n").split("\n"))
        previous = box or previous
    return lines


def _first_box(textpage: Any, line: str, start: int, count: int) -> tuple[float, float] | None:
    """Bottom and top of a line's first visible character (None for a blank line)."""
    first = next((i for i, c in enumerate(line) if not c.isspace()), None)
    if first is None or start + first >= count:
        return None
    _, bottom, _, top = textpage.get_charbox(start + first)
    return bottom, top


def _tables(textpage: Any, lines: list[str], starts: list[int]) -> tuple[list[FoundTable], dict[int, str]]:
    try:
        return find_tables(textpage, lines, starts)
    except Exception as exc:  # a layout PDFium cannot measure: the page keeps its plain lines
        logger.warning("reading a PDF page's tables failed: %s", first_line(exc))
        return [], {}


def _page_lines(page: object) -> list[str] | None:
    try:
        text = page.extract_text() or ""  # type: ignore[attr-defined]
    except Exception as exc:  # one bad page must not lose the rest of the document
        logger.warning("skipping a PDF page whose text cannot be extracted: %s", first_line(exc))
        return None
    return text.replace("\x00", "").split("\n")


def _metadata(reader: object) -> dict[str, object]:
    try:
        info = reader.metadata  # type: ignore[attr-defined]
    except Exception:  # unreadable metadata is not a reason to skip the document
        return {}
    if not info:
        return {}
    metadata: dict[str, object] = {}
    title = info.get("/Title")
    if isinstance(title, str) and title.strip():
        metadata["title"] = title.strip()
    for key in ("/ModDate", "/CreationDate"):
        value = info.get(key)
        if isinstance(value, str) and value.startswith("D:") and len(value) >= 10:
            metadata["file_date"] = f"{value[2:6]}-{value[6:8]}-{value[8:10]}"
            break
    return metadata


class _ProblemCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(first_line(record.getMessage()))


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[list[str]]:
    """Collect pypdf's warnings instead of letting them flood the user's terminal."""
    pypdf_logger = logging.getLogger("pypdf")
    collector = _ProblemCollector()
    old_propagate = pypdf_logger.propagate
    pypdf_logger.addHandler(collector)
    pypdf_logger.propagate = False
    try:
        yield collector.messages
    finally:
        pypdf_logger.removeHandler(collector)
        pypdf_logger.propagate = old_propagate
