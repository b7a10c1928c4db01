"""Uploads and removals from the Documents tab: who may, what is taken, and nothing left behind.

Only files the calling browser uploaded itself are taken; names, types (sniffed, not only the
suffix), sizes and emptiness are checked before anything is written; a file the indexer refuses is
taken out again and any file it replaced is put back.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import stat
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, IngestError, first_line
from assistant.ingest import SUPPORTED_SUFFIXES, detect_kind
from assistant.pipeline import Assistant
from assistant.ui.admin import AdminGate
from assistant.ui.guard import UploadRegistry

logger = logging.getLogger(__name__)

_SAFE_NAME = re.compile(r"^[\w][\w .,()&'+-]{0,150}$")


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the network address and the browser's client cookie."""

    address: str
    client: str | None = None

    @classmethod
    def of(cls, request: Any) -> Caller:
        """The caller of a Gradio event (its ``gr.Request``)."""
        raw = getattr(request, "request", None)
        host = getattr(getattr(raw if raw is not None else request, "client", None), "host", None)
        client = getattr(getattr(raw, "state", None), "client_id", None) if raw is not None else None
        return cls(str(host or "unknown"), client if isinstance(client, str) else None)


def check_upload(path: Path, max_mb: float) -> str | None:
    """None when an uploaded file may be indexed; else a one-line reason.

    The name, the size and the content (sniffed, not only the suffix) are checked before
    anything is copied.
    """
    name = unicodedata.normalize("NFC", path.name)
    if not _SAFE_NAME.match(name) or ".." in name:
        return f"{name!r}: unsafe file name (use letters, digits, spaces and . _ - ( ) only)"
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"{name}: unsupported type {path.suffix or '(none)'} (supported: {', '.join(SUPPORTED_SUFFIXES)})"
    try:
        status = path.lstat()
    except OSError:
        return f"{name}: the upload is not there any more"
    if not stat.S_ISREG(status.st_mode):
        return f"{name}: not a regular file"
    if status.st_size > max_mb * 1_000_000:
        return f"{name}: {status.st_size / 1e6:.1f} MB is over the {max_mb:g} MB limit"
    if status.st_size == 0:
        return f"{name}: the file is empty"
    try:
        detect_kind(path)
    except IngestError as exc:
        return f"{name}: {first_line(exc)}"
    return None


def upload_documents(
    assistant: Assistant,
    files: Sequence[str] | None,
    password: str,
    gate: AdminGate,
    caller: Caller,
    uploads: UploadRegistry,
    progress: Callable[[str, int, int], None] | None = None,
) -> str:
    """Check uploaded files, move them into the uploads folder and index them; a status report.

    Only files this caller uploaded itself are taken. A file that is refused, by these checks
    or by the indexer, leaves nothing behind in the uploads folder (a file it would have
    replaced is put back).
    """
    if refusal := gate.check(password, caller.address):
        return refusal
    if not files:
        return "Choose one or more files first."
    folder = Path(assistant.settings.data_dir) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    lines, placed = [], []
    for name in files:
        if not isinstance(name, str) or not uploads.owns(caller.client, name):
            logger.warning("upload from %s refused: a file it did not upload", caller.address)
            lines.append("Refused a file that was not uploaded from this page.")
            continue
        path = Path(name)
        if reason := check_upload(path, assistant.settings.max_file_mb):
            lines.append(f"Refused {reason}")
            continue
        placed.append(_place(path, folder / unicodedata.normalize("NFC", path.name)))
    if placed:
        lines = _index_placed(assistant, folder, placed, progress) + lines
    return "\n".join(lines)


@dataclass
class _Placed:
    target: Path
    backup: Path | None


def _place(source: Path, target: Path) -> _Placed:
    """Copy an upload into place through a hidden staging file, keeping any file it replaces."""
    staging = target.with_name(f".incoming-{secrets.token_hex(6)}-{target.name}")
    shutil.copyfile(source, staging)
    backup = None
    if target.exists():
        backup = target.with_name(f".previous-{secrets.token_hex(6)}-{target.name}")
        os.replace(target, backup)
    os.replace(staging, target)
    return _Placed(target, backup)


def _index_placed(
    assistant: Assistant, folder: Path, placed: list[_Placed], progress: Callable[[str, int, int], None] | None
) -> list[str]:
    """Index the uploads folder; undo every placed file the indexer refused (or all, if it failed)."""
    try:
        report = assistant.index([folder], progress=progress)
    except AssistantError as exc:
        for item in placed:
            _undo(item)
        return [f"Indexing failed: {first_line(exc)}"]
    refused = {str(Path(p).resolve()): reason for p, reason in report.skipped}
    lines = [
        f"Indexed: {len(report.added)} added, {len(report.updated)} updated, {report.unchanged} unchanged; "
        f"{report.documents_total} documents, {report.chunks_total} passages in the index."
    ]
    for item in placed:
        reason = refused.get(str(item.target.resolve()))
        if reason is None:
            if item.backup is not None:
                item.backup.unlink(missing_ok=True)
            continue
        _undo(item)
        lines.append(f"Skipped {item.target.name}: {first_line(reason)}")
    return lines


def _undo(item: _Placed) -> None:
    if item.backup is not None:
        os.replace(item.backup, item.target)
    else:
        item.target.unlink(missing_ok=True)


def remove_document(
    assistant: Assistant, doc_ids: Sequence[str] | str | None, password: str, gate: AdminGate, caller: Caller
) -> str:
    """Remove documents from the index (an uploaded file is deleted too); a status report."""
    if refusal := gate.check(password, caller.address):
        return refusal
    ids = [doc_ids] if isinstance(doc_ids, str) else [i for i in doc_ids or [] if isinstance(i, str)]
    if not ids:
        return "Choose a document to remove."
    uploads = (Path(assistant.settings.data_dir) / "uploads").resolve()
    try:
        sources = {r.info.doc_id: Path(r.info.source) for r in assistant.documents()}
        removed = assistant.remove(ids)
    except AssistantError as exc:
        return f"Removal failed: {first_line(exc)}"
    for doc_id in removed:
        source = sources.get(doc_id)
        if source is not None and source.parent == uploads:
            source.unlink(missing_ok=True)
    return f"Removed {', '.join(removed)}." if removed else "Nothing removed: no such document."
