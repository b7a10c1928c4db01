"""What the facade accepts from callers (the CLI, the web API): questions and the passage count."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import InvalidQuestion
from assistant.pipeline import MAX_K, MAX_QUESTION_CHARS, Assistant, validate_k, validate_question


@pytest.mark.parametrize(
    ("k", "expected"),
    [(None, None), (1, 1), (6, 6), (MAX_K, MAX_K), (5.0, 5), ("7", 7), (" 12 ", 12), (np.int64(3), 3)],
    ids=["none", "one", "int", "max", "integral-float", "digits", "padded-digits", "numpy-int"],
)
def test_validate_k_accepts_whole_numbers_in_range(k: object, expected: int | None) -> None:
    assert validate_k(k) == expected


@pytest.mark.parametrize(
    "k",
    [
        True,
        False,
        float("nan"),
        float("inf"),
        -float("inf"),
        1e308,
        2.5,
        "abc",
        "",
        "-5",
        "²",
        "9" * 5000,
        -5,
        0,
        101,
        [3],
    ],
    ids=lambda k: repr(k)[:20],
)
def test_validate_k_refuses_anything_else_with_a_clear_message(k: object) -> None:
    with pytest.raises(InvalidQuestion, match=f"^k must be a whole number from 1 to {MAX_K}, not ") as caught:
        validate_k(k)
    assert len(str(caught.value)) < 80


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("  Who chairs   Safer Essex? ", "Who chairs Safer Essex?"),
        ("\udcff\udcfe bad", "\ufffd\ufffd bad"),  # undecodable argv bytes (surrogateescape)
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("bell\x07 and\x00nul\x1b[31m", "bell and nul [31m"),
        ("line\nbreaks\r\nand\ttabs", "line breaks and tabs"),
    ],
    ids=["whitespace", "surrogate-escapes", "lone-surrogate", "controls", "line-breaks"],
)
def test_validate_question_gives_clean_text(question: str, expected: str) -> None:
    cleaned = validate_question(question)
    assert cleaned == expected
    cleaned.encode("utf-8")  # what the tokenizer needs


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", "empty"),
        ("  \n\t", "empty"),
        ("\x00\x01", "empty"),
        ("x" * (MAX_QUESTION_CHARS + 1), "longer"),
        (None, "text"),
        (42, "text"),
        (b"bytes", "text"),
    ],
    ids=["empty", "blank", "only-controls", "too-long", "none", "int", "bytes"],
)
def test_validate_question_refuses_non_questions(question: object, reason: str) -> None:
    with pytest.raises(InvalidQuestion, match=reason):
        validate_question(question)


@pytest.mark.parametrize("method", ["ask", "search"])
@pytest.mark.parametrize("k", [-5, 0, 101, "abc", float("nan"), True])
def test_ask_and_search_refuse_a_bad_k_before_touching_the_index(settings: Settings, method: str, k: object) -> None:
    assistant = Assistant(settings)  # no index, no model: validation comes first
    with pytest.raises(InvalidQuestion, match="k must be a whole number"):
        getattr(assistant, method)("Who chairs Safer Essex?", k=k)
