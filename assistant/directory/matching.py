"""Comparing extracted entries with a reference: one comparison's score and tolerant name matching.

Shared by the reference checks of :mod:`assistant.directory.quality` and
:mod:`assistant.directory.quality_unseen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.directory.model import normalise_name

_QUALIFIERS = frozenset({"the", "greater", "county", "local", "pan", "specialist", "essex"})
# An initiative's kind word, written or left off by one reader and not the other ("Supported Internship
# programme", "Free Schools"); a board's kind word is part of its name ("Health Board", "Health Forum").
_KIND_WORDS = frozenset({"programme", "program", "project", "scheme", "initiative", "campaign", "pilot"})


@dataclass(frozen=True)
class Score:
    """Precision and recall of one comparison, with what was wrong."""

    name: str
    extracted: int
    correct: int
    reference: int
    found: int
    false_positives: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.reference if self.reference else 1.0


def names_match(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether any name of one entry matches any name of the other (tolerantly)."""
    return any(_name_match(a, b) for a in first for b in second)


def _name_match(first: str, second: str) -> bool:
    a, b = words(first), words(second)
    if not a or not b:
        return False
    if a == b or _core(a) == _core(b):
        return True
    shared = set(_core(a)) & set(_core(b))
    return len(shared) / max(len(set(_core(a))), len(set(_core(b))), 1) >= 0.75


def words(name: str) -> list[str]:
    """The words of a name, normalised."""
    return normalise_name(name).split()


def _core(name_words: list[str]) -> list[str]:
    singular = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in name_words]
    core = [w for w in singular if w not in _QUALIFIERS]
    named = [w for w in core if w not in _KIND_WORDS]
    return named or core or singular
