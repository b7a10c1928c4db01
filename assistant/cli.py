"""The ``assistant`` command: the only module that prints.

Errors the assistant raises on purpose become one line on standard error and exit code 1;
bad arguments exit with 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from assistant.cli_directory import _boards, _decisions, _directory_eval, _initiatives, _scorecard
from assistant.cli_quality import _calibrate, _eval
from assistant.cli_support import ProgressBar, open_assistant
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.index.manifest import describe_record
from assistant.indexer import IndexReport

Handler = Callable[[argparse.Namespace, Settings], int]
_SURROGATES = re.compile("[\ud800-\udfff]")  # undecodable bytes, as Python's surrogateescape hands them over
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    try:
        settings = Settings.from_env(index_dir=args.index_dir)
        return args.handler(args, settings)
    except AssistantError as exc:
        print(f"error: {shown(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def shown(value: object) -> str:
    """``value`` as printable text on one line: control characters, bidirectional overrides and
    undecodable bytes of file names are written as escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\xff``)."""
    return _UNPRINTABLE.sub(_escape, str(value))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte the file system name did not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape").decode("ascii")


def configure_logging(verbose: bool = False) -> None:
    """Warnings (or progress details) on standard error; quiet chatty third-party loggers."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    for name in ("bm25s", "httpx", "urllib3", "sentence_transformers", "transformers", "pymilvus"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant", description="A cited-answer assistant over partnership documents."
    )
    parser.add_argument("--index-dir", type=Path, help="index directory (default: $ASSISTANT_INDEX_DIR or ./index)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = commands.add_parser("index", help="add documents to the index, or refresh it")
    index.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the corpus and earlier roots)")
    index.add_argument("--rebuild", action="store_true", help="start over: re-read and re-embed everything")
    index.add_argument("--json", action="store_true", help="print the summary as JSON")
    index.set_defaults(handler=_index)

    migrate = commands.add_parser(
        "migrate", help="copy the index into the other store (faiss <-> milvus) without re-embedding"
    )
    migrate.add_argument("--to", required=True, choices=["faiss", "milvus"], help="the store to copy into")
    migrate.add_argument("--replace", action="store_true", help="overwrite an index the target store already holds")
    migrate.set_defaults(handler=_migrate)

    docs = commands.add_parser("docs", help="list indexed documents with their metadata")
    docs.add_argument("--json", action="store_true", help="print JSON")
    docs.set_defaults(handler=_docs)

    ask = commands.add_parser(
        "ask", help="answer a question with citations (no question: one per line from standard input, JSON out)"
    )
    ask.add_argument("question", nargs="?", help="the question (omit to read questions from standard input)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--k", type=_k, help="passages to retrieve, 1 to 100 (default: ASSISTANT_TOP_K)")
    _add_filters(ask)
    ask.set_defaults(handler=_ask)

    evaluate = commands.add_parser("eval", help="score a question set (JSON lines) or a BEIR retrieval set")
    evaluate.add_argument("file", nargs="?", type=Path, help="question set in the ../shared/eval/FORMAT.md format")
    evaluate.add_argument(
        "--beir", type=Path, metavar="DIR", help="a BEIR data set: corpus.jsonl, queries.jsonl, qrels/"
    )
    evaluate.add_argument("--split", default="test", help="BEIR qrels split (default: test)")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.add_argument(
        "--suite", action="store_true", help="every set: seed, extra, council and SciFact, on cached indexes"
    )
    evaluate.add_argument("--shared", type=Path, default=Path("../shared"), help="with --suite: the shared folder")
    evaluate.add_argument(
        "--only",
        default="",
        help="with --suite: comma-separated set names "
        "(seed, extra, seed-extra, seed-third, council, council-extra, council-third, council-fourth, "
        "council-fifth, council-sixth, council-seventh, council-eighth, scifact)",
    )
    evaluate.add_argument("--write", type=Path, metavar="FILE", help="with --suite: write the Markdown report here")
    evaluate.set_defaults(handler=_eval)

    initiatives = commands.add_parser("initiatives", help="initiatives found in the documents, by ambition or theme")
    initiatives.add_argument("--theme", help="only those serving this ambition or theme")
    initiatives.add_argument("--query", help="only those on this topic")
    initiatives.add_argument("--json", action="store_true", help="print JSON")
    initiatives.set_defaults(handler=_initiatives)

    boards = commands.add_parser("boards", help="partnerships and boards: chair, frequency, purpose, members")
    boards.add_argument("--json", action="store_true", help="print JSON")
    boards.set_defaults(handler=_boards)

    decisions = commands.add_parser("decisions", help="decisions, resolutions and actions recorded in minutes")
    decisions.add_argument("--query", help="only decisions on this topic, across bodies, newest first")
    decisions.add_argument("--body", help="only meetings of this body (e.g. Cabinet)")
    decisions.add_argument("--since", type=_date, metavar="DATE", help="meetings on or after this date")
    decisions.add_argument("--until", type=_date, metavar="DATE", help="meetings on or before this date")
    decisions.add_argument("--json", action="store_true", help="print JSON")
    decisions.set_defaults(handler=_decisions)

    scorecard = commands.add_parser("scorecard", help="the figures the documents report, per ambition")
    scorecard.add_argument("--json", action="store_true", help="print JSON")
    scorecard.set_defaults(handler=_scorecard)

    quality = commands.add_parser(
        "directory-eval", help="precision and recall of the directory against reference lists"
    )
    quality.add_argument("--corpus", type=Path, default=Path("corpus"), help="folder of the partnership documents")
    quality.add_argument("--minutes", type=Path, help="folder holding council minutes PDFs")
    quality.add_argument("--reference", type=Path, help="folder of the reference lists (default: eval/directory)")
    quality.add_argument("--json", action="store_true", help="print JSON")
    quality.set_defaults(handler=_directory_eval)

    feedback = commands.add_parser("feedback", help="export the feedback given on answers in the web app")
    feedback.add_argument("--export", type=Path, metavar="FILE", required=True, help="write .jsonl, .json or .csv")
    feedback.set_defaults(handler=_feedback)

    calibrate = commands.add_parser("calibrate", help="fit the abstention model on labelled question sets")
    calibrate.add_argument("files", nargs="*", type=Path, help="question sets with answerable and unanswerable items")
    calibrate.add_argument(
        "--suite", action="store_true", help="the seed, extra and council sets together, on their cached indexes"
    )
    calibrate.add_argument("--shared", type=Path, default=Path("../shared"), help="with --suite: the shared folder")
    calibrate.add_argument("--json", action="store_true", help="print JSON")
    calibrate.set_defaults(handler=_calibrate)
    return parser


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", action="append", default=[], metavar="T", help="document type (repeatable)")
    parser.add_argument("--org", action="append", default=[], metavar="O", help="organisation or board (repeatable)")
    parser.add_argument("--doc", action="append", default=[], metavar="ID", help="document id (repeatable)")
    parser.add_argument("--since", type=_date, metavar="DATE", help="documents dated on or after (2019, 2019-03, ...)")
    parser.add_argument("--until", type=_date, metavar="DATE", help="documents dated on or before")


def _date(value: str) -> str:
    from assistant.dates import parse_date_argument

    try:
        return parse_date_argument(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _k(value: str) -> int:
    from assistant.errors import InvalidQuestion
    from assistant.pipeline import validate_k

    try:
        k = validate_k(value)
    except InvalidQuestion as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    assert k is not None  # only None gives None
    return k


def _filters(args: argparse.Namespace) -> Any:
    from assistant.types import Filters

    return Filters(
        doc_types=tuple(args.type),
        organisations=tuple(args.org),
        doc_ids=tuple(args.doc),
        since=args.since,
        until=args.until,
    )


def _index(args: argparse.Namespace, settings: Settings) -> int:
    assistant = open_assistant(settings)
    with ProgressBar(enabled=not args.json) as bar:
        report = assistant.index(args.paths, rebuild=args.rebuild, progress=bar.update)
    if args.json:
        print(json.dumps(report.__dict__ | {"seconds": round(report.seconds, 2)}, indent=1))
    else:
        _print_report(report)
    return 0


def _print_report(report: IndexReport) -> None:
    print(
        f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
        f"unchanged {report.unchanged}, skipped {len(report.skipped)} documents; "
        f"embedded {report.chunks_embedded} chunks in {report.seconds:.1f} s; "
        f"index: {report.documents_total} documents, {report.chunks_total} chunks"
    )
    if report.reread:
        print(f"  read again: {report.reread} unchanged document(s) indexed by an earlier version of the reading code")
    for path, reason in report.skipped:
        print(f"  skipped {shown(path)}: {shown(reason)}")


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    import time

    from assistant.index import milvus_uri

    started = time.perf_counter()
    with ProgressBar() as bar:
        manifest = open_assistant(settings).migrate(args.to, replace=args.replace, progress=bar.update)
    where = {
        "faiss": shown(settings.index_dir),
        "milvus": f"{shown(milvus_uri(settings))}, prefix {shown(settings.milvus_prefix)}",
    }
    print(
        f"copied {len(manifest.documents)} documents ({manifest.chunk_count} chunks) from {settings.store} "
        f"({where[settings.store]}) to {args.to} ({where[args.to]}) in {time.perf_counter() - started:.1f} s; "
        f"serve from it with ASSISTANT_STORE={args.to}"
    )
    return 0


def _docs(args: argparse.Namespace, settings: Settings) -> int:
    records = [describe_record(r) for r in open_assistant(settings).documents()]
    if args.json:
        print(json.dumps(records, indent=1, ensure_ascii=False))
        return 0
    for record in records:
        r = {key: shown(value) if isinstance(value, str) else value for key, value in record.items()}
        print(f"{r['doc_id']}  [{r['doc_type']}, {r['date'] or 'undated'}, {r['pages']} p, {r['chunks']} chunks]")
        print(f"    {r['title']}" + (f" ({r['organisation']})" if r["organisation"] else ""))
        print(f"    {r['source']}")
    print(f"{len(records)} documents")
    return 0


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.errors import AnswererError, InvalidQuestion
    from assistant.render import answer_json, answer_text

    assistant = open_assistant(settings)
    filters = _filters(args)
    if args.question is not None:
        answer = assistant.ask(args.question, filters=filters, k=args.k)
        print(json.dumps(answer_json(answer), ensure_ascii=False, indent=1) if args.json else answer_text(answer))
        return 0
    for line in _input_lines(sys.stdin):
        try:
            record = answer_json(assistant.ask(line, filters=filters, k=args.k))
        except (InvalidQuestion, AnswererError) as exc:  # this question fails; the batch goes on
            record = {"question": line.strip(), "error": str(exc)}
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def _input_lines(stream: Any) -> Iterator[str]:
    """The non-blank lines of ``stream``, undecodable bytes replaced by U+FFFD, so one bad line
    cannot end a batch."""
    binary = getattr(stream, "buffer", None)
    for line in binary if binary is not None else stream:
        text = line.decode("utf-8", errors="replace") if isinstance(line, bytes) else _SURROGATES.sub("\ufffd", line)
        if text.strip():
            yield text


def _feedback(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.feedback import FeedbackStore

    count = FeedbackStore(settings.data_dir).export(args.export)
    print(f"wrote {count} feedback records to {shown(args.export)}")
    return 0


def _usage(message: str) -> Exception:
    from assistant.errors import ConfigError

    return ConfigError(message)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
