"""Titles read from a PDF's opening: what names the document, not an attendance line, a post or an "Agenda"."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import load_document
from assistant.ingest.metadata import dated_name, heading_title, is_generic_heading
from tests.support import make_pdf


@pytest.mark.parametrize(
    ("headings", "title"),
    [
        (["Agenda", "Harry Rayner – MEM (Chair)"], "Agenda"),
        (["Cabinet Member for Education and Skills", "Questions and answers"], "Questions and answers"),
        (["From: Roger Gough, Leader", "Capital Strategy"], "Capital Strategy"),
        (["Kent County Council", "Quarterly Performance Report"], "Kent County Council – Quarterly Performance Report"),
    ],
)
def test_a_title_skips_attendance_lines_and_posts(headings: list[str], title: str) -> None:
    assert heading_title(headings) == title


def test_a_short_dated_name_opens_a_meeting_note_and_agenda_only_names_the_page() -> None:
    assert dated_name("TMG 14 November 2024")
    assert not dated_name("The Group met on 14 November 2024 to review the strategy and its indicators.")
    assert not dated_name("Treasury Management Group")
    assert is_generic_heading("Agenda")
    assert not is_generic_heading("Agenda for the Treasury Management Group")


def test_a_meeting_note_is_titled_by_the_meeting_it_names_first(tmp_path: Path) -> None:
    path = tmp_path / "tmg-note.pdf"
    path.write_bytes(
        make_pdf(
            [
                "TMG 14 November 2024\n\nAgenda\n\n1. Market and Regulatory Update\n\n2. Strategy Check\n\n"
                "Attendance:\n\nHarry Rayner - MEM (Chair)\n\nDiscussion Summary:\n\n"
                "Link Group presented the latest market expectations following the Budget."
            ]
        )
    )
    assert load_document(path).info.title == "TMG 14 November 2024"
