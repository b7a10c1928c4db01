"""The chunk store: chunk texts, positions and sentence vectors in SQLite, keyed by row.

A committed generation's database is never written again, so readers open it read-only and
immutable, one connection per thread.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import IndexStoreError
from assistant.types import Chunk

_SCHEMA = """
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    page INTEGER,
    section TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentences TEXT NOT NULL,
    sentence_vectors BLOB
);
CREATE INDEX chunks_by_doc ON chunks (doc_id, ordinal);
CREATE TABLE directory (doc_id TEXT PRIMARY KEY, entries TEXT NOT NULL);
"""
_COLUMNS = "row, doc_id, ordinal, page, section, char_start, char_end, text, sentences, sentence_vectors"


@dataclass(frozen=True, eq=False)
class StoredChunk:
    """A chunk read back from the store, with its row and its sentence vectors (or None)."""

    row: int
    chunk: Chunk
    sentence_vectors: np.ndarray | None


class ChunkWriter:
    """Writes a new generation's chunk database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)

    def add(self, row: int, chunk: Chunk, sentence_vectors: np.ndarray | None) -> None:
        self._db.execute(
            f"INSERT INTO chunks ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", _encode(row, chunk, sentence_vectors)
        )

    def add_directory(self, doc_id: str, entries: dict[str, object]) -> None:
        """Store the directory entries extracted from one document (see assistant.directory)."""
        self._db.execute("INSERT INTO directory (doc_id, entries) VALUES (?, ?)", (doc_id, json.dumps(entries)))

    def copy_document(self, source: Path, doc_id: str, first_row: int) -> int:
        """Copy one document's chunks (and directory entries) from an older generation,
        renumbering rows from ``first_row``."""
        self._db.execute("ATTACH DATABASE ? AS old", (f"file:{source}?mode=ro&immutable=1",))
        try:
            has_directory = self._db.execute(
                "SELECT 1 FROM old.sqlite_master WHERE type = 'table' AND name = 'directory'"
            ).fetchone()
            if has_directory:
                self._db.execute("INSERT INTO directory SELECT * FROM old.directory WHERE doc_id = ?", (doc_id,))
            cursor = self._db.execute(
                f"INSERT INTO chunks ({_COLUMNS}) SELECT ? + ordinal_rank, doc_id, ordinal, page, section, "
                "char_start, char_end, text, sentences, sentence_vectors FROM ("
                "SELECT *, ROW_NUMBER() OVER (ORDER BY row) - 1 AS ordinal_rank FROM old.chunks WHERE doc_id = ?)",
                (first_row, doc_id),
            )
            self._db.commit()
            return cursor.rowcount
        finally:
            self._db.execute("DETACH DATABASE old")

    def close(self) -> None:
        self._db.commit()
        self._db.close()


class ChunkReader:
    """Reads a committed generation's chunk database (thread-safe)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise IndexStoreError(f"the chunk store {path} is missing: rebuild the index")
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def fetch(self, rows: Sequence[int]) -> list[StoredChunk]:
        """Chunks for ``rows``, in the order asked (unknown rows are left out)."""
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        found = {
            r[0]: _decode(r)
            for r in self._connection().execute(f"SELECT {_COLUMNS} FROM chunks WHERE row IN ({marks})", list(rows))
        }
        return [found[r] for r in rows if r in found]

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        """Every chunk of a document, in reading order."""
        cursor = self._connection().execute(
            f"SELECT {_COLUMNS} FROM chunks WHERE doc_id = ? ORDER BY ordinal", (doc_id,)
        )
        return [_decode(r) for r in cursor]

    def directory_entries(self) -> list[dict[str, object]]:
        """Every document's stored directory entries."""
        cursor = self._connection().execute("SELECT entries FROM directory ORDER BY doc_id")
        return [json.loads(entries) for (entries,) in cursor]

    def document_directory(self, doc_id: str) -> dict[str, object] | None:
        """One document's stored directory entries (None when it has none)."""
        row = self._connection().execute("SELECT entries FROM directory WHERE doc_id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def texts(self) -> Iterator[tuple[int, str, tuple[str, ...], str]]:
        """(row, doc_id, section, text) for every chunk, in row order."""
        for row, doc_id, section, text in self._connection().execute(
            "SELECT row, doc_id, section, text FROM chunks ORDER BY row"
        ):
            yield row, doc_id, tuple(json.loads(section)), text

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


def _encode(row: int, chunk: Chunk, vectors: np.ndarray | None) -> tuple[object, ...]:
    blob = None if vectors is None else np.asarray(vectors, dtype=np.float16).tobytes()
    return (
        row,
        chunk.doc_id,
        chunk.ordinal,
        chunk.page,
        json.dumps(list(chunk.section), ensure_ascii=False),
        chunk.char_start,
        chunk.char_end,
        chunk.text,
        json.dumps([list(s) for s in chunk.sentences]),
        blob,
    )


def _decode(record: Iterable[object]) -> StoredChunk:
    row, doc_id, ordinal, page, section, start, end, text, sentences, blob = record
    spans = tuple(tuple(s) for s in json.loads(sentences))  # type: ignore[arg-type]
    chunk = Chunk(doc_id, ordinal, text, page, tuple(json.loads(section)), start, end, spans)  # type: ignore[arg-type]
    vectors = None
    if blob is not None and spans:
        vectors = np.frombuffer(blob, dtype=np.float16).reshape(len(spans), -1)  # type: ignore[arg-type]
    return StoredChunk(row, chunk, vectors)  # type: ignore[arg-type]
