"""The other tabs in a real browser: live data after uploads and removals, search, the directory
tabs, the document viewer, and every tab at phone and desktop width (screenshots kept)."""

from __future__ import annotations

import re
import warnings

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.ui.conftest import MINUTES_ID, MINUTES_NAME
from tests.ui.pages import DESKTOP, OVERFLOW, PHONE, TABS, ask, open_app, open_tab, save


@pytest.fixture
def page(browser, running_app):
    context, page = open_app(browser, running_app.url, DESKTOP)
    yield page
    context.close()


def _options(page, dropdown: str) -> list[str]:
    """The choices a Gradio dropdown offers (opened, read, closed again)."""
    page.locator(f"#{dropdown} input").click()
    page.wait_for_selector("[role=option]")
    options = page.locator("[role=option]").all_inner_texts()
    page.keyboard.press("Escape")
    return [o.replace("✓", "").strip() for o in options]


def _choose(page, dropdown: str, option: str) -> None:
    """Pick a dropdown's choice as a user does: type to filter it, Enter to take it."""
    box = page.locator(f"#{dropdown} input")
    box.click()
    box.fill(option)
    box.press("Enter")
    page.keyboard.press("Escape")


def _select_file(page, path) -> None:
    """Choose a file in the upload box and wait until its name shows (the upload has finished).

    Once in about fifteen CI runs on two busy cores, the chosen file's name never showed (60 s,
    cause not yet found). Then the choice is made once more, and a warning carries what
    the page sent, so the stall is on record without failing the run; a second stall fails.
    """
    sent: list[str] = []
    page.on("response", lambda r: sent.append(f"{r.status} {r.url}") if "/upload" in r.url else None)
    page.wait_for_selector("#upload-files", state="visible")
    chooser = page.locator("#upload-files input[type=file]")
    chooser.set_input_files(str(path))
    try:
        page.wait_for_selector(f"text={path.name}", timeout=30_000)
        return
    except PlaywrightTimeoutError:
        warnings.warn(f"the first file choice never showed its name; upload responses: {sent}", stacklevel=1)
    chooser.set_input_files(str(path))
    try:
        page.wait_for_selector(f"text={path.name}", timeout=60_000)
    except PlaywrightTimeoutError:
        raise AssertionError(f"the upload box never showed {path.name}; upload responses: {sent}") from None


def test_uploads_and_removals_show_in_every_tab_after_a_reload(page, running_app, minutes_pdf, uploads) -> None:
    open_tab(page, "Decisions")
    assert "No minutes are indexed" in page.locator("#decisions").inner_text()
    open_tab(page, "Documents")
    page.get_by_text("Add or remove documents (administrators)").click()
    page.get_by_label("Admin password").fill("letmein")
    _select_file(page, minutes_pdf)
    page.get_by_role("button", name="Add to the index").click()
    try:
        page.wait_for_function(
            "document.querySelector('#admin-result textarea').value.includes('Indexed: 1 added')", timeout=60_000
        )
        page.wait_for_function(
            f"document.querySelector('#documents-table').innerText.includes('{MINUTES_ID}')", timeout=30_000
        )
        page.reload()
        page.wait_for_selector(".pa-header[data-loaded]", state="attached")
        open_tab(page, "Documents")
        assert MINUTES_ID in page.locator("#documents-table").inner_text()
        page.get_by_text("Add or remove documents (administrators)").click()
        assert any(MINUTES_ID in o for o in _options(page, "remove-choice"))
        open_tab(page, "Decisions")
        decisions = page.locator("#decisions").inner_text()
        assert "Cabinet · 2025-01-09" in decisions
        assert "RESOLVED that Mr Bronze be elected Vice-Chair" in decisions
        assert "Cabinet" in _options(page, "decision-body")
        open_tab(page, "Documents")
        page.get_by_label("Admin password").fill("letmein")
        _choose(page, "remove-choice", MINUTES_ID)
        page.get_by_role("button", name="Remove from the index").click()
        page.wait_for_function(
            f"document.querySelector('#admin-result textarea').value.includes('Removed {MINUTES_ID}')",
            timeout=60_000,
        )
        page.reload()
        page.wait_for_selector(".pa-header[data-loaded]", state="attached")
        open_tab(page, "Documents")
        assert MINUTES_ID not in page.locator("#documents-table").inner_text()
        open_tab(page, "Decisions")
        assert "No minutes are indexed" in page.locator("#decisions").inner_text()
        assert not (uploads / MINUTES_NAME).exists()
    finally:
        running_app.assistant.remove([MINUTES_ID])  # nothing left behind for the other tests, pass or fail
        (uploads / MINUTES_NAME).unlink(missing_ok=True)


def test_search_says_what_it_found_and_applies_changes_at_once(page) -> None:
    open_tab(page, "Search")
    box = page.locator("#search-query textarea")
    box.fill("minutes")
    box.press("Enter")
    page.wait_for_selector("#search-results >> text=No passages match “minutes”")
    box.fill("homelessness")
    box.press("Enter")
    page.wait_for_selector("#search-results .pa-source")
    marked = {m.lower() for m in page.locator("#search-results mark").all_inner_texts()}
    assert {"homeless", "homelessness"} <= marked  # the stem, both ways
    cards = page.locator("#search-results .pa-source")
    assert all("homeless" in c.lower() for c in cards.all_inner_texts())  # nothing that never mentions it
    page.get_by_label("Oldest first").check()  # no Search press: the order changes at once
    page.wait_for_selector("#search-results >> text=oldest first")
    dates = re.findall(r"^(\d{4}(?:-\d\d)*|undated) ·", page.locator("#search-results").inner_text(), re.MULTILINE)
    assert dates == sorted(dates)
    _choose(page, "search-type", "web page")
    page.wait_for_function("!document.querySelector('#search-results').innerText.includes('report ·')")
    page.locator("#search-type [title=Clear]").click()  # every filter can be cleared
    page.wait_for_function("document.querySelector('#search-results').innerText.includes('report ·')")


def test_directory_tabs_load_and_every_filter_clears(page) -> None:
    open_tab(page, "Initiatives")
    everything = page.locator("#initiatives .pa-count").inner_text()
    ambition = next(o for o in _options(page, "theme") if o != "All ambitions and themes")
    _choose(page, "theme", ambition)
    page.wait_for_function(f"document.querySelector('#initiatives .pa-count').innerText !== '{everything}'")
    assert set(page.locator("#initiatives h3").all_inner_texts()) == {ambition}
    _choose(page, "theme", "All ambitions and themes")
    page.wait_for_function(f"document.querySelector('#initiatives .pa-count').innerText === '{everything}'")
    open_tab(page, "Boards")
    assert "Safer Essex" in page.locator("#boards").inner_text()
    open_tab(page, "Scorecard")
    assert "Achievements" in page.locator("#scorecard").inner_text()


def test_a_source_opens_the_document_at_the_cited_passage(page) -> None:
    ask(page, "What is Holiday Hunger?")
    with page.context.expect_page() as opened:
        page.locator("#src-0-1 .pa-source-head a").click()
    viewer = opened.value
    viewer.wait_for_load_state()
    passage = viewer.locator("#passage")
    assert "Holiday" in viewer.locator("mark").all_inner_texts()[0] or "56 different partners" in passage.inner_text()
    top = passage.bounding_box()["y"]
    assert 0 < top < DESKTOP["height"]  # scrolled to, not the top of the document
    assert viewer.evaluate("scrollY") > 1000  # Holiday Hunger sits far down its report
    assert "title:" not in viewer.locator("main").inner_text()  # front matter is shown as metadata
    assert "Essex Partners" in viewer.locator("header dl").inner_text()
    save(viewer, "viewer.png", full_page=False)


def test_a_pdf_opens_at_the_cited_page_with_the_passage_boxed(browser, running_app, indexed_minutes) -> None:
    context, page = open_app(browser, running_app.url, DESKTOP)
    try:
        open_tab(page, "Decisions")
        link = page.locator("#decisions .pa-source a", has_text="Cabinet").nth(2)
        with context.expect_page() as opened:
            link.click()
        viewer = opened.value
        viewer.wait_for_load_state()
        viewer.wait_for_function("[...document.images].some(i => i.complete && i.naturalWidth > 0)")
        box = viewer.locator(".pa-box#passage")
        assert 0 < box.bounding_box()["y"] < DESKTOP["height"]
        assert viewer.locator("figure.pa-page").count() == 1
        save(viewer, "viewer-pdf.png", full_page=False)
    finally:
        context.close()


@pytest.mark.parametrize(("viewport", "prefix"), [(PHONE, "phone-"), (DESKTOP, "")], ids=["390px", "1400px"])
def test_every_tab_is_usable_at_phone_and_desktop_width(
    browser, running_app, indexed_minutes, viewport, prefix
) -> None:
    # with a set of minutes indexed, so the Decisions tab (and its screenshot) has entries to lay out
    context, page = open_app(browser, running_app.url, viewport)
    try:
        tablist = page.locator("[role=tablist]")
        assert [t.strip() for t in tablist.locator("[role=tab]").all_inner_texts()] == TABS  # none behind "..."
        assert page.get_by_label("More tabs").count() == 0
        ask(page, "What is Holiday Hunger?")
        if viewport is PHONE:
            _sources_sit_right_below_the_answer(page)
        for tab in TABS:
            open_tab(page, tab)
            if tab == "Search":
                page.locator("#search-query textarea").fill("homelessness")
                page.locator("#search-query textarea").press("Enter")
                page.wait_for_selector("#search-results .pa-source")
            overflow, wide = page.evaluate(OVERFLOW)
            assert overflow <= 0, (tab, wide)
            assert wide == [], tab
            save(page, f"{prefix}{tab.lower()}.png")
    finally:
        context.close()


def _sources_sit_right_below_the_answer(page) -> None:
    assert page.locator("#sources-col").is_hidden()
    actions = page.locator("#turn-0 .pa-actions").bounding_box()
    inline = page.locator("#turn-0 .pa-inline-sources")
    assert inline.get_attribute("open") is not None
    gap = inline.bounding_box()["y"] - (actions["y"] + actions["height"])
    assert 0 <= gap < 40
    for cite in page.locator("#turn-0 a.pa-cite").all():
        cite.hover()
        tip = cite.locator(".pa-tip").bounding_box()
        assert tip["x"] >= 0
        assert tip["x"] + tip["width"] <= PHONE["width"]  # a preview never runs off the screen
    page.locator("#turn-0 a.pa-cite").first.click()
    assert page.evaluate("document.activeElement.id") == "isrc-0-1"
