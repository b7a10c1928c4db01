"""The web app's handlers: plain functions of the facade, testable without a server.

Errors the assistant raises on purpose come back as messages for the page; nothing here
returns a traceback to the browser. The conversation is a list of turns kept on the server
(``{"question", "answer": answer_json record, "rating", "feedback_id"}`` or ``{"question",
"error"}``); the page is rendered from it and never read back.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from collections.abc import Callable, Sequence
from typing import Any

from assistant.dates import parse_date_argument
from assistant.directory import Decision
from assistant.errors import AssistantError, ConfigError, first_line
from assistant.feedback import FeedbackStore
from assistant.index.keyword import terms
from assistant.index.manifest import describe_record
from assistant.pipeline import Assistant
from assistant.render import answer_json
from assistant.types import Filters, Turn
from assistant.ui import panels
from assistant.ui.render import query_terms

logger = logging.getLogger(__name__)

ALL_THEMES = "All ambitions and themes"
ALL_BODIES = "All bodies"


def filters_from(
    doc_types: Sequence[str] | None, organisations: Sequence[str] | None, since: str | None, until: str | None
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
    question: object,
    turns: list[dict[str, Any]] | None,
    doc_types: Sequence[str] | None = None,
    organisations: Sequence[str] | None = None,
    since: str | None = "",
    until: str | None = "",
) -> list[dict[str, Any]]:
    """The conversation after one more question: answered, or refused with a one-line reason."""
    turns = list(turns or [])
    if not isinstance(question, str) or not question.strip():
        return turns
    history = [Turn(t["question"], t["answer"]["answer"]) for t in turns[-3:] if "answer" in t]
    try:
        filters = filters_from(doc_types, organisations, since, until)
        record = answer_json(assistant.ask(question, history=history, filters=filters))
    except AssistantError as exc:
        logger.info("question refused: %s", first_line(exc))
        return [*turns, {"question": " ".join(question.split())[:2000], "error": first_line(exc)}]
    return [*turns, {"question": record["question"], "answer": record, "rating": None, "feedback_id": None}]


def rate_answer(
    store: FeedbackStore, turns: list[dict[str, Any]] | None, index: object, rating: object, comment: object = ""
) -> tuple[list[dict[str, Any]], str]:
    """Rate one answer of the conversation: one rating per answer, changed by rating it again.

    A comment is saved with the rating (an empty comment keeps the one saved before). Returns the
    conversation and a status line.
    """
    turns = [dict(t) for t in turns or []]
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(turns):
        return turns, "Ask a question first, then rate its answer."
    if rating not in (1, -1) or isinstance(rating, bool):
        return turns, "A rating is Helpful or Not helpful."
    turn = turns[index]
    if "answer" not in turn:
        return turns, "That question was not answered, so there is nothing to rate."
    note = comment.strip() if isinstance(comment, str) else ""
    record = turn["answer"]
    updated = bool(turn.get("feedback_id")) and store.update(turn["feedback_id"], int(rating), note or None)
    if not updated:
        turn["feedback_id"] = store.add(int(rating), record["question"], record["answer"], record["citations"], note)
    turn["rating"] = rating
    word = "helpful" if rating == 1 else "not helpful"
    saved = " with your comment" if note else ""
    return turns, f"Saved: answer {index + 1} rated {word}{saved}. Rate it again to change it."


def document_records(assistant: Assistant) -> list[dict[str, Any]]:
    """Every indexed document as a plain record (empty when nothing is indexed)."""
    try:
        return [describe_record(r) for r in assistant.documents()]
    except AssistantError:
        return []


def filter_choices(records: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The document types and organisations present, for the filter menus."""
    types = sorted({str(r["doc_type"]) for r in records if r["doc_type"]})
    organisations = sorted({str(r["organisation"]) for r in records if r["organisation"]})
    return types, organisations


def removal_choices(records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """The documents an administrator may remove, as (label, id) pairs."""
    return [(f"{r['title']} ({r['doc_id']})", str(r["doc_id"])) for r in records]


def initiatives_view(assistant: Assistant, query: str | None = "", theme: str | None = None) -> str:
    """The Initiatives tab: every initiative, or those on a topic or serving an ambition."""
    chosen = theme if isinstance(theme, str) and theme != ALL_THEMES else None
    topic = query.strip() if isinstance(query, str) else ""
    return _panel(
        lambda: panels.initiatives_panel(
            assistant.initiatives(theme=chosen or None, query=topic or None),
            assistant.document_infos(),
            filtered=bool(chosen or topic),
        )
    )


def boards_view(assistant: Assistant) -> str:
    """The Boards tab."""
    return _panel(lambda: panels.boards_panel(assistant.boards(), assistant.document_infos()))


def decisions_view(
    assistant: Assistant, body: str | None = None, since: str | None = "", until: str | None = "", query: str = ""
) -> str:
    """The Decisions tab: meetings of a body, within dates, with decisions on a topic."""

    def build() -> str:
        dates = filters_from((), (), since, until)
        chosen = body if isinstance(body, str) and body != ALL_BODIES else None
        topic = query.strip() if isinstance(query, str) else ""
        meetings = topic_meetings(assistant, topic, chosen, dates.since, dates.until)
        minutes = sum(1 for info in assistant.document_infos().values() if info.doc_type == "minutes")
        filtered = bool(chosen or topic or dates.since or dates.until)
        return panels.decisions_panel(meetings, assistant.document_infos(), minutes, filtered)

    return _panel(build)


def topic_meetings(
    assistant: Assistant, topic: str, body: str | None, since: str | None, until: str | None
) -> list[Any]:
    """Meetings with their decisions on a topic (all decisions without one), newest first."""
    if not topic:
        return assistant.meetings(body=body, since=since, until=until)
    found = topic_decisions(assistant, topic, body, since, until)
    if all(hasattr(item, "decisions") for item in found):
        return found
    return _regrouped(found, assistant.meetings())


def topic_decisions(
    assistant: Assistant, topic: str, body: str | None, since: str | None, until: str | None
) -> list[Any]:
    """The facade's decisions on a topic across bodies (``Assistant.decisions``: dated decisions,
    newest first); a facade without that query gives meetings whose decision's text or agenda item
    shares a word stem with the topic."""
    by_topic = getattr(assistant, "decisions", None)
    if callable(by_topic):
        return list(by_topic(topic, body=body, since=since, until=until))
    wanted = query_terms(topic)
    found = []
    for meeting in assistant.meetings(body=body, since=since, until=until):
        texts = [f"{d.item}\n{d.text}" for d in meeting.decisions]
        keep = [d for d, words in zip(meeting.decisions, terms(texts), strict=True) if wanted & set(words)]
        if keep:
            found.append(dataclasses.replace(meeting, decisions=tuple(keep)))
    return found


def _regrouped(dated: Sequence[Any], meetings: Sequence[Any]) -> list[Any]:
    """Dated decisions (each naming its meeting's document, body and date) under their meetings again."""
    chosen: dict[tuple[Any, ...], list[Any]] = {}
    for decision in dated:
        chosen.setdefault((decision.doc_id, decision.body, decision.date), []).append(decision)
    grouped = []
    for meeting in meetings:
        picked = chosen.get((meeting.doc_id, meeting.body, meeting.date))
        if picked:
            kept = tuple(Decision(d.kind, d.text, d.item, d.source) for d in picked)
            grouped.append(dataclasses.replace(meeting, decisions=kept))
    return grouped


def scorecard_view(assistant: Assistant) -> str:
    """The Scorecard tab."""
    return _panel(lambda: panels.scorecard_panel(assistant.scorecard(), assistant.document_infos()))


def _panel(build: Callable[[], str]) -> str:
    """A tab's HTML, or the one-line reason it cannot be shown (no index yet, a bad date)."""
    try:
        return build()
    except AssistantError as exc:
        return f'<p class="pa-empty" role="status">{html.escape(str(exc))}</p>'


def directory_choices(assistant: Assistant) -> tuple[list[str], list[str]]:
    """The themes (ambitions first) and the meeting bodies, for the tabs' filter menus."""
    try:
        directory = assistant.directory()
    except AssistantError:
        return [], []
    themes = list(dict.fromkeys([*directory.ambitions, *(i.theme for i in directory.initiatives if i.theme)]))
    bodies = sorted({m.body for m in directory.meetings if m.body})
    return themes, bodies
