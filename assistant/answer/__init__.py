"""Answerers: the extractive default and an optional OpenAI-compatible generative one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from assistant.answer.citations import finalize_citations
from assistant.answer.extractive import ABSTAIN_TEXT, ExtractiveAnswerer
from assistant.config import Settings
from assistant.retrieve import Retrieval
from assistant.types import Answer, Passage

__all__ = ["ABSTAIN_TEXT", "Answerer", "ExtractiveAnswerer", "finalize_citations", "make_answerer"]


class Answerer(Protocol):
    """Turns a question and its retrieved passages into a cited answer."""

    name: str

    def answer(self, question: str, retrieval: Retrieval) -> Answer:
        """The answer, every [n] resolved to a passage of ``retrieval``."""


def make_answerer(
    settings: Settings,
    neighbour: Callable[[Passage], Passage | None] | None = None,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> Answerer:
    """The extractive answerer, or the generative one when ``llm_url`` is set.

    ``neighbour`` gives the passage after a passage in its document, for lists that run on;
    ``embed`` embeds texts, for heading lines that hold an answer.
    """
    extractive = ExtractiveAnswerer(settings.abstain_threshold, neighbour=neighbour, embed=embed)
    if not settings.llm_url:
        return extractive
    from assistant.answer.llm import OpenAIChatAnswerer

    return OpenAIChatAnswerer(
        settings.llm_url, settings.llm_model, extractive, api_key=settings.llm_api_key, timeout=settings.llm_timeout
    )
