"""The fusion's dense weight per question: the keyword side counts less when the best keyword
match holds little of the question's term weight (a paraphrase), on the real corpus and model."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import Settings
from assistant.evidence import Query
from assistant.pipeline import Assistant
from assistant.retrieve import _dense_weight


def _query(text: str) -> Query:
    weights = {"general": 2.0, "reserv": 3.0, "polici": 1.0, "unknown": 4.0}
    return Query(text, np.zeros(4, dtype=np.float32), weights, frozenset(t for t in weights if t != "unknown"))


@pytest.mark.parametrize(
    ("best_keyword", "expected"),
    [
        ("The general reserves policy.", 0.5),  # every known term: the base weight
        ("Reserves are held.", 0.5),  # half of their weight is still enough
        ("The general fund.", 2 / 3),  # a third: a third of the keyword side moves to the dense side
        ("Nothing in common.", 1.0),
    ],
)
def test_a_weak_keyword_match_counts_less(best_keyword: str, expected: float) -> None:
    assert _dense_weight(0.5, _query("q"), best_keyword) == pytest.approx(expected)


def test_without_keyword_results_or_known_terms_the_base_weight_stands() -> None:
    assert _dense_weight(0.5, _query("q"), None) == 0.5
    alone = Query("q", np.zeros(4, dtype=np.float32), {"unknown": 4.0}, frozenset())
    assert _dense_weight(0.5, alone, "Anything at all.") == 0.5


@pytest.fixture(scope="module")
def assistant(corpus_index: Settings, embedder) -> Assistant:
    return Assistant(corpus_index, embedder=embedder)


def _weight(assistant: Assistant, question: str) -> float:
    store = assistant.store()
    weights = store.term_weights(question)
    query = Query(question, np.zeros(4, dtype=np.float32), weights, frozenset(store.keyword_terms(question)))
    best = store.keyword_search(question, 1)
    return _dense_weight(0.5, query, store.fetch([best[0][0]])[0].chunk.text if best else None)


def test_the_corpus_own_words_keep_the_keyword_side(assistant: Assistant) -> None:
    assert _weight(assistant, "Who chairs Safer Essex?") == 0.5
    assert _weight(assistant, "121,202 crimes") == 0.5


def test_a_paraphrase_in_other_words_leans_on_meaning(assistant: Assistant) -> None:
    assert _weight(assistant, "Which bunch keeps an eye on folks breaking the law round here?") > 0.6
