"""No dangling or renumbered citation can reach the user."""

from __future__ import annotations

import random
import re

import pytest

from assistant.answer.citations import finalize_citations
from assistant.types import Chunk, DocumentInfo, Passage


def _passages(n: int) -> list[Passage]:
    return [
        Passage(
            Chunk(f"d{i}", 0, f"Passage {i} text. Second sentence.", None, (), 0, 30, ((0, 15), (16, 32))),
            DocumentInfo(f"d{i}", f"Doc {i}", f"/d{i}.md"),
            1.0,
        )
        for i in range(n)
    ]


def test_marks_are_renumbered_in_order_of_first_appearance() -> None:
    passages = _passages(4)
    text, citations = finalize_citations("B says so [3]. A agrees [1]. B again [3].", passages)
    assert text == "B says so [1]. A agrees [2]. B again [1]."
    assert [(c.n, c.passage.doc.doc_id) for c in citations] == [(1, "d2"), (2, "d0")]


def test_marks_pointing_at_nothing_are_removed() -> None:
    text, citations = finalize_citations("Claim [1]. Invented [7]. Zero [0]. Mixed [2, 9].", _passages(2))
    assert text == "Claim [1]. Invented. Zero. Mixed [2]."
    assert [c.n for c in citations] == [1, 2]


def test_highlights_pick_out_the_supporting_sentence() -> None:
    passages = _passages(2)
    _, citations = finalize_citations("X [2].", passages, {1: [(16, 32)]})
    assert citations[0].sentence == "Second sentence."


@pytest.mark.parametrize("seed", range(200))
def test_no_dangling_or_renumbered_citation_survives(seed: int) -> None:
    rng = random.Random(seed)
    passages = _passages(rng.randint(0, 6))
    parts = []
    for _ in range(rng.randint(0, 8)):
        numbers = [rng.randint(0, 9) for _ in range(rng.randint(1, 3))]
        parts.append(f"Claim {rng.random():.3f} [{', '.join(map(str, numbers))}].")
    original = " ".join(parts)
    text, citations = finalize_citations(original, passages)
    shown = [int(n) for n in re.findall(r"\[(\d+)\]", text)]
    # every mark shown points at a citation, and citations are numbered 1..N by first appearance
    assert set(shown) == {c.n for c in citations}
    assert [c.n for c in citations] == list(range(1, len(citations) + 1))
    assert list(dict.fromkeys(shown)) == [c.n for c in citations]
    # each citation is exactly the passage its original mark named
    originals = [int(n) for group in re.findall(r"\[([\d, ]+)\]", original) for n in group.split(", ")]
    valid = list(dict.fromkeys(n for n in originals if 1 <= n <= len(passages)))
    assert [c.passage for c in citations] == [passages[n - 1] for n in valid]
