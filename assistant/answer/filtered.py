"""Which of a list's items have the figure the question names.

"Which councils did Cabinet members cite ... as seeking council tax increases of 10%?" is answered
by a list whose items each give a council and its increase ("o Windsor and Maidenhead, 25%", "o
Newham, 10%", "o Cheshire East 10 %"): the items with the question's figure are the answer, under
the sentence that opens the list. The question asks "which" or "what" things (a plural noun) and
names a percentage or a sum; at least two items of one passage's list must give it, written with
or without a space before its unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.selection import text_of
from assistant.evidence import ITEM, ScoredSentence
from assistant.types import Passage

_THINGS = r"\s+(?:\w+\s+){0,2}?\w+s\b(?!['’])"  # a plural noun within three words: "which new members"
# "..., which new members strengthened the Board?": things, answered by the list a chosen lead-in opens
ASKS_WHICH_THINGS = re.compile(r"(?:^|,)\s*which" + _THINGS, re.IGNORECASE)
_ASKS_WHICH = re.compile(r"^\s*(?:which|what)" + _THINGS, re.IGNORECASE)
_FIGURE = re.compile(r"£\s?\d[\d,.]*\s?(?:m|k|bn|million|billion)?\b|\d[\d,.]*\s?%", re.IGNORECASE)
_MIN_ITEMS = 2
_PASSAGES = 3  # the best passages looked in


def _figures(text: str) -> set[str]:
    return {re.sub(r"\s+", "", m.group()).lower() for m in _FIGURE.finditer(text)}


def filtered_items(
    question: str, scored: Sequence[ScoredSentence], passages: Sequence[Passage]
) -> list[ScoredSentence]:
    """The list items that give the question's figure, after their list's opening sentence (none
    unless at least two items of one passage do)."""
    asked = _figures(question)
    if not asked or not _ASKS_WHICH.search(question):
        return []
    for index in range(min(_PASSAGES, len(passages))):
        own = sorted((s for s in scored if s.passage == index), key=lambda s: s.index)
        items = [s for s in own if ITEM.match(text_of(s, passages)) and _figures(text_of(s, passages)) & asked]
        if len(items) >= _MIN_ITEMS:
            opening = [s for s in own if s.index < items[0].index and not ITEM.match(text_of(s, passages))]
            return [*opening[-1:], *items]
    return []
