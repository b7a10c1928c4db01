"""A question about a year the documents found never mention abstains and names the year; the
same year written another way ("2018/19" as "1st April 2018 to the 31st March 2019", "2024" as
"Dec-24", a document dated in it) is mentioned."""

from __future__ import annotations

import pytest

from assistant.answer.features import unmentioned_year
from assistant.pipeline import Assistant
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant

DOCUMENTS = {
    "waste.md": """---
title: Minerals and waste plan summary
date: "2024-06-01"
doc_type: report
---

# Environmental baseline

Total arisings of household waste fell again in 2022/23 by 2.4% to just under 679,000 tonnes.
39% of household waste was reused, recycled or composted.
""",
    "crime.md": """---
title: Community safety update
date: "2019-09-01"
doc_type: report
---

# Recorded crime

From the 1st April 2018 to the 31st March 2019 Essex Police recorded a total of 121,202 crimes
(excluding fraud) in the county.
""",
    "board.md": """---
title: The partnership board
date: "2017-12-06"
doc_type: page
---

# Who leads it

The partnership board is chaired by the Leader of the County Council, Cllr David Finch, and meets
quarterly.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("years"), DOCUMENTS, embedder)


def test_a_year_no_passage_mentions_abstains_and_is_named(assistant: Assistant) -> None:
    answer = assistant.ask("What percentage of household waste was reused, recycled or composted in 2023/24?")
    assert answer.abstained
    assert "2023/24" in answer.text
    assert answer.passages  # the nearest passages are still listed


def test_a_year_written_another_way_is_mentioned(assistant: Assistant) -> None:
    waste = assistant.ask("What percentage of household waste was reused, recycled or composted in 2022-23?")
    assert not waste.abstained
    assert "39%" in waste.text
    crimes = assistant.ask("How many crimes did Essex Police record in 2018/19?")
    assert not crimes.abstained
    assert "121,202" in crimes.text


def test_who_will_chair_in_a_later_year_abstains(assistant: Assistant) -> None:
    answer = assistant.ask("Who will chair the partnership board in 2030?")
    assert answer.abstained
    assert "2030" in answer.text
    assert not assistant.ask("Who chairs the partnership board?").abstained


def _passage(text: str, title: str = "Quarterly report", date: str | None = None, source: str = "q.pdf") -> Passage:
    chunk = Chunk("d", 0, text, 1, (), 0, len(text))
    return Passage(chunk, DocumentInfo("d", title, source, date), 1.0)


@pytest.mark.parametrize(
    ("question", "passage", "missing"),
    [
        ("How many complaints were received in the 12 months to December 2024?", _passage("Dec-24: 2,355"), None),
        ("How many complaints were received in 2024?", _passage("Quarter to Dec 24: 422"), None),
        ("How many calls came in during 2025/26?", _passage("calls: 2,355", date="2025-02-13"), "2025/26"),
        ("How many calls came in during 2024/25?", _passage("calls: 2,355", date="2025-02-13"), None),
        ("What was launched in 2016?", _passage("The Collaborative was launched.", date="2016-10-12"), None),
        ("What is the limit in 2025-26?", _passage("limit: £2m", source="strategy_2025-26.pdf"), None),
        ("What does the Risk Register 2025-26 say of Galley Hill?", _passage("Galley Hill costs £1.162m"), None),
        ("What is the capital programme for 2025-35?", _passage("the programme for 2025-26 and 2026-27"), "2025-35"),
        ("What will Bank Rate be in March 2028?", _passage("Bank Rate: Mar-26 3.75; Dec-27 3.50"), "2028"),
    ],
)
def test_which_year_goes_unmentioned(question: str, passage: Passage, missing: str | None) -> None:
    assert unmentioned_year(question, [passage]) == missing
