"""A body the documents tie to another organisation is not listed as one of the partnership's boards."""

from __future__ import annotations

from pathlib import Path

from assistant.directory import entries_from_json, entries_to_json, merge_entries
from assistant.directory.owners import bodies_of_others
from tests.directory.documents import extract, write

MID_YEAR = """---
title: Treasury management mid-year report
date: "2024-11"
doc_type: report
---

# Economic background

Notably, one Monetary Policy Committee (MPC) member voted for a cut, while four members voted to hold.

The Treasury Management Group is chaired by Ms Ann Vale and meets quarterly to review the council's borrowing.
"""

STRATEGY = """---
title: Treasury management strategy
date: "2025-02"
doc_type: report
---

# Glossary

MPC Monetary Policy Committee. Committee of the Bank of England responsible for setting Bank Rate.

# Reserves

The Chartered Institute of Public Finance and Accountancy (CIPFA) issued Local Authority Accounting Panel (LAAP) Bulletin No.99 on reserves.
"""


def test_a_body_a_glossary_gives_to_another_organisation_is_no_board_in_any_document(tmp_path: Path) -> None:
    mid_year = extract(write(tmp_path, "mid-year.md", MID_YEAR))
    strategy = extract(write(tmp_path, "strategy.md", STRATEGY))
    assert any(b.name.startswith("Monetary Policy Committee") for b in mid_year.boards)  # named in passing there
    boards = [b.name for b in merge_entries([mid_year, strategy], {}).boards]
    assert not any("Monetary Policy" in name for name in boards)
    assert "Treasury Management Group" in boards  # the council's own group stays


def test_bodies_of_others_reads_of_and_issued_by_but_not_a_council() -> None:
    assert bodies_of_others(STRATEGY, None) == (
        "Monetary Policy Committee",
        "MPC",
        "Local Authority Accounting Panel",
        "LAAP",
    )
    own = "The Scrutiny Committee, a committee of the County Council, met in March."
    assert bodies_of_others(own, None) == ()


def test_the_other_bodies_survive_storage(tmp_path: Path) -> None:
    strategy = extract(write(tmp_path, "strategy.md", STRATEGY))
    assert strategy.others
    assert entries_from_json(entries_to_json(strategy)).others == strategy.others
