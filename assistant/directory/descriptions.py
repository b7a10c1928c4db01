"""One sentence that says what an initiative is, read from anywhere in its document.

In order of trust:

1. the first sentence of its own section (a heading under an ambition), or of a section whose
   heading is its name when that sentence names it;
2. its list item, when the item names it and says something of it;
3. a sentence anywhere in the document with it as the subject ("The Kent and Medway Business
   Fund continued to support local firms ...", "The PSDS grant is now moving focus ..."), or
   described in apposition ("Home First, a joint service ...", "the 'Home First' service which
   provides ...");
4. any other sentence that names it and says something of it in plain words;
5. the sentence right after a name standing alone (a heading, a cell, a line that is only the
   name) when it is about it: it refers back to it ("... under the scheme", "This is a critical
   programme ...") or opens by saying what it is ("Short term service free up to 10 weeks ...").

A table cell that is only the name, a row run on into the next cells or the next heading is no
description, and none is better than one of those: the directory then says plainly that the
documents name it without saying what it is (:data:`assistant.directory.model.UNDESCRIBED`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from assistant.directory.doctext import DocText
from assistant.directory.mentions import Mention
from assistant.directory.names import INITIATIVE_WORDS, VERB_START, acronym_of
from assistant.ingest.tables import CELL_SEPARATOR

_LIST_MARK = re.compile(r"^(?:[-•*▪]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_QUOTE_START = ("'", '"', "“", "‘")
# A description says at least this many plain (lower-case) words besides the name; a sentence of
# more words, or an unended one of more than the second count, is a table run, not a sentence.
_MIN_PLAIN_WORDS = 3
_MAX_WORDS = 90
_MAX_UNENDED_WORDS = 30
_PLAIN_LENGTH = 45  # the first sentence this short is taken before longer ones
_REACH = 2000  # how far after a name its next sentence may start
_MIN_SEARCHED = 3  # shorter names and acronyms are not looked for across the document
# Before a subject: nothing, or an article, a possessive or a date ("The", "KCC's", "In 2024,").
_SUBJECT_BEFORE = re.compile(
    r"^[\W\d]*(?:(?:in|by|during|since|from)\s+[\w\s]{1,25},\s*)?(?:(?:the|our|this|its|a|new)\s+|[A-Z][\w&]*['’]s\s+)*"
    r"[\W]*$",
    re.IGNORECASE,
)
_KIND_NOUN = (
    r"(?:programmes?|projects?|schemes?|services?|campaigns?|initiatives?|pilots?|funds?|grants?|"
    r"partnerships?|offers?|apps?|websites?|platforms?|interventions?|pathfinder(?:\s+project)?)"
)
_VERB = (
    r"(?:is|are|was|were|will|would|has|have|had|can|provides?|provided|supports?|supported|aims?|aimed|offers?|"
    r"offered|helps?|helped|delivers?|delivered|enables?|enabled|brings?|works?|worked|continues?|continued|"
    r"funds?|funded|gives?|allows?|seeks?|focus(?:es|ed)?|targets?|runs?|ran|recognises?|encourages?|"
    r"promotes?|includes?|covers?|offers?|invests?|allocated|facilitated|reached|trained|launched|operates?)"
)
# What follows a subject: a verb (perhaps after a kind word, an acronym or "which"), or an appositive.
_AFTER_SUBJECT = re.compile(
    r"^[’'”\"]?(?:\s*\([^)]{1,12}\))?[’'”\"]?(?:\s+" + _KIND_NOUN + r")?(?:\s*\([^)]{1,12}\))?"
    r"(?:,?\s+(?:which|that|who)\b)?(?:\s+(?:now|also|currently|still|then|successfully|already))?"
    r"(?:\s+" + _VERB + r"\b|\s*,\s+(?:an?|the)\s+[a-z])"
)
_BACK_REFERENCE = re.compile(r"^[\W]*(?:This|It|These)\s+(?:is|was|will|has|provides|aims|supports|offers)\b")
_SAYS_WHAT_IT_IS = re.compile(
    r"^(?:(?:Provides|Delivers|Offers|Supports|Helps|Enables|Aims|Runs|Gives)\b|[A-Z][a-z\-]*(?:\s+[a-z][\w\-]*){0,3}"
    r"\s+" + _KIND_NOUN + r"\b)"
)
_ENDS_SENTENCE = (".", "!", "?", ".”", ".’")
# A table's cells run together: a capitalised verb opening the next cell mid-line ("... Programme
# Support delivery of ..."), a row of figures ("— Actual Portfolio £m: 8.17; ..."), a header row.
_NEXT_CELL = re.compile(r"(?P<before>[\w)*’']+)\s+(?P<verb>[A-Z][a-z]+)\s+[a-z]")
_CELL_VERBS = VERB_START | frozenset("contribute link target strengthen raise embed identify protect take".split())
_FIGURES_ROW = re.compile(r"\s[—|]\s.*:\s*[£$€(-]?\d")
# A cell that says what its name is: "Positive Wellbeing – social prescribing service".
_CELL = re.compile(r"(?:\s*\([^)]{1,12}\))?\s*(?:[–—:]|\s-)\s+(?=(?i:provides|delivers|offers|supports)\b|[a-z])")
_IN_PROSE = re.compile(r"\b(?:the|a|an|of|to|for|with|by|in|on|from|and|our|its)\s+$", re.IGNORECASE)
_CELL_END = re.compile(r"(?<=[a-z,)])\s+(?=[A-Z])")


def describe(doc: DocText, mentions: Sequence[Mention], ambitions: Sequence[str] = ()) -> str:
    """One sentence about the entity (see the module's order), or "" when the documents say nothing.

    Args:
        doc: the document.
        mentions: the entity's mentions in it.
        ambitions: the document's ambitions; a heading under one opens a section about the entity.
    """
    names = sorted(names_of(mentions), key=len, reverse=True)
    for origin in ("heading", "item"):
        if found := _from_mentions(doc, mentions, origin, names, ambitions):
            return found
    searched = [n for n in names if len(n) >= _MIN_SEARCHED]
    if found := _shortest_first([t for t in _sentences_naming(doc, searched) if _has_subject(t, searched)]):
        return found
    if found := _from_mentions(doc, mentions, "pattern", names, ambitions):
        return found
    return _shortest_first(list(_sentences_after(doc, mentions, names)))


def _from_mentions(
    doc: DocText, mentions: Sequence[Mention], origin: str, names: Sequence[str], ambitions: Sequence[str]
) -> str:
    found = []
    for mention in mentions:
        if mention.origin == origin and (span := describing_sentence(doc, mention)):
            text = _text(doc, span)
            if origin != "heading" and (cell := cell_description(text, names)):
                found.append(cell)  # "Positive Wellbeing – social prescribing service", not the row around it
            elif (origin == "heading" and mention.theme in ambitions) or says_what(text, names):
                found.append(text)  # a heading under an ambition opens its own section
    return _shortest_first(found)


def _shortest_first(found: Sequence[str]) -> str:
    """The first sentence of plain length, else the shortest ("" for none)."""
    if not found:
        return ""
    return next((text for text in found if len(text.split()) <= _PLAIN_LENGTH), min(found, key=len))


def _text(doc: DocText, span: tuple[int, int]) -> str:
    return _LIST_MARK.sub("", " ".join(doc.text[span[0] : span[1]].split()), count=1)


def names_of(mentions: Sequence[Mention]) -> set[str]:
    """The names mentions give, with and without their acronym, and the acronym alone."""
    names = {m.name for m in mentions} | {re.sub(r"\s*\([^)]*\)", "", m.name) for m in mentions}
    return names | {a for m in mentions if (a := acronym_of(m.name))}


def says_what(sentence: str, names: Sequence[str]) -> bool:
    """Whether a sentence names one of ``names`` and says something of it (not a bare cell or a table run)."""
    lowered = sentence.lower()
    name = next((n for n in names if n and n.lower() in lowered), None)
    if name is None:
        return False
    at = lowered.index(name.lower())
    return _is_sentence(sentence[:at] + " " + sentence[at + len(name) :], sentence)


def _is_sentence(rest: str, sentence: str) -> bool:
    """Whether ``sentence`` says at least three plain words (in ``rest``) and is no table run."""
    plain = [w for w in rest.split() if w.strip(".,;:()’'").isalpha() and w.islower()]
    limit = _MAX_WORDS if sentence.rstrip().endswith(_ENDS_SENTENCE) else _MAX_UNENDED_WORDS
    return len(plain) >= _MIN_PLAIN_WORDS and len(sentence.split()) <= limit and not is_table_run(sentence)


def is_table_run(sentence: str) -> bool:
    """Whether a "sentence" is a table's cells run together, a row of figures or a header row."""
    if _FIGURES_ROW.search(sentence) or sentence.count(CELL_SEPARATOR) >= 2:
        return True
    for match in _NEXT_CELL.finditer(sentence):
        before = match.group("before")
        ends_cell = before.islower() or before.lower() in INITIATIVE_WORDS or not before[0].isalpha()
        if match.group("verb").lower() in _CELL_VERBS and ends_cell and match.start() > 0:
            return True  # "... Programme Support delivery", "... were possible Contribute to ..."
    return False


def cell_description(sentence: str, names: Sequence[str]) -> str:
    """The cell of a table run that names the entity and says what it is, or ""."""
    lowered = sentence.lower()
    for name in names:
        at = lowered.find(name.lower())
        cell = _CELL.match(sentence, at + len(name)) if at >= 0 else None
        if cell is None or _IN_PROSE.search(sentence[:at]):
            continue  # "... to develop the Mockingbird Scheme - part of ..." is prose, not a cell
        end = _CELL_END.search(sentence, cell.end())
        text = sentence[at : end.start() if end else len(sentence)].rstrip(" ,;")
        if _is_sentence(text[len(name) :], text):
            return text
    return ""


def _sentences_naming(doc: DocText, names: Sequence[str]) -> Iterator[str]:
    """Every sentence of the document that names one of ``names`` (an acronym by its case), in order."""
    spans = set()
    for name in names:
        acronym = name.isupper() and " " not in name
        text, needle = (doc.text, name) if acronym else (doc.lowered, name.lower())
        at = text.find(needle)
        while at >= 0:
            end = at + len(needle)
            if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
                spans.add(doc.sentence_at(at))
            at = text.find(needle, end)
    for span in sorted(spans):
        if not doc.text[span[0] : span[1]].lstrip().startswith(_QUOTE_START):
            yield _text(doc, span)


def _has_subject(sentence: str, names: Sequence[str]) -> bool:
    """Whether one of ``names`` is the sentence's subject, or is described in apposition, in a real sentence."""
    lowered = sentence.lower()
    for name in names:
        at = lowered.find(name.lower())
        while at >= 0:
            after = sentence[at + len(name) :]
            if _SUBJECT_BEFORE.match(sentence[:at]) and _AFTER_SUBJECT.match(after):
                return _is_sentence(sentence[:at] + " " + after, sentence)
            if re.match(r"^[’'”\"]?(?:\s*\([^)]{1,12}\))?(?:\s+" + _KIND_NOUN + r")?,?\s+which\s+", after):
                return _is_sentence(sentence[:at] + " " + after, sentence)
            at = lowered.find(name.lower(), at + 1)
    return False


def _sentences_after(doc: DocText, mentions: Sequence[Mention], names: Sequence[str]) -> Iterator[str]:
    """The sentence after a name that stands alone (a heading, a line, a sentence), when it is about it."""
    kinds = {name.split()[-1].lower() for name in names if len(name.split()) > 1}
    for mention in mentions:
        line = doc.line_at(mention.start)
        if line is None:
            continue
        alone = len(line.content.split()) <= len(mention.name.split()) + 3
        sentence = doc.sentence_at(mention.start)
        short = len(doc.text[sentence[0] : sentence[1]].split()) <= len(mention.name.split()) + 4
        if not (alone or short):
            continue
        after = max(sentence[1], line.end if alone else 0)
        following = doc.sentences_in(after, after + _REACH)
        if not following:
            continue
        text = _text(doc, following[0])
        if _is_about(text, kinds, alone) and _is_sentence(text, text):
            yield text


def _is_about(text: str, kinds: set[str], alone: bool) -> bool:
    """Whether a sentence after a name refers back to it or (after a name alone) says what it is."""
    if _BACK_REFERENCE.match(text):
        return True
    if not alone:
        return False
    refers = any(re.search(rf"\b(?:the|this|our) {re.escape(kind)}\b", text) for kind in kinds)
    return refers or bool(_SAYS_WHAT_IT_IS.match(text))


def describing_sentence(doc: DocText, mention: Mention) -> tuple[int, int] | None:
    """The span of the sentence a mention itself offers: its section's first, its item's, or its own."""
    if mention.origin == "heading":
        for s, e in doc.sentences_in(*mention.context):
            if not doc.text[s:e].startswith(_QUOTE_START) and len(doc.text[s:e].split()) > 3:
                return (s, e)
        return None
    if mention.origin == "item":
        line = doc.line_at(mention.context[0])
        sentence = doc.sentence_at(mention.context[0])
        if line is not None and line.start <= sentence[0] <= mention.context[0]:
            return sentence  # the item's whole sentence, as an answer citing the same line marks it
        return mention.context[0], sentence[1]
    return doc.sentence_at(mention.start)
