"""A sentence that opens by referring back ("This had previously prevented ...", "It is currently equal
to ...") is about what the sentence before it names, so the value that sentence gives is its answer
too: "The pooling restriction was removed in 2019 ... This had previously prevented local authorities
using more than five section 106 obligations to fund a single infrastructure project" answers "since
what year can money from more than five developer agreements go to one project?"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.question import offers_new
from assistant.evidence import ScoredSentence, sentence_before
from assistant.types import Passage

# what the sentence before named: "This had ...", "It was ...", not "We also have ..." (the writer)
_REFERS_BACK = re.compile(r"^[\W\d]*(?:this|these|that|it|they)\b", re.IGNORECASE)


def before_offers(sentence: ScoredSentence, passages: Sequence[Passage], expected: str | None, question: str) -> bool:
    """Whether ``sentence`` refers back and lacks the value wanted, which the sentence before it gives."""
    passage = passages[sentence.passage]
    if not expected or not (before := sentence_before(passage, sentence)):
        return False
    text = passage.text[sentence.start : sentence.end]
    if not _REFERS_BACK.match(text) or offers_new(expected, text, question):
        return False
    return offers_new(expected, before, question)
