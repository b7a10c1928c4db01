"""The sentence-transformers backend: the model on torch, in float32 or bfloat16."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from assistant.config import DEFAULT_MODEL
from assistant.embedding.models import resolve_model
from assistant.embedding.pooling import Spans, pool_spans, unit
from assistant.errors import ConfigError


class SentenceTransformerEmbedder:
    """An :class:`~assistant.embedding.Embedder` backed by a sentence-transformers model."""

    def __init__(
        self, model: str = DEFAULT_MODEL, device: str = "cpu", batch_size: int = 32, bfloat16: bool = False
    ) -> None:
        location, local = resolve_model(model)
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ConfigError("sentence-transformers is not installed") from exc
        transformers_logging.disable_progress_bar()  # a per-load "Loading weights" bar is noise here
        try:
            self._model = SentenceTransformer(location, device=device, local_files_only=local)
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot load embedding model {model!r}: {str(exc).splitlines()[0]}") from exc
        if bfloat16:
            self._model.to(torch.bfloat16)
        self.name = model
        self.backend = "torch-bf16" if bfloat16 else "torch"
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
        vectors = np.stack([unit(o["sentence_embedding"].float().numpy()) for o in outputs])
        sentence_vectors = [
            self._pool_spans(text, output["token_embeddings"].float().numpy(), spans)
            for text, output, spans in zip(texts, outputs, sentence_spans, strict=True)
        ]
        return vectors.astype(np.float32), sentence_vectors

    def _pool_spans(self, text: str, tokens: np.ndarray, spans: Spans) -> np.ndarray:
        """Mean-pool token vectors over each character span; spans past the window are embedded alone."""
        encoding = self._tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=self.max_tokens + 2)
        result, missing = pool_spans(tokens, np.asarray(encoding["offset_mapping"]), spans)
        if missing:
            result[missing] = self.embed([text[spans[i][0] : spans[i][1]] for i in missing])
        return result
