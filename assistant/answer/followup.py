"""Follow-ups that pick among the previous answer's items: "which of them is about older people?";
and a question that picks one of the ambitions ("Which ambition is about children?").

After "What are the seven ambitions?" the follow-up is retrieved as usual (read in the light of
the conversation, so the list comes back), but the answer is the item of the previous answer
that best matches what the follow-up asks for ("Enjoy life long into old age"), cited to the
passage it was read from, rather than the whole list again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from assistant.answer.citations import finalize_citations
from assistant.answer.compose import strip_marker
from assistant.conversation import picks_from_previous
from assistant.evidence import terms_of
from assistant.retrieve import Retrieval
from assistant.sentences import split_sentences
from assistant.types import Answer, Passage, Turn

Embed = Callable[[Sequence[str]], np.ndarray]

_MARKS = re.compile(r"\s*\[\d+\]")
_PICKING = re.compile(
    r"^\s*(and\s+)?(which|what|who)\s+(one\s+|ones\s+)?(of\s+)?(them|those|these|they)?\s*"
    r"(is|are|was|were|does|do|did|has|have)?\s*(about|for|on|concerned with|to do with)?\s*",
    re.IGNORECASE,
)
# "Which ambition is about children?", "Which of the seven ambitions covers older people?"
_WHICH_AMBITION = re.compile(
    r"^\s*(?:and\s+)?(?:which|what)\s+(?:one\s+)?(?:of\s+(?:the|our|its|their)\s+(?:\w+\s+)?)?ambitions?\s+"
    r"(?:is|was|does|do|covers?|concerns?|deals?\s+with|relates?\s+to|addresses)?\s*"
    r"(?:about|for|on|with|to\s+do\s+with|concerned\s+with)?\s*(?:the\s+)?(?:ambition\s+)?",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"\b(are|were|ones|have|do)\b", re.IGNORECASE)
_CLOSE = 0.05
_MAX_PICKED = 3


def answer_from_previous(
    question: str, history: Sequence[Turn], retrieval: Retrieval, answer: Answer, embed: Embed
) -> Answer | None:
    """The previous answer's best-matching item for a picking follow-up, or None (``answer`` stands)."""
    if not history or not picks_from_previous(question):
        return None
    lists = [items for turn in reversed(history) if len(items := previous_items(turn.answer)) >= 2]
    if not lists:
        return None
    items = {_key(item) for item in lists[0]}
    passages = list(retrieval.passages)
    candidates = _candidates(passages, items)
    if not candidates:
        return None
    scores = _scores(_focus(question), candidates, passages, embed)
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    wanted = _MAX_PICKED if _PLURAL.search(question.split("?")[0][:40]) else 1
    picked = [candidates[i] for i in order if scores[i] >= scores[order[0]] - _CLOSE][:wanted]
    return _answer(answer, picked, passages)


def asks_for_an_ambition(question: str) -> bool:
    """Whether a question asks which of the ambitions is about something."""
    return bool(_WHICH_AMBITION.match(question))


def ambition_answer(
    question: str, ambitions: Sequence[str], retrieval: Retrieval, answer: Answer, embed: Embed
) -> Answer | None:
    """The ambition a question asks for ("Which ambition is about children?" -> "Provide an equal
    foundation for every child"), picked as a follow-up picks from a list: from the retrieved
    passage that lists the ambitions, by meaning; None when the question asks no such thing or
    that list was not retrieved (``answer`` stands)."""
    asked = _WHICH_AMBITION.match(question)
    focus = question[asked.end() :].strip(" ?") if asked else ""
    if not focus or len(ambitions) < 2:
        return None
    passages = list(retrieval.passages)
    candidates = _candidates(passages, {_key(a) for a in ambitions})
    if len(candidates) < 2:
        return None
    # an ambition's words say little ("Develop our county sustainably" for the environment): what the
    # report says under it counts too, as the best retrieved passage under that heading
    top = max((p.score for p in passages), default=0.0) or 1.0
    scores = [
        score
        + max((p.score / top for p in passages if p.chunk.section and _key(p.chunk.section[0]) == key), default=0.0)
        for score, key in zip(_scores(focus, candidates, passages, embed), _keys(candidates, passages), strict=True)
    ]
    best = max(range(len(candidates)), key=lambda i: scores[i])
    return _answer(answer, [candidates[best]], passages)


def _keys(candidates: list[tuple[int, int]], passages: list[Passage]) -> list[str]:
    keys = []
    for p_index, s_index in candidates:
        a, b = passages[p_index].chunk.sentences[s_index]
        keys.append(_key(strip_marker(passages[p_index].text[a:b])))
    return keys


def previous_items(text: str) -> list[str]:
    """The items of an answer: its list lines, or its sentences when it has no list (the most
    recent answer with two or more is the one a follow-up picks from)."""
    lines = [strip_marker(_MARKS.sub("", line)).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) >= 2:
        return lines
    plain = _MARKS.sub("", text)
    return [plain[a:b] for a, b in split_sentences(plain)]


def _candidates(passages: list[Passage], items: set[str]) -> list[tuple[int, int]]:
    """The sentences of the passages that are items of the previous answer (each once)."""
    found, seen = [], set()
    for p_index, passage in enumerate(passages):
        for s_index, (a, b) in enumerate(passage.chunk.sentences):
            key = _key(strip_marker(passage.text[a:b]))
            if key in items and key not in seen:
                seen.add(key)
                found.append((p_index, s_index))
    return found


def _focus(question: str) -> str:
    """What the follow-up asks for: "older people" in "which of them is about older people?"."""
    return _PICKING.sub("", question).strip(" ?") or question


def _scores(focus: str, candidates: list[tuple[int, int]], passages: list[Passage], embed: Embed) -> list[float]:
    """How well each candidate sentence matches the focus: by meaning, or by wording without vectors."""
    vector = np.asarray(embed([focus])[0], dtype=np.float32)
    wanted = terms_of([focus])[0]
    scores = []
    for p_index, s_index in candidates:
        passage = passages[p_index]
        a, b = passage.chunk.sentences[s_index]
        vectors = passage.sentence_vectors
        if vectors is not None and len(vectors) == len(passage.chunk.sentences):
            scores.append(float(np.asarray(vectors[s_index], dtype=np.float32) @ vector))
        else:
            scores.append(len(wanted & terms_of([passage.text[a:b]])[0]) / max(1, len(wanted)))
    return scores


def _answer(answer: Answer, picked: list[tuple[int, int]], passages: list[Passage]) -> Answer:
    highlights: dict[int, list[tuple[int, int]]] = {}
    lines = []
    for p_index, s_index in picked:
        a, b = passages[p_index].chunk.sentences[s_index]
        highlights.setdefault(p_index, []).append((a, b))
        lines.append(f"{strip_marker(passages[p_index].text[a:b])} [{p_index + 1}]")
    text, citations = finalize_citations("\n".join(lines), passages, highlights)
    evidence = {**answer.evidence, "picked_from_previous": 1.0}
    return Answer(answer.question, text, citations, answer.passages, False, max(answer.confidence, 0.5), None, evidence)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
