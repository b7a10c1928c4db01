"""Initiatives: a description, partners, figures and citations for each initiative entity.

The description is found by :mod:`assistant.directory.descriptions` (its section, its list
item, a sentence about it anywhere in the document); partners are the organisations named
after "a partnership between", "delivered with", "led by", "working with" and the like in the
text about it; its figures are the figures inside that text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.directory.descriptions import describe, describing_sentence
from assistant.directory.doctext import DocText, Line
from assistant.directory.entities import Entity
from assistant.directory.mentions import Mention
from assistant.directory.model import Figure, Initiative, Setting, SourceRef, normalise_name
from assistant.directory.names import NOT_NAMES, and_segments, clean_name, is_generic, proper_phrases

_PARTNER_CUE = re.compile(
    r"\b(?:partnership between|partnered with|partnership with|in partnership with|delivered with|working with|"
    r"work with|worked with|works with|supported by|led by|hosted by|managed by|run by|funded by|"
    r"commissioned by|developed with|alongside|between|including|involving|funding from|grants? from|funded from|"
    r"with)"
    r"\s+(?:the\s+)?",
    re.IGNORECASE,
)
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s*/\s*)(?:the\s+)?")
_QUOTE_START = ("'", '"', "“", "‘")
_MAX_PARTNERS = 12
_MAX_SETTINGS = 6


def build_initiative(
    doc: DocText, entity: Entity, figures: Sequence[tuple[int, Figure]], ambitions: Sequence[str] = ()
) -> Initiative:
    """The :class:`Initiative` an entity describes, with everything its mentions' text says.

    ``ambitions`` are the document's; a heading under one opens a section about the initiative.
    """
    contexts = [m.context for m in entity.mentions]
    own = {normalise_name(entity.name), *(normalise_name(a) for a in entity.aliases)}
    partners: list[str] = []
    for start, end in contexts:
        for partner in find_partners(doc.text, start, end):
            if normalise_name(partner) not in own and partner not in partners:
                partners.append(partner)
    found = [f for offset, f in figures if any(s <= offset < e for s, e in contexts)]
    description = describe(doc, entity.mentions, ambitions)
    sources = cite_mentions(doc, entity.mentions)
    if description is not None:  # the description's own sentence is cited first, where it is shown
        sources = tuple(dict.fromkeys([doc.cite(*description.span), *sources]))
    return Initiative(
        name=entity.name,
        description=description.text if description else "",
        theme=entity.theme,
        partners=tuple(partners[:_MAX_PARTNERS]),
        figures=tuple(_unique_figures(found)),
        sources=sources,
        aliases=entity.aliases,
        settings=settings_of(doc, entity.mentions),
    )


def settings_of(doc: DocText, mentions: Sequence[Mention]) -> tuple[Setting, ...]:
    """The sentences introducing the lists an entity is named in (the paragraph before the list)."""
    found: list[Setting] = []
    for mention in mentions:
        if mention.origin == "heading":
            continue
        line = doc.line_at(mention.start)
        if line is None or not line.is_item:
            continue
        for start, end in _intro_sentences(doc, line):
            setting = Setting(" ".join(doc.text[start:end].split()), doc.cite(start, end))
            if setting not in found:
                found.append(setting)
    return tuple(found[:_MAX_SETTINGS])


def _intro_sentences(doc: DocText, item: Line) -> list[tuple[int, int]]:
    """The sentences of the paragraphs just before an item's list, within its section (at most three)."""
    section_start = max((s.body_start for s in doc.sections if s.body_start <= item.start), default=0)
    index = doc.line_index(item)
    intro: list[Line] = []
    for line in reversed(doc.lines[max(0, index - 60) : index]):
        if line.start < section_start:
            break
        if line.is_item:
            if intro:
                break
            continue
        if line.text.lstrip().startswith(_QUOTE_START):
            continue  # a quotation beside the list says nothing about it
        intro.insert(0, line)
        if len(intro) == 3:
            break
    return [span for line in intro for span in doc.sentences_in(line.start, line.end)]


def cite_mentions(doc: DocText, mentions: Sequence[Mention]) -> tuple[SourceRef, ...]:
    """One citation per distinct supporting sentence, most trusted mention first."""
    refs: list[SourceRef] = []
    for mention in sorted(mentions, key=lambda m: ("heading", "item", "pattern").index(m.origin)):
        span = describing_sentence(doc, mention) or doc.sentence_at(mention.start)
        ref = doc.cite(*span)
        if ref not in refs:
            refs.append(ref)
    return tuple(refs)


def find_partners(text: str, start: int, end: int) -> list[str]:
    """Organisations named as partners in ``text[start:end]`` ("a partnership between A and B")."""
    partners: list[str] = []
    for cue in _PARTNER_CUE.finditer(text, start, end):
        for name in _name_list(text, cue.end(), end):
            if name not in partners:
                partners.append(name)
    return partners


def _name_list(text: str, position: int, end: int) -> list[str]:
    """The names listed from ``position`` on ("Alzheimer's Society, PA Consulting and TechUK")."""
    names: list[str] = []
    while position < end:
        phrases = proper_phrases(text, position, min(end, position + 120))
        if not phrases or phrases[0][0] != position:
            break
        phrase_end = phrases[0][1]
        acronym = re.match(r"\s*\([^)]{1,80}\)", text[phrase_end:end])
        if not re.match(r" [a-z][\w\-]*s\b", text[phrase_end : phrase_end + 30]):  # "Facebook groups" is no partner
            for start, stop in and_segments(text, position, phrase_end):
                name = clean_name(text[start:stop])
                if _is_partner(name):
                    names.append(name)
        position = phrase_end + (acronym.end() if acronym else 0)
        glue = _LIST_GLUE.match(text, position, end)
        if not glue:
            break
        position = glue.end()
    return names


def _is_partner(name: str) -> bool:
    words = name.split()
    if not words or is_generic(name) or all(w.lower() in NOT_NAMES for w in words):
        return False
    return name[0].isalpha() or name[0] == "#"


def _unique_figures(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for figure in figures:
        if (figure.value, figure.sentence) not in seen:
            seen.add((figure.value, figure.sentence))
            unique.append(figure)
    return unique
