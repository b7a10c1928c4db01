"""Helpers for the browser tests: Debian's chromium, a page of the running app, checks run in the page."""

from __future__ import annotations

import os

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
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
TABS = ["Ask", "Search", "Initiatives", "Boards", "Decisions", "Scorecard", "Documents"]


def open_app(browser, url: str, viewport: dict, **options) -> tuple[object, object]:
    """A fresh browser context on the app, once every tab has loaded its data."""
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(".pa-header[data-loaded]", state="attached", timeout=30_000)
    return context, page


def ask(page, question: str, timeout: float = 60_000) -> object:
    """Type a question, press Enter, and return the new turn once it is answered."""
    before = page.locator(".pa-turn").count()
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")
    page.wait_for_function(f"document.querySelectorAll('.pa-turn').length > {before}", timeout=timeout)
    return page.locator(".pa-turn").nth(before)


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    page.wait_for_timeout(150)


def save(page, name: str, full_page: bool = True, tallest: int = 2400) -> None:
    """With UPDATE_SCREENSHOTS=1 (``make screenshots``), a screenshot of the page's first ``tallest``
    pixels into docs/screenshots (taking them costs seconds a page, so other runs skip them)."""
    if os.environ.get("UPDATE_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    if full_page:
        width, height = page.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, tallest)}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    else:
        page.screenshot(path=str(path))


# Every visible control without an accessible name (aria-label, a label, its text or alt).
UNLABELLED = """() => [...document.querySelectorAll('button, input, textarea, select, a[href], [role=tab]')]
  .filter(el => el.checkVisibility() && el.getBoundingClientRect().width > 0 && el.type !== 'hidden')
  .filter(el => {
    const byId = (el.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id))
      .filter(Boolean).map(e => e.textContent).join(' ');
    const labels = el.labels ? [...el.labels].map(l => l.textContent).join(' ') : '';
    const name = [el.getAttribute('aria-label'), byId, labels, el.textContent, el.getAttribute('alt'),
      el.getAttribute('title')].filter(Boolean).join(' ').trim();
    return !name;
  }).map(el => el.outerHTML.slice(0, 160))"""

# Visible text below WCAG AA contrast (4.5:1, or 3:1 for large text) against its actual background.
LOW_CONTRAST = """() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const blend = (top, bottom) => ({r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let base = {r: 255, g: 255, b: 255, a: 1}; for (const l of layers.reverse()) base = blend(l, base); return base; };
  const low = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
    seen.add(el);
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || !el.getBoundingClientRect().width) continue;
    if (el.closest('[aria-hidden=true], .visually-hidden, .sr-only, .hide, .pa-sr, .pa-tip, textarea, input')) continue;
    const style = getComputedStyle(el);
    let opacity = 1; for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const bg = background(el), fg = parse(style.color), color = blend({...fg, a: fg.a * opacity}, bg);
    const ratio = (Math.max(lum(color), lum(bg)) + 0.05) / (Math.min(lum(color), lum(bg)) + 0.05);
    const size = parseFloat(style.fontSize), large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) low.push([walker.currentNode.textContent.trim().slice(0, 40), ratio.toFixed(2)]);
  }
  return low;
}"""

# Wider than the screen: the page itself, or any element that is not inside a scrolling box.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('.gradio-container *')].filter(el => {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0 || !el.checkVisibility()) return false;
    for (let e = el.parentElement; e; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return false; }
    return true;
  });
  return [document.documentElement.scrollWidth - width, wide.slice(0, 3).map(e => e.outerHTML.slice(0, 100))];
}"""
