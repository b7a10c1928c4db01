"""The index manifest: what was built, with what model and settings, from which files.

The manifest is the commit point of the index. A build writes a complete new generation
directory first and only then replaces ``manifest.json`` atomically; a crash at any moment
leaves the previous manifest pointing at the previous, intact generation.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import IndexMismatch, IndexNotFound, IndexStoreError
from assistant.types import DocumentInfo

FORMAT_VERSION = 2  # 2: the chunk store holds each document's directory entries
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class DocumentRecord:
    """A document as indexed: its metadata, content hash, where its chunks sit, and the fingerprint
    of the code that read it (:mod:`assistant.index.reader`; empty in indexes built before it was
    recorded)."""

    info: DocumentInfo
    content_hash: str
    first_row: int
    chunks: int
    pages: int
    reader: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self.info), **{k: v for k, v in asdict(self).items() if k != "info"}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentRecord:
        info_fields = DocumentInfo.__dataclass_fields__
        info = DocumentInfo(**{k: v for k, v in data.items() if k in info_fields})
        return cls(
            info, data["content_hash"], data["first_row"], data["chunks"], data.get("pages", 0), data.get("reader", "")
        )


@dataclass
class Manifest:
    """The description of one committed index generation.

    ``roots`` are the files and folders indexed; ``excluded`` are sources removed by hand, which
    later runs skip until the file is added again explicitly. ``embedding_backend`` is the
    backend that embedded the documents (empty in indexes built before it was recorded).
    """

    model: str
    dim: int
    chunking: dict[str, Any]
    generation: int = 0
    format_version: int = FORMAT_VERSION
    index_type: str = "flat"
    store: str = "faiss"
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    built_at: str = ""
    embedding_backend: str = ""

    @property
    def chunk_count(self) -> int:
        return sum(record.chunks for record in self.documents.values())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["documents"] = {doc_id: rec.to_json() for doc_id, rec in self.documents.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        documents = {doc_id: DocumentRecord.from_json(rec) for doc_id, rec in data.pop("documents", {}).items()}
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known, documents=documents)

    def check_compatible(self, model: str, dim: int | None, chunking: dict[str, Any]) -> None:
        """Raise :class:`IndexMismatch` unless this index can be extended with these settings."""
        if self.format_version != FORMAT_VERSION:
            raise IndexMismatch(
                f"the index uses format {self.format_version}, this version reads {FORMAT_VERSION}: "
                "run `assistant index --rebuild`"
            )
        if self.model != model or (dim is not None and self.dim != dim):
            raise IndexMismatch(
                f"the index was built with model {self.model!r} ({self.dim} dims), not {model!r}: "
                "run `assistant index --rebuild` to re-embed with the new model"
            )
        if self.chunking != chunking:
            raise IndexMismatch("the index was built with other chunking settings: run `assistant index --rebuild`")


def read_manifest(index_dir: Path) -> Manifest:
    """Read the committed manifest of an index directory.

    Raises:
        IndexNotFound: when nothing has been built there.
        IndexStoreError: when the manifest is unreadable.
    """
    path = index_dir / MANIFEST_NAME
    if not path.exists():
        raise IndexNotFound(f"no index in {index_dir}/: build one with `assistant index`")
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexStoreError(f"the index manifest {path} is unreadable ({exc}): rebuild the index") from exc


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    """Atomically replace the manifest (write, fsync, rename)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(manifest.to_json(), indent=1, ensure_ascii=False)
    handle, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=index_dir)
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, index_dir / MANIFEST_NAME)
        _fsync_dir(index_dir)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def describe_record(record: DocumentRecord) -> dict[str, object]:
    """A plain dict of a document's metadata and size, for listings."""
    info = record.info
    return {
        "doc_id": info.doc_id,
        "title": info.title,
        "date": info.date,
        "doc_type": info.doc_type,
        "organisation": info.organisation,
        "source": info.source,
        "origin": info.origin,
        "pages": record.pages,
        "chunks": record.chunks,
    }
