"""Shared fixtures: every data directory points at tmp_path; the real model loads once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's index, data or corpus directories."""
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


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, embedder) -> Settings:
    """An index of the shipped corpus, built once and shared read-only by retrieval tests."""
    from assistant.pipeline import Assistant

    root = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(corpus_dir=CORPUS, index_dir=root / "index", data_dir=root / "data")
    Assistant(settings, embedder=embedder).index([CORPUS])
    return settings
