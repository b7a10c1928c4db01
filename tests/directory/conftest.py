"""Fixtures: the small documents of :mod:`tests.directory.documents`, loaded and extracted."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory import DocumentEntries
from assistant.types import Document
from tests.directory.documents import OLD_PAGE, PAGE, REPORT, extract, write


@pytest.fixture
def report(tmp_path: Path) -> Document:
    return write(tmp_path, "report.md", REPORT)


@pytest.fixture
def page(tmp_path: Path) -> Document:
    return write(tmp_path, "page.md", PAGE)


@pytest.fixture
def old_page(tmp_path: Path) -> Document:
    return write(tmp_path, "old-page.md", OLD_PAGE)


@pytest.fixture
def report_entries(report: Document) -> DocumentEntries:
    return extract(report)


@pytest.fixture
def page_entries(page: Document) -> DocumentEntries:
    return extract(page)


@pytest.fixture
def old_page_entries(old_page: Document) -> DocumentEntries:
    return extract(old_page)
