"""Meetings from minutes: body, date, chair, attendees, and decisions under their agenda items."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory import Meeting
from assistant.ingest import load_document
from tests.directory.documents import MINUTES, extract, minutes_document
from tests.support import make_pdf


@pytest.fixture
def meeting() -> Meeting:
    (found,) = extract(minutes_document()).meetings
    return found


def test_body_and_date(meeting: Meeting) -> None:
    assert (meeting.body, meeting.date) == ("Harbour Council Cabinet", "2025-01-09")


def test_chair_is_marked_in_the_attendance(meeting: Meeting) -> None:
    assert meeting.chair == "Mr A Gold"


def test_attendees_without_roles_or_honours(meeting: Meeting) -> None:
    assert meeting.attendees == ("Mr A Gold", "Mrs B Silver", "Mr C Bronze", "Ms D Iron", "Mr E Lead")


def test_resolutions_sit_under_their_items(meeting: Meeting) -> None:
    resolutions = [(d.item, d.text) for d in meeting.decisions if d.kind == "resolution"]
    assert resolutions[0] == (
        "Minutes of the Meeting held on 1 December 2024",
        "RESOLVED that the minutes of the meeting were a correct record and that they be signed by the Chair",
    )


def test_a_resolution_keeps_its_numbered_list(meeting: Meeting) -> None:
    budget = [d for d in meeting.decisions if d.kind == "resolution" and d.item == "Harbour Budget Update"]
    assert [d.text for d in budget] == ["RESOLVED that Cabinet: 1. Agree the budget; 2. Note the risks."]


def test_a_lost_amendment_is_a_decision(meeting: Meeting) -> None:
    decisions = [d.text for d in meeting.decisions if d.kind == "decision"]
    assert decisions == ["Mr Bronze proposed and Ms Iron seconded the following amendment: Amendment lost."]


def test_the_vote_behind_a_resolution_is_not_counted_twice(meeting: Meeting) -> None:
    vice_chair = [d for d in meeting.decisions if d.item == "Election of Vice-Chair"]
    assert [d.kind for d in vice_chair] == ["resolution"]


@pytest.mark.parametrize(
    "text",
    [
        "Ms Iron offered to circulate the figures to Members before the next meeting.",
        "Clerk to circulate the slides to all Members.",
    ],
)
def test_actions(meeting: Meeting, text: str) -> None:
    assert text in [d.text for d in meeting.decisions if d.kind == "action"]


def test_decisions_cite_the_resolved_sentence(meeting: Meeting) -> None:
    first = next(d for d in meeting.decisions if d.kind == "resolution")
    page = minutes_document().pages[0].text
    assert first.source.chunk == 0
    assert page[first.source.start : first.source.end].startswith("RESOLVED that the minutes")


def test_elected_chair_when_attendance_marks_none() -> None:
    text = MINUTES.replace(" (Chairman)", "").replace(
        "UNRESTRICTED ITEMS", "Election of Chair\n1. RESOLVED that Mr C Bronze be elected to Chair the meeting.\n"
    )
    (meeting,) = extract(minutes_document(text)).meetings
    assert meeting.chair == "Mr C Bronze"


def test_a_report_has_no_meetings(report_entries) -> None:
    assert report_entries.meetings == ()


def test_minutes_in_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cabinet_2025-01-09_minutes.pdf"
    path.write_bytes(make_pdf([MINUTES]))
    (meeting,) = extract(load_document(path)).meetings
    assert meeting.chair == "Mr A Gold"
    assert [d.kind for d in meeting.decisions].count("resolution") == 3
