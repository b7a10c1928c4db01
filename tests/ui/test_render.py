"""Every document-derived string in the app's HTML is escaped; highlights follow the query's stems."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.ui import panels, render
from assistant.ui.conversation import sources_panel

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
        "chunk": 7,
        "section": HOSTILE,
        "text": f"Before {HOSTILE} after.",
        "score": 1.0,
    }
    return record | changes


def _answer(**changes: object) -> dict:
    record = {"question": HOSTILE, "answer": "x", "note": HOSTILE, "citations": [], "passages": []}
    return record | changes


def test_source_cards_escape_everything_and_link_to_the_passage() -> None:
    html = sources_panel([{"question": "q", "answer": _answer(citations=[_record(n=1, spans=[[0, 6]])])}])
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Before</mark>" in html
    assert 'href="view/evil%22id?chunk=7&amp;s=0-6#passage"' in html


def test_search_results_highlight_query_words_safely() -> None:
    html = render.search_results("hunger projects", [_record(text="Holiday <b>hunger</b> projects ran.")])
    assert "<mark>hunger</mark>" in html
    assert "<mark>projects</mark>" in html
    assert "&lt;b&gt;" in html
    assert "<b>" not in html


def test_highlights_follow_the_stem_both_ways() -> None:
    text = "The homeless, homelessness and a home."
    for query in ("homelessness", "homeless"):
        marked = [text[a:b] for a, b in render.term_spans(text, query)]
        assert marked == ["homeless", "homelessness"]


def test_no_matching_passages_is_said_plainly() -> None:
    html = render.search_results("minutes", [])
    assert "No passages match “minutes”" in html


def test_documents_table_escapes_titles_and_labels_cells_for_narrow_screens() -> None:
    html = render.documents_table([_record(pages=1, chunks=2)])
    assert "<script>" not in html
    assert "1 documents, 2 passages" in html
    assert 'data-label="Organisation"' in html


def test_viewer_links() -> None:
    assert render.viewer_link("a b", 3, [(1, 9)]) == "view/a%20b?chunk=3&s=1-9#passage"
    assert render.viewer_link("doc", page=4) == "view/doc?page=4#page-4"
    assert render.viewer_link("doc") == "view/doc"


def test_abstained_answers_show_the_nearest_passages() -> None:
    html = sources_panel([{"question": "q", "answer": _answer(passages=[_record()])}])
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


def _figure(kind: str, value: str) -> SimpleNamespace:
    source = SimpleNamespace(doc_id="d", chunk=0, page=None, section="", start=0, end=3)
    return SimpleNamespace(value=value, label="things", sentence=HOSTILE, date="2019", source=source, kind=kind)


def test_scorecard_groups_figures_by_kind_with_context_folded() -> None:
    figures = [_figure("context", "9"), _figure("target", "5"), _figure("achievement", "7")]
    html = panels.scorecard_panel([SimpleNamespace(ambition="Grow", figures=figures)], {})
    assert html.index("Achievements (1)") < html.index("Targets (1)") < html.index("Context")
    assert "<details><summary>Context" in html
    assert "<script>" not in html


def test_scorecard_takes_figures_as_rows_too() -> None:
    rows = [SimpleNamespace(ambition="Grow", **vars(_figure("target", "5")))]
    assert "Targets (1)" in panels.scorecard_panel(rows, {})


def test_decisions_say_why_there_are_none() -> None:
    assert "No minutes are indexed" in panels.decisions_panel([], {}, minutes=0, filtered=False)
    assert "match these filters" in panels.decisions_panel([], {}, minutes=2, filtered=True)
