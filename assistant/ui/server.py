"""Serving the web app: Gradio's own launch, behind the request guard, plus the documents route.

The app is started with ``Blocks.launch`` (not mounted into a server of our own) so Gradio's
file checks run: an event may only name files in Gradio's upload folder, and outputs are
checked against ``blocked_paths``. In front of it, :class:`~assistant.ui.guard.RequestGuard`
allows only the routes the page needs and refuses any file a client did not upload itself.
See docs/security.md.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.feedback import FeedbackStore
from assistant.pipeline import Assistant
from assistant.ui.admin import AdminGate
from assistant.ui.guard import RequestGuard, UploadRegistry, upload_folder
from assistant.ui.viewer import HEADERS, DocumentViewer

if TYPE_CHECKING:
    import gradio as gr

logger = logging.getLogger(__name__)

_SYSTEM_PATHS = ("/etc", "/proc", "/sys", "/dev", "/root", "/boot", "/var")


def serve(assistant: Assistant, feedback: FeedbackStore | None = None, block: bool = True) -> gr.Blocks:
    """Build the app and serve it on the settings' host and port (never a public share link).

    Args:
        assistant: the facade every handler calls.
        feedback: where ratings go (default: the data directory's feedback database).
        block: wait until interrupted; otherwise return the running app (``.close()`` stops it).

    Returns:
        The launched Blocks.
    """
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from fastapi.routing import APIRoute
    from starlette.middleware import Middleware

    from assistant.ui import build_app, theme
    from assistant.ui.style import CSS

    settings = assistant.settings
    uploads = UploadRegistry()
    gate = AdminGate(settings.admin_password)
    blocks = build_app(assistant, feedback, uploads=uploads, gate=gate)
    blocks.queue(default_concurrency_limit=4)
    guard = Middleware(
        RequestGuard,
        uploads=uploads,
        file_root=upload_folder(),
        accept_uploads=gate.enabled,
        arity=_arity(blocks),
    )
    viewer = DocumentViewer(assistant)
    routes = [
        APIRoute("/documents/{doc_id}", _original_route(assistant), methods=["GET", "HEAD"]),
        APIRoute("/view/{doc_id}", _viewer_route(viewer), methods=["GET", "HEAD"]),
        APIRoute("/view/{doc_id}/page/{number}", _page_image_route(viewer), methods=["GET", "HEAD"]),
    ]
    blocks.launch(
        server_name=settings.host,
        server_port=settings.port,
        share=False,
        prevent_thread_lock=True,
        quiet=True,
        show_error=False,
        allowed_paths=[],
        blocked_paths=blocked_paths(settings),
        max_file_size=f"{int(settings.max_file_mb)}mb",
        footer_links=["api"],
        app_kwargs={"routes": routes, "middleware": [guard]},
        ssr_mode=False,
        mcp_server=False,
        enable_monitoring=False,
        pwa=False,
        root_path=settings.root_path or None,
        css=CSS,
        theme=theme(),
    )
    if block:
        blocks.block_thread()
    return blocks


def _arity(blocks: gr.Blocks) -> dict[str | int, int]:
    """How many inputs each event takes, by its id and by its API name."""
    arity: dict[str | int, int] = {}
    for fn_id, fn in blocks.fns.items():
        arity[fn_id] = len(fn.inputs)
        if isinstance(fn.api_name, str):
            arity[fn.api_name] = len(fn.inputs)
    return arity


def blocked_paths(settings: Settings) -> list[str]:
    """What Gradio must never serve or copy: the index, data and corpus folders, the working
    directory, home and system folders (except any that hold Gradio's upload folder or the
    temporary directory the app writes its downloads to)."""
    candidates = [settings.index_dir, settings.data_dir, settings.corpus_dir, Path.cwd(), Path.home(), *_SYSTEM_PATHS]
    needed = [os.path.realpath(upload_folder()), os.path.realpath(tempfile.gettempdir())]
    blocked = []
    for candidate in candidates:
        path = os.path.realpath(Path(candidate).expanduser())
        if not any(n == path or n.startswith(path + os.sep) for n in needed) and path not in blocked:
            blocked.append(path)
    return blocked


def _original_route(assistant: Assistant) -> Any:
    from fastapi.responses import PlainTextResponse, Response

    def original(doc_id: str) -> Any:
        """An indexed document's original file, only while it is the file that was indexed."""
        try:
            record = next((r for r in assistant.documents() if r.info.doc_id == doc_id), None)
        except AssistantError:
            record = None
        if record is None:
            return PlainTextResponse("No such document.", status_code=404)
        path = Path(record.info.source)
        try:
            data = path.read_bytes() if path.is_file() else None
        except OSError:
            data = None
        if data is None:
            return PlainTextResponse("The original file is no longer there.", status_code=404)
        if hashlib.sha256(data).hexdigest() != record.content_hash:
            return PlainTextResponse("The file has changed since it was indexed: index it again.", status_code=409)
        return Response(data, media_type=_media_type(path), headers=_document_headers(path))

    return original


def _viewer_route(viewer: DocumentViewer) -> Any:
    from fastapi.responses import Response

    def view(doc_id: str, chunk: str = "", s: str = "", page: str = "", view: str = "") -> Any:
        """An indexed document at a passage (see :mod:`assistant.ui.viewer`)."""
        reply = viewer.page(doc_id, chunk, s, page, view)
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=HEADERS)

    return view


def _page_image_route(viewer: DocumentViewer) -> Any:
    from fastapi.responses import Response

    def page_image(doc_id: str, number: int) -> Any:
        """One page of an indexed PDF as an image."""
        reply = viewer.image(doc_id, number)
        headers = {**HEADERS, "Cache-Control": "private, max-age=300"} if reply.status == 200 else HEADERS
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers)

    return page_image


def _media_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown", ".txt", ".text"):
        return "text/plain; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _document_headers(path: Path) -> dict[str, str]:
    """Original documents are untrusted: no scripts (a sandboxed origin), no MIME sniffing."""
    safe_name = "".join(c if c.isalnum() or c in "._- " else "_" for c in path.name)
    return {
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'inline; filename="{safe_name}"',
    }
