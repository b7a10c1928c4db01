"""Scoring question sets (../shared/eval/FORMAT.md) and BEIR retrieval sets.

Question sets are JSON lines with ``id``, ``question``, ``kind`` and either ``answers`` (any one
is a hit) or ``answers_all`` (every one must be found). Metrics, per kind and overall:

- hit@1/5/10: an answer string occurs in one of the first k retrieved passages (for
  ``answers_all``, the share of the strings found in the first k passages together);
- MRR: 1 / rank of the first passage holding an answer string (k = 10), 0 when none does;
- answer hit: an answer string occurs in the answer text shown to the user (for
  ``answers_all``: all of them);
- list completeness: for ``answers_all``, the share of the strings in the answer text;
- abstention: unanswerable questions abstain, answerable ones do not.

Strings are compared after normalising both sides: NFKC, lower case, curly quotes made
straight, Markdown emphasis markers removed, whitespace collapsed.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError
from assistant.types import Answer, Document, DocumentInfo, Page

RETRIEVAL_DEPTH = 10
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})


def normalise(text: str) -> str:
    """The comparison form of a string (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)
    text = text.replace("*", "").replace("_", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Question:
    """One item of a question set."""

    id: str
    question: str
    kind: str
    answers: tuple[str, ...] = ()
    answers_all: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable" and bool(self.answers or self.answers_all)


@dataclass
class QuestionResult:
    """How the assistant did on one question."""

    id: str
    kind: str
    question: str
    answer: str
    abstained: bool
    confidence: float
    first_hit: int | None = None
    hit_share: dict[int, float] = field(default_factory=dict)
    answer_hit: bool = False
    list_completeness: float | None = None
    abstention_correct: bool = True

    @property
    def missed(self) -> bool:
        if self.kind == "unanswerable":
            return not self.abstention_correct
        return not self.answer_hit or self.hit_share.get(5, 0.0) < 1.0 or not self.abstention_correct


def load_questions(path: Path) -> list[Question]:
    """Read a question set, with a clear error for a malformed line.

    Raises:
        ConfigError: when the file is missing or a line is not a valid question.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read the question set {path}: {exc.strerror or exc}") from exc
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(
                Question(
                    id=str(data.get("id", number)),
                    question=str(data["question"]),
                    kind=str(data.get("kind", "fact")),
                    answers=tuple(data.get("answers") or ()),
                    answers_all=tuple(data.get("answers_all") or ()),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a question line ({exc})") from exc
    return questions


def score_question(item: Question, answer: Answer) -> QuestionResult:
    """Score one answer (with its retrieved passages in rank order) against the expected strings."""
    passages = [normalise(p.text) for p in answer.passages[:RETRIEVAL_DEPTH]]
    shown = normalise(answer.text)
    result = QuestionResult(item.id, item.kind, item.question, answer.text, answer.abstained, answer.confidence)
    if not item.answerable:
        result.abstention_correct = answer.abstained
        return result
    result.abstention_correct = not answer.abstained
    if item.answers_all:
        wanted = [normalise(a) for a in item.answers_all]
        for k in (1, 5, 10):
            joined = " ".join(passages[:k])
            result.hit_share[k] = sum(w in joined for w in wanted) / len(wanted)
        result.first_hit = next((i for i, p in enumerate(passages) if any(w in p for w in wanted)), None)
        found = sum(w in shown for w in wanted) / len(wanted)
        result.list_completeness = 0.0 if answer.abstained else found
        result.answer_hit = not answer.abstained and found == 1.0
        return result
    wanted = [normalise(a) for a in item.answers]
    result.first_hit = next((i for i, p in enumerate(passages) if any(w in p for w in wanted)), None)
    for k in (1, 5, 10):
        result.hit_share[k] = float(result.first_hit is not None and result.first_hit < k)
    result.answer_hit = not answer.abstained and any(w in shown for w in wanted)
    return result


def summarise(results: Sequence[QuestionResult]) -> dict[str, dict[str, float | int]]:
    """Metrics per kind and overall."""
    groups: dict[str, list[QuestionResult]] = defaultdict(list)
    for r in results:
        groups[r.kind].append(r)
    summary = {kind: _metrics(items) for kind, items in sorted(groups.items())}
    summary["overall"] = _metrics(list(results))
    return summary


def _metrics(items: list[QuestionResult]) -> dict[str, float | int]:
    answerable = [r for r in items if r.kind != "unanswerable"]
    unanswerable = [r for r in items if r.kind == "unanswerable"]
    metrics: dict[str, float | int] = {"n": len(items)}
    if answerable:
        n = len(answerable)
        for k in (1, 5, 10):
            metrics[f"hit@{k}"] = sum(r.hit_share.get(k, 0.0) for r in answerable) / n
        metrics["mrr"] = sum(1 / (r.first_hit + 1) if r.first_hit is not None else 0.0 for r in answerable) / n
        metrics["answer_hit"] = sum(r.answer_hit for r in answerable) / n
        lists = [r.list_completeness for r in answerable if r.list_completeness is not None]
        if lists:
            metrics["list_completeness"] = sum(lists) / len(lists)
        metrics["answered"] = sum(not r.abstained for r in answerable) / n
    if unanswerable:
        metrics["abstained"] = sum(r.abstained for r in unanswerable) / len(unanswerable)
    metrics["abstention_accuracy"] = sum(r.abstention_correct for r in items) / len(items) if items else 0.0
    return metrics


def evaluate(questions: Iterable[Question], ask: Callable[[str], Answer]) -> list[QuestionResult]:
    """Ask every question (``ask`` must retrieve at least ten passages) and score the answers."""
    return [score_question(item, ask(item.question)) for item in questions]


def report_json(results: Sequence[QuestionResult]) -> dict[str, Any]:
    """The machine-readable report: metrics per kind and overall, and every miss."""
    return {"metrics": summarise(results), "misses": [asdict(r) for r in results if r.missed]}


def format_table(summary: dict[str, dict[str, float | int]]) -> str:
    """The metrics as a fixed-width table, one row per kind and one overall."""
    columns = [
        "n",
        "hit@1",
        "hit@5",
        "hit@10",
        "mrr",
        "answer_hit",
        "list_completeness",
        "abstained",
        "abstention_accuracy",
    ]
    header = ["kind", *columns]
    rows = [header]
    for kind, metrics in summary.items():
        rows.append([kind, *[_cell(metrics.get(c)) for c in columns]])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


# -- BEIR ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BeirSet:
    """A BEIR-format retrieval set: documents, queries and graded relevance judgements."""

    corpus: dict[str, tuple[str, str]]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def load_beir(directory: Path, split: str = "test") -> BeirSet:
    """Read corpus.jsonl, queries.jsonl and qrels/<split>.tsv (header and CRLF tolerated).

    Raises:
        ConfigError: when a file is missing or malformed.
    """
    try:
        corpus = {}
        for line in _lines(directory / "corpus.jsonl"):
            data = json.loads(line)
            corpus[str(data["_id"])] = (str(data.get("title") or ""), str(data.get("text") or ""))
        queries = {str(d["_id"]): str(d["text"]) for d in map(json.loads, _lines(directory / "queries.jsonl"))}
        qrels: dict[str, dict[str, int]] = defaultdict(dict)
        for line in _lines(directory / "qrels" / f"{split}.tsv"):
            parts = line.split("\t")
            if len(parts) < 3 or not parts[2].strip().lstrip("-").isdigit():
                continue  # the header, or a malformed row
            qrels[parts[0].strip()][parts[1].strip()] = int(parts[2])
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"{directory} is not a readable BEIR data set ({exc})") from exc
    return BeirSet(corpus, {q: t for q, t in queries.items() if q in qrels}, dict(qrels))


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int = 10) -> float:
    """nDCG@k with graded gains (2^rel - 1) and log2 discounts."""
    gains = [2 ** relevant.get(doc, 0) - 1 for doc in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**r - 1 for r in relevant.values() if r > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], relevant: dict[str, int], k: int = 100) -> float:
    """Share of the relevant documents found in the first k."""
    wanted = {doc for doc, r in relevant.items() if r > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def documents_by_best_chunk(rows: Iterable[tuple[str, float]]) -> list[str]:
    """Document ids ranked by their best chunk's score (chunks given best first)."""
    seen: dict[str, float] = {}
    for doc_id, score in rows:
        if doc_id not in seen or score > seen[doc_id]:
            seen[doc_id] = score
    return sorted(seen, key=lambda d: -seen[d])


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return [line for line in text.split("\n") if line.strip()]


def beir_documents(beir: BeirSet) -> list[Document]:
    """The BEIR corpus as documents, one page each, titled by the corpus title (or id)."""
    documents = []
    for doc_id, (title, text) in beir.corpus.items():
        body = text.strip() or title
        digest = hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
        info = DocumentInfo(doc_id=doc_id, title=title.strip() or doc_id, source=f"beir:{doc_id}")
        documents.append(Document(info, (Page(None, body),), digest))
    return documents


def score_beir(beir: BeirSet, search: Callable[[str], Sequence[tuple[str, float]]]) -> dict[str, float]:
    """nDCG@10 and Recall@100 over the queries; ``search`` gives (doc_id, score) per chunk, best first."""
    ndcg, recall = [], []
    for query_id, text in beir.queries.items():
        ranked = documents_by_best_chunk(search(text))
        ndcg.append(ndcg_at(ranked, beir.qrels[query_id], 10))
        recall.append(recall_at(ranked, beir.qrels[query_id], 100))
    n = len(ndcg)
    return {
        "queries": n,
        "documents": len(beir.corpus),
        "ndcg@10": sum(ndcg) / n if n else 0.0,
        "recall@100": sum(recall) / n if n else 0.0,
    }


def calibration_rows(
    questions: Iterable[Question], ask: Callable[[str], Answer]
) -> tuple[list[dict[str, float]], list[bool]]:
    """The confidence features of every labelled question and whether it is answerable."""
    rows, labels = [], []
    for item in questions:
        rows.append(dict(ask(item.question).evidence))
        labels.append(item.answerable)
    return rows, labels
