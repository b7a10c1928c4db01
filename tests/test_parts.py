"""A question naming a part of a document by its label ("Annex A", "Table 6.1") ranks that part first."""

from __future__ import annotations

import pytest

from assistant.parts import holds_part, holds_row, named_parts, named_rows, parts_first, rows_first
from assistant.types import Chunk, DocumentInfo, Passage
from tests.support import indexed_assistant


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("According to Annex A of the Treasury Management Strategy, how much ...?", {("annex", "A")}),
        ("What does Chart 4.2 show about social care budgets?", {("chart", "4.2")}),
        ("Table 6.1 – Proposed Council Tax Increases by Band", {("table", "6.1")}),
        ("Appendix 2 and ANNEX B", {("appendix", "2"), ("annex", "B")}),
        ("The increases are shown in tables 6.1.", set()),  # "tables": a reference in prose, not a label
        ("Is there a table of 2025 figures?", set()),
        ("Table 2025-26 budget", set()),
        ("Table 3a", set()),
    ],
)
def test_the_parts_a_text_names(text: str, parts: set[tuple[str, str]]) -> None:
    assert named_parts(text) == parts


def _chunk(text: str, section: tuple[str, ...]) -> Chunk:
    return Chunk("tms", 0, text, 1, section, 0, len(text), ((0, len(text)),))


def test_a_passage_holds_a_part_by_its_headings_or_caption_not_by_a_reference() -> None:
    annex = {("annex", "A")}
    assert holds_part(_chunk("PWLB — £432.4m", ("Training", "Annex A – Existing Portfolio")), annex)
    assert holds_part(_chunk("Annex A – Existing Portfolio\nPWLB — £432.4m", ("Training",)), annex)
    assert not holds_part(_chunk("The balances are set out in further detail in Annex A.", ("Borrowing",)), annex)
    assert not holds_part(_chunk("PWLB — £432.4m", ("Annex B – Economic Background",)), annex)


def test_the_passages_of_the_part_named_come_first() -> None:
    info = DocumentInfo("tms", "Treasury Management Strategy", "/tms.pdf")
    prose = Passage(_chunk("The balance is met through internal borrowing.", ("Borrowing",)), info, 1.0)
    annex = Passage(_chunk("PWLB — £432.4m", ("Annex A – Existing Portfolio",)), info, 0.8)
    ranked = parts_first([(1, prose), (2, annex)], {("annex", "A")})
    assert [row for row, _ in ranked] == [2, 1]
    assert parts_first([(1, prose), (2, annex)], frozenset()) == [(1, prose), (2, annex)]


STRATEGY = (
    '---\ntitle: Treasury Management Strategy 2025-26\ndate: "2025-02-13"\ndoc_type: strategy\n---\n'
    "# Borrowing Strategy\n\n"
    "On 30 November 2024 the Council had external debt as part of its strategy for funding previous years' "
    "capital programmes. The Council has raised the majority of its long-term borrowing from the Public Works "
    "Loan Board and is likely to continue with this. The balances of borrowing and investment are set out in "
    "further detail in Annex A.\n\n"
    "# Investment Strategy\n\n"
    "The Council holds significant invested funds, representing income received in advance of expenditure "
    "plus balances and reserves held. Security and liquidity come before yield.\n\n"
    "# Annex A – Existing Investment and Debt Portfolio Position\n\n"
    "| Lender | Actual Portfolio £m | Average Rate % |\n| --- | --- | --- |\n"
    "| Public Works Loan Board | 432.40 | 4.33 |\n| Banks (LOBO) | 90.00 | 4.20 |\n| Banks (Fixed Term) | 187.30 | 4.61 |\n"
)


def test_a_question_naming_an_annex_gets_the_annex_first(tmp_path, embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = indexed_assistant(tmp_path, {"tms.md": STRATEGY}, embedder)
    question = "According to Annex A, how much did the Council owe the Public Works Loan Board at 30 November 2024?"
    passages = assistant.search(question, k=3)
    assert "432.40" in passages[0].text
    assert passages[0].chunk.section[-1].startswith(("Annex A", "Lender"))


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("What is the county council's band D council tax for 2025-26?", {"D"}),
        ("What is the top salary point for grade KS N?", {"KS N"}),
        ("Which councils are in tier 2?", {"2"}),
        ("What level of reserves does the council hold?", set()),
        ("The band of councils that met", set()),
    ],
)
def test_the_rows_a_question_names_by_their_code(text: str, codes: set[str]) -> None:
    assert named_rows(text) == codes


def test_a_passage_holding_the_row_named_is_lifted_above_those_naming_it_in_passing() -> None:
    info = DocumentInfo("budget", "Budget 2025-26", "/budget.pdf")
    taxbase = Passage(_chunk("Dover — 2025-26 Final Band D Equivalent Taxbase: 42,119.72", ("Table 6.2",)), info, 1.0)
    bands = Passage(_chunk("C — 2025-26 £p: 1,503.28\nD — 2025-26 £p: 1,691.19", ("Table 6.1",)), info, 0.9)
    assert holds_row(bands.chunk, {"D"})
    assert not holds_row(taxbase.chunk, {"D"})
    assert [row for row, _ in rows_first([(1, taxbase), (2, bands)], {"D"})] == [2, 1]
    assert rows_first([(1, taxbase), (2, bands)], frozenset()) == [(1, taxbase), (2, bands)]
