"""Boards carry what the documents state: purpose as a sentence or clause, members, the chair of an acronym."""

from __future__ import annotations

from pathlib import Path

from tests.directory.documents import extract, write

PAGE = """---
title: Bay partnerships
date: "2019"
doc_type: web page
---

# Bay Safety Partnership

Bay Safety is the county partnership to reduce crime and disorder. In addition, the membership includes the council's member for community safety and the chairs of each district partnership.

# Bay Justice Board

Information on the work of the Bay Justice Board can be found here

# Connections

- Bay Infrastructure Board - the council has partnered with the Bay Infrastructure Board (BIB), an advisory body to the Treasury, to plan growth.

The governance is multi-agency with partnership boards (Tide Round Table and Tide Executive Group) to provide leadership and strategic direction.

Since May 2024 the Bay & Vale CMPB has been chaired by Cllr Ann Vale – County Chairman and the Vice-Chairman Cllr Bo Lee. The Bay & Vale Civilian-Military Partnership Board meets twice a year.
"""


def _boards(tmp_path: Path) -> dict:
    return {b.name: b for b in extract(write(tmp_path, "page.md", PAGE)).boards}


def test_a_link_is_no_purpose(tmp_path: Path) -> None:
    assert _boards(tmp_path)["Bay Justice Board"].purpose is None


def test_an_appositive_says_what_a_body_is(tmp_path: Path) -> None:
    assert _boards(tmp_path)["Bay Infrastructure Board (BIB)"].purpose == "An advisory body to the Treasury"


def test_boards_named_in_parentheses_take_the_purpose_that_follows(tmp_path: Path) -> None:
    boards = _boards(tmp_path)
    assert boards["Tide Round Table"].purpose == "To provide leadership and strategic direction"
    assert boards["Tide Executive Group"].purpose == "To provide leadership and strategic direction"


def test_a_membership_sentence_in_the_boards_own_section_gives_its_members(tmp_path: Path) -> None:
    board = _boards(tmp_path)["Bay Safety Partnership"]
    assert board.members == ("council's member for community safety", "chairs of each district partnership")
    assert board.purpose.startswith("Bay Safety is the county partnership")


def test_an_acronym_and_its_expansion_are_one_board_with_its_chair(tmp_path: Path) -> None:
    boards = _boards(tmp_path)
    board = next(b for b in boards.values() if "Civilian-Military" in b.name or "CMPB" in b.name)
    assert board.chair == "Cllr Ann Vale"
    assert board.chair_since == "May 2024"
    assert board.frequency == "twice a year"
    assert len([b for b in boards.values() if "CMPB" in b.name or "Civilian-Military" in b.name]) == 1


SECTIONS = """---
title: Bay council papers
date: "2025"
doc_type: report
---

# Bay Health Scrutiny Committee

On average 7.2 million doctor appointments are missed a year which totals to around 1.2 billion pounds a year.

Can the Chair of the Bay Health Scrutiny Committee comment on what work has been done to reduce them?

# Bay Armed Forces Partnership Board

1.4 The Bay Armed Forces Partnership Board was thanked by Members for its work over the year.

1.5 The Bay Armed Forces Partnership Board continues to oversee the implementation of the Covenant and meets twice a year.
"""


def test_a_purpose_speaks_of_the_body_and_loses_its_paragraph_number(tmp_path: Path) -> None:
    """In a body's own section, a sentence about its subject matter, or a question put to it, says
    nothing of what it is for; a report's paragraph number is not part of the purpose."""
    boards = {b.name: b for b in extract(write(tmp_path, "papers.md", SECTIONS)).boards}
    assert boards["Bay Health Scrutiny Committee"].purpose is None
    purpose = boards["Bay Armed Forces Partnership Board"].purpose
    assert purpose is not None
    assert purpose.startswith("The Bay Armed Forces Partnership Board continues to oversee")
