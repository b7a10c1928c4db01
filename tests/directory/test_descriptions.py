"""Initiatives' descriptions: a sentence about the thing, read from anywhere in its document, or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory import UNDESCRIBED, Initiative
from assistant.directory.descriptions import cell_description, is_table_run
from assistant.render import initiatives_text
from tests.directory.documents import extract, write

PAPER = """---
title: Shire health and wellbeing activity
date: "2025-01"
doc_type: report
organisation: Shire County Council
---

# Shared outcome 3: Supporting happy and healthy living

What we have committed to Services in place to deliver

Reduce loneliness Positive Steps – social prescribing service Libraries (inc. mobile libraries)

Improve nutrition Holiday Meals Programme Support delivery of programmes for 2025-28

Warm homes Coastal Homes Retrofit Scheme (CHRS) Energy advice line

# Progress

The CHRS grant is now helping 400 households to insulate their homes before next winter.

Risk 12: Harbour Ledger Programme. This is a critical programme for the council, replacing outdated finance systems.

# Meadow Verges Fund

# Grants awarded

Eleven parishes received awards this year.
"""


def _initiatives(tmp_path: Path) -> dict[str, Initiative]:
    entries = extract(write(tmp_path, "activity.md", PAPER))
    return {i.name: i for i in entries.initiatives}


def test_a_named_cell_is_described_by_its_cell_not_its_row(tmp_path: Path) -> None:
    found = _initiatives(tmp_path)
    assert found["Positive Steps"].description == "Positive Steps – social prescribing service"


def test_a_name_in_a_cell_is_described_by_a_sentence_elsewhere_that_has_it_as_subject(tmp_path: Path) -> None:
    found = _initiatives(tmp_path)
    retrofit = next(i for name, i in found.items() if name.startswith("Coastal Homes Retrofit Scheme"))
    assert retrofit.description.startswith("The CHRS grant is now helping 400 households")


def test_a_sentence_that_refers_back_to_a_name_standing_alone_describes_it(tmp_path: Path) -> None:
    found = _initiatives(tmp_path)
    ledger = next(i for name, i in found.items() if "Harbour Ledger Programme" in name)
    assert ledger.description == ("This is a critical programme for the council, replacing outdated finance systems.")


def test_a_table_row_run_on_into_the_next_cell_is_no_description(tmp_path: Path) -> None:
    found = _initiatives(tmp_path)
    assert found["Holiday Meals Programme"].description == ""


def test_a_name_with_only_a_heading_after_it_has_none_and_the_listing_says_so(tmp_path: Path) -> None:
    found = _initiatives(tmp_path)
    assert found["Meadow Verges Fund"].description == ""  # "Eleven parishes ..." is under another heading
    listing = initiatives_text([found["Meadow Verges Fund"]], {})
    assert f"Meadow Verges Fund: {UNDESCRIBED}" in listing


def test_table_runs_are_told_from_sentences() -> None:
    assert is_table_run("Holiday Meals Programme Support delivery of programmes for 2025-28")
    assert is_table_run("Streetlighting Project — Actual Portfolio £m: 8.17; Average Rate %: 2.88")
    assert is_table_run("Investment Fund | Book cost £m | Market Value £m | Income %")
    assert not is_table_run("Mr Vale spoke about the Household Support Fund and said the work continued.")


def test_a_cell_is_read_only_where_the_name_opens_one() -> None:
    row = "Reduce loneliness Positive Steps – social prescribing service Libraries (inc. mobile libraries)"
    assert cell_description(row, ["Positive Steps"]) == "Positive Steps – social prescribing service"
    prose = "Funding was secured to develop the Nest Scheme - part of a package to retain foster carers."
    assert cell_description(prose, ["Nest Scheme"]) == ""


def test_a_description_loses_the_reports_paragraph_number(tmp_path: Path) -> None:
    """ "5.9 Since March 2023, the council has been part of the Safety Valve Programme ...": the 5.9
    numbers the report's paragraph, it is not part of what the programme is."""
    report = """---
title: Shire budget report
date: "2025-02"
doc_type: report
organisation: Shire County Council
---

# 5. High needs funding

5.9 Since March 2023, the council has been part of the Safety Valve Programme where the department and the council share the deficit.
"""
    found = {i.name: i for i in extract(write(tmp_path, "budget.md", report)).initiatives}
    assert found["Safety Valve Programme"].description.startswith("Since March 2023, the council has been part of")


COUNTRYSIDE = """---
title: Shire quarterly performance report
date: "2025-02"
doc_type: report
---

# Countryside

The Hedge Cluster project enabled habitat reports for 7 farmers.
Work is moving forward with an application for a £1.6m lottery grant to restore the river meadows. The project is called Meadow Valley Restore.

# Inclusion

Our successful bid for national funding for the Valuing Every Learner (IEL) pathfinder project in Dunport, focused on early identification and intervention.

Members referred to Valuing Every Learner when asked about transport.

# Nature

The public consultation on Shire's draft local nature recovery strategy, "Room for Wildlife," launched on 16th January. Members welcomed the Room for Wildlife project.
"""


def test_a_sentence_that_only_gives_the_name_is_read_with_the_one_before_it(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "quarterly.md", COUNTRYSIDE))
    restore = next(i for i in entries.initiatives if i.name == "Meadow Valley Restore")
    assert restore.description == (
        "Work is moving forward with an application for a £1.6m lottery grant to restore the river meadows. "
        "The project is called Meadow Valley Restore."
    )


def test_a_participle_after_a_name_says_what_it_is_for(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "quarterly.md", COUNTRYSIDE))
    learner = next(i for i in entries.initiatives if i.name.startswith("Valuing Every Learner"))
    assert learner.description.endswith("focused on early identification and intervention.")


def test_a_quoted_name_in_apposition_to_what_it_is_is_described_by_that_sentence(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "quarterly.md", COUNTRYSIDE))
    wildlife = next(i for i in entries.initiatives if i.name.startswith("Room for Wildlife"))
    assert wildlife.description.startswith("The public consultation on Shire's draft local nature recovery strategy")


def _description(tmp_path: Path, text: str, name: str) -> str:
    """The description of the initiative whose name starts with ``name``, extracted from ``text``."""
    entries = extract(write(tmp_path, "report.md", text))
    return next(i for i in entries.initiatives if i.name.startswith(name)).description


FUNDING = """---
title: Shire quarterly performance report
date: "2025-02"
doc_type: report
---

# Transport

KCC is once again offering its Shire Transport Grant scheme for the 2024/25 financial year.

# Carers

Carers campaign funded by Shire Reform Fund, went live at the start of June.

# Housing

NUE were awarded £2.5m under the Shire Growing Places Fund to convert additional derelict properties.

# Minutes

Mr Vale referred to programmes such as the Shire Meadow Project when asked about verges.
"""


def test_a_sentence_saying_who_runs_it_describes_it(tmp_path: Path) -> None:
    described = _description(tmp_path, FUNDING, "Shire Transport Grant")
    assert described.startswith("KCC is once again offering its Shire Transport Grant scheme")


def test_a_sentence_about_what_a_fund_paid_for_does_not_describe_the_fund(tmp_path: Path) -> None:
    assert _description(tmp_path, FUNDING, "Shire Growing Places Fund") == ""  # it says what NUE were awarded


def test_a_fund_named_only_as_what_paid_for_something_is_no_initiative(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "report.md", FUNDING))  # "Carers campaign funded by Shire Reform Fund"
    assert not any(i.name.startswith("Shire Reform Fund") for i in entries.initiatives)


NEWS = """---
title: Shire quarterly performance report
date: "2025-02"
doc_type: report
---

# Highways

For Sturry Bridge Link Road project, the design and build contract has been signed and the contractor is progressing with the detail design.

The Pothole Sweep Programme was substantially completed at the end of October, which successfully helped to decrease the backlog of work.

# Cycling

The Shire Cycle Skills Scheme has now been delivered in 40 schools across the county.
"""


@pytest.mark.parametrize("name", ["Sturry Bridge Link Road", "Shire Cycle Skills Scheme"])
def test_news_of_an_initiative_is_no_description(tmp_path: Path, name: str) -> None:
    assert _description(tmp_path, NEWS, name) == ""


def test_news_that_also_says_what_it_did_still_describes_it(tmp_path: Path) -> None:
    described = _description(tmp_path, NEWS, "Pothole Sweep Programme")
    assert described.startswith("The Pothole Sweep Programme was substantially completed")


def test_a_name_in_passing_is_still_no_description(tmp_path: Path) -> None:
    entries = extract(write(tmp_path, "funding.md", FUNDING))
    meadow = next(i for i in entries.initiatives if i.name.startswith("Shire Meadow Project"))
    assert meadow.description == ""


TALLIES = """---
title: Shire quarterly performance report
date: "2025-02"
doc_type: report
---

# Road safety

Road safety education delivered this quarter:

- ‘Shire Road Club’ (SRC) intervention to 5,104 Primary School Pupils across 55 different schools.
- Winter ‘Shire Safe Drive’ campaign for 3 weeks in December.
- ‘Shire Ride Ready’ service free up to 10 weeks to support new cyclists on busy roads.
"""


@pytest.mark.parametrize("name", ["Shire Road Club", "Shire Safe Drive"])
def test_a_list_line_that_only_tallies_what_it_did_is_no_description(tmp_path: Path, name: str) -> None:
    assert _description(tmp_path, TALLIES, name) == ""


def test_a_list_line_saying_what_it_is_for_still_describes_it(tmp_path: Path) -> None:
    described = _description(tmp_path, TALLIES, "Shire Ride Ready")
    assert described.startswith("‘Shire Ride Ready’ service free up to 10 weeks to support")
