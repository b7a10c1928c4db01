"""The whole evaluation behind ``make eval``: every question set and SciFact, one report.

Sets (those whose files are missing are skipped and say so):

- ``seed``: ``<shared>/eval/dev_qa.jsonl`` over the shipped corpus;
- ``extra``: the repository's own ``eval/extra_qa.jsonl`` over the shipped corpus;
- ``seed-extra``: the repository's own ``eval/seed_extra_qa.jsonl`` (40 questions written by a reader
  who had not seen the code) over the shipped corpus; held out of the abstention model's fit;
- ``council``: ``<shared>/eval/council_dev_qa.jsonl`` over ``<shared>/data/council_docs``;
- ``council-extra``: the repository's own ``eval/council_extra_qa.jsonl`` (45 questions written by a
  reader who had not seen the code) over the same PDFs; held out of the abstention model's fit;
- ``scifact``: SciFact's training split (``<shared>/data/scifact_train``), nDCG@10 and Recall@100.

Each set's index is built once into ``<eval_cache_dir>/<documents folder>/<fingerprint>/`` and
reused while its fingerprint holds: the model and chunking settings, the code that reads, chunks,
embeds and stores documents (and, for question sets, extracts the directory; its syntax, so a
comment or a docstring does not call for a rebuild), and the documents' sizes and dates.
Retrieval and answering settings are not part of it, so ``ASSISTANT_FUSION=convex make eval``
compares rankings without re-embedding, and checkouts with the same indexing code can share one
cache. The eight newest builds per folder are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import evaluation
from assistant.config import Settings
from assistant.index.reader import READING_CODE, code_digest
from assistant.pipeline import Assistant

EXTRA_SET = Path("eval/extra_qa.jsonl")
COUNCIL_EXTRA_SET = Path("eval/council_extra_qa.jsonl")
SEED_EXTRA_SET = Path("eval/seed_extra_qa.jsonl")
COUNCIL_THIRD_SET = Path("eval/council_third_qa.jsonl")
SEED_THIRD_SET = Path("eval/seed_third_qa.jsonl")
COUNCIL_FOURTH_SET = Path("eval/council_fourth_qa.jsonl")
COUNCIL_FIFTH_SET = Path("eval/council_fifth_qa.jsonl")
COUNCIL_SIXTH_SET = Path("eval/council_sixth_qa.jsonl")
COUNCIL_SEVENTH_SET = Path("eval/council_seventh_qa.jsonl")
COUNCIL_EIGHTH_SET = Path("eval/council_eighth_qa.jsonl")
_INDEX_CODE = ("chunking.py", "index", "indexer.py", "embedding", "types.py", "sentences.py")
# The reading code of files (ingest, directory) beside it; not used by BEIR sets, which are indexed from memory.
_DOCUMENT_CODE = tuple(part for part in READING_CODE if part not in _INDEX_CODE)
_KEPT_BUILDS = 8
_INDEX_SETTINGS = ("model", "embedding_backend", "chunk_tokens", "chunk_overlap_tokens", "min_chunk_tokens")

Log = Callable[[str], None]


@dataclass
class SetResult:
    """One set's outcome: question metrics and misses, or BEIR metrics, or why it was skipped."""

    name: str
    title: str
    source: str
    summary: dict[str, dict[str, float | int]] = field(default_factory=dict)
    misses: list[evaluation.QuestionResult] = field(default_factory=list)
    beir: dict[str, float] = field(default_factory=dict)
    skipped: str = ""
    seconds: float = 0.0


@dataclass
class SuiteSpec:
    """Where one set's questions and documents are."""

    name: str
    title: str
    questions: Path | None
    documents: Path
    beir: bool = False
    held_out: bool = False  # scored, but not among the sets the abstention model is fitted on


def suite_specs(shared: Path, corpus: Path) -> list[SuiteSpec]:
    """The sets of a full run, given the shared folder and the shipped corpus."""
    return [
        SuiteSpec(
            "seed", "Seed dev set (30 questions, the five partnership documents)", shared / "eval/dev_qa.jsonl", corpus
        ),
        SuiteSpec("extra", "Extra set (the repository's 75 questions, the same documents)", EXTRA_SET, corpus),
        SuiteSpec(
            "seed-extra",
            "Seed extra set (40 questions written by a reader who had not seen the code, the same documents)",
            SEED_EXTRA_SET,
            corpus,
            held_out=True,
        ),
        SuiteSpec(
            "seed-third",
            "Seed third set (30 questions written by a reader who had not seen the code, the same documents)",
            SEED_THIRD_SET,
            corpus,
            held_out=True,
        ),
        SuiteSpec(
            "council",
            "Council dev set (60 questions, 34 Kent County Council PDFs)",
            shared / "eval/council_dev_qa.jsonl",
            shared / "data/council_docs",
        ),
        SuiteSpec(
            "council-extra",
            "Council extra set (45 questions written by a reader who had not seen the code, the same PDFs)",
            COUNCIL_EXTRA_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec(
            "council-third",
            "Council third set (40 questions written by a reader who had not seen the code, the same PDFs)",
            COUNCIL_THIRD_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec(
            "council-fourth",
            "Council fourth set (35 short questions written by a reader who had not seen the code, the same PDFs)",
            COUNCIL_FOURTH_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec(
            "council-fifth",
            "Council fifth set (30 questions on 17 of the PDFs, written by a reader who had not seen the code)",
            COUNCIL_FIFTH_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec(
            "council-sixth",
            "Council sixth set (30 questions on the other 17 PDFs, written by a reader who had not seen the code)",
            COUNCIL_SIXTH_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec(
            "council-seventh",
            "Council seventh set (30 questions on all the PDFs, written by a reader who had not seen the code)",
            COUNCIL_SEVENTH_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec(
            "council-eighth",
            "Council eighth set (30 questions on 26 of the PDFs, written by a reader who had not seen the code)",
            COUNCIL_EIGHTH_SET,
            shared / "data/council_docs",
            held_out=True,
        ),
        SuiteSpec("scifact", "SciFact, training split (BEIR)", None, shared / "data/scifact_train", beir=True),
    ]


def run_suite(
    specs: Sequence[SuiteSpec], settings: Settings, only: Sequence[str] = (), log: Log | None = None
) -> list[SetResult]:
    """Run each set (or only the named ones) on its cached index; never touches the user's index."""
    cache_dir = Path(settings.eval_cache_dir)
    results = []
    for spec in specs:
        if only and spec.name not in only:
            continue
        started = time.perf_counter()
        result = _run_one(spec, settings, cache_dir / spec.documents.name, log or (lambda _: None))
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results


def question_sets(shared: Path, settings: Settings, log: Log | None = None) -> list[tuple[SuiteSpec, Assistant]]:
    """The labelled question sets of a full run (those present), each with an assistant over its
    cached index (built first when needed): what ``assistant calibrate --suite`` fits on."""
    found = []
    for spec in suite_specs(shared, Path(settings.corpus_dir)):
        if (
            spec.beir
            or spec.held_out
            or spec.questions is None
            or not spec.questions.exists()
            or not spec.documents.exists()
        ):
            continue
        cache = Path(settings.eval_cache_dir) / spec.documents.name
        found.append((spec, _cached_assistant(spec, settings, cache, log or (lambda _: None))))
    return found


def _run_one(spec: SuiteSpec, settings: Settings, cache: Path, log: Log) -> SetResult:
    result = SetResult(spec.name, spec.title, str(spec.questions or spec.documents))
    missing = [p for p in (spec.questions, spec.documents) if p is not None and not p.exists()]
    if missing:
        result.skipped = f"{missing[0]} is not there"
        log(f"{spec.name}: skipped ({result.skipped})")
        return result
    assistant = _cached_assistant(spec, settings, cache, log)
    if spec.beir:
        beir = evaluation.load_beir(spec.documents, "train")
        log(f"{spec.name}: {len(beir.queries)} queries")
        result.beir = evaluation.score_beir(
            beir, lambda text: [(p.doc.doc_id, p.score) for p in assistant.search(text, k=100)]
        )
        return result
    assert spec.questions is not None
    questions = evaluation.load_questions(spec.questions)
    log(f"{spec.name}: {len(questions)} questions")
    scored = evaluation.evaluate(questions, lambda q: assistant.ask(q, k=evaluation.RETRIEVAL_DEPTH))
    result.summary = evaluation.summarise(scored)
    result.misses = [r for r in scored if r.missed]
    return result


def _cached_assistant(spec: SuiteSpec, settings: Settings, cache: Path, log: Log) -> Assistant:
    """An assistant over the set's index under ``cache``, built first when no build has its fingerprint."""
    build = cache / fingerprint(spec, settings)[:16]
    if not (build / "index" / "manifest.json").exists():
        log(f"{spec.name}: building its index in {build} (kept for later runs)")
        staging = cache / f".building-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        assistant = Assistant(_cache_settings(settings, staging))
        if spec.beir:
            assistant.index_documents(evaluation.beir_documents(evaluation.load_beir(spec.documents, "train")))
        else:
            assistant.index([spec.documents])
        try:
            staging.rename(build)  # another run may have finished the same build first: keep that one
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
        _prune(cache)
    os.utime(build)
    return Assistant(_cache_settings(settings, build))


def _cache_settings(settings: Settings, folder: Path) -> Settings:
    return settings.replace(index_dir=folder / "index", data_dir=folder / "data", store="faiss", milvus_uri="")


def _prune(cache: Path) -> None:
    builds = sorted((p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")), key=os.path.getmtime)
    for old in builds[:-_KEPT_BUILDS]:
        shutil.rmtree(old, ignore_errors=True)


def fingerprint(spec: SuiteSpec, settings: Settings) -> str:
    """What a set's cached index depends on (see the module docstring)."""
    digest = hashlib.sha256()
    for name in _INDEX_SETTINGS:
        digest.update(f"{name}={getattr(settings, name)}\n".encode())
    digest.update(code_digest(_INDEX_CODE if spec.beir else _INDEX_CODE + _DOCUMENT_CODE).encode())
    files = sorted(spec.documents.rglob("*")) if spec.documents.is_dir() else [spec.documents]
    for path in files:
        if path.is_file():
            status = path.stat()
            digest.update(f"{path.relative_to(spec.documents)}:{status.st_size}:{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# -- the report ------------------------------------------------------------------------------

_COLUMNS = [
    ("n", "n"),
    ("hit@1", "hit@1"),
    ("hit@5", "hit@5"),
    ("hit@10", "hit@10"),
    ("mrr", "MRR"),
    ("answer_hit", "answer hit"),
    ("list_completeness", "list completeness"),
    ("abstained", "unanswerable abstained"),
    ("answered", "answerable answered"),
]


def quality_markdown(results: Sequence[SetResult], settings: Settings, when: str | None = None) -> str:
    """docs/quality.md: a summary table, then each set's metrics per kind and its misses."""
    when = when or time.strftime("%Y-%m-%d %H:%M")
    lines = [
        "# Answer quality",
        "",
        f"Written by `make eval` on {when} ({_settings_note(settings)}). Metrics as in "
        '`../shared/eval/FORMAT.md`; "answerable answered" is the share of answerable questions '
        "that did not abstain. Regenerate with `make eval` (`make eval SHARED=/path/to/shared`).",
        "",
        "## Summary",
        "",
        "| set | hit@5 | MRR | answer hit | unanswerable abstained | answerable answered | nDCG@10 | Recall@100 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.name} | skipped: {r.skipped} | | | | | | |")
            continue
        o = r.summary.get("overall", {})
        cells = [_fmt(o.get("hit@5")), _fmt(o.get("mrr")), _fmt(o.get("answer_hit"))]
        cells += [_abstained(r), _fmt(o.get("answered")), _fmt(r.beir.get("ndcg@10")), _fmt(r.beir.get("recall@100"))]
        lines.append(f"| {r.name} | " + " | ".join(cells) + " |")
    for r in results:
        lines += ["", f"## {r.title}", "", f"Source: `{r.source}`."]
        if r.skipped:
            lines += ["", f"Skipped: {r.skipped}."]
            continue
        if r.beir:
            lines += [
                "",
                f"{int(r.beir['queries'])} queries over {int(r.beir['documents'])} documents: nDCG@10 "
                f"**{r.beir['ndcg@10']:.3f}**, Recall@100 **{r.beir['recall@100']:.3f}** ({r.seconds:.0f} s).",
            ]
            continue
        lines += ["", *_kind_table(r.summary), "", *_miss_lines(r)]
    return "\n".join(lines) + "\n"


def _kind_table(summary: dict[str, dict[str, float | int]]) -> list[str]:
    header = "| kind | " + " | ".join(title for _, title in _COLUMNS) + " |"
    rows = [header, "| --- |" + " --- |" * len(_COLUMNS)]
    for kind, metrics in summary.items():
        rows.append(f"| {kind} | " + " | ".join(_fmt(metrics.get(key)) for key, _ in _COLUMNS) + " |")
    return rows


def _miss_lines(result: SetResult) -> list[str]:
    total = int(result.summary.get("overall", {}).get("n", 0))
    lines = [f"{len(result.misses)} of {total} questions missed (retrieval below hit@5, answer, or abstention):", ""]
    for miss in result.misses:
        where = "not in the top 10" if miss.first_hit is None else f"first at rank {miss.first_hit + 1}"
        what = "abstained" if miss.abstained else "answered"
        shown = " ".join(miss.answer.split())[:160].replace("|", "/")
        lines.append(
            f"- `{miss.id}` [{miss.kind}] {miss.question} — {what} (confidence {miss.confidence:.2f}), "
            f"answer hit {'yes' if miss.answer_hit else 'no'}, passages: {where}. Answer: “{shown}”"
        )
    return lines


def _abstained(result: SetResult) -> str:
    unanswerable = result.summary.get("unanswerable")
    if not unanswerable:
        return "-"
    n = int(unanswerable["n"])
    return f"{round(float(unanswerable['abstained']) * n)} of {n}"


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def _settings_note(settings: Settings) -> str:
    defaults = Settings()
    changed = [
        f"{name}={getattr(settings, name)}"
        for name in ("fusion", "dense_weight", "rrf_k", "mmr_lambda", "top_k", "candidates", "abstain_threshold")
        if getattr(settings, name) != getattr(defaults, name)
    ]
    return "default settings" if not changed else "settings: " + ", ".join(changed)


def results_json(results: Sequence[SetResult]) -> dict[str, Any]:
    """Every set's metrics and misses, for comparing runs."""
    return {
        r.name: {
            "skipped": r.skipped,
            "metrics": r.summary,
            "beir": r.beir,
            "misses": [m.id for m in r.misses],
            "seconds": round(r.seconds, 1),
        }
        for r in results
    }


def write_report(results: Sequence[SetResult], settings: Settings, path: Path) -> None:
    """Write the Markdown report, and its JSON twin (``.json`` beside it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(quality_markdown(results, settings), encoding="utf-8")
    path.with_suffix(".json").write_text(json.dumps(results_json(results), indent=1) + "\n", encoding="utf-8")
