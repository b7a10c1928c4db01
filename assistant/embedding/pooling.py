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
    tokens = np.asarray(tokens[: len(offsets)], dtype=np.float32)
    starts, ends = offsets[:, 0], offsets[:, 1]
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    # one row per span: which tokens fall wholly inside it (special tokens, (0, 0), never do)
    inside = (ends > starts) & (starts >= bounds[:, :1]) & (ends <= bounds[:, 1:])
    sums = inside.astype(np.float32) @ tokens  # the mean's direction: the unit vector is the same
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    result = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
    return result, np.flatnonzero(~inside.any(axis=1)).tolist()


def unit(vector: np.ndarray) -> np.ndarray:
    """``vector`` scaled to length 1 (a zero vector stays zero)."""
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector
