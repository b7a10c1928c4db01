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


TREASURY_AND_QUESTIONS = """---
title: Treasury strategy and questions to Cabinet Members
date: "2025-03"
doc_type: report
organisation: Shire County Council
---

# Economic background

The Bank of England’s Monetary Policy Committee held Bank Rate at 4.75% in November.

# Investments

The Council will prefer funds operated by managers that are signatories to the UN Principles for Responsible Investment, the Net Zero Asset Managers Alliance and/or the UK Stewardship Code.

# Questions

The Public Accounts Committee (PAC) has requested the Department for Education (DfE) to carry out a piece of work.

# Governance

Shire County Council’s Audit Committee reviewed the strategy in January.

The Children and Young People's Emotional Health and Wellbeing Board met in February to agree its priorities.
"""


def test_bodies_owned_by_a_national_organisation_directing_a_department_or_signed_by_others_are_no_boards(
    tmp_path: Path,
) -> None:
    entries = extract(write(tmp_path, "treasury.md", TREASURY_AND_QUESTIONS))
    boards = [b.name for b in merge_entries([entries], {}).boards]
    for national in ("Monetary Policy", "Public Accounts", "Net Zero Asset Managers"):
        assert not any(national in name for name in boards), national
    assert "Audit Committee" in boards  # the council's own, by its possessive
    assert "Children and Young People's Emotional Health and Wellbeing Board" in boards  # people own no board


def test_a_possessive_ties_a_body_to_its_owner_in_every_document(tmp_path: Path) -> None:
    others = bodies_of_others(TREASURY_AND_QUESTIONS, "Shire County Council")
    assert {"Monetary Policy Committee", "Public Accounts Committee", "PAC", "Net Zero Asset Managers Alliance"} <= set(
        others
    )
    assert "Audit Committee" not in others
    mid_year = extract(write(tmp_path, "mid-year.md", MID_YEAR))  # names the MPC with no owner
    stored = entries_from_json(entries_to_json(extract(write(tmp_path, "treasury.md", TREASURY_AND_QUESTIONS))))
    boards = [b.name for b in merge_entries([mid_year, stored], {}).boards]
    assert not any("Monetary Policy" in name for name in boards)
    assert "Treasury Management Group" in boards


def test_parliaments_committees_are_no_boards(tmp_path: Path) -> None:
    """ "The House of Commons Transport Select Committee" is Parliament's; the council giving evidence
    to it elsewhere in the minutes does not make it one of the council's bodies."""
    assert bodies_of_others("The House of Commons Transport Select Committee was investigating it.", None) == (
        "Transport Select Committee",
    )
    assert bodies_of_others("An officer gave evidence to the Housing Select Committee.", None) == (
        "Housing Select Committee",
    )
    assert bodies_of_others("The Selection and Member Services Committee met in March.", None) == ()
    minutes = """---
title: Harbour Cabinet minutes
date: "2025-01-09"
doc_type: minutes
---

# Cabinet Member Updates (Item 4)

Street works were a national issue, and the House of Commons Transport Select Committee was investigating it.

Mr Gold was pleased that an officer would be giving evidence to the Transport Select Committee in February.

The Harbour Scrutiny Committee will review the street works permit scheme in March.
"""
    document = write(tmp_path, "minutes.md", minutes)
    directory = merge_entries([extract(document)], {document.doc_id: document.info})
    names = {b.name for b in directory.boards}
    assert "Transport Select Committee" not in names
    assert "Harbour Scrutiny Committee" in names
