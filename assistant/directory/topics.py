"""Decisions over time: every decision, resolution and action on a topic, across bodies, newest first.

"What did the Cabinet decide about the budget, and when?" is answered from the meetings read
from minutes: each decision whose agenda item or text holds the topic's words (all of a one-
or two-word topic, two thirds of a longer one, a word matching its longer forms), optionally
of one body and within dates, listed with its meeting's date and body and its citation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.dates import in_range, sort_key
from assistant.directory.coverage import keyword_score
from assistant.directory.model import Decision, Meeting, SourceRef, normalise_name

_GENERIC_BODIES = frozenset("board council partnership committee panel group meeting members they it we".split())


@dataclass(frozen=True)
class DatedDecision:
    """A decision, resolution or action with the meeting it was taken at."""

    body: str
    date: str | None
    item: str
    kind: str
    text: str
    source: SourceRef
    doc_id: str


def decisions_on(
    meetings: Iterable[Meeting],
    query: str | None = None,
    body: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[DatedDecision]:
    """The decisions on a topic (all of them without one), newest meeting first.

    Args:
        meetings: the meetings read from minutes.
        query: the topic ("family hubs", "the budget"); empty or None lists everything.
        body: only meetings of this body ("Cabinet"); a generic word ("the board") filters nothing.
        since: only meetings on or after this date (``2025``, ``2025-01``, ``2025-01-09``).
        until: only meetings on or before this date.
    """
    found = []
    for meeting in meetings:
        if not (of_body(meeting.body, body) and in_range(meeting.date, since, until)):
            continue
        for decision in meeting.decisions:
            if not query or not query.strip() or _on_topic(query, decision):
                found.append(_dated(meeting, decision))
    return sorted(found, key=lambda d: sort_key(d.date), reverse=True)


def of_body(name: str, wanted: str | None) -> bool:
    """Whether a meeting's body is the one asked for (every word of it, "the" aside)."""
    words = [w for w in normalise_name(wanted or "").split() if w not in ("the", "a", "an", "kcc")]
    if not words or all(w in _GENERIC_BODIES for w in words):
        return True
    have = set(normalise_name(name).split())
    return all(w in have or (w.endswith("s") and w[:-1] in have) for w in words)


def _on_topic(query: str, decision: Decision) -> bool:
    return keyword_score(query, f"{decision.item} {decision.text}") > 0


def _dated(meeting: Meeting, decision: Decision) -> DatedDecision:
    return DatedDecision(
        meeting.body, meeting.date, decision.item, decision.kind, decision.text, decision.source, meeting.doc_id
    )
