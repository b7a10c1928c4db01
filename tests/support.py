"""Helpers that write small real-format documents for the tests."""

from __future__ import annotations

import io
import zlib
from pathlib import Path


def make_pdf(pages: list[str]) -> bytes:
    """A minimal, valid PDF with one text page per string (Helvetica, one line per text line)."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(len(pages)).encode() + b" >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.split("\n")]
        shown = [f"({line or ' '}) Tj T*" for line in lines]  # blank lines become a space, as Word writes them
        stream = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(shown) + " ET"
        data = stream.encode("latin-1")
        content_id = page_ids[i] + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        objects.append(b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream")
    return _assemble(objects)


Placed = tuple[float, float, str]  # x, y (points from the bottom left), text


def make_placed_pdf(items: list[Placed], size: float = 10.0) -> bytes:
    """A one-page PDF with each text drawn where given, as a table or a layout is drawn."""
    shown = []
    for x, y, text in items:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        shown.append(f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({escaped}) Tj ET")
    data = "\n".join(shown).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream",
    ]
    return _assemble(objects)


def table_items(
    caption: str, header: list[str], rows: list[list[str]], top: float = 700.0, columns: list[float] | None = None
) -> list[Placed]:
    """A caption line, a row of column names and the rows under it, each cell at its column."""
    columns = columns or [60.0 + 110.0 * i for i in range(len(header))]
    items: list[Placed] = [(60.0, top + 30.0, caption)] if caption else []
    for r, cells in enumerate([header, *rows]):
        items.extend((columns[c], top - 18.0 * r, cell) for c, cell in enumerate(cells) if cell)
    return items


def make_image_only_pdf() -> bytes:
    """A one-page PDF holding only a small grey image: no text layer, like a scan."""
    pixels = zlib.compress(bytes([128]) * (8 * 8))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length " + str(len(pixels)).encode() + b" >>\nstream\n" + pixels + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >> "
        b"/Contents 5 0 R >>",
    ]
    draw = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
    objects.append(b"<< /Length " + str(len(draw)).encode() + b" >>\nstream\n" + draw + b"\nendstream")
    return _assemble(objects)


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The PDF encrypted with AES-256 (pypdf); an empty user password opens it without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(path: Path, title: str, sections: list[tuple[str, list[str]]]) -> Path:
    """A Word document with a Title, Heading 1 sections and their paragraphs."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph(title, style="Title")
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            if paragraph.startswith("- "):
                document.add_paragraph(paragraph[2:], style="List Bullet")
            else:
                document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def _assemble(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def indexed_assistant(root: Path, documents: dict[str, str], embedder: object):  # type: ignore[no-untyped-def]
    """An :class:`~assistant.pipeline.Assistant` over ``documents`` (file name -> text) written
    under ``root/docs`` and indexed with the real ``embedder``."""
    from assistant.config import Settings
    from assistant.pipeline import Assistant

    corpus = root / "docs"
    corpus.mkdir()
    for name, text in documents.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assistant = Assistant(Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data"), embedder)
    assistant.index([corpus])
    return assistant


def pdf_passage(text: str, section: tuple[str, ...], info: object, page: int = 1, ordinal: int = 0):  # type: ignore[no-untyped-def]
    """A :class:`~assistant.types.Passage` of ``text`` as a PDF's chunk gives it: its sentences split
    as the index splits them, under ``section``, of the document ``info`` (a DocumentInfo)."""
    from assistant.sentences import split_sentences
    from assistant.types import Chunk, Passage

    spans = tuple(split_sentences(text))
    chunk = Chunk(info.doc_id, ordinal, text, page, section, 0, len(text), spans)  # type: ignore[attr-defined]
    return Passage(chunk, info, 1.0)  # type: ignore[arg-type]
