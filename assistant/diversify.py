"""Choosing the final passages: maximal marginal relevance over the candidates' stored vectors.

Greedy MMR: each pick is the candidate with the best ``lambda * relevance - (1 - lambda) *
redundancy``, where redundancy is its largest cosine to a passage already picked, less a small
penalty per passage already picked from its document (so one long document does not fill every
slot; the documents a question names pay none).

A candidate whose vector nearly equals a picked passage's (cosine above ``NEAR_DUPLICATE``) is
dropped when its words are the same too: the same paragraph in a report and its appendix, one
web page copied into another. Vectors alone do not tell duplicates: the chunks of one table
(a pay scale's rows, "KS O — Entry: £109,856; ..." and "KS H — Entry: £39,355; ...") share their
header and form, and their vectors are as close as copies (cosine 0.97 to 0.98), though each holds
other rows. So the table chunks of one document are not redundant with each other at all: the
Children in Care table's chunk with its "Total" row had tied with the next chunk and lost to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

import numpy as np

from assistant.ingest.tables import ROW_LABEL_SEPARATOR

NEAR_DUPLICATE = 0.97
SAME_DOCUMENT_PENALTY = 0.03
_SAME_WORDS = 0.9  # share of the shorter text's words the other must hold to be the same text
_WORD = re.compile(r"\w+")


def diversify(
    vectors: np.ndarray,
    scores: Sequence[float],
    documents: Sequence[str],
    texts: Sequence[str],
    k: int,
    lam: float,
    scoped: Set[str] = frozenset(),
) -> list[int]:
    """Indexes of the ``k`` candidates picked, in order (``scores`` best first, one row of
    ``vectors``, one document id and one text per candidate)."""
    relevance = np.asarray(scores, dtype=np.float64) / (scores[0] or 1.0)
    similarity = vectors @ vectors.T
    tables = np.array([_is_table(text) for text in texts], dtype=bool)
    docs = np.asarray(documents)
    same_table = np.outer(tables, tables) & (docs[:, None] == docs[None, :])
    similarity = np.where(same_table, 0.0, similarity)  # one document's table chunks hold other rows
    redundancy = np.zeros(len(scores))
    same_document = np.zeros(len(scores))
    available = np.ones(len(scores), dtype=bool)
    words: dict[int, set[str]] = {}
    chosen: list[int] = []
    while len(chosen) < k:
        value = lam * relevance - (1 - lam) * redundancy - SAME_DOCUMENT_PENALTY * same_document
        value[~available] = -np.inf
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        chosen.append(best)
        available[best] = False
        for i in np.flatnonzero(available & (similarity[:, best] > NEAR_DUPLICATE)):
            if _same_words(_words_of(words, texts, int(i)), _words_of(words, texts, best)):
                available[i] = False
        redundancy = np.maximum(redundancy, similarity[:, best])
        if documents[best] not in scoped:
            same_document += np.array([d == documents[best] for d in documents], dtype=float)
    return chosen


def _is_table(text: str) -> bool:
    """Whether a chunk is mostly a table's rows ("Total — Dec-23: 1,997; ...")."""
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and sum(ROW_LABEL_SEPARATOR in line for line in lines) * 2 >= len(lines)


def _words_of(memo: dict[int, set[str]], texts: Sequence[str], i: int) -> set[str]:
    if i not in memo:
        memo[i] = set(_WORD.findall(texts[i].lower()))
    return memo[i]


def _same_words(a: set[str], b: set[str]) -> bool:
    shorter = min(len(a), len(b))
    return shorter == 0 or len(a & b) / shorter >= _SAME_WORDS
