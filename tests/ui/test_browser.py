"""The Ask tab in a real browser (Debian's chromium driven by Playwright): answers, citations,
copy and download, ratings, the keyboard, and hostile document text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.feedback import FeedbackStore
from tests.ui.pages import DESKTOP, LOW_CONTRAST, TABS, UNLABELLED, ask, open_app, open_tab


@pytest.fixture(scope="module")
def app_page(browser, running_app):
    """One page of the app for this module (loading Gradio's page takes seconds); each test starts
    from a new conversation on the Ask tab."""
    context, page = open_app(browser, running_app.url, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    yield page
    context.close()


@pytest.fixture
def page(app_page):
    open_tab(app_page, "Ask")
    if app_page.locator(".pa-turn").count():
        app_page.locator("#new-conversation").click()
        app_page.wait_for_selector(".pa-welcome")
    app_page.evaluate("window.scrollTo(0, 0)")
    return app_page


def test_an_example_asks_at_once_and_lists_render_as_lists(page) -> None:
    page.get_by_role("button", name="What are the seven ambitions of the Future of Essex vision?").click()
    page.wait_for_selector(".pa-turn.pa-answered", timeout=60_000)
    answer = page.locator(".pa-turn .pa-a").first
    assert answer.locator("ol > li").count() == 7
    assert not re.search(r"^\s*(\d+\.|-)\s", answer.locator("ol").inner_text(), re.MULTILINE)  # markers are the list's
    assert answer.locator("a.pa-cite").count() >= 1
    turn = ask(page, "What is Homeless Trailblazers?")  # answered today as a lone "- " item
    first = turn.locator(".pa-a p").first.inner_text()
    assert first.startswith("Homeless Trailblazers")
    turn = ask(page, "Who chairs Safer Essex?")
    assert "Nicola Beach" in turn.locator(".pa-a").inner_text()
    source = page.locator("#sources .pa-turn-sources:not([hidden]) .pa-source").first
    assert "Safer Essex Partnership" in source.inner_text()
    assert "Nicola Beach" in source.locator("mark").first.inner_text()
    assert source.locator("a").get_attribute("href").startswith("view/safer-essex-partnership?chunk=")


def test_answers_have_no_cut_or_dangling_lines(page) -> None:
    """Checks the answerer's text as rendered (fixed in assistant/answer/ on the answers branch)."""
    text = ask(page, "What do we do about loneliness?").locator(".pa-a").inner_text()
    assert not re.search(r"\w…", text)  # no sentence cut mid-word ("to ge…")
    assert "matching entr" not in text  # no dangling "In the documents ... 3 matching entries [3]"


def test_citations_link_to_their_own_answers_cards_with_a_preview(page) -> None:
    first = ask(page, "What is Holiday Hunger?")
    ask(page, "Who chairs Safer Essex?")
    mark = first.locator("a.pa-cite").first
    mark.hover()
    tip = mark.locator(".pa-tip")
    assert tip.is_visible()
    assert "56 different partners" in tip.inner_text()  # the supporting sentence, and its document
    assert "The Future of Essex" in tip.inner_text()
    chat = page.locator(".pa-chat").bounding_box()
    shown = tip.bounding_box()
    assert chat["x"] <= shown["x"]
    assert shown["x"] + shown["width"] <= chat["x"] + chat["width"]  # the preview stays inside the chat
    mark.click()
    card = page.locator("#src-0-1")
    assert card.is_visible()
    assert page.evaluate("document.activeElement.id") == "src-0-1"
    assert "pa-flash" in (card.get_attribute("class") or "")
    assert page.locator('#sources .pa-turn-sources[data-turn="1"]').is_hidden()  # the other answer's cards
    assert "Holiday Hunger" in page.locator('#sources .pa-turn-sources[data-turn="0"]').inner_text()
    page.locator("#turn-1 .pa-a p").first.click()  # selecting the later answer shows its cards again
    assert page.locator('#sources .pa-turn-sources[data-turn="1"]').is_visible()
    assert page.locator('#sources .pa-turn-sources[data-turn="0"]').is_hidden()


def test_copy_and_download_give_clean_markdown_named_after_the_question(page, running_app) -> None:
    turn = ask(page, "What is the Violence and Vulnerability Unit?")
    visible = turn.locator(".pa-a p").first.evaluate(
        "p => { const c = p.cloneNode(true); c.querySelectorAll('.pa-tip').forEach(t => t.remove()); return c.innerText; }"
    )
    turn.get_by_role("button", name="Copy").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "&amp;" not in copied
    assert "V&V" in copied
    assert visible.strip() in copied
    assert re.search(rf"\[.+\]\({re.escape(running_app.url)}/view/[\w-]+\?chunk=\d+", copied)  # titles as links
    assert "/corpus/" not in copied  # never the server's file path
    with page.expect_download() as download:
        turn.get_by_role("button", name="Download (.md)").click()
    assert download.value.suggested_filename == "what-is-the-violence-and-vulnerability-unit.md"
    text = Path(download.value.path()).read_text()
    assert text.startswith("# What is the Violence and Vulnerability Unit?")
    assert "## References" in text
    ask(page, "Who chairs Safer Essex?")
    with page.expect_download() as everything:
        page.get_by_role("button", name="Export the conversation (.md)").click()
    assert everything.value.suggested_filename.startswith("conversation-")
    whole = Path(everything.value.path()).read_text()
    assert "# What is the Violence and Vulnerability Unit?" in whole
    assert "# Who chairs Safer Essex?" in whole


def test_one_rating_per_answer_changeable_and_pressed(page, running_app) -> None:
    turn = ask(page, "When does the Essex Assembly meet?")
    store = FeedbackStore(running_app.settings.data_dir)
    before = len(store.records())
    helpful = turn.get_by_role("button", name="Helpful", exact=True)
    helpful.click()
    page.wait_for_selector('#turn-0 .pa-rate[data-rating="1"][aria-pressed="true"]')
    page.locator("#comment textarea").fill("Give the month too")
    page.locator("#turn-0").get_by_role("button", name="Not helpful").click()
    page.wait_for_selector('#turn-0 .pa-rate[data-rating="-1"][aria-pressed="true"]')
    assert page.locator('#turn-0 .pa-rate[aria-pressed="true"]').count() == 1
    page.wait_for_function("document.querySelector('#comment textarea').value === ''")
    records = store.records()
    assert len(records) == before + 1
    assert (records[-1].rating, records[-1].comment) == (-1, "Give the month too")
    assert "rated not helpful" in page.locator("#feedback-status").inner_text()


def test_the_chat_shows_the_start_of_a_new_answer(page) -> None:
    page.set_viewport_size({"width": DESKTOP["width"], "height": 600})  # a chat box shorter than the answer
    for question in ("What do we do about loneliness?", "What are the seven ambitions of the Future of Essex vision?"):
        ask(page, question)
    newest = ask(page, "What exists on homelessness?")
    page.wait_for_timeout(300)
    box, turn = page.locator(".pa-chat").bounding_box(), newest.bounding_box()
    scrolls = "document.querySelector('.pa-chat').scrollHeight > document.querySelector('.pa-chat').clientHeight"
    assert page.evaluate(scrolls)
    assert box["y"] - 1 <= turn["y"] <= box["y"] + box["height"] - 60  # its start is in view, not only its end
    page.set_viewport_size(DESKTOP)
    assert turn["height"] > box["height"]
    assert turn["y"] <= box["y"] + 40  # the question and the answer's first lines, not its end
    assert turn["y"] >= 0


def test_the_keyboard_alone_asks_and_follows_a_citation(page) -> None:
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#question') !== null"):
            break
    else:
        pytest.fail("Tab never reached the question box")
    page.keyboard.type("Who chairs Safer Essex?")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pa-turn.pa-answered", timeout=60_000)
    for _ in range(30):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('pa-cite')"):
            break
    else:
        pytest.fail("Shift+Tab never reached a citation")
    assert page.locator("a.pa-cite:focus .pa-tip").is_visible()  # the preview shows on focus too
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('pa-source')")


def test_every_control_is_labelled_and_text_is_readable(page) -> None:
    ask(page, "Who chairs Safer Essex?")
    for tab in TABS:
        open_tab(page, tab)
        if tab == "Search":
            page.locator("#search-query textarea").fill("homelessness")
            page.locator("#search-query textarea").press("Enter")
            page.wait_for_selector("#search-results .pa-count >> text=homelessness")
            page.wait_for_timeout(300)  # the pending overlay gone
        assert page.evaluate(UNLABELLED) == [], tab
        assert page.evaluate(LOW_CONTRAST) == [], tab


def test_hostile_document_text_shows_as_text_and_runs_nothing(page) -> None:
    open_tab(page, "Search")
    page.locator("#search-query textarea").fill("Tiddlywink Fund notice")
    page.locator("#search-button").click()
    page.wait_for_selector("#search-results .pa-count >> text=Tiddlywink", timeout=60_000)
    results = page.locator("#search-results").inner_text()
    assert "<script>window.pwned = 1</script>" in results
    assert '<img src=x onerror="window.pwned = 2">' in results
    assert "Hostile <b>notice</b>" in results
    open_tab(page, "Ask")
    turn = ask(page, "What does the Tiddlywink Fund notice read?")
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("img[src*='127.0.0.1:9']").count() == 0
    assert "<script>" in turn.inner_text() or "<script>" in page.locator("#sources").inner_text()
    with page.context.expect_page() as opened:
        page.locator("#sources .pa-turn-sources:not([hidden]) .pa-source-head a").first.click()
    viewer = opened.value
    viewer.wait_for_load_state()
    assert "<script>window.pwned = 1</script>" in viewer.locator("main").inner_text()
    assert viewer.evaluate("window.pwned") is None
    assert viewer.locator("img").count() == 0
