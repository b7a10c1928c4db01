"""Answers as plain text and as JSON records (shared by the CLI and the web app's API)."""

from __future__ import annotations

from typing import Any

from assistant.types import Answer, Citation, Passage


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
        "section": passage.chunk.section_path,
        "text": passage.text,
        "score": round(float(passage.score), 4),
    }


def citation_json(citation: Citation) -> dict[str, Any]:
    """A citation: its number, its passage, and the supporting sentence(s)."""
    return {"n": citation.n, **passage_json(citation.passage), "sentence": citation.sentence}


def answer_json(answer: Answer) -> dict[str, Any]:
    """The JSON record of an answer; ``passages`` lists every retrieved passage in rank order."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "confidence": round(float(answer.confidence), 3),
        "note": answer.note,
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


def answer_text(answer: Answer) -> str:
    """The answer for a terminal: the text, then each reference with its supporting sentence."""
    lines = [answer.text]
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
