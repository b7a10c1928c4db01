"""A name the question puts in quotes must be in the passage that answers it."""

from __future__ import annotations

import pytest

from assistant.answer.quoted import quoted_phrases
from assistant.pipeline import Assistant
from tests.support import indexed_assistant

REPORT = """---
title: Shire budget monitoring report
date: "2025-01-30"
doc_type: report
---

# Pensions

The Council is committed to making future payments to cover its pension fund deficit of £34.8m.

# Household support

Mr Vale referred to the Household Support Fund and in particular the Pensioner Just Missing Out Scheme,
which helps pensioners on low incomes who narrowly miss out on Pension Credit.

# Winter fuel

Each Winter Warmth payment is worth £100 and is paid in December to eligible residents.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:  # type: ignore[no-untyped-def]
    return indexed_assistant(tmp_path_factory.mktemp("quoted"), {"report.md": REPORT}, embedder)


def test_the_quoted_phrases_of_a_question() -> None:
    assert quoted_phrases("Who proposed the 'Family Farm Tax' motion on 19 December?") == ["Family Farm Tax"]
    assert quoted_phrases("What is the “Temporary transition point 1” salary?") == ["Temporary transition point 1"]
    assert quoted_phrases("What is the council's budget?") == []  # an apostrophe quotes nothing


def test_an_answer_comes_only_from_a_passage_holding_the_quoted_name(report: Assistant) -> None:
    answer = report.ask("How much is each payment under the Pensioner 'Just Missing Out' scheme worth?")
    assert "£34.8m" not in answer.text
    assert "£100" not in answer.text  # a payment's worth, but of another scheme
    named = report.ask("Who does the 'Just Missing Out' scheme help?")
    assert "pensioners on low incomes" in named.text


def test_a_quoted_name_no_passage_holds_is_said_so(report: Assistant) -> None:
    answer = report.ask("How much is each 'Warm Homes Discount' payment worth?")
    assert answer.abstained
    assert answer.text.startswith("No passage found mentions 'Warm Homes Discount'.")
