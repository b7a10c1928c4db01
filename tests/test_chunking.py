"""Chunking follows headings, ends at sentences, fits the model window and loses no text."""

from __future__ import annotations

import itertools
import re

from assistant.chunking import ChunkingConfig, passage_header, split_document
from assistant.ingest import load_document
from assistant.types import Document, DocumentInfo, Heading, Page
from tests.conftest import CORPUS


def _doc(text: str, headings: tuple[Heading, ...] = (), number: int | None = None) -> Document:
    return Document(DocumentInfo("d", "Doc", "d.md"), (Page(number, text, headings),), "hash")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_chunks_carry_section_paths(embedder) -> None:
    doc = load_document(CORPUS / "future-of-essex-progress-report-2019.md")
    chunks = split_document(doc, embedder.count_tokens)
    holiday = next(c for c in chunks if "whole system approach" in c.text)
    assert holiday.section == ("Provide an equal foundation for every child", "Holiday Hunger")
    assert holiday.section_path == "Provide an equal foundation for every child > Holiday Hunger"


def test_every_chunk_fits_the_model_window_with_its_header(embedder) -> None:
    doc = load_document(CORPUS / "future-of-essex-progress-report-2019.md")
    for chunk in split_document(doc, embedder.count_tokens, ChunkingConfig(window=embedder.max_tokens)):
        header = passage_header(doc.info.title, chunk.section)
        assert embedder.count_tokens(f"{header}\n{chunk.text}") <= embedder.max_tokens


def test_chunks_are_exact_slices_of_their_page() -> None:
    doc = load_document(CORPUS / "safer-essex-partnership.md")
    page = doc.pages[0]
    for chunk in split_document(doc):
        assert page.text[chunk.char_start : chunk.char_end] == chunk.text
        for start, end in chunk.sentences:
            assert chunk.text[start:end].strip() == chunk.text[start:end]


def test_no_word_is_lost() -> None:
    doc = load_document(CORPUS / "future-of-essex-progress-report-2019.md")
    covered = " ".join(c.text for c in split_document(doc))
    assert set(_words(doc.pages[0].text)) <= set(_words(covered))


def test_long_sections_split_at_sentence_ends_with_overlap() -> None:
    sentences = [f"Sentence number {i} talks about partnership work in Essex today." for i in range(60)]
    chunks = split_document(_doc(" ".join(sentences)), config=ChunkingConfig(chunk_tokens=80, overlap_tokens=20))
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.text.endswith(".")
    for before, after in itertools.pairwise(chunks):
        assert after.char_start < before.char_end  # overlap


def test_tiny_fragments_merge_instead_of_standing_alone() -> None:
    text = (
        "Highlights\nOver £320m\ninvestment in Essex as a result of partnership working.\n"
        "Prevented 496 households from becoming homeless."
    )
    doc = _doc(text, (Heading(0, 2, "Highlights"),))
    chunks = split_document(doc)
    assert len(chunks) == 1
    assert "Over £320m" in chunks[0].text
    assert "496 households" in chunks[0].text


def test_tiny_tail_of_a_page_joins_the_previous_chunk() -> None:
    body = " ".join(f"Line {i} describes the Essex Assembly meeting in detail." for i in range(30))
    chunks = split_document(_doc(body + "\nOver £320m"), config=ChunkingConfig(chunk_tokens=120))
    assert chunks[-1].text.endswith("Over £320m")
    assert len(chunks[-1].text.split()) > 5


def test_pdf_chunks_keep_their_page_number() -> None:
    doc = Document(
        DocumentInfo("m", "Minutes", "m.pdf"),
        (Page(1, "First page about the budget."), Page(2, "Second page about housing.")),
        "h",
    )
    assert [(c.page, c.text) for c in split_document(doc)] == [
        (1, "First page about the budget."),
        (2, "Second page about housing."),
    ]


def test_section_path_carries_across_pages() -> None:
    doc = Document(
        DocumentInfo("m", "Minutes", "m.pdf"),
        (
            Page(1, "80. Budget\n\nThe report was introduced.", (Heading(0, 2, "80. Budget"),)),
            Page(2, "Members noted it."),
        ),
        "h",
    )
    assert [c.section for c in split_document(doc)] == [("80. Budget",), ("80. Budget",)]


def test_header_does_not_repeat_a_title_that_opens_the_section() -> None:
    assert passage_header("Safer Essex", ("Safer Essex", "Chair")) == "Safer Essex > Chair"


def test_tables_of_figures_never_overflow_the_window(embedder) -> None:
    rows = "\n".join(f"District {i} 53,348.27 55,053.98 93,106.7 +3.{i:02d}%" for i in range(120))
    doc = Document(
        DocumentInfo("t", "Budget report", "t.pdf"), (Page(1, f"Taxbase\n{rows}", (Heading(0, 1, "Taxbase"),)),), "h"
    )
    config = ChunkingConfig(window=embedder.max_tokens)
    chunks = split_document(doc, embedder.count_tokens, config)
    assert len(chunks) > 3
    for chunk in chunks:
        assert (
            embedder.count_tokens(f"{passage_header('Budget report', chunk.section)}\n{chunk.text}")
            <= embedder.max_tokens
        )


def test_overlap_shrinks_when_the_next_sentence_is_long(embedder) -> None:
    long_sentence = " ".join(f"item{i} value {i * 7}" for i in range(70)) + "."
    text = "Please tell us what impact this has on you. Base: all answering.\n" + long_sentence
    doc = _doc(text)
    config = ChunkingConfig(window=embedder.max_tokens)
    for chunk in split_document(doc, embedder.count_tokens, config):
        assert embedder.count_tokens(f"Doc\n{chunk.text}") <= embedder.max_tokens


def test_a_table_opens_a_chunk_and_its_rows_are_cited_under_its_title() -> None:
    from assistant.types import TableSpan

    intro = "The district councils notified their tax bases. " * 6
    rows = "\n".join(f"District {i} — 2024-25: {40 + i},000.00; % change: +{i}.0%" for i in range(30))
    text = f"{intro}\n\nTable 6.2 – Tax base\nDistrict | 2024-25 | % change\n{rows}"
    body = text.index("District 0")
    page = Page(1, text, (), (TableSpan(text.index("Table 6.2"), body, len(text), "Table 6.2 – Tax base"),))
    chunks = split_document(
        Document(DocumentInfo("t", "Budget", "t.pdf"), (page,), "h"),
        config=ChunkingConfig(chunk_tokens=80, overlap_tokens=0),
    )
    assert "Table 6.2" not in chunks[0].text  # the table opens a chunk of its own
    table_chunks = [c for c in chunks if "District 0" in c.text or "District 29" in c.text]
    assert table_chunks[0].text.startswith("Table 6.2 – Tax base\nDistrict | 2024-25 | % change\nDistrict 0")
    for chunk in chunks[1:]:
        assert chunk.section == ("Table 6.2 – Tax base",)
        assert all(re.fullmatch(r"District \d+ — .*%", chunk.text[s:e]) for s, e in chunk.sentences)
