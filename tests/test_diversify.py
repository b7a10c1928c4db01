"""The final passages: near-duplicates are dropped only when their words are the same too."""

from __future__ import annotations

import numpy as np

from assistant.diversify import NEAR_DUPLICATE, diversify

# Two chunks of one table, as the ingest writes its rows: the same header and form, other rows.
ROWS_O_N = (
    "2025/26 Kent Scheme pay scale\n"
    "KS O — Entry: £109,856; Temporary transition point 1: £113,150; Middle 1: £116,444; Top: £119,738\n"
    "KS N — Entry: £89,579; Temporary transition point 1: £92,868; Middle 1: £96,157; Top: £109,309"
)
ROWS_L_H = (
    "2025/26 Kent Scheme pay scale\n"
    "KS L — Entry: £68,295; Temporary transition point 1: £70,292; Middle 1: £72,289; Top: £74,286\n"
    "KS H — Entry: £39,355; Temporary transition point 1: £40,742; Middle 1: £42,128; Top: £44,900"
)


def _unit(vectors: list[list[float]]) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    return array / np.linalg.norm(array, axis=1, keepdims=True)


def test_a_copy_of_a_passage_already_picked_is_dropped() -> None:
    text = "The Holiday Hunger programme ran 23 projects across the county."
    vectors = _unit([[1.0, 0.0], [1.0, 0.01], [0.0, 1.0]])
    chosen = diversify(vectors, [1.0, 0.9, 0.5], ["a", "b", "c"], [text, text, "Another subject."], 3, 0.75)
    assert chosen == [0, 2]


def test_chunks_whose_vectors_are_close_but_words_differ_are_both_kept() -> None:
    vectors = _unit([[1.0, 0.0], [1.0, 0.01], [0.0, 1.0]])
    assert float(vectors[0] @ vectors[1]) > NEAR_DUPLICATE
    chosen = diversify(vectors, [1.0, 0.9, 0.5], ["pay", "pay", "other"], [ROWS_L_H, ROWS_O_N, "Another."], 3, 0.75)
    assert sorted(chosen) == [0, 1, 2]


def test_a_tables_chunks_embed_as_close_as_copies_and_are_kept(embedder) -> None:  # type: ignore[no-untyped-def]
    vectors = np.asarray(embedder.embed([ROWS_L_H, ROWS_O_N]), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert float(vectors[0] @ vectors[1]) > NEAR_DUPLICATE  # what once dropped the KS N row as a duplicate
    assert sorted(diversify(vectors, [1.0, 0.95], ["pay", "pay"], [ROWS_L_H, ROWS_O_N], 2, 0.75)) == [0, 1]


def test_the_documents_named_pay_no_penalty_for_sharing_a_document() -> None:
    vectors = _unit([[1.0, 0.0], [0.0, 1.0], [0.7, 0.7]])
    texts = ["First passage here.", "Second passage there.", "Third words elsewhere."]
    assert diversify(vectors, [1.0, 0.99, 0.98], ["a", "a", "b"], texts, 2, 1.0) == [0, 2]
    assert diversify(vectors, [1.0, 0.99, 0.98], ["a", "a", "b"], texts, 2, 1.0, scoped={"a"}) == [0, 1]


def test_one_tables_chunks_are_not_redundant_with_each_other() -> None:
    """The Children in Care table's second chunk (its "Total" row) tied with its third and lost to it on
    redundancy, as if it repeated it; a table's chunks of one document hold other rows."""
    vectors = _unit([[1.0, 0.0, 0.0], [0.0, 1.0, 0.02], [0.0, 1.0, 0.0], [0.0, 0.3, 1.0]])
    texts = ["The number of children in care fell to 1,409.", ROWS_O_N, ROWS_L_H, "Another subject."]
    chosen = diversify(vectors, [1.0, 0.8, 0.8, 0.75], ["q3", "q3", "q3", "other"], texts, 3, 0.7)
    assert chosen == [0, 1, 2]
    assert diversify(vectors, [1.0, 0.8, 0.8, 0.75], ["q3", "q3", "pay", "other"], texts, 3, 0.7) == [
        0,
        2,
        3,
    ]  # two documents
