"""Retrieval on small real documents with the real model: a question that names one of two similar
documents gets that one's passages first, says so, and a passage that only lists documents does
not outrank what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.render import answer_json, answer_text

STRATEGY = """---
title: Treasury Management Strategy 2025-26
date: "2025-01-20"
doc_type: strategy
organisation: Example County Council
---
# Borrowing

The Council had outstanding loans from the Public Works Loan Board of £312.4m at 30 November 2024.
The strategy is to repay maturing loans from cash balances rather than borrow again.

# Investments

Treasury investments are placed with the Debt Management Office and highly rated banks.
"""

UPDATE = """---
title: Treasury Management Mid-Year Update 2024-25
date: "2024-11-12"
doc_type: report
organisation: Example County Council
---
# Borrowing

The Council had outstanding loans from the Public Works Loan Board of £329.0m at 30 September 2024.
No new loans were taken in the first half of the year.

# Investments

The pooled funds returned 4.1% over the half year.
"""

LISTING = """---
title: Contents of the finance folder
date: "2025-05-01"
doc_type: document
---
# Files

treasury_management_strategy_2025-26.pdf | strategy | how much the Council owes the Public Works Loan Board | 22 pages
mid_year_update_2024-25.pdf | report | how much the Council owed the Public Works Loan Board | 12 pages
capital_strategy_2025-26.pdf | strategy | what the Council plans to borrow | 17 pages
pay_policy_statement_2025-26.pdf | strategy | pay scales | 6 pages
"""

NAMED = (
    "According to the Treasury Management Strategy 2025-26, how much did the Council owe the Public Works Loan Board?"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder) -> Assistant:
    root = tmp_path_factory.mktemp("scoped")
    corpus = root / "finance"
    corpus.mkdir()
    for name, text in (("strategy.md", STRATEGY), ("update.md", UPDATE), ("contents.md", LISTING)):
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings.from_env(index_dir=root / "index", data_dir=root / "data", corpus_dir=corpus)
    assistant = Assistant(settings, embedder=embedder)
    assistant.index([Path(corpus)])
    return assistant


def test_the_named_document_comes_first(assistant: Assistant) -> None:
    passages = assistant.search(NAMED, k=4)
    assert passages[0].doc.title == "Treasury Management Strategy 2025-26"
    assert "£312.4m" in passages[0].text


def test_naming_the_other_document_brings_it_first(assistant: Assistant) -> None:
    passages = assistant.search(
        "In the Treasury Management Mid-Year Update 2024-25, how much was owed to the PWLB?", k=4
    )
    assert passages[0].doc.title == "Treasury Management Mid-Year Update 2024-25"


def test_the_answer_says_where_it_searched(assistant: Assistant) -> None:
    answer = assistant.ask(NAMED)
    assert answer.searched_in is not None
    assert answer.searched_in.startswith("Treasury Management Strategy 2025-26")
    assert "£312.4m" in answer.text
    assert answer_json(answer)["searched_in"] == answer.searched_in
    assert f"Searched in: {answer.searched_in}" in answer_text(answer)


def test_a_question_that_names_nothing_searches_everything_alike(assistant: Assistant) -> None:
    answer = assistant.ask("How much is owed to the Public Works Loan Board?")
    assert answer.searched_in is None
    assert answer_json(answer)["searched_in"] is None
    assert "Searched in" not in answer_text(answer)


def test_a_listing_of_documents_does_not_outrank_their_content(assistant: Assistant) -> None:
    passages = assistant.search("How much does the Council owe the Public Works Loan Board?", k=4)
    figures = [i for i, p in enumerate(passages) if "Public Works Loan Board of £" in p.text]
    listing = [i for i, p in enumerate(passages) if p.doc.title == "Contents of the finance folder"]
    assert len(figures) == 2
    assert all(i > max(figures) for i in listing)
