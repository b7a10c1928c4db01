"""Chunks that belong beside the best passages, though they did not rank there on their own.

A chunk is ranked by what it says as a whole; three kinds of neighbour miss out:

- **the answer next door**: the chunk before or after a leading passage, in the same section, holds
  a better sentence for the question than the passage does. The section was right and the answer
  is one chunk along: a chunk cut at a page's end holds a sentence or two, too little to rank on
  its own ("3.4 Councils are asked to submit proposals for reorganisation by 28 November 2025.").
- **a sum next door**: a question asks how much, the best passage names no sum, and the chunk after
  it, in the same section, gives one in its first sentences: the sentence was cut at a page's end.
- **a list that runs on**: a question names how many items it wants ("what three critical issues"),
  and a leading passage introduces the list ("... three critical issues ...:") but ends before
  the last item; the chunks after it, in the same section, hold the rest.

Each neighbour scores as the passage that brought it (``HybridRetriever._follow`` in
:mod:`assistant.retrieve` reads them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from assistant.evidence import ASKS_COST, ITEM, KEYWORD_WEIGHT, SEMANTIC_WEIGHT, Query
from assistant.index.base import StoredChunk
from assistant.types import Chunk, Passage

# an item is known by its label or first words: chunks overlap, and repeat the item they were cut in
_ITEM_KEY_WORDS = 4
_LABEL_WORDS = 8
LIST_FOLLOW = 2  # chunks a list may run on into
_HOW_MUCH = re.compile(r"\bhow much\b", re.IGNORECASE)
_SUM = re.compile(r"[£$€]\s?\d")


def best_possible(query: Query, item: StoredChunk) -> float:
    """The most a chunk's best sentence could score as evidence: its best meaning match with every
    question term found."""
    vectors = item.sentence_vectors
    if vectors is None or not len(vectors):
        return 1.0
    semantic = float(np.max(np.asarray(vectors, dtype=np.float32) @ query.vector))
    return SEMANTIC_WEIGHT * semantic + KEYWORD_WEIGHT


def neighbour_rows(best: Iterable[int]) -> set[int]:
    """The rows before and after the given ones."""
    return {n for row in best for n in (row - 1, row + 1) if n >= 0}


def same_section_neighbours(best: list[tuple[int, Passage]], chunks: dict[int, StoredChunk]) -> list[tuple[int, int]]:
    """(row, neighbour row) for each chunk before or after one of ``best`` in its section."""
    return [
        (row, n)
        for row, passage in best
        for n in (row - 1, row + 1)
        if n in chunks and _same_section(chunks[n].chunk, passage.chunk)
    ]


def better_neighbours(
    best: list[tuple[int, Passage]], chunks: dict[int, StoredChunk], evidence: dict[int, float]
) -> dict[int, float]:
    """Neighbours of the ``best`` passages, in their section, whose best sentence (``evidence``, by row)
    beats the passage's own, each with the score of the best passage it neighbours."""
    scores = {row: passage.score for row, passage in best}
    found: dict[int, float] = {}
    for row, n in same_section_neighbours(best, chunks):
        if evidence.get(n, 0.0) > evidence.get(row, 0.0):
            found[n] = max(found.get(n, 0.0), scores[row])
    return found


def sum_next_door(best: list[tuple[int, Passage]], chunks: dict[int, StoredChunk], question: str) -> dict[int, float]:
    """For a question asking how much, the chunk after the best passage, in its section, when the passage
    names no sum and the chunk's first sentences do: the sentence giving it was cut off at a page's end
    ("... smoke-free spaces ... The project was funded by | a £1.9 million grant ...")."""
    if not best or not (_HOW_MUCH.search(question) or ASKS_COST.search(question)):
        return {}
    row, passage = best[0]
    after = chunks.get(row + 1)
    if _SUM.search(passage.text) or after is None or not _same_section(after.chunk, passage.chunk):
        return {}
    opening = after.chunk.text[: after.chunk.sentences[1][1]] if len(after.chunk.sentences) > 1 else after.chunk.text
    return {row + 1: passage.score} if _SUM.search(opening) else {}


def list_runs_on(chunk: Chunk, count: int) -> bool:
    """Whether ``chunk`` introduces a list (a sentence ending ':' before an item) that it ends on,
    with fewer than ``count`` items: the rest of the list is in the chunks after it."""
    sentences = [chunk.text[a:b].strip() for a, b in chunk.sentences]
    lead = next((i for i, s in enumerate(sentences[:-1]) if s.endswith(":") and ITEM.match(sentences[i + 1])), None)
    if lead is None or not ITEM.match(sentences[-1]):
        return False
    return len(_item_keys(sentences[lead + 1 :])) < count


def list_rest(row: int, chunks: dict[int, StoredChunk], count: int) -> list[int]:
    """The rows after ``row`` (in its section) that a list it runs on into needs to reach ``count`` items."""
    start = chunks[row].chunk
    keys = _item_keys(start.text[a:b] for a, b in start.sentences)
    rows: list[int] = []
    for n in range(row + 1, row + 1 + LIST_FOLLOW):
        item = chunks.get(n)
        if item is None or not _same_section(item.chunk, start) or len(keys) >= count:
            break
        rows.append(n)
        keys |= _item_keys(item.chunk.text[a:b] for a, b in item.chunk.sentences)
    return rows


def _item_keys(sentences: Iterable[str]) -> set[str]:
    """Items by their label ("Homes" of "• Homes: more of them.") or their first words."""
    keys = set()
    for sentence in sentences:
        if ITEM.match(sentence):
            label, colon, _ = ITEM.sub("", sentence).partition(":")
            words = re.findall(r"\w+", label.lower())
            keys.add(" ".join(words if colon and len(words) <= _LABEL_WORDS else words[:_ITEM_KEY_WORDS]))
    return keys


def _same_section(a: Chunk, b: Chunk) -> bool:
    return a.doc_id == b.doc_id and a.section == b.section
