"""What both stores' writer locks share: who holds one, the refusal, the commit-time check.

One writer at a time holds an index's lock, from reading the manifest to the commit; another
is refused at once with :class:`IndexBusy`, saying who holds it. Behind the lock, a commit
whose base is not the committed generation is refused (:class:`IndexChanged`), so no run can
overwrite documents another run added since it read the manifest.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.errors import IndexBusy, IndexChanged
from assistant.index.manifest import Manifest


@dataclass(frozen=True)
class Holder:
    """The writer that holds a lock: enough for a refused writer to say whom it ran into."""

    host: str
    pid: int
    command: str
    action: str
    since: float
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def here(cls, action: str) -> Holder:
        """This process, about to do ``action`` ("index", "remove documents", ...)."""
        words = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
        command = " ".join(" ".join(words).split())  # one line, whatever the arguments hold
        return cls(socket.gethostname(), os.getpid(), command[:200], action, time.time())

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        """The holder written by :meth:`to_json` (None for an empty or foreign value)."""
        try:
            data = json.loads(text)
            return cls(
                str(data["host"]),
                int(data["pid"]),
                data["command"],
                data["action"],
                float(data["since"]),
                data["token"],
            )
        except (ValueError, KeyError, TypeError):
            return None

    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def describe(self) -> str:
        """``pid 4242 on host (`assistant index big/`, index) since 2025-06-01 14:03:22``."""
        doing = ", ".join(part for part in (f"`{self.command}`" if self.command else "", self.action) if part)
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.since))
        return f"pid {self.pid} on {self.host}{f' ({doing})' if doing else ''} since {since}"


def busy_error(where: str, holder: Holder | None, note: str = "") -> IndexBusy:
    """The one-line refusal of a second writer of ``where`` ("the index in index/")."""
    again = f"try again when it finishes{f' ({note})' if note else ''}"
    if holder is None:
        return IndexBusy(f"another process is writing {where}; {again}")
    who = "another writer in this process" if holder.is_this_process() else "another process"
    return IndexBusy(f"{who} is writing {where}: {holder.describe()}; {again}")


def check_base(base: Manifest, committed: int, where: str) -> None:
    """Refuse a commit whose base is not the committed generation (0: no index yet).

    Raises:
        IndexChanged: another writer committed after this run read its base.
    """
    if base.generation != committed:
        raise IndexChanged(
            f"{where} changed while this run was working (generation {base.generation} is now {committed}); "
            "nothing was written: run it again"
        )
