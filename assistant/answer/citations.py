"""Citation checks shared by every answerer: the only way [n] marks reach the user.

Every mark in an answer is checked against the passages actually shown with it. Marks that
point at nothing are removed; the rest are renumbered 1..N in order of first appearance and
each becomes a :class:`~assistant.types.Citation` for exactly the passage it named, so a
citation can never dangle or point at the wrong passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Citation, Passage

_MARK = re.compile(r"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")


def finalize_citations(
    text: str, passages: Sequence[Passage], highlights: dict[int, list[tuple[int, int]]] | None = None
) -> tuple[str, tuple[Citation, ...]]:
    """Check, renumber and resolve the [n] marks of ``text`` (1-based into ``passages``).

    Args:
        text: the answer with marks such as ``[2]`` or ``[1, 3]``.
        passages: the passages the marks refer to, numbered from 1.
        highlights: for a passage index (0-based), the sentence spans to pick out; when absent,
            the passage's best-matching sentence is left to the caller (the first sentence).

    Returns:
        The text with valid marks renumbered and invalid ones removed, and the citations in
        the order their new numbers run.
    """
    highlights = highlights or {}
    order: list[int] = []

    def renumber(match: re.Match[str]) -> str:
        kept = []
        for part in re.split(r"\s*[,;]\s*", match.group(1)):
            index = int(part) - 1
            if 0 <= index < len(passages):
                if index not in order:
                    order.append(index)
                number = order.index(index) + 1
                if number not in kept:
                    kept.append(number)
        return "".join(f"[{n}]" for n in kept)

    cleaned = _MARK.sub(renumber, text)
    cleaned = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
    citations = tuple(
        Citation(n, passages[index], tuple(sorted(set(highlights.get(index) or _first_sentence(passages[index])))))
        for n, index in enumerate(order, start=1)
    )
    return cleaned, citations


def marks_in(text: str) -> list[int]:
    """Every citation number marked in ``text``, in order of appearance (with repeats)."""
    return [int(n) for group in _MARK.findall(text) for n in re.split(r"\s*[,;]\s*", group)]


def _first_sentence(passage: Passage) -> list[tuple[int, int]]:
    sentences = passage.chunk.sentences
    return [sentences[0]] if sentences else [(0, len(passage.text))]
