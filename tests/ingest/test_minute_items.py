"""A minute item's title ends its paragraph: "83. English Devolution White Paper (Item 8)" is a heading
even when the attendance line follows it with no blank line, so the passages under it carry it."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest import load_document
from assistant.ingest.layout import reflow
from tests.support import make_pdf

MINUTES = [
    "83. English Devolution White Paper",
    "(Item 8)",
    "Amanda Beer, Chief Executive Officer, David Whittle, Director of Strategy, Policy,",
    "Relationships & Corporate Assurance and Ben Watts, General Counsel were in attendance for this item.",
    "1. Mr Love suggested and the Leader and Cabinet agreed to the following amendment.",
]


def test_a_minute_items_title_over_two_lines_is_a_heading_of_its_own() -> None:
    blocks = reflow(list(MINUTES))
    assert blocks[0].text == "83. English Devolution White Paper (Item 8)"
    assert blocks[0].level > 0
    assert blocks[1].text.startswith("Amanda Beer, Chief Executive Officer")
    assert blocks[1].level == 0


def test_the_passages_of_a_pdfs_minute_item_carry_its_title(tmp_path: Path) -> None:
    earlier = ["80. Provisional Local Government Finance Settlement 2025-26", "(Item 5)", "", "The report was noted."]
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf(["\n".join(earlier), "\n".join(MINUTES)]))
    document = load_document(path)
    titles = [h.title for page in document.pages for h in page.headings]
    assert "83. English Devolution White Paper (Item 8)" in titles
    assert "80. Provisional Local Government Finance Settlement 2025-26 (Item 5)" in titles
