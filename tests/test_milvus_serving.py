"""Several app servers share one Milvus store while another process indexes into it.

milvus-lite embedded in a file serves one process at a time (the file is locked), so the
servers share it through `milvus-lite server`, a Milvus gRPC endpoint on 127.0.0.1, exactly as
they would share a Milvus cluster.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client

from assistant.errors import IndexStoreError
from assistant.index.milvus import MilvusStore
from assistant.index.milvus import store as milvus_store
from tests.conftest import CORPUS, ROOT, free_port, wait_for

pytestmark = pytest.mark.slow

NEW_DOC = """---
title: Zanzibar Kite Festival
date: "2026-06-01"
doc_type: news
organisation: Essex Partners
---

# Zanzibar Kite Festival

The Zanzibar Kite Festival is run by the Essex Kite Guild every June on Canvey Island.
"""


def _page_served(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status == 200


def _ask(url: str, question: str) -> str:
    result = Client(url, verbose=False).predict(question, api_name="/ask")
    return str(result["answer"])


def test_two_servers_answer_from_one_store_while_a_third_process_indexes(tmp_path: Path, milvus_server: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ASSISTANT_STORE": "milvus",
        "ASSISTANT_MILVUS_URI": milvus_server,
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
    }
    built = subprocess.run(
        [sys.executable, "-m", "assistant", "index", "--json"], env=env, capture_output=True, text=True, timeout=300
    )
    assert built.returncode == 0, built.stderr

    servers, urls = [], []
    try:
        for n in range(2):
            port = free_port()
            servers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        str(ROOT / "app.py"),
                        "--port",
                        str(port),
                        "--data-dir",
                        str(tmp_path / f"data{n}"),
                    ],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for(lambda url=url: _page_served(url), 120, f"the app at {url}")

        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "kite-festival.md").write_text(NEW_DOC)
        for i in range(12):  # enough text that indexing takes a while
            (extra / f"filler-{i}.md").write_text(
                f"# Filler {i}\n\n" + " ".join(f"Routine note {j} of filler {i}." for j in range(300))
            )
        indexer = subprocess.Popen(
            [sys.executable, "-m", "assistant", "index", str(extra), "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        during = []
        while indexer.poll() is None:
            during += [_ask(url, "Who chairs Safer Essex?") for url in urls]
        _, errors = indexer.communicate(timeout=300)
        assert indexer.returncode == 0, errors
        assert len(during) >= 2
        assert all("Nicola Beach" in answer for answer in during)

        # both servers pick up the other process's commit: they ask Milvus at most once a second,
        # and may have asked just before the commit landed
        time.sleep(milvus_store._RECHECK_SECONDS + 0.2)
        for url in urls:
            assert "Essex Kite Guild" in _ask(url, "Who runs the Zanzibar Kite Festival?")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def test_a_locked_milvus_lite_file_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "milvus.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from pymilvus import MilvusClient; MilvusClient({str(path)!r}); input()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: (path / "LOCK").exists(), 60, "the other process to open the file")
        time.sleep(0.5)
        with pytest.raises(IndexStoreError, match=r"one process at a time.*milvus-lite server"):
            MilvusStore(str(path)).current()
    finally:
        holder.kill()
        holder.wait(timeout=30)
