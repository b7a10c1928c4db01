"""How many threads numpy's BLAS runs on (the ``blas_threads`` setting).

The vector products done per question (a passage's sentences against the question, the
passages against each other for diversity, a named document's rows) are small: one thread
does each in tens of microseconds, while a second BLAS thread that has to wait for a busy core
(the web server's other requests, the model's own threads, any other process) turned them into
milliseconds (docs/benchmarks-2026-12-01.md). FAISS and onnxruntime keep their own threads.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def limit_blas_threads(threads: int) -> bool:
    """Make numpy's BLAS use ``threads`` threads; 0 leaves it as it is.

    Returns:
        Whether numpy's BLAS was told: False for 0, without threadpoolctl, or when numpy's BLAS
        is not one threadpoolctl can set.
    """
    if threads <= 0:
        return False
    try:
        import numpy  # noqa: F401 - loaded first, so its BLAS is among the process's libraries
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return False
    numpy_blas = [
        lib for lib in ThreadpoolController().lib_controllers if lib.user_api == "blas" and "numpy" in lib.filepath
    ]
    for lib in numpy_blas:
        if lib.num_threads != threads:
            lib.set_num_threads(threads)
            logger.debug("numpy's BLAS (%s) now runs on %d thread(s)", lib.filepath, threads)
    return bool(numpy_blas)
