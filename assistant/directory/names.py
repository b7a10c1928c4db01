"""Names: finding proper-noun phrases, cleaning them, and telling a board from an initiative.

Initiatives and boards are named in Title Case ("Essex Forest Initiative", "Safer Essex"), so
a phrase of capitalised words (with "of", "for", "and" or "&" inside) is a candidate name; its
last word says what kind of thing it is ("... Board", "... Partnership" against "... Project",
"... Fund"). Generic headings and phrases ("Highlights", "Part 2: Progress Update") are refused.
"""

from __future__ import annotations

import functools
import itertools
import re

from assistant.directory.model import normalise_name

BOARD_WORDS = frozenset(
    "board boards partnership partnerships partners alliance assembly committee committees panel forum "
    "commission roundtable cabinet subgroup sub-group subcommittee sub-committee".split()
)
# The last words of a body named without a board word ("the Employment Task Force").
BODY_NOUNS = frozenset("force taskforce team council executive trust alliance network collaborative".split())
BOARD_PHRASES = tuple(
    "round table|coordination group|executive group|steering group|working group|working party|"
    "strategy group|strategic group|reference group|advisory group|housing group|task group|leaders group|"
    "management group|justice board|action team|leaders and chief executives".split("|")
)
INITIATIVE_WORDS = frozenset(
    "project projects programme programmes program initiative scheme schemes fund prize campaign centre center "
    "campus pilot unit network collaborative covenant trailblazers hub hubs zone fest festival "
    "regeneration internship banks training scan".split()
)
# Kind words that name a place, a course or a national body as often as an initiative or a board: they
# count only where the document's structure presents the name (a heading or list item under an ambition).
STRUCTURAL_WORDS = frozenset("centre center campus hub hubs unit network training festival covenant".split())
# Words of investment products, accounts and funding streams: "CCLA Diversified Income Fund", "General Fund".
FINANCE_WORDS = frozenset(
    "income equity equities dividend return property asset assets global sterling maximiser bond bonds gilt gilts "
    "cash caution pension pensions superannuation loan loans wealth general collection insurance reserve reserves "
    "capital revenue monthly diversified mmf ltd plc finance".split()
)
_GENERIC_NOUNS = frozenset(
    "policy programme project strategy management risk and of the plan fund scheme team delivery monitoring "
    "service services capital revenue budget".split()
)
# Words that open a heading or a table cell rather than a name ("Develop a broad employment offer ...").
VERB_START = _VERB_START = frozenset(
    "support develop deliver improve encourage ensure provide promote implement increase reduce tackle help "
    "explore enable build work continue maintain review monitor establish create input details mitigating "
    "proposed draft potential".split()
)
# Words that make what follows a proposal, not a thing that runs ("Potential New Capital Projects").
_UNMADE = frozenset("draft proposed potential".split())
NOT_INITIATIVE_WORDS = frozenset(
    "legislation act policy strategy framework report review consultation budget update minutes statement "
    "register paper agenda protocol settlement regulations".split()
)
GENERIC_TITLES = frozenset(
    normalise_name(title)
    for title in (
        "Highlights|Context|Actions|Action|Background|Introduction|Summary|Overview|Next Steps|Our Ambitions|"
        "Ambitions|Contents|Foreword|Conclusion|Recommendations|Areas of focus for system leaders|"
        "Developing our vision|Useful Links|Owned data|Controlled budgets|Case Study|Case Studies|Key facts|"
        "Appendix|Glossary|Agenda|Discussion Summary|Attendance|Minutes|Unrestricted Items|Exempt Items|"
        "Apologies|Work programme|Programme|Project|Fund|Board|Partnership|Partnerships|Scheme|Unit|Centre|"
        "Network|Plan|Service|Services|Training|Campaign|Pilot|Thematic Partnership|Thematic Partnerships|"
        "Partnership Boards|Cabinet Committees|Strategic Group|Community Projects|Local Projects|Town Centre|"
        "City Centre|Capital Programme|Work Programme|Programme Board|Project Board|Strategic Partners|"
        "Strategic Partnerships"
    ).split("|")
)
_PART_HEADING = re.compile(r"^(part|section|chapter|appendix|annex|table|figure)\s+[\w.]+\b", re.IGNORECASE)
_LEAD_INS = re.compile(
    r"^(?:case stud(?:y|ies)\s*[:\-–]\s*|(?:\d{4}\s+)?(?:the\s+)?(?:re)?launch(?:ed)?\s+of\s+(?:the\s+)?|"
    r"changing nature of\s+|the development and launch of\s+|establishment of (?:an?|the)\s+|"
    r"formation of (?:an?|the)\s+|creation of (?:an?|the)\s+|introduction of (?:an?|the)\s+)",
    re.IGNORECASE,
)
CONNECTORS = frozenset("of for and & the".split())
_TRAILING_CONNECTORS = CONNECTORS
# Row numbers and amounts that tables leave around names ("07 Fidelity Income Fund 25"); years stay ("Essex 2020").
_TABLE_NUMBERS = re.compile(r"^(?:[\d.,]+[a-z]?\s+)+|(?:\s+\d{1,3}(?:\.\d+)?)+$")
# What is done to a programme, not its name: "CRR0065: Implementation of Oracle Cloud Programme".
# So is a cell's verb before a programme's name ("Deliver Ageing Well Programme", "Develop Traineeship Pilot").
_ACTION_PREFIX = re.compile(
    r"^(?:(?:Implementation|Delivery|Roll-?out)\s+of\s+|(?:Deliver|Develop|Implement|Sustain|Expand|Extend|Establish|"
    r"Introduce|Embed)\s+(?=.+\s(?:Programme|Project|Pilot|Scheme|Initiative|Campaign)$))(?:the\s+)?(?=[A-Z])"
)
# A role, perhaps after its holder's name ("Natalia Merritt Co-Chair Kent Housing Options Subgroup").
_ROLE_PREFIX = re.compile(
    r"^(?:[A-Z][a-z’'\-]+\s+){0,3}(?:Co-|Vice[- ])?(?:Chair|Chairman|Chairwoman|Chairperson)"
    r"(?:\s+of)?(?:\s+the)?\s+(?=[A-Z])"
)
# An organisation owning a name: "Kent County Council's Plan Tree" is "Plan Tree", "the Bank of England's
# Monetary Policy Committee" is the Bank's. An owner ends in an organisation's word or is an acronym ("DfE's");
# a place alone ("England's Economic Heartland") or people ("Young People's ... Board") own nothing.
ORGANISATION_WORDS = (
    "Council Government Parliament Treasury Bank Department Ministry Agency Authority Office Commission "
    "Trust Institute Association Society Executive Inspectorate".split()
)
_ORGANISATION_WORDS = "(?:" + "|".join(ORGANISATION_WORDS) + ")"
# An acronym in brackets right after a name ("Kent Enablement At Home (KEaH)"), its letters as group 1.
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")
_OWNER_PREFIX = re.compile(
    r"^(?:The\s+)?(?:(?:[A-Z][\w&]*\s+(?:(?:of|for|and)\s+)?){0,3}" + _ORGANISATION_WORDS + r"|"
    r"(?:[A-Z][\w&]*\s+(?:of\s+)?)+(?:England|Wales|Scotland)|[A-Z][a-z]?[A-Z][A-Za-z]*)['’]s\s+(?=[A-Z#])"
)
_ROLE_WORDS = frozenset("chair chairman chairwoman vice-chair head director leader member members".split())
# Capitalised words that start sentences or name times and places rather than things.
NOT_NAMES = frozenset(
    "a an the this that these those there their our we it its in on at by for from with to of and or but as "
    "over under up since during after before between across through within into over whilst while although "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday mr mrs ms miss dr cllr sir he she they "
    "members member officers officer residents people councils council government minister when currently "
    "each every starting this these following further however also all both many some other new recent "
    "today despite once yet just only more most several led working including such where which who what "
    "how why if then than so not no yes one two three four five six seven eight nine ten eleven twelve "
    "thirteen fourteen fifteen twenty hundred thousand".split()
)
INITIAL_JOINERS = frozenset(("of", "and", "the", "for", "&"))  # left out of a name's initials
# Words that open sentences but, capitalised after an article inside one or after an opening quote,
# open a name ("the New Homes Bonus", "the Pensioner ‘Just Missing Out’ scheme", "the Member Remuneration Panel").
_NAME_OPENERS = frozenset("just new one no council government every all only once further more yet member".split())
_ARTICLE_BEFORE = re.compile(r"(?:(?:^|\s)(?:[Tt]he|[Aa]|[Aa]n|[Oo]ur|[Ii]ts)\s|[‘“])$")
_GAP = re.compile(r"[ \t]+(?:&[ \t]+)?")
_WORD = re.compile(r"#?[A-Za-z0-9][A-Za-z0-9'’&\-]*(?:\.[A-Za-z](?:\.[A-Za-z])*\.?)?")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_AND = re.compile(r"\s+(?:and|&)\s+")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ACRONYM_WORD = re.compile(r"[A-Z]{2,6}")


def is_capitalised(word: str) -> bool:
    """Whether a word can be part of a name: capitalised, an acronym, a number or a hashtag."""
    return bool(word) and (word[0].isupper() or word[0].isdigit() or word[0] == "#" or word[:1] == "&")


def proper_phrases(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of runs of capitalised words in ``text[start:end]`` ("Essex Centre for Data Analytics").

    Lower-case connectors ("of", "for", "and", "&") may sit inside a run but never end it; a run
    is also cut at punctuation other than hyphens and apostrophes.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    previous_end = -1
    # the hottest loop of extraction: flushing only a run there is, the usual single space
    # tested before the gap pattern, and is_capitalised inlined (a _WORD match opens with #,
    # a letter or a digit)
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if run:
            gap = text[previous_end : match.start()]
            if gap != " " and not _GAP.fullmatch(gap):
                _flush(run, spans, text)
        lower = word.lower()
        first = word[0]
        if lower == "the" and run and run[-1][2].lower() != "of":
            _flush(run, spans, text)
        elif first.isupper() or first.isdigit() or first == "#" or (run and lower in CONNECTORS):
            run.append((match.start(), match.end(), word))
        elif run:
            _flush(run, spans, text)
        previous_end = match.end()
    _flush(run, spans, text)
    return spans


def _flush(run: list[tuple[int, int, str]], spans: list[tuple[int, int]], text: str) -> None:
    while run and run[-1][2].lower() in _TRAILING_CONNECTORS:
        run.pop()
    while run and (run[0][2].lower() in CONNECTORS or _not_name_start(run, text) or _is_role(run)):
        run.pop(0)
    if run:
        spans.append((run[0][0], run[-1][1]))
    run.clear()


def _not_name_start(run: list[tuple[int, int, str]], text: str) -> bool:
    """Whether a run's first word starts a sentence rather than a name ("No Use Empty" keeps its "No",
    "the Just Missing Out Scheme" its "Just", "the Council Tax Reduction Scheme" its "Council")."""
    word = run[0][2]
    if word.lower() not in NOT_NAMES:
        return False
    if word in ("No", "One") and len(run) >= 3 and all(w[0].isupper() for _, _, w in run[1:3]):
        return False
    named = word.lower() in _NAME_OPENERS and len(run) >= 2 and run[1][2][0].isupper()
    return not (named and _ARTICLE_BEFORE.search(text, max(0, run[0][0] - 5), run[0][0]))


def _is_role(run: list[tuple[int, int, str]]) -> bool:
    """A run that opens with a role ("Chair of the Essex Partnership Board")."""
    return len(run) > 1 and run[0][2].lower() in _ROLE_WORDS and run[1][2].lower() == "of"


def strip_lead_in(title: str) -> str:
    """A heading or list item without its lead-in ("Case Study: X" -> "X", "2020 launch of X" -> "X")."""
    previous = None
    while previous != title:
        previous = title
        title = _LEAD_INS.sub("", title).strip(" :-–")
    return title


def initials(words: list[str]) -> str:
    """The capitalised first letters of a name's words, its small joining words left out
    ("Monetary Policy Committee" -> "MPC", "Bank of England" -> "BE")."""
    return "".join(w[0].upper() for w in words if w.lower() not in INITIAL_JOINERS)


def acronym_of(name: str) -> str | None:
    """The acronym a name gives in parentheses ("Housing Infrastructure Fund (HIF)" -> "HIF")."""
    match = _ACRONYM.search(name)
    return match.group(1) if match else None


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention
def clean_name(name: str) -> str:
    """A name without surrounding punctuation, quotes, a leading article or a trailing full stop."""
    name = " ".join(name.split()).strip(" .,;:-–'\"“”‘’")
    name = _TABLE_NUMBERS.sub("", name).strip(" .,;:-–")
    name = re.sub(r"\s+(?:and|of|for|the|&)$", "", name)  # "Seashells and 93" less its number
    name = _ROLE_PREFIX.sub("", _ACTION_PREFIX.sub("", name))
    name = _OWNER_PREFIX.sub("", name)
    name = re.sub(r"^(?:the|a|an)\s+(?=[A-Z#])", "", name)
    return name


def owner_of(text: str) -> str | None:
    """The owner a name is given with ("Bedfordshire County Council's Empty Homes Forum" -> its council)."""
    match = _OWNER_PREFIX.match(" ".join(text.split()))
    return re.sub(r"^The\s+|['’]s\s*$", "", match.group()).strip() if match else None


def is_title_case(text: str) -> bool:
    """Whether every word is capitalised or a connector ("Kent Housing Group", not "Comments from the Board")."""
    words = re.findall(r"[A-Za-z][\w'’\-]*", re.sub(r"\([^)]*\)", " ", text))
    return bool(words) and all(w[0].isupper() or w.lower() in CONNECTORS for w in words)


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention
def is_generic(name: str, quoted: bool = False) -> bool:
    """Whether a heading or phrase is too generic to name an initiative or board; a ``quoted`` name
    may open with a verb (a "Create a Room" project)."""
    key = normalise_name(name)
    if not key or key in GENERIC_TITLES or _PART_HEADING.match(name):
        return True
    if _is_fragment(name, quoted):
        return True
    words = re.findall(r"[A-Za-z#][A-Za-z'’\-]*", name)
    if not words or all(w.lower() in NOT_NAMES or w.lower() in CONNECTORS for w in words):
        return True
    return bool(re.fullmatch(r"[\d\W]+", name))


def _is_fragment(name: str, quoted: bool = False) -> bool:
    """A table cell, a draft or a dated label rather than a name ("2034-35 A Draft Capital Programme")."""
    words = name.split()
    if words[0].lower() in _VERB_START and not quoted:
        return True  # "Develop a broad employment offer": a heading's action, unless the document quotes it as a name
    if words[0][0].isdigit() or words[0].lower() in ("and", "agenda", "leader"):
        return True
    if any(w.lower() in _UNMADE for w in words[1:-2]):
        return True  # "Directorate Potential New Capital Projects": cells run together, the second a proposal
    if re.fullmatch(r"\d+-\d+s?", words[-1]):
        return True  # "Essex 0-19s" names an age range
    lowered = [w.lower() for w in words]
    doubled = any(a == b for a, b in itertools.pairwise(lowered))
    if len(lowered) >= 2 and (doubled or set(lowered) <= _GENERIC_NOUNS):
        return True  # "Capital Capital", "Policy and Programme"
    if last_word(name) in ("week", "month", "day", "fortnight"):
        return True  # "Black History Month" is an event
    if re.search(r"\b(?:19|20)\d\d\b|\b\d{4}-\d{2}\b", name) and not re.fullmatch(r"[A-Z][\w’']+ \d{4}", name):
        return True  # names carry no dates ("Selection Committee (27 February 2025)"); "Essex 2020" is a name
    months = "january february march april may june july august september october november december".split()
    return any(w.lower().strip("()") in months for w in words) or "civil partnership" in name.lower()


def is_finance(name: str) -> bool:
    """Whether a name ending in "Fund" or "Programme" is an investment product, an account or a capital plan."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    kinds = ("fund", "funds", "programme", "scheme", "schemes", "board", "initiative")
    return last_word(name) in kinds and bool(words & FINANCE_WORDS)


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention
def last_word(name: str) -> str:
    """The last word of a name, lower case, without a parenthesised acronym."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", re.sub(r"\([^)]*\)", " ", name))
    return words[-1].lower() if words else ""


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention
def kind_of(name: str) -> str | None:
    """``"board"``, ``"initiative"`` or ``None`` (unknown) from the words that end a name."""
    bare = normalise_name(name)
    if any(bare.endswith(phrase) for phrase in BOARD_PHRASES):
        return "board"
    word = last_word(name)
    if word in NOT_INITIATIVE_WORDS:
        return None
    if word == "partnership" and _second_last_word(name) in INITIATIVE_WORDS:
        return "initiative"  # "Facebook Befriending Scheme Partnership" names the scheme
    if word in BOARD_WORDS:
        return "board"
    if word in INITIATIVE_WORDS:
        return "initiative"
    return None


@functools.lru_cache(maxsize=1 << 16)  # pure, and asked again for every mention
def _second_last_word(name: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]*", re.sub(r"\([^)]*\)", " ", name))
    return words[-2].lower() if len(words) > 1 else ""


def and_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at "and"/"&" except inside parentheses or inside one name."""
    piece = text[start:end]
    if "and" not in piece and "&" not in piece:
        return [(start, end)]  # nothing to cut: what the loop below gives for one segment
    cuts = [m for m in _AND.finditer(piece) if not _inside_parentheses(piece, m)]
    segments: list[tuple[int, int]] = []
    begin = start
    for match in cuts:
        segments.append((begin, start + match.start()))
        begin = start + match.end()
    segments.append((begin, end))
    merged: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    pending: list[tuple[int, int]] = []
    for segment in segments:
        if current is not None and _is_acronym(text[current[0] : current[1]]):
            merged.append(current)  # "KCC and Future Manager Programme": the organisation is no part of the name
            current, pending = None, []
        current = segment if current is None else (current[0], segment[1])
        pending.append(segment)
        joined = text[current[0] : current[1]]
        ends_plan = len(joined.split()) >= 2 and last_word(joined) in NOT_INITIATIVE_WORDS
        if kind_of(joined) is not None or ends_plan:
            merged.append(current)
            current, pending = None, []
    return merged + pending


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM_WORD.fullmatch(text.strip()))


def _inside_parentheses(text: str, match: re.Match[str]) -> bool:
    return text[: match.start()].count("(") > text[: match.start()].count(")")


def named_items(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """The names in ``text[start:end]``: its Title Case phrases, lists in them cut apart.

    A phrase in parentheses right after another (an acronym) is not a name of its own.
    """
    return [item for phrase in proper_phrases(text, start, end) for item in phrase_items(text, *phrase)]


def phrase_items(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """The names in one phrase ``text[start:end]`` that :func:`proper_phrases` found: its list cut apart.

    The same as :func:`named_items` over the phrase's span, without finding the phrase again.
    """
    if text[max(0, start - 1) : start] == "(" and " " not in text[start:end]:
        return []
    found: list[tuple[str, tuple[int, int]]] = []
    for seg_start, seg_end in and_segments(text, start, end):
        name = clean_name(_POSSESSIVE_END.split(text[seg_start:seg_end])[0])
        if name and not all(word.lower() in NOT_NAMES for word in name.split()):
            found.append((name, (seg_start, seg_start + len(text[seg_start:seg_end].rstrip()))))
    return found


def tidy_name(name: str) -> str:
    """A name as it should be listed: "Facebook Befriending Scheme Partnership" -> "Facebook Befriending Scheme"."""
    if last_word(name) == "partnership" and _second_last_word(name) in INITIATIVE_WORDS:
        return re.sub(r"\s+Partnership\b", "", name)
    return name


def is_own(owner: str, organisation: str | None) -> bool:
    """Whether an owner is the document's own organisation (by name or initials: "KCC")."""
    if not organisation:
        return False
    initials = "".join(w[0] for w in organisation.split() if w[0].isupper())
    if owner == "Council" and organisation.endswith("Council"):
        return True  # a council's paper says "the Council's Money Advice Hubs" of its own
    return normalise_name(owner) == normalise_name(organisation) or owner == initials
