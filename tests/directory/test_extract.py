"""Extraction as a whole: deterministic, silent, fast, and per document."""

from __future__ import annotations

import time

from assistant.chunking import split_document
from assistant.directory import extract_document
from tests.directory.documents import MINUTES, minutes_document


def test_extraction_is_deterministic(report) -> None:
    chunks = split_document(report)
    assert extract_document(report, chunks) == extract_document(report, chunks)


def test_extraction_prints_nothing(report, capsys) -> None:
    extract_document(report, split_document(report))
    assert capsys.readouterr() == ("", "")


def test_a_long_document_is_quick() -> None:
    document = minutes_document(MINUTES * 60)
    chunks = split_document(document)
    started = time.perf_counter()
    extract_document(document, chunks)
    assert time.perf_counter() - started < 2.0


def test_unthemed_figures_are_placed_by_meaning(report, embedder) -> None:
    entries = extract_document(report, split_document(report), embedder)
    assert all(f.theme for f in entries.figures if f.value in ("8,000", "496"))
