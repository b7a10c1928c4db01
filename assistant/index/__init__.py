"""Index stores, picked by name from a small registry (``faiss`` is the default)."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.index.base import IndexedDocument, Store
from assistant.index.manifest import DocumentRecord, Manifest, read_manifest

__all__ = ["DocumentRecord", "IndexedDocument", "Manifest", "Store", "make_store", "milvus_uri", "read_manifest"]


def make_store(settings: Settings) -> Store:
    """The store the settings name (not yet loaded)."""
    if settings.store == "faiss":
        from assistant.index.faiss_store import FaissStore

        return FaissStore(settings.index_dir, settings.index_type, settings.approx_threshold, settings.ivf_nprobe)
    if settings.store == "milvus":
        from assistant.index.milvus import MilvusStore

        return MilvusStore(milvus_uri(settings), settings.milvus_token, settings.milvus_prefix)
    raise ConfigError(f"unknown store {settings.store!r} (available: faiss, milvus)")


def milvus_uri(settings: Settings) -> str:
    """The Milvus address the settings name: a server URL, or a milvus-lite file (default in index_dir)."""
    from assistant.index.milvus import is_server

    uri = settings.milvus_uri.strip()
    if is_server(uri):
        return uri
    path = Path(uri).expanduser() if uri else Path(settings.index_dir) / "milvus.db"
    return str(path.resolve())
