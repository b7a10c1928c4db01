"""Shared fixtures: every data directory points at tmp_path; the real model loads once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings

ROOT = Path(__file__).resolve().parent.parent
STORES = ("faiss", "milvus")  # retrieval, answer, indexing and directory tests run against both
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _each_text_embedded_once() -> Iterator[None]:
    """The real model's vectors for a passage, computed the first time a test embeds it and reused
    when another test indexes the same text (most tests index the shipped corpus).

    Every vector is still the model's own for that text (the indexer's batching, ordering and
    assignment all run as in use); only the repeated forward passes are skipped. Tests of the
    embedding backends compare fresh instances' outputs, which this leaves alike.
    """
    from assistant.embedding.onnx_runtime import OnnxEmbedder
    from assistant.embedding.sentence_transformer import SentenceTransformerEmbedder

    patched = [(cls, cls.embed_passages) for cls in (OnnxEmbedder, SentenceTransformerEmbedder)]
    memo: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def remembering(original: Callable) -> Callable:
        def embed_passages(self, texts, sentence_spans):
            keys = [
                (type(self).__name__, self.name, text, tuple(map(tuple, spans)))
                for text, spans in zip(texts, sentence_spans, strict=True)
            ]
            missing = list({key: i for i, key in enumerate(keys) if key not in memo}.values())
            if not keys or missing:
                vectors, sentences = original(self, [texts[i] for i in missing], [sentence_spans[i] for i in missing])
                if not keys:
                    return vectors, sentences
                memo.update({keys[i]: (v, s) for i, v, s in zip(missing, vectors, sentences, strict=True)})
            return (
                np.stack([memo[key][0] for key in keys]).astype(np.float32),
                [None if memo[key][1] is None else memo[key][1].copy() for key in keys],
            )

        return embed_passages

    for cls, original in patched:
        cls.embed_passages = remembering(original)
    yield
    for cls, original in patched:
        cls.embed_passages = original


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's index, data or corpus directories, or their store."""
    for name in [n for n in os.environ if n.startswith("ASSISTANT_")]:
        monkeypatch.delenv(name)
    for name in ("corpus_dir", "index_dir", "data_dir"):
        monkeypatch.setenv(f"ASSISTANT_{name.upper()}", str(tmp_path / name.replace("_dir", "")))
    monkeypatch.setenv("ASSISTANT_LLM_URL", "")


@pytest.fixture(scope="session")
def embedder():
    """The real default embedding model, loaded once for the whole run."""
    from assistant.embedding import load_embedder

    return load_embedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose directories live under tmp_path."""
    return Settings.from_env()


@pytest.fixture(params=STORES)
def store_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Settings under tmp_path, once per store (milvus: a milvus-lite file in the index directory)."""
    return settings.replace(store=request.param)


def use_index(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Settings:
    """Point the ``ASSISTANT_*`` variables at an index, for code that reads the environment."""
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("ASSISTANT_STORE", settings.store)
    return settings


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session", params=STORES)
def corpus_index(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, embedder) -> Settings:
    """An index of the shipped corpus in each store, built once and shared read-only by retrieval tests."""
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp(f"corpus-index-{request.param}")
    settings = Settings(corpus_dir=CORPUS, index_dir=root / "index", data_dir=root / "data", store=request.param)
    Assistant(settings, embedder=embedder).index([CORPUS])
    return settings


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], object], seconds: float, what: str) -> None:
    """Poll ``check`` until it is true (connection errors count as not yet)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def milvus_server(tmp_path: Path) -> Iterator[str]:
    """A `milvus-lite server` on 127.0.0.1 that several processes can share, as a Milvus cluster."""
    port = free_port()
    process = subprocess.Popen(
        [
            Path(sys.executable).parent / "milvus-lite",
            "server",
            "--data-dir",
            str(tmp_path / "milvus-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _port_open(port), 60, "milvus-lite server")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
