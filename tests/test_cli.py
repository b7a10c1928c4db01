"""The command line: summaries, listings, and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from tests.conftest import DATA, ROOT, use_index


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


@pytest.fixture
def on_corpus_index(corpus_index, monkeypatch: pytest.MonkeyPatch):
    return use_index(monkeypatch, corpus_index)


def test_ask_json_has_the_documented_fields(on_corpus_index, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Who chairs Safer Essex?", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {"question", "answer", "abstained", "searched_in", "citations"} <= set(record)
    assert record["abstained"] is False
    citation = record["citations"][0]
    expected = {"n", "doc_id", "title", "date", "doc_type", "source", "page", "section", "text", "score"}
    assert expected <= set(citation)
    assert citation["n"] == 1
    assert "Nicola Beach" in citation["sentence"]


def test_ask_prints_the_answer_with_sources(on_corpus_index, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "How often does Essex Partners meet?"]) == 0
    out = capsys.readouterr().out
    assert "quarterly" in out
    assert "Sources:" in out
    assert "[1] Essex Partners (2017-12-06, web page)" in out


def test_ask_reads_questions_from_standard_input(on_corpus_index, monkeypatch, capsys) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Who chairs Safer Essex?\n\nWhat is the population of Mars?\n"))
    assert main(["ask"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    records = [json.loads(line) for line in lines]
    assert [r["abstained"] for r in records] == [False, True]
    assert records[1]["citations"] == []
    assert records[1]["passages"]


def test_ask_filters_by_type(on_corpus_index, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "What did the Essex Partnership launch?", "--type", "news", "--json", "--k", "3"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {p["doc_type"] for p in record["passages"]} == {"news"}


def test_a_bad_date_filter_is_an_argument_error(on_corpus_index, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "anything", "--since", "last year"])
    assert exit_info.value.code == 2
    assert "not a date" in capsys.readouterr().err
