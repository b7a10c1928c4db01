"""Figures as an officer would read them: the qualifier kept, a plain label, three kinds, no non-measures."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory import build_scorecard, merge_entries
from tests.directory.documents import extract, write

REPORT = """---
title: Bay progress report
date: "2019"
doc_type: report
---

# Part 1: Background

## Our Ambitions

1. Keep people well
2. Connect the bay

# Part 2: Progress Update

## Highlights

- Over 200 people attended the last Bay Assembly
- Over 130 people have taken part in Leading the Bay

# Keep people well

In the Bay over 19,000 people are currently living with dementia, a figure set to rise by 34% over the next ten years.

Once in school the number of exclusions increased by 92% between 2015 and 2018.

Life expectancy in deprived areas can be shortened by up to 8 years for a man.

22,500: the estimated number of children with a mental health problem.

The rate (per 10,000 of children) on a Child Protection Plan in Westcliff is 34 compared with a Bay figure of 19.

## Leading the Bay

A one-year learning programme for system leaders. To date over 130 people have taken part in the programme.

## Youth Project

Starting in May 2019 the programme has engaged with 150 young people, 71% of whom signed up for further support.

## Community Chest

Initially £50k was earmarked to kick start micro projects of up to £500.

# Connect the bay

We are planting at least 375,000 trees over the next five years.

The Bay needs to build 14,000 homes by 2036.

Links to the 12 CSP websites are provided below.
"""


@pytest.fixture
def rows(tmp_path: Path) -> dict[str, list]:
    document = write(tmp_path, "bay.md", REPORT)
    directory = merge_entries([extract(document)], {document.doc_id: document.info})
    return {row.ambition: list(row.figures) for row in build_scorecard(directory)}


def _find(rows: dict[str, list], value: str) -> list[tuple[str, object]]:
    return [(ambition, f) for ambition, figures in rows.items() for f in figures if f.value == value]


@pytest.mark.parametrize("value", ["over 200", "over 130", "over 19,000", "up to £500", "at least 375,000", "£50k"])
def test_a_figure_keeps_its_qualifier(rows, value) -> None:
    assert _find(rows, value), f"{value} not in {[f.value for fs in rows.values() for f in fs]}"


def test_up_to_500_is_not_what_was_earmarked(rows) -> None:
    ((_, earmarked),) = _find(rows, "£50k")
    assert "earmarked" in earmarked.label
    assert not _find(rows, "£500")


def test_a_highlight_tied_to_no_ambition_stays_under_none(rows) -> None:
    ((ambition, figure),) = _find(rows, "over 200")
    assert ambition == "No single ambition"
    assert figure.kind == "achievement"


def test_a_highlight_repeated_under_an_ambition_is_one_row_there(rows) -> None:
    assert [ambition for ambition, _ in _find(rows, "over 130")] == ["Keep people well"]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("over 19,000", "context"),
        ("34%", "context"),
        ("92%", "context"),
        ("150", "achievement"),
        ("at least 375,000", "target"),
        ("14,000", "target"),
        ("£50k", "achievement"),
    ],
)
def test_each_figure_has_its_kind(rows, value, kind) -> None:
    assert [f.kind for _, f in _find(rows, value)] == [kind]


def test_a_duration_that_is_the_measure_and_a_value_before_a_colon_are_rows(rows) -> None:
    assert [f.kind for _, f in _find(rows, "up to 8 years")] == ["context"]
    ((_, estimated),) = _find(rows, "22,500")
    assert estimated.label.startswith("the estimated number of children")
    assert [f.value for _, f in _find(rows, "19")] == ["19"]


def test_a_rate_base_and_a_count_of_links_are_not_rows(rows) -> None:
    values = {f.value for figures in rows.values() for f in figures}
    assert "10,000" not in values
    assert "12" not in values


def test_labels_say_what_is_counted(rows) -> None:
    ((_, of_whom),) = _find(rows, "71%")
    assert of_whom.label.startswith("young people who signed up")
    ((_, rate),) = _find(rows, "34")
    assert "Child Protection Plan" in rate.label
    assert "compared" not in rate.label


COUNCIL_REPORT = """---
title: Harbour pay policy statement
date: "2025-03"
doc_type: report
---

# Classification: Unrestricted

1. Background

1.3 Last year, the County Council agreed a 1.35% increase to the Harbour Scheme pay scales.

1.9 HCC's approach to pay recognises a wide variety of factors.

2. Recognition

2.3 MoD Employer Recognition Scheme

2.4 The council holds a Gold Award and employs 1.5 FTE reservists.

# Answer

The Harbour Scheme covers 12,000 staff.
"""


def test_a_numbered_paragraph_or_heading_is_not_a_figure(tmp_path: Path) -> None:
    """Council reports number their paragraphs ("1.3 Last year, ..."): the number is not a measure,
    while the figures inside the paragraph, and a decimal count of a unit, are."""
    document = write(tmp_path, "pay.md", COUNCIL_REPORT)
    directory = merge_entries([extract(document)], {document.doc_id: document.info})
    values = {f.value for row in build_scorecard(directory) for f in row.figures}
    assert {"1.35%", "12,000"} <= values
    assert not values & {"1.3", "1.9", "2.3", "2.4"}
    assert "1.5" in values  # "1.5 FTE reservists": a unit, not a paragraph


def test_a_protective_marking_or_a_reply_heading_is_no_theme(tmp_path: Path) -> None:
    """A PDF's page marking and a questions item's "Answer" come out as top-level headings."""
    document = write(tmp_path, "pay.md", COUNCIL_REPORT)
    figures = extract(document).figures
    assert {f.value for f in figures} >= {"1.35%", "12,000"}
    themes = {f.theme for f in figures}
    assert not themes & {"Classification: Unrestricted", "Answer"}
