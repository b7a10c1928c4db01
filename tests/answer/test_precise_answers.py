"""The most precise of two sentences saying one thing, and a value given in the sentence after its subject."""

from __future__ import annotations

import pytest

from assistant.answer.selection import Pick, choose, read_intent
from assistant.evidence import ScoredSentence
from assistant.pipeline import Assistant
from assistant.sentences import split_sentences
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant

REPORT = """---
title: The Future of Harbour progress report
date: "2019"
doc_type: report
---

# Part 1: Background

In September 2017 The Harbour Vision, "The Future of Harbour" was launched. Organisations and communities
across the county contributed to it.

# Highlights

- 2017 launch of the Harbour Vision.
- Over 3,000 volunteers trained in first aid.

# Safer communities

We also have the fastest growing Special Constabulary after the capital. It is currently equal to an
additional 150 Officers or investment of £5.4m.

Community volunteers deliver speed watch programmes across the county.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("precise"), {"report.md": REPORT}, embedder)


def test_a_repeat_that_dates_the_point_more_precisely_is_the_one_shown(assistant: Assistant) -> None:
    answer = assistant.ask("When was the Harbour Vision launched?")
    assert not answer.abstained
    assert "September 2017" in answer.text


def test_a_value_in_the_sentence_after_its_subject_answers_with_confidence(assistant: Assistant) -> None:
    """ "It is currently equal to ... 150 Officers": "it" is the Special Constabulary named just before."""
    answer = assistant.ask("How large is the Special Constabulary?")
    assert not answer.abstained
    assert "150 Officers" in answer.text


def test_of_two_sentences_on_one_point_the_one_dating_it_more_precisely_is_kept() -> None:
    """The list item scores higher, but the sentence it repeats says the month too."""
    text = '- 2017 launch of the Harbour Vision.\n\nIn September 2017 The Harbour Vision, "The Future of Harbour" was launched.'
    chunk = Chunk("doc", 0, text, 1, ("Report",), 0, len(text), tuple(split_sentences(text)))
    passages = [Passage(chunk, DocumentInfo("doc", "Report", "report.md", "2019"), 1.0)]
    item, sentence = (ScoredSentence(0, i, a, b, 0.7, 1.0) for i, (a, b) in enumerate(chunk.sentences))
    picks = [Pick(item, 0.99, True, 0.99), Pick(sentence, 0.93, True, 0.93)]
    chosen = choose(picks, passages, read_intent("When was the Harbour Vision launched?"), 3)
    assert [text[s.start : s.end] for s in chosen] == [
        'In September 2017 The Harbour Vision, "The Future of Harbour" was launched.'
    ]
