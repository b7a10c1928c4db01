"""Structures of real council papers that are not initiatives or boards, and the names that are."""

from __future__ import annotations

from pathlib import Path

from tests.directory.documents import extract, write

PAPER = """---
title: County consultation report
date: "2025-02"
doc_type: report
organisation: Shire County Council
---

# PROFESSIONAL / ORGANISATION FEEDBACK – MILLMEAD FAMILY HUB

Respondents valued the hub's staff and its groups for parents.

# Glossary

IMF International Monetary Fund

PWLB Public Works Loan Board – a statutory body lending to councils.

# Treasury investments

| Fund | Value |
| --- | --- |
| 07 Fidelity Global Multi Asset Income Fund 25 | £5.1m |
| CCLA Diversified Income Fund | £4.0m |

The Draft Capital Programme 2025-35 and the General Fund were approved.

# Housing

The No Use Empty programme brought 119 empty homes back into use.

The One You Kent service supported people to get active.

The Shire and Vale Business Fund approved loans to small firms.

Five electric buses came from the same DfT scheme, and staff joined Managing in KCC and Future Manager Programme courses.

The Selection & Member Services Committee (27 February 2025) agreed the report.

Since May 2024 the Shire Civil-Military Partnership Board has been chaired by Cllr Ann Vale.
"""

LISTING = """---
title: PROVENANCE
---

| local file | kind |
| --- | --- |
| `cabinet_2025-01-30_minutes.pdf` | minutes |
| `corporate_parenting_panel_2024-10-29.pdf` | minutes |
| `health_overview_and_scrutiny_committee_report.pdf` | report |
| `civil_military_partnership_board_report.pdf` | report |
| `schools_forum_report.pdf` | report |

The Corporate Parenting Panel and the Joint Health Overview & Scrutiny Committee papers are here.
"""


def _names(entries) -> tuple[set[str], set[str]]:
    return {i.name for i in entries.initiatives}, {b.name for b in entries.boards}


def test_a_feedback_heading_is_not_an_initiative(tmp_path: Path) -> None:
    initiatives, _ = _names(extract(write(tmp_path, "paper.md", PAPER)))
    assert not any("FEEDBACK" in name.upper() for name in initiatives)


def test_glossary_entries_are_not_initiatives_or_boards(tmp_path: Path) -> None:
    initiatives, boards = _names(extract(write(tmp_path, "paper.md", PAPER)))
    assert not any("Monetary Fund" in name for name in initiatives)
    assert not any("Public Works Loan Board" in name for name in boards)


def test_investment_funds_and_capital_plans_are_not_initiatives(tmp_path: Path) -> None:
    initiatives, _ = _names(extract(write(tmp_path, "paper.md", PAPER)))
    assert not [n for n in initiatives if "Income Fund" in n or "Capital Programme" in n or "General Fund" in n]


def test_named_programmes_keep_their_whole_names(tmp_path: Path) -> None:
    initiatives, _ = _names(extract(write(tmp_path, "paper.md", PAPER)))
    assert {"No Use Empty", "One You Kent", "Shire and Vale Business Fund"} <= initiatives
    assert "Use Empty" not in initiatives
    assert "You Kent" not in initiatives


def test_an_organisation_is_no_part_of_a_programme_name(tmp_path: Path) -> None:
    initiatives, _ = _names(extract(write(tmp_path, "paper.md", PAPER)))
    assert "Future Manager Programme" in initiatives
    assert "DfT" not in initiatives
    assert not any(name.startswith("KCC and") for name in initiatives)


def test_board_names_carry_no_dates_and_keep_their_chair(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "paper.md", PAPER))
    _, boards = _names(entries)
    assert not any("2025" in name for name in boards)
    board = next(b for b in entries.boards if b.name == "Shire Civil-Military Partnership Board")
    assert board.chair == "Cllr Ann Vale"
    assert board.chair_since == "May 2024"


def test_a_file_listing_is_no_source_of_boards(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "PROVENANCE.md", LISTING))
    assert entries.boards == ()
    assert entries.initiatives == ()
