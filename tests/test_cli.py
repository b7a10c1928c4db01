"""The command line: summaries, listings, and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
import os
import signal
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


@pytest.fixture
def shared_model(embedder, monkeypatch: pytest.MonkeyPatch):
    """The CLI's assistant uses the session's real model instead of loading it again."""
    monkeypatch.setattr("assistant.pipeline.load_embedder", lambda *args, **kwargs: embedder)
    return embedder


@pytest.fixture
def no_hang():
    """Fail (rather than hang the run) when a command blocks, e.g. on opening a named pipe."""

    def expire(signum, frame):
        raise TimeoutError("the command hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _loop(path: Path) -> Path:
    path.symlink_to(path)
    return path


def _dangling(path: Path) -> Path:
    path.symlink_to(path.parent / "missing-target.md")
    return path


def _too_long(path: Path) -> Path:
    return path.parent.joinpath(*["x" * 200] * 25)


def _nested_past_path_max(path: Path) -> Path:
    """Folders of 200-character names nested until the path is longer than PATH_MAX; returns
    the first folder whose path is too long to open."""
    path.mkdir()
    fd, folder = os.open(path, os.O_RDONLY), path
    try:
        while len(str(folder)) < 4096:
            os.mkdir("d" * 200, dir_fd=fd)  # relative to the open parent: the full path is too long
            child = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, folder = child, folder / ("d" * 200)
    finally:
        os.close(fd)
    return folder


def _random_high_bytes(path: Path) -> Path:
    import random

    path.write_bytes(bytes(random.Random(5).choices(range(0x80, 0x100), k=20_000)))
    return path


_BAD_PATHS = {
    "fifo": (_pipe, "not a regular file (a named pipe)"),
    "symlink-loop": (_loop, "symlink loop (not followed)"),
    "dangling-link": (_dangling, "dangling link: its target does not exist"),
    "random-high-bytes": (_random_high_bytes, "binary content, not text"),
}


@pytest.mark.parametrize(
    ("make", "reason", "where"),
    [
        pytest.param(*case, where, id=f"{name}-{where}")
        for name, case in _BAD_PATHS.items()
        for where in ("named", "in-folder")
    ]
    + [
        pytest.param(_too_long, "path too long for the file system", "named", id="path-too-long-named"),
        pytest.param(
            _nested_past_path_max,
            "cannot read the folder (path too long for the file system)",
            "in-folder",
            id="path-too-long-in-folder",
        ),
    ],
)
def test_index_skips_a_bad_path_with_its_reason_and_indexes_the_rest(
    tmp_path: Path, shared_model, no_hang, capsys: pytest.CaptureFixture[str], make, reason: str, where: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("# Board notes\n\nThe partnership board met on 12 March 2019 in Chelmsford.\n")
    bad = make((docs if where == "in-folder" else tmp_path) / "bad.txt")
    named = [str(docs)] if where == "in-folder" else [str(bad), str(docs)]
    assert main(["index", *named]) == 0
    out = capsys.readouterr().out
    assert "added 1, updated 0, removed 0, unchanged 0, skipped 1 documents" in out
    assert f"  skipped {bad}: {reason}" in out


def test_index_json_lists_skipped_paths(tmp_path: Path, shared_model, no_hang, capsys) -> None:
    (tmp_path / "good.md").write_text("# Board notes\n\nThe partnership board met on 12 March 2019.\n")
    pipe = _pipe(tmp_path / "pipe.md")
    assert main(["index", str(tmp_path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["skipped"] == [[str(pipe), "not a regular file (a named pipe)"]]
    assert len(summary["added"]) == 1


def test_control_characters_in_file_names_are_escaped_in_listings(tmp_path: Path, shared_model, capsys) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "new\nline\x1b[31m.md").write_text("The partnership board met on 12 March 2019 in Chelmsford.\n")
    (docs / "pipe\r.txt").touch()
    os.remove(docs / "pipe\r.txt")
    _pipe(docs / "pipe\r.txt")
    assert main(["index", str(docs)]) == 0
    index_out = capsys.readouterr().out
    assert f"  skipped {docs}/pipe\\r.txt: not a regular file (a named pipe)" in index_out
    assert main(["docs"]) == 0
    out = capsys.readouterr().out
    assert f"    {docs}/new\\nline\\x1b[31m.md" in out
    assert "\x1b" not in out
    assert "\r" not in out
    assert out.count("\n") == 4  # three lines for the one document, then the count


def test_error_lines_escape_control_characters(tmp_path: Path, capsys) -> None:
    assert main(["index", str(tmp_path / "no\nsuch\x1b[2J")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no\\nsuch\\x1b[2J does not exist" in err


@pytest.mark.parametrize("k", ["-5", "0", "101", "abc", "2.5", "1e308", "nan"])
def test_ask_refuses_a_bad_k(capsys: pytest.CaptureFixture[str], k: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "Who chairs Safer Essex?", f"--k={k}"])
    assert exit_info.value.code == 2
    assert "argument --k: k must be a whole number from 1 to 100" in capsys.readouterr().err


def test_ask_replaces_undecodable_bytes_in_the_question(on_corpus_index, capsys) -> None:
    # `assistant ask $'\xff\xfe Who chairs Safer Essex?'`: Python hands the bytes over as lone surrogates
    assert main(["ask", "\udcff\udcfe Who chairs Safer Essex?", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["question"] == "\ufffd\ufffd Who chairs Safer Essex?"


def test_a_bad_line_in_a_standard_input_batch_does_not_stop_it(on_corpus_index, monkeypatch, capsys) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe bad\n\x00\nWho chairs Safer Essex?\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["ask"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.strip().split("\n")]
    assert [r["question"] for r in records] == ["\ufffd\ufffd bad", "\x00", "Who chairs Safer Essex?"]
    assert "error" not in records[0]
    assert records[1]["error"] == "the question is empty"
    assert records[2]["abstained"] is False


def test_a_standard_input_line_with_surrogate_escapes_is_answered(on_corpus_index, monkeypatch, capsys) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("caf\udce9 opening hours?\nWho chairs Safer Essex?\n"))
    assert main(["ask"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.strip().split("\n")]
    assert [r["question"] for r in records] == ["caf\ufffd opening hours?", "Who chairs Safer Essex?"]


@pytest.mark.parametrize("name", ["fb.xlsx", "fb.txt", "feedback"])
def test_feedback_export_refuses_an_unknown_format(tmp_path: Path, capsys, name: str) -> None:
    target = tmp_path / name
    assert main(["feedback", "--export", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: unknown export format")
    assert ".csv, .jsonl or .json" in err
    assert not target.exists()


def test_a_bad_entry_named_and_found_in_a_named_folder_is_reported_once(
    tmp_path: Path, shared_model, no_hang, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.md").write_text("# Board notes\n\nThe partnership board met on 12 March 2019.\n")
    _pipe(tmp_path / "docs" / "pipe.txt")
    monkeypatch.chdir(tmp_path)
    assert main(["index", "docs", "docs/pipe.txt"]) == 0
    out = capsys.readouterr().out
    assert "added 1, updated 0, removed 0, unchanged 0, skipped 1 documents" in out
    assert out.count("pipe.txt: not a regular file (a named pipe)") == 1
