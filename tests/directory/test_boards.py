"""Boards and partnerships: chair, frequency, purpose, members and the body they report to."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory import Board, DocumentEntries
from tests.directory.documents import extract, write


def board(entries: DocumentEntries, name: str) -> Board:
    return next(b for b in entries.boards if b.name == name)


def test_chaired_by_gives_the_chair_with_the_role(page_entries: DocumentEntries) -> None:
    partners = board(page_entries, "Harbour Partners")
    assert partners.chair == "Cllr Ann Smith, Leader of Harbour Council"


def test_chair_is_dated_by_the_document_that_names_it(page_entries: DocumentEntries) -> None:
    assert board(page_entries, "Harbour Partners").chair_since == "2021-05-01"


def test_meets_quarterly(page_entries: DocumentEntries) -> None:
    assert board(page_entries, "Harbour Partners").frequency == "quarterly"


def test_meets_twice_a_year_in_named_months(page_entries: DocumentEntries) -> None:
    assert board(page_entries, "Harbour Assembly").frequency == "twice a year in March and September"


def test_purpose_is_the_sentence_saying_what_it_is_for(page_entries: DocumentEntries) -> None:
    assert board(page_entries, "Harbour Partners").purpose == (
        "Harbour Partners is responsible for leading the delivery of the Harbour Vision."
    )


def test_members_are_listed(page_entries: DocumentEntries) -> None:
    assert board(page_entries, "Harbour Partners").members == ("councils", "police", "universities", "voluntary sector")


def test_reports_to(page_entries: DocumentEntries) -> None:
    group = board(page_entries, "Harbour Strategic Coordination Group")
    assert group.reports_to == "Harbour Partners"


def test_the_chair_of_x_is_y(page_entries: DocumentEntries) -> None:
    safer = next(b for b in page_entries.boards if "Safer Harbour" in (b.name, *b.aliases))
    assert safer.chair == "Nicola Reed, Chief Executive of Dune District Council"


def test_person_comma_chair_of_the_board(old_page_entries: DocumentEntries) -> None:
    assert board(old_page_entries, "Harbour Partners").chair == "Cllr Tom Brown"


@pytest.mark.parametrize(
    ("sentence", "chair", "since"),
    [
        ("Dune Board is chaired by Dr Sam Lee since 2019.", "Dr Sam Lee", "2019"),
        ("The chair of Dune Board is Ms Jo Park.", "Ms Jo Park", "2020"),
    ],
)
def test_chair_since_when_stated(tmp_path: Path, sentence: str, chair: str, since: str) -> None:
    document = write(tmp_path, "dune.md", f'---\ntitle: Dune\ndate: "2020"\n---\n\n# Dune Board\n\n{sentence}\n')
    dune = board(extract(document), "Dune Board")
    assert (dune.chair, dune.chair_since) == (chair, since)


@pytest.mark.parametrize(
    "name",
    [
        "Governance Working Party",
        "Carers Strategy Group",
        "IPPH Prevention Subcommittee",
        "Audit Sub-Committee",
        "Member Remuneration Panel",  # "The Member ..." opens the name, as "the New Homes Bonus" does
    ],
)
def test_a_working_party_a_strategy_group_and_a_subcommittee_are_boards(tmp_path: Path, name: str) -> None:
    text = f"The {name} met in November and agreed its work programme for the coming year."
    document = write(tmp_path, "minutes.md", f'---\ntitle: Minutes\ndate: "2025-01"\n---\n\n# Update\n\n{text}\n')
    assert name in {b.name for b in extract(document).boards}
