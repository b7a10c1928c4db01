"""What the ``assistant`` commands share: the facade they open and the progress bar on standard error."""

from __future__ import annotations

import sys
from typing import Any

from assistant.config import Settings


def open_assistant(settings: Settings) -> Any:
    """The facade over the configured index (imported late: the CLI starts fast for --help)."""
    from assistant.pipeline import Assistant

    return Assistant(settings)


class ProgressBar:
    """A tqdm bar on standard error that follows the indexer's stages."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._stage = ""

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        if stage != self._stage:
            if self._bar is not None:
                self._bar.close()
            unit = "files" if stage == "reading" else "chunks" if stage == "embedding" else "step"
            self._bar = tqdm(total=total, desc=stage, unit=unit, file=sys.stderr, leave=False)
            self._stage = stage
        self._bar.total = total
        self._bar.n = done
        self._bar.refresh()
