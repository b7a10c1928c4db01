"""Sentences as evidence for a question: scored by meaning and by wording.

The meaning score is the cosine between the question's vector and the sentence's vector (kept
in the index, pooled from the chunk's token vectors when it was embedded). The wording score is
the share of the question's terms, weighted by how rare they are in the collection, that the
sentence contains (full credit) or its headings and section path contain (half credit).
Retrieval uses the best sentence of each candidate chunk to rerank; the extractive answerer uses
every sentence's score to pick what to say.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.index.keyword import tokenize
from assistant.types import Chunk, Passage

LIST_ITEM = re.compile(r"^\s*([-•*]|\d{1,2}[.)])\s+")
# a list item as the answerer and the follow-ups read one: any bullet, "1.", "(2)", "a)", "(iv)"
# a list item's mark; "o" before a capital is the hollow bullet a Word sub-list prints ("o Newham, 10%")
ITEM = re.compile(
    r"^\s*(?:[-•*▪◦●]|o(?=\s+[A-Z])|\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-h][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii)\)|"
    r"(?:II|III|IV|V|VI|VII|VIII)\.(?=\s+[A-Z])|I\.(?=\s+[A-Z][a-z]+\s+[a-z]))\s+"
)
# "What does it cost to park at ...?": a question asking for a sum (read by retrieval and the answerer)
ASKS_COST = re.compile(r"\bwhat\s+(?:does|do|did|will|would)\b[^?]{0,80}\bcost\b", re.IGNORECASE)
NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_COUNTS = {w: i for i, w in enumerate(NUMBER_WORDS)}
_FULL_MONTHS = "(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MONTH_NAME = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_DAY_DATE = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+{_MONTH_NAME}\b|\b{_MONTH_NAME}\s+\d{{1,2}}(st|nd|rd|th)?\b|"
    rf"\b{_MONTH_NAME}\s+(19|20)\d\d\b|\b(19|20)\d\d-[01]\d-[0-3]\d\b|\b\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b",
    re.IGNORECASE,
)
_YEAR_VALUE = re.compile(r"\b(19|20)\d\d\b")
_SHARE_VALUE = re.compile(r"\d\s?%|\bper\s?cent\b", re.IGNORECASE)
_MONEY_VALUE = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(m|bn|k|million|billion)\b", re.IGNORECASE)
_COUNT_VALUE = re.compile(r"\b\d[\d,]*\b")
_TIME_VALUE = re.compile(r"\b\d{1,2}([.:]\d\d)?\s?(am|pm)\b|\b\d{1,2}:\d\d\b", re.IGNORECASE)
# Question words that ask for a kind of value, as the keyword index stems them: a sentence
# holding such a value answers the word without repeating it ("by what date" - "by 28 November").
_VALUE_TERMS = {
    "date": _DAY_DATE,
    "year": _YEAR_VALUE,
    "percentag": _SHARE_VALUE,
    "proport": _SHARE_VALUE,
    "cost": _MONEY_VALUE,
    "amount": _MONEY_VALUE,
    "number": _COUNT_VALUE,
    "total": _COUNT_VALUE,
    "figur": _COUNT_VALUE,
    "time": _TIME_VALUE,
}
_LISTING_MIN = 3
_LISTING_WORDS = 15
# Texts whose terms are remembered: one answer reads about 260 texts, 90 of them different (the
# rerank, the second search of a question that names its source, the answerer's features).
_TERMS_MEMO = 4096
# A file name, a web address, a path: each pattern starts with a literal, which the regex engine
# scans for quickly (a listing check runs on every candidate passage).
_DOCUMENT_REFERENCES = (
    re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|html?|md|txt|csv)\b", re.IGNORECASE),
    re.compile(r"://|www\.", re.IGNORECASE),
    re.compile(r"/[\w.-]*[A-Za-z][\w.-]*/"),
)
SEMANTIC_WEIGHT = 0.6
KEYWORD_WEIGHT = 0.4
HEADING_SHARE = 0.5


@dataclass(frozen=True, eq=False)
class Query:
    """A question ready for scoring: its text, vector, weighted keyword terms, and which of
    those terms occur anywhere in the collection."""

    text: str
    vector: np.ndarray
    weights: dict[str, float]
    known: frozenset[str] = frozenset()

    @property
    def unknown_share(self) -> float:
        """The weighted share of the question's terms that the collection never uses."""
        total = sum(self.weights.values())
        missing = sum(w for term, w in self.weights.items() if term not in self.known)
        return missing / total if total > 0 else 0.0


@dataclass(frozen=True)
class ScoredSentence:
    """One sentence of a passage with its evidence scores."""

    passage: int
    index: int
    start: int
    end: int
    semantic: float
    keyword: float

    @property
    def score(self) -> float:
        return SEMANTIC_WEIGHT * self.semantic + KEYWORD_WEIGHT * self.keyword


def sentence_before(passage: Passage, sentence: ScoredSentence) -> str:
    """The text of the sentence before ``sentence`` in its passage ("" for its first, or a heading line)."""
    if not 0 < sentence.index <= len(passage.chunk.sentences):
        return ""
    start, end = passage.chunk.sentences[sentence.index - 1]
    return passage.text[start:end]


def terms_of(texts: Sequence[str]) -> list[frozenset[str]]:
    """The keyword terms of each text, tokenised exactly as the keyword index does.

    Remembered per text (the last ``_TERMS_MEMO`` texts): tokenising is pure, and one answer
    reads the same sentences up to three times. :func:`forget_terms` empties the memory.
    """
    return [_text_terms(text) for text in texts]


@functools.lru_cache(maxsize=_TERMS_MEMO)
def _text_terms(text: str) -> frozenset[str]:
    return frozenset(tokenize([text], return_ids=False)[0])  # type: ignore[index]


def forget_terms() -> None:
    """Empty :func:`terms_of`'s memory (a benchmark times each question as if first asked)."""
    _text_terms.cache_clear()


def keyword_share(weights: dict[str, float], found: set[str], partly: set[str] = frozenset()) -> float:  # type: ignore[assignment]
    """The weighted share of query terms in ``found`` (full credit) or ``partly`` (half credit)."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    credit = sum(
        w if t in found or _noun_of(t) in found else HEADING_SHARE * w if t in partly else 0.0
        for t, w in weights.items()
    )
    return credit / total


def _noun_of(term: str) -> str:
    """The stem of the noun a verb's stem in "-de" makes ("decid" -> "decis", "provid" -> "provis"):
    "who decides" is answered by "the decision ... rests with", which the stemmer does not join."""
    return f"{term[:-1]}s" if term.endswith("d") and len(term) > 4 else ""


def sentence_headings(chunk: Chunk) -> list[str]:
    """For each sentence of a chunk, the heading it sits under (a heading line inside the chunk
    before it, else the last part of the chunk's section path)."""
    current = chunk.section[-1] if chunk.section else ""
    headings = []
    previous_end = 0
    for start, end in chunk.sentences:
        gap = chunk.text[previous_end:start].strip()
        if gap:
            current = gap.split("\n")[-1].strip()
        headings.append(current)
        previous_end = end
    return headings


def score_sentences(query: Query, passages: Sequence[Passage], values: bool = False) -> list[ScoredSentence]:
    """Every sentence of every passage, scored against the query.

    With ``values``, a question word that asks for a kind of value ("date", "percentage",
    "cost") counts as found in a sentence that holds such a value (see :func:`value_terms`).
    """
    texts: list[str] = []
    owners: list[tuple[int, int, int, int, str]] = []
    for p_index, passage in enumerate(passages):
        headings = sentence_headings(passage.chunk)
        for s_index, (start, end) in enumerate(passage.chunk.sentences):
            texts.append(passage.chunk.text[start:end])
            owners.append((p_index, s_index, start, end, headings[s_index]))
    if not texts:
        return []
    sentence_terms = terms_of(texts)
    contexts = sorted({f"{passages[o[0]].chunk.section_path}\n{o[4]}" for o in owners})
    context_terms = dict(zip(contexts, terms_of(contexts), strict=True))
    semantic = _semantic_scores(query, passages)
    scored = []
    asked = {term: pattern for term, pattern in _VALUE_TERMS.items() if term in query.weights} if values else {}
    for (p_index, s_index, start, end, heading), found, text in zip(owners, sentence_terms, texts, strict=True):
        partly = context_terms[f"{passages[p_index].chunk.section_path}\n{heading}"]
        if asked:
            found = found | value_terms(asked, text)
        scored.append(
            ScoredSentence(
                p_index, s_index, start, end, semantic[p_index][s_index], keyword_share(query.weights, found, partly)
            )
        )
    return scored


def value_terms(asked: dict[str, re.Pattern[str]], text: str) -> set[str]:
    """The value-asking terms among ``asked`` whose kind of value ``text`` holds."""
    return {term for term, pattern in asked.items() if pattern.search(text)}


def listing_share(text: str) -> float:
    """How much a passage is a listing of documents, 0..1: how densely it names files, paths or
    web addresses (one in every ``_LISTING_WORDS`` words or more is a listing), when it names at
    least ``_LISTING_MIN`` (prose that mentions a document or two is not).

    A folder's file listing or an index page names many documents but says nothing about them,
    so it answers questions only by the names it repeats.
    """
    starts = (match.start() for pattern in _DOCUMENT_REFERENCES for match in pattern.finditer(text))
    # a web address or a path holds several of the marks: count the words holding any, once each
    references = len({max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) for at in starts})
    if references < _LISTING_MIN:
        return 0.0
    return min(1.0, references * _LISTING_WORDS / max(1, len(text.split())))


def _semantic_scores(query: Query, passages: Sequence[Passage]) -> list[np.ndarray]:
    scores = []
    for passage in passages:
        vectors = passage.sentence_vectors
        if vectors is None or len(vectors) != len(passage.chunk.sentences):
            scores.append(np.zeros(len(passage.chunk.sentences)))
            continue
        scores.append(np.asarray(vectors, dtype=np.float32) @ query.vector)
    return scores


def stated_count(question: str) -> int | None:
    """A number of items the question names ('the seven ambitions' -> 7), if any."""
    match = re.search(rf"\b(\d{{1,2}}|{'|'.join(_COUNTS)})\s+(?!\d)(?!{_FULL_MONTHS}\b)\w+", question, re.I)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else _COUNTS[word]
