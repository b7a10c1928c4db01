"""Two writers at once, with the real model: the second is refused at once, the first loses nothing.

The long writer is held in its embedding stage by its progress callback until the test lets it
go, so "the second starts while the first embeds" is certain, not a matter of timing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexBusy
from assistant.index import Manifest, make_store
from assistant.pipeline import Assistant
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

# A writer that stops in its embedding stage until the file ``release`` appears (one is made
# when it gets there); it then commits and prints the ids it reports as added.
LONG_WRITER = """
import json, sys, time
from pathlib import Path
from assistant.pipeline import Assistant

folder, embedding, release = (Path(a) for a in sys.argv[1:4])

def hold(stage, done, total):
    if stage == "embedding" and not embedding.exists():
        embedding.touch()
        deadline = time.time() + 120
        while not release.exists() and time.time() < deadline:
            time.sleep(0.05)

print(json.dumps(Assistant().index([folder], progress=hold).added))
"""


class NoEmbedding:
    """An embedder a refused writer must never touch."""

    def __getattr__(self, name: str) -> None:
        raise AssertionError(f"the refused writer used the embedder ({name})")


def _folder(path: Path, count: int, topic: str) -> Path:
    path.mkdir()
    for i in range(count):
        sentences = " ".join(f"The {topic} group met on day {j} and agreed item {i}-{j}." for j in range(40))
        (path / f"{topic}-{i}.md").write_text(f"# {topic.title()} note {i}\n\n{sentences}\n")
    return path


def test_a_writer_in_the_same_process_is_refused_at_once_and_nothing_is_lost(
    store_settings: Settings, corpus_copy: Path, tmp_path: Path, embedder
) -> None:
    """As the web app: an upload or a removal while a folder is being indexed."""
    first = Assistant(store_settings, embedder=embedder)
    first.index()  # the shipped corpus, 5 documents
    big = _folder(tmp_path / "big", 6, "harbour")
    small = _folder(tmp_path / "small", 2, "orchard")
    embedding, release = threading.Event(), threading.Event()

    def hold(stage: str, done: int, total: int) -> None:
        if stage == "embedding" and not embedding.is_set():
            embedding.set()
            release.wait(60)

    with ThreadPoolExecutor(1) as pool:
        long_run = pool.submit(first.index, [big], progress=hold)
        try:
            assert embedding.wait(60)
            second = Assistant(store_settings, embedder=NoEmbedding())
            with pytest.raises(IndexBusy, match=rf"another writer in this process .*pid {os.getpid()} .*index\)"):
                second.index([small])
            with pytest.raises(IndexBusy, match="try again when it finishes"):
                second.remove(["safer-essex-partnership"])
            reader = Assistant(store_settings, embedder=embedder)  # questions are answered meanwhile
            assert "Nicola Beach" in reader.ask("Who chairs Safer Essex?").text
        finally:
            release.set()
        report = long_run.result(timeout=120)

    assert sorted(report.added) == [f"harbour-{i}" for i in range(6)]
    manifest = _manifest(store_settings)
    assert set(report.added) | {"safer-essex-partnership"} <= set(manifest.documents)
    assert str(big.resolve()) in manifest.roots
    assert Assistant(store_settings, embedder=embedder).index([small]).added == ["orchard-0", "orchard-1"]
    again = Assistant(store_settings, embedder=embedder).index()
    assert not again.changed
    assert again.documents_total == 5 + 6 + 2


@pytest.fixture(params=["faiss", "milvus"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Settings, dict[str, str]]:
    """Settings and the environment of processes sharing one index (milvus: a Milvus server)."""
    settings = Settings.from_env(store=request.param)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ASSISTANT_STORE": request.param}
    if request.param == "milvus":
        settings = settings.replace(milvus_uri=request.getfixturevalue("milvus_server"))
        env["ASSISTANT_MILVUS_URI"] = settings.milvus_uri
    return settings, env


def test_a_second_process_is_refused_at_once_and_the_first_loses_nothing(
    store_env: tuple[Settings, dict[str, str]], tmp_path: Path
) -> None:
    """The tester's case: `assistant index big/`, and while it embeds, `assistant index small/`."""
    settings, env = store_env
    big = _folder(tmp_path / "big", 6, "harbour")
    small = _folder(tmp_path / "small", 2, "orchard")
    embedding, release = tmp_path / "embedding", tmp_path / "release"
    long_run = subprocess.Popen(
        [sys.executable, "-c", LONG_WRITER, str(big), str(embedding), str(release)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.time() + 120
        while not embedding.exists():
            assert long_run.poll() is None, long_run.communicate()[1]
            assert time.time() < deadline, "the long writer never started embedding"
            time.sleep(0.1)
        short = _cli(env, "index", str(small))
        # refused while the long writer still holds the lock (it cannot finish before `release`):
        # the short run did not wait for it
        still_writing = long_run.poll() is None
    finally:
        release.touch()
        out, errors = long_run.communicate(timeout=180)

    assert short.returncode == 1
    assert short.stdout == ""
    lines = short.stderr.strip().splitlines()
    assert len(lines) == 1, short.stderr  # one line, and no progress: nothing was read or embedded
    assert lines[0].startswith("error: another process is writing the index in ")
    assert f"pid {long_run.pid} on " in lines[0]
    assert "index) since " in lines[0]
    assert still_writing

    assert long_run.returncode == 0, errors
    added = json.loads(out)
    assert sorted(added) == [f"harbour-{i}" for i in range(6)]
    manifest = _manifest(settings)
    assert set(added) <= set(manifest.documents)
    assert manifest.roots == [str(big.resolve())]

    assert _cli(env, "index", str(small)).returncode == 0  # run again, it goes through
    final = _cli(env, "index", "--json")
    assert final.returncode == 0, final.stderr
    assert json.loads(final.stdout)["documents_total"] == 8
    assert _manifest(settings).roots == [str(big.resolve()), str(small.resolve())]


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], env=env, capture_output=True, text=True, timeout=180
    )


def _manifest(settings: Settings) -> Manifest:
    return make_store(settings).current()
