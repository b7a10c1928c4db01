"""The web app's front door: what a request may reach, and which files it may name.

Every request is untrusted, forged by hand as easily as sent by our page. This ASGI middleware
sits in front of Gradio and

- serves only an allowlist of routes: the page and its assets, Gradio's event, upload and
  file routes, the originals of indexed documents and the document viewer; everything else (Gradio's URL proxy,
  monitoring, vibe-editing and run-history routes, ...) answers 404;
- gives each browser a random client cookie and remembers which files each client uploaded;
- refuses, before Gradio reads it, any event whose data names a file (a Gradio FileData, in a
  chat message or a file input) that this client did not upload itself, so no request can
  make the server copy or serve one of its own files;
- caps the size of event bodies.

Gradio's own checks run as well (the app is started with ``Blocks.launch``); this is the layer
that knows which client is asking. See docs/security.md.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import unquote

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CLIENT_COOKIE = "pa_client"
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{32}$")
MAX_EVENT_BYTES = 1_000_000

# Exact paths and path prefixes the page and gradio_client use; anything else is 404.
_OPEN_PATHS = {
    "/",
    "/config",
    "/config/",
    "/info",
    "/info/",
    "/theme.css",
    "/robots.txt",
    "/favicon.ico",
    "/manifest.json",
    "/gradio_api/info",
    "/gradio_api/info/",
    "/gradio_api/config",
    "/gradio_api/config/",
    "/gradio_api/theme.css",
    "/gradio_api/openapi.json",
    "/gradio_api/startup-events",
    "/gradio_api/app_id",
    "/gradio_api/queue/join",
    "/gradio_api/queue/data",
    "/gradio_api/upload",
    "/gradio_api/upload_progress",
    "/gradio_api/cancel",
    "/gradio_api/reset",
}
_OPEN_PREFIXES = (
    "/assets/",
    "/static/",
    "/svelte/",
    "/gradio_api/heartbeat/",
    "/gradio_api/call/",
    "/gradio_api/run/",
    "/gradio_api/api/",
    "/gradio_api/file=",
    "/documents/",
    "/view/",
)
# Routes that start an event: their JSON bodies are checked for file references.
_EVENT_PREFIXES = ("/gradio_api/queue/join", "/gradio_api/call/", "/gradio_api/run/", "/gradio_api/api/")


def route_allowed(method: str, path: str) -> bool:
    """Whether a request for ``path`` may reach the app at all."""
    if method not in ("GET", "HEAD", "POST", "OPTIONS"):
        return False
    if path in _OPEN_PATHS or path.startswith(_OPEN_PREFIXES):
        return ".." not in unquote(path) or path == "/"
    return False


class UploadRegistry:
    """The files each browser client uploaded, so no client can name another's or the server's.

    Bounded: at most ``max_clients`` clients and ``max_files`` files per client are remembered
    (oldest forgotten first), each for ``ttl`` seconds.
    """

    def __init__(self, max_clients: int = 10_000, max_files: int = 500, ttl: float = 24 * 3600) -> None:
        self._clients: OrderedDict[str, OrderedDict[str, float]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_clients, self.max_files, self.ttl = max_clients, max_files, ttl

    def add(self, client: str, paths: list[str]) -> None:
        """Remember files that ``client`` has just uploaded."""
        now = time.monotonic()
        with self._lock:
            files = self._clients.setdefault(client, OrderedDict())
            self._clients.move_to_end(client)
            for path in paths:
                files[_normal(path)] = now
                files.move_to_end(_normal(path))
            while len(files) > self.max_files:
                files.popitem(last=False)
            while len(self._clients) > self.max_clients:
                self._clients.popitem(last=False)

    def owns(self, client: str | None, path: str) -> bool:
        """Whether ``client`` uploaded the file at ``path`` (and recently enough)."""
        if not client:
            return False
        with self._lock:
            stamp = self._clients.get(client, {}).get(_normal(path))
        return stamp is not None and time.monotonic() - stamp < self.ttl


def _normal(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def file_references(data: Any) -> Iterator[str]:
    """Every file path an event's data names: ``path`` of any object (FileData or look-alike)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key in ("path", "url"):
                value = item.get(key)
                if key == "path" and isinstance(value, str):
                    yield value
                elif key == "url" and isinstance(value, str) and "/file=" in value:
                    yield unquote(value.split("/file=", 1)[1])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class RequestGuard:
    """ASGI middleware: the route allowlist, client cookies, upload ownership, body limits."""

    def __init__(
        self,
        app: ASGIApp,
        uploads: UploadRegistry,
        file_root: Path,
        accept_uploads: bool = True,
        max_event_bytes: int = MAX_EVENT_BYTES,
        arity: dict[str | int, int] | None = None,
    ) -> None:
        self.app = app
        self.arity = arity or {}
        self.uploads = uploads
        self.file_root = os.path.realpath(file_root)
        self.accept_uploads = accept_uploads
        self.max_event_bytes = max_event_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "websocket":  # the app uses none
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        client, is_new = _client_of(scope)
        scope.setdefault("state", {})["client_id"] = client
        send = _with_cookie(send, client) if is_new else send
        if not route_allowed(method, path) or not self._servable(path):
            await _refuse(send, 404, "Not found.")
            return
        if method == "POST" and path == "/gradio_api/upload":
            if not self.accept_uploads:
                _log_refusal(scope, "an upload, but uploads are switched off")
                await _refuse(send, 403, "Uploads are switched off on this server.")
                return
            await self.app(scope, receive, self._recording_uploads(send, client))
            return
        if method == "POST" and path.startswith(_EVENT_PREFIXES):
            body = await _read_body(receive, self.max_event_bytes)
            if body is None:
                _log_refusal(scope, "an event body over the size limit")
                await _refuse(send, 413, "The request is too large.")
                return
            if reason := self._foreign_file(body, client):
                _log_refusal(scope, reason)
                await _refuse(send, 403, "A file in this request was not uploaded by this browser.")
                return
            receive = _replay(self._padded(path, body), receive)
        await self.app(scope, receive, send)

    def _servable(self, path: str) -> bool:
        """Gradio's file route serves only files in its upload folder: never a URL (its proxy)."""
        if not path.startswith("/gradio_api/file="):
            return True
        target = unquote(path[len("/gradio_api/file=") :])
        if "://" in target or target.startswith("//"):
            return False
        return os.path.realpath(target).startswith(self.file_root + os.sep)

    def _foreign_file(self, body: bytes, client: str) -> str | None:
        try:
            data = json.loads(body or b"null")
        except (ValueError, UnicodeDecodeError):
            return None  # Gradio answers malformed JSON itself, without reading any file
        for path in file_references(data):
            if not self.uploads.owns(client, path):
                return f"a file this client did not upload ({path[:120]!r})"
        return None

    def _padded(self, path: str, body: bytes) -> bytes:
        """The body with missing trailing inputs given as null, so every optional input is optional."""
        try:
            payload = json.loads(body or b"null")
        except (ValueError, UnicodeDecodeError):
            return body
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
            return body
        key = payload.get("fn_index") if path.startswith("/gradio_api/queue/join") else path.rstrip("/").split("/")[-1]
        wanted = self.arity.get(key) if isinstance(key, str | int) else None
        if wanted is None or len(payload["data"]) >= wanted:
            return body
        payload["data"] = payload["data"] + [None] * (wanted - len(payload["data"]))
        return json.dumps(payload).encode()

    def _recording_uploads(self, send: Send, client: str) -> Send:
        """Wraps ``send`` to remember the paths Gradio's upload route answers with."""
        chunks: list[bytes] = []
        status = [0]

        async def recording(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "http.response.body" and status[0] == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self._register(b"".join(chunks), client)
            await send(message)

        return recording

    def _register(self, body: bytes, client: str) -> None:
        try:
            paths = json.loads(body)
        except ValueError:
            return
        if isinstance(paths, list):
            self.uploads.add(client, [p for p in paths if isinstance(p, str)])


def _client_of(scope: Scope) -> tuple[str, bool]:
    """The client id from the request's cookie, or a new one (and whether it is new)."""
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:
                continue
            morsel = cookie.get(CLIENT_COOKIE)
            if morsel is not None and _CLIENT_ID.match(morsel.value):
                return morsel.value, False
    return secrets.token_urlsafe(24), True


def _with_cookie(send: Send, client: str) -> Send:
    header = f"{CLIENT_COOKIE}={client}; Path=/; HttpOnly; SameSite=Strict".encode()

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", header)]}
        await send(message)

    return sending


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None once it passes ``limit`` bytes."""
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(parts)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = [False]

    async def replaying() -> Message:
        if not sent[0]:
            sent[0] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replaying


async def _refuse(send: Send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"x-content-type-options", b"nosniff")],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


def _log_refusal(scope: Scope, what: str) -> None:
    host = (scope.get("client") or ("?", 0))[0]
    logger.warning("refused %s %s from %s: %s", scope["method"], scope["path"][:80], host, what)


def upload_folder() -> Path:
    """Where Gradio keeps uploaded files (GRADIO_TEMP_DIR, or a folder in the system's temp)."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder())
