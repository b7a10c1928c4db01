"""Choosing the sentences that answer: evidence, the kind of answer wanted, and continuations.

Every sentence's evidence score (meaning and wording, :mod:`assistant.evidence`) is raised when
it offers the kind of answer the question expects (a sum of money for "what overspend", a person
for "who"), more when it also states the question's predicate ("who *seconded*"), and a little
when its document is dated the day the question names (the minutes of "the meeting on 9 January
2025"). A question that names a quarter ("in Q2") prefers a sentence naming that quarter to one
reporting another ("In Quarter 3, a total of 106 ...": the next report's figure). The best
sentence is then completed so it can stand alone: a lead-in ("... will shape the position:")
takes what it introduces, so does a sentence a PDF's line break cut ("... seconded the motion
that"), a title or table caption takes the lines that carry the answer ("Table 10: ... 2025-26
budget ... 6.76"), and a bare outcome ("Amendment carried.") takes the sentence it is the
outcome of. Close runners-up join when they say something new; of two that say the same thing, the
one dating it more precisely is shown ("In September 2017 ... was launched", not "2017 launch of ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answer.lists import is_lead_in
from assistant.answer.patterns import FULL_DATE, MONTHS, quarters
from assistant.answer.question import (
    affected,
    asks_for_list,
    asks_wh,
    defined_subject,
    expected_answer,
    offers,
    offers_new,
    predicate,
    question_parts,
)
from assistant.answer.refers import before_offers
from assistant.evidence import ITEM, ScoredSentence, sentence_headings, stated_count, terms_of
from assistant.ingest.tables import ROW_LABEL_SEPARATOR
from assistant.types import Passage

TYPE_BONUS = 0.1
PREDICATE_BONUS = 0.1
ROW_BONUS = 0.15
RANK_PRIOR = 0.06
_DATE_BONUS = 0.06
_QUARTER_BONUS = 0.06  # a sentence naming the quarter the question names gains this
_OTHER_QUARTER = 0.1  # one naming only other quarters loses this
# A sentence that adds to the one before it on the same point ("In addition, the membership includes ...").
_ADDS_TO = re.compile(r"(?:In addition|Additionally|Furthermore|Moreover|As well as this|Also)\b", re.IGNORECASE)
_DANGLING = re.compile(
    r"(?:\b(?:that|to|the|of|and|or|by|for|a|an|which|whether|with|on|in|from|as|is|are|was|were|be|following)|"
    r"\s[–—-]|,)\s*$",
    re.IGNORECASE,
)
_DEFINITION_BONUS = 0.25
_MARGIN = 0.08
_NEXT_SENTENCE_MARGIN = 0.3
_BRIDGE_REACH = 4
# the share of a shorter sentence's words found in another that makes it a repeat (at 0.6, "The Chairman
# reported apologies from Mr Cooke" was dropped as a repeat of the list of the others' apologies)
_REPEAT = 0.75
_FRAGMENT_TERMS = 3
_TYPE_REACH = 0.25
_PART_REACH = 0.4  # a part's own sentence need not match the whole question well, only its part
_STRICT = frozenset(
    {"person", "organisation", "money", "number", "count", "date", "frequency", "law", "places", "where"}
)


@dataclass(frozen=True)
class Intent:
    """What a question asks for, read once from its wording."""

    text: str
    expected: str | None
    predicate: frozenset[str] = frozenset()
    subject: str | None = None
    dates: frozenset[str] = frozenset()
    wants_list: bool = False
    count: int | None = None
    parts: tuple[tuple[str | None, frozenset[str]], ...] = field(default=())
    quarters: frozenset[str] = frozenset()
    affected: frozenset[str] = frozenset()  # the terms of what a consequence question asks after
    wh: bool = False  # asks what, which, who ... (not "Is there ...?")

    @property
    def names_rows(self) -> bool:
        """A what/which question of no particular kind, not a list: a table row it names answers it."""
        return self.wh and not self.expected and not self.wants_list


@dataclass(frozen=True)
class Pick:
    """A sentence with its value as an answer to the question."""

    sentence: ScoredSentence
    value: float
    offers: bool
    evidence: float = 0.0  # the value without the preference for the date the question names
    states: bool = False  # offers the kind of answer wanted and states the question's predicate


def read_intent(question: str) -> Intent:
    """The expected answer, predicate, named dates, list wish and parts of a question."""
    parts = question_parts(question)
    return Intent(
        text=question,
        expected=expected_answer(question),
        predicate=frozenset(terms_of([" ".join(predicate(question))])[0]) if predicate(question) else frozenset(),
        subject=defined_subject(question),
        dates=frozenset(_iso_dates(question)),
        wants_list=asks_for_list(question),
        count=stated_count(question) if asks_for_list(question) else None,
        parts=tuple((expected_answer(p), frozenset(terms_of([p])[0])) for p in parts) if len(parts) > 1 else (),
        quarters=quarters(question),
        affected=frozenset(terms_of([found])[0]) if (found := affected(question)) else frozenset(),
        wh=asks_wh(question),
    )


def _iso_dates(text: str) -> list[str]:
    return [iso_date(match) for match in FULL_DATE.finditer(text)]


def iso_date(match: re.Match[str]) -> str:
    """A :data:`FULL_DATE` match as YYYY-MM-DD."""
    month = MONTHS.index(match.group("month").lower()) + 1
    return f"{match.group('year')}-{month:02d}-{int(match.group('day')):02d}"


def text_of(sentence: ScoredSentence, passages: Sequence[Passage]) -> str:
    """The words of a scored sentence."""
    return passages[sentence.passage].text[sentence.start : sentence.end]


def rank(
    scored: list[ScoredSentence], passages: Sequence[Passage], intent: Intent, weights: dict[str, float] | None = None
) -> list[Pick]:
    """Every sentence valued as an answer, best first (see the module docstring); ``weights`` (the
    question's terms by rarity) let a table row whose label the question names count as its answer."""
    subject_terms = terms_of([intent.subject])[0] if intent.subject else set()
    openers = _section_openers(passages, subject_terms)
    sentence_terms = terms_of([text_of(s, passages) for s in scored]) if intent.predicate else []
    picks = []
    for i, sentence in enumerate(scored):
        passage = passages[sentence.passage]
        offered = bool(intent.expected) and (
            offers_new(intent.expected, text_of(sentence, passages), intent.text)
            or before_offers(sentence, passages, intent.expected, intent.text)
        )
        evidence = sentence.score + RANK_PRIOR * passage.score
        evidence += _DEFINITION_BONUS if (sentence.passage, sentence.index) in openers else 0.0
        evidence += TYPE_BONUS if offered else 0.0
        states = (offered or not intent.expected) and bool(intent.predicate) and intent.predicate <= sentence_terms[i]
        evidence += PREDICATE_BONUS if states else 0.0
        named_row = (offered or intent.names_rows) and weights  # a row the question names by its label
        evidence += ROW_BONUS * row_label_fit(text_of(sentence, passages), weights) if named_row else 0.0
        evidence += _quarter_fit(intent.quarters, text_of(sentence, passages)) if intent.quarters else 0.0
        value = evidence + (_DATE_BONUS if passage.doc.date in intent.dates else 0.0)
        picks.append(Pick(sentence, value, offered, evidence, states))
    return sorted(picks, key=lambda p: -p.value)


def dangles(text: str) -> bool:
    """Whether a sentence stops on a word that needs what follows ("... seconded the motion that"), a
    dash or a comma: a line break in a PDF cut it, and the next line carries the rest."""
    return bool(_DANGLING.search(text))


def _quarter_fit(asked: frozenset[str], text: str) -> float:
    """The bonus for a sentence naming a quarter the question asks about, or the penalty for one
    naming only others; 0 for a sentence that names none."""
    named = quarters(text)
    if not named:
        return 0.0
    return _QUARTER_BONUS if named & asked else -_OTHER_QUARTER


def row_label_fit(text: str, weights: dict[str, float]) -> float:
    """How well the question names a table row's label, 0..1 (0 for a line that is not a row).

    A row reads "Public Works Loan Board — Actual Portfolio £m: 432.40; ..." (see
    :mod:`assistant.ingest.tables`): when the question holds its label's words ("how much did the
    Council owe the Public Works Loan Board"), the row is the one it asks about. The fit is the share of
    the label's terms that the question holds, scaled down when those terms are among the question's
    commonest (a row labelled "Kent" is not what every question about Kent asks for).
    """
    label, separator, fields = text.partition(ROW_LABEL_SEPARATOR)
    if not separator or ": " not in fields or not weights:
        return 0.0
    terms = terms_of([label])[0]
    matched = [weights[t] for t in terms if t in weights]
    if not terms or not matched:
        return 0.0
    return len(matched) / len(terms) * min(1.0, sum(matched) / max(weights.values()))


def choose(picks: list[Pick], passages: Sequence[Passage], intent: Intent, limit: int) -> list[ScoredSentence]:
    """The best sentence completed to stand alone, then close runners-up that say something new."""
    chosen: list[ScoredSentence] = []
    seen: list[set[str]] = []
    by_key = {(p.sentence.passage, p.sentence.index): p for p in picks}

    def take(s: ScoredSentence) -> None:
        words = set(normal(text_of(s, passages)).split())
        repeats = [c for c, other in zip(chosen, seen, strict=True) if overlap(words, other) > _REPEAT]
        # a near-repeat from a differently dated document may be a newer version: keep it for newer_wins
        if len(words) >= 2 and all(same_version(s, c, passages) is False for c in repeats):
            seen.append(words)
            chosen.append(s)
        elif len(repeats) == 1 and intent.expected == "date" and _more_precise(s, repeats[0], passages):
            # the repeat dating the point more precisely ("In September 2017 ...", not "2017 launch of ...") is shown
            at = chosen.index(repeats[0])
            chosen[at], seen[at] = s, words

    best = _main_pick(picks, passages, intent, by_key)
    for s in complete(best.sentence, passages, intent, by_key):
        take(s)
    main = len(chosen)
    for pick in picks[1:]:
        if len(chosen) - main + 1 >= limit or pick.value < best.value - _MARGIN:
            break
        if intent.expected and not pick.offers and best.offers:
            continue  # a runner-up must carry the kind of answer wanted when the best one does
        if pick.sentence.keyword > 0.0:  # and share some wording with the question
            take(pick.sentence)
    return _with_other_parts(chosen, picks, passages, intent, take)


def _main_pick(
    picks: list[Pick], passages: Sequence[Passage], intent: Intent, by_key: dict[tuple[int, int], Pick]
) -> Pick:
    """The best pick; or the best within reach that states the question's predicate with the kind of
    answer wanted ("who *seconded*") when the best does not; or, when the best lacks the kind of
    answer a question strictly wants (a sum, a date, a named person) and the lines after it do not
    carry one, the best pick within reach that does."""
    best = picks[0]
    if intent.predicate and not best.states:
        stating = next((p for p in picks if p.states and p.value >= best.value - _TYPE_REACH), None)
        if stating is not None:
            return stating  # "who seconded": the sentence that says who seconded
    if intent.expected not in _STRICT or best.offers or _bridge(best.sentence, passages, intent, by_key):
        return best
    return next((p for p in picks if p.offers and p.value >= best.value - _TYPE_REACH), best)


def complete(
    best: ScoredSentence, passages: Sequence[Passage], intent: Intent, by_key: dict[tuple[int, int], Pick]
) -> list[ScoredSentence]:
    """``best`` with what it needs to stand alone (see the module docstring)."""
    passage = passages[best.passage]
    text = text_of(best, passages)
    previous = by_key.get((best.passage, best.index - 1))
    if previous and before_offers(best, passages, intent.expected, intent.text):
        return [previous.sentence, best]  # "... removed in 2019 ... This had previously prevented ..."
    if intent.expected and not offers(intent.expected, text):
        bridge = _bridge(best, passages, intent, by_key)
        if bridge:
            return [best, *bridge]
    if is_lead_in(text) or dangles(text):
        run = _following(best, passages, by_key, 1)
        # "... seconded the motion that" then "Council is asked to:": the lead-in's items too
        if dangles(text) and run and is_lead_in(text_of(run[-1], passages)):
            run += _following(run[-1], passages, by_key, 1)
        return [best, *run]
    if intent.affected and not intent.affected <= terms_of([text])[0]:
        # "what happens to interest income if ...": the sentence restating the condition, then what follows it
        consequence = by_key.get((best.passage, best.index + 1))
        if consequence is not None and intent.affected <= terms_of([text_of(consequence.sentence, passages)])[0]:
            return [best, consequence.sentence]
    if len(terms_of([text])[0]) <= _FRAGMENT_TERMS and best.index > 0:
        previous = by_key.get((best.passage, best.index - 1))
        if previous is not None and not ITEM.match(text):
            return [previous.sentence, best]
    follower = _next_in_paragraph(best, passage, by_key)
    if follower is not None and (
        follower.value >= by_key[(best.passage, best.index)].value - _NEXT_SENTENCE_MARGIN
        or _ADDS_TO.match(text_of(follower.sentence, passages))
    ):
        if is_lead_in(text_of(follower.sentence, passages)):  # "... based on the following levels." and its items
            return [best, follower.sentence, *_following(follower.sentence, passages, by_key, 0)]
        return [best, follower.sentence]
    return [best]


def _bridge(
    best: ScoredSentence, passages: Sequence[Passage], intent: Intent, by_key: dict[tuple[int, int], Pick]
) -> list[ScoredSentence]:
    """The sentences after ``best`` up to the first that offers the expected answer, within reach
    and under the same heading ("Table 10: ..." -> its header cells -> the row with the figure)."""
    headings = sentence_headings(passages[best.passage].chunk)
    run = []
    for index in range(best.index + 1, min(best.index + 1 + _BRIDGE_REACH, len(headings))):
        pick = by_key.get((best.passage, index))
        if pick is None or headings[index] != headings[best.index]:
            return []
        run.append(pick.sentence)
        if pick.offers:
            return run
    return []


def _following(
    lead: ScoredSentence, passages: Sequence[Passage], by_key: dict[tuple[int, int], Pick], at_least: int
) -> list[ScoredSentence]:
    """The list items a lead-in introduces (or, when none follow, its next sentence)."""
    passage = passages[lead.passage]
    found = []
    for index in range(lead.index + 1, len(passage.chunk.sentences)):
        pick = by_key.get((lead.passage, index))
        if pick is None:
            break
        is_item = bool(ITEM.match(text_of(pick.sentence, passages)))
        if not is_item and len(found) >= at_least:
            break
        found.append(pick.sentence)
        if not is_item:
            break
    return found


def _with_other_parts(chosen, picks, passages, intent, take):  # type: ignore[no-untyped-def]
    """For a question in two parts, the best sentence for each part the answer does not yet cover."""
    for expected, terms in intent.parts[1:]:
        if any(_covers(s, passages, expected, terms) for s in chosen):
            continue
        best = next((p for p in picks if _covers(p.sentence, passages, expected, terms)), None)
        if best is not None and best.value >= picks[0].value - _PART_REACH:
            take(best.sentence)
    return chosen


def _covers(sentence: ScoredSentence, passages: Sequence[Passage], expected: str | None, terms: frozenset[str]) -> bool:
    text = text_of(sentence, passages)
    found = terms_of([text])[0]
    return (expected is None or offers(expected, text)) and bool(terms & found)


def _section_openers(passages: Sequence[Passage], subject_terms: set[str]) -> set[tuple[int, int]]:
    """The first two sentences under each heading that names the subject of a definition question."""
    if not subject_terms:
        return set()
    openers = set()
    for p_index, passage in enumerate(passages):
        headings = sentence_headings(passage.chunk)
        heading_terms = dict(zip(set(headings), terms_of(list(set(headings))), strict=True))
        previous, run = None, 0
        for s_index, heading in enumerate(headings):
            run = run + 1 if heading == previous else 1
            previous = heading
            starts_section = s_index > 0 or passage.chunk.text.lstrip().startswith(heading)
            if run <= 2 and starts_section and subject_terms <= heading_terms[heading]:
                openers.add((p_index, s_index))
    return openers


def _next_in_paragraph(sentence: ScoredSentence, passage: Passage, by_key: dict[tuple[int, int], Pick]) -> Pick | None:
    """The sentence right after ``sentence`` when it is in the same paragraph (not a new line)."""
    spans = passage.chunk.sentences
    if sentence.index + 1 >= len(spans):
        return None
    start, _ = spans[sentence.index + 1]
    if "\n" in passage.text[sentence.end : start]:
        return None
    return by_key.get((sentence.passage, sentence.index + 1))


def same_version(a: ScoredSentence, b: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """True when two sentences come from one document or from documents of the same date."""
    first, second = passages[a.passage].doc, passages[b.passage].doc
    return first.doc_id == second.doc_id or first.date == second.date


_MONTH_YEAR = re.compile(rf"\b(?:{'|'.join(MONTHS)})\s+(?:19|20)\d\d\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _more_precise(new: ScoredSentence, old: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """Whether ``new`` dates what ``old`` says more precisely (a day, then a month, over a year)."""
    return _date_precision(text_of(new, passages)) > _date_precision(text_of(old, passages))


def _date_precision(text: str) -> int:
    if FULL_DATE.search(text):
        return 3
    if _MONTH_YEAR.search(text):
        return 2
    return 1 if _YEAR.search(text) else 0


def overlap(a: set[str], b: set[str]) -> float:
    """The share of the smaller word set found in the other."""
    return len(a & b) / max(1, min(len(a), len(b)))


def normal(text: str) -> str:
    """Lower-case words only, for comparing sentences."""
    return " ".join(re.findall(r"\w+", text.lower()))
