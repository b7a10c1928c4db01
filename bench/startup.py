"""Start-up: seconds from launch to a served page and to a first answer, with a built index.

With ``app.py`` present, the web app is launched as a subprocess on a free port; the page is
served when ``GET /`` answers 200, and the first answer is the named ``/ask`` endpoint called
through gradio_client (its connection included), both timed from launch. Without ``app.py`` the
command line's cold start is measured instead: ``assistant ask "..."`` from launch to exit.
The CLI's cold start is always measured too, per embedding backend.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import ROOT, SEED_CORPUS, log, median

QUESTION = "Who chairs Safer Essex?"
_TIMEOUT = 180.0


def run(backends: Sequence[str], repeats: int) -> dict[str, Any]:
    """Cold starts of the CLI and (when it exists) the web app, per backend."""
    app = ROOT / "app.py"
    results: dict[str, Any] = {"app_present": app.exists(), "question": QUESTION, "repeats": repeats, "rows": []}
    for backend in backends:
        work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
        try:
            env = _env(backend, work)
            subprocess.run(
                [_assistant(), "index", str(SEED_CORPUS)], env=env, check=True, capture_output=True, cwd=work
            )
            row: dict[str, Any] = {"backend": backend}
            row["cli_seconds"] = median([_cli(env, work) for _ in range(repeats)])
            if app.exists():
                runs = [_app(app, env, work) for _ in range(repeats)]
                row["page_seconds"] = median([r[0] for r in runs])
                row["answer_seconds"] = median([r[1] for r in runs])
            log(f"start-up [{backend}]: " + ", ".join(f"{k} {v:.2f}" for k, v in row.items() if k != "backend"))
            results["rows"].append(row)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return results


def _env(backend: str, work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "ASSISTANT_EMBEDDING_BACKEND": backend,
        "ASSISTANT_INDEX_DIR": str(work / "index"),
        "ASSISTANT_DATA_DIR": str(work / "data"),
        "ASSISTANT_CORPUS_DIR": str(SEED_CORPUS),
        "ASSISTANT_LLM_URL": "",
    }


def _assistant() -> str:
    return str(Path(sys.executable).with_name("assistant"))


def _cli(env: dict[str, str], work: Path) -> float:
    start = time.perf_counter()
    subprocess.run([_assistant(), "ask", QUESTION], env=env, check=True, capture_output=True, cwd=work)
    return time.perf_counter() - start


def _app(app: Path, env: dict[str, str], work: Path) -> tuple[float, float]:
    """(seconds to a served page, seconds to a first answer), both from launch."""
    from gradio_client import Client  # imported before the clock starts

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(app), "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_page(url, process)
        page = time.perf_counter() - start
        client = Client(url, verbose=False)
        record = client.predict(QUESTION, api_name="/ask")
        answer = time.perf_counter() - start
        if not isinstance(record, dict) or not record.get("answer"):
            raise RuntimeError(f"the app's /ask gave no answer: {record!r}")
        return page, answer
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for_page(url: str, process: subprocess.Popen) -> None:
    deadline = time.perf_counter() + _TIMEOUT
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app.py exited with code {process.returncode} before serving a page")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"app.py served no page within {_TIMEOUT:.0f} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
