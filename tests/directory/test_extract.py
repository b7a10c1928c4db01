"""Extraction as a whole: deterministic, silent, and per document."""

from __future__ import annotations

from assistant.chunking import split_document
from assistant.directory import extract_document
from tests.directory.documents import MINUTES, minutes_document


def test_extraction_is_deterministic(report) -> None:
    chunks = split_document(report)
    assert extract_document(report, chunks) == extract_document(report, chunks)


def test_extraction_prints_nothing(report, capsys) -> None:
    extract_document(report, split_document(report))
    assert capsys.readouterr() == ("", "")


def test_a_long_document_is_read_to_its_end() -> None:
    # (its speed is part of the ingest benchmark, bench/ingest.py, not a timed assertion here)
    document = minutes_document("".join(MINUTES.replace("Agree the budget", f"Agree budget {n}") for n in range(60)))
    entries = extract_document(document, split_document(document))
    found = " ".join(d.text for m in entries.meetings for d in m.decisions)
    assert all(f"Agree budget {n};" in found for n in range(60))


def test_unthemed_figures_are_placed_by_meaning(report, embedder) -> None:
    entries = extract_document(report, split_document(report), embedder)
    assert all(f.theme for f in entries.figures if f.value in ("8,000", "496"))
