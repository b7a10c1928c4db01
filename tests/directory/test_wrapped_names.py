"""A name that a table cell or a list item wraps over two lines is one name; two cells are two."""

from __future__ import annotations

import pytest

from assistant.directory.doctext import Line
from assistant.directory.named_forms import wrapped_name
from tests.directory.documents import extract, write

PAPER = """---
title: Shire health and wellbeing activity
date: "2025-02"
doc_type: report
organisation: Shire County Council
---

# Estates

Continue to support the development of the One Shire

Estate Programme through the Shire estates group.

# Family hubs

The sessions available at the hub include:

- Baby Massage
- ‘Understanding You, Understanding Your Child’

Parenting Programme

- Stay and Play
"""


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    entries = extract(write(tmp_path_factory.mktemp("wrapped"), "paper.md", PAPER))
    return {name for i in entries.initiatives for name in (i.name, *i.aliases)}


def test_a_cell_wrapped_over_two_lines_names_one_programme(names: set[str]) -> None:
    assert "One Shire Estate Programme" in names
    assert "Estate Programme" not in names


def test_a_quoted_list_item_wrapped_before_its_kind_word_names_one_programme(names: set[str]) -> None:
    assert "‘Understanding You, Understanding Your Child’ Parenting Programme" in names


HEADED = """---
title: Shire family hub contracts
date: "2025-02"
doc_type: report
---

# Services on offer

- Baby Massage
- ‘Growing Up, Growing Together’

## Parenting Programme

- Stay and Play
"""


def test_a_name_wrapped_into_a_heading_keeps_its_whole_name(tmp_path) -> None:
    entries = extract(write(tmp_path, "paper.md", HEADED))
    programme = next(i for i in entries.initiatives if i.name.endswith("Parenting Programme"))
    assert programme.name == "‘Growing Up, Growing Together’ Parenting Programme"
    assert "Parenting Programme" in programme.aliases


def _lines(*texts: str) -> tuple[str, list[Line]]:
    text, lines = "", []
    for part in texts:
        lines.append(Line(len(text), len(text) + len(part), part))
        text += part + "\n\n"
    return text, lines


@pytest.mark.parametrize(
    ("above", "below", "phrase"),
    [
        ("Community Transport Grant Scheme", "Home Library Service", "Home Library Service"),  # two named cells
        ("Support for informal Carers", "Carers Strategy Group meets monthly", "Carers Strategy Group"),
        ("Responsible Officer for Mitigating Actions - Age", "Family Hub Service", "Family Hub Service"),
        ("The review was within the assessment process. The", "Investment Advisory Board", "Investment Advisory Board"),
    ],
)
def test_two_cells_are_not_joined(above: str, below: str, phrase: str) -> None:
    text, lines = _lines(above, below)
    assert wrapped_name(text, lines, 1, lines[1].start, lines[1].start + len(phrase)) is None


def test_a_wrapped_cell_is_joined_across_the_line_break() -> None:
    text, lines = _lines("Continue to support the development of the One Shire", "Estate Programme through the group")
    assert wrapped_name(text, lines, 1, lines[1].start, lines[1].start + len("Estate Programme")) == (
        text.index("One Shire"),
        "One Shire Estate Programme",
    )


def test_the_first_line_wraps_from_nothing() -> None:
    text, lines = _lines("Estate Programme")
    assert wrapped_name(text, lines, 0, 0, len(text.strip())) is None
