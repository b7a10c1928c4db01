"""Writing the chosen sentences as an answer: grouped by passage, each group cited, easy to read.

Sentences are grouped by passage in reading order, each group ending with its [n] mark. A list
keeps its structure (one item per line, with its marker); a sentence shown on its own loses the
paragraph number or bullet it had in the document ("29.The current ..." -> "The current ...").
A sentence that only makes sense under its heading is introduced by it ("Holiday Hunger: ..."),
unless the heading is a vote tally, a number, a possessive cut from its noun, a status key ("GREEN
AMBER RED") or already the sentence's opening words; a heading a PDF's layout suggested (a line set
apart, often another column's cell) introduces only a sentence that shares a word with it or refers
back ("He also welcomed ..."). A sentence
shown twice (chunks overlap) is shown once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.lists import is_lead_in
from assistant.answer.patterns import REFERS_BACK
from assistant.evidence import ITEM, ScoredSentence, sentence_headings, terms_of
from assistant.types import Passage

_GENERIC_HEADINGS = re.compile(
    r"^(highlights|context|actions|overview|introduction|summary|background|part \d+.*|case stud(y|ies).*|"
    r"useful links.*|next steps)$",
    re.IGNORECASE,
)
_TALLY = re.compile(r"^(for|against|abstain|abstentions?|present|apologies)\s*\(\d+\)$|^[\W\d]+$", re.IGNORECASE)
# Lines taken for headings that introduce nothing: a possessive cut from its noun ("Kent & Medway
# Civilian-Military Partnership Board's"), a status key ("GREEN AMBER RED KPI Summary"), a table's
# cell with a sum or a share in it ("Reduction in Grant income £3.2m").
_NOT_A_TITLE = re.compile(r"['’]s$|^(?:(?:green|amber|red)\s+){2,}|[£$€]\s?\d|\d\s?%", re.IGNORECASE)
_PARAGRAPH_NUMBER = re.compile(
    r"^\s*(?:[-•*▪◦●]\s*(?=\S)|o\s+(?=[A-Z])|\d{1,3}\.\s+(?=\S)|(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.|\(\d{1,3}\)|\d{1,3}\)|"
    r"\(?[a-z]\)|\(?[ivx]{1,4}\))\s*(?=[A-Z(“\"'‘£$€]))"
)


def compose(
    chosen: Sequence[ScoredSentence], passages: Sequence[Passage]
) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """The answer text with [n] marks (n = passage index + 1) and the spans each passage supports."""
    groups: dict[int, list[ScoredSentence]] = {}
    shown: set[str] = set()
    for sentence in chosen:
        key = _key(passages[sentence.passage].text[sentence.start : sentence.end])
        if key in shown:
            continue
        shown.add(key)
        groups.setdefault(sentence.passage, []).append(sentence)
    parts: list[str] = []
    highlights: dict[int, list[tuple[int, int]]] = {}
    listing = ""  # the document whose list the previous group showed: a list may run on into the next passage
    for index, sentences in groups.items():
        sentences.sort(key=lambda s: s.start)
        passage = passages[index]
        items = sum(1 for s in sentences if ITEM.match(passage.text[s.start : s.end]))
        as_list = items >= 2 or (items >= 1 and listing == passage.doc.doc_id)
        listing = passage.doc.doc_id if as_list else ""
        parts.append(f"{_group_text(passage, sentences, as_list)} [{index + 1}]")
        highlights[index] = [(s.start, s.end) for s in sentences]
    separator = "\n\n" if any("\n" in p or ITEM.match(p) for p in parts) else " "
    return separator.join(parts), highlights


def _group_text(passage: Passage, sentences: list[ScoredSentence], as_list: bool) -> str:
    headings = sentence_headings(passage.chunk)
    text = ""
    introduced: set[str] = set()
    for s in sentences:
        sentence = passage.text[s.start : s.end].strip()
        if as_list and ITEM.match(sentence) and not is_lead_in(sentence):
            text += f"\n{sentence}"
            continue
        sentence = strip_marker(sentence)
        heading = headings[s.index]
        lead = "" if heading in introduced else _lead_in(heading, passage, sentence)
        introduced.add(heading)
        text += f" {lead}{sentence}"
    return text.strip()


def strip_marker(sentence: str) -> str:
    """A sentence without the paragraph number or bullet that opens it in the document."""
    return _PARAGRAPH_NUMBER.sub("", sentence, count=1).strip() or sentence


def _lead_in(heading: str, passage: Passage, sentence: str) -> str:
    """'Holiday Hunger: ' before a sentence that only makes sense under its heading."""
    if not heading or len(passage.chunk.section) < 2 or heading.endswith("?") or _GENERIC_HEADINGS.match(heading):
        return ""
    if _TALLY.match(heading) or _key(sentence).startswith(_key(heading)) or _NOT_A_TITLE.search(heading):
        return ""
    heading_terms = terms_of([heading])[0]
    shared = heading_terms & terms_of([sentence])[0]
    if not heading_terms or len(shared) / len(heading_terms) >= 0.5:
        return ""
    if _inferred_headings(passage) and not shared and not REFERS_BACK.match(sentence):
        return ""  # a PDF line taken for a heading that has nothing to do with the sentence (another column's cell)
    return f"{strip_marker(heading)}: "


def _inferred_headings(passage: Passage) -> bool:
    """Whether the passage's headings were read from a PDF's layout (not marked up, as in Markdown or HTML)."""
    return passage.doc.source.lower().endswith(".pdf")


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
