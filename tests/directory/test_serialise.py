"""Entries stored per document as JSON and read back unchanged."""

from __future__ import annotations

import json

import pytest

from assistant.directory import entries_from_json, entries_to_json
from tests.directory.documents import extract, minutes_document


def test_a_report_round_trips(report_entries) -> None:
    assert entries_from_json(json.loads(json.dumps(entries_to_json(report_entries)))) == report_entries


def test_minutes_round_trip() -> None:
    entries = extract(minutes_document())
    assert entries_from_json(json.loads(json.dumps(entries_to_json(entries)))) == entries


def test_another_format_is_refused(report_entries) -> None:
    data = {**entries_to_json(report_entries), "format": 0}
    with pytest.raises(ValueError, match="format"):
        entries_from_json(data)
