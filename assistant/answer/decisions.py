"""Answers to "what did X decide about Y?": every decision on the topic, dated, newest first, cited.

The question names a body (optional: "the board" or "they" means any) and a topic; the answer
lists each decision, resolution and action on the topic across meetings, with its date, body
and agenda item, each cited to the minutes it was read from. A question that asks something
else, or a topic no minutes decided on, gets ``None`` and the ordinary answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.answer.citations import finalize_citations
from assistant.directory import DatedDecision, SourceRef
from assistant.types import Answer, Passage

MAX_DECISIONS = 25

_DECIDE = r"(?:decide|decided|agree|agreed|resolve|resolved|approve|approved)"
_ABOUT = r"(?:about|on|regarding|concerning|for|to do with)"
_WHEN = (
    r"(?:\s+(?:on|at\s+(?:its|the)\s+meeting\s+(?:on|of))\s+(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}))?"
)
_TAIL = r"\s+(?P<topic>[^?]+?)(?:\s*,?\s*and\s+when)?\s*\??\s*$"
_ASKS = (
    re.compile(
        rf"^\s*what\s+(?:was|were|has\s+been|have\s+been)\s+{_DECIDE}(?:\s+by\s+(?P<body>.+?))?{_WHEN}\s+{_ABOUT}{_TAIL}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^\s*what\s+(?:did|has|have|had)\s+(?P<body>(?!been\b).+?)\s+{_DECIDE}{_WHEN}\s+{_ABOUT}{_TAIL}",
        re.IGNORECASE,
    ),
    re.compile(
        r"^\s*(?:what|which)\s+decisions\s+(?:did|has|have|had)\s+(?P<body>.+?)\s+(?:made|make|taken|take)"
        rf"{_WHEN}\s+{_ABOUT}{_TAIL}",
        re.IGNORECASE,
    ),
)
_MONTHS = "january february march april may june july august september october november december".split()

PassageFor = Callable[[SourceRef], Passage | None]
Decisions = Callable[[str, str | None, str | None], Sequence[DatedDecision]]


@dataclass(frozen=True)
class DecisionQuestion:
    """What a "what did X decide about Y" question asks: the body (or None) and the topic."""

    body: str | None
    topic: str
    date: str | None = None


def read_decision_question(question: str) -> DecisionQuestion | None:
    """The body and topic of a question about decisions over time, or None for other questions."""
    for pattern in _ASKS:
        match = pattern.match(question)
        if match:
            body = (match.group("body") or "").strip() or None
            topic = re.sub(r"^(?:the|a|an)\s+", "", match.group("topic").strip(), flags=re.IGNORECASE)
            return DecisionQuestion(body, topic, _iso(match.group("date"))) if topic else None
    return None


def _iso(text: str | None) -> str | None:
    """ "13 March 2025" -> "2025-03-13"."""
    match = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text or "")
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    return f"{match.group(3)}-{_MONTHS.index(match.group(2).lower()) + 1:02d}-{int(match.group(1)):02d}"


def decisions_answer(question: str, decisions: Decisions, passage_for: PassageFor) -> Answer | None:
    """The dated list of decisions a question asks for, or None when it asks something else or none match.

    Args:
        question: the question as asked.
        decisions: gives the decisions on a topic, of a body (or any), on a date (or any), newest first.
        passage_for: the passage a citation points into (for the Sources panel).
    """
    asked = read_decision_question(question)
    if asked is None:
        return None
    found = list(decisions(asked.topic, asked.body, asked.date))
    if not found:
        return None
    passages: list[Passage] = []
    highlights: dict[int, list[tuple[int, int]]] = {}
    scope = ", ".join(part for part in (asked.body, asked.date) if part)
    lines = [f"Decisions on {asked.topic}" + (f" ({scope})" if scope else "") + ", newest first:"]
    for decision in found[:MAX_DECISIONS]:
        line = _line(decision, asked.topic)
        lines.append(f"- {line}{_mark(decision.source, passage_for, passages, highlights)}")
    if len(found) > MAX_DECISIONS:
        lines.append(f"… and {len(found) - MAX_DECISIONS} earlier ones.")
    text, citations = finalize_citations("\n".join(lines), passages, highlights)
    evidence = {"decisions": float(len(found))}
    return Answer(question, text, citations, tuple(passages), False, 0.9, None, evidence)


def with_retrieved(answer: Answer, retrieved: Sequence[Passage]) -> Answer:
    """The answer whose passages are the retrieved ones in rank order, then the cited minutes not among them."""
    cited = {(p.chunk.doc_id, p.chunk.ordinal): p for p in answer.passages}
    ranked = [cited.pop((p.chunk.doc_id, p.chunk.ordinal), p) for p in retrieved]  # the cited object, at its rank
    return replace(answer, passages=(*ranked, *cited.values()))


def _line(decision: DatedDecision, topic: str) -> str:
    item = f" ({decision.item})" if decision.item else ""
    return f"{decision.date or 'undated'}, {decision.body}{item}, {decision.kind}: {_excerpt(decision.text, topic)}"


def _excerpt(text: str, topic: str, limit: int = 300) -> str:
    """A long resolution cut to its opening and the parts on the topic ("... 4. Agrees that the Chair ...")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    parts = re.split(r"(?<=[.;:])\s+(?=(?:\d{1,2}[.)]|[a-z][.)]|•|[A-Z]))", text)
    words = {w for w in re.findall(r"[a-z0-9]+", topic.lower()) if len(w) > 3}
    chosen = [parts[0]] + [p for p in parts[1:] if words & set(re.findall(r"[a-z0-9]+", p.lower()))]
    excerpt = " … ".join(chosen) if len(chosen) > 1 else text
    return excerpt if len(excerpt) <= limit else excerpt[: limit - 1].rstrip() + "…"


def _mark(
    source: SourceRef, passage_for: PassageFor, passages: list[Passage], highlights: dict[int, list[tuple[int, int]]]
) -> str:
    passage = passage_for(source)
    if passage is None:
        return ""
    key = (passage.chunk.doc_id, passage.chunk.ordinal)
    index = next((i for i, p in enumerate(passages) if (p.chunk.doc_id, p.chunk.ordinal) == key), None)
    if index is None:
        index = len(passages)
        passages.append(passage)
    if 0 <= source.start < source.end <= len(passage.text):
        highlights.setdefault(index, []).append((source.start, source.end))
    return f" [{index + 1}]"
