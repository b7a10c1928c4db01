"""Ways council papers name a programme other than in Title Case with a kind word.

- a quoted name with its kind word after it ("the 'Securing Good' programme", "a "Create a
  Room" project", "the 'Connect to Work' supported employment programme") or before it ("the
  new social care website 'Kent Connect to Support'");
- a table cell or line that opens with a name and says what it is ("Positive Wellbeing –
  social prescribing service", "Kent Enablement At Home (KEaH): Provides a service ...");
- and the places where a name is no initiative of the document's own: inside a quotation of
  what someone said, a fragment of a name cut at a slash ("Drink/Drug Drive"), a glossary
  entry ("IMF International Monetary Fund"), a row of a table of figures;
- the edges of a name: a kind word in lower case after it ("Digital Boomers project"), a
  comma-separated lead word ("Safe, Well and Secure Project"), an acronym in brackets.

These functions read text only; :mod:`assistant.directory.mentions` makes mentions of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.directory.active_names import active_names
from assistant.directory.doctext import Line
from assistant.directory.names import (
    ACRONYM_AFTER,
    INITIAL_JOINERS,
    NOT_INITIATIVE_WORDS,
    NOT_NAMES,
    initials,
    kind_of,
    last_word,
    proper_phrases,
)
from assistant.ingest.tables import FIELD_SEPARATOR, ROW_LABEL_SEPARATOR, is_column_names, is_figure

_KINDS = r"programmes?|projects?|schemes?|campaigns?|initiatives?|pilots?|services?|apps?|websites?|interventions?"
# A quoted name: a capital first, at most seven words, no sentence punctuation inside.
_QUOTED = r"[‘'“\"](?P<name>[A-Z#][\w/&’'\-]*(?:\s+[\w/&’'\-]+){0,6})[’'”\"]"
_QUOTE_THEN_KIND = re.compile(
    _QUOTED + r"(?:\s*\([A-Z][A-Za-z&]{1,9}\))?\s+(?P<between>(?:[a-z][a-z\-]*\s+){0,3}?)(?P<kind>" + _KINDS + r")\b"
)
_KIND_THEN_QUOTE = re.compile(r"\b(?:" + _KINDS + r"|campaign|platform)\s*,?\s+(?:called\s+|named\s+)?" + _QUOTED)
_NOT_BETWEEN = frozenset("and or of to with for by from in on at is are was were has have that which this".split())
_SEPARATOR = re.compile(r"\s*(?:[–—:•]|\s-)\s+")
_LOWER_SUFFIX = re.compile(
    r"\s+(?:([a-z][a-z\-]+)\s+)?(programmes?|projects?|scheme|workstream|pilot|initiative|campaign|partnership|"
    r"board|group|plan|service)\b(?!\s+(?:users?|providers?|costs?|managers?|officers?|staff|areas?|levels?|leads?)\b)"
)
# What follows a name when the text says what it is: "– social prescribing service", ": Provides a service".
_DESCRIBES = re.compile(
    r"^(?:(?:provides|delivers|offers|is|runs)\s+(?:an?\s+|the\s+)?)?(?:[a-z][\w\-]*\s+){0,3}(?:" + _KINDS + r")\b",
    re.IGNORECASE,
)
_LOWER_START = re.compile(r"^(?:(?i:provides|delivers|offers|is|runs)\b|[a-z])")
_CLASS_WORDS = frozenset("initiatives projects programmes schemes services campaigns plan plans".split())
# Words that mark a quotation as what someone said ("I think ...", "you are putting ...").
_SPEAKER = re.compile(r"\b(?:I|I['’]m|we|We|my|My|our|Our|me|us|you|You)\b")
_QUOTE_REACH = 600
_NUMBER_TOKEN = re.compile(r"[(£$€-]?[\d.,]+[%m)]?")
_LABEL_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_INITIALS_BEFORE = re.compile(r"([A-Z][A-Z&]{1,7})\s+$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_COMMA_LEAD = re.compile(r"(?:^|[\s(])([A-Z][a-z]+),\s$")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w’']*,?\s*$")
_EMPTY_VALUES = frozenset({"-", "–", "—", "n/a", "N/A", "nil", "Nil"})
_CONNECTOR_WORDS = frozenset("of for and the".split())
_GLOSSARY = re.compile(r"^\s*(?P<acronym>[A-Z][A-Z&]{1,7})\s+(?P<words>[A-Z][\w’'&\-]*(?:\s+[\w’'&\-]+){1,9})")


def quoted_names(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Names given in quotes beside a kind word in ``text[start:end]``, with their spans."""
    found: list[tuple[str, tuple[int, int]]] = []
    for match in _QUOTE_THEN_KIND.finditer(text, start, end):
        between = match.group("between").split()
        if any(word in _NOT_BETWEEN for word in between):
            continue  # "'Stop Smoking' and enable them to ... service" names no service
        found.append((match.group("name").strip(), match.span("name")))
    for match in _KIND_THEN_QUOTE.finditer(text, start, end):
        if all(span != match.span("name") for _, span in found):
            found.append((match.group("name").strip(), match.span("name")))
    return [(name, span) for name, span in found if _is_name(name)]


def _is_name(name: str) -> bool:
    words = name.split()
    return bool(words) and len(words) <= 7 and not name.endswith(("'", "’"))


def described_names(text: str, start: int, end: int, following: str | None = None) -> list[tuple[str, tuple[int, int]]]:
    """Names in the line ``text[start:end]`` that its next words say are a service or programme.

    "Positive Wellbeing – social prescribing service"; "Kent Enablement At Home (KEaH): Provides a
    service ..."; or a line that is only a name, when the line after it (``following``) opens so
    ("Technology Enhanced Lives (TELS)" over "• Short term service free up to 10 weeks"); and the
    names the line says are at work though no kind word follows them (:func:`active_names`:
    "Kent Support and Assistance Service (KSAS)", "Digital Kent is working to ...").
    """
    found = active_names(text, start, end, following)
    separated = any(_describes(text[m.end() : end]) for m in _SEPARATOR.finditer(text, start, end))
    under = following is not None and text[start:end].rstrip().endswith(")") and bool(_DESCRIBES.match(following))
    if not (separated or under):
        return found  # most lines: nothing to read, and no need to find their phrases
    for phrase_start, phrase_end in proper_phrases(text, start, end):
        if len(text[phrase_start:phrase_end].split()) < 2:
            continue
        if last_word(text[phrase_start:phrase_end]) in _CLASS_WORDS | NOT_INITIATIVE_WORDS:
            continue  # "Greener Kent Initiatives - recycling campaigns" is a class; a plan is a document
        acronym = ACRONYM_AFTER.match(text, phrase_end, end)
        stop = acronym.end() if acronym else phrase_end
        separator = _SEPARATOR.match(text, stop, end)
        alone = acronym is not None and not text[start:phrase_start].strip() and not text[stop:end].strip()
        if (separator and _describes(text[separator.end() : end])) or (alone and under):
            found.append((" ".join(text[phrase_start:stop].split()), (phrase_start, stop)))
    return found


def _describes(rest: str) -> bool:
    return bool(_LOWER_START.match(rest)) and bool(_DESCRIBES.match(rest))


# Money raised for it: a charity the money went to ("raised £5,000 for the Royal British Legion and the
# Army Benevolent Fund"), not something the council runs.
_RAISED_FOR = re.compile(
    r"\b(?:raised|raising|donated|donating|collected|collecting)\b[^.;]{0,40}?\b(?:for|to)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'&\- ]{0,60}?\s+and\s+(?:the\s+)?)?$"
)


def raised_for(text: str, start: int) -> bool:
    """Whether the name at ``start`` is what money was raised for or donated to (a charity)."""
    return bool(_RAISED_FOR.search(text, max(0, start - 120), start))


def in_quotation(text: str, position: int) -> bool:
    """Whether ``position`` lies inside what someone is quoted as saying.

    That is an opened curly double quotation that speaks in the first or second person ("I think
    ...") or follows another quotation (a run of consultation responses); a quoted motion or
    amendment ("This amendment seeks to ...") is the council's own business and still counts.
    """
    before = text[max(0, position - _QUOTE_REACH) : position]
    opened = before.rfind("“")
    if opened < 0 or "”" in before[opened:]:
        return False
    return before[:opened].rstrip().endswith("”") or bool(_SPEAKER.search(before[opened:]))


def cut_at_slash(text: str, start: int, end: int) -> bool:
    """Whether a phrase is one side of a slashed name ("Drug Drive" of "Drink/Drug Drive")."""
    return text[start - 1 : start] == "/" or text[end : end + 1] == "/"


def preceded_by_initials(text: str, start: int, name: str) -> bool:
    """Whether a name follows its own initials, as a glossary writes it ("IMF International Monetary Fund")."""
    before = _INITIALS_BEFORE.search(text[max(0, start - 12) : start])
    if not before:
        return False
    return initials(name.split()).startswith(before.group(1).replace("&", ""))


def is_table_row(text: str) -> bool:
    """A line of a table of figures, or a table's column names.

    As a PDF's text runs a row ("Market Sustainability & Improvement Fund 27.0 1,050.0 27.0"),
    as the loaders lay a row out ("Streetlighting Project — Actual Portfolio £m: 8.17; Average
    Rate %: 2.88": most of its values figures), or the column names over one ("Investment Fund
    | Book cost £m | ..."). Its label names a line of the table, not something the council runs.
    """
    tokens = text.split()
    numbers = sum(1 for t in tokens if _NUMBER_TOKEN.fullmatch(t))
    if numbers >= 3 and numbers >= 0.3 * len(tokens):
        return True
    return _is_figure_row(text) or is_column_names(text)


def row_label(text: str) -> str | None:
    """The label of a row of a table of figures when it is a phrase rather than a name.

    "Loans incl. to developers in the No Use Empty programme — Sector limit: £40m" says what
    its name is; "Streetlighting Project — Actual Portfolio £m: 8.17" only labels a line.
    """
    if not _is_figure_row(text):
        return None
    label = text.partition(ROW_LABEL_SEPARATOR)[0]
    words = _LABEL_WORD.findall(label)
    plain = [w for w in words if w.islower() and w not in _CONNECTOR_WORDS]
    return label if len(plain) >= 2 else None


def _is_figure_row(text: str) -> bool:
    """A row laid out "label — column: value; column: value" whose values are mostly figures."""
    label, separator, fields = text.partition(ROW_LABEL_SEPARATOR)
    if not separator or not label.strip():
        return False
    values = [field.rpartition(": ")[2].strip() for field in fields.split(FIELD_SEPARATOR)]
    values = [value for value in values if value not in _EMPTY_VALUES]  # "-" or "n/a" says nothing either way
    return sum(1 for value in values if is_figure(value)) * 2 > len(values) > 0


def is_glossary(text: str) -> bool:
    """A line that opens with an acronym and its expansion ("PWLB Public Works Loan Board – a statutory body")."""
    match = _GLOSSARY.match(text)
    if not match:
        return False
    words = match.group("words").split()
    letters = "".join(w[0].upper() for w in words if w.lower() not in ("of", "and", "the", "for"))
    acronym = match.group("acronym").replace("&", "")
    return letters.startswith(acronym) or acronym.startswith(letters[: len(acronym)])


_GLOSSARY_REACH, _GLOSSARY_NEIGHBOURS = 4, 3  # a line with three glossary entries among its four either side


def among_glossary(glossary: list[bool], index: int) -> bool:
    """Whether line ``index`` sits among a glossary's entries (``glossary`` says which lines are), so
    defines a term too ("Pooled Fund Scheme in which multiple investors hold units" between "MRP
    Minimum Revenue Provision – ..." and "PWLB ...")."""
    near = glossary[max(0, index - _GLOSSARY_REACH) : index] + glossary[index + 1 : index + 1 + _GLOSSARY_REACH]
    return sum(near) >= _GLOSSARY_NEIGHBOURS


def mid_sentence(text: str, start: int) -> bool:
    """Whether a word follows a lower-case word or "the" in its sentence (a capital there marks a name)."""
    before = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    if "-" in text[start : start + 40].split(" ", 1)[0]:
        return False  # "a Kent-wide campaign": an adjective
    return bool(before) and (before.group(1).islower() or before.group(1) == "The")


def lower_kind_suffix(text: str, end: int) -> re.Match[str] | None:
    """A lower-case kind word right after a name, with at most one plain noun between."""
    suffix = _LOWER_SUFFIX.match(text, end)
    if not suffix or text[end : end + 1] != " ":
        return None
    between = suffix.group(1) or ""
    if between.endswith(("ed", "ing")) or between in NOT_NAMES or between in ("for", "of", "and"):
        return None
    return suffix


def extend_left(text: str, start: int) -> int:
    """Take in a comma-separated lead word ("Safe, Well and Secure Project")."""
    match = _COMMA_LEAD.search(text[max(0, start - 30) : start])
    if match and match.group(1).lower() not in NOT_NAMES:
        before = text[max(0, start - 30) : start][: match.start(1)]
        if not _CAPITAL_BEFORE.search(before):
            return start - (len(text[max(0, start - 30) : start]) - match.start(1))
    return start


# The end of a line a cell or list item wraps from: capitalised words or a closing quote, no stop.
_WRAPPED_TAIL = re.compile(r"(?:(?<=\s)|^)(?P<quoted>[‘“'\"][^‘“'\"\n]{3,80}[’”'\"])$|[A-Z][\w’'&\-]*$")
_PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")
_INTRODUCED = re.compile(r"\b(?:the|of|in|called|named|known\s+as)\s+$")


def wrapped_name(text: str, lines: Sequence[Line], index: int, start: int, end: int) -> tuple[int, str] | None:
    """The start and whole name of a name that a cell or list item wraps over two lines, or None.

    The phrase ``text[start:end]`` opens line ``index`` of ``lines`` and ends in a kind word; it is
    only the kind word ("Programme") or its line goes on in prose ("Estate Programme through the
    Kent ..."); and the line before is prose ending in capitalised words, or ends in a quoted name:
    "Continue to support the development of the One Public" over "Estate Programme through the
    Kent"; "• ‘Understanding You, Understanding Your Child’" over "Parenting Programme". A line
    that is a whole name of its own ("Home Library Service" under "Community Transport Grant
    Scheme") is a cell of its own.
    """
    phrase = " ".join(text[start:end].split())
    if index == 0 or not kind_of(phrase):
        return None
    previous = (lines[index - 1].start, lines[index - 1].end)
    before, rest = text[previous[0] : previous[1]].rstrip(), text[end : lines[index].end]
    tail = _WRAPPED_TAIL.search(before)
    if tail is None:
        return None
    if tail.group("quoted"):
        return previous[0] + tail.start(), f"{tail.group('quoted')} {phrase}"
    alone = len(phrase.split()) == 1
    if not (alone or _PROSE_WORD.match(rest.strip())) or len(_PROSE_WORD.findall(before)) < 2:
        return None
    phrases = proper_phrases(text, previous[0], previous[0] + len(before))
    if not phrases or phrases[-1][1] != previous[0] + len(before):
        return None
    first = " ".join(text[slice(*phrases[-1])].split())
    opener = first.split()[0].lower()
    if opener in NOT_NAMES and not (opener in ("one", "no") and len(first.split()) >= 2):
        return None  # "... process. The" ends a sentence; "the One Public" opens "One Public Estate Programme"
    if kind_of(first) or last_word(first) in NOT_INITIATIVE_WORDS | {"plan", "service"}:
        return None  # "Community Transport Grant Scheme" over "Home Library Service": two cells
    if not _INTRODUCED.search(before, 0, len(before) - len(first)):
        return None  # "Support for informal Carers" over "Carers Strategy ...": a cell's last word, not a name's first
    return phrases[-1][0], f"{first} {phrase}"


def acronym_after(text: str, end: int) -> re.Match[str] | None:
    """An acronym in brackets right after a name ("Kent Enablement At Home (KEaH)"), its letters as group 1."""
    return ACRONYM_AFTER.match(text, end)


_NAME_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z][\w’'\-]*|&)\s+$")
_ACRONYM_REACH = 80  # how far before a name the words its acronym asks for may start


def start_by_acronym(text: str, start: int, name: str, acronym: str) -> int:
    """Where a name starts once the capitalised words its acronym asks for are taken in.

    A name cut at a word that usually opens a sentence, or at a line break, keeps its acronym
    whole: "Council Tax Reduction Scheme (CTRS)" read as "Tax Reduction Scheme" takes "Council"
    back in, and "English National / Concessionary / Travel Scheme (ENCTS)" over three lines its
    first words. ``start`` is returned when the words before do not give the missing letters.
    """
    wanted, have = acronym.upper(), initials(name.split())
    if not have or len(wanted) <= len(have) or not wanted.endswith(have):
        return start
    missing = wanted[: len(wanted) - len(have)]
    at = start
    while missing:
        word = _NAME_WORD_BEFORE.search(text, max(0, at - _ACRONYM_REACH), at)
        if word is None:
            return start
        token = word.group("word")
        if token.lower() not in INITIAL_JOINERS:
            if not token[0].isupper() or token[0] != missing[-1]:
                return start
            missing = missing[:-1]
        at = word.start("word")
    return at


def skip_acronym(text: str, end: int) -> int:
    """Where a name ends once an acronym in brackets after it is taken in."""
    match = ACRONYM_AFTER.match(text, end)
    return match.end() if match else end
