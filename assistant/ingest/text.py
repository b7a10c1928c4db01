"""Plain-text files: decoding with sensible fallbacks, then paragraphs and headings."""

from __future__ import annotations

import unicodedata

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
_SAMPLE_CHARS = 20_000
# Text in a legacy single-byte encoding is Western European prose: mostly ASCII, words apart.
# Random bytes 0x80-0xFF decode as Windows-1252 or Latin-1 too, but into accented letters and
# symbols with no ASCII and hardly a space between them.
_MIN_ASCII_SHARE = 0.7
_MIN_SPACE_SHARE = 0.02
# Unassigned, private-use, surrogate and replacement characters, and control codes other than
# layout ones: a few in real text, a fifth of random UTF-16 or random code points.
_MAX_NOISE_SHARE = 0.05
_NOISE_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc"})
_LAYOUT_CONTROLS = frozenset("\t\n\r\f\x1b")


def decode_text(data: bytes) -> str:
    """Decode bytes as text: BOMs honoured, then UTF-8, then Windows-1252, then Latin-1.

    Raises:
        ParseError: when the bytes are binary (NUL bytes, mostly control characters, or no
            encoding gives plausible text).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), legacy=False)
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.1:
        raise ParseError("binary content, not text")
    try:
        return _checked(data.decode("utf-8"), legacy=False)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined (0x81, 0x8d, ...)
        text = data.decode("latin-1")
    return _checked(text, legacy=True)


def plausible_text(text: str, legacy: bool = False) -> bool:
    """Whether decoded text reads as text: little noise, and for a single-byte legacy
    encoding mostly ASCII with spaces between words."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return True
    noise = sum(1 for c in sample if _is_noise(c))
    if noise > _MAX_NOISE_SHARE * len(sample):
        return False
    if not legacy:
        return True
    ascii_chars = sum(1 for c in sample if c < "\x80")
    spaces = sum(1 for c in sample if c.isspace())
    return ascii_chars >= _MIN_ASCII_SHARE * len(sample) and spaces >= _MIN_SPACE_SHARE * len(sample)


def load_text(data: bytes) -> Extracted:
    """Load a plain-text file (front matter allowed): one page, paragraphs reflowed."""
    metadata, body, _ = split_front_matter(decode_text(data))
    text, headings = assemble(reflow(body.split("\n")))
    return Extracted([Page(None, text, headings)], {**metadata, "title_is_authoritative": "title" in metadata})


def _checked(text: str, legacy: bool) -> str:
    if not plausible_text(text, legacy):
        raise ParseError("binary content, not text (no encoding gives readable text)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_noise(char: str) -> bool:
    if char == "\ufffd":
        return True
    return char not in _LAYOUT_CONTROLS and unicodedata.category(char) in _NOISE_CATEGORIES


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample)
