"""The fusion's dense weight per question: the keyword side counts less when the best keyword
match holds little of the question's term weight (a paraphrase), on the real corpus and model."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import Settings
from assistant.evidence import Query
from assistant.pipeline import Assistant
from assistant.retrieve import _dense_weight


def _query(weights: dict[str, float] | None = None) -> Query:
    weights = weights or {"general": 2.0, "reserv": 3.0, "polici": 1.0, "unknown": 4.0}
    return Query("q", np.zeros(4, dtype=np.float32), weights, frozenset(t for t in weights if t != "unknown"))


@pytest.mark.parametrize(
    ("best_keyword_score", "expected"),
    [
        (6.0, 0.5),  # the best match scores the known terms' whole idf: the base weight
        (1.2, 0.5),  # a fifth of it is still enough
        (0.6, 0.75),  # a tenth: half of the keyword side's weight moves to the dense side
        (0.0, 1.0),
    ],
)
def test_a_weak_keyword_match_counts_less(best_keyword_score: float, expected: float) -> None:
    assert _dense_weight(0.5, _query(), [(0, best_keyword_score)]) == pytest.approx(expected)


def test_without_keyword_results_or_known_terms_the_base_weight_stands() -> None:
    assert _dense_weight(0.5, _query(), []) == 0.5
    assert _dense_weight(0.5, _query({"unknown": 4.0}), [(0, 1.0)]) == 0.5


@pytest.fixture(scope="module")
def assistant(corpus_index: Settings, embedder) -> Assistant:
    return Assistant(corpus_index, embedder=embedder)


def _weight(assistant: Assistant, question: str) -> float:
    store = assistant.store()
    weights = store.term_weights(question)
    query = Query(question, np.zeros(4, dtype=np.float32), weights, frozenset(store.keyword_terms(question)))
    return _dense_weight(0.5, query, store.keyword_search(question, 10))


def test_the_corpus_own_words_keep_the_keyword_side(assistant: Assistant) -> None:
    assert _weight(assistant, "Who chairs Safer Essex?") == 0.5
    assert _weight(assistant, "121,202 crimes") == 0.5


def test_a_paraphrase_in_other_words_leans_on_meaning(assistant: Assistant) -> None:
    if assistant.settings.store != "faiss":
        pytest.skip("Milvus's BM25 scores run above the idf the share is read against (see _dense_weight)")
    assert _weight(assistant, "Which bunch keeps an eye on folks breaking the law round here?") > 0.6
