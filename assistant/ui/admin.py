"""The admin password: compared in constant time, failed attempts throttled per client."""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass
class _Failures:
    count: int
    last: float


class AdminGate:
    """Opens uploads and removals to whoever gives the admin password.

    A client (an IP address) may get the password wrong ``free_attempts`` times; after that
    each further attempt must wait twice as long as the one before (``base_delay`` seconds
    first, at most ``max_delay``), and attempts made sooner are refused without being
    checked. A right password clears the count. The password itself is never logged.
    """

    def __init__(
        self,
        password: str,
        free_attempts: int = 3,
        base_delay: float = 1.0,
        max_delay: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._digest = hashlib.sha256(password.encode()).digest() if password else None
        self.free_attempts, self.base_delay, self.max_delay = free_attempts, base_delay, max_delay
        self._clock = clock
        self._failures: OrderedDict[str, _Failures] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self._digest is not None

    def check(self, password: object, client: str) -> str | None:
        """None when ``password`` is right; else the one-line reason for refusing."""
        if self._digest is None:
            return "Uploads and removals are switched off: set ASSISTANT_ADMIN_PASSWORD to allow them."
        with self._lock:
            if wait := self._wait(client):
                logger.warning("admin password attempt from %s refused: throttled for %.0f s more", client, wait)
                return f"Too many wrong passwords: try again in {wait:.0f} s."
            given = hashlib.sha256(password.encode() if isinstance(password, str) else b"").digest()
            if hmac.compare_digest(given, self._digest):
                self._failures.pop(client, None)
                return None
            return self._fail(client)

    def _wait(self, client: str) -> float:
        """Seconds the client must still wait before its next attempt is checked."""
        failures = self._failures.get(client)
        if failures is None or failures.count < self.free_attempts:
            return 0.0
        delay = min(self.max_delay, self.base_delay * 2 ** (failures.count - self.free_attempts))
        return max(0.0, failures.last + delay - self._clock())

    def _fail(self, client: str) -> str:
        failures = self._failures.setdefault(client, _Failures(0, 0.0))
        failures.count, failures.last = failures.count + 1, self._clock()
        self._failures.move_to_end(client)
        while len(self._failures) > 10_000:
            self._failures.popitem(last=False)
        logger.warning("wrong admin password from %s (%d in a row)", client, failures.count)
        wait = self._wait(client)
        return "Wrong admin password." + (f" Wait {wait:.0f} s before trying again." if wait else "")
