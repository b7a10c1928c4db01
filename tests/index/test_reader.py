"""The fingerprint of the reading code follows its code, not its comments or docstrings."""

from __future__ import annotations

import re

from assistant.index.manifest import DocumentRecord
from assistant.index.reader import code_of, read_earlier, reader_fingerprint
from assistant.types import DocumentInfo

SOURCE = '''"""A module."""

def rows(table):
    """The rows of a table."""
    return [r for r in table if r]  # drop blank rows
'''


def test_comments_docstrings_and_layout_do_not_change_the_code() -> None:
    reworded = SOURCE.replace("A module.", "Another module.").replace("# drop blank rows", "# keep the rest")
    laid_out = "def rows(table):\n    return [\n        r for r in table if r\n    ]\n"
    assert code_of(reworded) == code_of(SOURCE) == code_of(laid_out)


def test_a_change_to_the_code_changes_it() -> None:
    assert code_of(SOURCE.replace("if r]", "if r.strip()]")) != code_of(SOURCE)


def test_the_fingerprint_is_sixteen_hex_digits_and_stable() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", reader_fingerprint())
    assert reader_fingerprint() == reader_fingerprint()


def test_documents_read_by_other_code_are_counted() -> None:
    info = DocumentInfo(doc_id="a", title="A", source="a.md")
    records = [
        DocumentRecord(info, "0" * 64, 0, 1, 1, reader_fingerprint()),
        DocumentRecord(info, "0" * 64, 1, 1, 1, "0123456789abcdef"),
        DocumentRecord(info, "0" * 64, 2, 1, 1),  # built before the reading code was recorded
    ]
    assert read_earlier(records) == 2
