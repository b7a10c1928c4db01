"""A real app server on 127.0.0.1 over a small index that includes a hostile document."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from tests.conftest import CORPUS

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
    import uvicorn

    from assistant.ui import build_server

    assistant = Assistant(app_settings, embedder=embedder)
    assistant.ensure_index()
    server = uvicorn.Server(
        uvicorn.Config(build_server(assistant), host="127.0.0.1", port=app_settings.port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started and time.time() < deadline:
        time.sleep(0.1)
    assert server.started, "the app server did not start"
    yield RunningApp(f"http://127.0.0.1:{app_settings.port}", app_settings, assistant)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def uploads(app_settings: Settings) -> Path:
    return Path(app_settings.data_dir) / "uploads"
