"""One sentence that says what an initiative is, read from anywhere in its document.

In order of trust:

1. the first sentence of its own section (a heading under an ambition), or of a section whose
   heading is its name when that sentence names it;
2. its list item, when the item names it and says something of it;
3. a sentence anywhere in the document that says what it is or does: it is the subject ("The
   Kent and Medway Business Fund continued to support local firms ...", "However, Shire
   Council's Plan Tree initiative had already ..."), described in apposition or by a relative
   clause ("Home First, a joint service ...", "the 'Home First' service which provides ...",
   "the Nest Scheme - part of a package ...", "the Safety Valve Programme where ..."), the means
   of what the sentence says ("Through Connect, we ...", "homes brought back into use through the
   No Use Empty programme") or what the sentence defines ("One funding option ... is the Free
   Schools programme.") or who runs it ("... to roll out its BSIP programme");
4. the cell of a table row that names it and says what it is ("Positive Wellbeing – social
   prescribing service"), or a line it opens ("'Road Safety Club' (RSC) intervention to 5,104
   pupils");
5. the sentence right after a name standing alone (a heading, a cell, a line that is only the
   name) when it is about it: it has the name's kind or a pronoun as subject ("This is a critical
   programme ...", "The scheme launched in October ...") or opens by saying what it is ("Short
   term service free up to 10 weeks ...").

A sentence that names it only in passing ("Mr Vale referred to programmes such as Plan Bee",
"working through the Employers Recognition scheme") says where the name is used, not what it
is; it is no description, and neither is a sentence about what it funds ("Carers campaign funded
by Accelerating Reform Fund" is about the campaign), a sentence that only reports news of it ("the
design and build contract has been signed", :mod:`assistant.directory.statuses`), a table cell
that is only the name, a row run on into the next cells or the next heading. None is better
than one of those: the directory then says plainly that the documents name it without saying what it is
(:data:`assistant.directory.model.UNDESCRIBED`), unless another document says it
(:mod:`assistant.directory.subjects`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from assistant.directory.doctext import DocText, without_paragraph_number
from assistant.directory.mentions import Mention
from assistant.directory.names import INITIATIVE_WORDS, VERB_START, acronym_of
from assistant.directory.statuses import only_tallies, reports_status
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
# Before a subject: nothing or an acronym's cell ("KCP – "), up to two short openers ("In 2024,",
# "However, by that stage,"),
# or a clause and a conjunction ("... across Essex and the"); then articles (one modifier after
# each: "The workplace"), a possessive ("Shire County Council's") and capitalised qualifiers
# ("The 2024/25 Crash Remedial Measures (CRM) Cluster Site programme").
_SUBJECT_BEFORE = re.compile(
    r"^(?:[\W\d]*(?-i:[A-Z]{2,8}\s+[–—-]\s+)?(?:[\w’' \-]{1,30},\s+){0,2}|"
    r".*[\w)]\s+(?:and|but|while|whilst|whereas)\s+)"
    r"(?:(?:the|our|this|its|a|new)\s+(?:[a-z][\w\-]*\s+)?|(?:[A-Z][\w&]*\s+){0,3}[A-Z][\w&]*['’]s\s+)*"
    r"(?-i:(?:[A-Z0-9][\w/&\-]*\s+|\([A-Z]{2,8}\)\s+){0,5})[\W]*$",
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
    r"promotes?|includes?|covers?|offers?|invests?|allocated|facilitated|reached|trained|launched|operates?|"
    r"identified|created|established|produced|achieved|secured|sought|made)"
)
# The rest of a name: a closing quote, an acronym, a kind word ("transformation programme").
_NAME_END = (
    r"^[’'”\"]?(?:\s*\([^)]{1,12}\))?[’'”\"]?(?:(?:\s+[a-z][\w\-]*)?\s+" + _KIND_NOUN + r")?(?:\s*\([^)]{1,12}\))?"
)
# What follows a subject: a verb (perhaps after a kind word, an acronym, an aside between commas,
# "developed with the RSA" or "which"), or an appositive.
_AFTER_SUBJECT = re.compile(
    _NAME_END + r"(?:,\s+[a-z][^,]{2,100},|\s+[a-z]+ed\s+(?:with|by)\s+[^,.;]{2,60}?)?"
    r"(?:,?\s+(?:which|that|who)\b)?(?:\s+(?:now|also|currently|still|then|successfully|already))?"
    r"(?:\s+" + _VERB + r"\b|\s*,\s+(?:an?|the)\s+[a-z])"
)
# Described wherever it stands: a relative clause or an appositive after the name ("X, which ...",
# "X a project in partnership with ...", "X, this is a joint project", "X - part of a package").
_DESCRIBED_AFTER = re.compile(
    _NAME_END + r"(?:,?\s+(?:which|who|where|in which)\s+|,?\s+that\s+(?:now\s+|also\s+)?" + _VERB + r"\b|"
    r",?\s+an?\s+(?:[a-z\-]+\s+){0,3}?" + _KIND_NOUN + r"\b|,\s+(?:this|it)\s+(?:is|was)\s+(?:an?|the)\s|"
    r"\s+[–—-]\s+(?:part of|an?|the)\s+[a-z]|"
    # a participle says what it is for: "the PINS pathfinder project in Maidstone, focused on early identification"
    r"(?:\s+in\s+[A-Z][\w\-]*)?,?\s+(?:focused|focusing|aimed|aiming|designed|intended|set\s+up)\s+(?:on|at|to)\s|"
    # or an infinitive does: "developing a 'Create a Room' project, to support existing approved foster carers"
    r",\s+to\s+(?:support|help|provide|enable|improve|create|deliver|give|offer|encourage|reduce|increase|promote|"
    r"tackle|raise|bring|ensure)\s)"
)
# A name, quoted or not, in apposition to what it is: "Kent's draft local nature recovery strategy, "Making
# Space for Nature," launched", "A national recruitment hub, Fostering South East, launched".
_APPOSITION_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Oo]ur|[Ii]ts|[Aa]n?|[A-Z]\w*['’]s)\s+(?:[a-z][\w\-]*\s+){0,5}?"
    r"(?:" + _KIND_NOUN + r"|hubs?|strateg(?:y|ies)|plans?)\s*,\s*[‘'\"“]?$"
)
_APPOSITION_AFTER = re.compile(r"^(?:[,.]?[’'”\"]|,\s)")
# A sentence that only names what the one before it describes: "The project is called Stour Valley Restore."
_NAMING = re.compile(
    r"^[\W]*(?:The|This|Our)\s+(?:new\s+)?" + _KIND_NOUN + r"\s+(?:is|was|will\s+be|has\s+been)\s+"
    r"(?:called|named|known\s+as)\s+(?:the\s+)?[‘'\"“]?$"
)
# The subject's name: "A programme of microgrants named the 'Community Chest' has ..."
_NAMED_BEFORE = re.compile(
    r"^[\W\d]*(?:an?|the)\s+[^,.;:]{0,60}?\b(?:named|called|known as)\s+(?:the\s+)?[‘'\"“]?$", re.IGNORECASE
)
# The means of what a sentence says ("Through Connect, we ...", "... brought back into use through the X").
_THROUGH_BEFORE = re.compile(
    r"(?:^[\W\d]*|(?:^|(?<=\s))[a-z]+(?:ed|en|ght)(?:\s+[a-z]+){0,4}\s+)through\s+(?:(?:the|its|our|their)\s+)?[‘'\"“]?$",
    re.IGNORECASE,
)
# Who runs it: "KCC is once again offering its Community Transport Grant scheme", "continuing to roll out
# its BSIP programme", "engagement with Multiply project". What it funds ("Carers campaign funded by
# Accelerating Reform Fund", "NUE were awarded £2.5m under the SELEP Growing Places Fund") is a sentence
# about the thing funded, not about the fund, and describes neither.
_RUN_BEFORE = re.compile(
    r"\b(?:(?:offering|offers|offered|running|runs|operating|operates|delivering|delivers|roll(?:s|ing)?\s+out|"
    r"rolled\s+out|launched|launching)\s+(?:its|their|our|the|a)|engagement\s+with)\s+"
    r"(?:the\s+)?(?:[A-Z][\w]*['’]s\s+)?[‘'\"“]?$"
)
# What a sentence defines: "One funding option ... is the Free Schools programme."
_DEFINED_BEFORE = re.compile(r"\s(?:is|are)\s+(?:the|an?)\s+[‘'\"“]?$")
_DEFINED_AFTER = re.compile(_NAME_END + r"\s*[.!]?\s*$")
# A line the name opens, perhaps after a label or a one- or two-word qualifier ("Young Driver 'Speak
# Out' campaign", "Road safety week: 'Storytime in libraries' pilot"), not after an article or a
# preposition.
_NOT_QUALIFIERS = r"(?:The|A|An|This|Our|Its|For|In|On|At|With|By|To|From|Of)\s"
_OPENS = re.compile(r"^(?:[A-Z][\w ]{0,30}:\s+)?[‘'\"“]?(?:(?!" + _NOT_QUALIFIERS + r")[A-Z][\w\-]*\s+){0,2}[‘'\"“]?$")
_BACK_REFERENCE = re.compile(r"^[\W]*(?:This|It|These)\s+(?:is|was|will|has|provides|aims|supports|offers)\b")
# "The scheme launched ...", "This programme will ...": the kind word of the name before it as subject.
_KIND_SUBJECT = re.compile(r"^[\W]*(?:The|This|Our)\s+(?P<kind>[a-z]+)\s+(?:" + _VERB + r")\b", re.IGNORECASE)
_SAYS_WHAT_IT_IS = re.compile(
    r"^(?:(?:Provides|Delivers|Offers|Supports|Helps|Enables|Aims|Runs|Gives)\b|[A-Z][a-z\-]*(?:\s+[a-z][\w\-]*){0,3}"
    r"\s+" + _KIND_NOUN + r"\b)"
)
_ENDS_SENTENCE = (".", "!", "?", ".”", ".’")
# A table's cells run together: a capitalised verb opening the next cell mid-line ("... Programme
# Support delivery of ..."), a row of figures ("— Actual Portfolio £m: 8.17; ..."), a header row.
_NEXT_CELL = re.compile(r"(?P<before>[\w)*’']+)\s+(?P<verb>[A-Z][a-z]+)\s+[a-z]")
_CELL_VERBS = VERB_START | frozenset("contribute link target strengthen raise embed identify protect take".split())
_FIGURES_ROW = re.compile(r"\s[—|]\s.*:\s*[£$€(-]?\d|\b(?:GREEN|AMBER|RED)\s+(?:GREEN|AMBER|RED)\b")
# A cell that says what its name is: "Positive Wellbeing – social prescribing service".
_CELL = re.compile(r"(?:\s*\([^)]{1,12}\))?\s*(?:[–—:]|\s-)\s+(?=(?i:provides|delivers|offers|supports)\b|[a-z])")
_IN_PROSE = re.compile(r"\b(?:the|a|an|of|to|for|with|by|in|on|from|and|our|its)\s+$", re.IGNORECASE)
_CELL_END = re.compile(r"(?<=[a-z,)])\s+(?=[A-Z])")


class Description(NamedTuple):
    """A description and the span of the document text it was read from (the sentence to cite)."""

    text: str
    span: tuple[int, int]


def describe(doc: DocText, mentions: Sequence[Mention], ambitions: Sequence[str] = ()) -> Description | None:
    """One sentence about the entity (see the module's order), or None when the document says nothing.

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
    naming = list(_sentences_naming(doc, searched))
    if found := _shortest_first([d for d in naming if has_subject(d.text, searched)]):
        return found
    if found := next((d for n in naming if (d := _named_after(doc, n, searched))), None):
        return found
    if found := _from_mentions(doc, mentions, "pattern", names, ambitions):
        return found
    return _shortest_first(list(_sentences_after(doc, mentions, names)))


def _from_mentions(
    doc: DocText, mentions: Sequence[Mention], origin: str, names: Sequence[str], ambitions: Sequence[str]
) -> Description | None:
    found = []
    for mention in mentions:
        if mention.origin != origin or not (span := describing_sentence(doc, mention)):
            continue
        text = sentence_text(doc, span)
        if origin != "heading" and (cell := cell_description(text, names)):
            found.append(Description(cell, span))  # "Positive Wellbeing – social prescribing service", not the row
        elif origin == "heading" and (mention.theme in ambitions or says_what(text, names)):
            found.append(Description(text, span))  # a heading under an ambition opens its own section
        elif (origin == "item" and says_what(text, names)) or (opens_with(text, names) and not only_tallies(text)):
            found.append(Description(text, span))  # its own list item, or a line it opens
    return _shortest_first(found)


def _shortest_first(found: Sequence[Description]) -> Description | None:
    """The first sentence of plain length, else the shortest (None for none); a sentence that only
    reports what happened to the entity (:func:`~assistant.directory.statuses.reports_status`) is none."""
    found = [d for d in found if not reports_status(d.text)]
    if not found:
        return None
    plain = (d for d in found if len(d.text.split()) <= _PLAIN_LENGTH)
    return next(plain, min(found, key=lambda d: len(d.text)))


def sentence_text(doc: DocText, span: tuple[int, int]) -> str:
    """The text of a sentence, its spaces and any list mark or report's paragraph number removed."""
    return without_paragraph_number(_LIST_MARK.sub("", " ".join(doc.text[span[0] : span[1]].split()), count=1))


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


def opens_with(sentence: str, names: Sequence[str]) -> bool:
    """Whether a sentence opens with one of ``names`` and says something of it ("'Road Safety Club' to ...")."""
    lowered = sentence.lower()
    for name in names:
        at = lowered.find(name.lower())
        end = at + len(name)
        if at >= 0 and _OPENS.match(sentence[:at]) and not (end < len(sentence) and sentence[end].isalnum()):
            return says_what(sentence, [name])
    return False


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


def _sentences_naming(doc: DocText, names: Sequence[str]) -> Iterator[Description]:
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
            yield Description(sentence_text(doc, span), span)


def _named_after(doc: DocText, naming: Description, names: Sequence[str]) -> Description | None:
    """The sentence before one that only gives the name ("... an application for £1.6m Heritage Lottery
    Fund grant ... The project is called Stour Valley Restore."), with it, when it says what it is."""
    lowered = naming.text.lower()
    at = next((lowered.find(n.lower()) for n in names if n.lower() in lowered), -1)
    if at < 0 or not _NAMING.match(naming.text[:at]):
        return None
    before = doc.sentence_at(naming.span[0] - 1) if naming.span[0] else None
    if before is None or before == naming.span:
        return None
    text = sentence_text(doc, before)
    if not _is_sentence(text, text) or doc.line_at(before[0]) is None or reports_status(text):
        return None
    return Description(f"{text} {naming.text}", (before[0], naming.span[1]))


def has_subject(sentence: str, names: Sequence[str], subject_only: bool = False) -> bool:
    """Whether a real sentence says what one of ``names`` is or does, rather than naming it in passing.

    The name is its subject, is described in apposition or by a relative clause, is the means of
    what it says ("through X") or is what it defines ("... is the X programme."); with
    ``subject_only``, only its subject.
    """
    lowered = sentence.lower()
    for name in names:
        at = lowered.find(name.lower())
        while at >= 0:
            before, after = sentence[:at], sentence[at + len(name) :]
            if _describes(before, after, subject_only):
                return _is_sentence(before + " " + after, sentence)
            at = lowered.find(name.lower(), at + 1)
    return False


def _describes(before: str, after: str, subject_only: bool = False) -> bool:
    """Whether the words around a name make it what its sentence is about (see :func:`has_subject`)."""
    if (_SUBJECT_BEFORE.match(before) or _NAMED_BEFORE.match(before)) and _AFTER_SUBJECT.match(after):
        return True
    if subject_only:
        return False
    if _DESCRIBED_AFTER.match(after) or _THROUGH_BEFORE.search(before):
        return True
    if _APPOSITION_BEFORE.search(before) and _APPOSITION_AFTER.match(after):
        return True
    if _RUN_BEFORE.search(before):
        return True
    return bool(_DEFINED_BEFORE.search(before) and _DEFINED_AFTER.match(after))


def _sentences_after(doc: DocText, mentions: Sequence[Mention], names: Sequence[str]) -> Iterator[Description]:
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
        text = sentence_text(doc, following[0])
        if _is_about(text, kinds, alone) and _is_sentence(text, text):
            yield Description(text, following[0])


def _is_about(text: str, kinds: set[str], alone: bool) -> bool:
    """Whether a sentence after a name has its kind or a pronoun as subject, or (after a name alone) says what it is."""
    if _BACK_REFERENCE.match(text):
        return True
    if not alone:
        return False
    subject = _KIND_SUBJECT.match(text)
    return bool(subject and subject.group("kind").lower() in kinds) or bool(_SAYS_WHAT_IT_IS.match(text))


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
