"""The edges of a name in council papers: an acronym that asks for more words, a table's next cell,
an organisation's staff, a role's holder before a body, and one body written two ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory import merge_entries
from assistant.directory.merge import same_across
from tests.directory.documents import extract, write

MINUTES = """---
title: County Council minutes
date: "2025-02-13"
doc_type: minutes
---

# Budget amendments

Reverse the proposed £1.75m cut to the grant paid to districts for Council Tax Reduction Scheme (CTRS) support.

# Risk register

GET English National

Concessionary

Travel Scheme (ENCTS) and Kent Travel

Saver (KTS) journey levels are below their pre-pandemic levels.

# Fostering

Part of the recruitment strategy will be to look to our existing KCC staff group, to promote becoming a foster carer.

# Housing

Robin Cahill, Senior Commissioner, Natalia Merritt Co-Chair Kent Housing Options Subgroup (KHOG) and Brian Horton attended.
"""

ACTIONS = """---
title: Health and wellbeing actions
date: "2025-01"
doc_type: report
---

# Connected communities

Address the social determinants including social networks and safety Reduce loneliness Support district initiatives including Priority Places Support KALC loneliness initiatives
"""


@pytest.fixture(scope="module")
def minutes(tmp_path_factory: pytest.TempPathFactory):
    return extract(write(tmp_path_factory.mktemp("minutes"), "minutes.md", MINUTES))


def test_a_name_takes_back_the_words_its_acronym_asks_for(minutes) -> None:
    names = [i.name for i in minutes.initiatives]
    assert "Council Tax Reduction Scheme (CTRS)" in names  # "Council" usually opens a sentence, not here
    assert "English National Concessionary Travel Scheme (ENCTS)" in names  # over three lines of a table
    assert not any(n.startswith(("Tax Reduction", "Travel Scheme")) for n in names)


def test_an_organisations_staff_group_is_no_board(minutes) -> None:
    assert not any(b.name.startswith("KCC") for b in minutes.boards)


def test_a_role_and_its_holder_before_a_body_are_not_its_name_but_its_chair(minutes) -> None:
    board = next(b for b in minutes.boards if "Housing Options" in b.name)
    assert board.name == "Kent Housing Options Subgroup (KHOG)"
    assert board.chair == "Natalia Merritt (co-chair)"


def test_a_listed_name_ends_where_a_tables_next_cell_opens_with_a_verb(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "actions.md", ACTIONS))
    assert "Priority Places" in [i.name for i in entries.initiatives]  # the list is of initiatives
    assert not any("KALC" in e.name for e in (*entries.initiatives, *entries.boards))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("KCC Cabinet", "Kent County Council Cabinet"),
        ("NHS Kent and Medway Integrated Care Board", "Kent and Medway Integrated Care Board"),
        ("Health Overview Scrutiny Committee", "Health Overview and Scrutiny Committee"),
        ("One You Kent", "One You Kent service"),
        ("MoD Employer Recognition Scheme", "MoD Employer Recognition Awards Scheme"),
        ("England National Concessionary Travel Scheme", "English National Concessionary Travel Scheme (ENCTS)"),
    ],
)
def test_one_body_written_two_ways_is_one_entry(first: str, second: str) -> None:
    assert same_across([first], [second])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("PAC", "Planning Applications Committee"),  # an acronym alone is also the Public Accounts Committee
        ("Kent Cabinet", "Kent County Council Cabinet"),
        ("Health Scrutiny Committee", "Health Overview and Scrutiny Committee"),
        ("Kent and Medway Integrated Care Board", "Kent and Medway Integrated Care Partnership"),
        ("Kent Minerals and Waste Plan 2024", "Kent Minerals and Waste Plan 2025"),
    ],
)
def test_different_names_stay_apart(first: str, second: str) -> None:
    assert not same_across([first], [second])


def test_a_national_committee_known_by_its_acronym_does_not_take_a_local_one_with_it(tmp_path: Path) -> None:
    national = """---
title: Questions
date: "2025-03"
doc_type: report
---

# Answers

The Public Accounts Committee (PAC) has requested the Department for Education to report on high needs.

The Planning Applications Committee met on 4 March to consider the quarry application.
"""
    entries = extract(write(tmp_path, "questions.md", national))
    boards = [b.name for b in merge_entries([entries], {}).boards]
    assert "Planning Applications Committee" in boards
    assert not any("Public Accounts" in name for name in boards)


def test_a_word_that_opens_sentences_opens_a_name_after_an_article_or_a_quote(tmp_path: Path) -> None:
    text = """---
title: County Council minutes
date: "2025-03-13"
doc_type: minutes
---

# Cost of living

Mr Gough spoke about the Household Support Fund and the Just Missing Out Scheme and said wider work continued.

The Pensioner ‘Just Missing Out’ scheme helps older residents just above the threshold.

Just Missing Out was praised by Members.
"""
    names = [i.name for i in extract(write(tmp_path, "minutes.md", text)).initiatives]
    assert any(n.startswith("Just Missing Out") for n in names)
    assert not any(n.startswith("Missing Out") for n in names)


def test_a_term_among_a_glossarys_entries_is_no_initiative(tmp_path: Path) -> None:
    text = """---
title: Treasury management strategy
date: "2025-02"
doc_type: report
---

# Glossary

CPI Consumer Price Index - the measure of inflation targeted by the Monetary Policy Committee.

Deposit A regulated placing of cash with a financial institution.

MMF Money Market Funds. A collective investment scheme which invests in short-term assets.

MRP Minimum Revenue Provision – an annual amount that local authorities set aside for debt.

Pooled Fund Scheme in which multiple investors hold units or shares.

PWLB Public Works Loan Board – a statutory body operating within the Debt Management Office.

# Investments

The council invests through the Kent Green Homes Scheme, which lends to households for insulation.
"""
    names = [i.name for i in extract(write(tmp_path, "strategy.md", text)).initiatives]
    assert "Pooled Fund Scheme" not in names
    assert "Kent Green Homes Scheme" in names  # outside the glossary a scheme is still one


def test_what_money_was_raised_for_is_a_charity_not_an_initiative(tmp_path: Path) -> None:
    text = """---
title: County Council minutes
date: "2024-12-19"
doc_type: minutes
---

# Chairman's Announcements

The Remembrance Festival held in November raised £5,000 for the Royal British Legion and the Army Benevolent Fund.

The council's Harbour Warm Homes Fund helped 300 households with insulation this winter.
"""
    names = [i.name for i in extract(write(tmp_path, "minutes.md", text)).initiatives]
    assert "Army Benevolent Fund" not in names
    assert "Harbour Warm Homes Fund" in names


def test_one_scheme_spelled_two_ways_in_one_document_is_one_initiative(tmp_path: Path) -> None:
    text = """---
title: Health and wellbeing activity
date: "2025-01"
doc_type: report
---

# Transport

The England National Concessionary Travel Scheme (Bus Pass) gives older residents free off-peak travel.

Older residents still value the English National Concessionary Travel Scheme (ENCTS).

# Veterans

The council retained its MoD Employer Recognition Scheme Gold Award this year.

The MoD Employer Recognition Awards Scheme recognises employers who support the armed forces.
"""
    names = [i.name for i in merge_entries([extract(write(tmp_path, "activity.md", text))], {}).initiatives]
    assert sum("Concessionary Travel Scheme" in n for n in names) == 1, names
    assert sum("Employer Recognition" in n for n in names) == 1, names
