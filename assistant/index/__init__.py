"""Index stores, picked by name from a small registry (``faiss`` is the default)."""

from __future__ import annotations

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.index.base import IndexedDocument, Store
from assistant.index.manifest import DocumentRecord, Manifest, read_manifest

__all__ = ["DocumentRecord", "IndexedDocument", "Manifest", "Store", "make_store", "read_manifest"]


def make_store(settings: Settings) -> Store:
    """The store the settings name (not yet loaded)."""
    if settings.store == "faiss":
        from assistant.index.faiss_store import FaissStore

        return FaissStore(settings.index_dir, settings.index_type, settings.approx_threshold, settings.ivf_nprobe)
    raise ConfigError(f"unknown store {settings.store!r} (available: faiss)")
