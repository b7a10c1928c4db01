"""PDF pages for the document viewer: page sizes, page images and where a passage sits on its page.

PDFium is not thread-safe and PDF files are untrusted, so all of it runs in one worker process
(:class:`PdfWorker`), never in the server's request threads: a PDF that hangs or crashes the
renderer takes down only the worker, which is started again for the next request. Every call
checks that the file is still, byte for byte, the one that was indexed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # left, top, width, height as fractions of the page
PAGE_WIDTH = 1100  # pixels of a rendered page
_OPEN: OrderedDict[tuple[str, str], Any] = OrderedDict()  # in the worker: open documents


class FileChanged(Exception):
    """The file on disk is not the one that was indexed."""


class RenderFailed(Exception):
    """The worker could not render the PDF (damaged, too slow, or it crashed)."""


def _document(path: str, digest: str) -> Any:
    """The open PDF (cached in the worker), after checking its bytes are the indexed ones."""
    import pypdfium2

    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != digest:
        raise FileChanged(path)
    key = (path, digest)
    if key not in _OPEN:
        _OPEN[key] = pypdfium2.PdfDocument(data, password="")
        while len(_OPEN) > 4:
            _OPEN.popitem(last=False)[1].close()
    _OPEN.move_to_end(key)
    return _OPEN[key]


def load_pages(path: str, doc_id: str, digest: str) -> Any:
    """The PDF read as the indexer reads it (its pages of text), if it is the file indexed."""
    from assistant.ingest import load_document

    document = load_document(Path(path), doc_id)
    if document.content_hash != digest:
        raise FileChanged(path)
    return document


def page_sizes(path: str, digest: str) -> list[tuple[float, float]]:
    """Each page's width and height in points."""
    pdf = _document(path, digest)
    return [tuple(pdf.get_page_size(i)) for i in range(len(pdf))]


def page_png(path: str, digest: str, number: int, width: int = PAGE_WIDTH) -> bytes:
    """Page ``number`` (from 1) as a PNG ``width`` pixels wide."""
    pdf = _document(path, digest)
    if not 1 <= number <= len(pdf):
        raise IndexError(number)
    page = pdf[number - 1]
    try:
        image = page.render(scale=width / max(page.get_width(), 1.0)).to_pil()
    finally:
        page.close()
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def passage_boxes(path: str, digest: str, number: int, texts: list[str]) -> list[list[Box]]:
    """For each text, the boxes it covers on page ``number`` (empty where it cannot be found).

    Texts are matched on their letters and digits alone, so line breaks, hyphenation and
    ligatures in the PDF do not stop a match.
    """
    pdf = _document(path, digest)
    if not 1 <= number <= len(pdf):
        return [[] for _ in texts]
    page = pdf[number - 1]
    try:
        if page.get_rotation() % 360:
            return [[] for _ in texts]
        left, bottom, right, top = page.get_cropbox()
        textpage = page.get_textpage()
        count = textpage.count_chars()
        key, where = _letters(textpage.get_text_range(0, count) if count else "")
        if len(where) and where[-1] >= count:  # text and character indices disagree: no boxes
            return [[] for _ in texts]
        found = []
        for text in texts:
            wanted, _ = _letters(text)
            at = key.find(wanted) if wanted else -1
            if at < 0:
                found.append([])
                continue
            start, end = where[at], where[at + len(wanted) - 1] + 1
            rects = [textpage.get_rect(i) for i in range(textpage.count_rects(start, end - start))]
            found.append([_box(r, left, bottom, right, top) for r in rects])
        textpage.close()
        return found
    finally:
        page.close()


def _letters(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits, lower-cased, with the index in ``text`` each came from."""
    letters, where = [], []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char).lower():
            if part.isalnum():
                letters.append(part)
                where.append(index)
    return "".join(letters), where


def _box(rect: tuple[float, float, float, float], left: float, bottom: float, right: float, top: float) -> Box:
    x0, y0, x1, y1 = rect
    width, height = max(right - left, 1.0), max(top - bottom, 1.0)
    return ((x0 - left) / width, (top - y1) / height, (x1 - x0) / width, (y1 - y0) / height)


class PdfWorker:
    """One worker process that does all PDFium work, restarted when it fails or hangs."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._pool: Any = None
        self._lock = threading.Lock()

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` in the worker.

        Raises:
            FileChanged: the file is not the one indexed.
            RenderFailed: the worker failed, crashed or took longer than ``timeout``.
        """
        with self._lock:
            if self._pool is None:
                self._pool = multiprocessing.get_context("spawn").Pool(1)
            pool = self._pool
        pending = pool.apply_async(function, args)
        try:
            return pending.get(self.timeout)
        except (FileChanged, IndexError):
            raise
        except multiprocessing.TimeoutError:
            logger.warning("the PDF worker took over %.0f s: restarting it", self.timeout)
            self.close()
            raise RenderFailed("the PDF took too long to render") from None
        except Exception as exc:
            logger.warning("the PDF worker failed: %s", exc)
            raise RenderFailed("the PDF could not be rendered") from None

    def close(self) -> None:
        """Stop the worker (a new one starts on the next call)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
