"""Decisions in minutes: resolutions, other decisions and actions, each under its agenda item.

- resolution: "RESOLVED that ..." with the numbered or lettered list that follows it;
- decision: "Decision: ...", a vote on an amendment or a motion that is not then recorded as a
  resolution ("Amendment lost."), "It was agreed that ...", "Cabinet agreed to ...", "...
  were deferred", "The Group reviewed ... and no changes were proposed";
- action: "Action: ...", rows of an action-points table, and someone undertaking to do
  something ("The Chair agreed to write to ...", "Ms Coombs offered to provide ...", "The
  Chair requested that a copy ... be shared").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.directory.doctext import DocText, Line
from assistant.directory.model import Decision, Item
from assistant.directory.names import kind_of

_RESOLVED = re.compile(r"\bRESOLVED\b|\bIt was resolved\b|^Resolved(?:\s+that|:)", re.MULTILINE)
_PARENT = re.compile(r"^\s*(?P<open>\(?)(?P<num>\d{1,3})(?P<close>[.)])\s*$")
_MARKER = re.compile(r"^\s*(?:(?P<open>\(?)(?P<num>\d{1,3}|[a-z]{1,2}|[A-Z]|[ivx]{1,5})(?P<close>[.)])|[•\-*▪])\s*")
_VOTE = re.compile(
    r"\b(?P<what>Amendment|Substantive [Mm]otion|Motion)(?:\s+\(as amended\))?\s+"
    r"(?P<outcome>carried|lost|fell|defeated|withdrawn)\b"
)
_PROPOSAL = re.compile(r"\b(?:proposed|moved)\b[^.]*\bseconded\b|\bseconded\b", re.IGNORECASE)
_DECISION_MARK = re.compile(r"^\s*(?:Decision|DECISION|Decided|DECIDED|Agreed|AGREED)\s*[:\-–]\s*(?P<text>\S.*)$")
_ACTION_MARK = re.compile(r"^\s*(?:Action|ACTION)(?:\s+by\s+[^:]{1,40})?\s*[:\-–]\s*(?P<text>\S.*)$")
_ACTION_TABLE = re.compile(r"^\s*(?:Actions?(?:\s+Points?)?|Action Log|Actions? Arising)\s*:?\s*$", re.IGNORECASE)
_ACTION_ROW = re.compile(
    r"^\s*(?:\d{1,3}[.)]?|[A-Z]{1,3}\d{1,3})\s+(?P<text>[A-Z].*?)(?:\s+(?:Complete|Completed|Open|"
    r"Ongoing|Closed|In progress|Done))?\s*$"
)
_BODY_WORDS = r"Cabinet|Council|Committee|Panel|Board|Group|Members|meeting|Partnership|Assembly|Sub-Committee"
_BODY_AGREED = re.compile(
    rf"\b(?:{_BODY_WORDS})\s+(?:(?:formally|unanimously|also)\s+)?(?:agreed|approved|endorsed|decided|resolved|"
    r"reviewed)\b"
)
_AGREED = re.compile(r"\b(?:[Ii]t|[Tt]his|[Tt]hat)\s+was\s+agreed\b|\b[Aa]greed unanimously\b|^Agreed\.?$")
_BARE_AGREED = re.compile(r"^(?:This|That|It) was agreed(?: by [^.,;]+)?\.?$")
_PROCEDURAL = re.compile(r"\bput\b|\bvote\b|\bproposed\b|\bseconded\b|^\W*Agreed\b")
_DEFERRED = re.compile(r"\b(?:was|were|be|been)\s+deferred\b")
_UNDERTAKES = re.compile(
    r"\b(?:offered|agreed|undertook|promised|volunteered|intends|intention)\s+to\s+(?!the\b|a\b|an\b)[a-z]+|"
    r"\bwould\s+(?:write|circulate|send|share|provide|follow up|report|come back|raise|arrange|contact|look into|"
    r"respond|update|confirm|check|investigate|bring|return|forward|liaise|meet|produce)\b|"
    r"\brequested that\b[^.]*\bbe\s+(?:shared|circulated|provided|sent|added|brought|included|made available)\b|"
    r"\b(?:was|were)\s+(?:asked|requested|tasked)\s+to\b"
)
_PERSON = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Sir|[Ss]he|[Hh]e|[Tt]hey|[Hh]er|[Hh]is|Chair|Chairman|Vice-Chair|Leader|Director|Officers?|"
    r"Manager|Head|Clerk|Cabinet Member|Deputy|Headteacher|Commissioner|Corporate Director|[A-Z]{2,3})\b"
)
_TERMINAL = (".", ";", ":", "”", '"')
_MAX_BLOCK_LINES = 40


@dataclass(frozen=True)
class _Found:
    position: int
    kind: str
    text: str
    span: tuple[int, int]


def find_decisions(doc: DocText, items: Sequence[Item], after: int = 0) -> list[Decision]:
    """Every resolution, decision and action after ``after``, in order, each under its item."""
    resolutions = list(_resolutions(doc, items, after))
    covered = [(f.position, f.span[1]) for f in resolutions]
    others = [*_votes(doc, after), *_agreements(doc, after), *_actions(doc, after)]
    others = [f for f in others if not any(s <= f.position < e for s, e in covered)]
    found = _unique(sorted([*resolutions, *others], key=lambda f: f.position))
    starts = [item.start for item in items]
    decisions = []
    for f in found:
        index = bisect.bisect_right(starts, f.position) - 1
        item = items[index].title if index >= 0 else ""
        decisions.append(Decision(f.kind, _tidy(f.text), item, doc.cite_sentence(f.span[0])))
    return decisions


def _tidy(text: str) -> str:
    """A decision's text without the paragraph number or bullet before it or a sub-item letter after it."""
    text = re.sub(r"^\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[•\-*▪])\s+", "", text)
    return re.sub(r"\s+[a-z][.)]$", "", text).strip()


def _unique(found: list[_Found]) -> list[_Found]:
    result: list[_Found] = []
    for f in found:
        if not any(r.span[0] <= f.position < r.span[1] or r.text == f.text for r in result):
            result.append(f)
    return result


def _resolutions(doc: DocText, items: Sequence[Item], after: int) -> Iterator[_Found]:
    item_starts = {item.start for item in items}
    for match in _RESOLVED.finditer(doc.text, after):
        line = _line_at(doc, match.start())
        parts = [doc.text[match.start() : line.end]]
        end = line.end
        for following in _block_lines(doc, line, match.start(), item_starts):
            parts.append(following.text)
            end = following.end
        text = " ".join(" ".join(parts).split())
        yield _Found(match.start(), "resolution", text, (match.start(), end))


def _block_lines(doc: DocText, line: Line, start: int, item_starts: set[int]) -> Iterator[Line]:
    """The lines that continue a resolution: its sub-list, or a sentence wrapped onto the next line."""
    parent = _PARENT.match(doc.text[line.start : start])
    head = doc.text[start : line.end].rstrip()
    expect_list = head.endswith((":", "-", "–"))
    previous = head
    index = doc.lines.index(line)
    for following in doc.lines[index + 1 : index + 1 + _MAX_BLOCK_LINES]:
        text = following.text.strip()
        if following.start in item_starts or _RESOLVED.search(text) or _VOTE.search(text):
            return
        marker = _MARKER.match(text)
        if marker and parent and _same_style(marker, parent) and int(marker.group("num")) > int(parent.group("num")):
            return
        if not expect_list and (marker or previous.endswith(_TERMINAL)):
            return
        yield following
        previous = text


def _same_style(marker: re.Match[str], parent: re.Match[str]) -> bool:
    return (
        bool(marker.group("num"))
        and marker.group("num").isdigit()
        and marker.group("open") == parent.group("open")
        and marker.group("close") == parent.group("close")
    )


def _line_at(doc: DocText, position: int) -> Line:
    starts = [line.start for line in doc.lines]
    return doc.lines[max(0, bisect.bisect_right(starts, position) - 1)]


def _votes(doc: DocText, after: int) -> Iterator[_Found]:
    """Votes on amendments, and lost motions: carried motions are recorded as resolutions instead."""
    proposal: tuple[int, int] | None = None
    for line in doc.lines:
        if line.start < after:
            continue
        if _PROPOSAL.search(line.text):
            proposal = doc.sentence_at(line.start + _PROPOSAL.search(line.text).start())
        for vote in _VOTE.finditer(line.text):
            if vote.group("what") != "Amendment" and vote.group("outcome") == "carried":
                continue
            outcome = vote.group()
            if proposal is not None:
                motion = re.sub(r"\s*(?:that|:)\s*$", "", " ".join(doc.text[proposal[0] : proposal[1]].split()))
                text = f"{motion}: {outcome}."
            else:
                text = f"{outcome}."
            yield _Found(line.start + vote.start(), "decision", text, (line.start + vote.start(), line.end))


def _agreements(doc: DocText, after: int) -> Iterator[_Found]:
    for index, line in enumerate(doc.lines):
        if line.start < after:
            continue
        mark = _DECISION_MARK.match(line.text)
        if mark:
            yield _Found(line.start, "decision", mark.group("text").strip(), (line.start, line.end))
            continue
        for start, end in _sentences_of(doc, line):
            sentence = doc.text[start:end]
            procedural = _PROCEDURAL.search(sentence) and _recorded_nearby(doc, index)
            agreed = _AGREED.search(sentence) and not procedural
            if _BODY_AGREED.search(sentence) or _DEFERRED.search(sentence) or agreed:
                text = " ".join(sentence.split())
                if (len(text.split()) < 5 or _BARE_AGREED.match(text)) and start > line.start:
                    before = doc.sentence_at(start - 1)  # "This was agreed" needs what was agreed
                    text = " ".join(doc.text[max(line.start, before[0]) : end].split())
                yield _Found(start, "decision", text, (start, end))


def _recorded_nearby(doc: DocText, index: int) -> bool:
    """Whether an "agreed" is the vote behind a resolution or an amendment recorded next to it."""
    after = " ".join(line.text for line in doc.lines[index + 1 : index + 3])
    before = " ".join(line.text for line in doc.lines[max(0, index - 2) : index + 1])
    return bool(_RESOLVED.search(after) or _VOTE.search(before))


def _actions(doc: DocText, after: int) -> Iterator[_Found]:
    in_table = False
    for line in doc.lines:
        if line.start < after:
            continue
        mark = _ACTION_MARK.match(line.text)
        if mark:
            yield _Found(line.start, "action", mark.group("text").strip(), (line.start, line.end))
            continue
        if _ACTION_TABLE.match(line.text):
            in_table = True
            continue
        row = _ACTION_ROW.match(line.text) if in_table else None
        if row:
            yield _Found(line.start, "action", row.group("text").strip(), (line.start, line.end))
            continue
        for start, end in _sentences_of(doc, line):
            sentence = doc.text[start:end]
            cue = _UNDERTAKES.search(sentence)
            if cue and not _BODY_AGREED.search(sentence) and not _by_body(sentence) and _by_person(sentence, cue):
                yield _Found(start, "action", " ".join(sentence.split()), (start, end))


def _by_person(sentence: str, cue: re.Match[str]) -> bool:
    """Whether someone (a named person, a role, a pronoun) is the subject of an undertaking.

    The subject is the word group just before the cue ("Ms Coombs offered", "she would send"), or
    the sentence's opening words when the cue follows "and" ("Mr Read shared ... and offered").
    """
    if cue.group().startswith("requested"):
        return True
    before = sentence[: cue.start()].split()
    subject = before[-2:]
    if subject and subject[-1].lower() in ("and", "also", "then", "further"):
        subject = before[:2]
    return bool(_PERSON.search(" ".join(subject))) or _is_named_person(" ".join(subject))


def _is_named_person(text: str) -> bool:
    names = re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z’'\-]+)+$", text)
    return any(kind_of(name) is None and not re.search(rf"\b(?:{_BODY_WORDS}|Programme)\b", name) for name in names)


def _by_body(sentence: str) -> bool:
    """Whether "agreed to" has the meeting itself as its subject (a decision, not an action)."""
    match = re.search(r"\bagreed\s+to\b", sentence)
    return bool(match and re.search(rf"\b(?:{_BODY_WORDS})\b", sentence[: match.start()]))


def _sentences_of(doc: DocText, line: Line) -> list[tuple[int, int]]:
    return doc.sentences_in(line.start, line.end)
