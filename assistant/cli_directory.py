"""The ``assistant`` commands that list the directory: initiatives, boards, decisions, scorecard,
and its quality against the reference lists (``directory-eval``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from assistant.cli_support import open_assistant
from assistant.config import Settings


def _initiatives(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.render import initiatives_text

    assistant = open_assistant(settings)
    return _print_directory(
        args, assistant, assistant.initiatives(theme=args.theme, query=args.query), initiatives_text
    )


def _boards(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.render import boards_text

    assistant = open_assistant(settings)
    return _print_directory(args, assistant, assistant.boards(), boards_text)


def _decisions(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.render import decisions_text

    assistant = open_assistant(settings)
    if args.query:
        from assistant.render import decisions_on_text

        dated = assistant.decisions(args.query, body=args.body, since=args.since, until=args.until)
        return _print_directory(args, assistant, dated, decisions_on_text)
    found = assistant.meetings(body=args.body, since=args.since, until=args.until)
    return _print_directory(args, assistant, found, decisions_text)


def _scorecard(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.render import scorecard_text

    assistant = open_assistant(settings)
    return _print_directory(args, assistant, assistant.scorecard(), scorecard_text)


def _print_directory(args: argparse.Namespace, assistant: Any, entries: Sequence[Any], as_text: Any) -> int:
    """Directory entries as JSON records (``--json``) or as the command's text listing."""
    from assistant.render import directory_records

    documents = assistant.document_infos()
    if args.json:
        print(json.dumps(directory_records(entries, documents), ensure_ascii=False, indent=1))
    else:
        print(as_text(entries, documents))
    return 0


def _directory_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.directory import quality

    report = quality.run(args.corpus, args.minutes, args.reference or quality.REFERENCE_DIR)
    print(
        json.dumps(quality.report_to_json(report), indent=1)
        if args.json
        else quality.format_report(report, details=False)
    )
    return 0
