"""Fitting the abstention model (scikit-learn, cross-validated) and the features it reads."""

from __future__ import annotations

import math
import random

import pytest

from assistant.answer.confidence import FEATURES, confidence
from assistant.calibration import Row, calibrate, report_markdown
from assistant.config import Settings
from assistant.pipeline import Assistant


def _rows(seed: int = 0) -> list[Row]:
    """Two sets of labelled rows: answerable ones score higher, with overlap (noise)."""
    rng = random.Random(seed)
    rows = []
    for name, answerable, unanswerable in (("a", 40, 8), ("b", 40, 8)):
        for i in range(answerable + unanswerable):
            label = i < answerable
            centre = 0.65 if label else 0.35
            features = {n: min(1.0, max(0.0, rng.gauss(centre, 0.15))) for n in FEATURES}
            rows.append(Row(name, f"{name}{i}", features, label))
    return rows


def test_the_cross_validated_point_keeps_answerable_abstentions_under_one_in_twenty() -> None:
    fitted = calibrate(_rows())
    for counts in fitted.stratified:
        assert counts.answerable_abstained <= math.floor(0.05 * counts.answerable)
    assert sum(c.unanswerable_abstained for c in fitted.stratified) >= 8


def test_the_intercept_holds_the_abstention_point_so_half_is_the_threshold() -> None:
    rows = _rows(1)
    fitted = calibrate(rows)
    shift = math.log(fitted.threshold / (1 - fitted.threshold))
    for row in rows[:20]:
        shifted = confidence(row.features, fitted.coefficients, fitted.intercept)
        raw = confidence(row.features, fitted.coefficients, fitted.intercept + shift)
        assert (shifted >= 0.5) == (raw >= fitted.threshold) or abs(raw - fitted.threshold) < 1e-3


def test_the_report_holds_the_code_to_paste_and_every_set() -> None:
    text = report_markdown(calibrate(_rows()), "assistant calibrate --suite")
    assert "COEFFICIENTS = {" in text
    assert "INTERCEPT = " in text
    assert all(f'"{name}"' in text for name in FEATURES)
    assert "| a |" in text
    assert "| b |" in text


def test_one_class_only_is_refused() -> None:
    rows = [r for r in _rows() if r.answerable]
    with pytest.raises(ValueError, match="answerable and unanswerable"):
        calibrate(rows)


@pytest.fixture(scope="module")
def assistant(corpus_index: Settings, embedder) -> Assistant:
    return Assistant(corpus_index, embedder=embedder)


@pytest.mark.parametrize(
    "question",
    ["Who chairs Safer Essex?", "How many hospitals are there in Essex?", "What is the population of Mars?"],
)
def test_every_feature_is_recorded_between_zero_and_one(assistant: Assistant, question: str) -> None:
    evidence = assistant.ask(question).evidence
    assert set(FEATURES) <= set(evidence)
    assert all(0.0 <= evidence[name] <= 1.0 for name in FEATURES)


def test_a_value_named_beside_the_subject_scores_higher_than_one_apart(assistant: Assistant) -> None:
    answered = assistant.ask("When was the Essex Partnership formed?").evidence
    apart = assistant.ask("How many hospitals are there in Essex?").evidence
    assert answered["answer_focus"] > apart["answer_focus"]
    assert confidence(answered) > confidence(apart)
