"""Measuring the directory against reference lists written by reading the documents.

``assistant directory-eval --corpus corpus --minutes ../shared/data/council_docs`` extracts
the directory from the corpus and the minutes, matches it against
``eval/directory/corpus_reference.json`` and ``eval/directory/minutes/*.json``, and prints
precision and recall for initiatives, boards and decisions (per minutes file and overall).

Names match when they are the same after normalisation, differ only by a qualifier
("Greater", "Local"), a plural or an acronym, or share at least three quarters of their words;
aliases on either side count. A decision matches when it has the reference's kind, its text
holds most of the reference's words and its agenda item agrees. Matching is one to one for
decisions; for names, an extracted entry is correct when it matches some reference entry and a
reference entry is found when some extracted entry matches it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.chunking import split_document
from assistant.directory.extract import extract_document
from assistant.directory.matching import Score, names_match, words
from assistant.directory.merge import merge_entries
from assistant.directory.model import Decision, Directory, normalise_name
from assistant.directory.quality_unseen import evaluate_council, evaluate_scorecard
from assistant.ingest import load_document

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "eval" / "directory"
_INDEPENDENT = "council_reference_independent.json"  # written by two readers who saw neither the code nor the first


@dataclass
class Report:
    """Every score of a quality run, plus notes (attribute checks, timings, skipped files)."""

    scores: list[Score] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def score_names(label: str, extracted: list[list[str]], reference: list[list[str]]) -> Score:
    """Precision and recall of extracted names (each a list of name and aliases) against a reference."""
    correct = [names for names in extracted if any(names_match(names, ref) for ref in reference)]
    found = [ref for ref in reference if any(names_match(names, ref) for names in extracted)]
    false_positives = tuple(names[0] for names in extracted if names not in correct)
    misses = tuple(ref[0] for ref in reference if ref not in found)
    return Score(label, len(extracted), len(correct), len(reference), len(found), false_positives, misses)


def evaluate_corpus(directory: Directory, reference: dict[str, Any], report: Report) -> None:
    """Initiatives, boards and both together against the corpus reference; chairs and frequencies too."""
    kinds = {"initiatives": directory.initiatives, "boards": directory.boards}
    refs = {kind: [[r["name"], *r.get("aliases", [])] for r in reference[kind]] for kind in kinds}
    for kind, entries in kinds.items():
        report.scores.append(score_names(kind, [[e.name, *e.aliases] for e in entries], refs[kind]))
    every = [[e.name, *e.aliases] for e in (*directory.initiatives, *directory.boards)]
    report.scores.append(score_names("initiatives and boards", every, refs["initiatives"] + refs["boards"]))
    _check_board_details(directory, reference["boards"], report)


def _check_board_details(directory: Directory, reference: list[dict[str, Any]], report: Report) -> None:
    for field_name in ("chair", "frequency"):
        expected = [r for r in reference if r.get(field_name)]
        right = 0
        for ref in expected:
            board = next(
                (b for b in directory.boards if names_match([b.name, *b.aliases], [ref["name"], *ref["aliases"]])), None
            )
            value = getattr(board, field_name) if board else None
            if value and normalise_name(ref[field_name]).split()[-1] in normalise_name(value).split():
                right += 1
        report.notes.append(f"board {field_name}: {right}/{len(expected)} reference values extracted")


def decisions_match(decision: Decision, reference: dict[str, Any]) -> bool:
    """Whether an extracted decision is the reference one: same kind, same words, same agenda item."""
    if decision.kind != reference["kind"]:
        return False
    wanted = words(reference["text"])[:30]
    have = set(words(decision.text))
    if sum(w in have for w in wanted) < 0.7 * len(wanted):
        return False
    if not reference.get("item"):
        return True
    item, ref_item = set(words(decision.item)), set(words(reference["item"]))
    return bool(item) and len(item & ref_item) >= 0.6 * min(len(item), len(ref_item))


def score_decisions(label: str, extracted: Sequence[Decision], reference: list[dict[str, Any]]) -> Score:
    """One-to-one matching of extracted decisions with the reference list, in order."""
    unused = list(range(len(reference)))
    correct = 0
    false_positives = []
    for decision in extracted:
        index = next((i for i in unused if decisions_match(decision, reference[i])), None)
        if index is None:
            false_positives.append(f"{decision.kind}: {decision.text[:90]}")
        else:
            unused.remove(index)
            correct += 1
    misses = tuple(f"{reference[i]['kind']}: {reference[i]['text'][:90]}" for i in unused)
    return Score(label, len(extracted), correct, len(reference), correct, tuple(false_positives), misses)


def evaluate_minutes(minutes_dir: Path, reference_dir: Path, report: Report) -> None:
    """Decisions per minutes file and overall (and per kind) against the minutes references."""
    extracted_all: list[Decision] = []
    reference_all: list[dict[str, Any]] = []
    for path in sorted(reference_dir.glob("*.json")):
        reference = json.loads(path.read_text(encoding="utf-8"))
        source = minutes_dir / reference["file"]
        if not source.exists():
            report.notes.append(f"skipped {reference['file']}: not found in {minutes_dir}")
            continue
        document = load_document(source)
        entries = extract_document(document, split_document(document))
        decisions = [d for m in entries.meetings for d in m.decisions]
        report.scores.append(score_decisions(f"decisions {reference['file']}", decisions, reference["decisions"]))
        chair = entries.meetings[0].chair if entries.meetings else None
        right = bool(chair) and normalise_name(reference["chair"]).split()[-1] in normalise_name(chair or "").split()
        report.notes.append(f"chair of {reference['file']}: {chair!r} ({'right' if right else 'wrong'})")
        extracted_all += decisions
        reference_all += reference["decisions"]
    if reference_all:
        report.scores.append(score_decisions("decisions, all files", extracted_all, reference_all))
        for kind in ("resolution", "decision", "action"):
            report.scores.append(
                score_decisions(
                    f"decisions, {kind}s only",
                    [d for d in extracted_all if d.kind == kind],
                    [r for r in reference_all if r["kind"] == kind],
                )
            )


def time_extraction(folder: Path, report: Report) -> None:
    """Extraction time (loading and chunking excluded) over every PDF in a folder."""
    documents = [load_document(path) for path in sorted(folder.glob("*.pdf"))]
    chunked = [(d, split_document(d)) for d in documents]
    started = time.perf_counter()
    for document, chunks in chunked:
        extract_document(document, chunks)
    elapsed = time.perf_counter() - started
    total = sum(len(c) for _, c in chunked)
    report.notes.append(f"extraction of {len(documents)} PDFs ({total} chunks): {elapsed:.1f} s")


def load_directory(corpus: Path, suffixes: tuple[str, ...] | None = None) -> Directory:
    """The merged directory of every Markdown, text, HTML, Word or PDF file in a folder (or those
    with the given suffixes)."""
    paths = [p for p in sorted(corpus.iterdir()) if p.is_file() and not p.name.startswith(".")]
    documents = [load_document(p) for p in paths if suffixes is None or p.suffix.lower() in suffixes]
    entries = [extract_document(d, split_document(d)) for d in documents]
    return merge_entries(entries, {d.doc_id: d.info for d in documents})


def format_report(report: Report, details: bool = True) -> str:
    """The report as a table, then notes, then (with ``details``) the false positives and misses."""
    lines = ["| comparison | precision | recall | extracted | reference |", "| --- | --- | --- | --- | --- |"]
    for s in report.scores:
        lines.append(
            f"| {s.name} | {s.precision:.3f} ({s.correct}/{s.extracted}) | {s.recall:.3f} "
            f"({s.found}/{s.reference}) | {s.extracted} | {s.reference} |"
        )
    lines += ["", *report.notes]
    if details:
        for s in report.scores:
            if s.false_positives or s.misses:
                lines += ["", f"{s.name}:"]
                lines += [f"  extra: {fp}" for fp in s.false_positives]
                lines += [f"  missed: {m}" for m in s.misses]
    return "\n".join(lines)


def report_to_json(report: Report) -> dict[str, Any]:
    """The report for machines."""
    return {
        "scores": [
            {
                **s.__dict__,
                "precision": s.precision,
                "recall": s.recall,
                "false_positives": list(s.false_positives),
                "misses": list(s.misses),
            }
            for s in report.scores
        ],
        "notes": report.notes,
    }


def run(corpus: Path, minutes: Path | None = None, reference_dir: Path = REFERENCE_DIR) -> Report:
    """Extract the directory from ``corpus`` (and decisions from ``minutes``) and compare with the
    reference lists; the CLI's ``assistant directory-eval`` prints the result."""
    report = Report()
    reference = json.loads((reference_dir / "corpus_reference.json").read_text(encoding="utf-8"))
    directory = load_directory(corpus)
    evaluate_corpus(directory, reference, report)
    scorecard = reference_dir / "scorecard_reference.json"
    if scorecard.exists():
        evaluate_scorecard(directory, json.loads(scorecard.read_text(encoding="utf-8")), report)
    if minutes:
        evaluate_minutes(minutes, reference_dir / "minutes", report)
        council = load_directory(minutes)
        for label, name in (("council", "council_reference.json"), ("council, independent", _INDEPENDENT)):
            if (path := reference_dir / name).exists():
                evaluate_council(council, json.loads(path.read_text(encoding="utf-8")), report, label)
        time_extraction(minutes, report)
    return report
