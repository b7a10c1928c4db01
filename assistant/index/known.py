"""Vectors the index already holds for chunks that a new reading of a file gives again.

A file read again (its content changed, or newer reading code reads it: :mod:`assistant.index.reader`)
mostly gives the chunks it gave before. Their vectors, and their sentences' vectors, are taken
from the index instead of from the model. A chunk is the same when the text the model reads and
its sentence spans are the same; the indexer checks first that the index was built with the
model and backend it embeds with, so a vector kept is the vector the model would give.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import numpy as np

from assistant.errors import AssistantError
from assistant.index.base import Store
from assistant.types import Chunk

logger = logging.getLogger(__name__)

Key = tuple[str, tuple[tuple[int, int], ...]]
"""The text the model reads for a chunk and its sentences' spans in that text."""
Vectors = tuple[np.ndarray, np.ndarray | None]
"""A chunk's vector and its sentences' vectors."""


def key_of(text: str, spans: Iterable[tuple[int, int]]) -> Key:
    return text, tuple((int(start), int(end)) for start, end in spans)


def known_vectors(
    open_store: Callable[[], Store],
    doc_ids: Iterable[str],
    model_text: Callable[[str, Chunk], tuple[str, list[tuple[int, int]]]],
) -> dict[Key, Vectors]:
    """The stored vectors of the chunks of ``doc_ids``, by :data:`Key`.

    Args:
        open_store: opens the committed index for reading (a store of its own, not the writer's).
        doc_ids: the indexed documents about to be read again.
        model_text: the text the model reads for a chunk of a document with that title, and its
            sentence spans (``assistant.indexer.embedding_text``).

    An index that cannot be read for this gives no vectors: its chunks are embedded again.
    """
    wanted = list(doc_ids)
    if not wanted:
        return {}
    try:
        store = open_store()
        known: dict[Key, Vectors] = {}
        for doc_id in wanted:
            stored = store.export_document(doc_id)
            for chunk, vector, sentences in zip(stored.chunks, stored.vectors, stored.sentence_vectors, strict=True):
                text, spans = model_text(stored.info.title, chunk)
                known[key_of(text, spans)] = (vector, sentences)
    except (AssistantError, OSError, KeyError, ValueError) as exc:
        logger.warning("embedding every chunk again: the stored vectors could not be read (%s)", exc)
        return {}
    return known
