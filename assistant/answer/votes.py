"""Recorded votes in minutes: what was put to the vote, how many voted for, against or abstained,
and the outcome.

Council minutes record a vote as the sentence putting it ("Following the debate, the Chairman put
the amendment set out in paragraph 17 to the vote and the voting was as follows:"), the tallies
with the members' names ("For (14)", "Against (45)", "Abstain (4)") and the outcome ("Amendment
lost."); a vote without a recorded division ends "... to the vote and it was agreed." The
paragraph a vote names ("17) Mr Hood proposed and Mr Baldock seconded the following amendment
...") says whose motion it was. A question about a named meeting's votes ("How many members
voted against Mr Hood's amendment at the County Council meeting on 9 January 2025?", "What
happened to the amendment proposed by Mr Brady?") is answered with the votes it names, or every
vote of the meeting when it names none in particular, each cited to the sentence putting it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.patterns import MONTHS
from assistant.directory.minutes import VOTE_TALLY
from assistant.evidence import terms_of
from assistant.types import Passage

_QUESTION = re.compile(
    r"\bhow\s+many\b.{0,80}?\b(?:vot(?:e|ed|es|ing)|abstain(?:ed)?|in\s+favour)\b|"
    r"\bwhat\s+(?:was|were)\s+the\s+(?:votes?|voting|results?\s+of\s+the\s+vote|outcomes?)\b|"
    r"\bhow\s+did\b.{0,80}?\bvote\b|\bwhat\s+happened\s+to\b.{0,80}?\b(?:amendment|motion)s?\b|"
    r"\b(?:was|were)\b.{0,120}?\b(?:amendment|motion)s?\b.{0,120}?\b(?:carried|lost|passed|agreed|defeated|rejected)\b|"
    r"\b(?:outcome|result)\s+of\b.{0,80}?\b(?:amendment|motion|vote)s?\b",
    re.IGNORECASE,
)
# The sentence putting a vote: "the Chairman put the amendment set out in paragraph 17 to the vote and
# the voting was as follows:", "... put to the vote the amendment set out in paragraph 7 above and ...".
_PUT = re.compile(r"[^.\n]*\bput\s+(?:to\s+the\s+vote\b[^.\n]*|[^.\n]{3,200}?\bto\s+the\s+vote\b[^.\n]*)")
_MOTION = re.compile(
    r"\bput\s+(?:to\s+the\s+vote\s+)?(?P<motion>(?:the|a)\s+.{3,160}?)(?:\s+above)?"
    r"(?:\s+to\s+the\s+vote\b|\s+and\s+(?:the\s+voting|it\s+was)\b|[.:]|$)",
    re.IGNORECASE,
)
_SAID = re.compile(r"\bit\s+was\s+(?P<said>agreed|carried|lost|approved|rejected)\b", re.IGNORECASE)
_OUTCOME = re.compile(
    r"\b(?:substantive\s+)?(?:motion|amendment|recommendations?|proposals?)(?:\s+\(?as\s+amended\)?)?\s+"
    r"(?:was\s+)?(?:carried|lost|agreed|approved|defeated|rejected|fell)\b(?:\s+unanimously)?\.?",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\bparagraph\s+(?P<number>\d{1,3})\b", re.IGNORECASE)
# "Mr Hood proposed and Mr Baldock seconded", perhaps after an opening clause ("Following further debate, ").
MOVED = re.compile(
    r"^(?:[^,.\n]{0,40},\s+)?(?P<moved>[A-Z][^.\n]{2,120}?\b(?:proposed|moved)\b[^.\n]{0,80}?\bseconded)\b"
)
# An agenda item's minute: "291. Capital Programme 2025-35 and Revenue Budget 2025-26 (Item 6)", on a line of
# its own or run on after the last sentence of the one before.
ITEM_TITLE = re.compile(r"(?m)(?:^|(?<=\.\s)|(?<=\.\s\s))[ \t]*\d{1,4}\.\s+(?P<title>[A-Z][^\n]{3,200}?\(Item\s+\d+\))")
_TOPIC_REACH = 1500  # how much of the paragraph a vote names tells what it was about
_REACH = 6000  # a vote's tallies and outcome follow within this many characters
_ASKING = frozenset(
    terms_of(
        [
            "how many members councillors people voted vote votes voting for against abstain abstained favour "
            "what was were the result outcome happened did meeting council county cabinet committee panel "
            + " ".join(MONTHS)
        ]
    )[0]
)
_MAX_VOTES = 8


@dataclass(frozen=True)
class Vote:
    """One vote as the minutes record it."""

    put: str  # the sentence putting it to the vote, as written (cited)
    motion: str  # what was put: "the amendment set out in paragraph 17"
    moved: str | None  # whose it was: "Mr Hood proposed and Mr Baldock seconded"
    tallies: tuple[tuple[str, int], ...]  # ("For", 14), ("Against", 45), ("Abstain", 4)
    outcome: str | None  # "Amendment lost.", "it was agreed"
    item: str | None = None  # the agenda item: "Capital Programme 2025-35 and Revenue Budget 2025-26 (Item 6)"
    topic: str = ""  # the paragraph it names, up to the vote


def asks_about_votes(question: str) -> bool:
    """Whether a question asks how a vote went ("how many voted against ...", "was the motion carried?")."""
    return bool(_QUESTION.search(question))


def document_text(passages: Sequence[Passage]) -> str:
    """A document's text rebuilt from its passages (chunks overlap; each is a slice of its page)."""
    pages: dict[int, list[str]] = {}
    for passage in passages:
        chunk = passage.chunk
        buffer = pages.setdefault(chunk.page or 0, [])
        end = chunk.char_start + len(chunk.text)
        buffer.extend(" " * max(0, end - len(buffer)))
        buffer[chunk.char_start : end] = chunk.text
    return "\n".join("".join(pages[number]) for number in sorted(pages))


def read_votes(text: str) -> list[Vote]:
    """Every vote the minutes record, in order."""
    found = list(_PUT.finditer(text))
    votes = []
    for index, match in enumerate(found):
        put = " ".join(match.group().split()).strip(" ,;")
        motion = _MOTION.search(put)
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        after = text[match.start() : min(end, match.end() + _REACH)]  # "... as follows: For (14)" on one line
        tallies = _first_of_each(tuple((m.group("side"), int(m.group("count"))) for m in VOTE_TALLY.finditer(after)))
        said = _SAID.search(put)
        if motion is None or not (tallies or said):
            continue  # "put ... to the vote" with nothing recorded after it
        outcome = _OUTCOME.search(after) if tallies else None
        moved, topic = _paragraph(text, match.start(), motion.group("motion"))
        item = list(ITEM_TITLE.finditer(text, 0, match.start()))
        votes.append(
            Vote(
                put,
                " ".join(motion.group("motion").split()),
                moved,
                tallies,
                outcome.group().strip() if outcome else (f"it was {said.group('said').lower()}" if said else None),
                item[-1].group("title").strip() if item else None,
                topic,
            )
        )
    return votes


def _first_of_each(tallies: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    seen: dict[str, int] = {}
    for side, count in tallies:
        seen.setdefault("Abstain" if side.startswith("Abstention") else side, count)
    return tuple(seen.items())


def _paragraph(text: str, before: int, motion: str) -> tuple[str | None, str]:
    """Who proposed and seconded the paragraph a vote names ("17) Mr Hood proposed and ... seconded"),
    and the paragraph's text up to the vote (what it was about). The nearest such paragraph before the
    vote counts: each agenda item numbers its paragraphs afresh."""
    number = _PARAGRAPH.search(motion)
    if number is None:
        return None, ""
    pattern = re.compile(rf"(?m)^[ \t]*\(?{number.group('number')}\)\s+(?P<rest>[^\n]+)")
    openings = list(pattern.finditer(text, 0, before))
    if not openings:
        return None, ""
    opening = openings[-1]
    moved = MOVED.match(opening.group("rest"))
    topic = text[opening.start() : min(before, opening.start() + _TOPIC_REACH)]
    return (" ".join(moved.group("moved").split()) if moved else None), topic


def chosen_votes(question: str, votes: Sequence[Vote], named: bool = True) -> list[Vote]:
    """The votes a question names (by mover, kind or topic), or every vote when it names none. A
    question that names no meeting (``named`` false) must name the vote itself: at least two of its
    words, and half of them, in what the vote was about ("voted against adopting Local Transport Plan 5")."""
    paragraph = _PARAGRAPH.search(question)  # "the amendment in paragraph 7": the vote on that paragraph
    if paragraph and (on := [v for v in votes if _paragraph_of(v.motion) == paragraph.group("number")]):
        return on[:_MAX_VOTES]
    wanted = {t for t in terms_of([question])[0] - _ASKING if not t.isdigit()}  # not the meeting's date
    fits = [len(wanted & terms_of([f"{v.moved or ''} {v.motion} {v.item or ''} {v.topic}"])[0]) for v in votes]
    best = max(fits, default=0)
    if not named and best < max(2, len(wanted) / 2):
        return []
    if best == 0:
        return list(votes[:_MAX_VOTES])
    return [v for v, fit in zip(votes, fits, strict=True) if fit == best][:_MAX_VOTES]


def _paragraph_of(motion: str) -> str | None:
    found = _PARAGRAPH.search(motion)
    return found.group("number") if found else None


def describe(vote: Vote, with_item: bool = True) -> str:
    """ "English Devolution White Paper (Item 3): Mr Hood proposed and Mr Baldock seconded the amendment
    set out in paragraph 17: For (14), Against (45), Abstain (4). Amendment lost." (the item left out
    without ``with_item``)."""
    what = f"{vote.moved} {vote.motion}" if vote.moved else vote.motion
    if vote.item and with_item:
        what = f"{vote.item}: {what}"
    what = what[:1].upper() + what[1:]
    counts = ", ".join(f"{side} ({count})" for side, count in vote.tallies)  # as the minutes print them
    outcome = vote.outcome or ""
    if counts:
        return f"{what}: {counts}." + (f" {outcome.rstrip('.')}." if outcome else "")
    return f"{what}: put to the vote, and {outcome}." if outcome else f"{what}: put to the vote."
