"""A name the question puts in quotes must be in the passage that answers it.

"How much is each payment under the Pensioner 'Just Missing Out' scheme worth?" was answered with
the pension fund's deficit: the passage shared "payment" and "pension", and nothing of the scheme.
A phrase the question quotes ('Just Missing Out', 'Temporary transition point 1') is the thing
asked about, word for word; only sentences of passages holding it (in their text, section or
title, quotes and spacing aside) may answer, and when no passage holds it the documents found do
not say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import ScoredSentence
from assistant.types import Passage

_QUOTED = re.compile(r"""(?:^|[\s(])['‘"“]([A-Z][^'’"”]{2,60})['’"”]""")


def quoted_phrases(question: str) -> list[str]:
    """The phrases a question quotes, starting with a capital ("'Family Farm Tax'")."""
    return _QUOTED.findall(question)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[‘’“”'\"]", " ", text).lower().split())


def holding(
    phrases: Sequence[str], scored: Sequence[ScoredSentence], passages: Sequence[Passage]
) -> list[ScoredSentence]:
    """The sentences of passages that hold every quoted phrase."""
    wanted = [_plain(p) for p in phrases]
    holds = [
        all(p in _plain(f"{passage.doc.title} {passage.chunk.section_path} {passage.text}") for p in wanted)
        for passage in passages
    ]
    return [s for s in scored if holds[s.passage]]


def not_named_text(phrases: Sequence[str]) -> str:
    """The reply when no passage found holds the quoted name."""
    named = " or ".join(f"'{p}'" for p in phrases)
    return f"No passage found mentions {named}. The nearest passages are listed below."
