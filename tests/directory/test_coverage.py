"""Coverage answers to "what exists on X": every matching entry, grouped and cited."""

from __future__ import annotations

import pytest

from assistant.directory import find_coverage, merge_entries
from assistant.directory.coverage import BOARDS, topic_of
from tests.directory.documents import extract, minutes_document


@pytest.fixture
def directory(report, report_entries, page, page_entries):
    minutes = minutes_document()
    entries = [report_entries, page_entries, extract(minutes)]
    infos = {d.doc_id: d.info for d in (report, page, minutes)}
    return merge_entries(entries, infos), infos


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What exists on dementia?", "dementia"),
        ("what initiatives are there on homelessness", "homelessness"),
        ("Which boards work on community safety?", "community safety"),
        ("digital skills", "digital skills"),
    ],
)
def test_topic_of_a_question(question: str, topic: str) -> None:
    assert topic_of(question) == topic


def test_every_matching_initiative_grouped_by_ambition(directory) -> None:
    found = find_coverage(directory[0], "What exists on dementia?", directory[1])
    groups = {g.title: [i.name for i in g.items] for g in found.groups}
    assert groups == {"Keep people well": ["Memory Cafe Network"]}


def test_boards_and_documents_are_listed(directory) -> None:
    found = find_coverage(directory[0], "What exists for carers?", directory[1])
    assert [g.title for g in found.groups] == [BOARDS]
    assert [d.title for d in found.documents] == ["Harbour progress report"]


def test_decisions_in_minutes_are_covered(directory) -> None:
    found = find_coverage(directory[0], "What exists on the budget?", directory[1])
    assert any(i.kind == "resolution" for g in found.groups for i in g.items)


def test_items_are_cited(directory) -> None:
    found = find_coverage(directory[0], "digital skills", directory[1])
    (item,) = [i for g in found.groups for i in g.items]
    assert item.name == "Skills Fund"
    assert item.sources[0].doc_id == "report"


def test_nothing_found_is_an_empty_answer(directory) -> None:
    found = find_coverage(directory[0], "What exists on space travel?", directory[1])
    assert (found.total, found.groups, found.documents) == (0, (), ())


def test_meaning_finds_what_shares_no_word(directory, embedder) -> None:
    found = find_coverage(directory[0], "What exists on Alzheimer's and memory loss?", directory[1], embedder)
    assert "Memory Cafe Network" in [i.name for g in found.groups for i in g.items]
