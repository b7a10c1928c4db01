"""A table row the question names by its label answers it, whatever kind of answer it asks for:
"what is the top salary point for grade KS N?" names no kind (not a sum, a date or a count), and the
KS N row, not the row that best matches the rest of the question, is the answer."""

from __future__ import annotations

import pytest

from assistant.answer.selection import rank, read_intent, text_of
from assistant.evidence import ScoredSentence
from assistant.index.keyword import BM25Index
from assistant.types import DocumentInfo
from tests.support import pdf_passage

ROWS = (
    "KS R — Entry: £217,528; Middle 1: £227,370; Top: £247,055\n"
    "KS Q — Entry: £168,222; Middle 1: £182,188; Top: £209,104\n"
    "KS N — Entry: £89,579; Middle 1: £96,156; Top: £109,309\n"
    "KS D — Entry: £26,393; Top: £27,713"
)


def _ranked(question: str) -> list[str]:
    info = DocumentInfo("pay", "Pay Policy Statement", "/p.pdf", "2025-03-13", "policy", "")
    passage = pdf_passage(ROWS, ("2025/26 Kent Scheme pay scale",), info, page=6, ordinal=17)
    spans = passage.chunk.sentences
    # the rows match the question alike, the first best (as its rerank left KS R above KS N)
    scored = [ScoredSentence(0, i, a, b, 0.72 - 0.01 * i, 0.55) for i, (a, b) in enumerate(spans)]
    index = BM25Index.build([ROWS, "Pay policy statement", "Grades and pay", "Council tax bands"])
    picks = rank(scored, [passage], read_intent(question), index.term_weights(question))
    return [text_of(p.sentence, [passage]) for p in picks]


def test_the_row_the_question_names_comes_first() -> None:
    ranked = _ranked("On the 2025/26 Kent Scheme pay scale, what is the top salary point for grade KS N?")
    assert ranked[0].startswith("KS N — ")


@pytest.mark.parametrize(
    "question",
    [
        "Is there a top salary point for grade KS N?",  # a yes or no: the prose saying so may answer better
        "What are the salary points of the grades above KS N?",  # a list
    ],
)
def test_a_question_not_asking_what_a_row_holds_keeps_the_order(question: str) -> None:
    assert _ranked(question)[0].startswith("KS R — ")
