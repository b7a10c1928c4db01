"""The default answerer: no LLM, just the documents' own sentences, each one cited.

1. Every sentence of the retrieved passages is scored as evidence (meaning and wording, see
   :mod:`assistant.evidence`) and valued as an answer: the kind of answer the question expects
   (a person for "who", a sum for "what overspend", a date for "when"), its predicate ("who
   *seconded*") and the date it names (see :mod:`assistant.answer.selection`).
2. The best sentence is taken with what it needs to stand alone (the items a lead-in
   introduces, the row a table caption heads, the motion an outcome belongs to), with close
   runners-up that say something new; a list is kept whole when the question asks for one
   (see :mod:`assistant.answer.lists`), and a question in two parts gets a sentence for each.
3. Sentences are grouped by passage in reading order, each group ending with its [n] mark
   (see :mod:`assistant.answer.compose`).
4. A confidence from the evidence (see :mod:`assistant.answer.confidence`) decides whether to
   answer or to say the documents do not cover the question; a question about one named thing
   that the passages name but never answer for says so ("The documents do not say when Safer
   Essex meets.", see :mod:`assistant.answer.subject`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from assistant.acronyms import asked_acronym, meaning
from assistant.answer.citations import finalize_citations
from assistant.answer.compose import compose
from assistant.answer.confidence import FEATURES, confidence
from assistant.answer.counted import asks_done, counted_noun, counting, not_counted_text
from assistant.answer.features import evidence_features, unmentioned_year
from assistant.answer.filtered import ASKS_WHICH_THINGS, filtered_items
from assistant.answer.headlines import Embed, original, with_heading_lines
from assistant.answer.labelled import labelled_items
from assistant.answer.lists import introduces_list, prefer_list, with_whole_lists
from assistant.answer.ordinals import about_another, asked_ordinals
from assistant.answer.patterns import quarters
from assistant.answer.quoted import holding, not_named_text, quoted_phrases
from assistant.answer.selection import (
    Intent,
    Pick,
    choose,
    complete,
    normal,
    overlap,
    rank,
    read_intent,
    same_version,
    text_of,
)
from assistant.answer.subject import answers_frame, frame_of, mention, not_said_text, subject_known
from assistant.dates import sort_key
from assistant.evidence import ScoredSentence, score_sentences
from assistant.retrieve import Retrieval
from assistant.types import Answer, Citation, Passage

ABSTAIN_TEXT = "The documents do not cover this. The nearest passages are listed below."

_MAX_SENTENCES = 3
_REPEAT = 0.6
_SAME_CLAIM = 0.9
_SUBJECT_REACH = 0.25
_FOLLOWING = 400  # characters after a chosen sentence within which the next sentences may count for it
# kinds of answer a frame ("when does it *meet*") does not check: none wanted, or a place, which a
# sentence gives with any verb ("Delivered across Basildon, Braintree ..." for "where does it operate")
_UNFRAMED = frozenset({None, "where"})
# Below this cosine (MiniLM) the best sentence is about something else, whatever words it shares:
# "What is the capital of France?" and "... more people moved to Essex from the Capital" (0.12).
# The lowest of any answerable question's best sentence across the twelve sets is 0.217.
_UNRELATED = 0.18
_SPELLED_CONFIDENCE = 0.9  # an acronym's spelling in the documents answers what it stands for

Neighbour = Callable[[Passage], "Passage | None"]

__all__ = ["ABSTAIN_TEXT", "ExtractiveAnswerer", "abstention", "compose", "evidence_features"]


class ExtractiveAnswerer:
    """Builds answers from retrieved sentences; see the module docstring.

    ``neighbour`` gives the passage that follows one in its document (or None), so that a list
    running past a retrieved passage can be followed to its end; ``embed`` embeds texts, so that
    heading lines holding an answer can be scored (see :mod:`assistant.answer.headlines`).
    """

    name = "extractive"

    def __init__(
        self,
        abstain_threshold: float = 0.45,
        max_sentences: int = _MAX_SENTENCES,
        neighbour: Neighbour | None = None,
        embed: Embed | None = None,
    ) -> None:
        self.abstain_threshold = abstain_threshold
        self.max_sentences = max_sentences
        self.neighbour = neighbour
        self.embed = embed

    def answer(self, question: str, retrieval: Retrieval) -> Answer:
        """Answer ``question`` from ``retrieval``'s passages, or abstain with them listed."""
        acronym = asked_acronym(retrieval.query.text)
        if acronym is not None and (spelled := _spelled_out(question, acronym, retrieval.passages)) is not None:
            return spelled
        intent = read_intent(retrieval.query.text)
        passages = with_heading_lines(retrieval.passages, intent.expected, intent.text, self.embed)
        scored = score_sentences(retrieval.query, passages)
        if asked := asked_ordinals(intent.text):  # "the 11th Annual ... Conference": not the 10th
            other = about_another(asked, [((s.passage, s.index), text_of(s, passages)) for s in scored])
            scored = [s for s in scored if (s.passage, s.index) not in other]
        if (quoted := quoted_phrases(intent.text)) and not (scored := holding(quoted, scored, passages)):
            return abstention(question, retrieval.passages, 0.0, dict.fromkeys(FEATURES, 0.0), not_named_text(quoted))
        if not scored:
            return abstention(question, retrieval.passages, 0.0, dict.fromkeys(FEATURES, 0.0))
        picks = rank(scored, passages, intent, retrieval.query.weights)
        chosen = choose(picks, passages, intent, self.max_sentences)
        lead = next((c for c in chosen if introduces_list(c, passages)), None)
        if lead is not None and not intent.wants_list and ASKS_WHICH_THINGS.search(intent.text):
            # "which new members strengthened the Board?": the list the chosen lead-in opens answers it
            intent = replace(intent, wants_list=True, expected=None)
            chosen = [c for c in chosen if c.passage == lead.passage and c.index >= lead.index]
        listed = intent.wants_list and introduces_list(chosen[0], passages)
        if intent.wants_list and (not listed or intent.count):
            by_key = {(p.sentence.passage, p.sentence.index): p.sentence for p in picks}
            # a lead-in already chosen gives way only to items numbered as many as asked ("Priority One ... Four")
            chosen = prefer_list(chosen, picks[0].value, by_key, passages, retrieval.query, intent.count, listed)
        features = evidence_features(retrieval, passages, picks, intent, chosen)
        probability = confidence(features)
        if probability < self.abstain_threshold or max(features["semantic"], features["answer_semantic"]) < _UNRELATED:
            return abstention(question, retrieval.passages, probability, features)
        if (year := unmentioned_year(intent.text, retrieval.passages)) is not None:
            text = f"No passage found mentions {year}. The nearest passages are listed below."
            return abstention(question, retrieval.passages, probability, features, text)
        # "which councils ... increases of 10%": the items with that figure; "options A to C": each of them
        if picked := filtered_items(intent.text, scored, passages) or labelled_items(intent.text, scored, passages):
            chosen = picked
        frame = frame_of(intent.text)
        if frame is not None and intent.expected not in _UNFRAMED and subject_known(frame, passages):
            chosen = _about_subject(chosen, picks, passages, intent)
            if not chosen:
                return abstention(question, retrieval.passages, probability, features, not_said_text(frame))
        if intent.expected == "count" and (noun := counted_noun(intent.text)):  # "how many chargers": chargers
            reach = [
                p.sentence
                for p in picks
                if p.offers and (p.value >= picks[0].value - _SUBJECT_REACH or _follows(p.sentence, chosen, passages))
            ]
            count = counting(chosen, reach, passages, noun, asks_done(intent.text))
            if count is None:
                return abstention(question, retrieval.passages, probability, features, not_counted_text(noun))
            if count not in chosen:
                chosen = complete(count, passages, intent, {(p.sentence.passage, p.sentence.index): p for p in picks})
        chosen, superseded = _newer_wins(chosen, passages)
        if intent.wants_list and not picked:
            chosen = with_whole_lists(chosen, passages, intent.count, self.neighbour)
        text, highlights = compose(chosen, passages)
        text, citations = finalize_citations(text, passages, highlights)
        citations = tuple(Citation(c.n, original(c.passage, retrieval.passages), c.spans) for c in citations)
        shown = tuple(retrieval.passages) + tuple(c.passage for c in citations if c.passage not in retrieval.passages)
        note = _superseded_note(superseded) if superseded else None
        return Answer(question, text, citations, shown, False, probability, note, features)


def _about_subject(
    chosen: list[ScoredSentence], picks: list[Pick], passages: Sequence[Passage], intent: Intent
) -> list[ScoredSentence]:
    """The chosen sentences about the question's subject if one of them answers, else the best
    pick within reach that does (completed), else nothing."""
    frame = frame_of(intent.text)
    assert frame is not None
    answering = [mention(frame, s, passages) for s in chosen if answers_frame(frame, intent.expected, s, passages)]
    if answering:
        return [s for s in chosen if mention(frame, s, passages) >= max(answering)]
    by_key = {(p.sentence.passage, p.sentence.index): p for p in picks}
    for pick in picks:
        if pick.value < picks[0].value - _SUBJECT_REACH:
            break
        if answers_frame(frame, intent.expected, pick.sentence, passages):
            return complete(pick.sentence, passages, intent, by_key)
    return []


def _follows(sentence: ScoredSentence, chosen: Sequence[ScoredSentence], passages: Sequence[Passage]) -> bool:
    """Whether a sentence comes just after a chosen one in its document, in the same chunk or the next
    ("The Over 75s Same Day Access Clinic, launched in January 2024 ... From January to September
    2024, the clinic saw 1,601 patients"): what it counts may be named only in the one before."""
    at = passages[sentence.passage].chunk
    start = at.char_start + sentence.start
    for c in chosen:
        before = passages[c.passage].chunk
        gap = start - (before.char_start + c.end)
        if before.doc_id == at.doc_id and before.page == at.page and 0 <= gap <= _FOLLOWING:
            return True
    return False


def abstention(
    question: str,
    passages: Sequence[Passage],
    probability: float,
    features: dict[str, float],
    text: str = ABSTAIN_TEXT,
) -> Answer:
    """The answer given when the documents do not cover a question: the nearest passages, uncited."""
    return Answer(question, text, (), tuple(passages), True, probability, evidence=features)


def _spelled_out(question: str, acronym: str, passages: Sequence[Passage]) -> Answer | None:
    """ "CHB stands for Corporately Held Budgets [1]", cited to the passage that spells it out."""
    for i, passage in enumerate(passages):
        found = meaning(acronym, passage.text)
        if found is not None:
            span, words = found
            body, citations = finalize_citations(f"{acronym} stands for {words}. [{i + 1}]", passages, {i: [span]})
            evidence = {"spelled_out": 1.0}
            return Answer(question, body, citations, tuple(passages), False, _SPELLED_CONFIDENCE, evidence=evidence)
    return None


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


def _same_claim(a: ScoredSentence, b: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """Two sentences from differently dated documents that state one fact: they share nearly all
    their words ("The board is chaired by X" / "... by Y") or nearly all their meaning. Sentences
    reporting different quarters ("In Q2 ... 119", "In Quarter 3 ... 106") state two facts."""
    first, second = passages[a.passage], passages[b.passage]
    if same_version(a, b, passages):
        return False
    text_a, text_b = first.text[a.start : a.end], second.text[b.start : b.end]
    named_a, named_b = quarters(text_a), quarters(text_b)
    if named_a and named_b and not named_a & named_b:
        return False
    words_a = set(normal(text_a).split())
    words_b = set(normal(text_b).split())
    if overlap(words_a, words_b) > _REPEAT:
        return True
    if first.sentence_vectors is None or second.sentence_vectors is None:
        return False
    u = np.asarray(first.sentence_vectors[a.index], dtype=np.float32)
    v = np.asarray(second.sentence_vectors[b.index], dtype=np.float32)
    return float(u @ v) >= _SAME_CLAIM


def _superseded_note(older: list[Passage]) -> str:
    names = "; ".join(f"{p.doc.title} ({p.doc.date or 'undated'})" for p in older)
    return f"Newer documents were preferred over older ones on the same point: {names}."
