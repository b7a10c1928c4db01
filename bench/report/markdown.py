"""Markdown pieces every section uses: tables and collection sizes."""

from __future__ import annotations

from typing import Any


def count(n: int) -> str:
    """1000 as '1k', 1000000 as '1M'."""
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n >= 1000 else str(n)


def table(headers: list[str], rows: list[Any]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
