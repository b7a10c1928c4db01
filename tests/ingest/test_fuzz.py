"""Fuzzing the indexer: hostile files of every supported type never crash it, hang it, or cost
it a document already indexed.

About three hundred generated files (fixed seed) under every supported suffix: random bytes,
text that only looks like the format, real PDFs and Word files truncated, bit-flipped or named
with the wrong suffix, huge single lines of markup left open, nesting ten thousand deep, and
bombs (YAML aliases, a Flate stream, a Word package claiming 4 GB). They are indexed in one
``Assistant.index`` run beside the shipped corpus, each file's loading, chunking and directory
extraction under its own deadline. The huge lines are also loaded at 400,000 characters, where
quadratic work would take minutes, without the embedding that indexing them would cost.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import random
import signal
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import IngestError, ParseError
from assistant.index import make_store
from assistant.ingest import SUPPORTED_SUFFIXES, load_document
from assistant.pipeline import Assistant
from tests.support import make_docx, make_pdf

SEED = 1207
CASE_SECONDS = 60.0  # per file and stage: a hang guard (the slowest case takes well under a second on a quiet machine)
RUN_SECONDS = 900  # a hang inside C code, which no signal interrupts, kills the run with tracebacks
# characters in a "huge single line": indexed, a line costs embedding time in proportion to its
# tokens, so the lines indexed are shorter than those only loaded (enough to show quadratic work)
HUGE_INDEXED = 20_000
HUGE_LOADED = 400_000
DEEP = 10_000  # nesting depth

_PROSE = (
    "The Essex Partnership Board agreed the community safety plan. Members noted the report on "
    "holiday hunger, which reached 840 children, and resolved to review the budget in March."
)


def test_hostile_files_never_crash_hang_or_lose_indexed_documents(
    tmp_path: Path, corpus_copy: Path, settings, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    assistant = Assistant(settings, embedder=embedder)
    assistant.index([corpus_copy])
    before = _chunk_counts(settings)
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    cases = hostile_files(random.Random(SEED), tmp_path)
    assert len(cases) >= 250
    for name, data in cases:
        (hostile / name).write_bytes(data)
    crashes, overtime = _guard_stages(monkeypatch)

    faulthandler.dump_traceback_later(RUN_SECONDS, exit=True)
    try:
        report = assistant.index([hostile])
    finally:
        faulthandler.cancel_dump_traceback_later()

    assert crashes == []
    assert overtime == []
    after = _chunk_counts(settings)
    assert {doc_id: after.get(doc_id) for doc_id in before} == before
    indexed = {Path(source).name for source in _sources(settings)}
    skipped = {Path(path).name: reason for path, reason in report.skipped}
    assert {name for name, _ in cases} <= indexed | set(skipped)
    assert all(reason.strip() and "\n" not in reason and len(reason) <= 200 for reason in skipped.values())


def hostile_files(rnd: random.Random, workdir: Path) -> list[tuple[str, bytes]]:
    """The generated cases as (file name, content), every supported suffix among them."""
    real = _real_documents(workdir)
    cases: list[tuple[str, bytes]] = []
    for suffix in SUPPORTED_SUFFIXES:
        stem = suffix.lstrip(".")
        cases += [(f"random-{stem}-{size}{suffix}", rnd.randbytes(size)) for size in (1, 3, 64, 700, 4096)]
        cases += [
            (f"high-{stem}-{size}{suffix}", bytes(rnd.choices(range(0x80, 0x100), k=size))) for size in (50, 3000)
        ]
        cases += [(f"soup-{stem}-{size}{suffix}", _soup(rnd, size)) for size in (200, 800, 1600)]
        cases += [(f"magic-{stem}-{n}{suffix}", magic + rnd.randbytes(1000)) for n, magic in enumerate(_MAGIC)]
        cases += [(f"as-{kind}-{stem}{suffix}", data) for kind, data in real.items()]
    for kind in ("pdf", "pdf-compressed", "docx"):
        data = real[kind]
        suffix = ".docx" if kind == "docx" else ".pdf"
        cuts = sorted(rnd.sample(range(1, len(data)), 10))
        cases += [(f"truncated-{kind}-{cut}{suffix}", data[:cut]) for cut in cuts]
    cases += [(f"flipped-pdf-{n}.pdf", _flip(rnd, real["pdf-compressed"], n + 1)) for n in range(10)]
    cases += [(f"mangled-docx-{n}.docx", _mangle_docx(rnd, real["docx"])) for n in range(8)]
    cases += _huge_lines(HUGE_INDEXED) + _deep_nesting(real["docx"])
    return cases


_MAGIC = (b"%PDF-1.7\n", b"PK\x03\x04", b"<html>", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"---\n", b"{\\rtf1")


def _soup(rnd: random.Random, size: int) -> bytes:
    """Text made of the format's own punctuation: tags, emphasis, links, front matter, entities."""
    pieces = ["<", ">", "</", "<p>", "<div ", "=", '"', "'", "&", "&#", ";", "#", "*", "**", "_", "[", "]",
              "(", ")", "`", "~", "|", "---", "-", "\n", "\n\n", " ", "\t", "word", "Board", "<!--", "-->",
              "<script>", ":", "\\", "é", "£", "\u202e", "\x0b"]  # fmt: skip
    out: list[str] = []
    length = 0
    while length < size:
        piece = rnd.choice(pieces)
        out.append(piece)
        length += len(piece)
    return "".join(out).encode("utf-8")


def _flip(rnd: random.Random, data: bytes, count: int) -> bytes:
    mutable = bytearray(data)
    for _ in range(count):
        mutable[rnd.randrange(len(mutable))] = rnd.randrange(256)
    return bytes(mutable)


def _mangle_docx(rnd: random.Random, data: bytes) -> bytes:
    """The Word file re-packed with its document.xml cut, duplicated or stuffed with stray tags."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["word/document.xml"]
    at = rnd.randrange(len(xml))
    parts["word/document.xml"] = rnd.choice(
        [xml[:at], xml[:at] + xml[at // 2 :], xml[:at] + b"</w:p><w:p" + xml[at:], xml[:at] + b"<" * 50 + xml[at:]]
    )
    return _zip(parts)


def _huge_lines(n: int) -> list[tuple[str, bytes]]:
    """Single lines of about ``n`` characters, most of them markup left open."""
    return [
        ("letters.txt", b"a" * n),
        ("spaces.text", b"word" + b" \t" * (n // 2) + b"end"),
        ("brackets.md", b"[" * n),
        ("emphasis.md", b"**a " * (n // 4)),
        ("comments.markdown", b"<!--" * (n // 4)),
        ("heading-spaces.md", b"#" + b" " * n + b"x"),
        ("links.md", b"[a](" * (n // 4)),
        ("unclosed-tags.html", b"<html><body>" + b"<b>" * (n // 3)),
        ("attributes.html", b"<html>" + b"<a " * (n // 3)),
        ("entities.htm", b"<html>" + b"&#" * (n // 2)),
        ("comments.htm", b"<html>" + b"<!--" * (n // 4)),
        ("stray-ends.xhtml", b"<html>" + b"<b></i>" * (n // 7)),
        ("one-paragraph.html", b"<html><p>" + b"x" * n + b"</p></html>"),
        ("one-line.pdf", make_pdf(["Board" * (n // 5)])),
    ]


@pytest.mark.parametrize(("name", "data"), _huge_lines(HUGE_LOADED), ids=[name for name, _ in _huge_lines(100)])
def test_huge_lines_of_open_markup_load_in_linear_time(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with _deadline(CASE_SECONDS):
        outcome = _outcome(path)
    assert "\n" not in outcome


def _outcome(path: Path) -> str:
    """'loaded', or the one-line reason the file was refused."""
    try:
        load_document(path)
    except IngestError as exc:
        return str(exc)
    return "loaded"


def _deep_nesting(docx: bytes) -> list[tuple[str, bytes]]:
    d = DEEP
    cases = [
        ("deep-closed.html", b"<html><body>" + b"<div>" * d + b"Board text" + b"</div>" * d),
        ("deep-open.htm", b"<html><body>" + b"<div><span>" * d + b"Board text"),
        (
            "deep.xhtml",
            b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">' + b"<ul><li>" * d + b"Board",
        ),
        ("deep-quotes.md", b">" * d + b" Board text"),
        ("deep-list.md", b"\n".join(b"  " * i + b"- item" for i in range(1500))),
        ("deep-front-matter.md", b"---\ntitle: " + b"[" * d + b"\n---\nBoard text"),
        ("alias-bomb.md", _alias_bomb()),
        ("bad-date.md", b"---\ndate: 0000-01-01\ntitle: 1" + b"1" * 5000 + b"\n---\nBoard text"),
        ("deep-arrays.pdf", _pdf_with(b"/Annots " + b"[" * d + b"]" * d)),
        ("deep-dicts.pdf", _pdf_with(b"/Annots " + b"<< /A " * d + b">> " * d)),
        ("page-tree-loop.pdf", _page_tree_loop()),
        ("reference-chain.pdf", _reference_chain(3000)),
        ("flate-bomb.pdf", _flate_bomb(100_000_000)),
        ("deep-xml.docx", _docx_with(b"<w:sdt><w:sdtContent>" * d, b"</w:sdtContent></w:sdt>" * d)),
        ("deep-runs.docx", _docx_with(b"<w:p>" + b"<w:hyperlink>" * 200, b"</w:hyperlink>" * 200 + b"</w:p>")),
        ("nested-tables.docx", _docx_with(b"<w:tbl><w:tr><w:tc>" * 60, b"</w:tc></w:tr></w:tbl>" * 60)),
        ("wide-table.docx", _docx_with(b"<w:tbl><w:tr>" + _CELL * 20_000 + b"</w:tr></w:tbl>", b"")),
        ("declared-bomb.docx", _declared_bomb(docx)),
    ]
    return cases


def _real_documents(workdir: Path) -> dict[str, bytes]:
    """One genuine file of each kind, to truncate, corrupt and misname."""
    pdf = make_pdf([f"BOARD MINUTES\n\n{_PROSE}", _PROSE])
    compressed = _compressed(pdf)
    docx_path = make_docx(workdir / "real.docx", "Board plan", [("Holiday Hunger", [_PROSE, "- 840 children"])])
    return {
        "pdf": pdf,
        "pdf-compressed": compressed,
        "docx": docx_path.read_bytes(),
        "html": f"<html><head><title>Board</title></head><body><h1>Board</h1><p>{_PROSE}</p></body></html>".encode(),
        "md": f"---\ntitle: Board\ndate: 2019-03-12\n---\n# Board\n\n{_PROSE}\n".encode(),
        "txt": f"Board notes\n\n{_PROSE}\n".encode("cp1252"),
    }


def _compressed(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets))
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _text_page(extra: bytes = b"", contents: int = 4) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
        + f"/Contents {contents} 0 R ".encode()
        + extra
        + b" >>"
    )


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length " + str(len(data)).encode() + extra + b" >>\nstream\n" + data + b"\nendstream"


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_SHOW = b"BT /F1 11 Tf 50 780 Td (Board minutes: the partnership met.) Tj ET"


def _pdf_with(extra: bytes) -> bytes:
    """A one-page PDF whose page dictionary carries ``extra`` (deeply nested objects)."""
    pages = b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
    return _pdf([_CATALOG, pages, _FONT, _stream(_SHOW), _text_page(extra)])


def _page_tree_loop() -> bytes:
    pages = b"<< /Type /Pages /Kids [2 0 R 5 0 R] /Count 2 >>"  # the tree lists itself as a kid
    return _pdf([_CATALOG, pages, _FONT, _stream(_SHOW), _text_page()])


def _reference_chain(length: int) -> bytes:
    """A page whose /Rotate is a reference to a reference to ... ``length`` deep."""
    pages = b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
    chain = [f"{n + 1} 0 R".encode() for n in range(6, 6 + length)] + [b"0"]
    return _pdf([_CATALOG, pages, _FONT, _stream(_SHOW), _text_page(b"/Rotate 6 0 R"), *chain])


def _flate_bomb(size: int) -> bytes:
    """A content stream of ``size`` spaces, compressed to a thousandth of that."""
    compressor = zlib.compressobj(9)
    block = b" " * 1_000_000
    packed = b"".join(compressor.compress(block) for _ in range(size // len(block))) + compressor.flush()
    pages = b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
    return _pdf([_CATALOG, pages, _FONT, _stream(packed, b" /Filter /FlateDecode"), _text_page()])


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


_PARAGRAPH = b"<w:p><w:r><w:t>Board text</w:t></w:r></w:p>"
_CELL = b"<w:tc>" + _PARAGRAPH + b"</w:tc>"


def _docx_with(opening: bytes, closing: bytes) -> bytes:
    """A minimal Word package whose body is ``opening``, a paragraph, then ``closing``."""
    document = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        + _W
        + b"><w:body>"
        + opening
        + _PARAGRAPH
        + closing
        + b"</w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            "word/document.xml": document,
        }
    )


def _declared_bomb(docx: bytes) -> bytes:
    """The Word file with its central directory claiming document.xml unpacks to 4 GB."""
    data = bytearray(docx)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _alias_bomb() -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    lines += [f"{key}: *a8" for key in ("title", "date", "doc_type", "organisation", "origin")]
    return ("---\n" + "\n".join(lines) + "\n---\nBoard text\n").encode()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


class _Overtime(BaseException):
    """A stage ran past its deadline (a BaseException: the loaders rightly catch Exception)."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _guard_stages(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Run each file's loading, chunking and directory extraction under a deadline; a loader
    that raises anything but an IngestError is recorded as a crash (and the run goes on)."""
    import assistant.indexer as indexer

    crashes: list[str] = []
    overtime: list[str] = []

    def guard(function: Callable[..., Any], catch_crashes: bool) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            label = f"{function.__name__}({_label(args[0])})"
            started = time.perf_counter()
            try:
                with _deadline(CASE_SECONDS):
                    return function(*args, **kwargs)
            except _Overtime:
                overtime.append(label)
                raise ParseError("overtime") from None
            except IngestError:
                raise
            except Exception as exc:
                if not catch_crashes:
                    raise
                crashes.append(f"{label}: {exc.__class__.__name__}: {exc}"[:300])
                raise ParseError("crash") from exc
            finally:
                if time.perf_counter() - started > CASE_SECONDS and label not in overtime:
                    overtime.append(label)  # a C call the signal could not interrupt

        return guarded

    monkeypatch.setattr(indexer, "load_document", guard(indexer.load_document, catch_crashes=True))
    monkeypatch.setattr(indexer, "split_document", guard(indexer.split_document, catch_crashes=False))
    monkeypatch.setattr(indexer, "extract_document", guard(indexer.extract_document, catch_crashes=False))
    return crashes, overtime


def _label(subject: Any) -> str:
    return subject.name if isinstance(subject, Path) else getattr(getattr(subject, "info", None), "source", "?")


def _chunk_counts(settings) -> dict[str, tuple[int, str]]:
    manifest = make_store(settings).current()
    return {doc_id: (record.chunks, record.content_hash) for doc_id, record in manifest.documents.items()}


def _sources(settings) -> set[str]:
    manifest = make_store(settings).current()
    return {record.info.source for record in manifest.documents.values()}
