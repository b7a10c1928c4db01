"""Meetings read from minutes: the body, the date, who chaired and attended, and the agenda items.

Council minutes follow a few conventions this module relies on: an opening "MINUTES of a
meeting of the Cabinet held ..." (or a first line "CORPORATE PARENTING PANEL – 10th December
2024"), attendance lines "PRESENT: Mr R W Gough (Chairman), Mr N Baker, ..." and "IN ATTENDANCE:
...", and agenda items headed "80. Provisional Local Government Finance Settlement 2025-26
(Item 5)". Decisions under the items are found by :mod:`assistant.directory.decisions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.directory.decisions import find_decisions
from assistant.directory.doctext import DocText
from assistant.directory.model import Item, Meeting
from assistant.directory.names import normalise_name

_OPENING = re.compile(r"\bMINUTES of (?:a|the) (?:\w+ )?meeting of (?:the\s+)?(?P<body>[A-Z][^\n]{2,80}?)\s+held\b")
_ATTENDANCE_LABEL = re.compile(
    r"(?P<label>ALSO PRESENT|PRESENT VIRTUALLY|PRESENT|IN ATTENDANCE VIRTUALLY|IN ATTENDANCE|Attendance|Present|"
    r"Attendees|In attendance|Also present)\s*:"
)
_ATTENDANCE_END = re.compile(
    r"^(?:UNRESTRICTED ITEMS|EXEMPT ITEMS|Apologies|Election of Chair|Discussion Summary|Agenda|Minutes|"
    r"\d+\.\s+\S|\d+\s+[A-Z]|[^\n]*\(Item\s*\d+\))",
    re.MULTILINE,
)
_CHAIR_MARK = re.compile(r"\((?:Chair|Chairman|Chairwoman|Chairperson|Chair of the meeting)\)", re.IGNORECASE)
_ELECTED_CHAIR = re.compile(
    r"(?P<name>(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Sir)\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})\s+be\s+elected\s+to\s+"
    r"(?:Chair|chair)\s+the\s+meeting"
)
_HONOURS = re.compile(r"^(?:OBE|MBE|CBE|KBE|DBE|CVO|MVO|QPM|DL|JP|KC|QC|MP)$")
_ITEM_MARK = re.compile(r"\(Item\s*\d+\)")
_NUMBERED_ITEM = re.compile(r"^(?P<num>\d{2,3})\.\s+(?P<title>[A-Z0-9][^\n]{2,240})$", re.MULTILINE)
_BEFORE_RESOLVED = re.compile(r"^(?P<title>[A-Z][^\n.:;]{3,160}?)\s+RESOLVED\b", re.MULTILINE)
_NOT_ITEMS = frozenset(
    "agenda|attendance|discussion summary|minutes|unrestricted items|exempt items|present|in attendance".split("|")
)
# A recorded vote's tally, "For (14)", "Against (45)", "Abstain (4)": a line of its own is no agenda item;
# assistant.answer.votes reads the counts.
VOTE_TALLY = re.compile(r"\b(?P<side>For|Against|Abstain|Abstentions?)\s*\((?P<count>\d+)\)")
_FIRST_PARAGRAPH = re.compile(r"^\s*(?:1[.)]\s|RESOLVED\b)")
_PERSON_START = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Sir)\b")
_PARAGRAPH_START = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|RESOLVED\b)")


def is_minutes(doc: DocText) -> bool:
    """Whether a document reads as minutes of a meeting."""
    if doc.document.info.doc_type == "minutes":
        return True
    return bool(_OPENING.search(doc.text[:3000])) or doc.text.count("RESOLVED") >= 2


def read_meeting(doc: DocText) -> Meeting:
    """The meeting a set of minutes records, with every decision under its agenda item."""
    _, end, attendees, chair = _attendance(doc)
    items = find_items(doc, end)
    return Meeting(
        body=_body(doc),
        date=doc.document.info.date or _find_date(doc.text[:3000]),
        chair=chair or _elected_chair(doc.text),
        attendees=attendees,
        decisions=tuple(find_decisions(doc, items, end)),
        doc_id=doc.doc_id,
    )


def _body(doc: DocText) -> str:
    info = doc.document.info
    opening = _OPENING.search(doc.text[:3000])
    if opening:
        body = opening.group("body")
    else:
        first = next((line.text for line in doc.lines), info.title)
        body = re.split(r"\s*[–—]\s*|\s+-\s+", first)[0]
        body = re.sub(r"\s*\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\b.*$|\s*\b\d{4}\b.*$", "", body)
    body = " ".join(body.split()).strip(" –-")
    if body.isupper() and len(body) > 5:
        body = body.title()
    organisation = info.organisation or ""
    if organisation and normalise_name(body) in normalise_name(organisation):
        return organisation
    if organisation and normalise_name(organisation) not in normalise_name(body):
        return f"{organisation} {body}"
    return body


def _attendance(doc: DocText) -> tuple[int, int, tuple[str, ...], str | None]:
    """Where the attendance block runs, who attended and who chaired (from "(Chair)")."""
    first = _ATTENDANCE_LABEL.search(doc.text, 0, min(len(doc.text), 6000))
    if first is None:
        return 0, 0, (), None
    stop = _ATTENDANCE_END.search(doc.text, first.end())
    end = stop.start() if stop else min(len(doc.text), first.end() + 3000)
    block = doc.text[first.start() : end]
    attendees: list[str] = []
    chair = None
    labels = list(_ATTENDANCE_LABEL.finditer(block))
    for index, label in enumerate(labels):
        segment_end = labels[index + 1].start() if index + 1 < len(labels) else len(block)
        for name, is_chair in _people(block[label.end() : segment_end]):
            if name not in attendees:
                attendees.append(name)
            if is_chair and chair is None:
                chair = name
    return first.start(), end, tuple(attendees), chair


def _people(segment: str) -> Iterator[tuple[str, bool]]:
    """Names in an attendance segment, each with whether it is marked as the chair."""
    if "\n" in segment.strip() and "," not in segment:
        parts = [
            re.split(r"\s+[–—-]\s+", line)[0] + (" (Chair)" if _CHAIR_MARK.search(line) else "")
            for line in segment.split("\n")
        ]
    else:
        parts = _split_people(" ".join(segment.split()))
    for part in parts:
        is_chair = bool(_CHAIR_MARK.search(part))
        name = " ".join(re.sub(r"\([^)]*\)?", " ", part).split()).strip(" .,;")
        name = re.sub(r"^and\s+", "", name)
        if name and not _HONOURS.match(name) and 1 <= len(name.split()) <= 6 and name[0].isupper():
            yield name, is_chair


def _split_people(text: str) -> list[str]:
    """A list of people cut at commas and "and", never inside parentheses."""
    depth, current, parts = 0, [], []
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and (char == "," or text.startswith(" and ", index)):
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [re.sub(r"^\s*and\s+", "", part).strip() for part in parts]


def _find_date(text: str) -> str | None:
    months = "january february march april may june july august september october november december".split()
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+)\s+(\d{4})\b", text)
    if not match or match.group(2).lower() not in months:
        return None
    return f"{match.group(3)}-{months.index(match.group(2).lower()) + 1:02d}-{int(match.group(1)):02d}"


def _elected_chair(text: str) -> str | None:
    match = _ELECTED_CHAIR.search(text)
    return " ".join(match.group("name").split()) if match else None


def find_items(doc: DocText, after: int = 0) -> list[Item]:
    """The agenda items of the minutes, in order: numbered minutes, "(Item N)" marks, item-like headings.

    A heading wrapped over several lines ("90. 24/00109 - Transfer the 18-25 section ..." up to
    "Social Care and Health Directorate (Item 7)") is one item.
    """
    items: list[Item] = []
    for index, line in enumerate(doc.lines):
        if line.start < after:
            continue
        title = _item_title(doc, line)
        if not title:
            continue
        first = _wrapped_start(doc, index) if _ITEM_MARK.search(line.text) else None
        if first is None:
            items.append(Item(line.start, title))
            continue
        joined = _clean_item(" ".join(wrapped.text for wrapped in doc.lines[first : index + 1]))
        if items and items[-1].start == doc.lines[first].start:
            items[-1] = Item(items[-1].start, joined)
        else:
            items.append(Item(doc.lines[first].start, joined))
    return items


def _wrapped_start(doc: DocText, index: int) -> int | None:
    """The line a wrapped item heading starts on, when the "(Item N)" line continues one."""
    if _NUMBERED_ITEM.match(doc.lines[index].text):
        return None
    for back in range(index - 1, max(-1, index - 4), -1):
        text = doc.lines[back].text
        if _ITEM_MARK.search(text) or "RESOLVED" in text or text.rstrip().endswith("."):
            return None
        if _NUMBERED_ITEM.match(text):
            return back
    return None


def _item_title(doc: DocText, line) -> str | None:
    text = line.text.strip()
    mark = _ITEM_MARK.search(text)
    if mark:
        title = text[: mark.start()].strip() or _previous_line(doc, line)
        return _clean_item(title)
    numbered = _NUMBERED_ITEM.match(text)
    if numbered and int(numbered.group("num")) >= 30:
        return _clean_item(numbered.group("title"))
    before = _BEFORE_RESOLVED.match(text)
    if before and not _PARAGRAPH_START.match(text):
        return _clean_item(before.group("title"))
    if _is_heading_item(doc, line):
        return _clean_item(text)
    return None


def _previous_line(doc: DocText, line) -> str:
    index = doc.lines.index(line)
    return doc.lines[index - 1].text if index > 0 else ""


def _is_heading_item(doc: DocText, line) -> bool:
    """A page heading that opens an item: a short title followed by numbered paragraphs or a resolution."""
    if not any(h.start == line.start for h in doc.headings):
        return False
    text = line.text.strip()
    words = text.split()
    if not (1 <= len(words) <= 14) or not text[0].isupper() or text[-1] in ".,;:" or VOTE_TALLY.fullmatch(text):
        return False
    if "," in text or "(" in text or _PARAGRAPH_START.match(text) or normalise_name(text) in _NOT_ITEMS:
        return False
    if _PERSON_START.match(text):
        return False
    following = doc.lines_in(line.end, line.end + 400)[:3]
    return any(_FIRST_PARAGRAPH.match(next_line.text) for next_line in following)


def _clean_item(title: str) -> str:
    title = re.sub(r"^\d{1,3}\.\s+", "", title)
    title = _ITEM_MARK.sub("", title)
    return " ".join(title.split()).strip(" -–:")
