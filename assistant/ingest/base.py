"""What every loader returns: pages of clean text plus the metadata the file itself carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.types import Page


@dataclass
class Extracted:
    """A loader's output: pages, and metadata hints (title, date, doc_type, organisation, origin)."""

    pages: list[Page]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def text_length(self) -> int:
        return sum(len(page.text.strip()) for page in self.pages)
