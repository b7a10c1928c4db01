"""The web app's handlers: plain functions of the facade, testable without a server.

Errors the assistant raises on purpose come back as messages for the page; nothing here
returns a traceback to the browser.
"""

from __future__ import annotations

import hmac
import html
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.dates import parse_date_argument, sort_key
from assistant.errors import AssistantError, ConfigError
from assistant.feedback import FeedbackStore
from assistant.indexer import describe_record
from assistant.ingest import SUPPORTED_SUFFIXES
from assistant.pipeline import Assistant
from assistant.render import answer_json, answer_markdown, passage_json
from assistant.types import Filters, Turn
from assistant.ui import render

Messages = list[dict[str, str]]
_SAFE_NAME = re.compile(r"^[\w][\w .,()&'+-]{0,150}$")


def filters_from(
    doc_types: Sequence[str] | None, organisations: Sequence[str] | None, since: str, until: str
) -> Filters:
    """Filters from the form; raises ConfigError for a date that is not one."""
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
    messages: Messages | None,
    turns: list[dict[str, Any]] | None,
    doc_types: Sequence[str] | None = None,
    organisations: Sequence[str] | None = None,
    since: str = "",
    until: str = "",
) -> tuple[Messages, list[dict[str, Any]], str]:
    """One chat turn: the updated messages, the conversation's answer records, the sources panel."""
    messages = list(messages or [])
    turns = list(turns or [])
    if not (question or "").strip():
        return messages, turns, render.sources_panel(turns[-1]["answer"] if turns else None)
    history = [Turn(t["question"], t["answer"]["answer"]) for t in turns[-3:]]
    try:
        filters = filters_from(doc_types, organisations, since, until)
        record = answer_json(assistant.ask(question, history=history, filters=filters))
    except AssistantError as exc:
        messages += [_message("user", question), _message("assistant", f"Sorry, I could not answer: {exc}")]
        return messages, turns, render.sources_panel(turns[-1]["answer"] if turns else None)
    turns.append({"question": record["question"], "answer": record})
    reply = record["answer"] + (f"\n\nNote: {record['note']}" if record.get("note") else "")
    messages += [_message("user", record["question"]), _message("assistant", reply)]
    return messages, turns, render.sources_panel(record)


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


def check_password(assistant: Assistant, password: str) -> str | None:
    """None when the admin password is configured and matches; else the reason for refusing."""
    expected = assistant.settings.admin_password
    if not expected:
        return "Uploads and removals are switched off: set ASSISTANT_ADMIN_PASSWORD to allow them."
    if not hmac.compare_digest((password or "").encode(), expected.encode()):
        return "Wrong admin password."
    return None


def check_upload(path: Path, max_mb: float) -> str | None:
    """None when an uploaded file may be indexed; else a one-line reason."""
    name = unicodedata.normalize("NFC", path.name)
    if not _SAFE_NAME.match(name) or ".." in name:
        return f"{name!r}: unsafe file name (use letters, digits, spaces and . _ - ( ) only)"
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"{name}: unsupported type {path.suffix or '(none)'} (supported: {', '.join(SUPPORTED_SUFFIXES)})"
    size = path.stat().st_size
    if size > max_mb * 1_000_000:
        return f"{name}: {size / 1e6:.1f} MB is over the {max_mb:g} MB limit"
    if size == 0:
        return f"{name}: the file is empty"
    return None


def upload_documents(
    assistant: Assistant,
    files: Sequence[str] | None,
    password: str,
    progress: Callable[[str, int, int], None] | None = None,
) -> str:
    """Copy uploaded files into the uploads folder and index them incrementally; a status report."""
    if refusal := check_password(assistant, password):
        return refusal
    if not files:
        return "Choose one or more files first."
    uploads = Path(assistant.settings.data_dir) / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    lines, accepted = [], []
    for name in files:
        path = Path(name)
        if reason := check_upload(path, assistant.settings.max_file_mb):
            lines.append(f"Refused {reason}")
            continue
        target = uploads / unicodedata.normalize("NFC", path.name)
        shutil.copyfile(path, target)
        accepted.append(target)
    if accepted:
        try:
            report = assistant.index([uploads], progress=progress)
        except AssistantError as exc:
            return "\n".join([*lines, f"Indexing failed: {exc}"])
        lines.insert(
            0,
            f"Indexed: {len(report.added)} added, {len(report.updated)} updated, {report.unchanged} unchanged; "
            f"{report.documents_total} documents, {report.chunks_total} passages in the index.",
        )
        lines += [f"Skipped {Path(p).name}: {reason}" for p, reason in report.skipped]
    return "\n".join(lines)


def remove_document(assistant: Assistant, doc_ids: Sequence[str] | str | None, password: str) -> str:
    """Remove documents from the index (an uploaded file is deleted too); a status report."""
    if refusal := check_password(assistant, password):
        return refusal
    ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids or [])
    if not ids:
        return "Choose a document to remove."
    uploads = (Path(assistant.settings.data_dir) / "uploads").resolve()
    sources = {r["doc_id"]: Path(r["source"]) for r in document_records(assistant)}
    try:
        removed = assistant.remove(ids)
    except AssistantError as exc:
        return f"Removal failed: {exc}"
    for doc_id in removed:
        source = sources.get(doc_id)
        if source is not None and source.parent == uploads:
            source.unlink(missing_ok=True)
    return f"Removed {', '.join(removed)}." if removed else "Nothing removed: no such document."


def record_feedback(store: FeedbackStore, turns: list[dict[str, Any]] | None, rating: int, comment: str = "") -> str:
    """Store a thumbs up or down on the latest answer; a status message."""
    if not turns:
        return "Ask a question first, then rate its answer."
    answer = turns[-1]["answer"]
    store.add(rating, answer["question"], answer["answer"], answer["citations"], comment or "")
    return "Thank you: your feedback was saved."


def export_answer(turns: list[dict[str, Any]] | None) -> str | None:
    """A Markdown file with the latest answer and its references, for download."""
    if not turns:
        return None
    folder = Path(tempfile.mkdtemp(prefix="answer-"))
    path = folder / "answer.md"
    path.write_text(answer_markdown(turns[-1]["answer"]), encoding="utf-8")
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
