"""Milvus boolean expressions built from values safely: a value can never change the expression."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dates import date_bounds
from assistant.errors import ConfigError
from assistant.types import Filters


def quote(value: str) -> str:
    """A Milvus string literal for ``value``: a filter value can never change the expression.

    Raises:
        ConfigError: for control characters, which no filter value needs.
    """
    if any(ord(c) < 32 for c in value):
        raise ConfigError("filter values cannot contain control characters")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def filter_expression(filters: Filters | None) -> str:
    """The Milvus boolean expression for document filters ('' when there are none)."""
    if filters is None or filters.is_empty():
        return ""
    parts = []
    for field, values in (
        ("doc_type", filters.doc_types),
        ("organisation_key", filters.organisations),
        ("doc_id", filters.doc_ids),
    ):
        if values:
            wanted = [v if field == "doc_id" else v.lower() for v in values]
            parts.append(f"{field} in [{', '.join(quote(v) for v in wanted)}]")
    if filters.since or filters.until:  # as dates.in_range: a range never matches undated documents
        dated = ['date_start != ""']
        if since := date_bounds(filters.since):
            dated.append(f"date_end >= {quote(since[0])}")
        if until := date_bounds(filters.until):
            dated.append(f"date_start <= {quote(until[1])}")
        parts.append(" and ".join(dated))
    return " and ".join(f"({p})" for p in parts)


def rows_filter(rows: Sequence[int]) -> str:
    """The expression matching chunks by row (primary key)."""
    return f"pk in [{', '.join(str(int(r)) for r in rows)}]"


def one_of(field: str, values: Sequence[str]) -> str:
    """The expression matching records whose ``field`` is one of ``values``."""
    return f"{field} in [{', '.join(quote(v) for v in values)}]"
