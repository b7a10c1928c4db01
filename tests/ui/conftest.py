"""A real app server on 127.0.0.1 over a small index that includes a hostile document."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from tests.conftest import CORPUS

# Gradio's upload folder, private to this test run, so tests can look at everything in it
os.environ.setdefault("GRADIO_TEMP_DIR", tempfile.mkdtemp(prefix="gradio-tests-"))

HOSTILE = (
    '---\ntitle: Hostile <b>notice</b>\ndate: "2020-01-01"\ndoc_type: news\n---\n\n'
    "# Community notice\n\n"
    "The Tiddlywink Fund notice reads <script>window.pwned = 1</script> and "
    '<img src=x onerror="window.pwned = 2"> plus ![pixel](http://127.0.0.1:9/p.png) in its text.\n'
)


@dataclass
class RunningApp:
    url: str
    settings: Settings
    assistant: Assistant


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def app_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("app")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "hostile-notice.md").write_text(HOSTILE)
    return Settings(
        corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data", port=free_port(), admin_password="letmein"
    )


@pytest.fixture(scope="session")
def running_app(app_settings: Settings, embedder) -> Iterator[RunningApp]:
    """The app as `python app.py` serves it: Gradio's launch, the request guard, the documents route."""
    from assistant.ui.server import serve

    assistant = Assistant(app_settings, embedder=embedder)
    assistant.ensure_index()
    blocks = serve(assistant, block=False)
    yield RunningApp(f"http://127.0.0.1:{app_settings.port}", app_settings, assistant)
    blocks.close(verbose=False)


@pytest.fixture
def uploads(app_settings: Settings) -> Path:
    return Path(app_settings.data_dir) / "uploads"
