"""A list question answered by a table's rows run into one line, each row with its code ("... SO1 ... SO2")."""

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
