"""A list question answered by a table's rows run into one line, each row with its code ("... SO1 ... SO2"),
or by items named with a word and their number ("Priority One: ..., Priority Two: ..."), even when
another list of as many items comes first."""

from __future__ import annotations

import pytest

from assistant.pipeline import Assistant
from tests.support import indexed_assistant

PLAN = """---
title: Harbour Shared Delivery Plan
date: "2025-01"
doc_type: strategy
---

# Introduction

Develop a cohesive and realistic Shared Delivery Plan for Harbour, with delivery plans at district and county level.
The plan sets out how partners will work together on shared outcomes over the next three years.

# Shared Delivery Plan - Shared Outcomes

Give children the best start in life SO1 Tackle the wider determinants of ill health SO2 Support happy and healthy living for all SO3 Support and grow our workforce SO4
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("coded"), {"plan.md": PLAN}, embedder)


def test_a_line_holding_as_many_coded_items_as_asked_for_is_the_list(assistant: Assistant) -> None:
    answer = assistant.ask("What are the four shared outcomes in the Harbour Shared Delivery Plan?")
    assert not answer.abstained
    for outcome in ("best start in life", "wider determinants", "happy and healthy living", "grow our workforce"):
        assert outcome in answer.text


ACTIVITY = """---
title: Health and wellbeing activity
date: "2025-01"
doc_type: report
---

# Inclusion in schools

Under the Countywide Approach to Inclusive Education, the link Education Improvement Advisors support schools by:

- Providing advice on the exclusion guidance and on behaviour policies.
- Sharing ideas and signposting to services that support inclusion in schools.
- Attending meetings in schools with parents about pupils at risk of exclusion.
- Delivering training to governors on their responsibilities for inclusion.

# Strategies in place

Priority One: Supporting a school led system to deliver core inclusive education, Priority Two: Providing additional intervention and support with engagement and integration, Priority Three: Developing a joined-up offer of support, Priority Four: Ensuring a smooth transition between education phases.
"""


@pytest.fixture(scope="module")
def activity(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("priorities"), {"activity.md": ACTIVITY}, embedder)


def test_items_numbered_in_words_are_the_list_over_another_of_as_many(activity: Assistant) -> None:
    answer = activity.ask("What are the four priorities of the Countywide Approach to Inclusive Education?")
    assert not answer.abstained
    for priority in ("core inclusive education", "engagement and integration", "joined-up offer", "smooth transition"):
        assert priority in answer.text
    assert "Delivering training" not in answer.text


BOARD = """---
title: Partnership board annual report
date: "2025-02"
doc_type: report
---

# The board's year

At the 20 February 2024 meeting, the board said goodbye to its outgoing Chairman.
On the 20 February 2024 the board endorsed its Strategic Aims under four key headings:
I. Increase visibility of the Armed Forces Community to the civilian population II. Continue to raise awareness of the Armed Forces Covenant plus the new legislation. III. Raise awareness amongst schools of the specific needs of service children. IV. Support and promote recruitment of volunteers, Regulars and Reservists.
"""


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    return indexed_assistant(tmp_path_factory.mktemp("aims"), {"board.md": BOARD}, embedder)


def test_items_numbered_in_roman_figures_are_the_list(board: Assistant) -> None:
    answer = board.ask("What four strategic aims did the board endorse in February 2024?")
    assert not answer.abstained
    for aim in (
        "Increase visibility",
        "raise awareness of the Armed Forces Covenant",
        "amongst schools",
        "recruitment",
    ):
        assert aim in answer.text
