"""Initiatives read from a report's structure: ambition sections, case studies, work lists."""

from __future__ import annotations

import pytest

from assistant.chunking import split_document
from assistant.directory import DocumentEntries, Initiative, extract_document
from assistant.types import Document


def by_name(entries: DocumentEntries) -> dict[str, Initiative]:
    return {i.name: i for i in entries.initiatives}


def test_ambitions_come_from_the_our_ambitions_list(report_entries: DocumentEntries) -> None:
    assert report_entries.ambitions == ("Keep people well", "Grow the economy")


def test_heading_under_an_ambition_is_one_of_its_initiatives(report_entries: DocumentEntries) -> None:
    skills = by_name(report_entries)["Skills Fund"]
    assert skills.theme == "Grow the economy"
    assert skills.description == "A £2m fund delivered with Acme College to train 500 residents in digital skills."


def test_case_study_heading_names_its_subject(report_entries: DocumentEntries) -> None:
    assert "Memory Cafe Network" in by_name(report_entries)


def test_list_item_with_a_dash_names_an_initiative(report_entries: DocumentEntries) -> None:
    forest = by_name(report_entries)["Tidewater Forest Initiative"]
    assert forest.theme == "Keep people well"
    assert forest.description.startswith("Tidewater Forest Initiative - we are planting")


def test_launch_of_names_what_was_launched(report_entries: DocumentEntries) -> None:
    assert "Harbour Unites" in by_name(report_entries)


@pytest.mark.parametrize(
    "name",
    ["Highlights", "Context", "Actions", "Part 2: Progress Update", "Our Ambitions", "London", "Jane Doe"],
)
def test_generic_headings_quotes_and_context_lists_are_not_initiatives(
    report_entries: DocumentEntries, name: str
) -> None:
    names = {i.name for i in report_entries.initiatives} | {b.name for b in report_entries.boards}
    assert not any(name.lower() in n.lower() for n in names)


def test_partnership_heading_under_an_ambition_is_a_board(report_entries: DocumentEntries) -> None:
    assert "Coastal Carers Partnership" in {b.name for b in report_entries.boards}
    assert "Coastal Carers Partnership" not in by_name(report_entries)


def test_partners_are_the_organisations_it_was_delivered_with(report_entries: DocumentEntries) -> None:
    cafe = by_name(report_entries)["Memory Cafe Network"]
    assert cafe.partners == ("Alzheimer's Society", "PA Consulting", "TechUK")


def test_partners_of_a_list_item(report_entries: DocumentEntries) -> None:
    assert by_name(report_entries)["Tidewater Forest Initiative"].partners == ("Green Trust", "Blue Council")


def test_figures_inside_the_initiative_are_its_key_figures(report_entries: DocumentEntries) -> None:
    skills = by_name(report_entries)["Skills Fund"]
    assert [f.value for f in skills.figures] == ["£2m", "500"]
    assert skills.figures[0].date == "2019"


def test_every_source_points_at_its_sentence_inside_a_chunk(report: Document) -> None:
    chunks = split_document(report)
    entries = extract_document(report, chunks)
    for initiative in entries.initiatives:
        for source in initiative.sources:
            text = chunks[source.chunk].text[source.start : source.end]
            assert text.strip()
            assert source.section == chunks[source.chunk].section_path
    skills = by_name(entries)["Skills Fund"].sources[0]
    assert chunks[skills.chunk].text[skills.start : skills.end].startswith("A £2m fund delivered with Acme College")


def test_without_chunks_sources_point_into_the_page(report: Document) -> None:
    entries = extract_document(report, [])
    source = by_name(entries)["Skills Fund"].sources[0]
    assert source.chunk == -1
    assert report.pages[0].text[source.start : source.end].startswith("A £2m fund")


def test_key_is_the_normalised_name(report_entries: DocumentEntries) -> None:
    assert by_name(report_entries)["Memory Cafe Network"].key == "memory cafe network"
