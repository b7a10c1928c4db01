"""The conversation's HTML and Markdown: lists as lists, [n] as links, clean text for copy and download."""

from __future__ import annotations

import pytest

from assistant.ui.conversation import (
    answer_blocks,
    answer_html,
    clean_text,
    conversation_html,
    file_name,
    scope_text,
    turn_markdown,
)

HOSTILE = "<script>alert(1)</script>"


def _citation(n: int, **changes: object) -> dict:
    record = {
        "n": n,
        "doc_id": "report-2019",
        "title": "The Essex & Hertfordshire report",
        "date": "2019",
        "doc_type": "report",
        "organisation": None,
        "source": "/srv/secret/path/report.md",
        "page": None,
        "chunk": 4,
        "section": "Highlights",
        "text": "Prevented 496 households from becoming homeless.",
        "sentence": "Prevented 496 households from becoming homeless.",
        "spans": [[0, 48]],
        "score": 1.0,
    }
    return record | changes


def _record(answer: str, **changes: object) -> dict:
    record = {"question": "How many households?", "answer": answer, "note": None, "passages": []}
    return record | {"citations": [_citation(1), _citation(2)]} | changes


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("- Prevented 496 households [1]", ["p"]),
        ("2. Develop a system scorecard [1]", ["p"]),
        ("1. One\n2. Two\n3. Three [1]", ["ol"]),
        ("Intro sentence. [1]\n\nDevelop our county\n- Essex Prevents: text [2]", ["p", "label", "ul"]),
    ],
)
def test_blocks(text: str, kinds: list[str]) -> None:
    assert [b.kind for b in answer_blocks(text)] == kinds


def test_a_lone_list_item_loses_its_marker() -> None:
    assert clean_text("- Prevented 496 households [1]") == "Prevented 496 households [1]"
    assert clean_text("2. Develop a system scorecard") == "Develop a system scorecard"
    assert clean_text("Heading\n- one\n- two") == "Heading\n- one\n- two"


def test_marks_become_links_with_a_preview_and_text_is_escaped() -> None:
    html = answer_html(_record(f"Said {HOSTILE} here [1] and there [2], not [9]."), turn=3)
    assert "<script>" not in html
    assert html.count('class="pa-cite"') == 2
    assert 'href="#src-3-1"' in html
    assert "“Prevented 496 households from becoming homeless.”" in html
    assert "The Essex &amp; Hertfordshire report (2019)" in html
    assert "[9]" in html  # a mark that cites nothing stays text


def test_markdown_has_titles_dates_and_links_never_server_paths() -> None:
    text = turn_markdown(_record("- Prevented 496 households [1]"))
    assert text.startswith("# How many households?\n\nPrevented 496 households [1]")
    assert (
        "1. [The Essex & Hertfordshire report](view/report-2019?chunk=4&s=0-48#passage) (2019, report, Highlights)"
        in text
    )
    assert "&amp;" not in text
    assert "/srv/secret" not in text
    assert not turn_markdown(_record("x"), heading=False).startswith("#")


def test_scope_is_shown_when_present_and_tolerated_when_not() -> None:
    scoped = _record("x", scope="Cabinet minutes, 9 January 2025")
    assert "Searched in: Cabinet minutes, 9 January 2025" in conversation_html(
        [{"question": "q", "answer": scoped}], {}
    )
    assert "Searched in" not in conversation_html([{"question": "q", "answer": _record("x")}], {})
    assert scope_text({"label": "Cabinet minutes"}) == "Cabinet minutes"
    assert scope_text(["Cabinet", "Council"]) == "Cabinet; Council"
    assert scope_text(None) == ""


def test_each_answer_keeps_its_own_cards_and_ratings_show_as_pressed() -> None:
    turns = [
        {"question": "a", "answer": _record("x [1]"), "rating": 1},
        {"question": "b", "answer": _record("y [2]"), "rating": None},
    ]
    html = conversation_html(turns, {})
    assert 'id="isrc-0-1"' in html
    assert 'id="isrc-1-2"' in html
    assert html.count('aria-pressed="true"') == 1


def test_download_names_follow_the_question() -> None:
    assert file_name("Who chairs Safer Essex?") == "who-chairs-safer-essex.md"
    assert file_name("???") == "answer.md"


def test_the_welcome_offers_examples() -> None:
    html = conversation_html([], {"Staff": [f"Who is {HOSTILE}?"]})
    assert 'data-action="example" data-index="0"' in html
    assert "<script>" not in html
