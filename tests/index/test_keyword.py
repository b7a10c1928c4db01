"""The keyword tokeniser and the BM25 index built with it (real bm25s, real PyStemmer)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.index.keyword import BM25Index, terms, tokenize

PAY_SCALE = [
    "Kent Scheme pay scale. KS G £34,421 £35,392 £36,363",
    "Kent Scheme pay scale. KS H £39,355 £40,742 £42,128",
    "Kent Scheme pay scale. KS I £45,672 £47,127 £48,581",
]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("grade KS H", ["grade", "ks", "h"]),
        ("band D equivalent", ["band", "d", "equival"]),
        ("Annex B", ["annex", "b"]),
    ],
)
def test_a_capital_letter_standing_alone_is_a_term(text: str, kept: list[str]) -> None:
    assert terms([text])[0] == kept


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("A plan for a year", "a"),  # the article, capitalised at the start or not
        ("Thanet's tax base", "s"),  # the possessive's letter is lower case
        ("I said x and y", "x"),  # lower-case letters standing alone are not codes
        ("Table 3", "3"),  # nor are lone digits
    ],
)
def test_lower_case_letters_and_articles_are_not_terms(text: str, dropped: str) -> None:
    assert dropped not in terms([text])[0]


def test_a_grade_letter_decides_the_keyword_ranking() -> None:
    index = BM25Index.build(PAY_SCALE)
    assert index.search("What is the entry salary for grade KS H?", 3)[0][0] == 1  # a tie without the "h"


def test_the_index_and_the_queries_share_one_vocabulary() -> None:
    index = BM25Index.build([*PAY_SCALE, "the and of"])  # a text of stop words only indexes nothing
    assert index.query_terms("KS H on the pay scale") == ["ks", "h", "pay", "scale"]
    assert index.search("the and of", 4) == []


def test_tokenize_with_ids_numbers_the_same_terms() -> None:
    tokenized = tokenize(["grade KS H", "KS D"])
    names = {number: term for term, number in tokenized.vocab.items()}
    assert [[names[number] for number in ids] for ids in tokenized.ids] == terms(["grade KS H", "KS D"])


def test_scores_are_positive_only_for_rows_holding_a_term() -> None:
    index = BM25Index.build(PAY_SCALE)
    mask = np.array([True, False, True])
    assert sorted(row for row, _ in index.search("KS H", 3, mask)) == [0, 2]  # "ks" alone, the "H" row masked out
