"""Feedback on answers: thumbs up or down with an optional comment, kept in SQLite."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL
)
"""
MAX_COMMENT_CHARS = 2000
EXPORT_SUFFIXES = (".csv", ".jsonl", ".json")
_CSV_COLUMNS = ("id", "created_at", "rating", "comment", "question", "answer", "citations")
# a cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP, "CSV Injection"): =HYPERLINK(...) in a comment would run when the export is opened
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class FeedbackRecord:
    """One piece of feedback as stored."""

    id: int
    created_at: str
    rating: int
    comment: str
    question: str
    answer: str
    citations: list[dict[str, Any]]


class FeedbackStore:
    """Feedback records in ``feedback.sqlite`` under the data directory (thread-safe)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / "feedback.sqlite"
        self._lock = threading.Lock()

    def add(self, rating: int, question: str, answer: str, citations: list[dict[str, Any]], comment: str = "") -> int:
        """Store feedback on an answer; returns its id.

        Raises:
            ConfigError: when the rating is not +1 or -1.
        """
        if rating not in (1, -1):
            raise ConfigError("a rating is +1 (helpful) or -1 (not helpful)")
        row = (
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            rating,
            comment.strip()[:MAX_COMMENT_CHARS],
            question,
            answer,
            json.dumps(citations, ensure_ascii=False),
        )
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, citations) VALUES (?,?,?,?,?,?)",
                row,
            )
            db.commit()
            return int(cursor.lastrowid or 0)

    def update(self, feedback_id: int, rating: int, comment: str | None = None) -> bool:
        """Change a stored rating, and its comment unless ``comment`` is None; False if there is no such record.

        Raises:
            ConfigError: when the rating is not +1 or -1.
        """
        if rating not in (1, -1):
            raise ConfigError("a rating is +1 (helpful) or -1 (not helpful)")
        with self._lock, self._connect() as db:
            if comment is None:
                cursor = db.execute("UPDATE feedback SET rating = ? WHERE id = ?", (rating, feedback_id))
            else:
                note = comment.strip()[:MAX_COMMENT_CHARS]
                cursor = db.execute(
                    "UPDATE feedback SET rating = ?, comment = ? WHERE id = ?", (rating, note, feedback_id)
                )
            db.commit()
            return cursor.rowcount > 0

    def records(self) -> list[FeedbackRecord]:
        """Every record, oldest first."""
        if not self.path.exists():
            return []
        with self._lock, self._connect() as db:
            rows = db.execute(
                "SELECT id, created_at, rating, comment, question, answer, citations FROM feedback ORDER BY id"
            ).fetchall()
        return [FeedbackRecord(*row[:6], json.loads(row[6])) for row in rows]

    def export(self, path: Path) -> int:
        """Write every record to ``path``: CSV for .csv, a JSON array for .json, JSON lines for .jsonl.

        Text cells of the CSV that a spreadsheet would read as a formula are neutralised (see
        :func:`csv_cell`).

        Raises:
            ConfigError: for any other suffix (nothing is written).
        """
        suffix = path.suffix.lower()
        if suffix not in EXPORT_SUFFIXES:
            known = ", ".join(EXPORT_SUFFIXES[:-1]) + " or " + EXPORT_SUFFIXES[-1]
            raise ConfigError(f"unknown export format '{suffix or 'no suffix'}': the feedback export writes {known}")
        records = self.records()
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".csv":
            with path.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(_CSV_COLUMNS)
                for r in records:
                    row = [r.id, r.created_at, r.rating, r.comment, r.question, r.answer, json.dumps(r.citations)]
                    writer.writerow([csv_cell(cell) if isinstance(cell, str) else cell for cell in row])
        elif suffix == ".json":
            path.write_text(json.dumps([asdict(r) for r in records], ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            path.write_text(
                "".join(json.dumps(asdict(r), ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
            )
        return len(records)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            db.execute(_SCHEMA)
            yield db
        finally:
            db.close()


def csv_cell(text: str) -> str:
    """``text`` safe for a spreadsheet: prefixed with a single quote when it starts like a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
