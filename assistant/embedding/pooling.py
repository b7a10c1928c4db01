"""Sentence vectors from one forward pass: token vectors mean-pooled over character spans."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Spans = Sequence[tuple[int, int]]


def pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: Spans) -> tuple[np.ndarray, list[int]]:
    """Mean-pool token vectors over each character span.

    Args:
        tokens: one vector per token of the encoded text (padding rows past ``offsets`` ignored).
        offsets: (start, end) characters of each token; special tokens are (0, 0).
        spans: (start, end) characters of each sentence.

    Returns:
        One unit vector per span, and the indexes of spans no token falls in (past the model's
        window): their rows are zero and the caller embeds them alone.
    """
    offsets = np.asarray(offsets).reshape(-1, 2)[: len(tokens)]
    tokens = tokens[: len(offsets)]
    starts, ends = offsets[:, 0], offsets[:, 1]
    real = ends > starts
    result = np.zeros((len(spans), tokens.shape[1]), dtype=np.float32)
    missing = []
    for i, (start, end) in enumerate(spans):
        mask = real & (starts >= start) & (ends <= end)
        if mask.any():
            result[i] = unit(tokens[mask].mean(axis=0))
        else:
            missing.append(i)
    return result, missing


def unit(vector: np.ndarray) -> np.ndarray:
    """``vector`` scaled to length 1 (a zero vector stays zero)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
