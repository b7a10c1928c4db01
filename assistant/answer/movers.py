"""Who proposed and seconded a motion or amendment, read from the minutes' own paragraphs.

Council minutes open a motion or an amendment with the paragraph that says whose it is ("2) Mr
Watkins proposed and Mr Brazier seconded the following amendment:") and then give its words. An
amendment that the proposers of the motion accepted is never put to the vote, so the paragraphs
themselves are read, not the votes: each paragraph that names its movers, with its text up to the
next numbered paragraph and the agenda item it sits under. A question ("who proposed the amendment
to the disposable vapes motion?") gets the paragraphs of the kind it asks about (an amendment or a
motion: the first of the two words after its verb) whose item and words share most of its terms.
A procedural motion ("seconded that the substantive motion be put to the vote") is no motion's
proposer.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from assistant.answer.votes import ITEM_TITLE, MOVED
from assistant.evidence import terms_of

_PARAGRAPH = re.compile(r"(?m)^[ \t]*(?P<open>\(?)(?P<number>\d{1,3})\)\s+(?P<rest>[^\n]+)")
_KIND = re.compile(r"\b(amendment|motion)s?\b", re.IGNORECASE)
_PROCEDURAL = re.compile(r"\bseconded\s+that\b[^.]{0,120}\bbe\s+put\s+to\s+the\s+vote\b", re.IGNORECASE)
_REACH = 2500  # how much of a paragraph (and the motion it gives) tells what it is about
_MAX = 3
_ASKING = frozenset(
    terms_of(["who proposed moved seconded put forward tabled the a an amendment motion meeting council county"])[0]
)


@dataclass(frozen=True)
class Moved:
    """One motion or amendment and whose it was."""

    moved: str  # "Mr Watkins proposed and Mr Brazier seconded", as written
    kind: str  # "amendment" or "motion"
    item: str | None  # the agenda item it sits under
    text: str  # its paragraph and the words it gives, up to the next numbered paragraph


def read_movers(text: str) -> list[Moved]:
    """Every paragraph of the minutes that names who proposed and seconded a motion or amendment."""
    openings = list(_PARAGRAPH.finditer(text))
    items = [(m.start(), m.group("title").strip()) for m in ITEM_TITLE.finditer(text)]  # read once, in order
    found = []
    for index, opening in enumerate(openings):
        moved = MOVED.match(opening.group("rest"))
        kind = _KIND.search(opening.group("rest"), moved.end()) if moved else None
        if moved is None or kind is None:
            continue
        # the next paragraph numbered the same way: "17)" runs past the "(1)", "(2)" of the motion it gives
        same = (o.start() for o in openings[index + 1 :] if o.group("open") == opening.group("open"))
        end = next(same, len(text))
        if _PROCEDURAL.search(text, opening.start(), min(end, opening.start() + 400)):
            continue
        item = (
            items[bisect.bisect_left(items, (opening.start(), "")) - 1][1]
            if items and items[0][0] < opening.start()
            else None
        )
        found.append(
            Moved(
                " ".join(moved.group("moved").split()),
                kind.group(1).lower(),
                item,
                text[opening.start() : min(end, opening.start() + _REACH)],
            )
        )
    return found


def asked_kind(question: str) -> str | None:
    """ "amendment" or "motion": the first of the two a question names after its verb."""
    found = _KIND.search(question)
    return found.group(1).lower() if found else None


def chosen_movers(question: str, movers: list[Moved]) -> list[Moved]:
    """The paragraphs of the kind asked whose item and words fit the question best (none when none fits)."""
    kind = asked_kind(question)
    wanted = {t for t in terms_of([question])[0] - _ASKING if not t.isdigit()}
    candidates = [m for m in movers if kind is None or m.kind == kind]
    fits = [len(wanted & terms_of([f"{m.item or ''} {m.text}"])[0]) for m in candidates]
    best = max(fits, default=0)
    if best == 0:
        return []
    return [m for m, fit in zip(candidates, fits, strict=True) if fit == best][:_MAX]


def describe_mover(moved: Moved) -> str:
    """ "Motion for Time Limited Debate (Item 17): Mr Watkins proposed and Mr Brazier seconded the amendment." """
    text = f"{moved.moved} the {moved.kind}."
    return f"{moved.item}: {text}" if moved.item else text
