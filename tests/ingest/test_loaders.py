"""Loaders: each format reads into pages of clean text; bad input is refused with a reason."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest

from assistant.errors import (
    EmptyDocument,
    EncryptedDocument,
    FileTooLarge,
    IngestError,
    ParseError,
    UnsupportedFileType,
)
from assistant.ingest import load_document
from tests.conftest import CORPUS, DATA
from tests.support import encrypt_pdf, make_docx, make_pdf


def test_markdown_front_matter_gives_metadata() -> None:
    doc = load_document(CORPUS / "essex-partners-collaborative-working-2017.md")
    assert doc.info.title == "Essex Partners"
    assert doc.info.date == "2017-12-06"
    assert doc.info.doc_type == "web page"
    assert doc.info.organisation == "Essex Partners"
    assert "Skip Ribbon" not in doc.pages[0].text
    assert [h.title for h in doc.pages[0].headings][:2] == ["Collaborative working", "Essex Partners"]


def test_markdown_inline_markup_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Title\n\nOver **£320m** of _investment_, see [the report](http://x.test).\n")
    text = load_document(path).pages[0].text
    assert "Over £320m of investment, see the report." in text
    assert "*" not in text
    assert "http" not in text


def test_plain_text_without_metadata_infers_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "board-notes.txt"
    path.write_text("Essex Assembly update\n\nThe Assembly met on 12 March 2019 in Chelmsford.\n")
    info = load_document(path).info
    assert info.title == "Essex Assembly update"
    assert info.date == "2019-03-12"


def test_latin1_text_decodes_sensibly() -> None:
    text = load_document(DATA / "latin1.txt").pages[0].text
    assert "Café" in text
    assert "£320m" in text


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Holiday Hunger projects reached 840 children.".encode("utf-16"))
    assert "840 children" in load_document(path).pages[0].text


def test_html_keeps_visible_text_and_drops_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Safer Essex</title><script>alert('x')</script></head><body>"
        "<nav>Home | About</nav><h1>Safer Essex</h1><p>The chair is <b>Nicola Beach</b>.</p>"
        "<ul><li>Crime</li><li>Disorder</li></ul><p>&lt;script&gt; stays text</p></body></html>"
    )
    doc = load_document(path)
    text = doc.pages[0].text
    assert doc.info.title == "Safer Essex"
    assert doc.info.doc_type == "web page"
    assert "The chair is Nicola Beach." in text
    assert "- Crime" in text
    assert "alert" not in text
    assert "Home | About" not in text
    assert "<script> stays text" in text


def test_docx_headings_become_sections(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "plan.docx",
        "Children's Plan",
        [("Holiday Hunger", ["Fifty-six partners fund holiday clubs.", "- 840 children attended"])],
    )
    doc = load_document(path)
    assert doc.info.title == "Children's Plan"
    assert [h.title for h in doc.pages[0].headings] == ["Children's Plan", "Holiday Hunger"]
    assert "- 840 children attended" in doc.pages[0].text


def test_pdf_gives_one_page_per_pdf_page(tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf(["BOARD MINUTES\n\nThe board met on 9 January 2025.", "Second page text."]))
    doc = load_document(path)
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.info.date == "2025-01-09"
    assert "Second page text." in doc.pages[1].text


def test_pdf_with_owner_password_only_opens(tmp_path: Path) -> None:
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypt_pdf(make_pdf(["Printable but restricted text."]), user_password=""))
    assert "restricted text" in load_document(path).pages[0].text


def test_pdf_hyphenated_line_ends_are_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.pdf"
    path.write_bytes(make_pdf(["The partnership is commit-\nted to reducing home-\nlessness across Essex."]))
    assert "committed to reducing homelessness across Essex." in load_document(path).pages[0].text


@pytest.mark.parametrize(
    ("name", "make", "error", "reason"),
    [
        ("empty.txt", None, EmptyDocument, "empty"),
        ("binary.txt", None, ParseError, "binary"),
        ("corrupt.pdf", None, ParseError, "damaged PDF"),
        ("image_only.pdf", None, EmptyDocument, "no text layer"),
        ("notes.xyz", None, UnsupportedFileType, "unsupported file type"),
        ("locked.pdf", lambda: encrypt_pdf(make_pdf(["secret"]), user_password="pw"), EncryptedDocument, "encrypted"),
        ("fake.pdf", lambda: b"just some text pretending", ParseError, "not a PDF"),
        ("fake.docx", lambda: b"not a zip at all", ParseError, "not a Word document"),
        ("zip.docx", lambda: b"PK\x03\x04garbage-not-a-package" * 3, ParseError, "Word document"),
        ("blank.md", lambda: b"\n\n   \n", EmptyDocument, "no text"),
        ("photo.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, UnsupportedFileType, "unsupported"),
        ("high.txt", lambda: _random_bytes(0x80, 0x100, 20_000), ParseError, "binary"),
        ("high.md", lambda: _random_bytes(0x80, 0x100, 3000), ParseError, "binary"),
        ("high.html", lambda: b"<html><body>" + _random_bytes(0x80, 0x100, 3000), ParseError, "binary"),
        ("mixed.txt", lambda: _random_bytes(0x20, 0x100, 5000), ParseError, "binary"),
        ("wide.txt", lambda: b"\xff\xfe" + _random_bytes(0, 0x100, 4000), ParseError, "binary"),
        ("codepoints.txt", lambda: _random_code_points(3000).encode("utf-8", "replace"), ParseError, "binary"),
        ("pdf.html", lambda: make_pdf(["text"]), ParseError, "binary content in a .html file"),
        ("bomb.docx", lambda: _declared_bomb(), ParseError, "unpacks to 4296 MB, over the 256 MB limit"),
    ],
)
def test_bad_input_is_refused_with_a_reason(tmp_path: Path, name, make, error, reason) -> None:
    path = DATA / name if make is None else tmp_path / name
    if make is not None:
        path.write_bytes(make())
    with pytest.raises(error, match=reason) as caught:
        load_document(path)
    assert "\n" not in str(caught.value)


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 50_000)
    with pytest.raises(FileTooLarge, match="over the"):
        load_document(path, max_bytes=100_000)


def test_every_ingest_error_is_one_line_for_real_tricky_pdfs() -> None:
    tricky = Path(__file__).resolve().parents[3] / "shared" / "data" / "tricky_pdfs"
    if not tricky.exists():
        pytest.skip("../shared/data/tricky_pdfs is not beside this checkout")
    outcomes, reasons = {}, []
    for path in sorted(tricky.glob("*.pdf")):
        try:
            load_document(path)
            outcomes[path.name] = "ok"
        except IngestError as exc:
            reasons.append(str(exc))
            outcomes[path.name] = type(exc).__name__
    assert reasons
    assert all("\n" not in reason for reason in reasons)
    assert outcomes["enc_r6_aes256_owner_password_only.pdf"] == "ok"
    assert outcomes["enc_r4_aes128_user_password.pdf"] == "EncryptedDocument"
    assert outcomes["scanned_image_only_grayscale.pdf"] == "EmptyDocument"
    assert outcomes["meta_unreadable_metadata.pdf"] == "ParseError"
    assert outcomes["text_uninterpretable_type3_font.pdf"] == "ParseError"


def _random_bytes(low: int, high: int, count: int) -> bytes:
    return bytes(random.Random(count).choices(range(low, high), k=count))


def _random_code_points(count: int) -> str:
    """Characters drawn from the whole Basic Multilingual Plane: valid UTF-8, but not text."""
    return "".join(map(chr, random.Random(count).choices(range(0x80, 0xFFFE), k=count)))


def _declared_bomb() -> bytes:
    """A Word file whose directory claims document.xml unpacks to 4 GB."""
    from tests.ingest.test_fuzz import _declared_bomb as bomb

    with tempfile.TemporaryDirectory() as folder:
        return bomb(make_docx(Path(folder) / "x.docx", "T", [("H", ["text"])]).read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        "Café au lait, crème brûlée and a £5 note: the board’s “plan” – agreed.\n",
        "Straße, Größe, Übersicht: die Partnerschaft tagte am 3. März.\n",
        "Ação, coração e informação: o conselho reuniu-se em São Paulo.\n",
    ],
    ids=["cp1252-quotes", "german", "portuguese"],
)
def test_real_text_in_a_legacy_encoding_still_loads(tmp_path: Path, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((text * 20).encode("cp1252"))
    assert load_document(path).pages[0].text.startswith(text.strip()[:20])


@pytest.mark.parametrize(
    "front_matter",
    [
        "title: " + "[" * 10_000,
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\ntitle: *b\ndate: *b",
        "date: 0000-01-01",
        "date: " + "1" * 5000,
        "title: " + "x" * 70_000,
    ],
    ids=["deep-nesting", "alias-bomb", "year-zero", "huge-integer", "huge"],
)
def test_hostile_front_matter_is_ignored_and_the_body_kept(tmp_path: Path, front_matter: str) -> None:
    path = tmp_path / "notes.md"
    path.write_text(f"---\n{front_matter}\n---\n# Board notes\n\nThe board met on 12 March 2019.\n")
    doc = load_document(path)
    assert doc.info.title == "Board notes"
    assert doc.info.date == "2019-03-12"


def test_markdown_emphasis_nested_in_bold_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# T\n\n**bold *italic* text**, __under__ and <!-- hidden --> shown [link [x]](http://x.test)\n")
    assert load_document(path).pages[0].text.endswith("bold italic text, under and shown [link [x]](http://x.test)")


@pytest.mark.parametrize("name", ["new\nline", "esc\x1b[31mred", "bidi\u202eevil", "tab\there"])
def test_titles_from_file_names_carry_no_control_characters(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text("the partnership board met and agreed the plan for the year ahead, with thanks to all.\n")
    title = load_document(path).info.title
    assert title.isprintable()
    assert title.startswith(name[:3].capitalize())


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(ParseError, match="not a regular file"):
        load_document(pipe)  # opening it would wait for a writer forever
