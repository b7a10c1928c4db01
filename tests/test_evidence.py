"""Evidence helpers: passages that only list documents, and words that ask for a kind of value."""

from __future__ import annotations

import pytest

from assistant.evidence import _VALUE_TERMS, ITEM, listing_share, value_terms

FILE_LISTING = (
    "local file | kind | pages\n"
    "kcc_cabinet_2025-01-30_printed_minutes.pdf | minutes | 17 | cabinet/2025-01-30/originals/Printed minutes.pdf\n"
    "kcc_cabinet_2025-01-09_minutes.pdf | minutes | 9 | cabinet/2025-01-30/originals/Minutes 9 January.pdf\n"
)
LINK_PAGE = (
    "Useful links: https://example.org/minutes-2025 https://example.org/agenda-2025 "
    "https://example.org/reports www.example.org/archive"
)
PROSE = (
    "The Cabinet agreed the budget on 30 January 2025. The report (budget_report_2025.pdf) sets out "
    "the pressures on adult social care and the savings proposed to meet them over the next three years."
)


@pytest.mark.parametrize(("text", "listing"), [(FILE_LISTING, True), (LINK_PAGE, True)])
def test_a_listing_of_documents_is_recognised(text: str, listing: bool) -> None:
    assert listing_share(text) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "text",
    [PROSE, "Seven ambitions:\n- Develop our economy\n- Strengthen communities\n- Enjoy life into old age", ""],
)
def test_prose_and_lists_of_things_are_not_listings(text: str) -> None:
    assert listing_share(text) == 0.0


@pytest.mark.parametrize(
    ("term", "sentence", "holds"),
    [
        ("date", "Councils are asked to submit proposals by 28 November 2025.", True),
        ("date", "The deadline was set on 2025-03-13.", True),
        ("date", "Councils are asked to submit proposals soon.", False),
        ("date", "Section 3.4 covers proposals.", False),  # a paragraph number is not a date
        ("percentag", "The tax base rose by +3.89% in Thanet.", True),
        ("percentag", "The tax base rose in Thanet.", False),
        ("cost", "Costs of £1.162m have been incurred to date.", True),
        ("cost", "Costs have been incurred to date.", False),
        ("time", "The meeting is expected to end at 4.30 pm.", True),
        ("number", "2,355 complaints were received.", True),
    ],
)
def test_a_value_word_is_answered_by_a_sentence_holding_such_a_value(term: str, sentence: str, holds: bool) -> None:
    assert (term in value_terms({term: _VALUE_TERMS[term]}, sentence)) is holds


def test_terms_are_remembered_per_text_and_match_the_keyword_index(monkeypatch) -> None:
    from assistant import evidence
    from assistant.index import keyword

    texts = ["The Cabinet agreed the budget on 30 January 2025.", "Grade KS H starts at £39,355."]
    evidence.forget_terms()
    expected = [frozenset(t) for t in keyword.terms(texts)]
    tokenised: list[str] = []
    real = keyword.terms
    monkeypatch.setattr(keyword, "terms", lambda batch: tokenised.extend(batch) or real(batch))

    assert evidence.terms_of(texts) == expected
    assert evidence.terms_of([texts[1], texts[0]]) == [expected[1], expected[0]]
    assert tokenised == texts  # each text tokenised once
    evidence.forget_terms()
    assert evidence.terms_of(texts[:1]) == expected[:1]
    assert tokenised == [*texts, texts[0]]  # forgotten, so tokenised again


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("o Newham, 10%", True),  # a Word sub-list's hollow bullet, as PDFium prints it
        ("◦ Newham, 10%", True),
        ("- Newham, 10%", True),
        ("o the other hand", False),
        ("on Monday the Cabinet met", False),
    ],
)
def test_a_list_items_mark(line: str, item: bool) -> None:
    assert bool(ITEM.match(line)) is item
