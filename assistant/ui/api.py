"""Named endpoints for gradio_client: one per tab, every input optional but the question.

``ask`` and ``search`` answer and retrieve; ``documents``, ``initiatives``, ``boards``,
``decisions`` and ``scorecard`` return the same JSON as the command line's ``--json`` (with the
same optional filters), read from the index as it is now, so a change another process committed
shows on the next call. Refusals (a bad question, k or date) reach the client as one clear
message; anything unexpected is logged here and reaches the client as a generic one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from assistant.errors import AssistantError, first_line
from assistant.pipeline import Assistant
from assistant.render import answer_json, directory_records, passage_json, reference_line
from assistant.ui import handlers

logger = logging.getLogger(__name__)


def named_endpoints(assistant: Assistant) -> None:
    """Register every endpoint on the Blocks being built."""
    import gradio as gr

    for function in _endpoints(assistant):
        gr.api(function, api_name=function.__name__)


def _endpoints(assistant: Assistant) -> list[Callable[..., Any]]:
    def ask(
        question: str,
        previous_questions: str = "",
        doc_types: str = "",
        organisations: str = "",
        since: str = "",
        until: str = "",
        k: int | None = None,
    ) -> dict:
        """Answer a question with cited passages. Optional: earlier questions (one per line) for
        follow-ups, comma-separated document types and organisations, a date range, passages k (1-100)."""
        from assistant.types import Turn

        def run() -> dict:
            filters = handlers.filters_from(_split(doc_types), _split(organisations), since, until)
            history = [Turn(q) for q in _text(previous_questions).splitlines() if q.strip()]
            answer = assistant.ask(question, history=history, filters=filters, k=k)
            record = answer_json(answer)
            record["references"] = [reference_line(c) for c in answer.citations]
            return record

        return _guarded("ask", run)

    def search(
        query: str, doc_types: str = "", organisations: str = "", since: str = "", until: str = "", k: int = 10
    ) -> list[dict]:
        """Passages for a query, best first, with their documents' metadata (k: 1-100)."""

        def run() -> list[dict]:
            filters = handlers.filters_from(_split(doc_types), _split(organisations), since, until)
            return [passage_json(p) for p in assistant.search(query, filters, k=k)]

        return _guarded("search", run)

    def documents() -> list[dict]:
        """Every indexed document with its metadata, pages and passages, newest first."""
        return _guarded("documents", lambda: [dict(r) for r in _records(assistant)])

    def initiatives(theme: str = "", query: str = "") -> dict:
        """Initiatives, optionally those serving an ambition or theme, or on a topic."""
        return _guarded(
            "initiatives",
            lambda: _directory(
                assistant, assistant.initiatives(theme=_text(theme) or None, query=_text(query) or None)
            ),
        )

    def boards() -> dict:
        """Partnerships and boards with their chairs, frequency, purpose and members."""
        return _guarded("boards", lambda: _directory(assistant, assistant.boards()))

    def decisions(body: str = "", since: str = "", until: str = "", query: str = "") -> dict:
        """Meetings from minutes, newest first, with their decisions; optionally of one body and
        within dates (2025, 2025-01, ...). With a topic: the decisions on it, as the command line's
        ``decisions --query`` gives them."""

        def run() -> dict:
            dates = handlers.filters_from((), (), since, until)
            topic, chosen = _text(query).strip(), _text(body) or None
            if topic:  # as `assistant decisions --query`: the decisions on it across bodies, newest first
                return _directory(
                    assistant, handlers.topic_decisions(assistant, topic, chosen, dates.since, dates.until)
                )
            return _directory(assistant, assistant.meetings(body=chosen, since=dates.since, until=dates.until))

        return _guarded("decisions", run)

    def scorecard() -> dict:
        """Per ambition, the figures the documents report, each with its date and source."""
        return _guarded("scorecard", lambda: _directory(assistant, assistant.scorecard()))

    return [ask, search, documents, initiatives, boards, decisions, scorecard]


def _records(assistant: Assistant) -> list[dict[str, Any]]:
    from assistant.index.manifest import describe_record

    return [describe_record(r) for r in assistant.documents()]


def _directory(assistant: Assistant, items: list[Any]) -> dict[str, Any]:
    return directory_records(items, assistant.document_infos())


def _guarded(name: str, run: Callable[[], Any]) -> Any:
    """Run an API call: refusals become a one-line message, failures a generic one."""
    import gradio as gr

    try:
        return run()
    except AssistantError as exc:
        logger.info("/%s refused: %s", name, first_line(exc))
        raise gr.Error(first_line(exc), print_exception=False) from None
    except Exception:
        logger.exception("/%s failed", name)
        message = "The assistant could not answer this request (an internal error)."
        raise gr.Error(message, print_exception=False) from None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _split(value: object) -> list[str]:
    return [part.strip() for part in _text(value).split(",") if part.strip()]
