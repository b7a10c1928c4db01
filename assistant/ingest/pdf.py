"""PDF files with pypdf: one page of text per PDF page, reflowed, furniture removed.

Encrypted files are opened with the empty password (many council PDFs are "owner-password
only"); files that need a real password are skipped as encrypted. Pages without a text layer
are reported, and a document with no usable text at all is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator

from assistant.errors import EmptyDocument, EncryptedDocument, ParseError
from assistant.ingest.base import Extracted
from assistant.ingest.layout import assemble, looks_like_text, reflow, strip_furniture
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
            raw_pages = [_page_lines(page) for page in reader.pages]
            metadata = _metadata(reader)
        except (EncryptedDocument, EmptyDocument, ParseError):
            raise
        except FileNotDecryptedError as exc:
            raise EncryptedDocument("encrypted: a password is needed to open it") from exc
        except Exception as exc:  # pypdf raises assorted errors on malformed input
            raise ParseError(f"damaged PDF: {_first_line(exc)}") from exc
    return _build(raw_pages, metadata, problems)


def _build(raw_pages: list[list[str] | None], metadata: dict[str, object], problems: list[str]) -> Extracted:
    cleaned = strip_furniture([lines or [] for lines in raw_pages])
    pages: list[Page] = []
    garbled = 0
    for number, lines in enumerate(cleaned, start=1):
        text, headings = assemble(reflow(lines))
        if not text.strip():
            continue
        if not looks_like_text(text):
            garbled += 1
            continue
        pages.append(Page(number, text, headings))
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
        raise EncryptedDocument(f"encrypted and cannot be opened ({_first_line(exc)})") from exc
    if not opened:
        raise EncryptedDocument("encrypted: a password is needed to open it")


def _page_lines(page: object) -> list[str] | None:
    try:
        text = page.extract_text() or ""  # type: ignore[attr-defined]
    except Exception as exc:  # one bad page must not lose the rest of the document
        logger.warning("skipping a PDF page whose text cannot be extracted: %s", _first_line(exc))
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
        self.messages.append(_first_line(record.getMessage()))


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


def _first_line(value: object) -> str:
    text = str(value).strip().splitlines()
    return text[0][:160] if text else value.__class__.__name__
