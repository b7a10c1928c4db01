"""How confident an answer is: a logistic model over five evidence features.

The four features, each in [0, 1]:

- ``semantic``: the meaning score (cosine) of the best sentence against the question;
- ``coverage``: the share of the question's weighted terms found in that sentence's passage
  (text, headings and section path);
- ``unknown``: the share of the question's weighted terms found nowhere in the collection
  ("Mars", "football");
- ``missing_specifics``: 1 when a number or year the question names ("2024/25") appears in no
  retrieved passage.

The coefficients below were fitted with ``assistant calibrate`` (L2-regularised logistic
regression) on the dev question set and the project's own question set; docs/calibration.md
records the run. ``abstain_threshold`` (default 0.5) is applied to the resulting probability.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FEATURES = ("semantic", "coverage", "unknown", "missing_specifics")

# Fitted by `assistant calibrate ../shared/eval/dev_qa.jsonl eval/extra_qa.jsonl` (see docs/calibration.md).
COEFFICIENTS = {"semantic": 3.066, "coverage": 2.654, "unknown": -1.412, "missing_specifics": -2.165}
INTERCEPT = -0.989


def confidence(
    features: dict[str, float], coefficients: dict[str, float] | None = None, intercept: float | None = None
) -> float:
    """The modelled probability that the evidence answers the question."""
    coefficients = coefficients or COEFFICIENTS
    z = (INTERCEPT if intercept is None else intercept) + sum(coefficients[name] * features[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class Fit:
    """A fitted logistic model and how well it separates the labelled questions."""

    coefficients: dict[str, float]
    intercept: float
    accuracy: float
    leave_one_out_accuracy: float
    threshold: float


def fit_logistic(rows: Sequence[dict[str, float]], labels: Sequence[bool], l2: float = 0.3) -> Fit:
    """Fit the confidence model by Newton's method with an L2 penalty (intercept unpenalised).

    Args:
        rows: one feature dict per question.
        labels: True for answerable questions.
        l2: penalty strength; larger values keep coefficients small and the model smooth.
    """
    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    weights = _newton(x, y, l2)
    predictions = _predict(x, weights)
    loo = []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        held = _newton(x[keep], y[keep], l2)
        loo.append((_predict(x[i : i + 1], held)[0] >= 0.5) == bool(y[i]))
    threshold = _best_threshold(predictions, y)
    return Fit(
        coefficients={name: round(float(w), 3) for name, w in zip(FEATURES, weights[1:], strict=True)},
        intercept=round(float(weights[0]), 3),
        accuracy=float(((predictions >= threshold) == (y == 1)).mean()),
        leave_one_out_accuracy=float(np.mean(loo)),
        threshold=threshold,
    )


def _newton(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> np.ndarray:
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty @ weights
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(weights)), gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def _predict(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(weights[0] + x @ weights[1:])))


def _best_threshold(predictions: np.ndarray, y: np.ndarray) -> float:
    """The threshold with the best accuracy; ties go to the lowest (answering is preferred)."""
    candidates = sorted({0.5, *np.round(predictions, 3).tolist()})
    scored = [(float(((predictions >= t) == (y == 1)).mean()), -t) for t in candidates]
    best_accuracy, neg_threshold = max(scored)
    return -neg_threshold if best_accuracy > 0 else 0.5
