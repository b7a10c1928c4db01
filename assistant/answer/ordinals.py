"""A question about the 11th of something is not answered by a sentence about the 10th.

"How many delegates attended the 11th Annual Armed Forces Covenant Conference?" retrieves the
report on the 10th ("The 10th Annual Armed Forces Covenant Conference ... attracted 160+
delegates"): the same words name another event. A sentence giving another number before the word
the question's ordinal goes with ("10th Annual" for "11th Annual") is about that other one, and so
is the sentence after it that goes on about it ("The conference attracted 160+ delegates"). A day
of a month ("13th March") is a date, left to the date checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.dates import MONTHS

_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+([A-Za-z][\w\-]*)", re.IGNORECASE)
_GOES_ON = re.compile(r"^\W*(?:The|This|That|It|They|These)\s+(?P<word>\w+)")
_MONTHS = frozenset(MONTHS) | {m[:3] for m in MONTHS} | {"sept", "of"}  # "13th March", "the 13th of"


def _numbered(text: str) -> list[tuple[str, str]]:
    """Each (word, number) of a text's ordinals: ("annual", "11")."""
    return [(word.lower(), number) for number, word in _ORDINAL.findall(text) if word.lower() not in _MONTHS]


def asked_ordinals(question: str) -> dict[str, str]:
    """The question's numbered ordinals, by the word after each ("annual": "11")."""
    return dict(_numbered(question))


def names_another(asked: dict[str, str], sentence: str) -> bool:
    """Whether ``sentence`` gives another number to one of the ``asked`` ordinals ("the 10th Annual ...")
    and not the asked one too ("after the 10th Annual Conference, the 11th Annual ...")."""
    numbered = _numbered(sentence)
    other = {word for word, number in numbered if asked.get(word, number) != number}
    return bool(other - {word for word, number in numbered if asked.get(word) == number})


def about_another(asked: dict[str, str], sentences: Sequence[tuple[tuple[int, int], str]]) -> set[tuple[int, int]]:
    """The sentences (keyed by passage and index) about another numbered one than the question's:
    those naming it, and each next sentence of the same passage going on about it."""
    texts = dict(sentences)
    other: set[tuple[int, int]] = set()
    for key, text in sorted(texts.items()):
        before = (key[0], key[1] - 1)
        going_on = _GOES_ON.match(text)
        if names_another(asked, text) or (
            before in other and going_on and going_on.group("word").lower() in texts[before].lower()
        ):
            other.add(key)
    return other
