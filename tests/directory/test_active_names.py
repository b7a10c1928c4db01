"""Names with no kind word that a council paper says are at work: a service with its initials, a name
as the subject of what it does, a name beside what it is, a line that is only a name over a line
about it, a name whose training is at work, a named operation. And the look-alikes that are not: organisations, people, posts, departments, a service
followed by its directorate's initials, a national body, a fund named only as where money came from."""

from __future__ import annotations

import pytest

from assistant.directory.active_names import active_names
from tests.directory.documents import extract, write

PAPER = """---
title: Shire quarterly performance report
date: "2025-02"
doc_type: report
organisation: Shire County Council
---

# Communities

Local tax reserves include temporary funding for the Shire Support and Assistance Service (SSAS).

Focus areas for the Shire Community Warden Service (SCWS) continued to be the cost of living.

- Road Wise (RW) delivery to Year 7 (23 schools), reaching 3,699 pupils
- ‘Road Safety Club’ (RSC) intervention to 5,104 Primary School Pupils

Digital Shire is working to improve digital inclusion and capabilities in the county.

ReferShire continues to register organisations that offer support to the Armed Forces.

In Quarter 3, LWSC (Live Well Shire and Coast) continued to see high demand for its support.

A national recruitment hub, Fostering South Coast, launched on 8th July 2024 with a campaign.

Adult social care is working with Health colleagues on the Better Use of Beds, which aims to ensure people are discharged well.

Community Gateways - These sites allow individuals to access a wide range of services in one building.

Forces Connect APP

Forces Connect APP is a free resource which was first developed in the county.

Cycleability training continues across the county, with more pupils trained than last year.

The Early Years and Childcare Service’s Threads of Growth training offer continues to be delivered online.

The Shire Resilience Forum’s implementation of Operation Stackhold from 15 – 22 December covered the peak.

# Look-alikes

The Council aims to be a responsible investor in all its treasury decisions.

Mr Vale provides a written update to every meeting of the committee.

NHS England provides the funding for the pilot in the county this year.

Adult Social Care continues to face rising demand from older residents.

Referrals to the Strengthening Independence Service (CYPE) rose again this quarter.

Every household is registered with the National Health Service (NHS) in the county.

The Early Years and Childcare Service continues to deliver training to settings.

The Council’s training offer continues to grow, and Member training sessions are held each spring.

Operation of the new depot began in May.

Shire Fire and Rescue Service (SFRS) attended 40 incidents in the quarter.

The carers campaign, funded by Accelerating Care Fund, went live at the start of June.

In October we secured funding from the Coastline Customer Improvement Fund to connect two stations.

Work is moving forward with an application for £1.6m Heritage Landscape Fund grant this spring.

The Shire Household Support Fund helps families with the cost of food and energy this winter.

Food vouchers were funded by the Shire Household Support Fund in the holidays.
"""


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory):
    return extract(write(tmp_path_factory.mktemp("active"), "paper.md", PAPER))


@pytest.fixture(scope="module")
def names(entries) -> set[str]:
    return {i.name for i in entries.initiatives}


@pytest.mark.parametrize(
    "name", ["Shire Support and Assistance Service (SSAS)", "Shire Community Warden Service (SCWS)"]
)
def test_a_service_named_with_its_initials_is_an_initiative(names: set[str], name: str) -> None:
    assert name in names


def test_a_name_with_its_initials_before_what_is_delivered_of_it_is_an_initiative(names: set[str]) -> None:
    assert "Road Wise (RW)" in names
    assert "Road Safety Club" in names  # the quoted-name rule's, whole
    assert not any(name.startswith("Road Safety Club’") for name in names)


@pytest.mark.parametrize("name", ["Digital Shire", "ReferShire", "Live Well Shire and Coast"])
def test_a_name_whose_verb_says_what_it_does_is_an_initiative(names: set[str], name: str) -> None:
    assert name in names


@pytest.mark.parametrize("name", ["Fostering South Coast", "Better Use of Beds", "Community Gateways"])
def test_a_name_beside_what_it_is_or_is_for_is_an_initiative(names: set[str], name: str) -> None:
    assert name in names


def test_a_name_in_apposition_to_what_it_is_is_described_by_that_sentence(entries) -> None:
    hub = next(i for i in entries.initiatives if i.name == "Fostering South Coast")
    assert hub.description.startswith("A national recruitment hub, Fostering South Coast, launched on 8th July 2024")


@pytest.mark.parametrize("name", ["Cycleability", "Threads of Growth"])
def test_a_name_whose_training_is_at_work_is_an_initiative(names: set[str], name: str) -> None:
    assert name in names  # one word will do here; an owner before it is not part of the name


def test_a_named_operation_is_an_initiative(names: set[str]) -> None:
    assert "Operation Stackhold" in names


def test_a_line_that_is_only_a_name_over_a_sentence_about_it_names_one(names: set[str]) -> None:
    assert "Forces Connect APP" in names


def test_organisations_people_departments_and_national_bodies_are_not_initiatives(names: set[str]) -> None:
    parts = ("Council", "Vale", "NHS England", "Adult Social Care", "National Health", "Early Years", "Fire", "Member")
    for part in parts:
        assert not any(part in name for name in names), part


def test_a_fund_named_only_as_where_money_came_from_is_not_an_initiative(names: set[str]) -> None:
    assert not any(word in name for name in names for word in ("Accelerating", "Coastline", "Heritage"))
    assert "Shire Household Support Fund" in names  # also named as something at work


def test_a_service_followed_by_another_bodys_initials_is_not_named_by_them(names: set[str]) -> None:
    assert not any("Strengthening Independence" in name for name in names)
    assert not any(name.startswith("Operation") and name != "Operation Stackhold" for name in names)


def test_a_line_with_none_of_the_cues_costs_no_phrase_search() -> None:
    text = "The Shire Cycling Group met in March and agreed its priorities for the year."
    assert active_names(text, 0, len(text)) == []


def test_one_plain_word_doing_something_is_not_a_name() -> None:
    text = "Millmead provides lots of information and advice to families."
    assert active_names(text, 0, len(text)) == []
