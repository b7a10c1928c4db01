"""Which version of the reading code read a document.

What an index holds for a file depends on the file and on the code that read it: the readers of
each format (``assistant/ingest``), the chunker, the sentence splitter and the directory
extraction. A newer version of that code may read an unchanged file differently (a table's rows
kept whole, a heading no longer taken for an initiative), so each document's record keeps the
fingerprint of the code that read it, and ``assistant index`` reads again a file whose record holds
another one, as it does a file whose content changed.

The fingerprint is taken over the code's syntax trees with docstrings left out, so a change to a
comment, a docstring or the layout of that code does not make every document be read again.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from assistant.index.manifest import DocumentRecord

PACKAGE = Path(__file__).resolve().parent.parent
READING_CODE = ("ingest", "chunking.py", "sentences.py", "directory")
_WITH_DOCSTRINGS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def reader_fingerprint() -> str:
    """The fingerprint of the reading code (16 hexadecimal digits)."""
    return code_digest(READING_CODE)[:16]


@functools.cache
def code_digest(parts: tuple[str, ...]) -> str:
    """The SHA-256 of the code of the package's ``parts`` (folders or files), docstrings and
    comments left out; computed once per process."""
    digest = hashlib.sha256()
    for part in parts:
        path = PACKAGE / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(PACKAGE).as_posix().encode())
            digest.update(code_of(source.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()


def code_of(source: str) -> str:
    """The syntax tree of Python source without its docstrings or comments, as text."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, _WITH_DOCSTRINGS) and _docstring(node.body):
            node.body = node.body[1:] or [ast.Pass()]
    return ast.dump(tree)


def _docstring(body: list[ast.stmt]) -> bool:
    first = body[0] if body else None
    return isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)


def read_earlier(records: Iterable[DocumentRecord]) -> int:
    """How many of the indexed documents were read by another version of the reading code."""
    current = reader_fingerprint()
    return sum(record.reader != current for record in records)
