"""How many of what: a count answers "how many N?" only when it counts N.

"How many electric vehicle chargers will the LEVI funding install?" found "All 28 of the ... Fastrack
vehicles are built"; "How many staff will transfer under TUPE ...?" found "1449 families accessed
Family Hub sessions"; "How many tonnes of sand and gravel a year ...?" found a plan that "allocates
three areas of land". Each is a count, and each counts something else. The thing a "how many"
question counts is the head of the words after "how many" (up to a verb, an auxiliary or a
preposition: "chargers", "staff", "tonnes"). A sentence counts it when the head's stem is:

- in the words after one of its figures, up to their clause's verb, a relative pronoun or a stop,
  a name's qualifiers left out ("613 approved households", "All 28 of the Kent Thameside Fastrack
  vehicles are built", not the carers of "two Carer Summits", "22,500:
  the estimated number of children and young people in Essex have ...", not the "hospital" of
  "71% of whom signed up ... once discharged from the hospital");
- in the few words before one ("Number of consultees answering: 78");
- the acronym of the counted words ("12 CSPs" for "how many Community Safety Partnerships");
- a word the documents count the same things by ("2,430 pupils" for "how many schoolchildren";
  :data:`_COUNTED_AS`; not for "people", who may be anyone: consultees do not count who came);
- for a table's row, in the row's label, section or caption ("Customer Services – Complaints
  Monitoring" over "Highways and Transportation — 12 mths to Dec 24: 2,355").

A vote's tally ("For (14)") counts the members who voted, and nothing else. A question asking what has been done
("How many trees has the Essex Forest Initiative planted so far?") is not answered by a count that
is planned ("we are planting at least 375,000 trees over the next five years"). When no sentence
chosen or within reach counts it, the documents do not say.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from assistant.directory.figure_kinds import plans
from assistant.evidence import ScoredSentence, sentence_before, sentence_headings, terms_of
from assistant.ingest.tables import ROW_LABEL_SEPARATOR
from assistant.types import Passage

_HOW_MANY = re.compile(r"\bhow many\s+(?P<words>[^?,;]+)", re.IGNORECASE)
# Words that end what a "how many" question counts: auxiliaries, prepositions, relatives, and the
# verbs that follow the counted thing in the questions people ask.
_ENDS = frozenset(
    "do does did are were is was will would have has had can could should must may might be been being "
    "in at of on for from to by with across within during over under between about per a an the "
    "who which that whom whose "
    "take took attend attended vote voted respond responded live lived sign signed receive received report "
    "reported make made hear heard say said use used help helped study studied need needed transfer "
    "install installed get got go went come came see saw join joined apply applied".split()
)
_AFTER = 9  # words after a figure, up to its clause's verb, that may name what it counts
_BEFORE = 6  # words before it
_VERBS_AND_RELATIVES = frozenset(
    "is are was were has have had will would can could may might must should who whom which that whose where".split()
)
# a number in digits ("2,355", "- 60 ambassadors": a list's dash is no paragraph number here) or words
_FIGURE = re.compile(
    r"(?<![\w.])\d(?:[\d,.]*\d)?%?(?!\w)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred|thousand|million)\b",
    re.IGNORECASE,
)
# "so far", "to date", "has ... planted", "have been delivered"
_DONE = re.compile(
    r"\b(?:so far|to date|already)\b|\b(?:has|have|had)\s+(?:\w+\s+){0,6}?"
    r"(?:\w+ed|built|spent|sent|made|given|taken|won|paid|held|met|brought|done|seen|run|found|sold|led|kept|grown)\b",
    re.IGNORECASE,
)
# What else a count of the question's word may call the same things: the plain words people ask with
# and the words council papers count by. One way only ("pupils" are people; not all people are pupils;
# not all children are pupils: "how many children ... registered" is not "8 scores" of "SEN pupils").
_COUNTED_AS = {
    "schoolchildren": "pupils students children",
    "pupils": "students schoolchildren learners",
    "students": "pupils learners",
    "respondents": "responses consultees",
    "responses": "respondents submissions replies",
    "staff": "employees workers",
    "employees": "staff workers",
    "homes": "houses dwellings properties households",
    "houses": "homes dwellings properties",
    "flats": "apartments",
    "apartments": "flats",
    "properties": "homes dwellings",
    "households": "homes families",
    "families": "households",
    "councillors": "members",
    "businesses": "firms companies enterprises",
    "firms": "businesses companies",
    "companies": "businesses firms",
}
_ANYONE = frozenset(terms_of(["individuals people persons"])[0])
_VOTERS = frozenset(terms_of(["members councillors votes voters people"])[0])
_TALLY = re.compile(r"\b(?:for|against|abstain(?:ed)?|abstentions?)\s*\(\d+\)", re.IGNORECASE)


def counted_noun(question: str) -> str | None:
    """The words a "how many" question counts ("electric vehicle chargers"), or None."""
    match = _HOW_MANY.search(question)
    if match is None:
        return None
    words: list[str] = []
    asked = match.group("words").split()
    for index, word in enumerate(asked):
        following = asked[index + 1].lower() if index + 1 < len(asked) else None
        lowered = word.lower()
        if lowered in _ENDS or (words and lowered.endswith("ed") and following in _ENDS):
            break  # "how many different people looked at the web page": "looked" is the verb
        if words and lowered.endswith("ing") and words[-1].lower().endswith("s"):
            break  # "how many pupils receiving education outside school": pupils ("social housing units": kept)
        words.append(word)
    if [w.lower() for w in words] == ["times"]:
        return None  # "how many times was it downloaded": how often, counted by any figure of it
    return " ".join(words) or None


def counts(sentence: str, heading: str, noun: str, done: bool = False) -> bool:
    """Whether ``sentence`` (under ``heading``) gives a count of ``noun`` (see the module docstring);
    with ``done`` (the question asks what has been done), a count that is planned does not."""
    head = _head(noun)
    if not head:
        return True  # nothing to check the count against
    if _TALLY.search(sentence):
        return bool(head & _VOTERS)  # "Against (11)" counts members voting, not pupils
    numbers = [m.span() for m in _FIGURE.finditer(sentence)]
    for start, end in numbers:
        after = " ".join(_name_head(_clause(sentence[end:].split())))
        before = " ".join(sentence[:start].split()[-_BEFORE:])
        if done and plans(f"{before} {sentence[start:end]} {after} {' '.join(sentence[end:].split()[:_AFTER])}"):
            continue  # "we are planting at least 375,000 trees over the next five years": a target
        if head & terms_of([after])[0] or head & terms_of([before])[0]:
            return True
    label, separator, _ = sentence.partition(ROW_LABEL_SEPARATOR)
    return bool(separator and numbers and head & terms_of([f"{label} {heading}"])[0])  # a table's row


def _name_head(words: list[str]) -> list[str]:
    """The words after a figure less the qualifiers of a name they open: "two Carer Summits" counts
    summits, not carers; "5,104 Primary School Pupils" counts pupils."""
    run = 0
    while run < len(words) and words[run][:1].isupper():
        run += 1
    return words[run - 1 :] if run >= 2 else words


def _clause(words: list[str]) -> list[str]:
    """The words after a figure up to its clause's verb, a relative pronoun or a stop ("22,500: the
    estimated number of children and young people in Essex | have ...", "150 young people, | 71% of
    | whom signed up ...")."""
    found: list[str] = []
    for word in words[:_AFTER]:
        bare = word.lower().strip("(),.;:")
        if found and (bare in _VERBS_AND_RELATIVES or not bare):
            break
        found.append(word)
        if found[1:] and word.endswith((",", ".", ";", ":")):
            break
    return found


@functools.lru_cache(maxsize=64)  # read once per question, not once per sentence
def _head(noun: str) -> frozenset[str]:
    """The stems a count of ``noun`` may name it by: its last word's, the words counting the same
    things (:data:`_COUNTED_AS`), and its acronym's."""
    last = noun.split()[-1]
    return frozenset(terms_of([f"{last} {_COUNTED_AS.get(last.lower(), '')}"])[0]) | _acronym(noun)


def _acronym(noun: str) -> set[str]:
    """The acronym of the counted words' capitalised ones, as the keyword index reads it ("Community
    Safety Partnerships": "csp", as in "12 CSPs")."""
    capitals = [w[0] for w in noun.split() if w[:1].isupper()]
    return set(terms_of([f"{''.join(capitals)}s"])[0]) if len(capitals) >= 2 else set()


def asks_done(question: str) -> bool:
    """Whether a "how many" question asks what has been done ("How many trees has the Essex Forest
    Initiative planted so far?"), not what is planned or what there is."""
    return bool(_DONE.search(question))


def counting(
    chosen: Sequence[ScoredSentence],
    candidates: Sequence[ScoredSentence],
    passages: Sequence[Passage],
    noun: str,
    done: bool = False,
) -> ScoredSentence | None:
    """The first of the chosen sentences, then of the candidates (best first), that counts ``noun``."""
    headings: dict[int, list[str]] = {}  # each passage's sentence headings, read once
    for sentence in (*chosen, *candidates):
        passage = passages[sentence.passage]
        if sentence.passage not in headings:
            headings[sentence.passage] = sentence_headings(passage.chunk)
        own = headings[sentence.passage]
        heading = f"{passage.chunk.section_path} {own[sentence.index] if sentence.index < len(own) else ''}"
        text = passage.text[sentence.start : sentence.end]
        if counts(text, heading, noun, done) or _counts_referred(
            text, sentence_before(passage, sentence), heading, noun, done
        ):
            return sentence
    return None


def _counts_referred(text: str, before: str, heading: str, noun: str, done: bool) -> bool:
    """Whether a count of individuals counts ``noun`` because the sentence before names it ("... a
    specific subset of young adults. Out of the total cohort of 920 individuals, ..."). Not a count of
    "people": "... which includes approximately 1500 people" after "the Brunei children" counts the
    whole move, not the children. A question counting individuals or people needs no such reference."""
    head = _head(noun)
    return not head & _ANYONE and bool(head & terms_of([before])[0]) and counts(text, heading, "individuals", done)


def not_counted_text(noun: str) -> str:
    """The reply when the passages count other things than the question's."""
    return f"The documents do not say how many {noun}. The nearest passages are listed below."
