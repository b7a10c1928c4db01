"""A question that names a quarter gets that quarter's figure, not the newer report's next quarter."""

from __future__ import annotations

import pytest

from assistant.answer.patterns import quarters
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

DOCUMENTS = {
    "cabinet-minutes.md": """---
title: Harbour Cabinet minutes 9 January 2025
date: "2025-01-09"
doc_type: minutes
---

# Performance Report (Item 5)

The Leader introduced the quarterly performance report.

In Q2 there had been a total of 119 long-term empty properties made fit for occupation through the No Use Empty
scheme, bringing the total over the last six months to 257 properties.

The Harbour Business Fund had also approved loans in the region of £1.64m since July 2023.
""",
    "performance-q3.md": """---
title: Harbour Quarterly Performance Report Quarter 3 2024/25
date: "2025-03-06"
doc_type: report
---

# No Use Empty

In Quarter 3, a total of 106 long term empty properties were made fit for occupation through the No Use Empty
(NUE) Programme, bringing the total over the last nine months to 363.

The total NUE investment in converting derelict properties has increased to £107.6m.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("periods"), DOCUMENTS, embedder)


@pytest.mark.parametrize(
    ("question", "figure", "other"),
    [
        ("How many long-term empty properties were made fit for occupation through No Use Empty in Q2?", "119", "106"),
        ("How many empty properties were brought back into use by No Use Empty in the third quarter?", "106", "119"),
    ],
)
def test_the_quarter_asked_for_answers_first(assistant: Assistant, question: str, figure: str, other: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    first = answer.text.split("[1]")[0]
    assert figure in first
    assert other not in first
    assert not (answer.note or "").startswith("Newer documents were preferred")  # two quarters, two facts


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("In Q2 there had been", {"2"}),
        ("In Quarter 3, a total of", {"3"}),
        ("in the fourth quarter and Q1 2025/26", {"4", "1"}),
        ("Quarterly reports, HQ2 and Q5", set()),
    ],
)
def test_quarters_are_read_in_each_form(text: str, named: set[str]) -> None:
    assert quarters(text) == named
