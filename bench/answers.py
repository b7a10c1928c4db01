"""Every answer to the question sets, for checking that a change leaves answers identical.

    python -m bench.answers INDEX_DIR OUT.json [--backend torch]

Writes, per question, the JSON record `assistant ask --json` prints (answer, citations,
passages with scores) and the question-set metrics, so two runs can be compared exactly.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant import evaluation
from assistant.config import Settings
from assistant.pipeline import Assistant
from assistant.render import answer_json

ROOT = Path(__file__).resolve().parent.parent
QUESTION_SETS = {
    "dev": ROOT.parent / "shared" / "eval" / "dev_qa.jsonl",
    "extra": ROOT / "eval" / "extra_qa.jsonl",
}


def question_sets() -> dict[str, list[evaluation.Question]]:
    """The dev set and the project's extra set, by name (a missing file is left out)."""
    return {name: evaluation.load_questions(path) for name, path in QUESTION_SETS.items() if path.exists()}


def score_sets(assistant: Assistant) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    """Overall metrics per question set, and every answer's JSON record."""
    metrics, records = {}, {}
    for name, questions in question_sets().items():
        answers = [assistant.ask(q.question, k=evaluation.RETRIEVAL_DEPTH) for q in questions]
        results = [evaluation.score_question(q, a) for q, a in zip(questions, answers, strict=True)]
        metrics[name] = evaluation.summarise(results)["overall"]
        records[name] = [answer_json(a) for a in answers]
    return metrics, records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    assistant = Assistant(Settings.from_env(index_dir=args.index_dir))
    metrics, records = score_sets(assistant)
    args.out.write_text(json.dumps({"metrics": metrics, "answers": records}, indent=1, ensure_ascii=False))
    json.dump(metrics, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
