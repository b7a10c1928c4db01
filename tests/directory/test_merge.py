"""Merging documents' entries: duplicates become one entry, the newer document wins."""

from __future__ import annotations

import pytest

from assistant.directory import Directory, DocumentEntries, Initiative, merge_entries
from assistant.directory.merge import same_across
from assistant.types import Document


def merged(*documents: tuple[Document, DocumentEntries]) -> Directory:
    return merge_entries([entries for _, entries in documents], {d.doc_id: d.info for d, _ in documents})


def test_the_same_board_in_two_documents_is_one_entry(page, page_entries, old_page, old_page_entries) -> None:
    directory = merged((page, page_entries), (old_page, old_page_entries))
    assert [b.name for b in directory.boards].count("Harbour Partners") == 1


def test_the_newer_document_names_the_chair(page, page_entries, old_page, old_page_entries) -> None:
    directory = merged((old_page, old_page_entries), (page, page_entries))
    partners = next(b for b in directory.boards if b.name == "Harbour Partners")
    assert (partners.chair, partners.chair_since) == ("Cllr Ann Smith, Leader of Harbour Council", "2021-05-01")


def test_the_older_document_stays_in_the_sources(page, page_entries, old_page, old_page_entries) -> None:
    directory = merged((page, page_entries), (old_page, old_page_entries))
    partners = next(b for b in directory.boards if b.name == "Harbour Partners")
    assert {s.doc_id for s in partners.sources} == {page.doc_id, old_page.doc_id}


def test_an_older_chair_fills_a_gap(page, old_page, old_page_entries) -> None:
    newer = DocumentEntries(page.doc_id, (), (), (), ())
    directory = merged((page, newer), (old_page, old_page_entries))
    partners = next(b for b in directory.boards if b.name == "Harbour Partners")
    assert partners.chair == "Cllr Tom Brown"


def test_different_boards_stay_apart(page, page_entries) -> None:
    names = [b.name for b in merged((page, page_entries)).boards]
    assert "Harbour Assembly" in names
    assert "Harbour Partners" in names


def test_a_qualifier_does_not_make_another_initiative(report, report_entries, old_page, old_page_entries) -> None:
    plain = Initiative("Harbour Leadership Collaborative", "", "", (), (), ())
    newer = DocumentEntries(report.doc_id, (*report_entries.initiatives, plain), (), (), ())
    directory = merged((report, newer), (old_page, old_page_entries))
    collaboratives = [i for i in directory.initiatives if "Leadership Collaborative" in i.name]
    assert len(collaboratives) == 1
    assert "Greater Harbour Leadership Collaborative" in collaboratives[0].aliases


def test_ambitions_come_from_the_documents(report, report_entries, page, page_entries) -> None:
    assert merged((report, report_entries), (page, page_entries)).ambitions == ("Keep people well", "Grow the economy")


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Corporate Parenting Christmas", "Corporate Parent Christmas Campaign", True),  # the endings differ
        ("Kent and Medway Integrated Care Board", "Kent and Medway Integrated Care Partnership", False),
        ("Essex Partnership", "Essex Partners", False),  # two words: one became the other, no text says so
        ("Safer Essex", "Safer Essex Partnership", True),
        ("Just Missing Out Scheme", "Pensioner Just Missing Out Scheme", True),  # one qualifier before it
        ("Health and Wellbeing Board", "Medway Health and Wellbeing Board", False),  # too short to tell
    ],
)
def test_names_written_with_other_endings_are_one_thing(first: str, second: str, same: bool) -> None:
    assert same_across([first], [second]) is same
