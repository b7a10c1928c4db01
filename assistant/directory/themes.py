"""Themes: the ambitions a document defines and the theme in force at any point of it.

A partnership report lists its ambitions under a heading such as "Our Ambitions" and then
gives each ambition a top-level section; everything inside such a section serves that
ambition. Documents without such a list have no ambitions, and their themes are their
top-level section titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.directory.doctext import DocText, Section
from assistant.directory.model import normalise_name
from assistant.directory.names import is_generic

_AMBITION_LISTS = frozenset(
    normalise_name(title)
    for title in (
        "Our Ambitions",
        "Ambitions",
        "Our shared ambitions",
        "The ambitions",
        "Our Priorities",
        "Priorities",
        "Our shared priorities",
        "Our themes",
        "Themes",
        "Our Vision's ambitions",
    )
)


@dataclass(frozen=True)
class Themes:
    """The ambitions of one document and the sections that serve them."""

    ambitions: tuple[str, ...]
    ambition_sections: tuple[tuple[Section, str], ...]
    top_sections: tuple[Section, ...]

    def ambition_at(self, offset: int) -> str:
        """The ambition whose section holds an offset, or ""."""
        for section, ambition in self.ambition_sections:
            if section.start <= offset < section.end:
                return ambition
        return ""

    def theme_at(self, offset: int) -> str:
        """The ambition at an offset, else the title of its top-level section when meaningful, else ""."""
        ambition = self.ambition_at(offset)
        if ambition or self.ambitions:
            return ambition
        for section in self.top_sections:
            if section.start <= offset < section.end:
                return "" if _is_banner(section.title) else section.title
        return ""


def read_themes(doc: DocText) -> Themes:
    """The ambitions a document lists and the top-level sections named after them."""
    ambitions = _listed_ambitions(doc)
    keys = {normalise_name(a): a for a in ambitions}
    top_level = min((s.level for s in doc.sections), default=1)
    top = tuple(s for s in doc.sections if s.level == top_level)
    matched = tuple((s, keys[normalise_name(s.title)]) for s in doc.sections if normalise_name(s.title) in keys)
    return Themes(ambitions, matched, top)


def _listed_ambitions(doc: DocText) -> tuple[str, ...]:
    for section in doc.sections:
        if normalise_name(section.title) not in _AMBITION_LISTS:
            continue
        items = [line.content for line in doc.lines_in(section.body_start, section.end) if line.is_item]
        items = [item.rstrip(".;") for item in items if 1 <= len(item.split()) <= 12]
        if len(items) >= 2:
            return tuple(items)
    return ()


# A page's protective marking ("Classification: Unrestricted", "OFFICIAL") or the heading of a reply
# in a questions item ("Answer"), or a report's author ("Amanda Beer, Chief Executive Officer"): a line
# that heads pages, turns or papers, not a theme.
_MARKING = re.compile(
    r"(?:(?:security\s+|protective\s+)?(?:classification|marking)\s*:.*|official(?:[\s\-]+sensitive)?|unrestricted|"
    r"not\s+protectively\s+marked|question|answer|response|reply|supplementary\s+question)\W*",
    re.IGNORECASE,
)
_AUTHOR = re.compile(
    r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+,\s+[^,]*\b(?:Officer|Director|Executive|Leader|Member|Manager|Head|"
    r"Chair(?:man)?|Secretary|Clerk)\b[^,]*"
)


def _is_banner(title: str) -> bool:
    """Titles that head a whole document or page rather than a theme (all capitals, generic, a Part,
    a protective marking, a reply's heading)."""
    letters = [c for c in title if c.isalpha()]
    if _MARKING.fullmatch(title.strip()) or _AUTHOR.fullmatch(title.strip()):
        return True
    return is_generic(title) or (bool(letters) and all(c.isupper() for c in letters))
