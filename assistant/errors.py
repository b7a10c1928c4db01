"""The assistant's exception hierarchy.

Every error the library raises on purpose derives from :class:`AssistantError`; third-party
errors are translated at the boundary with ``raise ... from exc`` so callers (the CLI, the UI)
can turn any of them into one clear line.
"""

from __future__ import annotations


def first_line(value: object) -> str:
    """The first line of an error or message, at most 160 characters (its type when empty)."""
    lines = str(value).strip().splitlines()
    return lines[0][:160] if lines else value.__class__.__name__


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class ConfigError(AssistantError):
    """A setting is missing, malformed or inconsistent."""


class IngestError(AssistantError):
    """A document could not be read; the batch skips it and reports this reason."""


class UnsupportedFileType(IngestError):
    """The file's type is not one the assistant can read."""


class EmptyDocument(IngestError):
    """The file holds no usable text (empty, or an image-only PDF with no text layer)."""


class EncryptedDocument(IngestError):
    """The file is encrypted and the empty password does not open it."""


class ParseError(IngestError):
    """The file is corrupt, truncated, binary, or otherwise unreadable."""


class FileTooLarge(IngestError):
    """The file is bigger than the configured size limit."""


class IndexStoreError(AssistantError):
    """The on-disk index is missing, damaged or incompatible."""


class IndexNotFound(IndexStoreError):
    """No index has been built in the index directory yet."""


class IndexMismatch(IndexStoreError):
    """The index was built with another model or format; it must be rebuilt."""


class IndexBusy(IndexStoreError):
    """Another writer holds the index's writer lock right now."""


class IndexChanged(IndexBusy):
    """Another writer committed while this run worked; nothing was written, run it again."""


class InvalidQuestion(AssistantError):
    """The question is empty, too long or not text, or asks for a number of passages out of range."""


class AnswererError(AssistantError):
    """The generative answerer failed (timeout, HTTP error, malformed reply)."""
