"""Hybrid retrieval over the real corpus: relevance, filters, dates and diversity."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.render import where
from assistant.types import Filters


@pytest.fixture(scope="module")
def assistant(corpus_index: Settings, embedder) -> Assistant:
    return Assistant(corpus_index, embedder=embedder)


def test_the_answering_passage_ranks_near_the_top(assistant: Assistant) -> None:
    passages = assistant.search("Who chairs Safer Essex?", k=5)
    assert any("Nicola Beach" in p.text for p in passages)


def test_keyword_evidence_finds_exact_figures(assistant: Assistant) -> None:
    passages = assistant.search("121,202 crimes", k=3)
    assert "121,202" in passages[0].text


def test_paraphrases_reach_the_right_passage(assistant: Assistant) -> None:
    passages = assistant.search("help for children who go hungry in the school holidays", k=5)
    assert any("Holiday Hunger" in p.text or "holiday hunger" in p.text for p in passages)


def test_filters_by_type_organisation_date_and_document(assistant: Assistant) -> None:
    assert {p.doc.doc_type for p in assistant.search("partnership", Filters(doc_types=("news",)))} == {"news"}
    safer = assistant.search("chair", Filters(organisations=("Safer Essex",)))
    assert {p.doc.organisation for p in safer} == {"Safer Essex"}
    dated = assistant.search("partnership board", Filters(since="2016", until="2017-12"))
    assert dated
    assert all(p.doc.date[:4] in {"2016", "2017"} for p in dated)
    only = assistant.search("ambitions", Filters(doc_ids=("safer-essex-partnership",)))
    assert {p.doc.doc_id for p in only} == {"safer-essex-partnership"}
    assert assistant.search("partnership", Filters(since="2030")) == []


def test_passages_are_not_near_duplicates(assistant: Assistant) -> None:
    passages = assistant.search("Essex Partnership", k=8)
    texts = [p.text for p in passages]
    assert len(set(texts)) == len(texts)
    assert len({p.doc.doc_id for p in passages}) >= 3


def test_every_passage_says_where_it_comes_from(assistant: Assistant) -> None:
    for passage in assistant.search("What is the Essex Assembly?", k=6):
        place = where(passage)
        assert passage.doc.title in place
        assert passage.doc.date in place
        if passage.chunk.section_path:
            assert passage.chunk.section_path in place
