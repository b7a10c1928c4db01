"""Score fusion for hybrid retrieval: reciprocal-rank fusion or a convex mix of scores.

Both take ranked lists of (row, score) and return one list of (row, fused score), best first,
with fused scores scaled so the best is 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence

Ranked = Sequence[tuple[int, float]]


def reciprocal_rank_fusion(
    lists: Sequence[Ranked], k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Sum of ``weight / (k + rank)`` over the lists a row appears in (ranks start at 1)."""
    weights = weights or [1.0] * len(lists)
    scores: dict[int, float] = {}
    for ranked, weight in zip(lists, weights, strict=True):
        for rank, (row, _) in enumerate(ranked, start=1):
            scores[row] = scores.get(row, 0.0) + weight / (k + rank)
    return _scaled(scores)


def convex_fusion(dense: Ranked, keyword: Ranked, dense_weight: float = 0.6) -> list[tuple[int, float]]:
    """``dense_weight * dense + (1 - dense_weight) * keyword`` after min-max scaling each list.

    A row missing from one list scores 0 there.
    """
    if not 0.0 <= dense_weight <= 1.0:
        raise ValueError("dense_weight must be between 0 and 1")
    scores: dict[int, float] = {}
    for ranked, weight in ((dense, dense_weight), (keyword, 1.0 - dense_weight)):
        for row, value in _min_max(ranked).items():
            scores[row] = scores.get(row, 0.0) + weight * value
    return _scaled(scores)


def fuse(
    dense: Ranked, keyword: Ranked, method: str = "rrf", rrf_k: int = 60, dense_weight: float = 0.6
) -> list[tuple[int, float]]:
    """Fuse dense and keyword results with the configured method."""
    if method == "rrf":
        return reciprocal_rank_fusion([dense, keyword], k=rrf_k, weights=[2 * dense_weight, 2 * (1 - dense_weight)])
    if method == "convex":
        return convex_fusion(dense, keyword, dense_weight)
    raise ValueError(f"unknown fusion method {method!r} (use rrf or convex)")


def _min_max(ranked: Ranked) -> dict[int, float]:
    if not ranked:
        return {}
    values = [score for _, score in ranked]
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return {row: 1.0 for row, _ in ranked}
    return {row: (score - low) / (high - low) for row, score in ranked}


def _scaled(scores: dict[int, float]) -> list[tuple[int, float]]:
    if not scores:
        return []
    top = max(scores.values())
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [(row, value / top if top > 0 else 0.0) for row, value in ordered]
