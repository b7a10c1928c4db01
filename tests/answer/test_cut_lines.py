"""A sentence that a PDF's line break cut is shown with the line that carries the rest of it."""

from __future__ import annotations

import pytest

from assistant.answer.selection import complete, dangles, rank, read_intent, text_of
from assistant.evidence import ScoredSentence
from assistant.types import DocumentInfo, Passage
from tests.support import pdf_passage

# As PDFium gives a page of council minutes: the line breaks kept, so the motion's opening line is
# one "sentence" and the quoted motion the next.
MINUTES = (
    "1) Mr Gough proposed, and Mr Jeffrey seconded the motion that\n"
    "“Council is asked to:\n"
    "1. Note with thanks the contribution and efforts of the Members of the Governance Working Party\n"
    "2. Approve the amended Constitution at Appendix 2.”\n"
    "2) Following the debate, the motion was carried."
)


def _passage() -> Passage:
    info = DocumentInfo("minutes", "County Council minutes", "/archive/minutes.pdf", "2025-03-13", "minutes", "")
    return pdf_passage(MINUTES, ("Governance Working Party (Item 12)",), info, page=12)


def test_a_cut_sentence_is_completed_with_the_lines_that_carry_the_rest() -> None:
    passage = _passage()
    spans = passage.chunk.sentences
    assert passage.text[spans[0][0] : spans[0][1]].endswith("seconded the motion that")  # cut, as in the PDF
    scored = [ScoredSentence(0, i, a, b, 0.6 if i == 0 else 0.3, 0.2) for i, (a, b) in enumerate(spans)]
    intent = read_intent("Who seconded the motion on the Governance Working Party's proposals?")
    picks = rank(scored, [passage], intent)
    assert picks[0].sentence.index == 0
    by_key = {(p.sentence.passage, p.sentence.index): p for p in picks}
    shown = [text_of(s, [passage]) for s in complete(picks[0].sentence, [passage], intent, by_key)]
    assert shown[0].endswith("seconded the motion that")
    assert shown[1] == "“Council is asked to:"
    assert "Governance Working Party" in shown[2]


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Mr Gough proposed, and Mr Oakford seconded the motion that", True),
        ("The report was presented by the", True),
        ("Increase signposting and support for financial and debt management services –", True),
        ("The funds, as listed in the table,", True),
        ("Figures for 2024-25", False),
        ("The motion was carried.", False),
        ("Resident engagement", False),
    ],
)
def test_a_sentence_that_stops_on_a_word_needing_more_is_cut(text: str, cut: bool) -> None:
    assert dangles(text) is cut
