"""Score fusion: reciprocal-rank and convex mixes of dense and keyword rankings."""

from __future__ import annotations

import pytest

from assistant.fusion import convex_fusion, fuse, reciprocal_rank_fusion


def test_rrf_rewards_rows_both_lists_agree_on() -> None:
    dense = [(1, 0.9), (2, 0.8), (3, 0.7)]
    keyword = [(3, 12.0), (1, 9.0), (4, 1.0)]
    fused = reciprocal_rank_fusion([dense, keyword], k=60)
    assert [row for row, _ in fused][:2] == [1, 3]
    assert fused[0][1] == 1.0
    assert {row for row, _ in fused} == {1, 2, 3, 4}


def test_rrf_ignores_raw_score_scales() -> None:
    a = reciprocal_rank_fusion([[(1, 0.9), (2, 0.1)], [(2, 1000.0), (1, 999.0)]])
    assert a[0][1] == pytest.approx(a[1][1])


def test_convex_mixes_min_max_scaled_scores() -> None:
    dense = [(1, 0.9), (2, 0.5)]
    keyword = [(2, 10.0), (3, 5.0)]
    fused = dict(convex_fusion(dense, keyword, dense_weight=0.5))
    assert fused[2] == pytest.approx(1.0)  # 0.5 * 0 + 0.5 * 1, the best, scaled to 1
    assert fused[1] == pytest.approx(1.0)  # 0.5 * 1 + 0.5 * 0
    assert fused[3] == pytest.approx(0.0)


def test_convex_with_full_dense_weight_is_the_dense_order() -> None:
    dense = [(1, 0.9), (2, 0.8), (3, 0.1)]
    keyword = [(3, 50.0)]
    assert [row for row, _ in convex_fusion(dense, keyword, 1.0)][:3] == [1, 2, 3]


def test_empty_inputs_give_nothing() -> None:
    assert fuse([], [], "rrf") == []
    assert fuse([], [], "convex") == []


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown fusion"):
        fuse([(1, 1.0)], [], "max")
