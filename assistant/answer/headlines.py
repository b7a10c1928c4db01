"""Lines taken for headings that hold an answer: table rows and name lines in PDFs.

Chunking treats a short line set apart in a PDF as a heading, and a heading is not a sentence,
so it is never scored. Some such lines are the answer: a table row ("Children and Families Ltd
Seashells Family Hub, Sheerness", "Public Works Loan Board 432.40 4.33"), a report author's
name line ("Kay Goldsmith, Scrutiny Research Officer"). When a question wants a figure, a sum,
a date, a named person or an organisation, the heading lines of the retrieved passages that
offer one are embedded and scored as sentences of their passage, for this answer only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.answer.question import offers_new
from assistant.types import Passage

Embed = Callable[[Sequence[str]], np.ndarray]

STRICT = frozenset({"person", "organisation", "money", "number", "count", "date"})
_MIN_WORDS = 2
# A financial year in a title ("Final 2025-26 Local Government Finance Settlement") names what the
# section is about, not when something happened.
_PERIOD = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)?\d\d)\b")


def with_heading_lines(
    passages: Sequence[Passage], expected: str | None, question: str, embed: Embed | None
) -> list[Passage]:
    """The passages, each with its heading lines that offer the ``expected`` answer to ``question``
    added as sentences (with vectors); passages without such lines are returned as they are."""
    if embed is None or expected not in STRICT:
        return list(passages)
    found = [_heading_lines(p, expected, question) for p in passages]
    texts = [p.text[a:b] for p, spans in zip(passages, found, strict=True) for a, b in spans]
    if not texts:
        return list(passages)
    vectors = iter(np.asarray(embed(texts), dtype=np.float32))
    return [
        _with_lines(p, spans, [next(vectors) for _ in spans]) if spans else p
        for p, spans in zip(passages, found, strict=True)
    ]


def _heading_lines(passage: Passage, expected: str, question: str) -> list[tuple[int, int]]:
    """The spans of the passage's lines that no sentence covers and that offer the answer wanted."""
    covered = passage.chunk.sentences
    spans, start = [], 0
    for line in passage.text.split("\n"):
        end = start + len(line)
        a, b = start + len(line) - len(line.lstrip()), end - (len(line) - len(line.rstrip()))
        if (
            b > a
            and not any(s < b and a < e for s, e in covered)
            and len(line.split()) >= _MIN_WORDS
            and offers_new(expected, _PERIOD.sub(" ", line) if expected == "date" else line, question)
        ):
            spans.append((a, b))
        start = end + 1
    return spans


def _with_lines(passage: Passage, spans: list[tuple[int, int]], vectors: list[np.ndarray]) -> Passage:
    """A copy of the passage whose sentences include the given lines, in reading order."""
    rows = list(passage.sentence_vectors) if passage.sentence_vectors is not None else None
    merged = sorted([(span, None) for span in spans] + [(s, i) for i, s in enumerate(passage.chunk.sentences)])
    added = iter(vectors)
    sentences = tuple(span for span, _ in merged)
    new_vectors = None
    if rows is not None and len(rows) == len(passage.chunk.sentences):
        new_vectors = np.stack([next(added) if i is None else np.asarray(rows[i]) for _, i in merged])
    return replace(passage, chunk=replace(passage.chunk, sentences=sentences), sentence_vectors=new_vectors)


def original(passage: Passage, retrieved: Sequence[Passage]) -> Passage:
    """The retrieved passage a copy was made from (the same chunk), else the passage itself."""
    return next((p for p in retrieved if p.chunk.chunk_id == passage.chunk.chunk_id), passage)
