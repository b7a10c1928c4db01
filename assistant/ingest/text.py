"""Plain-text files: decoding with sensible fallbacks, then paragraphs and headings."""

from __future__ import annotations

from assistant.errors import ParseError
from assistant.ingest.base import Extracted
from assistant.ingest.layout import assemble, reflow
from assistant.ingest.metadata import split_front_matter
from assistant.types import Page

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(data: bytes) -> str:
    """Decode bytes as text: BOMs honoured, then UTF-8, then Windows-1252, then Latin-1.

    Raises:
        ParseError: when the bytes are binary (NUL bytes or mostly control characters).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.1:
        raise ParseError("binary content, not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_text(data: bytes) -> Extracted:
    """Load a plain-text file (front matter allowed): one page, paragraphs reflowed."""
    metadata, body, _ = split_front_matter(decode_text(data))
    text, headings = assemble(reflow(body.split("\n")))
    return Extracted([Page(None, text, headings)], {**metadata, "title_is_authoritative": "title" in metadata})


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample)
