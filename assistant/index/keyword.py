"""The keyword index: BM25 over chunk texts with English stemming and stop words (bm25s)."""

from __future__ import annotations

import functools
import logging
import math
import re
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.errors import IndexStoreError

logger = logging.getLogger(__name__)


def _stemmer() -> object | None:
    try:
        import Stemmer
    except ImportError:  # stemming is an improvement, not a requirement
        return None
    return Stemmer.Stemmer("english")


# Words of two or more characters (bm25s's default pattern), and a capital letter standing alone:
# a grade, a band, an annex ("KS H", "band D", "Annex B"). Matched before lower-casing, so
# lower-case letters ("Thanet's", "(b)") stay out; "A" and "I" become stop words. Lone digits
# stay out too: measured, they cost SciFact more than they gave elsewhere (docs/quality-notes.md).
_WORDS = re.compile(r"(?u)\b\w\w+\b|\b[A-Z]\b").findall
_local = threading.local()  # a PyStemmer stemmer must not be shared between threads


# bm25s's English list plus words that carry no topic in a question ("which", "who", "many").
_EXTRA_STOPWORDS = (
    "which who whom whose what when where why how does did do done many much can could would should "
    "may might must shall its it's i me my we our us you your he she him her his they them their "
    "about also any all been being has have had more most other some such than those these over "
    # number words: documents write figures as digits ("7 ambitions"), so the words only add noise
    "one two three four five six seven eight nine ten eleven twelve twenty hundred thousand".split()
)


@functools.cache
def _quiet_bm25s() -> None:
    """bm25s sets its own logger to DEBUG when imported; keep it at the application's warnings."""
    logging.getLogger("bm25s").setLevel(logging.WARNING)


@functools.lru_cache(maxsize=1)
def stopwords() -> tuple[str, ...]:
    """The stop words dropped from both documents and queries."""
    import bm25s.stopwords

    _quiet_bm25s()

    return tuple(sorted(set(bm25s.stopwords.STOPWORDS_EN) | set(_EXTRA_STOPWORDS)))


def tokenize(texts: Sequence[str], return_ids: bool = True) -> object:
    """Keyword tokens (see :func:`terms`); with ``return_ids``, as a ``bm25s.tokenization.Tokenized``."""
    if not return_ids:
        return terms(texts)
    import bm25s.tokenization

    _quiet_bm25s()

    vocab: dict[str, int] = {}
    ids = [[vocab.setdefault(term, len(vocab)) for term in text_terms] for text_terms in terms(texts)]
    return bm25s.tokenization.Tokenized(ids=ids, vocab=vocab)


def terms(texts: Sequence[str]) -> list[list[str]]:
    """Each text's tokens as strings: lower-cased words of two or more characters and capital
    letters standing alone, stop words dropped, stemmed.

    Without ``bm25s.tokenize``'s per-call set-up: this runs for every sentence of every candidate
    passage of every question.
    """
    stop = _stopword_set()
    stem = _stem_words()
    return [stem([word for word in map(str.lower, _WORDS(text)) if word not in stop]) for text in texts]


@functools.lru_cache(maxsize=1)
def _stopword_set() -> frozenset[str]:
    return frozenset(stopwords())


def _stem_words() -> Callable[[list[str]], list[str]]:
    stem = getattr(_local, "stem", None)
    if stem is None:
        stemmer = _stemmer()
        stem = stemmer.stemWords if stemmer is not None else list  # type: ignore[attr-defined]
        _local.stem = stem
    return stem


def _top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the ``k`` best positive scores, best first, ties by row.

    Selecting among the positive rows only: most rows score zero for a query, and a partition of
    an array of mostly equal values is many times slower than one of the few that match.
    """
    rows = np.flatnonzero(scores > 0)
    values = scores[rows]
    if len(rows) > k:
        threshold = np.partition(values, len(values) - k)[len(values) - k]
        above = values > threshold
        level = np.flatnonzero(values == threshold)[: k - int(above.sum())]
        keep = np.concatenate([np.flatnonzero(above), level])
        rows, values = rows[keep], values[keep]
    return rows[np.lexsort((rows, -values))]


class BM25Index:
    """A BM25 index whose document numbers are chunk rows."""

    def __init__(self, retriever: object | None, count: int) -> None:
        self._retriever = retriever
        self.count = count

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        import bm25s

        _quiet_bm25s()

        if not texts:
            return cls(None, 0)
        retriever = bm25s.BM25()
        retriever.index(terms(texts), show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(directory))  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path, count: int) -> BM25Index:
        import bm25s

        _quiet_bm25s()

        if count == 0:
            return cls(None, 0)
        try:
            retriever = bm25s.BM25.load(str(directory), mmap=True, show_progress=False)
        except (OSError, ValueError) as exc:
            raise IndexStoreError(f"the keyword index {directory} is unreadable: rebuild the index") from exc
        return cls(retriever, count)

    def query_terms(self, query: str) -> list[str]:
        """The query's terms that occur in the collection, after the index's tokenisation."""
        if self._retriever is None:
            return []
        vocab = self._retriever.vocab_dict  # type: ignore[attr-defined]
        return [t for t in tokenize([query], return_ids=False)[0] if t in vocab]  # type: ignore[index]

    def term_weights(self, query: str) -> dict[str, float]:
        """BM25 inverse document frequency of each query term; terms the collection lacks weigh most."""
        terms = tokenize([query], return_ids=False)[0]  # type: ignore[index]
        if self._retriever is None:
            return dict.fromkeys(terms, 1.0)
        vocab = self._retriever.vocab_dict  # type: ignore[attr-defined]
        indptr = self._retriever.scores["indptr"]  # type: ignore[attr-defined]
        weights = {}
        for term in terms:
            token = vocab.get(term)
            frequency = int(indptr[token + 1] - indptr[token]) if token is not None and token + 1 < len(indptr) else 0
            weights[term] = math.log(1 + (self.count - frequency + 0.5) / (frequency + 0.5))
        return weights

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (row, BM25 score) pairs with a positive score, restricted by ``mask``."""
        query_terms = self.query_terms(query)
        if not query_terms or k <= 0:
            return []
        scores = self._scores(query_terms)
        if mask is not None:
            scores *= mask.astype(np.float32)
        rows = _top_positive(scores, k)
        return [(int(r), float(scores[r])) for r in rows]

    def _scores(self, query_terms: list[str]) -> np.ndarray:
        """Every row's BM25 score, as ``bm25s.BM25.get_scores`` computes it (same float32 sums in
        the same order), without its per-call thread pool and ``np.add.at``: a term's postings
        hold each row once, so a fancy-indexed add is exact and many times faster."""
        retriever = self._retriever
        vocab = retriever.vocab_dict  # type: ignore[union-attr]
        index = retriever.scores  # type: ignore[union-attr]
        data, indices, indptr = index["data"], index["indices"], index["indptr"]
        scores = np.zeros(index["num_docs"], dtype=np.dtype(retriever.dtype))  # type: ignore[union-attr]
        ids = [vocab[term] for term in query_terms]
        for token in ids:
            start, end = indptr[token], indptr[token + 1]
            scores[indices[start:end]] += data[start:end]
        nonoccurrence = getattr(retriever, "nonoccurrence_array", None)
        if nonoccurrence is not None:
            scores += nonoccurrence[np.asarray(ids)].sum()
        return scores
