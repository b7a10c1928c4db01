"""The evaluation suite behind `make eval`: cached indexes, skipped sets, the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import evalsuite
from assistant.cli import main
from assistant.config import Settings
from tests.conftest import CORPUS

QUESTIONS = [
    {"id": "t1", "question": "Who chairs Safer Essex?", "kind": "fact", "answers": ["Nicola Beach"]},
    {"id": "t2", "question": "When was the Essex Partnership formed?", "kind": "fact", "answers": ["2002"]},
    {"id": "t3", "question": "What is the population of Mars?", "kind": "unanswerable", "answers": []},
]


@pytest.fixture
def question_file(tmp_path: Path) -> Path:
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n")
    return path


def _spec(questions: Path, documents: Path = CORPUS) -> evalsuite.SuiteSpec:
    return evalsuite.SuiteSpec("tiny", "Tiny set", questions, documents)


def test_a_set_is_scored_on_an_index_built_once_and_reused(
    question_file: Path, settings: Settings, tmp_path: Path
) -> None:
    settings = settings.replace(eval_cache_dir=tmp_path / "cache")
    logged: list[str] = []
    first = evalsuite.run_suite([_spec(question_file)], settings, log=logged.append)
    assert any("building its index" in line for line in logged)
    overall = first[0].summary["overall"]
    assert overall["n"] == 3
    assert overall["answer_hit"] == 1.0
    assert first[0].summary["unanswerable"]["abstained"] == 1.0
    logged.clear()
    again = evalsuite.run_suite([_spec(question_file)], settings, log=logged.append)
    assert not any("building" in line for line in logged)
    assert again[0].summary == first[0].summary
    assert len([p for p in (tmp_path / "cache" / CORPUS.name).iterdir() if p.is_dir()]) == 1


def test_missing_sets_are_skipped_and_say_so(tmp_path: Path, settings: Settings) -> None:
    specs = evalsuite.suite_specs(tmp_path / "no-shared", CORPUS)
    results = evalsuite.run_suite(specs, settings, only=["seed", "council", "scifact"])
    assert [r.name for r in results] == ["seed", "council", "scifact"]
    assert all("is not there" in r.skipped for r in results)
    report = evalsuite.quality_markdown(results, settings, when="today")
    assert "| seed | skipped:" in report
    assert "Skipped:" in report


def test_the_fingerprint_follows_indexing_settings_and_documents(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\ntext")
    spec = _spec(tmp_path / "q.jsonl", docs)
    base = evalsuite.fingerprint(spec, Settings())
    assert evalsuite.fingerprint(spec, Settings(fusion="convex")) == base  # retrieval settings reuse the index
    assert evalsuite.fingerprint(spec, Settings(chunk_tokens=120)) != base
    (docs / "b.md").write_text("# B\n\nmore")
    assert evalsuite.fingerprint(spec, Settings()) != base


def test_the_report_lists_each_kind_and_every_miss(question_file: Path, settings: Settings, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(
        json.dumps({"id": "w1", "question": "Who chairs Safer Essex?", "kind": "fact", "answers": ["Zebedee"]})
    )
    settings = settings.replace(eval_cache_dir=tmp_path / "cache")
    results = evalsuite.run_suite(
        [_spec(question_file), evalsuite.SuiteSpec("wrong", "Wrong", wrong, CORPUS)], settings
    )
    out = tmp_path / "quality.md"
    evalsuite.write_report(results, settings, out)
    text = out.read_text()
    assert "| tiny | 1.000 |" in text
    assert "| fact | 2 |" in text
    assert "`w1` [fact] Who chairs Safer Essex?" in text
    assert json.loads(out.with_suffix(".json").read_text())["wrong"]["misses"] == ["w1"]


def test_the_cli_runs_the_suite(question_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("ASSISTANT_EVAL_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["eval", "--suite", "--shared", str(tmp_path / "absent"), "--only", "seed", "--json"]) == 0
    captured = capsys.readouterr()
    assert "is not there" in captured.err
    assert json.loads(captured.out)["seed"]["skipped"]


def test_a_held_out_set_is_scored_but_not_fitted_on(
    question_file: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [s.name for s in evalsuite.suite_specs(tmp_path, CORPUS)]
    assert names == [
        "seed",
        "extra",
        "seed-extra",
        "seed-third",
        "council",
        "council-extra",
        "council-third",
        "council-fourth",
        "council-fifth",
        "council-sixth",
        "council-seventh",
        "council-eighth",
        "scifact",
    ]
    held_out = [s.name for s in evalsuite.suite_specs(tmp_path, CORPUS) if s.held_out]
    assert held_out == [
        "seed-extra",
        "seed-third",
        "council-extra",
        "council-third",
        "council-fourth",
        "council-fifth",
        "council-sixth",
        "council-seventh",
        "council-eighth",
    ]
    fitted = _spec(question_file)
    held = evalsuite.SuiteSpec("held", "Held-out set", question_file, CORPUS, held_out=True)
    monkeypatch.setattr(evalsuite, "suite_specs", lambda shared, corpus: [fitted, held])
    settings = settings.replace(eval_cache_dir=tmp_path / "cache")
    assert [spec.name for spec, _ in evalsuite.question_sets(tmp_path, settings)] == ["tiny"]
    assert [r.name for r in evalsuite.run_suite([fitted, held], settings)] == ["tiny", "held"]
