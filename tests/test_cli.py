"""The command line: summaries, listings, and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from tests.conftest import DATA, ROOT


def test_index_prints_a_summary_with_skipped_reasons(corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus_copy / "scan.pdf").write_bytes((DATA / "image_only.pdf").read_bytes())
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert "added 5, updated 0, removed 0, unchanged 0, skipped 1 documents" in out
    assert "scan.pdf: no text layer" in out
    assert main(["index"]) == 0
    assert "unchanged 5" in capsys.readouterr().out


def test_index_json_summary(corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert len(summary["added"]) == 5
    assert summary["chunks_total"] > 50
    assert summary["seconds"] > 0


def test_docs_lists_metadata(corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["index"])
    capsys.readouterr()
    assert main(["docs", "--json"]) == 0
    docs = {d["doc_id"]: d for d in json.loads(capsys.readouterr().out)}
    safer = docs["safer-essex-partnership"]
    assert (safer["title"], safer["date"], safer["doc_type"], safer["organisation"]) == (
        "Safer Essex Partnership",
        "2010",
        "web page",
        "Safer Essex",
    )
    assert safer["chunks"] > 0


def test_errors_are_one_line_with_a_non_zero_exit(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "docs"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert result.stderr.startswith("error: no index in")
    assert "assistant index" in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "assistant", "index", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr
