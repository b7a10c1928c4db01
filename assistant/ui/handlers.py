"""The web app's handlers: plain functions of the facade, testable without a server.

Errors the assistant raises on purpose come back as messages for the page; nothing here
returns a traceback to the browser.
"""

from __future__ import annotations

import html
import logging
import os
import re
import secrets
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.dates import parse_date_argument, sort_key
from assistant.errors import AssistantError, ConfigError, IngestError, first_line
from assistant.feedback import FeedbackStore
from assistant.indexer import describe_record
from assistant.ingest import SUPPORTED_SUFFIXES, detect_kind
from assistant.pipeline import Assistant
from assistant.render import answer_json, answer_markdown, passage_json
from assistant.types import Filters, Turn
from assistant.ui import render
from assistant.ui.admin import AdminGate
from assistant.ui.guard import UploadRegistry

logger = logging.getLogger(__name__)

Messages = list[dict[str, str]]
_SAFE_NAME = re.compile(r"^[\w][\w .,()&'+-]{0,150}$")


def filters_from(
    doc_types: Sequence[str] | None, organisations: Sequence[str] | None, since: str, until: str
) -> Filters:
    """Filters from the form; raises ConfigError for a date that is not one."""
    if not all(isinstance(v, str) or v is None for v in (since, until)):
        raise ConfigError("dates must be text such as 2016 or 2017-03")
    if not all(isinstance(v, str) for v in [*(doc_types or ()), *(organisations or ())]):
        raise ConfigError("document types and organisations must be text")
    try:
        since_date = parse_date_argument(since) if since and since.strip() else None
        until_date = parse_date_argument(until) if until and until.strip() else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    return Filters(
        doc_types=tuple(doc_types or ()), organisations=tuple(organisations or ()), since=since_date, until=until_date
    )


def ask_turn(
    assistant: Assistant,
    question: str,
    turns: list[dict[str, Any]] | None,
    doc_types: Sequence[str] | None = None,
    organisations: Sequence[str] | None = None,
    since: str = "",
    until: str = "",
) -> tuple[list[dict[str, Any]], str]:
    """One chat turn: the conversation's turns (answered or refused) and the sources panel.

    The turns are the conversation's only record; :func:`chat_messages` shows them.
    """
    turns = list(turns or [])
    if not isinstance(question, str) or not question.strip():
        return turns, render.sources_panel(_last_answer(turns))
    history = [Turn(t["question"], t["answer"]["answer"]) for t in turns[-3:] if "answer" in t]
    try:
        filters = filters_from(doc_types, organisations, since, until)
        record = answer_json(assistant.ask(question, history=history, filters=filters))
    except AssistantError as exc:
        logger.info("question refused: %s", first_line(exc))
        turns.append({"question": " ".join(question.split())[:2000], "error": first_line(exc)})
        return turns, render.sources_panel(_last_answer(turns))
    turns.append({"question": record["question"], "answer": record})
    return turns, render.sources_panel(record)


def chat_messages(turns: list[dict[str, Any]] | None) -> Messages:
    """The chat as shown: each turn's question and its answer (or why it could not be answered)."""
    messages: Messages = []
    for turn in turns or []:
        if "answer" in turn:
            record = turn["answer"]
            reply = record["answer"] + (f"\n\nNote: {record['note']}" if record.get("note") else "")
        else:
            reply = f"Sorry, I could not answer: {turn['error']}"
        messages += [_message("user", turn["question"]), _message("assistant", reply)]
    return messages


def _last_answer(turns: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((t["answer"] for t in reversed(turns) if "answer" in t), None)


def search_passages(
    assistant: Assistant,
    query: str,
    doc_types: Sequence[str] | None = None,
    organisations: Sequence[str] | None = None,
    since: str = "",
    until: str = "",
    sort: str = "Relevance",
    k: int = 20,
) -> str:
    """Search results as HTML, sorted by relevance or by date."""
    if not (query or "").strip():
        return '<p class="pa-empty">Type words or a question to search the passages.</p>'
    try:
        filters = filters_from(doc_types, organisations, since, until)
        passages = [passage_json(p) for p in assistant.search(query, filters, k=k)]
    except AssistantError as exc:
        return f'<p class="pa-empty">{html.escape(str(exc))}</p>'
    if sort.lower().startswith("newest"):
        passages.sort(key=lambda p: sort_key(p["date"]), reverse=True)
    elif sort.lower().startswith("oldest"):
        passages.sort(key=lambda p: sort_key(p["date"]))
    return render.search_results(query, passages)


def document_records(assistant: Assistant) -> list[dict[str, Any]]:
    """Every indexed document as a plain record (empty when nothing is indexed)."""
    try:
        return [describe_record(r) for r in assistant.documents()]
    except AssistantError:
        return []


def filter_choices(assistant: Assistant) -> tuple[list[str], list[str]]:
    """The document types and organisations present in the index, for the filter menus."""
    records = document_records(assistant)
    types = sorted({r["doc_type"] for r in records if r["doc_type"]})
    organisations = sorted({r["organisation"] for r in records if r["organisation"]})
    return types, organisations


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
    sources = {r["doc_id"]: Path(r["source"]) for r in document_records(assistant)}
    try:
        removed = assistant.remove(ids)
    except AssistantError as exc:
        return f"Removal failed: {first_line(exc)}"
    for doc_id in removed:
        source = sources.get(doc_id)
        if source is not None and source.parent == uploads:
            source.unlink(missing_ok=True)
    return f"Removed {', '.join(removed)}." if removed else "Nothing removed: no such document."


def record_feedback(store: FeedbackStore, turns: list[dict[str, Any]] | None, rating: int, comment: str = "") -> str:
    """Store a thumbs up or down on the latest answer; a status message."""
    answer = _last_answer(list(turns or []))
    if answer is None:
        return "Ask a question first, then rate its answer."
    store.add(rating, answer["question"], answer["answer"], answer["citations"], comment or "")
    return "Thank you: your feedback was saved."


def export_answer(turns: list[dict[str, Any]] | None) -> str | None:
    """A Markdown file with the latest answer and its references, for download."""
    answer = _last_answer(list(turns or []))
    if answer is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="answer-"))
    path = folder / "answer.md"
    path.write_text(answer_markdown(answer), encoding="utf-8")
    return str(path)


def _message(role: str, text: str) -> dict[str, str]:
    """A chat message whose text is shown literally: escaped, rendered without Markdown."""
    return {"role": role, "content": html.escape(text)}


def initiatives_view(assistant: Assistant, query: str = "", theme: str | None = None) -> str:
    """The Initiatives tab: every initiative, or those on a topic or serving an ambition."""
    return _panel(
        lambda: render.initiatives_panel(
            assistant.initiatives(theme=theme or None, query=query or None), assistant.document_infos()
        )
    )


def boards_view(assistant: Assistant) -> str:
    """The Boards tab."""
    return _panel(lambda: render.boards_panel(assistant.boards(), assistant.document_infos()))


def decisions_view(assistant: Assistant, body: str | None = None, since: str = "", until: str = "") -> str:
    """The Decisions tab, filtered by body and date range."""

    def build() -> str:
        dates = filters_from((), (), since, until)
        meetings = assistant.meetings(body=body or None, since=dates.since, until=dates.until)
        return render.decisions_panel(meetings, assistant.document_infos())

    return _panel(build)


def scorecard_view(assistant: Assistant) -> str:
    """The Scorecard tab."""
    return _panel(lambda: render.scorecard_panel(assistant.scorecard(), assistant.document_infos()))


def _panel(build: Callable[[], str]) -> str:
    """A tab's HTML, or the one-line reason it cannot be shown (no index yet, a bad date)."""
    try:
        return build()
    except AssistantError as exc:
        return f'<p class="pa-empty">{html.escape(str(exc))}</p>'


def directory_choices(assistant: Assistant) -> tuple[list[str], list[str]]:
    """The themes (ambitions first) and the meeting bodies, for the tabs' filter menus."""
    try:
        directory = assistant.directory()
    except AssistantError:
        return [], []
    themes = list(dict.fromkeys([*directory.ambitions, *(i.theme for i in directory.initiatives if i.theme)]))
    bodies = sorted({m.body for m in directory.meetings if m.body})
    return themes, bodies
