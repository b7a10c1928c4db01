"""How confident an answer is: a logistic model over the evidence features.

The features (each in [0, 1], computed in :mod:`assistant.answer.features`, described in
docs/calibration.md) are weighted and summed; the answer abstains when the resulting
probability is below ``abstain_threshold`` (default 0.5). The intercept already holds the
abstention point chosen by cross-validation, so the default threshold stays 0.5.

The coefficients below were fitted with ``assistant calibrate --suite`` (scikit-learn's
``LogisticRegression``, regularisation and abstention point chosen by cross-validation across
the seed, extra and council question sets; see :mod:`assistant.calibration`). At query time the
model is this dot product only: no scikit-learn, no pickle.
"""

from __future__ import annotations

import math

from assistant.answer.features import FEATURES

# Fitted by `assistant calibrate --suite --shared ../shared` (see docs/calibration.md). Kept after the
# focus became the question's subject phrases: the refit on them abstains on a third answerable
# council question, over the 1 in 20 limit (docs/calibration.md, "Refit after the subject-phrase focus").
COEFFICIENTS = {
    "semantic": 0.429,
    "coverage": 0.716,
    "unknown": -0.516,
    "missing_specifics": -0.324,
    "typed_answer": 0.429,
    "typed_wording": 0.584,
    "value_apart": -0.635,
    "answer_focus": 0.061,
    "answer_semantic": 0.455,
}
INTERCEPT = -0.757

__all__ = ["COEFFICIENTS", "FEATURES", "INTERCEPT", "confidence"]


def confidence(
    features: dict[str, float], coefficients: dict[str, float] | None = None, intercept: float | None = None
) -> float:
    """The modelled probability that the evidence answers the question."""
    coefficients = coefficients or COEFFICIENTS
    z = (INTERCEPT if intercept is None else intercept) + sum(
        coefficients[name] * features.get(name, 0.0) for name in coefficients
    )
    return 1.0 / (1.0 + math.exp(-z))
