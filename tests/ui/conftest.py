"""A real app server on 127.0.0.1 over a small index that includes a hostile document."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.pipeline import Assistant
from tests.conftest import CORPUS, free_port

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


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, driven by Playwright (never `playwright install`: it downloads)."""
    from playwright.sync_api import sync_playwright

    from tests.ui.pages import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def uploads(app_settings: Settings) -> Path:
    return Path(app_settings.data_dir) / "uploads"


MINUTES_NAME = "Harbour cabinet 2025-01-09 minutes.pdf"
MINUTES_ID = "harbour-cabinet-2025-01-09-minutes"


@pytest.fixture
def minutes_pdf(tmp_path: Path) -> Path:
    """Council minutes as a real PDF (the directory tests' Harbour Cabinet minutes)."""
    from tests.directory.documents import MINUTES
    from tests.support import make_pdf

    path = tmp_path / MINUTES_NAME
    path.write_bytes(make_pdf([MINUTES]))
    return path


@pytest.fixture
def indexed_minutes(running_app: RunningApp, uploads: Path, minutes_pdf: Path) -> Iterator[str]:
    """The minutes PDF indexed as an upload would be; removed again afterwards."""
    uploads.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(minutes_pdf, uploads / MINUTES_NAME)
    running_app.assistant.index([uploads])
    try:
        yield MINUTES_ID
    finally:
        running_app.assistant.remove([MINUTES_ID])
        (uploads / MINUTES_NAME).unlink(missing_ok=True)
