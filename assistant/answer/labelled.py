"""Items a question names by a range of labels: "options A to C", "recommendations 1 to 4".

A question that names what it asks for by a run of labels ("What reasonable alternatives (options A
to C) ... were appraised?") asks for each of them. The answer takes, for each label, the first
sentence in one document that names that item and no other of the run ("Option B: Do not strengthen
groundwater protection ...") and says more than its label: a heading line "Option A" gives way to
the sentence after it that describes the option ("Option A would be to produce a Waste Sites Plan
..."), and a lead-in naming several ("... identified as option B and option C:") is passed over.
The document is the one whose passages name the most labels (the better ranked on a tie). When it
does not name every label of the run, nothing is returned and the ordinary answer stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import ScoredSentence
from assistant.types import Passage

_NOUNS = {"priorities": "priority", "appendices": "appendix", "annexes": "annex"}  # else less a final "s"
_RANGE = re.compile(
    r"\b(?P<noun>options?|recommendations?|priority|priorities|proposals?|scenarios?|phases?|objectives?|appendix|"
    r"appendices|annex|annexes)\s+(?P<first>[A-Z]|\d{1,2})\s*(?:to|-|–|through)\s*(?P<last>[A-Z]|\d{1,2})\b",
    re.IGNORECASE,
)
_MAX_LABELS = 12
_MIN_WORDS = 4  # words beyond the label: "Option A" alone is a heading, not the item


def asked_labels(question: str) -> tuple[str, list[str]] | None:
    """The item noun and the labels of the run a question names ("options A to C": option, A B C)."""
    match = _RANGE.search(question)
    if match is None:
        return None
    first, last = match.group("first"), match.group("last")
    if first.isdigit() != last.isdigit() or (not first.isdigit() and not (first.isupper() and last.isupper())):
        return None
    start, end = (int(first), int(last)) if first.isdigit() else (ord(first), ord(last))
    if not 0 < end - start < _MAX_LABELS:
        return None
    labels = [str(n) if first.isdigit() else chr(n) for n in range(start, end + 1)]
    noun = match.group("noun").lower()
    return _NOUNS.get(noun, noun.removesuffix("s")), labels


def labelled_items(
    question: str, scored: Sequence[ScoredSentence], passages: Sequence[Passage]
) -> list[ScoredSentence]:
    """One sentence for each label of the run the question names, from one document, or []."""
    asked = asked_labels(question)
    if asked is None:
        return []
    noun, labels = asked
    names = {label: re.compile(rf"\b(?i:{noun})\s+{re.escape(label)}(?![\w/])") for label in labels}
    found: dict[str, dict[str, ScoredSentence]] = {}
    first_rank: dict[str, int] = {}
    for sentence in sorted(scored, key=lambda s: (passages[s.passage].chunk.char_start, s.index)):
        passage = passages[sentence.passage]
        text = passage.text[sentence.start : sentence.end]
        named = [label for label, pattern in names.items() if pattern.search(text)]
        if len(named) != 1 or len(names[named[0]].sub(" ", text).split()) < _MIN_WORDS:
            continue
        doc = passage.doc.doc_id
        first_rank[doc] = min(first_rank.get(doc, len(passages)), sentence.passage)
        found.setdefault(doc, {}).setdefault(named[0], sentence)
    if not found:
        return []
    doc = min(found, key=lambda d: (-len(found[d]), first_rank[d]))
    if len(found[doc]) < len(labels):
        return []
    return [found[doc][label] for label in labels]
