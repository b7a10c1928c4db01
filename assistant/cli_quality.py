"""The ``assistant`` commands that measure answers: ``eval`` (a question set, the whole suite or a
BEIR set) and ``calibrate`` (the abstention model)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from assistant.cli_support import ProgressBar, open_assistant
from assistant.config import Settings
from assistant.errors import ConfigError


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant import evaluation

    if args.suite:
        return _eval_suite(args, settings)
    if args.beir is not None:
        return _eval_beir(args, settings)
    if args.file is None:
        raise ConfigError("eval needs a question-set FILE or --beir DIR")
    assistant = open_assistant(settings)
    questions = evaluation.load_questions(args.file)
    results = evaluation.evaluate(questions, lambda q: assistant.ask(q, k=evaluation.RETRIEVAL_DEPTH))
    if args.json:
        print(json.dumps(evaluation.report_json(results), ensure_ascii=False, indent=1))
        return 0
    print(evaluation.format_table(evaluation.summarise(results)))
    misses = [r for r in results if r.missed]
    print(f"\n{len(misses)} of {len(results)} questions missed")
    for r in misses:
        where = "not in the top 10" if r.first_hit is None else f"first at rank {r.first_hit + 1}"
        print(f"  {r.id} [{r.kind}] {r.question}")
        print(
            f"      abstained={r.abstained} confidence={r.confidence:.2f} answer-hit={r.answer_hit} passages: {where}"
        )
    return 0


def _eval_suite(args: argparse.Namespace, settings: Settings) -> int:
    from assistant import evalsuite

    if not args.shared.exists():
        print(f"{args.shared} is not there: only the repository's own sets run", file=sys.stderr)
    specs = evalsuite.suite_specs(args.shared, settings.corpus_dir)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    results = evalsuite.run_suite(specs, settings, only, log=lambda line: print(line, file=sys.stderr, flush=True))
    if args.write:
        evalsuite.write_report(results, settings, args.write)
    if args.json:
        print(json.dumps(evalsuite.results_json(results), indent=1))
    else:
        print(evalsuite.quality_markdown(results, settings))
    return 0


def _eval_beir(args: argparse.Namespace, settings: Settings) -> int:
    import tempfile

    from assistant import evaluation
    from assistant.pipeline import Assistant

    beir = evaluation.load_beir(args.beir, args.split)
    with tempfile.TemporaryDirectory(prefix="beir-index-") as tmp:
        assistant = Assistant(settings.replace(index_dir=Path(tmp), milvus_uri=""))  # never the configured store
        with ProgressBar(enabled=not args.json) as bar:
            assistant.index_documents(evaluation.beir_documents(beir), progress=bar.update)
        metrics = evaluation.score_beir(
            beir, lambda text: [(p.doc.doc_id, p.score) for p in assistant.search(text, k=100)]
        )
    if args.json:
        print(json.dumps(metrics, indent=1))
    else:
        print(
            f"BEIR {args.beir.name}: {metrics['queries']} queries, {metrics['documents']} documents; "
            f"nDCG@10 {metrics['ndcg@10']:.3f}, Recall@100 {metrics['recall@100']:.3f}"
        )
    return 0


def _calibrate(args: argparse.Namespace, settings: Settings) -> int:
    from assistant import calibration, evaluation

    if not args.suite and not args.files:
        raise ConfigError("calibrate needs question set files or --suite")
    rows: list[calibration.Row] = []
    if args.suite:
        rows += _suite_rows(args.shared, settings)
    if args.files:
        assistant = open_assistant(settings)
        for path in args.files:
            questions = evaluation.load_questions(path)
            rows += calibration.labelled_rows(
                path.stem, questions, lambda q: assistant.ask(q, k=evaluation.RETRIEVAL_DEPTH)
            )
    fitted = calibration.calibrate(rows)
    if args.json:
        print(json.dumps(calibration.report_json(fitted), indent=1))
    else:
        print(calibration.report_markdown(fitted, "assistant " + " ".join(sys.argv[1:])))
    return 0


def _suite_rows(shared: Path, settings: Settings) -> list[Any]:
    """The labelled rows of every question set of the suite, each on its cached index."""
    from assistant import calibration, evalsuite, evaluation

    rows = []
    for spec, assistant in evalsuite.question_sets(shared, settings, log=lambda line: print(line, file=sys.stderr)):
        questions = evaluation.load_questions(spec.questions)
        rows += calibration.labelled_rows(
            spec.name, questions, lambda q, a=assistant: a.ask(q, k=evaluation.RETRIEVAL_DEPTH)
        )
    return rows
