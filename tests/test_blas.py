"""numpy's BLAS thread count follows the ``blas_threads`` setting (process-wide, set by the facade)."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import ThreadpoolController

from assistant.blas import limit_blas_threads
from assistant.config import Settings
from assistant.pipeline import Assistant


def _numpy_blas_threads() -> list[int]:
    np.ones(1)
    return [
        lib.num_threads
        for lib in ThreadpoolController().lib_controllers
        if lib.user_api == "blas" and "numpy" in lib.filepath
    ]


@pytest.fixture
def restore_blas():
    before = _numpy_blas_threads()
    yield
    if before:
        limit_blas_threads(before[0])


def test_the_facade_sets_numpy_blas_to_the_setting(tmp_path, restore_blas) -> None:
    if not _numpy_blas_threads():
        pytest.skip("numpy's BLAS is not one threadpoolctl can set")
    limit_blas_threads(2)
    assert _numpy_blas_threads() == [2]
    Assistant(Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", blas_threads=1))
    assert _numpy_blas_threads() == [1]


def test_zero_leaves_numpy_blas_as_it_is(tmp_path, restore_blas) -> None:
    if not _numpy_blas_threads():
        pytest.skip("numpy's BLAS is not one threadpoolctl can set")
    limit_blas_threads(2)
    assert not limit_blas_threads(0)
    Assistant(Settings(index_dir=tmp_path / "index", data_dir=tmp_path / "data", blas_threads=0))
    assert _numpy_blas_threads() == [2]
