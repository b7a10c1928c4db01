"""Merging per-document entries into one directory.

The same initiative or board named in several documents becomes one entry whose sources are
combined. Where documents disagree (two chairs, two descriptions), the newer document's value
wins and the older one stays in the entry's sources, so it can still be shown and cited. An
initiative's description is cited by its first source, whichever document it comes from; one
that none of its documents describes takes a sentence another document has it as the subject
of (:mod:`assistant.directory.subjects`).
Across documents names are matched more strictly than inside one: the same normalised name,
the same name with a qualifier such as "Greater" or "Local", the name plus its kind word
("Safer Essex" and "Safer Essex Partnership"), the same three words or more but for their
endings ("Corporate Parenting Christmas" and "Corporate Parent Christmas Campaign"; not two
kind words: an Integrated Care Board and an Integrated Care Partnership are two bodies), a name of
four words or more with one qualifier before it ("Just Missing Out Scheme" and "Pensioner Just
Missing Out Scheme"; not "Health and Wellbeing Board" and "Medway Health and Wellbeing Board") or
written another way (a word inserted inside it, one word's ending changed: "England" and "English
National Concessionary Travel Scheme"), or a shared acronym with a shared word.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TypeVar

from assistant.directory.model import Board, Directory, DocumentEntries, Initiative, normalise_name, spelled_otherwise
from assistant.directory.names import BOARD_WORDS, INITIATIVE_WORDS, acronym_of
from assistant.directory.subjects import describe_across
from assistant.index.keyword import terms as stem_terms
from assistant.types import DocumentInfo


def _stems(words: list[str]) -> list[str]:
    """The words' stems as the keyword index makes them ("parenting" and "parent": "parent")."""
    return [found[0] if found else word for word, found in zip(words, stem_terms(words), strict=True)]


_QUALIFIERS = frozenset({"greater", "county", "pan", "local", "the", "specialist", "countywide", "nhs", "and"})
Entry = TypeVar("Entry", Initiative, Board)


def merge_entries(entries: Sequence[DocumentEntries], documents: Mapping[str, DocumentInfo]) -> Directory:
    """One directory from every document's entries, duplicates merged, newer documents winning.

    Args:
        entries: each document's entries, as extracted or as read back from the index.
        documents: the documents' metadata by doc_id, whose dates decide which is newer.

    Returns:
        The merged directory; its ambitions are those the newest defining document lists.
    """
    ordered = sorted(entries, key=lambda e: (_date(documents.get(e.doc_id)), e.doc_id), reverse=True)
    initiatives = _merge_all([i for e in ordered for i in e.initiatives], _merge_initiative)
    initiatives = describe_across(initiatives, [s for e in ordered for s in e.subjects])
    others = [name for e in ordered for name in e.others]
    boards = _merge_all([b for e in ordered for b in e.boards if not same_across(_names(b), others)], _merge_board)
    meetings = sorted((m for e in ordered for m in e.meetings), key=lambda m: (m.date or "", m.doc_id))
    figures = tuple(f for e in ordered for f in e.figures)
    ambitions = next((e.ambitions for e in ordered if e.ambitions), ())
    return Directory(tuple(initiatives), tuple(boards), tuple(meetings), figures, ambitions)


def _date(info: DocumentInfo | None) -> str:
    return (info.date or "") if info else ""


def _merge_all(items: list[Entry], merge) -> list[Entry]:
    """Items (newest document first) folded into groups of the same thing."""
    merged: list[Entry] = []
    for item in items:
        index = next((i for i, known in enumerate(merged) if same_across(_names(known), _names(item))), None)
        if index is None:
            merged.append(item)
        else:
            merged[index] = merge(merged[index], item)
    return merged


def _names(entry: Initiative | Board) -> list[str]:
    return [entry.name, *entry.aliases]


def same_across(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two entries from different documents, known by these names, are the same thing."""
    return any(_same_name(a, b) for a in first for b in second)


def _same_name(first: str, second: str) -> bool:
    a, b = normalise_name(first).split(), normalise_name(second).split()
    if not a or not b:
        return False
    if a == b or (_core(a) == _core(b) and len(_core(a)) >= 2):
        return True
    shorter, longer = sorted((a, b), key=len)
    kind_words = BOARD_WORDS | INITIATIVE_WORDS | {"group", "service"}
    if len(shorter) >= 2 and longer[:-1] == shorter and longer[-1] in kind_words:
        return True
    if _same_stems(a, b, kind_words):
        return True  # "Corporate Parenting Christmas" and "Corporate Parent Christmas Campaign"
    if len(longer) == len(shorter) + 1 and longer[1:] == shorter and len(_core(shorter)) >= 4:
        return True  # "Just Missing Out Scheme" and "Pensioner Just Missing Out Scheme"
    if spelled_otherwise(a, b):
        return True  # "MoD Employer Recognition Scheme" and "MoD Employer Recognition Awards Scheme"
    if _spelled_out(shorter, longer):
        return True  # "KCC Cabinet" and "Kent County Council Cabinet"
    short, long = sorted((first, second), key=len)
    if short.isupper() and " " not in short and acronym_of(long) == short:
        return True  # "TMG" (the minutes' body) and "Treasury Management Group (TMG)"
    acronyms = {acronym_of(first), acronym_of(second)} - {None}
    return len(acronyms) == 1 and all(acronym_of(n) for n in (first, second)) and bool(set(a) & set(b) - {"essex"})


def _same_stems(a: list[str], b: list[str], kind_words: frozenset[str]) -> bool:
    """Whether two names are the same words but for their endings and a kind word closing one:
    "Corporate Parenting Christmas" and "Corporate Parent Christmas Campaign" (three words at
    least, so "Essex Partnership" and "Essex Partners" stay apart: one became the other)."""
    kinds = [n[-1] in kind_words for n in (a, b)]
    if all(kinds) and _stems(a[-1:]) != _stems(b[-1:]):
        return False  # "... Integrated Care Board" and "... Integrated Care Partnership" are two bodies
    first, second = (_stems(n[:-1] if kind and len(n) > 1 else n) for n, kind in zip((a, b), kinds, strict=True))
    return len(first) >= 3 and first == second


def _spelled_out(short: list[str], long: list[str]) -> bool:
    """Whether ``long`` is ``short`` with one word of it, an acronym, written out in full (an acronym
    alone is too ambiguous: "PAC" is the Public Accounts and the Planning Applications Committee)."""
    if len(short) < 2:
        return False
    for index, word in enumerate(short):
        width = len(word)
        if width < 2 or short[:index] != long[:index] or short[index + 1 :] != long[index + width :]:
            continue
        spelled = long[index : index + width]
        if len(spelled) == width and "".join(w[0] for w in spelled) == word and len(long) == len(short) + width - 1:
            return True
    return False


def _core(tokens: list[str]) -> list[str]:
    singular = [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]
    return [t for t in singular if t not in _QUALIFIERS]


def _merge_initiative(newer: Initiative, older: Initiative) -> Initiative:
    # the document the description comes from is cited first (sources[0] cites the description)
    first, second = (older, newer) if older.description and not newer.description else (newer, older)
    return dataclasses.replace(
        newer,
        description=first.description,
        theme=newer.theme or older.theme,
        partners=_union(newer.partners, older.partners),
        figures=_union(newer.figures, older.figures),
        sources=_union(first.sources, second.sources),
        aliases=_aliases(newer, older),
        settings=_union(newer.settings, older.settings),
    )


def _merge_board(newer: Board, older: Board) -> Board:
    chair, since = (newer.chair, newer.chair_since) if newer.chair else (older.chair, older.chair_since)
    stem = normalise_name(newer.name).removesuffix(" group")
    if stem != normalise_name(newer.name) and normalise_name(older.name).startswith(stem):
        newer = dataclasses.replace(newer, name=older.name)  # "the Safer Essex group" is Safer Essex
    return dataclasses.replace(
        newer,
        chair=chair,
        chair_since=since,
        frequency=newer.frequency or older.frequency,
        purpose=_purpose(newer, older),
        members=newer.members or older.members,
        reports_to=newer.reports_to or older.reports_to,
        sources=_union(newer.sources, older.sources),
        aliases=_aliases(newer, older),
    )


def _purpose(newer: Board, older: Board) -> str | None:
    """The newer purpose, unless only the older one is a sentence about the body itself ("X is the ...")."""

    def about_itself(board: Board) -> bool:
        text = normalise_name(board.purpose or "")
        return any(text.startswith(normalise_name(n)) for n in (board.name, *board.aliases) if n)

    if older.purpose and about_itself(older) and not about_itself(newer):
        return older.purpose
    return newer.purpose or older.purpose


def _aliases(newer: Initiative | Board, older: Initiative | Board) -> tuple[str, ...]:
    own = normalise_name(newer.name)
    names = [older.name, *newer.aliases, *older.aliases]
    return tuple(dict.fromkeys(n for n in names if normalise_name(n) != own))


def _union(first: tuple, second: tuple) -> tuple:
    return tuple(dict.fromkeys([*first, *second]))
