"""Coverage answers: for "what exists on X", every matching initiative and document, cited.

The extractive answer to the question comes first, unchanged; after it, every initiative,
board and decision the directory holds on the topic, grouped (by the ambition an initiative
serves, then partnerships and boards, then decisions in minutes), each with one line and a
citation to the passage it was found in, and (in one closing sentence) the documents they come
from. All marks pass through the same citation check as every other answer. Descriptions are
shortened at word boundaries and never repeat the name they follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.answer.citations import finalize_citations
from assistant.answer.ledger_text import shorten
from assistant.directory import Coverage, SourceRef
from assistant.types import Answer, Passage

MAX_ITEMS = 40

PassageFor = Callable[[SourceRef], Passage | None]


def with_coverage(answer: Answer, coverage: Coverage, passage_for: PassageFor) -> Answer:
    """``answer`` followed by the coverage of its topic; unchanged when nothing matches."""
    if coverage.total == 0:
        return answer
    passages = [c.passage for c in answer.citations]
    highlights = {i: list(c.spans) for i, c in enumerate(answer.citations)}
    keys = {_key(p): i for i, p in enumerate(passages)}

    def mark(source: SourceRef) -> str:
        passage = passage_for(source)
        if passage is None:
            return ""
        index = keys.get(_key(passage))
        if index is None:
            index = keys[_key(passage)] = len(passages)
            passages.append(passage)
        if 0 <= source.start < source.end <= len(passage.text):
            highlights.setdefault(index, []).append((source.start, source.end))
        return f" [{index + 1}]"

    lines = [] if answer.abstained else [answer.text, ""]
    lines.append(f"What exists on {coverage.topic}:")
    shown = 0
    for group in coverage.groups:
        if shown >= MAX_ITEMS:
            break
        lines.append(f"\n{group.title}")
        for item in group.items[: MAX_ITEMS - shown]:
            lines.append(f"- {_entry(item.name, item.description)}{mark(item.sources[0])}")
            shown += 1
    if coverage.total > shown:
        lines.append(f"\n… and {coverage.total - shown} more.")
    if coverage.documents:
        found_in = "; ".join(
            f"{d.title} ({d.date or 'undated'}, {d.count} {'entry' if d.count == 1 else 'entries'}){mark(d.sources[0])}"
            for d in coverage.documents
        )
        lines.append(f"\nThese come from: {found_in}.")
    text, citations = finalize_citations("\n".join(lines), passages, highlights)
    shown_passages = list(answer.passages) + [p for p in passages if all(_key(p) != _key(q) for q in answer.passages)]
    return Answer(
        answer.question,
        text,
        citations,
        tuple(shown_passages),
        False,
        max(answer.confidence, 0.5),
        answer.note,
        {**answer.evidence, "coverage_items": float(coverage.total)},
    )


def _key(passage: Passage) -> tuple[str, int]:
    return passage.chunk.doc_id, passage.chunk.ordinal


def _entry(name: str, description: str) -> str:
    """'Name: first sentence of its description', without repeating a name the description opens with."""
    sentence = _first_sentence(description)
    if not sentence:
        return name
    if _words(sentence)[: len(_words(name))] == _words(name):
        return sentence
    return f"{name}: {sentence}"


def _first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of a description, shortened at a word boundary when it is long."""
    text = " ".join(text.split())
    end = text.find(". ")
    return shorten(text if end == -1 else text[: end + 1], limit)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
