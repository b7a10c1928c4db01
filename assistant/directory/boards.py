"""Boards and partnerships: who chairs them, how often they meet, what for, who sits on them.

Read from the sentences that name a board and from its own section: "X is chaired by Y",
"The chair of X is Y", "Y, Chair of the X", "X meets quarterly" / "meets twice a year in March
and September", "X is the county partnership to ...", "The members of X include ...",
"X reports to Y".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from assistant.directory.doctext import DocText, without_paragraph_number
from assistant.directory.entities import Entity
from assistant.directory.initiatives import cite_mentions
from assistant.directory.model import Board, normalise_name
from assistant.directory.names import clean_name, proper_phrases

# Patterns built from a board's names, kept once built: boards recur across documents, and
# compiling them again each time (or overflowing re's own cache of 512) was most of the cost.
_PATTERN_CACHE = 4096
_BRACKETED = re.compile(r"\s*\([^)]*\)")
_PERSON_TITLE = re.compile(r"\b(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Professor|Prof|Lord|Lady|Rev)\.?\s")
_FREQUENCY = re.compile(
    r"\bmeets?\s+(?P<freq>(?:quarterly|monthly|annually|weekly|fortnightly|bi-monthly|bimonthly|regularly|"
    r"every\s+(?:\w+\s+)?(?:weeks?|months?|years?)|(?:once|twice|three times|four times|\w+ times)\s+(?:a|per|each)\s+"
    r"(?:year|month|quarter|week)(?:\s+in\s+[A-Z][a-z]+(?:(?:,\s*|\s+and\s+)[A-Z][a-z]+)*)?))",
)
_SINCE = re.compile(r"\b[Ss]ince\s+((?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{4})")
_PURPOSE_VERBS = (
    r"is (?:the|a|an)\b|are (?:the|a|an)\b|is responsible for|are responsible for|works to|work to|aims to|"
    r"exists to|was (?:formed|established|set up|created)|were (?:formed|established)|has a (?:key )?role|"
    r"brings together|focus(?:es)? on|will focus|is focused on|leads?\b|oversees|provides"
)
_MEMBERS = re.compile(
    r"\b(?:members? of (?:the )?{name}\s+(?:include|includes|are|comprise|comprises)|{name},? which includes|"
    r"{name}\s+(?:includes|comprises|is made up of)|membership of (?:the )?{name} includes)\s+(?P<list>[^.]+)",
)
_MEMBER_CUES = ("member", "includ", "compris", "made up of")
_OWN_MEMBERS = re.compile(
    r"^(?:In addition,\s+)?(?:the|its)\s+(?:membership|members)\s+(?:includes?|are|comprises?)\s+(?P<list>[^.]+)", re.I
)
_THIS_BODY = re.compile(
    r"^(?:This|The)\s+(?:Board|Partnership|Group|Panel|Committee|Forum|Alliance|partnership|group)\b"
)
_PURPOSE_VERB = re.compile(rf"\b(?:{_PURPOSE_VERBS})")
_ANY_PURPOSE_VERB = re.compile(rf"\b(?:{_PURPOSE_VERBS})", re.IGNORECASE)
_CHAIRED_BY = re.compile(r"\bchaired by\b")
_PURPOSE_CUE = re.compile(
    r"\b(?:to\s+[a-z]+|focus\w*|aims?|purpose|responsib\w*|bring\w* together|oversee\w*|co-?ordinat\w*|deliver\w*)\b"
)
_THE_BODY = re.compile(
    r"\b(?:the|this)\s+(?:partnership|board|group|panel|alliance|forum)\s+(?:has|is|will|aims)\b", re.I
)
_LINK_TEXT = re.compile(
    r"\b(?:can be found|click|visit|see)\s+(?:here|at|on|the\s+\w+\s+website)\b|www\.|https?://", re.I
)  # one of them is in every _MEMBERS match
_REPORTS_TO = re.compile(
    r"\b(?:reports?|reporting|accountable|answerable)\s+to\s+(?:the\s+)?|\b(?:a\s+)?sub-?(?:group|committee|board)"
    r"\s+of\s+(?:the\s+)?|\bsupporting\s+the\s+",
    re.IGNORECASE,
)


def build_board(doc: DocText, entity: Entity) -> Board:
    """The :class:`Board` an entity describes, with what the document says about how it runs."""
    names = [entity.name, *entity.aliases]
    sentences = list(_board_sentences(doc, entity))
    chair, since = _chair(doc, sentences, names)
    return Board(
        name=entity.name.title() if entity.name.isupper() and " " in entity.name else entity.name,
        chair=chair,
        chair_since=since,
        frequency=_first(_frequency(text, names) for text in sentences),
        purpose=_purpose(sentences, names, entity),
        members=_members(sentences, names, _own_sentences(doc, entity)),
        reports_to=_first(_reports_to(text, names) for text in sentences),
        sources=cite_mentions(doc, entity.mentions),
        aliases=entity.aliases,
    )


def _board_sentences(doc: DocText, entity: Entity) -> Iterator[str]:
    """Every sentence naming the board, then the sentences of its own section."""
    spans: list[tuple[int, int]] = []
    for match in _named((entity.name, *entity.aliases)).finditer(doc.text):
        span = doc.sentence_at(match.start())
        if span not in spans:
            spans.append(span)
    for mention in entity.mentions:
        if mention.origin == "heading":
            start, end = mention.context
            spans += [span for span in doc.sentences_in(start, end) if span not in spans]
    for start, end in spans:
        yield " ".join(doc.text[start:end].split())


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _names_pattern(names: tuple[str, ...]) -> str:
    variants = sorted({_BRACKETED.sub("", n) for n in names} | set(names), key=len, reverse=True)
    return "(?:the\\s+)?(?:" + "|".join(re.escape(v) for v in variants if v) + ")(?:\\s*\\([^)]*\\))?"


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _named(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){_names_pattern(names)}(?![\w-])")


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_names_pattern(names))


def _chair(doc: DocText, sentences: list[str], names: list[str]) -> tuple[str | None, str | None]:
    # every pattern below needs the word "chair": skip compiling them for boards whose
    # sentences never say it (most boards named in council papers)
    sentences = [text for text in sentences if "chair" in text.lower()]
    if not sentences:
        return None, None
    for text in sentences:
        for index, needed in enumerate(_CHAIR_NEEDS):
            match = _chair_pattern(tuple(names), index).search(text) if needed.search(text) else None
            if match:
                since = _SINCE.search(text[match.start("chair") :]) or _SINCE.search(text[: match.start("chair")])
                chair = _tidy_chair(match.group("chair"))
                chair += " (co-chair)" if "Co-Chair" in match.group() else ""  # one of two chairs, said so
                return chair, since.group(1) if since else doc.document.info.date
    return None, None


# What each chair pattern below needs in a sentence, whatever the board.
_CHAIR_NEEDS = (
    re.compile(r"chaired by\s"),
    re.compile(r"\b(?:chair|chairman|chairperson|chairwoman)\s+of\s", re.IGNORECASE),
    re.compile(r"(?:,\s+(?:the\s+)?|\sCo-)(?:Chair|Chairman|Chairwoman|Chairperson)\s"),
    re.compile(r"\s(?:chairs|is the chair of|is chair of)\s"),
)


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _chair_pattern(names: tuple[str, ...], index: int) -> re.Pattern[str]:
    name = _names_pattern(names)
    patterns = (
        rf"{name},?\s+(?:(?:is|was|are|has been|have been|which is)\s+)?(?:currently\s+|now\s+)?chaired by\s+"
        r"(?P<chair>[^.;]+?)(?:\s+and\b|\s+since\b|\s+[–—]\s+|,\s+(?:who|which)\b|$|\.)",
        rf"\b(?:chair|chairman|chairperson|chairwoman)\s+of\s+{name}\s+is\s+(?P<chair>[^.;]+?)(?:\s+since\b|$|\.)",
        rf"(?P<chair>(?:{_PERSON_TITLE.pattern})?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{1,4}})(?:,\s+(?:the\s+)?|\s+Co-)"
        rf"(?:Chair|Chairman|Chairwoman|Chairperson)\s+(?:of\s+)?{name}",  # "Y, Chair of X", "Y Co-Chair X"
        rf"(?P<chair>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{1,4}})\s+(?:chairs|is the chair of|is chair of)\s+{name}",
    )
    return re.compile(patterns[index], re.IGNORECASE if index == 1 else 0)


def _tidy_chair(text: str) -> str:
    """ "the Leader of Essex County Council, Cllr David Finch" -> "Cllr David Finch, Leader of Essex County Council"."""
    text = re.sub(r"^(?:said|says)\s+", "", clean_name(text))
    parts = [clean_name(part) for part in text.split(",") if part.strip()]
    people = [p for p in parts if _looks_like_person(p)]
    if not people or len(parts) == 1:
        return text
    person = people[0]
    roles = [re.sub(r"^(?:the|our)\s+", "", p) for p in parts if p is not person]
    return ", ".join([person, *roles])


def _looks_like_person(text: str) -> bool:
    if _PERSON_TITLE.match(text + " "):
        return True
    words = text.split()
    org_words = {"council", "partnership", "board", "police", "university", "trust", "nhs", "leader", "chief", "of"}
    return 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not org_words & {w.lower() for w in words}


def _frequency(text: str, names: list[str]) -> str | None:
    if "meet" not in text:  # the pattern needs "meets"
        return None
    match = _frequency_pattern(tuple(names)).search(text)
    return " ".join(match.group("freq").split()) if match else None


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _frequency_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"{_names_pattern(names)}\b[^.]*?{_FREQUENCY.pattern}")


def _purpose(sentences: list[str], names: list[str], entity: Entity) -> str | None:
    """A sentence that says what the body is for, or the clause of one that does."""
    sentences = [s for s in sentences if _may_state_purpose(s, names)]
    subject = _subject_sentence([without_paragraph_number(t) for t in sentences], names)
    if subject:
        return subject
    clause = _purpose_clause(sentences, names)
    if clause:
        return clause
    heading = next((m for m in entity.mentions if m.origin == "heading"), None)
    if heading is None:
        return None
    own = [s for s in sentences if _THIS_BODY.match(s) and _PURPOSE_VERB.search(s)]
    own += [s for s in sentences if _THE_BODY.search(s) and _PURPOSE_CUE.search(s)]
    own += [
        s
        for s in sentences[1:]
        if len(s.split()) >= 8
        and s.count(",") < 4
        and _PURPOSE_CUE.search(s)
        and _about_the_body(s, names)
        and not s.endswith("?")  # a question put to it ("Can the Chair of the Committee comment on ...?")
    ]
    return without_paragraph_number(own[0]) if own else None


def _about_the_body(sentence: str, names: list[str]) -> bool:
    """Whether a sentence of the body's own section speaks of it (by a name, or its kind: "the four
    Local Children's Partnerships ...") rather than of its subject matter ("On average 7.2 million
    doctor appointments are missed a year ...") or of the page ("UNRESTRICTED ITEMS (During these
    items the meeting is likely to be open to the public)")."""
    if _names_regex(tuple(names)).search(sentence):
        return True
    words = [_BRACKETED.sub("", n).split() for n in names]  # "Community Safety Partnership (CSP)": partnership
    kinds = {w[-1].lower().rstrip("s") for w in words if w}
    return any(re.search(rf"\b{re.escape(kind)}s?\b", sentence, re.IGNORECASE) for kind in kinds if len(kind) > 3)


def _subject_sentence(sentences: list[str], names: list[str]) -> str | None:
    """The first sentence with the body as its subject and a purpose verb ("X is the county partnership")."""
    candidates = [text for text in sentences if _ANY_PURPOSE_VERB.search(text)]  # the pattern needs one
    if not candidates:
        return None
    subject = _subject_pattern(tuple(names))
    return next((t for t in candidates if subject.search(t) and not _CHAIRED_BY.search(t[:80])), None)


def _purpose_clause(sentences: list[str], names: list[str]) -> str | None:
    """The first purpose clause, trying each pattern in turn over the sentences that may hold it."""
    for index, needed in enumerate(_CLAUSE_NEEDS):
        candidates = [text for text in sentences if needed.search(text)]
        if not candidates:
            continue  # the pattern cannot match: no need to build it
        pattern = _clause_pattern(tuple(names), index)
        for text in candidates:
            match = pattern.search(text)
            if match:
                purpose = " ".join(match.group("purpose").split())
                return _sentence_case(f"one of the {purpose}" if purpose.split()[0].endswith("s") else purpose)
    return None


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _subject_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_names_pattern(names)})\b[^.]{{0,90}}?\b(?:{_PURPOSE_VERBS})", re.IGNORECASE)


def _may_state_purpose(text: str, names: list[str]) -> bool:
    """Not an attendance list, a link ("... can be found here") or the name itself."""
    if len(_PERSON_TITLE.findall(text)) >= 3 or _LINK_TEXT.search(text):
        return False
    return normalise_name(text) not in {normalise_name(n) for n in names}


# What each purpose clause below needs in a sentence, whatever the board: ", an ...", ") to ...", "such as".
_CLAUSE_NEEDS = (
    re.compile(r",\s+(?:an?|the)\s+[a-z]"),
    re.compile(r"\)\s+to\s+[a-z]"),
    re.compile(r"such as\b"),
)


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _clause_pattern(names: tuple[str, ...], index: int) -> re.Pattern[str]:
    """Purpose clauses: "X (NIC), an advisory Commission to HM Treasury", "boards (X and Y) to provide
    leadership", "partnerships that support more thematic work – such as ... X"."""
    name = _names_pattern(names)
    patterns = (
        rf"{name}(?:\s*\([^)]*\))?,\s+(?P<purpose>(?:an?|the)\s+[a-z][^,.;()]{{8,140}})",
        rf"\([^)]*?{name}[^)]*\)\s+(?P<purpose>to\s+[a-z][^,.;]+?)(?=\s+as well as\b|[,.;]|$)",
        rf"(?P<purpose>(?:partnerships|boards|forums|groups|bodies)\s+(?:that|which)\s+[^–.;]+?)\s*[–—-]?\s*"
        rf"such as\b[^.]*?{name}",
    )
    return re.compile(patterns[index])


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _own_sentences(doc: DocText, entity: Entity) -> list[str]:
    """The sentences of the board's own section (under a heading naming it)."""
    found = []
    for mention in entity.mentions:
        if mention.origin == "heading":
            found += [" ".join(doc.text[s:e].split()) for s, e in doc.sentences_in(*mention.context)]
    return found


def _members(sentences: list[str], names: list[str], own: list[str]) -> tuple[str, ...]:
    sentences = [text for text in sentences if any(cue in text for cue in _MEMBER_CUES)]
    if not sentences:
        return ()
    pattern = _members_pattern(tuple(names))
    for text in sentences:
        match = pattern.search(text)
        if match:
            return _split_members(match.group("list"))
    for text in own:  # its own section: "In addition, the membership includes ..."
        match = _OWN_MEMBERS.match(text)
        if match:
            return _split_members(match.group("list"))
    return ()


@functools.lru_cache(maxsize=_PATTERN_CACHE)
def _members_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_MEMBERS.pattern.replace("{name}", _names_pattern(names)))


def _split_members(text: str) -> tuple[str, ...]:
    parts = [p for p in (clean_name(part) for part in re.split(r",\s*", text)) if p]
    if len(parts) > 2 and " and " in parts[-1]:
        parts[-1:] = [clean_name(p) for p in parts[-1].split(" and ", 1)]
    elif len(parts) == 1 and " and the " in parts[0]:
        parts = [clean_name(p) for p in parts[0].split(" and the ", 1)]
    return tuple(re.sub(r"^(?:the|and)\s+", "", p) for p in parts if p)


def _reports_to(text: str, names: list[str]) -> str | None:
    if not _REPORTS_TO.search(text):
        return None
    subject = _names_regex(tuple(names)).search(text)
    if not subject:
        return None
    own = {normalise_name(n) for n in names}
    for cue in _REPORTS_TO.finditer(text, subject.end()):
        phrases = proper_phrases(text, cue.end(), len(text))
        if phrases and phrases[0][0] == cue.end():
            body = clean_name(text[slice(*phrases[0])])
            if normalise_name(body) not in own:
                return body
    return None


def _first(values: Iterator[str | None]) -> str | None:
    return next((value for value in values if value), None)
