""" "What does CHB stand for?" is answered from the line that spells it out, though budget tables
repeat "CHB" far more often and the spelling is a heading line, not a sentence."""

from __future__ import annotations

import pytest

from assistant.acronyms import asked_acronym, meaning, spelled_out
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

GLOSSARY = """---
title: Budget report 2025-26
date: "2025-02"
doc_type: report
---

# Directorates – abbreviations in this report

ASCH - Adult Social Care and Health

CHB – Corporately Held Budgets

# Executive Summary

The budget is set out by directorate in the tables below.
"""
TABLES = "".join(
    f"""
# Table {n}: spending by directorate

| Line | ASCH | NAC & CHB | Total |
| --- | --- | --- | --- |
| Base budget {n} | £{585 + n}m | CHB £{100 + n}m | £{1429 + n}m |
| Savings {n} | -£{34 + n}m | CHB -£{2 + n}m | -£{60 + n}m |

CHB lines hold the corporately held amounts of table {n}; CHB moves with the base budget.
"""
    for n in range(1, 6)
)
TABLES = '---\ntitle: Budget tables\ndate: "2025-02"\ndoc_type: report\n---\n' + TABLES


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("acronyms"), {"a.md": GLOSSARY, "b.md": TABLES}, embedder)


def test_what_an_acronym_stands_for_is_read_from_its_spelling(assistant: Assistant) -> None:
    answer = assistant.ask("What does CHB stand for?")
    assert not answer.abstained
    assert answer.text == "CHB stands for Corporately Held Budgets. [1]"
    assert answer.citations[0].sentence == "CHB – Corporately Held Budgets"
    assert answer.citations[0].passage.doc.title == "Budget report 2025-26"


def test_an_acronym_the_documents_do_not_spell_out_gets_the_ordinary_answer(assistant: Assistant) -> None:
    answer = assistant.ask("What does NAC stand for?")
    assert "stands for" not in answer.text


def test_the_acronym_asked_about_and_its_spellings() -> None:
    assert asked_acronym("What does CHB stand for?") == "CHB"
    assert asked_acronym("what does the acronym 'SEND' mean?") == "SEND"
    assert asked_acronym("What does Kent stand for?") is None  # a name, not an acronym
    assert asked_acronym("What is the MTFP?") is None
    text = "the adequacy of the Medium Term Financial Plan (MTFP) and reserves"
    span = spelled_out("MTFP", text)
    assert span is not None
    assert text[span[0] : span[1]] == "Medium Term Financial Plan (MTFP)"
    assert meaning("CYPE", "ASCH - Adult Social Care and Health CYPE - Children, Young People and Education GET")[
        1
    ] == ("Children, Young People and Education")
    assert meaning("SEND", "pupils with Special Educational Needs and Disabilities (SEND)")[1] == (
        "Special Educational Needs and Disabilities"
    )
    assert spelled_out("CHB", "NAC & CHB: £100.4m") is None  # a table cell, not a spelling
    assert spelled_out("KCC", "Kent Council (KCC)") is None  # the initials do not make it
