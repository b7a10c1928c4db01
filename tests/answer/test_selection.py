"""The answer fits the question: a person for "who", the figure under a table caption, a list's
items after its lead-in, the motion an outcome belongs to; readable, whatever the document's layout."""

from __future__ import annotations

import re

import pytest

from assistant.pipeline import Assistant
from tests.support import indexed_assistant

DOCUMENTS = {
    "capital-strategy.md": """---
title: Capital Strategy 2025-26
date: "2025-02-01"
doc_type: report
---

# Funding

## Revenue Budget Implications

The net annual charge is known as financing costs; this is compared to the net revenue stream.

Table 10: Prudential Indicator: Proportion of financing costs to net revenue stream 2023-24 actual

2024-25 forecast

2025-26 budget

2026-27 budget Proportion of net revenue stream 8.17 7.41 6.76 6.35

## Borrowing

29.The current borrowing balances, as at 30 November 2024, are set out in Annex A of the strategy.
""",
    "cabinet-minutes.md": """---
title: Cabinet minutes 9 January 2025
date: "2025-01-09"
doc_type: minutes
---

# English Devolution White Paper

5. The Leader introduced the report on the English Devolution White Paper.

6. Following the debate, the Leader proposed and Mr Oakford, Deputy Leader and Cabinet Member for Finance, seconded
the above motion that Cabinet.

1. Agree to submit a request to Government, jointly with Medway Council, for Kent and Medway to be included in the
Devolution Priority Programme

7. Mr Hood proposed and Mr Baldock seconded the following amendment to the motion:

(4) Expects there to be as much transparency as possible in this process.

Amendment carried.
""",
    "devolution-letter.md": """---
title: Devolution update
date: "2025-03-01"
doc_type: report
---

# Appendices

Appendix 1 – Joint letter from Roger Gough, Leader of the Council, formally requesting that Kent and Medway be
included in the Devolution Priority Programme.
""",
    "reorganisation.md": """---
title: Local government reorganisation update
date: "2025-03-13"
doc_type: report
---

# Local government reorganisation

However, it is already clear that there are three critical issues that will shape the council's position going
forward:

- Resident engagement: local government exists to serve local residents and their voice should be critical.

Whilst there is a need to balance community identity with efficient service delivery, the world has moved on
since the last reorganisation. Any proposals need to be based on a widespread and meaningful engagement of local
residents to understand their priorities for their future councils in a twenty-first century context. The council
will publish what it hears from residents, and it will explain how their views shaped the proposals it makes.

- Financial and service sustainability: reorganisation must lead to a net financial benefit for the taxpayer.

The council could not support any proposals which left residents with a financial liability either in the short
or the long term, as this would be a breach of its fiduciary duty to them. The challenge of disaggregating a county
council into smaller unitary councils is significant, not just financially but also in the scale of possible
service disruption to residents. The assessed costs and impacts of disaggregation will be a significant factor.

- Future boundaries: existing district boundaries should be the building blocks of unitary council proposals.
""",
    "family-hubs.md": """---
title: Family Hub contracts equality impact assessment
date: "2024-07-01"
doc_type: report
---

# Contracts

This will affect the following two contracts:

## Children and Families Ltd Seashells Family Hub, Sheerness

## Harbour Children's Centre Partnership Ltd Harbour Family Hub, Margate

## Seashells

In relation to Seashells the proposal to not renew the contract would end the funded services at the centre.

The services currently on offer at Seashells under the commissioned Family Hub contract include:

- Baby Massage
- Stay and Play
- Triple P Parenting Course
""",
    "reserves-policy.md": """---
title: Reserves policy
date: "2025-02-13"
doc_type: report
---

# Overview

The level will also be expressed as a percentage of the general funding requirement. The Council has traditionally
aimed to hold general reserves of 5% of the net revenue budget. With the heightened financial risk we have reviewed
the level of reserves and we are now aiming to hold general reserves of between 5% and 10% of the net revenue budget,
based on the following assessed levels.

- Below 3% considered dangerous
- 3% to 5% considered too risky
- 5% to 10% considered adequate
""",
    "call-in.md": """---
title: Call-in of a decision on family hubs
date: "2025-02-12"
doc_type: report
---

# Introduction

1. Decision 24/00093 on the future of the Seashells and Millmead Family Hubs was taken on 17 January 2025.

2. The reasons for the call-in were duly assessed by Democratic Services, including whether the issues raised were
addressed by the decision paperwork. The call-in was determined to be valid under the Constitution.

3. Whilst not all aspects of the call-in were considered valid, Reasons 1 and 5 put forward in the call-in were
assessed as valid.
""",
    "homelessness.md": """---
title: Homelessness prevention scorecard
date: "2025-01-15"
doc_type: report
---

# Homelessness prevention

## Progress

The prevention service stopped 496 households from becoming homeless in the latest year.

Partners met every month to review the cases referred by housing officers and the voluntary sector.

## Ambition

The ambition set by the partnership board for 2027 is a target of 750 a year.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("selection"), DOCUMENTS, embedder)


def test_who_gets_the_person_who_did_what_was_asked(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Who seconded the Leader's motion to request that Kent and Medway be included in the Devolution Priority Programme?"
    )
    assert "Mr Oakford" in answer.text
    assert "Roger Gough" not in answer.text


def test_a_table_caption_is_followed_to_the_row_with_the_figure(assistant: Assistant) -> None:
    answer = assistant.ask(
        "In the Capital Strategy's prudential indicator on financing costs, what proportion of the net revenue stream "
        "are financing costs budgeted to be in 2025-26?"
    )
    assert "6.76" in answer.text
    assert answer.citations[0].passage.doc.doc_id == "capital-strategy"


def test_an_outcome_is_shown_with_what_it_decided(assistant: Assistant) -> None:
    answer = assistant.ask("What did the amendment that was carried add to the devolution motion?")
    assert "as much transparency as possible" in answer.text


def test_a_counted_list_is_given_whole_after_its_lead_in(assistant: Assistant) -> None:
    answer = assistant.ask("What three critical issues will shape the council's position?")
    for issue in ("Resident engagement", "Financial and service sustainability", "Future boundaries"):
        assert issue in answer.text
    assert not answer.text.rstrip().endswith(":")
    assert {c.passage.doc.doc_id for c in answer.citations} == {"reorganisation"}
    assert len(answer.text.splitlines()) >= 4  # the lead-in, then one item per line


def test_a_sentence_shown_alone_loses_its_paragraph_number(assistant: Assistant) -> None:
    answer = assistant.ask("Where are the current borrowing balances at 30 November 2024 set out?")
    assert "Annex A" in answer.text
    assert not re.match(r"\s*\d", answer.text)
    assert "29." not in answer.text


def test_no_sentence_is_shown_twice(assistant: Assistant) -> None:
    answer = assistant.ask("What three critical issues will shape the council's position?")
    lines = [re.sub(r"\s*\[\d+\]", "", line).strip() for line in answer.text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))


def test_a_line_taken_for_a_heading_can_be_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Which organisation holds the commissioned Family Hub contract for Seashells Family Hub?")
    assert "Children and Families Ltd" in answer.text
    cited = answer.citations[0]
    assert cited.passage in answer.passages
    assert "Children and Families Ltd" in cited.sentence


def test_a_question_in_two_parts_gets_both(assistant: Assistant) -> None:
    answer = assistant.ask("How many households were prevented from becoming homeless, and what is the target?")
    assert "496" in answer.text
    assert "750" in answer.text


def test_a_sentence_announcing_the_following_levels_brings_them(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Below what share of our yearly net budget would the general reserves be seen as perilously low?"
    )
    assert "Below 3% considered dangerous" in answer.text


def test_which_of_the_things_were_said_to_be_so_gets_the_sentence_saying_it(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Which of the reasons given in the call-in of Decision 24/00093 (Seashells and Millmead Family Hubs) were"
        " assessed as valid by Democratic Services?"
    )
    assert "Reasons 1 and 5" in answer.text
