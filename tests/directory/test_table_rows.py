"""Rows of a table of figures, as the loaders lay them out ("label — column: value; ..."), name no initiative."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.directory.named_forms import is_table_row, row_label
from tests.directory.documents import extract, write

PAPER = """---
title: Capital and treasury report
date: "2025-02"
doc_type: report
organisation: Shire County Council
---

# Borrowing and funds

The table below sets out the council's borrowing and funds.

| Item | 2024-25 £m | 2025-26 £m |
| --- | --- | --- |
| Investment Fund | 4.2 | 3.9 |
| Streetlighting Project | 8.17 | 2.88 |
| Market Sustainability & Improvement Fund | 27.0 | - |
| Safer Roads Programme | 1.2 | 1.4 |
| Loans to developers in the Shire Empty Homes programme | 19.21 | 18.00 |

| Pooled Fund | Book cost £m | Market Value £m | Income % |
| --- | --- | --- | --- |
| Shire Property Trust | 10.0 | 9.6 | 4.1 |

# Roads

The Safer Roads Programme teaches children in every primary school to cross roads safely.
"""


@pytest.fixture
def initiatives(tmp_path: Path) -> set[str]:
    return {i.name for i in extract(write(tmp_path, "paper.md", PAPER)).initiatives}


def test_the_table_is_read_as_labelled_rows(tmp_path: Path) -> None:
    text = "\n".join(page.text for page in write(tmp_path, "paper.md", PAPER).pages)
    assert "Investment Fund — 2024-25 £m: 4.2; 2025-26 £m: 3.9" in text
    assert "Pooled Fund | Book cost £m | Market Value £m | Income %" in text


def test_row_labels_of_a_table_of_figures_are_not_initiatives(initiatives: set[str]) -> None:
    assert not {"Investment Fund", "Streetlighting Project", "Market Sustainability & Improvement Fund"} & initiatives
    assert "Pooled Fund" not in initiatives


def test_a_programme_the_text_describes_is_kept(initiatives: set[str]) -> None:
    assert "Safer Roads Programme" in initiatives


def test_a_row_label_that_says_what_its_name_is_is_read(initiatives: set[str]) -> None:
    assert any(name.startswith("Shire Empty Homes") for name in initiatives)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Investment Fund — 2024-25 £m: 4.2; 2025-26 £m: 3.9", True),
        ("Market Sustainability & Improvement Fund — Kent £’m: 27.0; England £’m: 1,050.0", True),
        ("Streetlighting Project — Actual Portfolio £m: 8.17; Average Rate %: n/a", True),
        ("Investment Fund | Book cost £m | 31-Mar-24 Market Value £m | Total %", True),
        ("Market Sustainability & Improvement Fund 27.0 1,050.0 27.0", True),
        ("Positive Wellbeing — Description: social prescribing service; Budget: £20k", False),
        ("Positive Wellbeing – social prescribing service", False),
        ("Kent Enablement At Home — Provides a service to help people live at home", False),
    ],
)
def test_table_rows_are_told_from_text(line: str, expected: bool) -> None:
    assert is_table_row(line) is expected


def test_a_row_label_is_kept_only_when_it_is_a_phrase() -> None:
    assert row_label("Streetlighting Project — Actual Portfolio £m: 8.17") is None
    phrase = "Loans incl. to developers in the No Use Empty programme"
    assert row_label(f"{phrase} — Sector limit: £40m") == phrase
    assert row_label("Positive Wellbeing — Description: social prescribing service") is None
