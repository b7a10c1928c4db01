"""Surface patterns of answers: figures, sums of money, dates, frequencies, laws, people, organisations."""

from __future__ import annotations

import re

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(
    rf"\b(19|20)\d\d\b|\b({_MONTHS})\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{1,2}}(?:[.:]\d{{2}})?\s*(?:am|pm)\b|"
    r"\b(?:noon|midday|midnight)\b",
    re.IGNORECASE,
)
FULL_DATE = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS}),?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)
MONTHS = tuple(_MONTHS.split("|"))
# A quarter of the (financial) year: "Q2", "Quarter 3", "the third quarter", "Q4 2024/25".
QUARTER = re.compile(r"\b(?:Q([1-4])|quarter\s+([1-4])|(first|second|third|fourth|final|last)\s+quarter)\b", re.I)
_QUARTER_WORDS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "final": "4", "last": "4"}


def quarters(text: str) -> frozenset[str]:
    """The quarters a text names, as "1" to "4"."""
    return frozenset(m.group(1) or m.group(2) or _QUARTER_WORDS[m.group(3).lower()] for m in QUARTER.finditer(text))


FREQUENCY = re.compile(
    r"\b(twice|once|quarterly|monthly|weekly|fortnightly|annually|yearly|daily|every \w+|"
    r"(\w+ )?times? a (year|month|week)|a year|each (year|month|week))\b",
    re.IGNORECASE,
)
LAW = re.compile(r"\b[A-Z][A-Za-z]+(?: (?:and|of|the|[A-Z][A-Za-z]+))* Act(?: \d{4})?\b|\blegislation\b")
MONEY = re.compile(
    r"[£$€]\s?\d|\b\d[\d,.]*\s*(?:million|billion|bn|m|k)\b(?=[^%]|$)|\b\d[\d,.]*\s*(?:pounds|pence)\b",
    re.IGNORECASE,
)
MONEY_UNIT = re.compile(r"£\s?(?:m|bn|k|000s?)\b|\bpounds\b|\(£\)", re.IGNORECASE)  # a table of sums: "£m", "£000"
_HONORIFIC = r"(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Professor|Prof|Lord|Lady|Baroness)"
PERSON = re.compile(
    rf"\b{_HONORIFIC}\.?\s+(?:[A-Z]\.?\s+){{0,3}}[A-Z][a-z'’-]+|"
    r"\b[A-Z][a-z]+\s+(?:[A-Z]\.?\s+)?[A-Z][a-z'’-]+(?:,| -| –)\s*(?:the\s+)?(?:Chief|Chair|Leader|Head|Director|"
    r"Cabinet|Deputy|Corporate|Scrutiny|Senior|Strategy|Interim|Acting|Assistant|Executive|Manager|Officer|"
    r"Minister|Secretary|Commissioner|Principal|Programme|Project|Policy|Service)"
)
PERSON_CUES = re.compile(
    r"\b(chair(ed|s)?|chaired by|led by|leader|chief executive|won|awarded|hosted by|managed by|run by)\b"
)
_ORG_SUFFIX = (
    r"(?:Ltd\b|Limited(?!\s+[A-Z][a-z])|plc|PLC|LLP|CIC|Trust|Council|Partnership|Partners|Association|Foundation|Charity|"
    r"University|College|Group|Company|Board|Agency|Authority|Service|Services|Bank|Society|Network|Alliance|"
    r"Institute|Commission|Department|Directorate|Division|Office|Unit|Living|Housing|Police|Fire|NHS)"
)
_ROLE = (
    r"(?:Leader|Deputy|Chair|Chairman|Chairwoman|Vice|Member|Members|Director|Head|Minister|Secretary|Chancellor|Clerk)"
)
ORGANISATION = re.compile(
    rf"\b(?!{_ROLE}\b)[A-Z][\w&'’-]*(?:\s+(?:of|and|for|the|&|[A-Z][\w&'’-]*)){{0,5}}\s+{_ORG_SUFFIX}\b"
)  # "Children and Families Ltd", not "Leader of the Council" (a role)
# Who was engaged to do something, or who engaged them: "Commissioned Uniform to support ...", "EPB has
# commissioned 'Leading Greater Essex' ...", "appointed by the Cabinet".
COMMISSIONED = re.compile(
    # the verb opens the line or follows its subject or an auxiliary: not "two commissioned Family Hubs contracts"
    r"(?:^[\W\d]*|\b(?:has|have|had|was|were|been|is|are|be|and|who|which)\s+|\b[A-Z][\w&'’-]*\s+)"
    r"(?i:commissioned|appointed|contracted|engaged|procured)\s+(?:by\s+)?(?:the\s+)?[A-Z]|"
    r"\b[A-Z]{2,8}\s+(?:has\s+|have\s+|had\s+)?(?:commission(?:s|ed)|appoint(?:s|ed)|contract(?:s|ed))\b|"
    # who was engaged, named first: "Amey is commissioned to undertake Sustainability Appraisal"
    r"\b(?!(?:It|This|That|These|Those|They|He|She|We|Which|Who)\b)[A-Z][\w&'’-]*\s+"
    r"(?:is|was|were|are|has\s+been|have\s+been|had\s+been)\s+"
    r"(?:commissioned|appointed|contracted|engaged)\s+to\b"
)
# A sentence whose subject is named before it: "He also welcomed the pothole blitz ...", "It is currently
# equal to 150 Officers" (after "... the fastest growing Special Constabulary").
REFERS_BACK = re.compile(r"^[\W\d]*(?:he|she|they|it|this|these|those|its|their|his|her|we|our)\b", re.IGNORECASE)
# Names listed together, as places are: "Essex, Southend, and Thurrock", "Basildon, Braintree, Brentwood"
# (not bodies: "Councils, Police, Fire Service and Primary Care Trusts", see places_listed).
PLACES = re.compile(
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)+,?\s+(?:and|&)\s+[A-Z][a-z]+|"
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?){2,}"
)
_A_BODY = re.compile(rf"\b(?:{_ORG_SUFFIX}|Committee|Team)")  # the words that end an organisation's name


def places_listed(text: str) -> bool:
    """Whether a sentence lists names together as places are listed, none of them a body."""
    return any(not _A_BODY.search(m.group()) for m in PLACES.finditer(text))


# A name said to be a body: "Safer Essex is also the strategic body for drug and alcohol issues".
_BODY_NOUN = (
    r"(?:body|bodies|organisations?|organizations?|agency|agencies|charity|charities|company|companies|provider|"
    r"providers|partnership|board|authority|firm|contractor)\b"
)
_OPENER = r"(?:In|On|At|By|For|From|With|During|After|Before|Since|Under|Over|The|This|That|These|Those|However|Then)\b"
NAMED_BODY = re.compile(
    r"\b[A-Z][\w&'’-]*(?:\s+(?:of|and|for|the|&|[A-Z][\w&'’-]*)){0,5}\s+(?:is|are|was|were)\s+(?:also\s+|now\s+)?"
    r"(?:the|a|an|one\s+of\s+the)\s+(?:[a-z\-]+\s+){0,3}" + _BODY_NOUN + "|"
    # in apposition: "SAIT Recycling, a company based in Queenborough" (not "In March, a board was set up")
    r"\b(?!" + _OPENER + r")[A-Z][\w&'’-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w&'’-]*){1,5},\s+(?:an?|the)\s+"
    r"(?:[a-z\-]+\s+){0,2}" + _BODY_NOUN
)  # "Safer Essex is the strategic body ..."

_NUMBER = re.compile(
    r"(?P<cur>[£$€]\s?)?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>\s*(?:%|per cent|percent|m\b|bn\b|k\b|million|billion|"
    r"thousand))?|\b(?P<word>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|half)\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(?:table|figure|fig|item|appendix|annex|paragraph|para|section|page|pages|chapter|part|step|point|"
    r"recommendation|option|priority|risk|outcome|objective|grade|band|level|phase|tier|stage|year|key|quarter|q)\s*$",
    re.IGNORECASE,
)


def figures(sentence: str) -> list[str]:
    """The quantities a sentence states: amounts, counts, percentages, not years, codes or references.

    "Table 10", "1.52 Although ...", "SO1", "2023-24" and "(Item 5)" are not figures; "£1.162m",
    "6.76", "2,355", "12%" and "thirteen" are.
    """
    found = []
    for match in _NUMBER.finditer(sentence):
        if match.group("word"):
            found.append(match.group("word"))
            continue
        if _is_figure(sentence, match):
            found.append(match.group(0).strip())
    return found


def _is_figure(sentence: str, match: re.Match[str]) -> bool:
    number, start = match.group("num"), match.start()
    if match.group("cur") or match.group("unit"):
        return True
    if start > 0 and (sentence[start - 1].isalpha() or sentence[start - 1] in "/-–"):
        return False  # "SO1", "KS3", the "26" of "2025-26"
    end = match.end("num")
    following = sentence[end : end + 2].lower()
    if following[:1].isalpha():
        return following not in ("st", "nd", "rd", "th")  # "554kg" is a figure, "30th" a date
    if re.fullmatch(r"(19|20)\d\d", number):
        return False  # a year, or the start of "2025-26"
    if not sentence[:start].strip(" (•*-\t") and re.fullmatch(r"\d{1,3}(\.\d{1,3})*\.?", number):
        return False  # a paragraph or list number opening the sentence
    if _REFERENCE.search(sentence[max(0, start - 14) : start]):
        return False
    return not re.fullmatch(r"\d{1,2}\.", number)
