"""Partnership Assistant: cited answers from a local strategic partnership's documents."""

from __future__ import annotations

__version__ = "0.1.0"
