"""Sentences that say what a named thing is, kept per document so another document's entry can use them.

A name one document only lists often comes with the sentence that says what it is in another
("Family Hubs are about bringing together ... support services" in an impact assessment, for
the Family Hub Programme a table of activities lists). Each document keeps the sentences whose
subject is a name (:func:`find_subjects`, the test of
:func:`assistant.directory.descriptions.has_subject`); merging gives an initiative that its own
documents leave undescribed the first such sentence of the newest document naming it
(:func:`describe_across`), cited to that document and shown first among its sources.

Names match across documents as merging matches them, and also as the same thing with or
without its kind word, in the singular or the plural ("Family Hubs" and "Family Hub
Programme"); a name of one word, or an acronym alone, is too ambiguous across documents and
is not looked up.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from assistant.directory.descriptions import has_subject, sentence_text
from assistant.directory.doctext import DocText
from assistant.directory.model import Initiative, Subject, normalise_name
from assistant.directory.names import CONNECTORS, NOT_NAMES, clean_name, is_generic, proper_phrases
from assistant.directory.statuses import reports_status

_KIND_WORDS = frozenset("project projects programme programmes program initiative scheme campaign pilot".split())
_SUBJECT_REACH = 120  # a subject starts within this many characters of its sentence's start
# A sentence opening (after short openers and an article) with two capitalised words: a name as subject.
_NAME_START = re.compile(
    r"[\W\d]*(?:[\w’' \-]{1,30},\s+){0,2}(?:(?:The|the|Our|This|Its|A|New)\s+)?"
    r"[A-Z#][\w’'&\-]*\s+(?:(?:of|for|and|&|the)\s+)*[A-Z0-9]"
)
_QUOTED_APPOSITION = re.compile(
    r"\b(?:the|our|its|an?|[A-Z]\w*['’]s)\s+(?:[a-z][\w\-]*\s+){0,5}?(?:strateg(?:y|ies)|plans?|programmes?|projects?|"
    r"schemes?|services?|campaigns?|initiatives?|funds?)\s*,\s*[‘'\"“](?P<name>[A-Z][^'\"”’,]{3,80}?),?[’'”\"]"
)
_MAX_WORDS = 90  # longer "sentences" are table runs
_PLAIN_LENGTH = 45  # a sentence this short is preferred to a longer one


def find_subjects(doc: DocText) -> tuple[Subject, ...]:
    """The document's sentences whose subject is a name of two words or more, with that name."""
    found: list[Subject] = []
    for start, end in doc.sentences:
        if end - start < 20 or doc.text.count(" ", start, end) > _MAX_WORDS:
            continue
        if not _NAME_START.match(doc.text, start, min(end, start + _SUBJECT_REACH)):
            if (apposed := _apposition(doc, start, end)) is not None:
                found.append(apposed)
            continue  # the cheap test first: most sentences open with no name
        for phrase_start, phrase_end in proper_phrases(doc.text, start, min(end, start + _SUBJECT_REACH))[:2]:
            name = clean_name(doc.text[phrase_start:phrase_end])
            text = sentence_text(doc, (start, end))
            if _is_name(name) and has_subject(text, [name], subject_only=True) and not reports_status(text):
                found.append(Subject(name, text, doc.cite(start, end)))
                break
    return tuple(found)


def _apposition(doc: DocText, start: int, end: int) -> Subject | None:
    """A sentence naming a quoted name in apposition to what it is ("the public consultation on Kent's
    draft local nature recovery strategy, "Making Space for Nature," launched ..."): a subject too."""
    found = _QUOTED_APPOSITION.search(doc.text, start, end)
    if found is None or not _is_name(found["name"]):
        return None
    return Subject(found["name"], sentence_text(doc, (start, end)), doc.cite(start, end))


def _is_name(name: str) -> bool:
    words = name.split()
    plain = [w for w in words if w.lower() not in NOT_NAMES and w.lower() not in CONNECTORS]
    return len(words) >= 2 and len(plain) >= 2 and not is_generic(name)


def lookup_key(name: str) -> str:
    """A name's key across documents: normalised, singular, without a trailing kind word ("" when too short)."""
    words = [_singular(w) for w in normalise_name(name).split()]
    if len(words) > 2 and words[-1] in _KIND_WORDS:
        words = words[:-1]
    return " ".join(words) if len(words) >= 2 else ""


def _too_long(subject: Subject) -> bool:
    return len(subject.sentence.split()) > _PLAIN_LENGTH


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def describe_across(initiatives: Sequence[Initiative], subjects: Iterable[Subject]) -> list[Initiative]:
    """Initiatives with no description given the first sentence (newest document first) with their name as subject.

    Args:
        initiatives: the merged initiatives.
        subjects: every document's subjects, the newest document's first.
    """
    by_key: dict[str, Subject] = {}
    for subject in subjects:
        key = lookup_key(subject.name)
        known = by_key.get(key)
        if key and (known is None or (_too_long(known) and not _too_long(subject))):
            by_key[key] = subject  # the newest document's first sentence of plain length
    described = []
    for initiative in initiatives:
        keys = (lookup_key(name) for name in (initiative.name, *initiative.aliases))
        subject = None if initiative.description else next((by_key[k] for k in keys if k in by_key), None)
        if subject is not None:  # its sentence is cited first, where the description is shown
            sources = tuple(dict.fromkeys([subject.source, *initiative.sources]))
            initiative = dataclasses.replace(initiative, description=subject.sentence, sources=sources)
        described.append(initiative)
    return described
