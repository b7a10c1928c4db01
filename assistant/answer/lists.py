"""Lists in answers: which list answers a list question, and taking a list whole.

A list is a run of item sentences ("• Resident engagement: ...", "(2) Endorse ...", "3. Share
prosperity ...") in one passage, usually after a lead-in ending with a colon. A list is taken
with all its items; when the question names how many ("what three critical issues"), items are
gathered past the explanatory paragraphs between them, and into the next passage of the same
document when the list runs on beyond the retrieved one. A table whose rows a PDF runs into one
line, each row with its code ("Give children ... the best start in life SO1 Tackle the wider
determinants ... SO2 ..."), is a list too when it holds as many coded items as the question names,
and so is a line of items named by a word and their number ("Priority One: ..., Priority Two: ...");
such a list answers a question naming that many even over a lead-in already chosen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.evidence import (
    HEADING_SHARE,
    ITEM,
    KEYWORD_WEIGHT,
    NUMBER_WORDS,
    SEMANTIC_WEIGHT,
    Query,
    ScoredSentence,
    keyword_share,
    sentence_headings,
    terms_of,
)
from assistant.types import Passage

MAX_ITEMS = 12
_CODE = re.compile(r"\b([A-Z]{1,4})(\d{1,2})\b")  # "SO1", "P2": an item's code in a table of them
# "Priority One: ..., Priority Two: ...": items named by a word and their number, in words or figures
_NUMBERED = "|".join(w.capitalize() for w in NUMBER_WORDS[1:11])
_WORD_CODE = re.compile(rf"\b([A-Z][a-z]{{2,}})\s+({_NUMBERED}|\d{{1,2}})\s*[:.\-–]")
_ANNOUNCES = re.compile(r"\b(?:the following(?:\s+[a-z\-]+){0,3}|as follows)\s*[.:]?\s*$", re.IGNORECASE)
_COUNT_BONUS = 0.1
_LIST_REACH = 0.25
_RANK_PRIOR = 0.06
_MAX_FOLLOW_PASSAGES = 2

Neighbour = Callable[[Passage], "Passage | None"]


def is_lead_in(sentence: str) -> bool:
    """Whether a sentence introduces what follows it ("... include:", "there will be three categories:",
    "... based on the following assessed levels.", "... as follows.")."""
    return sentence.rstrip().endswith(":") or bool(_ANNOUNCES.search(sentence))


def introduces_list(sentence: ScoredSentence, passages: Sequence[Passage]) -> bool:
    """Whether a sentence is a lead-in followed by list items in its passage."""
    passage = passages[sentence.passage]
    return is_lead_in(passage.text[sentence.start : sentence.end]) and sentence.index + 1 in item_indexes(passage)


def item_indexes(passage: Passage) -> list[int]:
    """The indexes of a passage's sentences that are list items."""
    return [i for i, (a, b) in enumerate(passage.chunk.sentences) if ITEM.match(passage.text[a:b])]


def prefer_list(
    chosen: list[ScoredSentence],
    best_value: float,
    scored: dict[tuple[int, int], ScoredSentence],
    passages: Sequence[Passage],
    query: Query,
    count: int | None,
    coded_only: bool = False,
) -> list[ScoredSentence]:
    """For a list question, answer with the best list when it comes close to the best sentence
    (``coded_only``: only a list whose items are numbered, one to as many as the question names).

    A list is judged as a whole: its items' best meaning score, the question's terms found in
    its heading and section path (full credit) or only in its items (half credit: a list headed
    "Our Ambitions" answers "what are the ambitions" better than one that mentions them), and
    a bonus when it has exactly as many items as the question names ("the seven ambitions").
    """
    best_list, best_list_value = None, -1.0
    for p_index, passage in enumerate(passages if not coded_only else ()):
        for run in _runs(item_indexes(passage)):
            members = [scored[(p_index, i)] for i in run if (p_index, i) in scored]
            if not members:
                continue
            heading = f"{passage.chunk.section_path} {sentence_headings(passage.chunk)[run[0]]}"
            items = " ".join(passage.text[m.start : m.end] for m in members)
            best = max(members, key=lambda m: m.semantic)
            value = _list_value(best, heading, items, passage, query, count is not None and len(run) == count)
            if value > best_list_value:
                best_list, best_list_value = best, value
    for coded in _coded_lists(scored, passages, count):  # a table's rows run into one line, each with its code
        passage = passages[coded.passage]
        value = _list_value(
            coded, passage.chunk.section_path, passage.text[coded.start : coded.end], passage, query, True
        )
        if value > best_list_value:
            best_list, best_list_value = coded, value
    if best_list is None or best_list_value < best_value - _LIST_REACH:
        return chosen
    return [best_list]


def _list_value(best: ScoredSentence, heading: str, items: str, passage: Passage, query: Query, counted: bool) -> float:
    """A list's value as an answer: its best item's meaning, the question's terms in its heading (full
    credit) or only in its items (half), a bonus when it holds as many items as asked for."""
    heading_terms, item_terms = terms_of([heading, items])
    wording = keyword_share(query.weights, heading_terms) + HEADING_SHARE * keyword_share(
        query.weights, item_terms - heading_terms
    )
    return (
        SEMANTIC_WEIGHT * best.semantic
        + KEYWORD_WEIGHT * min(1.0, wording)
        + (_COUNT_BONUS if counted else 0.0)
        + _RANK_PRIOR * passage.score
    )


def _coded_lists(
    scored: dict[tuple[int, int], ScoredSentence], passages: Sequence[Passage], count: int | None
) -> list[ScoredSentence]:
    """Sentences that hold exactly ``count`` items numbered by one code ("Give children ... the best
    start in life SO1 Tackle the wider determinants ... SO2 ... Support and grow our workforce SO6")."""
    if not count or count < 2:
        return []
    found = []
    for (p_index, _), sentence in scored.items():
        codes: dict[str, list[int]] = {}
        text = passages[p_index].text[sentence.start : sentence.end]
        for prefix, number in _CODE.findall(text):
            codes.setdefault(prefix, []).append(int(number))
        for word, number in _WORD_CODE.findall(text):
            codes.setdefault(word, []).append(int(number) if number.isdigit() else NUMBER_WORDS.index(number.lower()))
        if any(numbers == list(range(1, count + 1)) for numbers in codes.values()):
            found.append(sentence)
    return found


def with_whole_lists(
    chosen: list[ScoredSentence],
    passages: list[Passage],
    count: int | None,
    neighbour: Neighbour | None = None,
) -> list[ScoredSentence]:
    """Add the rest of any list a chosen sentence belongs to or introduces.

    ``passages`` may grow: a list that runs on past its passage is followed into the next
    passages of the same document (``neighbour``), which are appended and cited.
    """
    result = list(chosen)
    taken = {(s.passage, s.index) for s in chosen}
    for s in chosen:
        passage = passages[s.passage]
        items = item_indexes(passage)
        introduces = is_lead_in(passage.text[s.start : s.end])
        if s.index not in items and not introduces:
            continue
        if count is not None and introduces:
            found = _counted_items(s, passages, count, neighbour)
        else:
            anchor = s.index if s.index in items else s.index + 1
            run = _contiguous(items, anchor)[:MAX_ITEMS]
            found = [(s.passage, i) for i in [*_lead_in_before(passage, run), *run]]
        for p_index, i in found:
            if (p_index, i) not in taken:
                taken.add((p_index, i))
                a, b = passages[p_index].chunk.sentences[i]
                result.append(ScoredSentence(p_index, i, a, b, s.semantic, s.keyword))
    return result


def _lead_in_before(passage: Passage, run: list[int]) -> list[int]:
    """The sentence introducing a list run ("... three categories:"), when there is one."""
    if not run or run[0] == 0:
        return []
    a, b = passage.chunk.sentences[run[0] - 1]
    return [run[0] - 1] if is_lead_in(passage.text[a:b]) and not ITEM.match(passage.text[a:b]) else []


def _counted_items(
    lead: ScoredSentence, passages: list[Passage], count: int, neighbour: Neighbour | None
) -> list[tuple[int, int]]:
    """The first ``count`` items after a lead-in, skipping the paragraphs that explain each one and
    following the document into its next passages when the list runs on."""
    found: list[tuple[int, int]] = []
    seen: set[str] = set()
    p_index, start = lead.passage, lead.index + 1
    for _ in range(_MAX_FOLLOW_PASSAGES + 1):
        passage = passages[p_index]
        for i in range(start, len(passage.chunk.sentences)):
            a, b = passage.chunk.sentences[i]
            text = passage.text[a:b]
            if ITEM.match(text) and _key(text) not in seen:
                seen.add(_key(text))
                found.append((p_index, i))
                if len(found) >= count:
                    return found
        following = neighbour(passage) if neighbour else None
        if following is None or following.chunk.section != passage.chunk.section:
            break
        p_index, start = _add_passage(passages, following), 0
    return found


def _add_passage(passages: list[Passage], passage: Passage) -> int:
    for i, p in enumerate(passages):
        if p.chunk.chunk_id == passage.chunk.chunk_id:
            return i
    passages.append(passage)
    return len(passages) - 1


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _runs(items: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in items:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _contiguous(items: list[int], anchor: int) -> list[int]:
    return next((run for run in _runs(items) if anchor in run), [])
