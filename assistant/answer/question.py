"""What kind of answer a question expects, and whether a sentence offers it."""

from __future__ import annotations

import re

_FREQUENCY_QUESTION = re.compile(r"\b(how often|how frequently|how regularly|when does .+ meet)\b", re.IGNORECASE)
_NUMBER_QUESTION = re.compile(
    r"\b(how (many|much|large|big|long|far)|what (number|percentage|proportion|share|amount|figure|rate)|"
    r"by how much|what (did|does|will) it cost|how much money)\b",
    re.IGNORECASE,
)
_DATE_QUESTION = re.compile(
    r"\b(when|what (year|date|month|day)|which year|since when|by what year|how long ago)\b", re.IGNORECASE
)
_LAW_QUESTION = re.compile(r"\b(which|what) (law|act|legislation|statute|regulations?)\b", re.IGNORECASE)
_LAW = re.compile(r"\b[A-Z][A-Za-z]+(?: (?:and|of|the|[A-Z][A-Za-z]+))* Act(?: \d{4})?\b|\blegislation\b")
_PERSON_QUESTION = re.compile(r"\b(who|whom|whose|which (person|officer|councillor))\b", re.IGNORECASE)
_LIST_QUESTION = re.compile(
    r"^\s*(what|which) (are|were) (the|all|its|their)\b|\b(list|name) (the|all)\b|"
    r"\b(seven|eight|nine|ten|\d+) \w+s\b|\ball the\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(£|\$|€)?\d[\d,.]*\s*(%|m\b|bn\b|k\b|million|billion|thousand)?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|twenty|fifty|hundred|thousand)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b(twice|once|quarterly|monthly|weekly|fortnightly|annually|yearly|daily|every \w+|"
    r"(\w+ )?times? a (year|month|week)|a year|each (year|month|week))\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Professor|Prof)\.?\s+[A-Z]|"
    r"\b[A-Z][a-z]+\s+[A-Z][a-z]+(,| -| –)\s*(Chief|Chair|Leader|Head|Director|Cabinet|Deputy)|"
    r"\b(chair(ed|s)?|chaired by|led by|leader|chief executive|won|awarded|hosted by|managed by|run by)\b"
)


def expected_answer(question: str) -> str | None:
    """'frequency', 'number', 'date', 'law', 'person' or None, from the question's wording."""
    if _LAW_QUESTION.search(question):
        return "law"
    if _FREQUENCY_QUESTION.search(question):
        return "frequency"
    if _NUMBER_QUESTION.search(question):
        return "number"
    if _DATE_QUESTION.search(question):
        return "date"
    if _PERSON_QUESTION.search(question):
        return "person"
    return None


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


def asks_for_list(question: str) -> bool:
    """Whether the question wants every item ('What are the seven ambitions?')."""
    return bool(_LIST_QUESTION.search(question))


def offers(expected: str | None, sentence: str) -> bool:
    """Whether a sentence holds the kind of answer expected (always True when nothing is)."""
    if expected == "frequency":
        return bool(_FREQUENCY.search(sentence))
    if expected == "number":
        return bool(_NUMBER.search(sentence))
    if expected == "date":
        return bool(_DATE.search(sentence))
    if expected == "law":
        return bool(_LAW.search(sentence))
    if expected == "person":
        return bool(_PERSON.search(sentence))
    return True


_COUNTS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_DEFINITION = re.compile(
    r"^\s*(what|who)\s+(is|are|was|were)\s+(an?\s+|the\s+)?(?P<subject>[^?]+?)\s*\??\s*$|"
    r"^\s*what\s+(does|do|did)\s+(the\s+)?(?P<subject2>[^?]+?)\s+(do|offer|provide|aim to do)\s*\??\s*$|"
    r"^\s*(tell me about|describe|explain)\s+(the\s+)?(?P<subject3>[^?]+?)\s*\??\s*$",
    re.IGNORECASE,
)


def stated_count(question: str) -> int | None:
    """A number of items the question names ('the seven ambitions' -> 7), if any."""
    match = re.search(r"\b(\d{1,2}|" + "|".join(_COUNTS) + r")\s+(?!\d)\w+", question, re.IGNORECASE)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _COUNTS[word]


def defined_subject(question: str) -> str | None:
    """The thing a definition question asks about ('What is Essex 2020?' -> 'Essex 2020')."""
    match = _DEFINITION.match(question)
    if not match:
        return None
    return next(g for g in (match.group("subject"), match.group("subject2"), match.group("subject3")) if g)


def specifics(question: str) -> list[str]:
    """Numbers and years written in the question ('2024/25', '2030'): evidence must mention them."""
    return re.findall(r"\b\d{2,4}(?:[/-]\d{2,4})?\b", question)
