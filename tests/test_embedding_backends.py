"""Embedding backends: onnx matches torch, int8 stays close, exports are cached, indexes record theirs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.embedding import BACKENDS, default_cache_dir, load_embedder, make_embedder, same_vectors
from assistant.errors import ConfigError, IndexMismatch
from assistant.index import read_manifest
from assistant.pipeline import Assistant

TEXT = "Safer Essex\nThe chair of Safer Essex is Nicola Beach. There are 12 Community Safety Partnerships."
SPANS = [(12, 52), (53, 95)]


@pytest.fixture(scope="module")
def torch_embedder():
    return load_embedder(backend="torch")


@pytest.fixture(scope="module")
def onnx_embedder():
    return load_embedder(backend="onnx")


@pytest.fixture(scope="module")
def int8_embedder():
    return load_embedder(backend="onnx-int8")


def test_onnx_gives_torch_float32_vectors(torch_embedder, onnx_embedder) -> None:
    texts = [TEXT, "Who chairs Safer Essex?", "Holiday Hunger"]
    cosines = (torch_embedder.embed(texts) * onnx_embedder.embed(texts)).sum(axis=1)
    assert cosines.min() > 0.9999


def test_onnx_sentence_vectors_match_torch(torch_embedder, onnx_embedder) -> None:
    reference, reference_sentences = torch_embedder.embed_passages([TEXT], [SPANS])
    vectors, sentences = onnx_embedder.embed_passages([TEXT], [SPANS])
    assert vectors.dtype == np.float32
    assert float(vectors[0] @ reference[0]) > 0.9999
    assert sentences[0].shape == (2, 384)
    assert (sentences[0] * reference_sentences[0]).sum(axis=1).min() > 0.9999


def test_onnx_counts_tokens_like_the_model_tokenizer(torch_embedder, onnx_embedder) -> None:
    long_text = " ".join(["partnership"] * 400)  # past the window: counted whole, never truncated
    for text in (TEXT, long_text, "", "£3.4m in 2019/20 — naïve café"):
        assert onnx_embedder.count_tokens(text) == torch_embedder.count_tokens(text)
    assert onnx_embedder.max_tokens == torch_embedder.max_tokens


def test_onnx_embeds_sentences_past_the_window_alone(onnx_embedder) -> None:
    text = " ".join(["Essex"] * 300) + " The chair is Nicola Beach."
    start = text.index("The chair")
    _, sentences = onnx_embedder.embed_passages([text], [[(0, start - 1), (start, len(text))]])
    alone = onnx_embedder.embed([text[start:]])[0]
    assert float(sentences[0][1] @ alone) > 0.9999


def test_onnx_runs_hold_texts_of_similar_length(onnx_embedder) -> None:
    from assistant.embedding.onnx_runtime import _MIN_FILL, _TOKEN_BUDGET

    lengths = [256, 12, 250, 30, 31, 200, 256, 9, 140, 29, 33, 254, 64] * 5
    runs = onnx_embedder._batches(lengths)
    assert sorted(i for run in runs for i in run) == list(range(len(lengths)))
    for run in runs:
        width = lengths[run[0]]
        assert width == max(lengths[i] for i in run)
        assert len(run) <= onnx_embedder.batch_size
        assert len(run) * width <= _TOKEN_BUDGET
        assert min(lengths[i] for i in run) >= _MIN_FILL * width
    assert len(runs) < len(lengths) / 3  # similar lengths still share a run


def test_onnx_vectors_do_not_depend_on_what_else_is_in_the_call(onnx_embedder) -> None:
    texts = ["Who chairs Safer Essex?", TEXT * 6, "Holiday Hunger", TEXT]
    together = onnx_embedder.embed(texts)
    alone = np.stack([onnx_embedder.embed([text])[0] for text in texts])
    assert (together * alone).sum(axis=1).min() > 0.9999


def test_bfloat16_stays_close_to_float32(torch_embedder) -> None:
    texts = [TEXT, "Who chairs Safer Essex?"]
    bf16 = load_embedder(backend="torch-bf16")
    # bfloat16 keeps about three significant digits; the cosine lands between 0.998 and 0.9995
    # depending on whether the CPU has native bf16 kernels
    assert (torch_embedder.embed(texts) * bf16.embed(texts)).sum(axis=1).min() > 0.995


def test_int8_stays_close_to_float32(onnx_embedder, int8_embedder) -> None:
    texts = [TEXT, "Who chairs Safer Essex?"]
    cosines = (onnx_embedder.embed(texts) * int8_embedder.embed(texts)).sum(axis=1)
    assert cosines.min() > 0.97
    assert np.allclose(np.linalg.norm(int8_embedder.embed(texts), axis=1), 1.0, atol=1e-5)


def test_the_export_is_cached_and_reused(onnx_embedder) -> None:
    cached = sorted(default_cache_dir().glob("*/model.onnx"))
    assert cached, "the default backend exports into the user's cache"
    before = cached[0].stat().st_mtime_ns
    make_embedder(backend="onnx")
    assert cached[0].stat().st_mtime_ns == before


def test_serving_with_onnx_never_imports_torch(onnx_embedder) -> None:
    script = (
        "import sys\n"
        "from assistant.embedding import make_embedder\n"
        "print(make_embedder(backend='onnx').embed(['hello']).shape)\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=os.environ)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[:2] == ["(1, 384)", "False False"]


@pytest.mark.parametrize("backend", ["tensorflow", "", "ONNX"])
def test_an_unknown_backend_is_a_config_error(backend: str) -> None:
    with pytest.raises(ConfigError, match="embedding_backend must be one of"):
        make_embedder(backend=backend)


def test_the_backend_is_a_setting() -> None:
    assert Settings().embedding_backend in BACKENDS
    assert Settings.from_env({"ASSISTANT_EMBEDDING_BACKEND": "onnx-int8"}).embedding_backend == "onnx-int8"


def test_float_backends_share_vectors_and_int8_does_not() -> None:
    assert same_vectors("torch", "onnx")
    assert same_vectors("", "torch-bf16")  # an index from before backends were recorded
    assert not same_vectors("onnx", "onnx-int8")


def test_an_index_records_its_backend_and_refuses_another_family(
    tmp_path: Path, corpus_copy: Path, int8_embedder, onnx_embedder
) -> None:
    settings = Settings.from_env(corpus_dir=corpus_copy)
    for extra in corpus_copy.glob("*.md"):
        if extra.name != "safer-essex-partnership.md":
            extra.unlink()
    Assistant(settings, embedder=int8_embedder).index([corpus_copy])
    assert read_manifest(settings.index_dir).embedding_backend == "onnx-int8"
    (corpus_copy / "new.md").write_text("# Holiday Hunger\n\nMeals for children in the school holidays.\n")
    with pytest.raises(IndexMismatch, match="onnx-int8 backend"):
        Assistant(settings, embedder=onnx_embedder).index([corpus_copy])
