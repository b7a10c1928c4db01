"""Question-set and BEIR scoring, and the eval and calibrate commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answer.confidence import FEATURES
from assistant.cli import main
from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.evaluation import (
    Question,
    load_beir,
    load_questions,
    ndcg_at,
    normalise,
    recall_at,
    score_question,
    summarise,
)
from assistant.types import Answer, Chunk, DocumentInfo, Passage
from tests.conftest import use_index


def _answer(text: str, passages: list[str], abstained: bool = False) -> Answer:
    made = [
        Passage(Chunk("d", i, t, None, (), 0, len(t)), DocumentInfo("d", "D", "/d"), 1.0)
        for i, t in enumerate(passages)
    ]
    return Answer("q", text, (), tuple(made), abstained)


def test_normalisation_follows_the_format() -> None:
    assert normalise("  Men’s  **Shed**\n_Network_ ") == "men's shed network"
    assert normalise("ﬁne") == "fine"


def test_fact_metrics_use_rank_and_answer_text() -> None:
    item = Question("q1", "Who?", "fact", answers=("Nicola Beach",))
    result = score_question(item, _answer("It is Nicola Beach [1].", ["other", "chair is nicola  beach"]))
    assert result.first_hit == 1
    assert result.hit_share == {1: 0.0, 5: 1.0, 10: 1.0}
    assert result.answer_hit
    assert result.abstention_correct


def test_list_metrics_count_the_share_found() -> None:
    item = Question("q2", "List?", "list", answers_all=("alpha", "beta", "gamma", "delta"))
    result = score_question(item, _answer("alpha and beta", ["alpha gamma", "x", "x", "x", "x", "beta"]))
    assert result.hit_share[1] == 0.5
    assert result.hit_share[5] == 0.5
    assert result.hit_share[10] == 0.75
    assert result.list_completeness == 0.5
    assert not result.answer_hit


def test_unanswerable_questions_must_abstain() -> None:
    item = Question("q3", "Mars?", "unanswerable")
    assert score_question(item, _answer("no", [], abstained=True)).abstention_correct
    assert not score_question(item, _answer("Mars has people", ["x"])).abstention_correct


def test_summary_reports_each_kind_and_overall() -> None:
    results = [
        score_question(Question("a", "?", "fact", answers=("x",)), _answer("x", ["x"])),
        score_question(Question("b", "?", "unanswerable"), _answer("no", [], abstained=True)),
    ]
    summary = summarise(results)
    assert set(summary) == {"fact", "unanswerable", "overall"}
    assert summary["fact"]["hit@1"] == 1.0
    assert summary["unanswerable"]["abstained"] == 1.0
    assert summary["overall"]["abstention_accuracy"] == 1.0


def test_a_malformed_question_line_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "question": "ok?", "answers": ["x"]}\n{"id": "b"}\n')
    with pytest.raises(ConfigError, match=r"bad\.jsonl:2"):
        load_questions(path)


def test_ranking_metrics() -> None:
    assert ndcg_at(["a", "b"], {"a": 1}) == pytest.approx(1.0)
    assert ndcg_at(["b", "a"], {"a": 1}) == pytest.approx(1 / 1.585, rel=1e-3)
    assert recall_at(["a", "c"], {"a": 1, "b": 2}) == 0.5


@pytest.fixture
def on_corpus_index(corpus_index: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return use_index(monkeypatch, corpus_index)


def test_eval_command_scores_a_question_set(on_corpus_index: Settings, tmp_path: Path, capsys) -> None:
    path = tmp_path / "qa.jsonl"
    lines = [
        {"id": "a", "question": "Who chairs Safer Essex?", "kind": "fact", "answers": ["Nicola Beach"]},
        {"id": "b", "question": "How often does Essex Partners meet?", "kind": "fact", "answers": ["quarterly"]},
        {"id": "c", "question": "What is the population of Mars?", "kind": "unanswerable", "answers": []},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    assert main(["eval", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    overall = report["metrics"]["overall"]
    assert overall["hit@5"] == 1.0
    assert overall["answer_hit"] == 1.0
    assert overall["abstention_accuracy"] == 1.0
    assert report["misses"] == []
    assert main(["eval", str(path)]) == 0
    assert "hit@5" in capsys.readouterr().out


def test_eval_command_scores_a_beir_set(tmp_path: Path, capsys) -> None:
    beir = tmp_path / "tiny-beir"
    (beir / "qrels").mkdir(parents=True)
    corpus = [
        (
            "d1",
            "Safer Essex",
            "The chair of Safer Essex is Nicola Beach, Chief Executive of Braintree District Council.",
        ),
        ("d2", "Essex Forest", "The Essex Forest Initiative is planting 375,000 trees to capture carbon."),
        ("d3", "Holiday Hunger", "Holiday hunger projects fed 840 children during the school holidays."),
        ("d4", "Broadband", "Superfast Essex brought broadband to 150,000 homes and businesses."),
    ]
    (beir / "corpus.jsonl").write_text("\n".join(json.dumps({"_id": i, "title": t, "text": x}) for i, t, x in corpus))
    queries = [
        ("q1", "who leads safer essex"),
        ("q2", "tree planting and carbon"),
        ("q3", "food for children in holidays"),
    ]
    (beir / "queries.jsonl").write_text("\n".join(json.dumps({"_id": i, "text": t}) for i, t in queries))
    (beir / "qrels" / "test.tsv").write_bytes(b"query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td2\t1\r\nq3\td3\t2\r\n")
    assert load_beir(beir).qrels == {"q1": {"d1": 1}, "q2": {"d2": 1}, "q3": {"d3": 2}}
    assert main(["eval", "--beir", str(beir), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["queries"] == 3
    assert metrics["ndcg@10"] == pytest.approx(1.0)
    assert metrics["recall@100"] == 1.0


def test_calibrate_fits_the_abstention_model(on_corpus_index: Settings, tmp_path: Path, capsys) -> None:
    path = tmp_path / "labelled.jsonl"
    lines = [
        {"id": "a", "question": "Who chairs Safer Essex?", "kind": "fact", "answers": ["Nicola Beach"]},
        {"id": "b", "question": "When was the Essex Partnership formed?", "kind": "fact", "answers": ["2002"]},
        {"id": "c", "question": "What is the population of Mars?", "kind": "unanswerable"},
        {"id": "d", "question": "Who won the 2022 football World Cup?", "kind": "unanswerable"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    assert main(["calibrate", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["questions"] == 4
    assert report["answerable"] == 2
    assert set(report["coefficients"]) == set(FEATURES)
    assert report["fitted"] == [
        {"set": "labelled", "unanswerable": 2, "unanswerable_abstained": 2, "answerable": 2, "answerable_abstained": 0}
    ]


def test_calibrate_needs_files_or_the_suite(capsys) -> None:
    assert main(["calibrate"]) != 0
    assert "--suite" in capsys.readouterr().err
