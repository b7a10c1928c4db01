"""Every document-derived string in the app's HTML is escaped."""

from __future__ import annotations

from assistant.ui import render

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _record(**changes: object) -> dict:
    record = {
        "doc_id": 'evil"id',
        "title": HOSTILE,
        "date": "2020",
        "doc_type": HOSTILE,
        "organisation": HOSTILE,
        "source": "/x",
        "page": 3,
        "section": HOSTILE,
        "text": f"Before {HOSTILE} after.",
        "score": 1.0,
    }
    return record | changes


def test_source_cards_escape_everything() -> None:
    html = render.sources_panel({"note": HOSTILE, "citations": [_record(n=1, spans=[[0, 6]])], "passages": []})
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Before</mark>" in html
    assert 'href="/documents/evil%22id#page=3"' in html


def test_search_results_highlight_query_words_safely() -> None:
    html = render.search_results("hunger projects", [_record(text="Holiday <b>hunger</b> projects ran.")])
    assert "<mark>hunger</mark>" in html
    assert "<mark>projects</mark>" in html
    assert "&lt;b&gt;" in html
    assert "<b>" not in html


def test_documents_table_escapes_titles() -> None:
    html = render.documents_table([_record(pages=1, chunks=2)])
    assert "<script>" not in html
    assert "1 documents, 2 passages" in html


def test_abstained_answers_show_the_nearest_passages() -> None:
    html = render.sources_panel({"citations": [], "passages": [_record()], "note": None})
    assert "nearest passages" in html
    assert "[1]" not in html


def test_long_passages_show_a_snippet_around_the_highlight() -> None:
    text = "Filler words here. " * 60 + "The chair is Nicola Beach." + " More filler text." * 60
    start = text.index("The chair")
    html = render.source_card(_record(text=text), 1, [(start, start + 26)])
    visible, hidden = html.split("<details>")
    assert "<mark>The chair is Nicola Beach.</mark>" in visible
    assert visible.count("Filler") < 20
    assert "… " in visible
    assert "Show the full passage" in hidden
