"""The ``assistant`` command: the only module that prints.

Errors the assistant raises on purpose become one line on standard error and exit code 1;
bad arguments exit with 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.indexer import IndexReport, describe_record

Handler = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    try:
        settings = Settings.from_env(index_dir=args.index_dir)
        return args.handler(args, settings)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def configure_logging(verbose: bool = False) -> None:
    """Warnings (or progress details) on standard error; quiet chatty third-party loggers."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    for name in ("bm25s", "httpx", "urllib3", "sentence_transformers", "transformers"):
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

    docs = commands.add_parser("docs", help="list indexed documents with their metadata")
    docs.add_argument("--json", action="store_true", help="print JSON")
    docs.set_defaults(handler=_docs)
    return parser


def _assistant(settings: Settings) -> Any:
    from assistant.pipeline import Assistant

    return Assistant(settings)


def _index(args: argparse.Namespace, settings: Settings) -> int:
    assistant = _assistant(settings)
    with _ProgressBar(enabled=not args.json) as bar:
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
    for path, reason in report.skipped:
        print(f"  skipped {path}: {reason}")


def _docs(args: argparse.Namespace, settings: Settings) -> int:
    records = [describe_record(r) for r in _assistant(settings).documents()]
    if args.json:
        print(json.dumps(records, indent=1, ensure_ascii=False))
        return 0
    for r in records:
        print(f"{r['doc_id']}  [{r['doc_type']}, {r['date'] or 'undated'}, {r['pages']} p, {r['chunks']} chunks]")
        print(f"    {r['title']}" + (f" ({r['organisation']})" if r["organisation"] else ""))
        print(f"    {r['source']}")
    print(f"{len(records)} documents")
    return 0


class _ProgressBar:
    """A tqdm bar on standard error that follows the indexer's stages."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._stage = ""

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self._stage:
            if self._bar is not None:
                self._bar.close()
            unit = "files" if stage == "reading" else "chunks" if stage == "embedding" else "step"
            self._bar = tqdm(total=total, desc=stage, unit=unit, file=sys.stderr, leave=False)
            self._stage = stage
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
