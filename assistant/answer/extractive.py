"""The default answerer: no LLM, just the documents' own sentences, each one cited.

1. Every sentence of the retrieved passages is scored as evidence (meaning and wording, see
   :mod:`assistant.evidence`), with a bonus when it holds the kind of answer the question
   expects (a number for "how many", a date for "when", a name for "who").
2. The best sentence is taken, with up to two more that score nearly as well and say
   something new; a list is kept whole when the question asks for one.
3. Sentences are grouped by passage in reading order, each group ending with its [n] mark,
   and a sentence that only makes sense under its heading ("Used a whole system approach...")
   is introduced by it ("Holiday Hunger: ...").
4. A confidence from the evidence (see :mod:`assistant.answer.confidence`) decides whether to
   answer or to say the documents do not cover the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.citations import finalize_citations
from assistant.answer.confidence import FEATURES, confidence
from assistant.answer.question import (
    asks_for_list,
    defined_subject,
    expected_answer,
    offers,
    specifics,
    stated_count,
)
from assistant.dates import sort_key
from assistant.evidence import (
    HEADING_SHARE,
    KEYWORD_WEIGHT,
    LIST_ITEM,
    SEMANTIC_WEIGHT,
    Query,
    ScoredSentence,
    keyword_share,
    score_sentences,
    sentence_headings,
    terms_of,
)
from assistant.retrieve import Retrieval
from assistant.types import Answer, Passage

ABSTAIN_TEXT = "The documents do not cover this. The nearest passages are listed below."

_TYPE_BONUS = 0.08
_RANK_PRIOR = 0.06
_DEFINITION_BONUS = 0.25
_COUNT_BONUS = 0.1
_MARGIN = 0.08
_NEXT_SENTENCE_MARGIN = 0.3
_MAX_SENTENCES = 3
_REPEAT = 0.6
_SAME_CLAIM = 0.9
_LIST_REACH = 0.25
_MAXLIST_ITEMS = 12
_GENERIC_HEADINGS = re.compile(
    r"^(highlights|context|actions|overview|introduction|summary|background|part \d+.*|case stud(y|ies).*|"
    r"useful links.*|next steps)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Pick:
    sentence: ScoredSentence
    value: float


class ExtractiveAnswerer:
    """Builds answers from retrieved sentences; see the module docstring."""

    name = "extractive"

    def __init__(self, abstain_threshold: float = 0.45, max_sentences: int = _MAX_SENTENCES) -> None:
        self.abstain_threshold = abstain_threshold
        self.max_sentences = max_sentences

    def answer(self, question: str, retrieval: Retrieval) -> Answer:
        """Answer ``question`` from ``retrieval``'s passages, or abstain with them listed."""
        passages = retrieval.passages
        scored = score_sentences(retrieval.query, passages)
        if not scored:
            return abstention(question, passages, 0.0, dict.fromkeys(FEATURES, 0.0))
        wording = retrieval.query.text
        expected = expected_answer(wording)
        picks = self._rank(scored, passages, expected, defined_subject(wording))
        chosen = self._choose(picks, passages)
        if asks_for_list(wording):
            chosen = _prefer_list(chosen, picks, passages, retrieval.query, stated_count(wording))
        features = evidence_features(retrieval, passages, chosen, question)
        probability = confidence(features)
        if probability < self.abstain_threshold:
            return abstention(question, passages, probability, features)
        chosen, superseded = _newer_wins(chosen, passages)
        if asks_for_list(wording):
            chosen = _with_whole_lists(chosen, passages)
        text, highlights = compose(chosen, passages)
        text, citations = finalize_citations(text, passages, highlights)
        note = _superseded_note(superseded) if superseded else None
        return Answer(question, text, citations, tuple(passages), False, probability, note, features)

    def _rank(
        self, scored: list[ScoredSentence], passages: Sequence[Passage], expected: str | None, subject: str | None
    ) -> list[_Pick]:
        subject_terms = terms_of([subject])[0] if subject else set()
        openers = _section_openers(passages, subject_terms)
        picks = []
        for sentence in scored:
            text = passages[sentence.passage].text[sentence.start : sentence.end]
            bonus = _TYPE_BONUS if expected and offers(expected, text) else 0.0
            bonus += _DEFINITION_BONUS if (sentence.passage, sentence.index) in openers else 0.0
            prior = _RANK_PRIOR * passages[sentence.passage].score
            picks.append(_Pick(sentence, sentence.score + bonus + prior))
        return sorted(picks, key=lambda p: -p.value)

    def _choose(self, picks: list[_Pick], passages: Sequence[Passage]) -> list[ScoredSentence]:
        """The best sentence, the one after it when it carries on the point, and close runners-up."""
        chosen: list[ScoredSentence] = []
        seen: list[set[str]] = []
        best = picks[0].value
        value = {(p.sentence.passage, p.sentence.index): p.value for p in picks}

        def take(s: ScoredSentence) -> None:
            words = set(_normal(passages[s.passage].text[s.start : s.end]).split())
            repeats = [c for c, other in zip(chosen, seen, strict=True) if _overlap(words, other) > _REPEAT]
            # a near-repeat from a differently dated document may be a newer version: keep it for _newer_wins
            if len(words) >= 2 and all(_same_version(s, c, passages) is False for c in repeats):
                seen.append(words)
                chosen.append(s)

        take(picks[0].sentence)
        follower = _next_in_paragraph(picks[0].sentence, passages, picks)
        if follower is not None and value[(follower.passage, follower.index)] >= best - _NEXT_SENTENCE_MARGIN:
            take(follower)
        for pick in picks[1:]:
            if len(chosen) >= self.max_sentences or pick.value < best - _MARGIN:
                break
            if pick.sentence.keyword > 0.0:  # a runner-up must share some wording with the question
                take(pick.sentence)
        return chosen


def evidence_features(
    retrieval: Retrieval, passages: Sequence[Passage], chosen: Sequence[ScoredSentence], question: str
) -> dict[str, float]:
    """The features the confidence model reads (see :mod:`assistant.answer.confidence`)."""
    if not chosen:
        return dict.fromkeys(FEATURES, 0.0) | {"unknown": retrieval.query.unknown_share}
    top = passages[chosen[0].passage]
    found = terms_of([f"{top.chunk.section_path}\n{top.text}"])[0]
    everything = " ".join(p.text for p in passages)
    return {
        "semantic": float(chosen[0].semantic),
        "coverage": keyword_share(retrieval.query.weights, found),
        "unknown": retrieval.query.unknown_share,
        "missing_specifics": float(any(number not in everything for number in specifics(question))),
    }


def abstention(question: str, passages: Sequence[Passage], probability: float, features: dict[str, float]) -> Answer:
    """The answer given when the documents do not cover a question: the nearest passages, uncited."""
    return Answer(question, ABSTAIN_TEXT, (), tuple(passages), True, probability, evidence=features)


def compose(
    chosen: Sequence[ScoredSentence], passages: Sequence[Passage]
) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """The answer text with [n] marks (n = passage index + 1) and the spans each passage supports.

    Sentences are grouped by passage in reading order; list items go on lines of their own; a
    heading introduces the first sentence under it that needs it.
    """
    groups: dict[int, list[ScoredSentence]] = {}
    for sentence in chosen:
        groups.setdefault(sentence.passage, []).append(sentence)
    parts: list[str] = []
    highlights: dict[int, list[tuple[int, int]]] = {}
    for index, sentences in groups.items():
        passage = passages[index]
        sentences.sort(key=lambda s: s.start)
        headings = sentence_headings(passage.chunk)
        text = ""
        introduced: set[str] = set()
        for s in sentences:
            sentence = passage.text[s.start : s.end]
            if LIST_ITEM.match(sentence):
                text += f"\n{sentence.strip()}"
                continue
            heading = headings[s.index]
            lead = "" if heading in introduced else _lead_in(heading, passage, sentence)
            introduced.add(heading)
            text += f" {lead}{sentence}"
        parts.append(f"{text.strip()} [{index + 1}]")
        highlights[index] = [(s.start, s.end) for s in sentences]
    separator = "\n\n" if any("\n" in p or LIST_ITEM.match(p) for p in parts) else " "
    return separator.join(parts), highlights


def _newer_wins(
    chosen: list[ScoredSentence], passages: Sequence[Passage]
) -> tuple[list[ScoredSentence], list[Passage]]:
    """Drop a sentence that says the same as one from a newer document (documents disagree).

    Two sentences from different documents whose meanings nearly coincide are two versions of
    one fact ("chaired by X" in 2016, "chaired by Y" in 2017); the newer document's is kept.
    """
    kept: list[ScoredSentence] = []
    superseded: list[Passage] = []
    for s in chosen:
        rival = next((k for k in kept if _same_claim(s, k, passages)), None)
        if rival is None:
            kept.append(s)
            continue
        if sort_key(passages[s.passage].doc.date) > sort_key(passages[rival.passage].doc.date):
            kept[kept.index(rival)] = s
            superseded.append(passages[rival.passage])
        else:
            superseded.append(passages[s.passage])
    return kept, superseded


def _same_version(a: ScoredSentence, b: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """True when two sentences come from one document or from documents of the same date."""
    first, second = passages[a.passage].doc, passages[b.passage].doc
    return first.doc_id == second.doc_id or first.date == second.date


def _same_claim(a: ScoredSentence, b: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """Two sentences from differently dated documents that state one fact: they share nearly all
    their words ("The board is chaired by X" / "... by Y") or nearly all their meaning."""
    first, second = passages[a.passage], passages[b.passage]
    if _same_version(a, b, passages):
        return False
    words_a = set(_normal(first.text[a.start : a.end]).split())
    words_b = set(_normal(second.text[b.start : b.end]).split())
    if _overlap(words_a, words_b) > _REPEAT:
        return True
    if first.sentence_vectors is None or second.sentence_vectors is None:
        return False
    u = np.asarray(first.sentence_vectors[a.index], dtype=np.float32)
    v = np.asarray(second.sentence_vectors[b.index], dtype=np.float32)
    return float(u @ v) >= _SAME_CLAIM


def _superseded_note(older: list[Passage]) -> str:
    names = "; ".join(f"{p.doc.title} ({p.doc.date or 'undated'})" for p in older)
    return f"Newer documents were preferred over older ones on the same point: {names}."


def _with_whole_lists(chosen: list[ScoredSentence], passages: Sequence[Passage]) -> list[ScoredSentence]:
    """Add the rest of any list a chosen sentence belongs to or introduces (same passage)."""
    result = list(chosen)
    taken = {(s.passage, s.index) for s in chosen}
    for s in chosen:
        passage = passages[s.passage]
        spans = passage.chunk.sentences
        items = [i for i, (a, b) in enumerate(spans) if LIST_ITEM.match(passage.text[a:b])]
        if not items:
            continue
        introduces = passage.text[s.start : s.end].rstrip().endswith(":")
        if s.index not in items and not introduces:
            continue
        anchor = s.index if s.index in items else s.index + 1
        for i in _contiguous(items, anchor)[:_MAXLIST_ITEMS]:
            if (s.passage, i) not in taken:
                taken.add((s.passage, i))
                a, b = spans[i]
                result.append(ScoredSentence(s.passage, i, a, b, s.semantic, s.keyword))
    return result


def _prefer_list(
    chosen: list[ScoredSentence],
    picks: list[_Pick],
    passages: Sequence[Passage],
    query: Query,
    count: int | None,
) -> list[ScoredSentence]:
    """For a list question, answer with the best list when it comes close to the best sentence.

    A list is judged as a whole: its items' best meaning score, the question's terms found in
    its heading and section path (full credit) or only in its items (half credit: a list headed
    "Our Ambitions" answers "what are the ambitions" better than one that mentions them), and
    a bonus when it has exactly as many items as the question names ("the seven ambitions").
    """
    runs = _list_runs(passages)
    if not runs:
        return chosen
    by_sentence = {(p.sentence.passage, p.sentence.index): p.sentence for p in picks}
    best_list, best_value = None, -1.0
    for (p_index, first), items in {(k[0], v[0]): v for k, v in runs.items()}.items():
        passage = passages[p_index]
        members = [by_sentence[(p_index, i)] for i in items if (p_index, i) in by_sentence]
        if not members:
            continue
        heading, items_text = terms_of(
            [
                f"{passage.chunk.section_path} {sentence_headings(passage.chunk)[first]}",
                " ".join(passage.text[m.start : m.end] for m in members),
            ]
        )
        wording = keyword_share(query.weights, heading) + HEADING_SHARE * keyword_share(
            query.weights, items_text - heading
        )
        value = (
            SEMANTIC_WEIGHT * max(m.semantic for m in members)
            + KEYWORD_WEIGHT * min(1.0, wording)
            + (_COUNT_BONUS if count is not None and len(items) == count else 0.0)
            + _RANK_PRIOR * passage.score
        )
        if value > best_value:
            best_list, best_value = max(members, key=lambda m: m.semantic), value
    if best_list is None or best_value < picks[0].value - _LIST_REACH:
        return chosen
    return [best_list]


def _list_runs(passages: Sequence[Passage]) -> dict[tuple[int, int], list[int]]:
    """For every list-item sentence, the contiguous run of items it belongs to."""
    runs: dict[tuple[int, int], list[int]] = {}
    for p_index, passage in enumerate(passages):
        items = [i for i, (a, b) in enumerate(passage.chunk.sentences) if LIST_ITEM.match(passage.text[a:b])]
        for i in items:
            runs[(p_index, i)] = _contiguous(items, i)
    return runs


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


def _next_in_paragraph(
    sentence: ScoredSentence, passages: Sequence[Passage], picks: list[_Pick]
) -> ScoredSentence | None:
    """The sentence right after ``sentence`` when it is in the same paragraph (not a new line)."""
    passage = passages[sentence.passage]
    spans = passage.chunk.sentences
    if sentence.index + 1 >= len(spans):
        return None
    start, _ = spans[sentence.index + 1]
    if "\n" in passage.text[sentence.end : start]:
        return None
    for pick in picks:
        if pick.sentence.passage == sentence.passage and pick.sentence.index == sentence.index + 1:
            return pick.sentence
    return None


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def _contiguous(items: list[int], anchor: int) -> list[int]:
    if anchor not in items:
        return []
    position = items.index(anchor)
    start = position
    while start > 0 and items[start - 1] == items[start] - 1:
        start -= 1
    end = position
    while end + 1 < len(items) and items[end + 1] == items[end] + 1:
        end += 1
    return items[start : end + 1]


def _lead_in(heading: str, passage: Passage, sentence: str) -> str:
    """'Holiday Hunger: ' before a sentence that only makes sense under its heading."""
    if not heading or len(passage.chunk.section) < 2 or heading.endswith("?") or _GENERIC_HEADINGS.match(heading):
        return ""
    heading_terms = terms_of([heading])[0]
    if not heading_terms or len(heading_terms & terms_of([sentence])[0]) / len(heading_terms) >= 0.5:
        return ""
    return f"{heading}: "


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
