"""The answer holds the fact asked for: the table row the question names for "how much", the
figure from the minutes of the meeting the question dates, and an abstention when the only
figures beside the thing asked about are of another kind (a share for "how many")."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.support import indexed_assistant

DOCUMENTS = {
    "treasury.md": """---
title: Treasury Management Strategy 2025-26
date: "2025-02-13"
doc_type: report
---

# Borrowing

As at 30 November 2024 the Council owed £746.7m of external borrowing in all and held £456.5m of treasury
investments; the loans are set out in the table below.

| Lender | Actual Portfolio £m | Average Rate % |
| --- | --- | --- |
| Public Works Loan Board | 432.40 | 4.33 |
| Banks and other lenders (Fixed term) | 216.10 | 4.54 |
| LOBO loans from banks | 90.00 | 4.15 |
| Total external borrowing | 746.68 | 4.35 |

The Council's strategy is to keep borrowing below its underlying need to borrow.
""",
    "panel-minutes.md": """---
title: Corporate Parenting Panel minutes
date: "2024-12-17"
doc_type: minutes
---

# Chair's announcements

1. The Chair reminded the Panel of the Corporate Parent Christmas Campaign and asked Members to publicise it.

2. Caroline Smith asked Members to help get the Corporate Parent Christmas Campaign to its target of £25,000.

3. RESOLVED that the Panel note the report and Members' responsibilities as Corporate Parents.
""",
    "waste.md": """---
title: Waste strategy summary
date: "2024-06-01"
doc_type: report
---

# Environmental baseline

39% of household waste was reused, recycled or composted in the latest year.

Household Waste Recycling Centres account for about a third of all visits to the waste pages of the website.

The most visited pages continue to be those about the Household Waste Recycling Centres and their opening hours.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("fit"), DOCUMENTS, embedder)


def test_how_much_is_answered_by_the_table_row_the_question_names(assistant: Assistant) -> None:
    answer = assistant.ask("How much did the Council owe the Public Works Loan Board at 30 November 2024 (£m)?")
    assert not answer.abstained
    assert "Public Works Loan Board — Actual Portfolio £m: 432.40" in answer.text
    total = answer.text.find("746.7m")
    assert total == -1 or answer.text.index("432.40") < total  # the row is the answer, the total at most beside it


def test_the_minutes_of_the_dated_meeting_answer_without_repeating_the_date(assistant: Assistant) -> None:
    answer = assistant.ask(
        "What fundraising target for the Corporate Parent Christmas Campaign was mentioned at the Corporate "
        "Parenting Panel on 17 December 2024?"
    )
    assert not answer.abstained
    assert "£25,000" in answer.text
    assert answer.evidence["missing_specifics"] == 0.0


def test_a_share_is_not_an_answer_to_how_many(assistant: Assistant) -> None:
    answer = assistant.ask("How many Household Waste Recycling Centres does the council run?")
    assert answer.abstained
    assert answer.evidence["typed_answer"] == 0.0  # "39% ... recycled" names the thing but counts nothing
