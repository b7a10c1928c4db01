"""A question about a named subject is answered by sentences about it, however they name it."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.support import indexed_assistant

REPORT = """---
title: Civilian-Military Partnership Board annual report 2024
date: "2025-01-15"
doc_type: report
---

# Kent & Medway Civilian-Military Partnership Board

The Kent & Medway Civilian-Military Partnership Board oversees the Armed Forces Covenant across the county and
brings together councils, health partners and the armed forces.

# Board

Since May 2024 the Kent & Medway CMPB has been chaired by Cllr Bryan Sweetland, the county council's Chairman.

# Consultation

The number of document downloads from the website is shown in the table below.

| Document name | Downloads / views |
| --- | --- |
| Consultation document | 632 |
| Equality Impact Assessment | 145 |
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("subject"), {"cmpb.md": REPORT}, embedder)


def test_a_sentence_naming_the_subject_by_its_acronym_is_about_it(assistant: Assistant) -> None:
    answer = assistant.ask("Who chairs the Kent & Medway Civilian-Military Partnership Board?")
    assert not answer.abstained
    assert "Bryan Sweetland" in answer.text


def test_how_many_times_is_answered_by_the_count_of_times(assistant: Assistant) -> None:
    answer = assistant.ask("How many times was the consultation document downloaded?")
    assert not answer.abstained
    assert "632" in answer.text
