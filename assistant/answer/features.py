"""The evidence features the confidence model reads, each between 0 and 1.

Computed once per answer from the question, the retrieved passages, the sentences valued as
answers and the sentences chosen to answer (see :mod:`assistant.answer.confidence` for the model
and docs/calibration.md for what each feature measures and how the weights were fitted).

The question's *focus* is the rarest terms of its subject phrases ("Invicta House refurbishment",
"former service personnel": :mod:`assistant.answer.focus`), not of its framing words ("roughly",
"mentioned", "owe"): what it is about. A near miss names its focus in the passages but no sentence
holding the kind of value asked for (a sum, a figure, a date, a name) names it too; the last three
features measure that. A framing word or a stop word the collection never uses is not unknown content.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import PurePath

from assistant.answer.focus import content_weights, focus_terms
from assistant.answer.headlines import STRICT
from assistant.answer.patterns import FULL_DATE, REFERS_BACK
from assistant.answer.question import offers_new, specifics
from assistant.answer.selection import Intent, Pick, iso_date, text_of
from assistant.evidence import (
    _VALUE_TERMS,
    ScoredSentence,
    keyword_share,
    sentence_before,
    sentence_headings,
    terms_of,
)
from assistant.retrieve import Retrieval
from assistant.types import Passage

FEATURES = (
    "semantic",
    "coverage",
    "unknown",
    "missing_specifics",
    "typed_answer",
    "typed_wording",
    "value_apart",
    "answer_focus",
    "answer_semantic",
)
_REACH = 15  # the leading sentences (by value as an answer) that the focus features look at
_ANSWER_FOCUS_TERMS = 2


def evidence_features(
    retrieval: Retrieval,
    passages: Sequence[Passage],
    picks: Sequence[Pick],
    intent: Intent,
    chosen: Sequence[ScoredSentence] = (),
) -> dict[str, float]:
    """Every feature of the evidence for ``intent``'s question (see docs/calibration.md).

    Args:
        retrieval: the retrieved passages and the scoring query.
        passages: those passages with any heading lines added as sentences.
        picks: every sentence valued as an answer, best first.
        intent: what the question asks for.
        chosen: the sentences chosen to answer.
    """
    query = retrieval.query
    unknown = _unknown(intent.text, query.weights, query.known)
    if not picks:
        return dict.fromkeys(FEATURES, 0.0) | {"unknown": unknown}
    strongest = max(picks, key=lambda p: p.evidence)
    top = passages[strongest.sentence.passage]
    found = terms_of([f"{top.chunk.section_path}\n{top.text}"])[0]
    typed = [p for p in picks if _wanted(p, intent)]
    best_typed = max(typed, key=lambda p: p.evidence) if typed else None
    subject = _rarest(focus_terms(intent.text, query.weights, query.known))
    return {
        "semantic": float(strongest.sentence.semantic),
        "coverage": keyword_share(query.weights, found),
        "unknown": unknown,
        "missing_specifics": _missing_specifics(intent.text, passages),
        "typed_answer": float(_wanted(strongest, intent)),
        "typed_wording": float(best_typed.sentence.keyword) if best_typed else 0.0,
        "value_apart": _value_apart(subject or focus_weights(query.weights, query.known, 1), picks, passages, intent),
        "answer_focus": _answer_focus(subject or focus_weights(query.weights, query.known), passages, intent, chosen),
        "answer_semantic": max((float(s.semantic) for s in chosen), default=0.0),
    }


def focus_weights(weights: dict[str, float], known: frozenset[str], n: int = _ANSWER_FOCUS_TERMS) -> dict[str, float]:
    """The question's ``n`` rarest terms that the collection uses, with their weights (the focus
    when the question has no subject phrase the collection uses).

    Words asking for a kind of value ("cost", "date", "number") are left out: a value answers them.
    """
    named = sorted(((w, t) for t, w in weights.items() if t in known and t not in _VALUE_TERMS), reverse=True)
    return {t: w for w, t in named[:n]}


def _rarest(weights: dict[str, float], n: int = _ANSWER_FOCUS_TERMS) -> dict[str, float]:
    """The ``n`` heaviest terms with their weights."""
    return dict(sorted(weights.items(), key=lambda item: -item[1])[:n])


def _unknown(question: str, weights: dict[str, float], known: frozenset[str]) -> float:
    """The weighted share of the question's terms, framing words left out, that the collection never
    uses; a stop word the collection never uses ("somewhere", "nobody", "go") is no unknown content,
    though it still counts in the whole ("is there somewhere people can go to ..." asks nothing the
    documents lack by those words)."""
    content = content_weights(question, weights)
    total = sum(content.values())
    stops = _stop_terms()
    return sum(w for t, w in content.items() if t not in known and t not in stops) / total if total > 0 else 0.0


@functools.cache
def _stop_terms() -> frozenset[str]:
    """scikit-learn's English stop words as keyword terms (stemmed as the index stems them)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(terms_of([" ".join(sorted(ENGLISH_STOP_WORDS))])[0])


def _missing_specifics(question: str, passages: Sequence[Passage]) -> float:
    """1 when a number or year the question names is in no retrieved passage nor its document's title;
    a date the question names counts as found when a passage's document is dated that day (the
    minutes of "the meeting on 13 February 2025" rarely repeat the date in their text)."""
    rest, everything, dated = _against(question, passages)
    return float(any(not _mentioned(n, everything, dated) for n in specifics(rest)))


def _against(question: str, passages: Sequence[Passage]) -> tuple[str, str, set[str | None]]:
    """The question less the dates of the passages' documents, what the passages say (their text,
    documents' titles and file names), and their documents' dates."""
    dated = {p.doc.date for p in passages}
    rest = FULL_DATE.sub(lambda m: " " if iso_date(m) in dated else m.group(0), question)
    everything = " ".join(f"{p.doc.title}\n{PurePath(p.doc.source).name}\n{p.text}" for p in passages)
    return rest, everything, dated


_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_ASKED_YEAR = re.compile(r"(?P<before>\S*)\s(?P<year>(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?)\b")
_MONTH_NAME = re.compile(rf"{_MONTHS}[a-z]*\.?$")


def unmentioned_year(question: str, passages: Sequence[Passage]) -> str | None:
    """A year or financial year the question asks about ("in 2030", "for 2023/24") that no passage
    mentions in any form (see :func:`_mentioned`), nor their documents' titles, file names or dates:
    the documents found say nothing of that year. A year that ends a name ("the Budget Risks Register
    2025-26") is part of the document's name, which is left to the rest of the evidence."""
    rest, everything, dated = _against(question, passages)
    for match in _ASKED_YEAR.finditer(f" {rest}"):
        before = match.group("before")
        if before[:1].isupper() and not _MONTH_NAME.match(before):
            continue  # "Register 2025-26", "Q3 2024/25": a name's year
        if not _mentioned(match.group("year"), everything, dated):
            return match.group("year")
    return None


_FINANCIAL_YEAR = re.compile(r"((?:19|20)\d\d)[/-]((?:19|20)?\d\d)")


def _mentioned(specific: str, text: str, dates: set[str | None]) -> bool:
    """Whether the passages mention a number or year of the question, in any form that says it: a
    financial year "2018/19" as "2018-19", "2018/2019" or "April 2018 to 31st March 2019", a year
    as the date of a passage's document (a report dated 12 October 2016 is of "2016"), and a
    financial year as the date of a document written within it (the Q3 report of February 2025 is
    of "2024/25")."""
    if specific in text:
        return True
    days = [d for d in dates if d]
    year = _FINANCIAL_YEAR.fullmatch(specific)
    if year is None:
        if not _YEAR.fullmatch(specific):
            return False
        month_year = rf"\b{_MONTHS}[a-z]*\.?[\s'\u2019-]?{specific[2:]}\b"  # "Dec-24", "Dec 24" for 2024
        return any(d.startswith(specific) for d in days) or re.search(month_year, text) is not None
    first = int(year.group(1))
    if int(year.group(2)[-2:]) != (first + 1) % 100:
        return False  # "2025-35" is a span of years, said only as written
    second = first + 1
    forms = (rf"{first}\s*[/\u2013-]\s*(?:{second}|{second % 100:02d})\b", rf"\b{first}\b.{{0,40}}\b{second}\b")
    if any(re.search(form, text, re.DOTALL) for form in forms):
        return True
    return any(f"{first}-04" <= d[:7] <= f"{second}-03" for d in days if len(d) >= 7)


def _wanted(pick: Pick, intent: Intent) -> bool:
    """Whether the pick offers the kind of answer the question strictly wants (always, if none)."""
    return pick.offers or intent.expected not in STRICT


def _focus_share(focus: dict[str, float], sentence: ScoredSentence, passages: Sequence[Passage]) -> float:
    """The weighted share of the focus terms in a sentence (those in its heading: half credit)."""
    if not focus:
        return 1.0
    passage = passages[sentence.passage]
    headings = sentence_headings(passage.chunk)
    heading = headings[sentence.index] if sentence.index < len(headings) else ""
    text = text_of(sentence, passages)
    if REFERS_BACK.match(text) and (before := sentence_before(passage, sentence)):
        text = f"{before} {text}"  # "It is currently equal to 150 Officers": "it" is named before
    words, context = terms_of([text, f"{passage.chunk.section_path}\n{heading}"])
    return keyword_share(focus, words, context)


def _value_apart(focus: dict[str, float], picks: Sequence[Pick], passages: Sequence[Passage], intent: Intent) -> float:
    """How much better the leading sentences name the focus than those offering the value wanted do:
    1 when the thing asked about is named and no sentence giving a value of that kind names it."""
    leading = picks[:_REACH]
    named = max((_focus_share(focus, p.sentence, passages) for p in leading), default=0.0)
    typed = max((_focus_share(focus, p.sentence, passages) for p in leading if _wanted(p, intent)), default=0.0)
    return max(0.0, named - typed)


def _answer_focus(
    focus: dict[str, float], passages: Sequence[Passage], intent: Intent, chosen: Sequence[ScoredSentence]
) -> float:
    """The focus share of the best chosen sentence that offers the value wanted (0 when none does)."""
    offering = [s for s in chosen if offers_new(intent.expected, text_of(s, passages), intent.text)]
    return max((_focus_share(focus, s, passages) for s in offering), default=0.0)
