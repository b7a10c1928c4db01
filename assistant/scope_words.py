"""How a question's words are matched against the names of documents and bodies (see
:mod:`assistant.scope`): names as the keyword index reads them, which words of a name head it, which
words are written as a name, a body's name at the end of the question's words or spelled out from
its acronym, and the question with the words that named its source taken out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from assistant.index.keyword import terms
from assistant.types import DocumentInfo

_SEPARATORS = re.compile(r"[_\-–—/.:|~]")
_WORD = re.compile(r"(?u)\b\w\w+\b")
_PREPOSITIONS = frozenset("of on for in to into with about from by".split())


def name_tokens(text: str) -> list[str]:
    """A name's words as the keyword index makes them, file-name separators read as spaces."""
    return [token for token, _ in located_tokens(text)]


def located_tokens(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Each keyword term of a text with the span of the word it came from (stop words have none)."""
    words = list(_WORD.finditer(_SEPARATORS.sub(" ", text)))
    stems = terms([word.group() for word in words])
    return [(stem[0], word.span()) for word, stem in zip(words, stems, strict=True) if stem]


def heads(name: str) -> set[int]:
    """Positions of a name's tokens that a preposition follows ("Implementation *of* the Armed
    Forces Covenant *in* Kent": 'implement' and 'coven'): what comes after is their object."""
    heads, position, pending = set(), -1, False
    for word in _WORD.finditer(_SEPARATORS.sub(" ", name)):
        if terms([word.group()])[0]:
            if pending and position >= 0:
                heads.add(position)
            position, pending = position + 1, False
        elif word.group().lower() in _PREPOSITIONS:
            pending = True
    return heads


def names_of(info: DocumentInfo) -> list[str]:
    """The names a document goes by: its title, id, type and file name."""
    names = [info.title, info.doc_id, info.doc_type]
    if info.source:
        names.append(PurePath(info.source).stem)
    return [n for n in names if n]


def unique(variants: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The non-empty variants, each once, in their order."""
    seen: list[tuple[str, ...]] = []
    for variant in variants:
        if variant and variant not in seen:
            seen.append(variant)
    return seen


def written_as_name(question: str, span: tuple[int, int]) -> bool | None:
    """Whether a word is capitalised as in a title (None for figures and the question's first word,
    which say nothing either way)."""
    word = question[span[0] : span[1]]
    if word[0].isdigit() or not question[: span[0]].strip():
        return None
    return word[0].isupper()


def as_a_name(written: Sequence[bool | None]) -> bool:
    """Whether repeated words are written as a name: more than half of those that can tell are capitalised.

    A title repeated in lower case is the question's topic, not its source: "outcomes of systemic
    lupus erythematosus" does not name "The pathogenesis of systemic lupus erythematosus".
    """
    telling = [w for w in written if w is not None]
    return not telling or sum(telling) * 2 > len(telling)


def expansions(question: str, acronym: str) -> list[str]:
    """The runs of capitalised words in a question that an acronym stands for ("Treasury Management
    Group" for "TMG")."""
    if not (acronym.isupper() and 2 <= len(acronym) <= 6):
        return []
    runs = re.findall(r"(?:[A-Z][a-z]+\s?){2,6}", question)
    return [run for run in runs if "".join(w[0] for w in run.split()) == acronym]


def acronym_positions(acronym: str, question: str, tokens: list[str]) -> set[int]:
    """Positions of the question's words that spell out a body's acronym (see :func:`expansions`)."""
    for run in expansions(question, acronym):
        words = name_tokens(run)
        for start in range(len(tokens) - len(words) + 1):
            if tokens[start : start + len(words)] == words:
                return set(range(start, start + len(words)))
    return set()


def suffix_match(body: list[str], tokens: list[str]) -> set[int]:
    """Positions of the question's words that are the end of a body's name, in order and
    together (the longest such ending; empty when the question has none of it)."""
    for length in range(len(body), 0, -1):
        ending = body[-length:]
        for start in range(len(tokens) - length + 1):
            if tokens[start : start + length] == ending:
                return set(range(start, start + length))
    return set()


def without(question: str, spans: Sequence[tuple[int, int]]) -> str:
    """The question with the given character spans taken out."""
    keep = [True] * len(question)
    for start, end in spans:
        keep[start:end] = [False] * (end - start)
    words = "".join(c if k else " " for c, k in zip(question, keep, strict=True)).split()
    return " ".join(w for w in words if any(c.isalnum() for c in w) or w in "?!")
