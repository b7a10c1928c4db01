"""The app in a real browser: Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, running_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(running_app.url)
    page.wait_for_selector("#question textarea", timeout=30_000)
    yield page
    context.close()


def _save(page, name: str, tmp_path: Path) -> Path:
    """Screenshot to tmp_path; with UPDATE_SCREENSHOTS=1 also into docs/screenshots for the README."""
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / name)
    return path


def test_asking_in_the_chat_shows_the_answer_and_its_source(page, tmp_path: Path) -> None:
    page.locator("#question textarea").fill("Who chairs Safer Essex?")
    page.locator("#ask-button").click()
    page.wait_for_function("document.querySelector('#sources').innerText.includes('Nicola Beach')", timeout=60_000)
    answer = page.locator(".bot").last.inner_text()
    assert "Nicola Beach" in answer
    assert "[1]" in answer
    source = page.locator("#sources .pa-source").first
    assert "Safer Essex Partnership" in source.inner_text()
    assert "2010" in source.inner_text()
    assert "Nicola Beach" in source.locator("mark").first.inner_text()
    assert source.locator("a").get_attribute("href") == "/documents/safer-essex-partnership"
    assert _save(page, "ask.png", tmp_path).stat().st_size > 20_000


def test_search_tab_lists_passages_with_terms_picked_out(page, tmp_path: Path) -> None:
    page.get_by_role("tab", name="Search").click()
    page.locator("#search-query textarea").fill("homelessness")
    page.locator("#search-button").click()
    page.wait_for_selector("#search-results .pa-source", timeout=60_000)
    assert page.locator("#search-results mark").count() > 0
    _save(page, "search.png", tmp_path)


def test_documents_tab_lists_every_document(page, tmp_path: Path) -> None:
    page.get_by_role("tab", name="Documents").click()
    table = page.locator("#documents-table")
    table.wait_for(timeout=30_000)
    assert "6 documents" in table.inner_text()
    assert "Safer Essex Partnership" in table.inner_text()
    _save(page, "documents.png", tmp_path)


def test_hostile_document_text_shows_as_text_and_runs_nothing(page) -> None:
    page.get_by_role("tab", name="Search").click()
    page.locator("#search-query textarea").fill("Tiddlywink Fund notice")
    page.locator("#search-button").click()
    page.wait_for_selector("#search-results .pa-source", timeout=60_000)
    results = page.locator("#search-results").inner_text()
    assert "<script>window.pwned = 1</script>" in results
    assert '<img src=x onerror="window.pwned = 2">' in results
    assert "Hostile <b>notice</b>" in results
    page.get_by_role("tab", name="Ask").click()
    page.locator("#question textarea").fill("What does the Tiddlywink Fund notice read?")
    page.locator("#ask-button").click()
    page.wait_for_function("document.querySelector('#sources').innerText.includes('Tiddlywink')", timeout=60_000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("img[src*='127.0.0.1:9']").count() == 0
    assert "<script>" in page.locator(".bot").last.inner_text() or "<script>" in page.locator("#sources").inner_text()


def test_an_administrator_uploads_a_document_from_the_page(page, tmp_path: Path, uploads: Path, running_app) -> None:
    note = tmp_path / "Platypus notes.md"
    note.write_text("# Platypus notes\n\nThe Platypus Fund pays for riverside benches in Maldon.\n")
    page.get_by_role("tab", name="Documents").click()
    page.get_by_text("Add or remove documents (administrators)").click()
    page.get_by_label("Admin password").fill("letmein")
    page.locator("input[type=file]").set_input_files(str(note))
    page.wait_for_selector("text=Platypus notes.md", timeout=30_000)
    page.get_by_role("button", name="Add to the index").click()
    page.wait_for_function(
        "[...document.querySelectorAll('textarea')].some(t => t.value.includes('Indexed: 1 added'))", timeout=60_000
    )
    try:
        assert (uploads / "Platypus notes.md").exists()
        assert running_app.assistant.search("Platypus Fund riverside benches", k=1)[0].doc.doc_id == "platypus-notes"
    finally:
        running_app.assistant.remove(["platypus-notes"])
        (uploads / "Platypus notes.md").unlink(missing_ok=True)
