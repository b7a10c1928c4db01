"""How council papers name their programmes: in quotes, in table cells, with a lower-case kind word.

And the things that look like names and are not: a respondent's words, half of a slashed name,
a dated capital plan, a table cell that runs into the next one.
"""

from __future__ import annotations

import pytest

from tests.directory.documents import extract, write

PAPER = """---
title: Shire quarterly performance report
date: "2025-02"
doc_type: report
organisation: Shire County Council
---

# Road safety

The team delivered the following:

- Young Driver ‘Speak Out’ campaign on Facebook and Instagram.
- Winter ‘Drink/Drug Drive’ campaign for 3 weeks in December.

The Education People offer the ‘Securing Good’ programme to settings not yet rated Good.

Work continued on the ‘Connect to Work’ supported employment programme with partners.

Adults without qualifications build numeracy skills through engagement with Multiply project.

Officers will develop a proposal for a Shire-wide campaign to encourage more cycling.

The Scootability initiative will deliver 27 scooter sessions to pupils.

# Risks

CRR0065: Implementation of Shire Cloud Programme. This is a critical programme for the organisation.

Improve access to skills Develop Traineeship Pilot with Shire Scientific Services

# Fostering

The service is developing a “Create a Room” project, to support foster carers to create an additional bedroom.

Officers will Create a Room Booking System for the libraries.

# Devolution

Mr Vale said the approach had been developed through partnerships across a number of key areas, such as the
Shire Economic Partnership, the Employment Task Force and Routes for All in post-16 education and skills.

# Adult social care

We launched the new social care website ‘Shire Connect to Support’ that gives advice to residents.

Reduce loneliness Positive Wellbeing – social prescribing service Libraries

Technology Enhanced Lives (TELS)

- Short term service free up to 10 weeks to support hospital discharge.

Mr Vale spoke about the Council’s Money Advice Hubs which supported people to get independent advice.

# Consultation responses

“I think families would lose all confidence, as they did when the Sure Start Hillside programme closed.”

# Budget amendments

“This amendment seeks to move capital from the Strategic Estate Programme to road repairs.”

The 2034-35 A Draft Capital Programme and the 10-year Capital plan were noted.

# Shire Arts Fund

Holistic support for at risk groups (homeless people, veterans, offenders).

The Shire Arts Fund supports artists with learning difficulties to show their work.

# Cell

Breast Pump Scheme
"""


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory):
    return extract(write(tmp_path_factory.mktemp("council"), "paper.md", PAPER))


def _names(entries) -> set[str]:
    return {i.name for i in entries.initiatives}


@pytest.mark.parametrize("name", ["Speak Out", "Drink/Drug Drive", "Securing Good", "Connect to Work"])
def test_a_quoted_name_beside_its_kind_word_is_an_initiative(entries, name: str) -> None:
    assert name in _names(entries)


def test_a_quoted_name_after_its_kind_word_is_an_initiative(entries) -> None:
    assert "Shire Connect to Support" in _names(entries)


def test_a_quoted_name_may_open_with_a_verb_and_is_described_by_what_it_is_for(entries) -> None:
    room = next(i for i in entries.initiatives if i.name == "Create a Room")
    assert room.description.startswith("The service is developing a “Create a Room” project, to support foster carers")
    assert not any("Booking" in name for name in _names(entries))  # unquoted, a verb opens no name


def test_a_partnerships_area_without_a_bodys_word_is_a_programme_not_a_board(entries) -> None:
    boards = {b.name for b in entries.boards}
    assert "Routes for All" in _names(entries)
    assert "Routes for All" not in boards
    assert {"Shire Economic Partnership", "Employment Task Force"} <= boards


def test_what_is_done_to_a_programme_is_not_part_of_its_name(entries) -> None:
    names = _names(entries)
    assert "Shire Cloud Programme" in names
    assert not any(name.startswith("Implementation") for name in names)


def test_a_cells_verb_before_a_programme_is_not_part_of_its_name(entries) -> None:
    names = _names(entries)
    assert "Traineeship Pilot" in names
    assert not any(name.startswith("Develop") for name in names)


def test_half_of_a_slashed_name_is_no_initiative(entries) -> None:
    assert "Drug Drive" not in _names(entries)


def test_one_word_before_a_kind_word_inside_a_sentence_is_a_name(entries) -> None:
    names = _names(entries)
    assert {"Multiply project", "Scootability initiative"} <= names
    assert not any(name.startswith("Shire-wide") for name in names)


@pytest.mark.parametrize("name", ["Positive Wellbeing", "Technology Enhanced Lives (TELS)"])
def test_a_cell_that_says_it_is_a_service_names_one(entries, name: str) -> None:
    assert name in _names(entries)


def test_the_councils_own_hubs_are_initiatives(entries) -> None:
    assert "Money Advice Hubs" in _names(entries)


def test_a_respondents_words_name_no_initiative_a_quoted_amendment_does(entries) -> None:
    names = _names(entries)
    assert not any("Sure Start" in name for name in names)
    assert "Strategic Estate Programme" in names


def test_a_dated_capital_plan_and_a_cut_cell_are_not_initiatives(entries) -> None:
    names = _names(entries)
    assert not any("Capital" in name for name in names), names


def test_a_description_names_the_initiative_not_the_next_cell(entries) -> None:
    fund = next(i for i in entries.initiatives if i.name == "Shire Arts Fund")
    assert fund.description == "The Shire Arts Fund supports artists with learning difficulties to show their work."


def test_a_table_cell_that_is_only_the_name_gives_no_description(entries) -> None:
    scheme = next((i for i in entries.initiatives if i.name == "Breast Pump Scheme"), None)
    assert scheme is None or scheme.description == ""
