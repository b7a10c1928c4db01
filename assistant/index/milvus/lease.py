"""The Milvus store's writer lock: a lease in one row of ``<prefix>_meta``, kept by a heartbeat.

Milvus has no locks and no compare-and-swap. A writer writes its lease only when no live one is
there, then reads it back after a pause: of two writers racing for a free lease, the one whose
write landed last keeps it and the other is refused. A heartbeat thread renews the lease four
times per ``LEASE_SECONDS``; a lease not renewed for that long (its writer died) is taken over,
and the writer whose lease was taken over has its commit refused (:meth:`MilvusLease.check`).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from assistant.index.writer_lock import Holder, busy_error

logger = logging.getLogger(__name__)

LEASE_SECONDS = 120.0  # a lease not renewed for this long belongs to a dead writer
SETTLE_SECONDS = 0.25  # between writing a lease and reading it back


class MilvusLease:
    """The writer lease of one index, read and written as one text value."""

    def __init__(self, read: Callable[[], str], write: Callable[[str], None], where: str) -> None:
        self._read = read
        self._write = write
        self.where = where

    @contextmanager
    def held(self, action: str) -> Iterator[Holder]:
        """Take the lease for the block and renew it until the block ends.

        Raises:
            IndexBusy: at once, when another writer holds a live lease or won the race for it.
        """
        holder = self._take(action)
        stop = threading.Event()
        heartbeat = threading.Thread(target=self._renew, args=(holder, stop), name="milvus-lease", daemon=True)
        heartbeat.start()
        try:
            yield holder
        finally:
            stop.set()
            heartbeat.join()
            self._release(holder)

    def check(self, holder: Holder) -> None:
        """Raise IndexBusy unless ``holder`` still holds the lease (it lapses if the writer was
        stopped for longer than LEASE_SECONDS, and another may have taken it)."""
        current = self.current()
        if current is None or current[0] is None or current[0].token != holder.token:
            raise busy_error(self.where, current[0] if current else None)

    def current(self) -> tuple[Holder | None, float] | None:
        """The holder (None when written in a form this version does not read) and when it last
        renewed the lease; None when nobody holds it."""
        value = self._read()
        if not value:
            return None
        try:
            data = json.loads(value)
            return Holder.from_json(data["holder"]), float(data["renewed"])
        except (ValueError, KeyError, TypeError):  # an earlier version's "host:pid:thread@since"
            owner, _, since = value.rpartition("@")
            host, _, rest = owner.partition(":")
            pid = rest.partition(":")[0]
            renewed = float(since) if since.replace(".", "", 1).isdigit() else 0.0
            return Holder(host, int(pid) if pid.isdigit() else 0, "", "", renewed, owner), renewed

    def _take(self, action: str) -> Holder:
        current = self.current()
        if current is not None and time.time() - current[1] < LEASE_SECONDS:
            lapse = f"a writer that died loses its lease {LEASE_SECONDS:.0f} s after its last renewal"
            raise busy_error(self.where, current[0], lapse)
        holder = Holder.here(action)
        self._store(holder)
        time.sleep(SETTLE_SECONDS)
        self.check(holder)
        return holder

    def _store(self, holder: Holder) -> None:
        self._write(json.dumps({"holder": holder.to_json(), "renewed": time.time()}))

    def _renew(self, holder: Holder, stop: threading.Event) -> None:
        while not stop.wait(LEASE_SECONDS / 4):
            try:
                current = self.current()
                if current is None or current[0] is None or current[0].token != holder.token:
                    logger.warning("another writer took over the Milvus writer lease: this run's commit will fail")
                    return
                self._store(holder)
            except Exception:  # a server hiccup: the next beat tries again
                logger.warning("could not renew the Milvus writer lease", exc_info=True)

    def _release(self, holder: Holder) -> None:
        try:
            current = self.current()
            if current is not None and current[0] is not None and current[0].token == holder.token:
                self._write("")
        except Exception:  # the lease lapses on its own
            logger.warning("could not release the Milvus writer lease")
