"""Launch the Partnership Assistant web app (what `make run` starts).

Builds the index from the corpus folder if there is none yet, loads the model and the index
once, and serves the app on 127.0.0.1:7860 (no public share link). Everything is configurable
by the ASSISTANT_* settings or these options:

    python app.py --port 7861 --corpus ~/partnership-docs
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Parse options, prepare the index and model, and serve until interrupted."""
    parser = argparse.ArgumentParser(description="Serve the Partnership Assistant web app.")
    parser.add_argument("--host", help="address to listen on (default: $ASSISTANT_HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default: $ASSISTANT_PORT or 7860)")
    parser.add_argument("--corpus", type=Path, help="documents to index when no index exists (default: corpus/)")
    parser.add_argument("--index-dir", type=Path, help="index directory (default: index/)")
    parser.add_argument("--data-dir", type=Path, help="feedback and uploads directory (default: data/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    from assistant.cli import configure_logging
    from assistant.config import Settings
    from assistant.errors import AssistantError
    from assistant.index.reader import read_earlier
    from assistant.pipeline import Assistant
    from assistant.ui.server import serve

    configure_logging()
    try:
        settings = Settings.from_env(
            host=args.host, port=args.port, corpus_dir=args.corpus, index_dir=args.index_dir, data_dir=args.data_dir
        )
        assistant = Assistant(settings)
        report = assistant.ensure_index()
        if report is not None:
            built = f"{report.documents_total} documents, {report.chunks_total} passages"
            print(f"Built the index from {settings.corpus_dir}/: {built}")
        assistant.embedder.embed(["warm up"])  # load the model and the index before the first visitor
        records = assistant.documents()
        if earlier := read_earlier(records):
            print(
                f"Note: {earlier} of the {len(records)} documents were indexed by an earlier version of the "
                "reading code; `make index` reads them again (answers and the directory may differ until then)"
            )
        documents = len(records)
        app = serve(assistant, block=False)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the port is taken, or the address cannot be bound
        reason = "the port is in use (choose another with --port)" if "empty port" in str(exc) else exc.strerror or exc
        print(f"error: cannot serve on {settings.host}:{settings.port}: {reason}", file=sys.stderr)
        return 1
    print(
        f"Partnership Assistant: {documents} documents; ready in {time.perf_counter() - started:.1f} s "
        f"on http://{settings.host}:{settings.port}",
        flush=True,
    )
    # prepare "what exists" answers in the background, so the first such question is quick too
    threading.Thread(target=assistant.coverage, args=("warm up",), daemon=True).start()
    app.block_thread()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
