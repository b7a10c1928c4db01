"""Fitting the abstention model on labelled question sets, with cross-validation across sets.

Each labelled question gives one row: the evidence features of its answer and whether it is
answerable. The model is scikit-learn's ``LogisticRegression`` (L2, classes weighted by their
size, since unanswerable questions are few). Its regularisation strength and its abstention
point are chosen by cross-validation, never by training accuracy:

- stratified k-fold within all rows (repeated with three shuffles, probabilities averaged)
  gives each question a probability from a model that did not see it;
- the abstention point is the highest one at which, in every set, no more than one answerable
  question in twenty (``max_abstain``) abstains; the strength whose cross-validated
  probabilities then abstain on the most unanswerable questions wins (ties: the leave-one-set-
  out count, then the stronger regularisation);
- leave-one-set-out (each set predicted by a model fitted on the others) is reported too: how
  the model carries to a set of documents and questions it has never seen.

The final model is fitted on every row; its intercept absorbs the abstention point, so the
runtime threshold stays 0.5 (``confidence >= 0.5`` answers). scikit-learn is imported only here,
never at query time (see :mod:`assistant.answer.confidence`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.features import FEATURES
from assistant.evaluation import Question
from assistant.types import Answer

STRENGTHS = (0.1, 0.3, 1.0, 3.0)
MAX_ABSTAIN = 0.05
_THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)
_FOLDS = 5
_REPEATS = 3


@dataclass(frozen=True)
class Row:
    """One labelled question: its set, id, the features of its answer and whether it is answerable."""

    set: str
    id: str
    features: dict[str, float]
    answerable: bool


@dataclass(frozen=True)
class SetCounts:
    """How many of a set's questions abstain at the chosen point."""

    set: str
    unanswerable: int
    unanswerable_abstained: int
    answerable: int
    answerable_abstained: int


@dataclass(frozen=True)
class Calibration:
    """The fitted model and how it abstains, in cross-validation and on the rows it was fitted on."""

    coefficients: dict[str, float]
    intercept: float
    strength: float
    threshold: float
    stratified: list[SetCounts]
    by_set: list[SetCounts]
    fitted: list[SetCounts]

    @property
    def questions(self) -> int:
        return sum(c.unanswerable + c.answerable for c in self.fitted)

    @property
    def answerable(self) -> int:
        return sum(c.answerable for c in self.fitted)


def labelled_rows(set_name: str, questions: Iterable[Question], ask: Callable[[str], Answer]) -> list[Row]:
    """The rows of one question set. Answers given by another path than the evidence gate (a
    decisions listing, a ledger) carry no features and are left out: the model does not decide them."""
    rows = []
    for item in questions:
        evidence = ask(item.question).evidence
        if all(name in evidence for name in FEATURES):
            rows.append(Row(set_name, item.id, {n: float(evidence[n]) for n in FEATURES}, item.answerable))
    return rows


def calibrate(
    rows: Sequence[Row], strengths: Sequence[float] = STRENGTHS, max_abstain: float = MAX_ABSTAIN
) -> Calibration:
    """Fit the model on ``rows`` with strength and abstention point chosen by cross-validation.

    Args:
        rows: labelled rows, answerable and unanswerable, from one or more sets.
        strengths: the inverse regularisation strengths (scikit-learn's ``C``) to choose from.
        max_abstain: the largest share of a set's answerable questions allowed to abstain.
    """
    x = np.array([[r.features[n] for n in FEATURES] for r in rows], dtype=float)
    y = np.array([r.answerable for r in rows], dtype=bool)
    sets = np.array([r.set for r in rows])
    if y.all() or not y.any():
        raise ValueError("calibration needs answerable and unanswerable questions")
    trials = []
    for c in strengths:
        stratified = _stratified(x, y, c)
        threshold = _threshold(stratified, y, sets, max_abstain)
        by_set = _leave_one_set_out(x, y, sets, c)
        trials.append(
            (_abstained(stratified, y, threshold), _abstained(by_set, y, threshold), -c, threshold, stratified, by_set)
        )
    _, _, neg_c, threshold, stratified, by_set = max(trials, key=lambda t: t[:3])
    model = _model(-neg_c).fit(x, y)
    fitted = model.predict_proba(x)[:, 1]
    shift = math.log(threshold / (1 - threshold))
    return Calibration(
        coefficients={n: round(float(w), 3) for n, w in zip(FEATURES, model.coef_[0], strict=True)},
        intercept=round(float(model.intercept_[0]) - shift, 3),
        strength=-neg_c,
        threshold=float(threshold),
        stratified=_counts(stratified, y, sets, threshold),
        by_set=_counts(by_set, y, sets, threshold),
        fitted=_counts(fitted, y, sets, threshold),
    )


def _model(c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=2000)


def _stratified(x: np.ndarray, y: np.ndarray, c: float) -> np.ndarray:
    """Each row's probability from models that did not see it (stratified k-fold, repeated)."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = min(_FOLDS, int(y.sum()), int((~y).sum()))
    if folds < 2:
        return _model(c).fit(x, y).predict_proba(x)[:, 1]
    runs = [
        cross_val_predict(
            _model(c), x, y, cv=StratifiedKFold(folds, shuffle=True, random_state=seed), method="predict_proba"
        )[:, 1]
        for seed in range(_REPEATS)
    ]
    return np.mean(runs, axis=0)


def _leave_one_set_out(x: np.ndarray, y: np.ndarray, sets: np.ndarray, c: float) -> np.ndarray:
    """Each set's probabilities from a model fitted on the other sets (NaN where that cannot be)."""
    out = np.full(len(y), np.nan)
    for name in np.unique(sets):
        held = sets == name
        if len(np.unique(y[~held])) == 2:
            out[held] = _model(c).fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    return out


def _threshold(p: np.ndarray, y: np.ndarray, sets: np.ndarray, max_abstain: float) -> float:
    """The highest abstention point at which no set abstains on too many answerable questions."""
    best = float(_THRESHOLDS[0])
    for t in _THRESHOLDS:
        if all(
            ((p < t) & y & (sets == s)).sum() <= math.floor(max_abstain * (y & (sets == s)).sum())
            for s in np.unique(sets)
        ):
            best = float(t)
    return best


def _abstained(p: np.ndarray, y: np.ndarray, threshold: float) -> int:
    return int(((p < threshold) & ~y).sum())


def _counts(p: np.ndarray, y: np.ndarray, sets: np.ndarray, threshold: float) -> list[SetCounts]:
    names = list(dict.fromkeys(sets.tolist()))
    abstains = p < threshold  # NaN (no model for the set) compares False: counted as answered
    return [
        SetCounts(
            name,
            int((~y & (sets == name)).sum()),
            int((abstains & ~y & (sets == name)).sum()),
            int((y & (sets == name)).sum()),
            int((abstains & y & (sets == name)).sum()),
        )
        for name in names
    ]


def report_markdown(calibration: Calibration, command: str) -> str:
    """The run as docs/calibration.md records it, with the code to paste into confidence.py."""
    pasted = ",\n".join(f'    "{n}": {w}' for n, w in calibration.coefficients.items())
    lines = [
        f"Command: `{command}`",
        "",
        f"{calibration.questions} questions ({calibration.answerable} answerable); chosen by cross-validation: "
        f"C = {calibration.strength}, abstention point {calibration.threshold:.2f} "
        f"(the intercept below holds it; the threshold setting stays 0.5).",
        "",
        "Paste into assistant/answer/confidence.py:",
        "",
        "```python",
        "COEFFICIENTS = {",
        pasted + ",",
        "}",
        f"INTERCEPT = {calibration.intercept}",
        "```",
        "",
        "| set | unanswerable abstained: stratified CV | leave-one-set-out | final fit "
        "| answerable abstained: stratified CV | leave-one-set-out | final fit |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    several = len(calibration.fitted) > 1
    for s, o, f in zip(calibration.stratified, calibration.by_set, calibration.fitted, strict=True):
        held_u = f"{o.unanswerable_abstained} of {o.unanswerable}" if several else "-"
        held_a = f"{o.answerable_abstained} of {o.answerable}" if several else "-"
        lines.append(
            f"| {s.set} | {s.unanswerable_abstained} of {s.unanswerable} | {held_u} "
            f"| {f.unanswerable_abstained} of {f.unanswerable} | {s.answerable_abstained} of {s.answerable} "
            f"| {held_a} | {f.answerable_abstained} of {f.answerable} |"
        )
    return "\n".join(lines) + "\n"


def report_json(calibration: Calibration) -> dict[str, object]:
    """The run as JSON: the model, the chosen strength and point, and the counts per set."""
    return {
        "questions": calibration.questions,
        "answerable": calibration.answerable,
        "coefficients": calibration.coefficients,
        "intercept": calibration.intercept,
        "strength": calibration.strength,
        "threshold": calibration.threshold,
        "stratified": [vars(c) for c in calibration.stratified],
        "leave_one_set_out": [vars(c) for c in calibration.by_set],
        "fitted": [vars(c) for c in calibration.fitted],
    }
