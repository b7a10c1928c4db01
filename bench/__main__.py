"""Run the benchmarks and write docs/benchmarks.md (what ``make bench`` does).

    python -m bench --council ../shared/data/council_docs            # everything
    python -m bench --only query --sizes 1000,10000 --repeats 1     # a quick look while developing
    python -m bench --only milvus --council ../shared/data/council_docs  # the Milvus rows alone
    python -m bench --only report                                   # rewrite the report from saved results

Each step saves bench/results/STEP.json (with the machine), so steps can be rerun alone and the
report regenerated; synthetic collections are cached under bench/results/collections/.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bench import common
from bench.common import RESULTS, SEED_CORPUS, log

STEPS = ("backends", "ingest", "query", "startup", "peer", "milvus", "report")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    steps = args.only.split(",") if args.only else list(STEPS)
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise SystemExit(f"unknown step(s) {', '.join(sorted(unknown))}; choose from {', '.join(STEPS)}")
    council = [args.council] if args.council else []
    if args.council and not args.council.is_dir():
        raise SystemExit(f"{args.council} is not a folder of documents")
    started = time.perf_counter()
    log(f"machine: {common.machine_line(common.machine())}")
    for step in steps:
        if step == "report":
            continue
        log(f"step {step}")
        globals()[f"_{step}"](args, council)
    from bench import report

    path = report.write()
    log(f"wrote {path} in {time.perf_counter() - started:.0f} s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run the benchmarks and write the report.")
    parser.add_argument("--council", type=Path, help="a folder of real documents (e.g. ../shared/data/council_docs)")
    parser.add_argument("--only", help=f"comma-separated steps ({', '.join(STEPS)}); default: all")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="collection sizes, in chunks")
    parser.add_argument("--kinds", default="flat,ivf,hnsw", help="FAISS index types")
    parser.add_argument("--milvus-sizes", default="10000,100000", help="collection sizes for the Milvus rows")
    parser.add_argument("--repeats", type=int, default=3, help="repeated runs per figure (medians are reported)")
    parser.add_argument("--backend", help="embedding backend to serve with (default: the embedding_backend setting)")
    return parser


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from assistant.config import Settings

    settings = Settings.from_env()
    return settings.replace(embedding_backend=args.backend) if args.backend else settings


def _embedder(args: argparse.Namespace, backend: str | None = None):  # type: ignore[no-untyped-def]
    from assistant.embedding import load_embedder

    s = _settings(args)
    return load_embedder(s.model, s.device, s.embed_batch_size, backend or s.embedding_backend)


def _corpora(council: list[Path]) -> list[tuple[str, list[Path]]]:
    corpora = [("seed corpus", [SEED_CORPUS])]
    if council:
        corpora.append(("council PDFs", council))
    return corpora


def _backends(args: argparse.Namespace, council: list[Path]) -> None:
    from assistant.embedding import default_cache_dir
    from bench import backends
    from bench.ingest import chunk_texts

    pool = _pool_indexes(args, council)
    texts = [t for index_dir in pool for t in chunk_texts(index_dir)][:600]
    spans = _spans(pool)[: len(texts)]
    common.save("backends", backends.run(texts, spans, args.repeats, default_cache_dir()))


def _ingest(args: argparse.Namespace, council: list[Path]) -> None:
    from bench import ingest

    settings = _settings(args)
    runs = []
    for backend in dict.fromkeys([settings.embedding_backend, "torch"]):
        embedder = _embedder(args, backend)
        # the default backend carries the target; torch, for reference, gets one run per corpus;
        # the seed corpus takes seconds, so it gets five times the runs to steady its median
        repeats = args.repeats if backend == settings.embedding_backend else 1
        for name, paths in _corpora(council):
            runs.append(ingest.run(name, paths, embedder, settings, repeats * (5 if paths == [SEED_CORPUS] else 1)))
    common.save("ingest", {"runs": runs})


def _query(args: argparse.Namespace, council: list[Path]) -> None:
    from bench import query
    from bench.synthetic import load_pool

    settings = _settings(args)
    pool = load_pool(_pool_indexes(args, council))
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = args.kinds.split(",")
    result = query.run(pool, sizes, kinds, _embedder(args), settings, args.repeats, settings.embedding_backend)
    result["pool"] = {"real_chunks": pool.real_chunks, "sentences": len(pool.sentences)}
    previous = common.load("query")
    if previous and previous.get("backend") == result["backend"]:  # keep sizes measured by earlier runs
        measured = {(r["size"], r["kind"]) for r in result["rows"]}
        result["rows"] += [r for r in previous["rows"] if (r["size"], r["kind"]) not in measured]
        result["rows"].sort(key=lambda r: (r["size"], query.KINDS.index(r["kind"])))
    common.save("query", result)


def _startup(args: argparse.Namespace, council: list[Path]) -> None:
    from bench import startup

    default = _settings(args).embedding_backend
    common.save("startup", startup.run(list(dict.fromkeys(["torch", default])), args.repeats))


def _peer(args: argparse.Namespace, council: list[Path]) -> None:
    from bench import peer

    runs = []
    for name, paths in _corpora(council):
        runs.append(peer.run(name, paths, _embedder(args), args.repeats))
        if council and name == "seed corpus":
            runs.append(peer.run("seed corpus + council PDFs", [SEED_CORPUS, *council], _embedder(args), args.repeats))
            break
    common.save("peer", {"runs": runs})


def _milvus(args: argparse.Namespace, council: list[Path]) -> None:
    from bench import milvus
    from bench.synthetic import load_pool

    settings = _settings(args)
    embedder = _embedder(args)
    ingest = [
        milvus.ingest(name, paths, embedder, settings, args.repeats if paths == [SEED_CORPUS] else 1)
        for name, paths in _corpora(council)
    ]
    pool = load_pool(_pool_indexes(args, council))
    sizes = [int(s) for s in args.milvus_sizes.split(",")]
    rows = milvus.query(pool, sizes, settings, args.repeats, settings.embedding_backend)
    common.save("milvus", {"ingest": ingest, "query": rows, "backend": settings.embedding_backend})


def _pool_indexes(args: argparse.Namespace, council: list[Path]) -> list[Path]:
    """Indexes of the seed corpus and the council PDFs (built once, cached): the real material."""
    from assistant.pipeline import Assistant

    settings = _settings(args)
    indexes = []
    for name, paths in _corpora(council):
        index_dir = RESULTS / "pool" / f"{name.split()[0]}-{settings.embedding_backend}"
        assistant = Assistant(settings.replace(index_dir=index_dir), embedder=_embedder(args))
        if not assistant.has_index():
            log(f"indexing the {name} for the synthetic collections")
            assistant.index(paths)
        indexes.append(index_dir)
    return indexes


def _spans(index_dirs: list[Path]) -> list[list[tuple[int, int]]]:
    from assistant.chunking import passage_header
    from assistant.index.chunkstore import ChunkReader
    from assistant.index.manifest import read_manifest

    spans = []
    for index_dir in index_dirs:
        manifest = read_manifest(index_dir)
        reader = ChunkReader(index_dir / f"gen-{manifest.generation:06d}" / "chunks.sqlite")
        for record in sorted(manifest.documents.values(), key=lambda r: r.first_row):
            for stored in reader.document_chunks(record.info.doc_id):
                shift = len(passage_header(record.info.title, stored.chunk.section)) + 1
                spans.append([(s + shift, e + shift) for s, e in stored.chunk.sentences])
        reader.close()
    return spans


if __name__ == "__main__":
    raise SystemExit(main())
