"""The document viewer on the running app: a document opened at its passage, safely."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.ui.render import viewer_link


def _get(running_app, link: str) -> httpx.Response:
    return httpx.get(f"{running_app.url}/{link}", timeout=60)


def _citation(running_app, question: str) -> dict:
    from assistant.render import answer_json

    return answer_json(running_app.assistant.ask(question))["citations"][0]


def test_a_document_opens_at_its_passage_as_safe_html(running_app) -> None:
    cited = _citation(running_app, "What does the Tiddlywink Fund notice read?")
    reply = _get(running_app, viewer_link(cited["doc_id"], cited["chunk"], cited["spans"]))
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/html")
    assert "sandbox" in reply.headers["content-security-policy"]
    assert "script-src" not in reply.headers["content-security-policy"]  # default-src 'none': no scripts at all
    assert reply.headers["x-content-type-options"] == "nosniff"
    body = reply.text
    assert "<script>" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in body
    assert "<title>Hostile &lt;b&gt;notice&lt;/b&gt;</title>" in body
    marked = re.search(r'<mark class="pa-key" id="passage">(.*?)</mark>', body)
    assert marked
    assert "Tiddlywink" in marked.group(1)


def test_front_matter_is_metadata_not_text(running_app) -> None:
    body = _get(running_app, "view/hostile-notice").text
    main = body.split("<main>", 1)[1]
    assert "doc_type" not in main
    assert "---" not in main
    assert "<dt>Date</dt><dd>2020-01-01</dd>" in body
    assert "<dt>Type</dt><dd>news</dd>" in body
    assert "<h2>Community notice</h2>" in main  # a heading as a heading, not as '# Community notice'


def test_a_pdf_opens_at_the_cited_page_with_the_passage_boxed(running_app, indexed_minutes: str) -> None:
    meeting = running_app.assistant.meetings(body="Cabinet")[0]
    source = next(d for d in meeting.decisions if d.kind == "resolution").source
    reply = _get(running_app, viewer_link(indexed_minutes, source.chunk, [(source.start, source.end)]))
    assert reply.status_code == 200
    page = re.search(r'<figure class="pa-page" id="page-(\d+)"[^>]*>(.*?)</figure>', reply.text)
    assert page
    assert page.group(1) == str(source.page)
    assert 'class="pa-box pa-key" id="passage"' in page.group(2)
    image = _get(running_app, f"view/{indexed_minutes}/page/1")
    assert image.status_code == 200
    assert image.content.startswith(b"\x89PNG")
    assert "sandbox" in image.headers["content-security-policy"]
    assert _get(running_app, f"view/{indexed_minutes}/page/99").status_code == 404
    link = viewer_link(indexed_minutes, source.chunk, [(source.start, source.end)])
    text_view = _get(running_app, link.replace("#passage", "&view=text#passage"))
    assert 'id="passage"' in text_view.text
    assert "RESOLVED" in text_view.text


def test_unknown_or_changed_documents_are_not_shown(running_app, uploads: Path, indexed_minutes: str) -> None:
    assert _get(running_app, "view/no-such-document").status_code == 404
    assert _get(running_app, "view/hostile-notice/page/1").status_code == 404  # not a PDF
    assert _get(running_app, "view/..%2F..%2Fetc%2Fpasswd").status_code == 404
    pdf = next(uploads.glob("*.pdf"))
    original = pdf.read_bytes()
    try:
        pdf.write_bytes(original.replace(b"Harbour", b"Changed"))
        assert _get(running_app, f"view/{indexed_minutes}").status_code == 409
        assert _get(running_app, f"view/{indexed_minutes}/page/1").status_code == 409
    finally:
        pdf.write_bytes(original)
    assert _get(running_app, f"view/{indexed_minutes}").status_code == 200


@pytest.fixture
def html_and_docx(running_app, uploads: Path) -> Iterator[list[str]]:
    """An HTML page with live markup and a Word document, indexed as uploads are; removed afterwards."""
    from tests.support import make_docx

    uploads.mkdir(parents=True, exist_ok=True)
    page = uploads / "Wombat page.html"
    page.write_text(
        "<html><head><title>Wombat page</title><script>window.pwned = 3</script></head><body>"
        "<h1>Wombat Fund</h1><p onclick='steal()'>The Wombat Fund pays for <b>burrow</b> repairs.</p>"
        "<ul><li>First item</li><li>Second item</li></ul></body></html>"
    )
    make_docx(
        uploads / "Numbat report.docx",
        "Numbat report",
        [("Numbat Fund", ["The Numbat Fund plants trees.", "- A list item"])],
    )
    running_app.assistant.index([uploads])
    try:
        yield ["wombat-page", "numbat-report"]
    finally:
        running_app.assistant.remove(["wombat-page", "numbat-report"])
        for name in ("Wombat page.html", "Numbat report.docx"):
            (uploads / name).unlink(missing_ok=True)


def test_html_and_word_documents_show_as_their_text_never_their_markup(running_app, html_and_docx) -> None:
    wombat, numbat = html_and_docx
    passage = running_app.assistant.search("Wombat Fund burrow repairs", k=1)[0]
    body = _get(running_app, viewer_link(wombat, passage.chunk.ordinal, [(0, 10)])).text
    main = body.split("<main>", 1)[1]
    assert "<script" not in body
    assert "onclick" not in body
    assert "<b>" not in main
    assert "The Wombat Fund pays for burrow repairs." in re.sub(r"<[^>]+>", "", main)
    assert re.search(r"<ul><li>(<mark[^>]*>)?First item(</mark>)?</li><li>(<mark[^>]*>)?Second item", main)
    assert 'id="passage"' in main
    word = _get(running_app, f"view/{numbat}").text.split("<main>", 1)[1]
    assert "<h2>Numbat Fund</h2>" in word
    assert "<li>A list item</li>" in word
    assert "The Numbat Fund plants trees." in word
