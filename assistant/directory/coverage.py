"""Coverage answers: everything the directory holds on a topic, grouped and cited.

"What exists on dementia?" is not answered by the top few passages but by every matching
initiative (grouped by the ambition it serves), every matching board or partnership, every
matching decision in minutes, and the documents they come from. Matching is by keywords
(query words against an entry's name, description, theme, partners, figures and the
headings it sits under); with an embedder it is also by meaning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.directory.model import Board, Directory, Initiative, Setting, SourceRef, normalise_name
from assistant.types import DocumentInfo

if TYPE_CHECKING:
    from assistant.embedding import Embedder

BOARDS = "Partnerships and boards"
DECISIONS = "Decisions in minutes"
OTHER_INITIATIVES = "Other initiatives"
_QUESTION = re.compile(r"^\s*(?:what|which|list|show|tell|give|are|is|who|where|how)\b", re.IGNORECASE)
_TOPIC_CUE = re.compile(r"\b(?:on|about|regarding|around|concerning|tackling|addressing|for|to do with)\s+", re.I)
_STOPWORDS = frozenset(
    "a an the of on for about in to and or with what which who is are there exists exist any all do does did "
    "we our us essex partnership partners initiative initiatives project projects programme programmes "
    "board boards work".split()
)
_FIRST_VERB = re.compile(r"\b(?:are|is|was|were|has|have|had|can|will|would|may|remain|remains|need|needs)\b")
_FUNCTION_WORDS = frozenset("those these there their which without within while where whose other".split())
# Cosine similarity (all-MiniLM-L6-v2) from which an entry counts as on the topic by meaning alone.
MIN_SIMILARITY = 0.45
# Share of the topic's words an entry must contain: all of one or two, two thirds of more.
MIN_KEYWORD_SCORE = 0.66


@dataclass(frozen=True)
class CoverageItem:
    """One matching initiative, board or decision, with why it matched and where it is written.

    ``tie`` is set when the entry matched through the sentence introducing its list rather than
    its own words ("Those without digital skills are more at risk of isolation and loneliness"
    ties Digital Boomers to loneliness); its description is then that sentence and its first
    source cites it.
    """

    kind: str
    name: str
    description: str
    theme: str
    sources: tuple[SourceRef, ...]
    score: float
    tie: str = ""


@dataclass(frozen=True)
class CoverageGroup:
    """Matching items under one heading: an ambition, "Partnerships and boards", "Decisions in minutes"."""

    title: str
    items: tuple[CoverageItem, ...]


@dataclass(frozen=True)
class CoverageDocument:
    """A document holding matching entries: how many, and the citations into it."""

    doc_id: str
    title: str
    date: str | None
    count: int
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Coverage:
    """Everything found on a topic; empty groups mean the directory holds nothing on it."""

    query: str
    topic: str
    groups: tuple[CoverageGroup, ...]
    documents: tuple[CoverageDocument, ...]

    @property
    def total(self) -> int:
        return sum(len(group.items) for group in self.groups)


@dataclass(frozen=True, eq=False)
class CoverageIndex:
    """A directory's entries with their texts and, when an embedder was given, their vectors.

    Built once per directory (:func:`coverage_index`), so answering a coverage question embeds
    only the question's topic.
    """

    candidates: list[tuple[object, str]]
    vectors: np.ndarray | None = None


def coverage_index(directory: Directory, embedder: Embedder | None = None) -> CoverageIndex:
    """Prepare a directory for coverage questions (embedding every entry once)."""
    candidates = _candidates(directory)
    if embedder is None or not candidates:
        return CoverageIndex(candidates)
    return CoverageIndex(
        candidates, np.asarray(embedder.embed([text[:500] for _, text in candidates]), dtype=np.float32)
    )


def find_coverage(
    directory: Directory,
    query: str,
    documents: Mapping[str, DocumentInfo] | None = None,
    embedder: Embedder | None = None,
    min_similarity: float = MIN_SIMILARITY,
    index: CoverageIndex | None = None,
) -> Coverage:
    """Every initiative, board, decision and document on the query's topic.

    Args:
        directory: the merged directory.
        query: a question such as "What exists on dementia?" or just a topic.
        documents: metadata by doc_id, for document titles and dates.
        embedder: optional; entries whose meaning is close to the topic match without sharing words.
        min_similarity: the cosine similarity from which a meaning match counts.
        index: the directory prepared by :func:`coverage_index` (built here when not given).
    """
    topic = topic_of(query)
    index = index or coverage_index(directory, embedder)
    candidates = index.candidates
    scores = [keyword_score(topic, text) for _, text in candidates]
    if embedder is not None and index.vectors is not None and candidates:
        scores = _with_meaning(topic, index.vectors, scores, embedder, min_similarity)
    items = []
    for (entry, _), score in zip(candidates, scores, strict=True):
        if score > 0:
            items.append(_item(entry, score))
        elif isinstance(entry, Initiative) and (setting := tied_setting(topic, entry)) is not None:
            items.append(_tied_item(entry, setting))
    return Coverage(query, topic, _groups(items, directory.ambitions), _documents(items, documents or {}))


def restrict_coverage(coverage: Coverage, doc_ids: set[str]) -> Coverage:
    """The coverage limited to entries found in the given documents (for filtered questions)."""
    groups = []
    for group in coverage.groups:
        items = tuple(
            replace(item, sources=kept)
            for item in group.items
            if (kept := tuple(s for s in item.sources if s.doc_id in doc_ids))
        )
        if items:
            groups.append(CoverageGroup(group.title, items))
    documents = tuple(d for d in coverage.documents if d.doc_id in doc_ids)
    return Coverage(coverage.query, coverage.topic, tuple(groups), documents)


def topic_of(query: str) -> str:
    """The topic of a coverage question ("What exists on dementia?" -> "dementia")."""
    text = query.strip().strip(" ?.!")
    if _QUESTION.match(text):
        cues = list(_TOPIC_CUE.finditer(text))
        if cues:
            return text[cues[-1].end() :].strip() or text
    return text


def _candidates(directory: Directory) -> list[tuple[object, str]]:
    found: list[tuple[object, str]] = []
    for initiative in directory.initiatives:
        figures = " ".join(f.label for f in initiative.figures)
        sections = " ".join(s.section for s in initiative.sources)
        text = " ".join(
            [
                initiative.name,
                *initiative.aliases,
                initiative.description,
                initiative.theme,
                *initiative.partners,
                figures,
                sections,
            ]
        )
        found.append((initiative, text))
    for board in directory.boards:
        text = " ".join([board.name, *board.aliases, board.purpose or "", *board.members])
        found.append((board, text))
    for meeting in directory.meetings:
        for decision in meeting.decisions:
            found.append(((meeting, decision), f"{decision.item} {decision.text}"))
    return found


def _terms(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9#]+", normalise_name(text))
    return [_stem(w) for w in words if w not in _STOPWORDS and len(w) > 1]


def _stem(word: str) -> str:
    for suffix in ("ness", "ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def keyword_score(topic: str, text: str) -> float:
    """The share of the topic's words the entry contains (a word matches its longer forms)."""
    wanted = _terms(topic)
    if not wanted:
        return 0.0
    have = set(_terms(text))
    hits = sum(1 for w in wanted if w in have or any(h.startswith(w) or w.startswith(h) for h in have if len(h) > 4))
    score = hits / len(wanted)
    needed = 1.0 if len(wanted) <= 2 else MIN_KEYWORD_SCORE
    return score if score >= needed else 0.0


def _with_meaning(
    topic: str, vectors: np.ndarray, scores: list[float], embedder: Embedder, minimum: float
) -> list[float]:
    similarity = vectors @ np.asarray(embedder.embed([topic])[0], dtype=np.float32)
    return [max(score, float(sim)) if sim >= minimum else score for score, sim in zip(scores, similarity, strict=True)]


def _item(entry: object, score: float) -> CoverageItem:
    if isinstance(entry, Initiative):
        return CoverageItem("initiative", entry.name, entry.description, entry.theme, entry.sources, score)
    if isinstance(entry, Board):
        return CoverageItem("board", entry.name, entry.purpose or "", "", entry.sources, score)
    meeting, decision = entry  # type: ignore[misc]
    title = f"{meeting.body} {meeting.date or ''}: {decision.item}".strip()
    return CoverageItem(decision.kind, title, decision.text, "", (decision.source,), score)


def tied_setting(topic: str, initiative: Initiative) -> Setting | None:
    """The sentence introducing an initiative's list that ties it to the topic, if any.

    The sentence must hold the topic, and its subject must name what the initiative is about:
    "Those without digital skills are more at risk of isolation and loneliness" ties initiatives
    whose name or description speaks of digital skills, not every initiative in the list.
    """
    own = set(_terms(" ".join([initiative.name, *initiative.aliases, initiative.description])))
    for setting in initiative.settings:
        if keyword_score(topic, setting.sentence) <= 0:
            continue
        subject = _subject_terms(setting.sentence) - set(_terms(topic))
        if any(s == o or (len(s) > 5 and o.startswith(s)) for s in subject for o in own):
            return setting
    return None


def _subject_terms(sentence: str) -> set[str]:
    """The content words of a sentence's subject (the words before its first verb)."""
    match = _FIRST_VERB.search(sentence)
    subject = sentence[: match.start()] if match else ""
    return {t for t in _terms(subject) if len(t) >= 5 and t not in _FUNCTION_WORDS}


def _tied_item(initiative: Initiative, setting: Setting) -> CoverageItem:
    sources = (setting.source, *initiative.sources)
    return CoverageItem(
        "initiative", initiative.name, setting.sentence, initiative.theme, sources, 0.5, setting.sentence
    )


def drop_repeated(coverage: Coverage, text: str) -> Coverage:
    """The coverage without descriptions the direct answer already says, so no sentence shows twice."""
    said = " ".join(text.split())

    def unsaid(item: CoverageItem) -> CoverageItem:
        repeated = item.description and " ".join(item.description.split()) in said
        return replace(item, description="") if repeated else item

    groups = tuple(CoverageGroup(g.title, tuple(unsaid(i) for i in g.items)) for g in coverage.groups)
    return replace(coverage, groups=groups)


def _groups(items: list[CoverageItem], ambitions: Sequence[str]) -> tuple[CoverageGroup, ...]:
    order = {normalise_name(a): i for i, a in enumerate(ambitions)}
    by_title: dict[str, list[CoverageItem]] = {}
    for item in items:
        if item.kind == "initiative":
            title = item.theme or OTHER_INITIATIVES
        else:
            title = BOARDS if item.kind == "board" else DECISIONS
        by_title.setdefault(title, []).append(item)

    def rank(title: str) -> tuple[int, int, str]:
        fixed = {OTHER_INITIATIVES: 1, BOARDS: 2, DECISIONS: 3}
        return (fixed.get(title, 0), order.get(normalise_name(title), len(order)), title)

    return tuple(
        CoverageGroup(title, tuple(sorted(group, key=lambda i: (-i.score, i.name))))
        for title, group in sorted(by_title.items(), key=lambda kv: rank(kv[0]))
    )


def _documents(items: list[CoverageItem], documents: Mapping[str, DocumentInfo]) -> tuple[CoverageDocument, ...]:
    by_doc: dict[str, list[SourceRef]] = {}
    counts: dict[str, int] = {}
    for item in items:
        for doc_id in dict.fromkeys(s.doc_id for s in item.sources):
            counts[doc_id] = counts.get(doc_id, 0) + 1
        for source in item.sources:
            by_doc.setdefault(source.doc_id, []).append(source)
    found = []
    for doc_id, sources in by_doc.items():
        info = documents.get(doc_id)
        title = info.title if info else doc_id
        found.append(CoverageDocument(doc_id, title, info.date if info else None, counts[doc_id], tuple(sources)))
    return tuple(sorted(found, key=lambda d: (-d.count, d.doc_id)))
