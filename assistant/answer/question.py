"""What kind of answer a question expects, and whether a sentence offers it.

The expected answer is read from the question's leading phrase: its first question word and,
after "what" or "which", the noun it asks about ("which organisation" wants an organisation,
"what forecast overspend" a sum of money). The predicate ("who *seconded* the motion") is the
relation the answer must stand in; a sentence that offers the expected kind of answer and
states the predicate is the strongest evidence.
"""

from __future__ import annotations

import functools
import re

from assistant.answer.patterns import (
    COMMISSIONED,
    DATE,
    FREQUENCY,
    FULL_DATE,
    LAW,
    MONEY,
    MONEY_UNIT,
    NAMED_BODY,
    ORGANISATION,
    PERSON,
    PERSON_CUES,
    figures,
    places_listed,
)
from assistant.answer.yesno import relative_pronoun
from assistant.evidence import ASKS_COST, NUMBER_WORDS
from assistant.ingest.tables import is_column_names, names_a_column
from assistant.sentences import is_table_row

_FREQUENCY_QUESTION = re.compile(r"\b(how often|how frequently|how regularly|when (does|do) .+ meet)\b", re.IGNORECASE)
_LAW_QUESTION = re.compile(r"\b(which|what) (law|act|legislation|statute|regulations?)\b", re.IGNORECASE)
# "When"/"Where" opening a clause, not asking: no auxiliary follows ("When Cabinet considered X, how many ...").
_CLAUSE_OPENER = re.compile(
    r"(?i:when|where)\s+(?!(?i:is|are|was|were|do|does|did|will|would|can|could|has|have|had|should|must|shall|may)\b)"
    r"[^,?]{3,}?,\s"
)
_QUESTION_WORD = re.compile(r"\b(what|which|who|whom|whose|when|how|where|why)\b", re.IGNORECASE)
_HOW = re.compile(r"^how\s+(many|much|large|big|long|far|high|low|old)\b|^how\s+(often|frequently)\b", re.IGNORECASE)
_DATE_START = re.compile(r"^(when|since when|what (year|date|month|day|time)|which (year|date|month|day))\b", re.I)
_A_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{DATE.pattern})"  # "28 November 2025", "4.30 pm", "March"
# "by what date must ... submit", "what is the deadline for": a date something must be done by
_DEADLINE_QUESTION = re.compile(r"^by (?:what|which) (?:date|day|month|year|time)\b|^by when\b|\bdeadlines?\b", re.I)
_DEADLINE_DATE = re.compile(
    r"\b(?:by|before|until|no later than|deadlines?(?: date)?(?: of| for| is| was| will be)?)\s+"
    rf"(?:the\s+)?(?:end\s+of\s+)?{_A_DAY}",
    re.I,
)
# "when did the consultation run?": a period, from its start to its end or for how long ("when did
# the awards take place?" asks for a day: not a period)
_PERIOD_QUESTION = re.compile(r"^when (?:did|does|will|was|is)\b.*\b(?:run|last|open|held open)\b", re.I)
_PERIOD_DATE = re.compile(
    rf"\b(?:from|between)\b[^.;]{{0,40}}?(?:{DATE.pattern})[^.;]{{0,30}}?\b(?:to|and|until|till)\b|"
    rf"\b(?:until|till|to)\s+(?:the\s+)?{_A_DAY}|"
    rf"(?:{DATE.pattern})\s*[–-]\s*\d{{1,2}}(?:st|nd|rd|th)?\s|"
    r"\b(?:for|lasting|lasted)\s+(?:just\s+(?:under|over)\s+|about\s+|around\s+)?(?:\d+|[a-z]+)\s+(?:weeks?|months?|days?)\b",
    re.I,
)
# "where": a web address, "online", or a named place after a preposition ("at County Hall, Maidstone")
_WHERE = re.compile(
    r"www\.|https?://|\b[\w-]+\.(?:gov|org|co|nhs|ac)\.uk\b|\bonline\b|\bwebsites?\b|\bweb ?pages?\b|"
    r"\b(?:at|in|from|on|across|throughout|around)\s+(?:the\s+)?[A-Z][\w'’-]+"
)
_SHARE_OR_SUM = re.compile(r"%|\bper ?cent\b|[£$€]", re.IGNORECASE)  # "39%", "£9.5m": not how many of a thing
_DURATION = re.compile(r"\b\d[\d,.]*(?:\s*-\s*\d+)?\s+(?P<unit>years?|months?|weeks?|days?|hours?|minutes?)\b", re.I)
_HEAD_SKIP = frozenset("the a an of kind type sort total overall main current latest new first last".split())
_NOUN_TYPES = {
    "person": "person people officer officers member members councillor councillors chair chairman chairwoman "
    "chairperson leader minister director author mp mayor speaker proposer seconder manager head executive "
    "commissioner constable clerk spokesperson officer's",
    "organisation": "organisation organisations organization organizations company companies provider providers "
    "firm firms charity charities council councils authority authorities body bodies agency agencies "
    "contractor contractors supplier suppliers bank banks lender lenders university universities trust trusts "
    "operator operators partner partners partnership partnerships directorate directorates department departments "
    "division divisions",
    "money": "cost costs overspend underspend budget budgets funding grant grants allocation salary salaries price "
    "prices spend spending income saving savings amount sum requirement deficit surplus fee fees pay value pot "
    "investment investments borrowing debt balance precept precepts expenditure charge charges allowance allowances "
    "return tax gva gdp revenue turnover wage wages",
    "number": "number numbers percentage percentages proportion share rate rates figure figures count level ratio "
    "increase rise reduction population score threshold target targets gap gaps mean median average",
    "date": "date dates year years month months day days deadline time",
    "places": "areas districts towns places boroughs locations cities regions counties wards villages",
}
_HEAD_TYPES = {word: kind for kind, words in _NOUN_TYPES.items() for word in words.split()}
_AUXILIARIES = frozenset(
    "is are was were be been being do does did has have had will would can could should shall may might must".split()
)
# A sum written before another thing's name: "the £3.4 million SuperLab" (not "a £1.6m Heritage Lottery
# Fund grant": a sum of funding given, whoever gives it).
_SUM_OF_NAME = re.compile(
    r"[£$€]\s?\d[\d,.]*(?:\s*(?:million|billion|bn|m|k)\b)?\s+(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)"
    r"(?![\w\-])(?!\s+[A-Z])(?!\s+(?:grants?|funding|bids?|awards?|allocations?|contributions?|investment|loans?)\b)"
)
_PREDICATE_STOP = frozenset(
    "the a an of to in on at for by with from as and or it its their this that these those there which what who "
    "whom when where how not any all some".split()
)
_LIST_QUESTION = re.compile(
    r"^\s*(what|which) (are|were) (the|all|its|their)\b|\b(list|name) (the|all)\b|"
    r"\b(what|which|the|its|their|our|these|those|name|list)\s+(three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|\d{1,2})\s+(?!per\b|years?\b|months?\b|weeks?\b|days?\b)(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s\b|\ball the\b",
    re.IGNORECASE,
)
# The question gives the sum's unit, as a table's caption does: "how much ... in 2026-27 (£m)?"
_UNIT_GIVEN = re.compile(
    r"\(\s*£\s?(?:m|bn|k|000s?|millions?|billions?)\s*\)|\bin £\s?(?:m|bn|k|000s?|millions?)\b", re.I
)
# "Which of the reasons given in the call-in were assessed as valid?": what was said of the ones asked for
_WHICH_OF = re.compile(
    r"^(?:which|what)\s+of\s+(?:the|its|their|these|those)\s+[^?]{1,160}?\b(?:were|was|are|is|have\s+been|has\s+been)\s+"
    r"(?P<verb>[a-z]+(?:ed|en))\b(?:\s+(?:as|to\s+be))?(?:\s+(?P<complement>[a-z]{3,}))?",
    re.IGNORECASE,
)
_HOW_MANY_OF = re.compile(r"\bhow many of\s+(?:the|its|their|our|these|those)\s+", re.IGNORECASE)  # a count, not a list
_DEFINITION = re.compile(
    r"^\s*(what|who)\s+(is|are|was|were)\s+(an?\s+|the\s+)?(?P<subject>[^?]+?)\s*\??\s*$|"
    r"^\s*what\s+(does|do|did)\s+(the\s+)?(?P<subject2>[^?]+?)\s+(do|offer|provide|aim to do)\s*\??\s*$|"
    r"^\s*(tell me about|describe|explain)\s+(the\s+)?(?P<subject3>[^?]+?)\s*\??\s*$",
    re.IGNORECASE,
)
_CONSEQUENCE = re.compile(
    r"^\s*what\s+(?:happens|would happen|will happen|could happen)\s+to\s+(?P<affected>.+?)\s+(?:if|when|should)\b",
    re.IGNORECASE,
)
_SECOND_PART = re.compile(
    r",?\s+and\s+(?=(?:what|which|who|when|how|where|the)\b)|,\s+(?=(?:what|which|who|when|how|where)\b)|;\s*",
    re.IGNORECASE,
)  # "..., and who ...", "What is Holiday Hunger, who runs it?", "...; when ..."


def expected_answer(question: str) -> str | None:
    """The kind of answer wanted, from the question's leading phrase.

    One of 'law', 'frequency', 'count' (how many: a figure that is not a share or a sum), 'number',
    'money', 'date', 'agent' (who: a person or a body),
    'person' (which officer, member ...), 'organisation', 'places' (which areas, towns, districts:
    names listed together), 'where' (a named place, a web address, "online") or None.
    """
    if _LAW_QUESTION.search(question):
        return "law"
    if _FREQUENCY_QUESTION.search(question):
        return "frequency"
    phrase = _leading_phrase(question)
    if phrase is None:
        return None
    if how := _HOW.match(phrase):
        if how.group(2):
            return "frequency"
        if how.group(1).lower() == "many":
            return "count"
        return "money" if how.group(1).lower() == "much" and _money_context(phrase) else "number"
    if _DATE_START.match(phrase) or re.match(r"^by (what|which) (date|year|time)\b", phrase, re.I):
        return "date"
    if re.match(r"^by how much\b", phrase, re.IGNORECASE):
        return "number"
    if re.match(r"^(who|whom|whose)\b", phrase, re.IGNORECASE):
        return "agent"
    if re.match(r"^where\b(?!.*\bcomes? from\b)", phrase, re.IGNORECASE):  # "where did it come from": a source
        return "where"
    if ASKS_COST.match(phrase):
        return "money"  # "What does it cost to park at ...?"
    if re.match(r"^(what|which)\b", phrase, re.IGNORECASE):
        return _head_noun_type(phrase)
    return None


def asks_wh(question: str) -> bool:
    """Whether the question asks what, which, who, when, how ... (not "Is there ...?", "Does ...?")."""
    return _leading_phrase(question) is not None


def _leading_phrase(question: str) -> str | None:
    """The question from its first question word on ('who seconded...' in 'At the meeting, who seconded...'),
    past a clause that "when" or "where" opens ('how many ...' in 'When Cabinet considered X, how many ...')."""
    match = _QUESTION_WORD.search(question)
    if match is None or relative_pronoun(question[: match.end()]):  # "Can people who live in ...?"
        return None
    if _CLAUSE_OPENER.match(question[match.start() :]):
        later = _QUESTION_WORD.search(question, question.find(",", match.end()) + 1)
        match = later or match  # "When Cabinet considered the report, how many KPIs ...": a count
    start = match.start()
    before = question[:start].rstrip().lower()
    if before.endswith("by") and question[start:].lower().startswith(("what", "which", "how")):
        start = len(question[:start].rstrip()) - 2
    return question[start:].strip()


def _money_context(phrase: str) -> bool:
    words = set(re.findall(r"[a-z]+", phrase.lower()))
    return bool(words & set(_NOUN_TYPES["money"].split()) or words & {"spend", "spent", "cost", "pay", "paid", "worth"})


def _noun_phrase(phrase: str) -> tuple[list[str], list[str]]:
    """The noun phrase a 'what'/'which' question asks about, and the words after it.

    "Which Cabinet Member sent apologies ..." -> (["Cabinet", "Member", "sent", "apologies"], ...) up
    to the first function word; "What is the entry salary for ..." skips "is the".
    """
    words = re.findall(r"[A-Za-z][\w'’-]*|[%£$€,(]", phrase)[1:]
    if words and words[0].lower() in ("is", "was", "are", "were"):
        words = words[1:]
    while words and (words[0].lower() in _HEAD_SKIP or words[0].endswith(("'s", "’s"))):
        words = words[1:]
    phrase_words: list[str] = []
    for word in words[:7]:
        lower = word.lower()
        if lower in _AUXILIARIES or lower in _PREDICATE_STOP or lower in (",", "(", "doing", "done"):
            break
        phrase_words.append(word)
    return phrase_words, words[len(phrase_words) :]


def _head_noun_type(phrase: str) -> str | None:
    """The type of the noun a 'what'/'which' question asks about ('what total council tax requirement'
    -> money: the last typed noun of the phrase)."""
    words, rest = _noun_phrase(phrase)
    if "(%)" in phrase[:80] or re.search(
        r"\b(as|in) an? (share|percentage|proportion|fraction) of\b", phrase[:80], re.I
    ):
        return "number"  # "what cushion, as a share of our spending, ..." wants a figure
    copula = re.match(r"^\w+\s+(is|was|are|were)\b", phrase, re.IGNORECASE)
    if copula and words and (words[-1].lower() not in _HEAD_TYPES or rest[:1] in (["doing"], ["done"])):
        return None  # "What were the partnerships called?" asks for a name; "What are councils doing ...?" a deed
    kinds = [_HEAD_TYPES[w.lower()] for w in words if w.lower() in _HEAD_TYPES]
    if kinds and kinds[-1] == "money" and phrase[:6].lower() == "which ":
        return None  # "which budget is controlled by ...": one of several, named, not a sum
    return kinds[-1] if kinds else None


def predicate(question: str) -> list[str]:
    """The relation a who/which question asks about: 'seconded' in 'who seconded the motion?',
    'holds' in 'which organisation holds the contract?', 'sent apologies' in 'which member sent apologies?'."""
    phrase = _leading_phrase(question)
    if phrase is None:
        return []
    first = phrase.split()[0].lower()
    if first == "who":
        rest = re.findall(r"[A-Za-z][\w'’-]*", phrase)[1:]
        while rest and rest[0].lower() in _AUXILIARIES:
            rest = rest[1:]
    elif first in ("which", "what"):
        words, _ = _noun_phrase(phrase)
        typed = [i for i, w in enumerate(words) if w.lower() in _HEAD_TYPES]
        rest = words[typed[-1] + 1 :] if typed else []
        if not typed and (chosen := _WHICH_OF.match(phrase)):  # "which of the reasons ... were assessed as valid"
            return [w.lower() for w in chosen.group("verb", "complement") if w]
    else:
        return []
    found: list[str] = []
    for word in rest[:2]:
        lower = word.lower()
        if lower in _AUXILIARIES or lower in _PREDICATE_STOP or word[0].isupper():
            break
        found.append(lower)
    return found


def asks_for_list(question: str) -> bool:
    """Whether the question wants every item ('What are the seven ambitions?', 'what three issues')."""
    return bool(_LIST_QUESTION.search(_HOW_MANY_OF.sub("how many ", question)))


def offers(expected: str | None, sentence: str) -> bool:
    """Whether a sentence holds the kind of answer expected (always True when nothing is)."""
    if expected == "frequency":
        return bool(FREQUENCY.search(sentence))
    if expected == "number":
        return bool(figures(sentence))
    if expected == "count":
        return any(not _SHARE_OR_SUM.search(f) for f in figures(sentence))
    if expected == "money":
        return bool(MONEY.search(sentence) or (MONEY_UNIT.search(sentence) and figures(sentence)))
    if expected == "date":
        return bool(DATE.search(sentence))
    if expected == "law":
        return bool(LAW.search(sentence))
    if expected == "agent":  # "who": a person, a body, or the words that name one ("chaired by", "won")
        return bool(
            PERSON.search(sentence)
            or PERSON_CUES.search(sentence)
            or ORGANISATION.search(sentence)
            or COMMISSIONED.search(sentence)
        )
    if expected == "person":  # "which officer": a named person
        return bool(PERSON.search(sentence))
    if expected == "organisation":
        return bool(ORGANISATION.search(sentence) or NAMED_BODY.search(sentence) or COMMISSIONED.search(sentence))
    if expected == "where":
        return bool(_WHERE.search(sentence)) or places_listed(sentence)
    if expected == "places":  # "which areas": names listed together ("Essex, Southend, and Thurrock")
        return places_listed(sentence)
    return True


def offers_new(expected: str | None, sentence: str, question: str) -> bool:
    """Whether a sentence offers the answer wanted beyond what the question itself states: "To:
    Cabinet – 30 January 2025" offers no date for a question about the meeting of 30 January 2025."""
    if expected and is_column_names(sentence):
        return False  # a table's column names ("Book cost £m | 30-Sep-24 Market Value £m") hold no value
    if expected and names_a_column(sentence, question):
        return True  # "what award level": the row's "Award Level: Silver"
    if expected not in ("date", "number", "count", "money"):
        return offers(expected, sentence)
    if expected == "count":  # "12 months", "35 years" count time, not the thing asked about ("how many hours": kept)
        asked = set(re.findall(r"[a-z]+", question.lower()))
        sentence = _DURATION.sub(lambda m: m.group(0) if _plural(m.group("unit")) in asked else " ", sentence)
    if expected == "money":  # "the £3.4 million SuperLab" is the SuperLab's sum, not the medical school's
        asked = set(re.findall(r"[a-z]+", question.lower()))
        sentence = _SUM_OF_NAME.sub(lambda m: m.group(0) if _names_asked(m.group("name"), asked) else " ", sentence)
    when = _date_asked(question) if expected == "date" else None
    if when == "deadline":
        return bool(_DEADLINE_DATE.search(sentence))  # a deadline is a date things are due by, not any date
    if when == "period":
        return bool(_PERIOD_DATE.search(sentence)) and offers(expected, sentence)  # when it ran: from, to
    said = {_normal_date(m.group(0)) for m in FULL_DATE.finditer(question)}
    rest = FULL_DATE.sub(lambda m: " " if _normal_date(m.group(0)) in said else m.group(0), sentence)
    for number in set(re.findall(r"\d[\d,.]*\d|\d", question)):
        rest = re.sub(rf"(?<![\d.,]){re.escape(number)}(?![\d,]|\.\d)", " ", rest)
        if number.isdigit() and int(number) < len(NUMBER_WORDS):  # the "ten-year" of a "10-year" programme
            rest = re.sub(rf"\b{NUMBER_WORDS[int(number)]}\b", " ", rest, flags=re.IGNORECASE)
    if expected == "money" and _UNIT_GIVEN.search(question) and is_table_row(sentence):
        return bool(figures(rest))  # "how much borrowing ... (£m)?": a row's bare figures are in the unit asked
    return offers(expected, rest)


@functools.lru_cache(maxsize=256)  # asked once per sentence of every answer
def _date_asked(question: str) -> str | None:
    """ "deadline" ("by what date must ..."), "period" ("when did it run?") or None for any date."""
    phrase = _leading_phrase(question) or question
    if _DEADLINE_QUESTION.search(phrase):
        return "deadline"
    return "period" if _PERIOD_QUESTION.search(phrase) else None


def _names_asked(name: str, asked: set[str]) -> bool:
    return any(word in asked for word in re.findall(r"[a-z]+", name.lower()))


def _plural(unit: str) -> str:
    return unit.lower().rstrip("s") + "s"


def _normal_date(text: str) -> str:
    return " ".join(re.sub(r"(?<=\d)(st|nd|rd|th)\b|,", "", text.lower()).split())


def defined_subject(question: str) -> str | None:
    """The thing a definition question asks about ('What is Essex 2020?' -> 'Essex 2020')."""
    match = _DEFINITION.match(question_parts(question)[0])  # "What is X, who runs it?": X
    if not match:
        return None
    return next(g for g in (match.group("subject"), match.group("subject2"), match.group("subject3")) if g)


def affected(question: str) -> str | None:
    """What a question about a consequence asks after ('What happens to interest income if the
    council invests ...?' -> 'interest income'): the answer says what becomes of it."""
    match = _CONSEQUENCE.match(question)
    return match.group("affected") if match else None


def question_parts(question: str) -> list[str]:
    """The parts of a question that asks two things ('How many trees, and how much carbon?').

    A single question is one part; a part must itself hold a question word or be a noun
    phrase after "and the" ("the latest figure, and the target?").
    """
    opening = _QUESTION_WORD.search(question)
    if opening and _CLAUSE_OPENER.match(question, opening.start()):
        return [question]  # "When Cabinet considered X, how many ...": one question after a clause
    pieces = [p.strip(" ,?") for p in _SECOND_PART.split(question) if p and p.strip(" ,?")]
    if len(pieces) < 2 or any(len(p.split()) < 2 for p in pieces) or not _QUESTION_WORD.search(pieces[0]):
        return [question]
    return pieces


def specifics(question: str) -> list[str]:
    """Numbers and years written in the question ('2024/25', '2030'): evidence must mention them."""
    return re.findall(r"\b\d{2,4}(?:[/-]\d{2,4})?\b", question)


_WHAT_EXISTS = re.compile(
    r"\bwhat\s+(exists|is there|do we (do|have|offer)|does the partnership (do|have|offer)|are (we|partners) doing|"
    r"is being done|are we doing|work is|help is there|help exists|support is there|support exists|"
    r"(initiatives|projects|programmes|schemes|services)\b)|"
    r"^\s*(is|are) there (any|a|an)?\s*(\w+\s+)?(programmes?|projects?|initiatives?|schemes?|support|help|work|"
    r"services?|funds?)\b|"
    r"\b(anything|everything) (on|about)\b|^\s*(list|show)( me)? (all|every|the)?\s*(initiatives|projects|programmes)",
    re.IGNORECASE,
)


def asks_what_exists(question: str) -> bool:
    """Whether the question asks what exists on a topic ("What do we do about loneliness?")."""
    return bool(_WHAT_EXISTS.search(question))
