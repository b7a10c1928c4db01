"""The document viewer: an indexed document opened at a cited passage, the passage picked out.

``/view/<id>?chunk=<n>&s=<start>-<end>`` shows the document as the indexer read it, rendered as
HTML from its text (headings, paragraphs, lists, tables; never the file's own markup), scrolled to
the passage (``#passage``), which is highlighted with its supporting sentence picked out more
strongly. The front matter is shown as metadata above it. A PDF opens on its pages as images
(``/view/<id>/page/<n>``, rendered in a worker process), at the cited page, with the passage
boxed; its text view is one link away. Everything is escaped; pages are served with a sandboxing
Content-Security-Policy and load nothing but their own page images.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from assistant.directory import SourceRef
from assistant.errors import AssistantError, first_line
from assistant.ingest import load_document
from assistant.pipeline import Assistant
from assistant.types import Document
from assistant.ui import pdfpages, textview
from assistant.ui.render import esc

HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True)
class Reply:
    """What a viewer route answers."""

    status: int
    body: str | bytes
    media_type: str = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Target:
    """Where in a document to open it: a page (from 1, None for formats without pages), the
    passage's offsets in that page's text, and the supporting sentences' offsets."""

    page: int | None
    passage: tuple[int, int] | None = None
    sentences: tuple[tuple[int, int], ...] = ()


class DocumentViewer:
    """Serves indexed documents at their passages, only while their files are the ones indexed."""

    def __init__(self, assistant: Assistant, worker: pdfpages.PdfWorker | None = None) -> None:
        self.assistant = assistant
        self.worker = worker or pdfpages.PdfWorker()
        self._documents: OrderedDict[tuple[str, str], Document] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, doc_id: str, chunk: str = "", spans: str = "", page: str = "", view: str = "") -> Reply:
        """The viewer page for a document, opened at a chunk or a page."""
        record = self._record(doc_id)
        if record is None:
            return Reply(404, _message("No such document", "It is not in the index (any more)."))
        try:
            document = self._load(record)
        except pdfpages.FileChanged:
            return Reply(409, _message("The file has changed", "It changed since it was indexed: index it again."))
        except (AssistantError, pdfpages.RenderFailed, OSError) as exc:
            return Reply(500, _message("The document cannot be shown", first_line(exc)))
        target = self._target(document, _number(chunk), _spans(spans), _number(page))
        is_pdf = Path(record.info.source).suffix.lower() == ".pdf"
        if is_pdf and view != "text":
            try:
                body = self._pdf_pages(record, document, target)
            except (pdfpages.FileChanged, pdfpages.RenderFailed):
                body = textview.text_html(document, target, pages=True)
        else:
            body = textview.text_html(document, target, pages=is_pdf)
        return Reply(200, _page(record, body, _views(record, chunk, spans, is_pdf, view)))

    def image(self, doc_id: str, number: int) -> Reply:
        """Page ``number`` of an indexed PDF as a PNG."""
        record = self._record(doc_id)
        if record is None or Path(record.info.source).suffix.lower() != ".pdf":
            return Reply(404, "No such PDF.", "text/plain; charset=utf-8")
        source, digest = str(record.info.source), record.content_hash
        try:
            data = self.worker.run(pdfpages.page_png, source, digest, int(number))
        except IndexError:
            return Reply(404, "No such page.", "text/plain; charset=utf-8")
        except pdfpages.FileChanged:
            return Reply(409, "The file has changed since it was indexed.", "text/plain; charset=utf-8")
        except pdfpages.RenderFailed as exc:
            return Reply(500, str(exc), "text/plain; charset=utf-8")
        return Reply(200, data, "image/png")

    def _record(self, doc_id: str) -> Any:
        try:
            return next((r for r in self.assistant.documents() if r.info.doc_id == doc_id), None)
        except AssistantError:
            return None

    def _load(self, record: Any) -> Document:
        """The document's pages as the indexer read them (cached while the file is unchanged)."""
        path, digest = Path(record.info.source), record.content_hash
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise pdfpages.FileChanged(str(path))
        key = (record.info.doc_id, digest)
        with self._lock:
            cached = self._documents.get(key)
        if cached is not None:
            return cached
        if path.suffix.lower() == ".pdf":
            document = self.worker.run(pdfpages.load_pages, str(path), record.info.doc_id, digest)
        else:
            document = load_document(path, record.info.doc_id)
        if document.content_hash != digest:
            raise pdfpages.FileChanged(str(path))
        with self._lock:
            self._documents[key] = document
            while len(self._documents) > 8:
                self._documents.popitem(last=False)
        return document

    def _target(self, document: Document, chunk: int | None, spans: list[tuple[int, int]], page: int | None) -> Target:
        """Where the passage sits in the document's pages (located by its text if offsets moved)."""
        if chunk is None:
            return Target(page)
        passage = self.assistant.passage(SourceRef(document.doc_id, chunk, None, "", 0, 0))
        if passage is None:
            return Target(page)
        stored = passage.chunk
        index = next((i for i, p in enumerate(document.pages) if p.number == stored.page), 0)
        text = document.pages[index].text if document.pages else ""
        start = (
            stored.char_start if text[stored.char_start : stored.char_end] == stored.text else text.find(stored.text)
        )
        if start < 0:
            return Target(stored.page)
        inside = [(start + a, start + b) for a, b in spans if 0 <= a < b <= len(stored.text)]
        return Target(stored.page, (start, start + len(stored.text)), tuple(inside))

    def _pdf_pages(self, record: Any, document: Document, target: Target) -> str:
        source, digest = str(record.info.source), record.content_hash
        sizes = self.worker.run(pdfpages.page_sizes, source, digest)
        boxes: list[list[pdfpages.Box]] = [[], []]
        if target.page and target.passage:
            page = next((p for p in document.pages if p.number == target.page), document.pages[0])
            texts = [page.text[target.passage[0] : target.passage[1]]]
            texts += [page.text[a:b] for a, b in target.sentences]
            found = self.worker.run(pdfpages.passage_boxes, source, digest, target.page, texts)
            boxes = [found[0], [box for sentence in found[1:] for box in sentence]]
        return textview.pages_html(quote(record.info.doc_id, safe=""), sizes, target.page, boxes)


def _number(value: object) -> int | None:
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if text.isdigit() and len(text) < 9 else None


def _spans(value: object) -> list[tuple[int, int]]:
    """'12-40,50-80' as offset pairs (anything malformed is ignored)."""
    found = []
    for part in (value if isinstance(value, str) else "").split(",")[:20]:
        start, _, end = part.partition("-")
        if start.isdigit() and end.isdigit() and len(start) < 9 and len(end) < 9:
            found.append((int(start), int(end)))
    return found


def _views(record: Any, chunk: str, spans: str, is_pdf: bool, view: str) -> str:
    """Links to the other view of a PDF and to the original file."""
    name = quote(record.info.doc_id, safe="")
    query = f"chunk={quote(chunk)}&s={quote(spans)}" if _number(chunk) is not None else ""
    links = []
    if is_pdf:
        pages_link = f"{name}?{query}#passage" if query else name
        text_link = f"{name}?{query}&view=text#passage" if query else f"{name}?view=text"
        links.append(f'<a href="{esc(pages_link)}"{" aria-current=page" if view != "text" else ""}>Pages</a>')
        links.append(f'<a href="{esc(text_link)}"{" aria-current=page" if view == "text" else ""}>Text</a>')
    links.append(f'<a href="../documents/{esc(name)}">The original file</a>')
    return " · ".join(links)


def _page(record: Any, body: str, views: str) -> str:
    info = record.info
    facts = [
        ("Date", info.date or "undated"),
        ("Type", info.doc_type),
        ("Organisation", info.organisation),
        ("Pages", record.pages if record.pages > 1 else None),
        ("File", Path(info.source).name),
    ]
    meta = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in facts if v)
    origin = info.origin or ""
    if origin.startswith(("https://", "http://")):
        meta += f'<div><dt>From</dt><dd><a href="{esc(origin)}" rel="noopener noreferrer">{esc(origin)}</a></dd></div>'
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width, initial-scale=1"><title>{esc(info.title)}</title>'
        f"<style>{textview.CSS}</style></head><body><header><h1>{esc(info.title)}</h1><dl>{meta}</dl>"
        f'<nav aria-label="Views">{views}</nav></header><main>{body}</main></body></html>'
    )


def _message(title: str, text: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{textview.CSS}</style></head><body><main><h1>{esc(title)}</h1><p>{esc(text)}</p></main></body></html>"
    )
