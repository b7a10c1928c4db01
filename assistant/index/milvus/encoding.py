"""Values packed into Milvus's VARCHAR fields: texts cut to the byte limit, sentence vectors as base64."""

from __future__ import annotations

import base64

import numpy as np

TEXT_LIMIT = 65_535  # a VARCHAR field's limit, in UTF-8 bytes


def fit(text: str) -> str:
    """Text cut to fit a VARCHAR field, whose limit counts UTF-8 bytes."""
    data = text.encode("utf-8")
    return text if len(data) <= TEXT_LIMIT else data[:TEXT_LIMIT].decode("utf-8", errors="ignore")


def encode_vectors(vectors: np.ndarray | None) -> str:
    """Sentence vectors as base64 float16 ('h:...'), or int8 with scales ('q:...') when too long."""
    if vectors is None or len(vectors) == 0:
        return ""
    array = np.asarray(vectors, dtype=np.float32)
    text = "h:" + base64.b64encode(array.astype(np.float16).tobytes()).decode()
    if len(text) <= TEXT_LIMIT:
        return text
    scale = np.maximum(np.abs(array).max(axis=1, keepdims=True), 1e-8) / 127.0
    packed = np.concatenate(
        [scale.astype(np.float32).view(np.uint8), np.round(array / scale).astype(np.int8).view(np.uint8)], axis=1
    )
    return "q:" + base64.b64encode(packed.tobytes()).decode()


def decode_vectors(text: str, count: int) -> np.ndarray | None:
    """The ``count`` sentence vectors :func:`encode_vectors` packed (None when there are none)."""
    if not text or count == 0:
        return None
    kind, payload = text[:2], base64.b64decode(text[2:])
    if kind == "h:":
        return np.frombuffer(payload, dtype=np.float16).reshape(count, -1)
    packed = np.frombuffer(payload, dtype=np.uint8).reshape(count, -1)
    scale = packed[:, :4].copy().view(np.float32)
    return (packed[:, 4:].view(np.int8).astype(np.float32) * scale).astype(np.float16)
