"""Document metadata: YAML front matter, and inference for documents that have none."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import first_line
from assistant.types import DOC_TYPES

logger = logging.getLogger(__name__)

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
]
_MONTH_YEAR = re.compile(rf"^\s*{_MONTH}\s+{_YEAR}\s*$", re.IGNORECASE)
_FILENAME_DATES = [
    re.compile(r"(?P<year>(?:19|20)\d\d)[-_.](?P<month>[01]\d)[-_.](?P<day>[0-3]\d)"),
    re.compile(r"(?<!\d)(?P<day>[0-3]\d)\.(?P<month>[01]\d)\.(?P<year>\d\d)(?!\d)"),
    re.compile(r"(?P<year>(?:19|20)\d\d)[-_](?P<month>[01]\d)(?![\d])"),
]
_GENERIC_TITLES = re.compile(
    r"^(minutes|agenda|report|document|untitled|title|presentation|slide \d+|page \d+)$|"
    r"^microsoft (word|powerpoint)|\.(docx?|pdf|pptx?)$|\b(template|powerpoint presentation)$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"(?im)^\s*subject\s*:\s*(.*?)\s*(?:classification\s*:.*)?$")
_ATTENDANCE = re.compile(r"\((?:Chair|Chairman|Chairwoman|Vice[- ]Chair(?:man)?)\)\s*$", re.IGNORECASE)
# A post heading a page of questions to its holder ("Cabinet Member for Education and Skills").
_ROLE = re.compile(
    r"^(?:Deputy\s+)?(?:Cabinet\s+Member|Leader|(?:Corporate\s+)?Director|Chief\s+Executive|Head)\s+(?:for|of)\s",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"^(from|to|by|date|item( no)?|classification|cc|ref|report to|author)\b\s*:?", re.IGNORECASE)
_JOINING_WORDS = re.compile(r"\b(and|of|for|the|to|in|on|with|&|~|-|–)$", re.IGNORECASE)
_MINUTES_OF = re.compile(r"\bminutes of (?:a|the) meeting of (?:the )?(.{3,60}?) held\b", re.IGNORECASE)
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][A-Za-z&'’-]+[ \t]+){1,4}"
    r"(?:County|District|Borough|City|Parish|Town)[ \t]+Council|"
    r"(?:[A-Z][A-Za-z&'’-]+[ \t]+){1,4}(?:Partnership|Partners|NHS Trust|Police|Fire and Rescue Service))\b"
)
_NOT_NAMES = frozenset(
    "the to by as its will on place of for and from update brief agreed submission our this that a "
    "an in at with into adoption".split()
)
_MAX_FRONT_MATTER = 64_000  # characters
_MAX_NESTING = 50
# control characters and bidirectional overrides: a file name can carry them into a title
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SUFFIX_WORDS = frozenset({"County", "District", "Borough", "City", "Parish", "Town"})
_TYPE_KEYWORDS = [
    ("minutes", ("minutes", "meeting note", "record of decisions")),
    ("agenda", ("agenda", "frontsheet", "front sheet")),
    ("news", ("news", "press release")),
    ("strategy", ("strategy", "plan", "policy", "vision", "framework")),
    ("report", ("report", "statement", "review", "register", "summary")),
]


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter from a Markdown or text body.

    Returns:
        (metadata, body, offset of the body in ``text``); metadata is empty when there is no
        front matter or it is not a YAML mapping (a warning is logged in that case).
    """
    match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.DOTALL)
    if not match:
        return {}, text, 0
    if len(match.group(1)) > _MAX_FRONT_MATTER or _nesting(match.group(1)) > _MAX_NESTING:
        # metadata is a few lines; PyYAML takes seconds to give up on "[[[[..." ten thousand deep
        logger.warning("ignoring front matter that is too long or too deeply nested to be metadata")
        return {}, text[match.end() :], match.end()
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # bad dates, 5000-digit ints, deep nesting
        logger.warning("ignoring front matter that is not valid YAML: %s", first_line(exc))
        return {}, text[match.end() :], match.end()
    if not isinstance(data, dict):
        return {}, text[match.end() :], match.end()
    return _scalars(data), text[match.end() :], match.end()


def _nesting(text: str) -> int:
    """How deeply YAML flow collections ('[', '{') nest in ``text``, quotes ignored."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def _scalars(data: dict[Any, Any]) -> dict[str, Any]:
    """The front matter's plain values: nested lists and mappings (YAML alias bombs) are dropped."""
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str | int | float | dt.date)}


def normalise_date(value: Any) -> str | None:
    """An ISO date as precise as ``value`` allows ('2017', '2017-12', '2017-12-06'), or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return text
    if m := re.fullmatch(r"((?:19|20)\d\d)-([01]\d)", text):
        return _iso(m.group(1), m.group(2), None)
    if m := _MONTH_YEAR.match(text):
        return _iso(m.group("year"), _MONTHS[m.group("month").lower()], None)
    return find_date(text)


def find_date(text: str) -> str | None:
    """The first full calendar date written in ``text``, as ISO, or None."""
    found: list[tuple[int, str]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m.group("month")
            month = _MONTHS[month.lower()] if month.isalpha() else int(month)
            if iso := _iso(m.group("year"), month, m.group("day")):
                found.append((m.start(), iso))
                break
    return min(found)[1] if found else None


def date_from_filename(path: Path) -> str | None:
    """A date written in a file name (``minutes_2024-10-29.pdf``, ``CPP 10.12.24.pdf``), or None."""
    for pattern in _FILENAME_DATES:
        if m := pattern.search(path.stem):
            year = m.group("year")
            year = f"20{year}" if len(year) == 2 else year
            day = m.groupdict().get("day")
            if iso := _iso(year, m.group("month"), day):
                return iso
    return None


def is_meaningful_title(title: str | None) -> bool:
    """False for empty or boilerplate titles ('Minutes', 'Microsoft Word - x.docx')."""
    return bool(title and title.strip() and not _GENERIC_TITLES.search(title.strip()))


def subject_title(text: str) -> str | None:
    """The title a council report gives on its 'Subject:' line, if any."""
    match = _SUBJECT.search(text)
    if not match:
        return None
    subject = match.group(1).strip()
    if not subject:
        rest = text[match.end() :].lstrip().split("\n", 1)[0]
        subject = re.sub(r"\s*classification\s*:.*$", "", rest, flags=re.IGNORECASE).strip()
    return subject or None


def heading_title(headings: list[str]) -> str | None:
    """A title from a page's leading headings, skipping memo labels ('From:', 'To:'), an attendance
    line ('Harry Rayner – MEM (Chair)') and a post ('Cabinet Member for Education and Skills')."""
    parts: list[str] = []
    for heading in headings:
        if _LABEL_LINE.match(heading) or re.match(r"\d{1,3}\.\s", heading):
            continue  # memo labels and numbered agenda items are not the document's title
        if _ATTENDANCE.search(heading) or _ROLE.match(heading):
            continue  # an attendance line ("Harry Rayner – MEM (Chair)"), a post
        if parts and _JOINING_WORDS.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {heading}"
        elif len(parts) < 2:
            parts.append(heading)
        else:
            break
    return " – ".join(parts) if parts else None


def is_generic_heading(text: str) -> bool:
    """Whether a heading only names the kind of page ('Agenda', 'Minutes', 'Contents')."""
    return bool(_GENERIC_TITLES.search(text.strip()) or text.strip().lower() == "contents")


def dated_name(line: str) -> bool:
    """Whether a line is a short name with a date ('TMG 14 November 2024'), as a meeting note opens."""
    words = line.split()
    return 2 <= len(words) <= 8 and bool(_DATE_PATTERNS[0].search(line)) and line[:1].isupper()


def minutes_body(text: str) -> str | None:
    """The body whose meeting the minutes record ('MINUTES of a meeting of the Cabinet held ...')."""
    match = _MINUTES_OF.search(text)
    return " ".join(match.group(1).split()) if match else None


def humanise(stem: str) -> str:
    """A readable title from a file name: 'kcc_cabinet_minutes' -> 'Kcc cabinet minutes'."""
    words = " ".join(_CONTROLS.sub(" ", re.sub(r"[_\-.]+", " ", stem)).split())
    return words[:1].upper() + words[1:] if words else " ".join(_CONTROLS.sub(" ", stem).split()) or "Untitled"


def tidy_title(title: str) -> str:
    """Collapse whitespace, drop control characters, and turn an ALL-CAPS title into Title Case."""
    title = " ".join(_CONTROLS.sub(" ", title).split()).strip(" -–:")
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        title = title.title()
    return title[:200]


def infer_doc_type(*texts: str) -> str:
    """Guess the document type from its file name, title and opening text."""
    for text in texts:
        lowered = text.lower()
        if re.search(r"\bminutes of (a|the) meeting\b", lowered):
            return "minutes"
        for doc_type, words in _TYPE_KEYWORDS:
            if any(re.search(rf"\b{re.escape(w)}\b", lowered.replace("_", " ")) for w in words):
                return doc_type
    return "document"


def infer_organisation(text: str) -> str | None:
    """The first council or partnership named in ``text``; ALL-CAPS lines are read title-cased."""
    candidates = [text, "\n".join(line.title() for line in text.split("\n") if line.isupper())]
    for candidate in candidates:
        for match in _ORGANISATION.finditer(candidate):
            words = match.group(1).split()
            while words and words[0].lower() in _NOT_NAMES:
                words.pop(0)
            if len(words) >= 2 and words[0][:1].isupper() and words[0] not in _SUFFIX_WORDS:
                return " ".join(words)
    return None


def clean_doc_type(value: Any) -> str:
    """A front-matter doc_type folded onto the known types ('Web Page' -> 'web page')."""
    text = " ".join(str(value or "").lower().replace("_", " ").split())
    if text in DOC_TYPES:
        return text
    if text in {"webpage", "web", "page"}:
        return "web page"
    if text in {"annual report", "progress report", "annual_report"}:
        return "report"
    return infer_doc_type(text) if text else "document"


def _iso(year: str | int, month: str | int, day: str | int | None) -> str | None:
    try:
        y, m = int(year), int(month)
        if day is None:
            dt.date(y, m, 1)
            return f"{y:04d}-{m:02d}"
        return dt.date(y, m, int(day)).isoformat()
    except ValueError:
        return None
