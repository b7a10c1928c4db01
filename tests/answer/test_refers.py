"""A sentence that refers back ("This had previously prevented ...") is answered by the value the
sentence before it gives."""

from __future__ import annotations

import pytest

from assistant.answer.refers import before_offers
from assistant.evidence import ScoredSentence
from assistant.pipeline import Assistant
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant

TEXT = (
    "The pooling restriction was removed in 2019 through an amendment to the Regulations. "
    "This had previously prevented councils using more than five section 106 obligations to fund one project."
)
QUESTION = "Since what year can councils use more than five section 106 obligations to fund one project?"


def _passage() -> Passage:
    first = TEXT.index("This")
    spans = ((0, first - 1), (first, len(TEXT)))
    return Passage(Chunk("d", 0, TEXT, 7, (), 0, len(TEXT), spans), DocumentInfo("d", "Capital Strategy", "c.pdf"), 1.0)


def test_a_sentence_referring_back_is_answered_by_the_one_before() -> None:
    passage = _passage()
    (a, b), (c, d) = passage.chunk.sentences
    assert before_offers(ScoredSentence(0, 1, c, d, 0.5, 0.5), [passage], "date", QUESTION)
    assert not before_offers(ScoredSentence(0, 0, a, b, 0.5, 0.5), [passage], "date", QUESTION)  # the first
    assert not before_offers(ScoredSentence(0, 1, c, d, 0.5, 0.5), [passage], "money", QUESTION)  # no sum before


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    document = f"""---
title: Capital Strategy
date: "2025-02"
doc_type: strategy
---

# Developer contributions

Developer contributions are built into the programme when they are secured within s106 agreements.
{TEXT}
"""
    return indexed_assistant(tmp_path_factory.mktemp("refers"), {"capital.md": document}, embedder)


def test_the_answer_holds_the_year_from_the_sentence_before(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION)
    assert not answer.abstained
    assert "2019" in answer.text
