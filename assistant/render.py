"""Answers and directory entries as plain text and as JSON (shared by the CLI and the web app)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from assistant.directory.model import UNDESCRIBED
from assistant.types import Answer, Citation, DocumentInfo, Passage


def passage_json(passage: Passage) -> dict[str, Any]:
    """A passage with its document's metadata."""
    return {
        "doc_id": passage.doc.doc_id,
        "title": passage.doc.title,
        "date": passage.doc.date,
        "doc_type": passage.doc.doc_type,
        "organisation": passage.doc.organisation,
        "source": passage.doc.source,
        "page": passage.chunk.page,
        "chunk": passage.chunk.ordinal,
        "section": passage.chunk.section_path,
        "text": passage.text,
        "score": round(float(passage.score), 4),
    }


def citation_json(citation: Citation) -> dict[str, Any]:
    """A citation: its number, its passage, and the supporting sentence(s)."""
    return {
        "n": citation.n,
        **passage_json(citation.passage),
        "sentence": citation.sentence,
        "spans": [list(span) for span in citation.spans],
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """The JSON record of an answer; ``passages`` lists every retrieved passage in rank order and
    ``searched_in`` the documents or meeting the question named, which retrieval favoured (or null)."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "confidence": round(float(answer.confidence), 3),
        "note": answer.note,
        "searched_in": answer.searched_in,
        "citations": [citation_json(c) for c in answer.citations],
        "passages": [passage_json(p) for p in answer.passages],
    }


def reference_line(citation: Citation) -> str:
    """'[1] Title (2019), p. 3, Section > Sub' for a citation."""
    return f"[{citation.n}] {where(citation.passage)}"


def where(passage: Passage) -> str:
    """Where a passage comes from: title, date, page or section."""
    doc = passage.doc
    parts = [f"{doc.title} ({doc.date or 'undated'}, {doc.doc_type})"]
    if passage.chunk.page is not None:
        parts.append(f"p. {passage.chunk.page}")
    if passage.chunk.section_path:
        parts.append(passage.chunk.section_path)
    return ", ".join(parts)


def answer_markdown(record: dict[str, Any], link: Callable[[dict[str, Any]], str] | None = None) -> str:
    """An answer record (see :func:`answer_json`) as Markdown: the question as its heading, the
    answer, then each reference by title, date, type and place, with a link when ``link`` gives one
    (never the server's file path) and the supporting sentence quoted."""
    lines = [f"# {record['question']}", "", record["answer"], ""]
    if record.get("note"):
        lines += [f"> {record['note']}", ""]
    if record["citations"]:
        lines += ["## References", ""]
        for c in record["citations"]:
            lines += _reference_markdown(c, link)
    elif record.get("passages"):
        lines += ["## Nearest passages", ""]
        lines += [f"- {_titled(p, link)} ({p['date'] or 'undated'})" for p in record["passages"][:3]]
    return "\n".join(lines) + "\n"


def _reference_markdown(citation: dict[str, Any], link: Callable[[dict[str, Any]], str] | None) -> list[str]:
    c = citation
    page = f"p. {c['page']}" if c.get("page") else None
    place = ", ".join(str(p) for p in (c["date"] or "undated", c["doc_type"], page, c.get("section")) if p)
    lines = [f"{c['n']}. {_titled(c, link)} ({place})"]
    if c.get("sentence"):
        lines.append(f"   > {' '.join(c['sentence'].split())}")
    return lines


def _titled(record: dict[str, Any], link: Callable[[dict[str, Any]], str] | None) -> str:
    """A document's title, as a Markdown link when there is one."""
    title = " ".join(str(record["title"]).split()).replace("[", "(").replace("]", ")")
    return f"[{title}]({link(record)})" if link else title


def answer_text(answer: Answer) -> str:
    """The answer for a terminal: the text, then each reference with its supporting sentence."""
    lines = [answer.text]
    if answer.searched_in:
        lines += ["", f"Searched in: {answer.searched_in}"]
    if answer.note:
        lines += ["", f"Note: {answer.note}"]
    if answer.citations:
        lines += ["", "Sources:"]
        for citation in answer.citations:
            lines.append(f"  {reference_line(citation)}")
            lines.append(f"      “{citation.sentence}”")
    elif answer.passages:
        lines += ["", "Nearest passages:"]
        for passage in answer.passages[:3]:
            lines.append(f"  - {where(passage)}")
            lines.append(f"      {passage.text[:200].replace(chr(10), ' ')}…")
    return "\n".join(lines)


def source_label(source: Any, documents: Mapping[str, DocumentInfo]) -> str:
    """'Title (2019), p. 3, Section' for a directory entry's source."""
    info = documents.get(source.doc_id)
    parts = [f"{info.title} ({info.date or 'undated'})" if info else source.doc_id]
    if source.page:
        parts.append(f"p. {source.page}")
    if source.section:
        parts.append(source.section)
    return ", ".join(parts)


def directory_records(items: Sequence[Any], documents: Mapping[str, DocumentInfo]) -> dict[str, Any]:
    """Directory entries (initiatives, boards, meetings or scorecard rows) as JSON, with the
    documents their sources point to."""
    records = [dataclasses.asdict(item) for item in items]
    used = {doc_id for record in records for doc_id in _doc_ids(record)}
    return {
        "items": records,
        "documents": {
            doc_id: {"title": info.title, "date": info.date, "doc_type": info.doc_type, "source": info.source}
            for doc_id, info in documents.items()
            if doc_id in used
        },
    }


def initiatives_text(initiatives: Sequence[Any], documents: Mapping[str, DocumentInfo]) -> str:
    """Initiatives grouped by the ambition or theme they serve, each with its first source."""
    lines: list[str] = []
    for theme in dict.fromkeys(i.theme or "Other" for i in initiatives):
        lines.append(f"\n{theme}")
        for initiative in (i for i in initiatives if (i.theme or "Other") == theme):
            lines.append(f"  - {initiative.name}: {_clip(initiative.description or UNDESCRIBED)}")
            if initiative.partners:
                lines.append(f"      partners: {', '.join(initiative.partners)}")
            if initiative.figures:
                lines.append(f"      figures: {'; '.join(f.value + ' ' + f.label for f in initiative.figures[:4])}")
            lines.append(f"      source: {source_label(initiative.sources[0], documents)}")
    lines.append(f"\n{len(initiatives)} initiatives")
    return "\n".join(lines).strip()


def boards_text(boards: Sequence[Any], documents: Mapping[str, DocumentInfo]) -> str:
    """Partnerships and boards with what the documents say about them."""
    lines: list[str] = []
    for board in boards:
        lines.append(board.name)
        details = [
            f"chair: {board.chair}" + (f" (as of {board.chair_since})" if board.chair_since else "")
            if board.chair
            else "",
            f"meets: {board.frequency}" if board.frequency else "",
            f"reports to: {board.reports_to}" if board.reports_to else "",
        ]
        if any(details):
            lines.append("  " + "; ".join(d for d in details if d))
        if board.purpose:
            lines.append(f"  purpose: {_clip(board.purpose)}")
        if board.members:
            lines.append(f"  members: {_clip(', '.join(board.members))}")
        lines.append(f"  source: {source_label(board.sources[0], documents)}")
    lines.append(f"{len(boards)} partnerships and boards")
    return "\n".join(lines)


def decisions_text(meetings: Sequence[Any], documents: Mapping[str, DocumentInfo]) -> str:
    """Meetings newest first, each decision, resolution and action under its agenda item."""
    lines: list[str] = []
    for meeting in meetings:
        chair = f", chaired by {meeting.chair}" if meeting.chair else ""
        lines.append(f"{meeting.body}: {meeting.date or 'undated'}{chair}")
        for decision in meeting.decisions:
            lines.append(f"  [{decision.kind}] {decision.item}")
            lines.append(f"      {_clip(decision.text, 300)}")
            lines.append(f"      source: {source_label(decision.source, documents)}")
    lines.append(f"{sum(len(m.decisions) for m in meetings)} decisions in {len(meetings)} meetings")
    return "\n".join(lines)


def decisions_on_text(decisions: Sequence[Any], documents: Mapping[str, DocumentInfo]) -> str:
    """Decisions on a topic across bodies, newest first, each with its date, body, item and source."""
    lines: list[str] = []
    for decision in decisions:
        item = f" ({decision.item})" if decision.item else ""
        lines.append(f"{decision.date or 'undated'}  {decision.body}{item}  [{decision.kind}]")
        lines.append(f"      {_clip(decision.text, 300)}")
        lines.append(f"      source: {source_label(decision.source, documents)}")
    lines.append(f"{len(decisions)} decisions")
    return "\n".join(lines)


_KIND_TITLES = (("achievement", "Achievements"), ("target", "Targets"), ("context", "Context"))


def scorecard_text(rows: Sequence[Any], documents: Mapping[str, DocumentInfo]) -> str:
    """Per ambition, the figures the documents report, achievements, targets and context apart."""
    lines: list[str] = []
    for row in rows:
        lines.append(row.ambition)
        for kind, title in _KIND_TITLES:
            figures = [f for f in row.figures if f.kind == kind]
            if figures:
                lines.append(f"  {title}")
            for figure in figures:
                lines.append(f"  - {figure.value}: {figure.label} ({figure.date or 'undated'})")
                lines.append(f"      “{_clip(figure.sentence, 200)}”  [{source_label(figure.source, documents)}]")
    return "\n".join(lines)


def _doc_ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if "doc_id" in value and isinstance(value["doc_id"], str):
            yield value["doc_id"]
        for item in value.values():
            yield from _doc_ids(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _doc_ids(item)


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
