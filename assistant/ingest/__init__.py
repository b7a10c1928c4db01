"""Loading documents: pick a loader by suffix and sniffed content, then settle the metadata.

``load_document`` raises an :class:`~assistant.errors.IngestError` subclass with a one-line
reason for anything it cannot read; ``discover`` lists what a folder holds and what it leaves out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from assistant.errors import EmptyDocument, ParseError, UnsupportedFileType
from assistant.ingest.base import Extracted
from assistant.ingest.discovery import (
    Discovered,
    discover,
    discover_files,
    file_digest,
    regular_file_size,
    resolve_root,
)
from assistant.ingest.docx import load_docx
from assistant.ingest.html import load_html
from assistant.ingest.markdown import load_markdown
from assistant.ingest.metadata import (
    clean_doc_type,
    date_from_filename,
    dated_name,
    find_date,
    heading_title,
    humanise,
    infer_doc_type,
    infer_organisation,
    is_generic_heading,
    is_meaningful_title,
    minutes_body,
    normalise_date,
    subject_title,
    tidy_title,
)
from assistant.ingest.pdf import load_pdf
from assistant.ingest.text import load_text
from assistant.types import Document, DocumentInfo

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Discovered",
    "discover",
    "discover_files",
    "file_digest",
    "load_document",
    "make_doc_id",
    "resolve_root",
]

Loader = Callable[[bytes], Extracted]
_LOADERS: dict[str, Loader] = {
    "pdf": load_pdf,
    "docx": load_docx,
    "html": load_html,
    "markdown": load_markdown,
    "text": load_text,
}
_SUFFIX_KINDS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
SUPPORTED_SUFFIXES = tuple(sorted(_SUFFIX_KINDS))


def load_document(path: Path, doc_id: str | None = None, max_bytes: int | None = None) -> Document:
    """Read one file into a :class:`Document`.

    Args:
        path: the file.
        doc_id: the id to give it (default: derived from the file name).
        max_bytes: files larger than this are refused.

    Raises:
        IngestError: with a one-line reason (unsupported, empty, encrypted, damaged, too large).
    """
    size = regular_file_size(path, max_bytes)
    if size == 0:
        raise EmptyDocument("empty file")
    kind = detect_kind(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror or exc})") from exc
    extracted = _LOADERS[kind](data)
    if extracted.text_length == 0:
        raise EmptyDocument("no text in the file")
    info = settle_info(path, extracted, doc_id or make_doc_id(path))
    digest = hashlib.sha256(data).hexdigest()
    return Document(info, tuple(extracted.pages), digest)


def detect_kind(path: Path) -> str:
    """The loader for a file, from its suffix checked against its first bytes.

    Raises:
        UnsupportedFileType: for types no loader reads.
        ParseError: when the content contradicts the suffix (a '.pdf' that is not a PDF).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise ParseError(f"cannot read the file ({exc.strerror or exc})") from exc
    sniffed = _sniff(head)
    kind = _SUFFIX_KINDS.get(path.suffix.lower())
    if kind is None:
        if sniffed in ("pdf", "docx", "html"):
            return sniffed
        raise UnsupportedFileType(
            f"unsupported file type '{path.suffix or 'no suffix'}' (supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    if kind == "pdf" and sniffed != "pdf":
        raise ParseError("not a PDF: the content does not start with %PDF")
    if kind == "docx" and sniffed != "docx":
        raise ParseError("not a Word document: the content is not a .docx package")
    if kind in ("text", "markdown", "html") and sniffed in ("pdf", "docx", "zip", "binary"):
        raise ParseError(f"binary content in a {path.suffix} file")
    if kind == "text" and _looks_like_markdown(head):
        return "markdown"
    return kind


def _looks_like_markdown(head: bytes) -> bool:
    text = head.decode("utf-8", errors="ignore")
    headings = re.findall(r"(?m)^#{1,6} \S", text)
    return len(headings) >= 2 or bool(re.match(r"---\r?\n\w+:", text))


def _sniff(head: bytes) -> str:
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in head or b"[Content_Types].xml" in head else "zip"
    lowered = head[:1024].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:256]:
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def settle_info(path: Path, extracted: Extracted, doc_id: str) -> DocumentInfo:
    """Combine the file's own metadata with what its name and opening text reveal."""
    meta = extracted.metadata
    opening = extracted.pages[0].text[:1500] if extracted.pages else ""
    title = _settle_title(path, extracted)
    date = (
        normalise_date(meta.get("date"))
        or find_date(opening)
        or date_from_filename(path)
        or normalise_date(meta.get("file_date"))
    )
    doc_type = (
        clean_doc_type(meta.get("doc_type") or meta.get("type"))
        if meta.get("doc_type") or meta.get("type")
        else infer_doc_type(path.stem, title, opening[:400])
    )
    organisation = meta.get("organisation") or meta.get("organization") or meta.get("board")
    origin = meta.get("origin")
    return DocumentInfo(
        doc_id=doc_id,
        title=title,
        source=str(path),
        date=date,
        doc_type=doc_type,
        organisation=str(organisation) if organisation else infer_organisation(opening),
        origin=" ".join(str(origin).split()) if origin else None,
    )


def make_doc_id(path: Path) -> str:
    """A readable, URL-safe id from a file name: 'Minutes 9 Jan.pdf' -> 'minutes-9-jan'."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug[:80] or "document"


def _settle_title(path: Path, extracted: Extracted) -> str:
    meta_title = extracted.metadata.get("title")
    if isinstance(meta_title, str) and meta_title.strip() and extracted.metadata.get("title_is_authoritative"):
        return tidy_title(meta_title)
    first_page = extracted.pages[0]
    opening = first_page.text[:1500]
    if subject := subject_title(opening):
        return tidy_title(subject)
    if isinstance(meta_title, str) and is_meaningful_title(meta_title):
        return tidy_title(meta_title)
    in_table = [(t.start, t.end) for t in first_page.tables]
    leading = heading_title(
        [h.title for h in first_page.headings if h.start < 600 and not any(a <= h.start < b for a, b in in_table)]
    )
    first_line = first_page.text.strip().split("\n", 1)[0]
    if leading and is_generic_heading(leading.split(" – ")[0]) and dated_name(first_line):
        leading = first_line  # "TMG 14 November 2024" over "Agenda": the note names its meeting first
    if body := minutes_body(opening):
        title = leading if leading and body.lower() in leading.lower() else body
        return tidy_title(title) + ("" if "minutes" in title.lower() else " – minutes")
    if leading:
        return tidy_title(leading)
    if 0 < len(first_line.split()) <= 15 and not first_line.endswith(",") and not any(a <= 0 < b for a, b in in_table):
        return tidy_title(first_line)
    if re.search(r"[0-9a-f]{8,}|^\d+$", path.stem) and first_line:
        words = first_line.split()
        return tidy_title(" ".join(words[:12])) + "…"
    return humanise(path.stem)
