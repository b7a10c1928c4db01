"""A question about a consequence ("what happens to X if ...") is answered with what becomes of X,
not only with the line restating its condition (a treasury strategy's table of alternatives)."""

from __future__ import annotations

import pytest

from assistant.answer.question import affected
from assistant.answer.selection import complete, rank, read_intent, text_of
from assistant.evidence import ScoredSentence
from assistant.types import DocumentInfo, Passage
from tests.support import pdf_passage

# As PDFium gives a table of alternatives whose cells it did not read as a table: each cell a line.
ALTERNATIVES = (
    "Invest in a narrower range of counterparties and/or for shorter times\n"
    "Interest income will be lower\n"
    "Lower chance of losses from credit related defaults, but any such losses may be greater\n"
    "Invest in a wider range of counterparties and/or for longer times\n"
    "Interest income will be higher\n"
)


def _passage() -> Passage:
    info = DocumentInfo("tms", "Treasury Management Strategy", "/archive/tms.pdf", "2025-02-13", "strategy", "")
    return pdf_passage(ALTERNATIVES, ("Appendix L",), info, page=21)


def _shown(question: str) -> list[str]:
    passage = _passage()
    spans = passage.chunk.sentences
    scored = [
        ScoredSentence(0, i, a, b, 0.6 if i == 0 else 0.3, 0.5 if i == 0 else 0.2) for i, (a, b) in enumerate(spans)
    ]
    intent = read_intent(question)
    picks = rank(scored, [passage], intent)
    by_key = {(p.sentence.passage, p.sentence.index): p for p in picks}
    return [text_of(s, [passage]) for s in complete(picks[0].sentence, [passage], intent, by_key)]


def test_the_line_after_the_condition_says_what_happens() -> None:
    shown = _shown("What happens to interest income if the council invests in a narrower range of counterparties?")
    assert shown == [
        "Invest in a narrower range of counterparties and/or for shorter times",
        "Interest income will be lower",
    ]


def test_a_question_not_about_a_consequence_takes_the_line_alone() -> None:
    shown = _shown("Which alternative invests in a narrower range of counterparties?")
    assert shown == ["Invest in a narrower range of counterparties and/or for shorter times"]


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("What happens to interest income if the council invests in a narrower range?", "interest income"),
        ("What would happen to debt interest costs if the Council borrowed short-term?", "debt interest costs"),
        ("What happens to investments when a credit rating is put on review?", "investments"),
        ("What happens at the meeting?", None),
        ("What happened to the amendment proposed by Mr Brady?", None),
    ],
)
def test_what_a_consequence_question_asks_after(question: str, thing: str | None) -> None:
    assert affected(question) == thing
