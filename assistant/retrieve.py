"""Hybrid retrieval: dense (FAISS) and keyword (BM25) results, fused, dated and diversified.

1. The query is embedded and both indexes return their best candidates (with filters).
2. The two rankings are fused (reciprocal-rank fusion by default, see :mod:`assistant.fusion`).
3. Newer documents get a small boost, a larger one when the question asks for the latest.
4. The leading candidates are reranked by their best sentence as evidence (see
   :mod:`assistant.evidence`): a chunk that holds one sentence answering the question rises
   even when the rest of it is about something else.
5. Maximal marginal relevance picks the final passages, so near-duplicate chunks and one
   long document do not fill every slot.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

import numpy as np

from assistant.config import Settings
from assistant.dates import date_bounds
from assistant.embedding import Embedder, same_vectors
from assistant.evidence import (
    KEYWORD_WEIGHT,
    LIST_ITEM,
    SEMANTIC_WEIGHT,
    Query,
    keyword_share,
    score_sentences,
    terms_of,
)
from assistant.fusion import fuse
from assistant.index import Store
from assistant.types import DocumentInfo, Filters, Passage

logger = logging.getLogger(__name__)

_NEAR_DUPLICATE = 0.97
_SAME_DOCUMENT_PENALTY = 0.03
_LATEST_BOOST = 5.0
_SENTENCE_SHARE = 0.3  # weight of the best-sentence evidence against the fused chunk score
_RERANK_DEPTH = 30
_WARNED: set[tuple[str, str]] = set()
_DOCUMENTS: list[object] = [None, {}]  # the last manifest seen and its documents by id


@dataclass(frozen=True, eq=False)
class Retrieval:
    """Passages for a query, with the scoring query and the best raw dense similarity."""

    query: Query
    passages: list[Passage]
    best_dense: float


class HybridRetriever:
    """Retrieves passages from a store with dense and keyword search."""

    def __init__(self, store: Store, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        built_with = store.manifest.embedding_backend if store.manifest else ""
        serving = getattr(embedder, "backend", "")
        if not same_vectors(built_with, serving) and (built_with, serving) not in _WARNED:
            _WARNED.add((built_with, serving))
            logger.warning(
                "the index was embedded with the %s backend but questions are embedded with %s, whose vectors "
                "differ: answers may suffer until `assistant index --rebuild`",
                built_with or "torch",
                serving,
            )

    def retrieve(
        self, query: str, filters: Filters | None = None, k: int | None = None, prefer_recent: bool = False
    ) -> Retrieval:
        """The ``k`` best passages for ``query`` (default: the ``top_k`` setting)."""
        s = self.settings
        k = k or s.top_k
        scoring = Query(
            query,
            self.embedder.embed([query])[0],
            self.store.term_weights(query),
            frozenset(self.store.keyword_terms(query)),
        )
        dense = self.store.dense_search(scoring.vector, s.candidates, filters)
        keyword = self.store.keyword_search(query, s.candidates, filters)
        fused = fuse(dense, keyword, s.fusion, s.rrf_k, s.dense_weight)
        best_dense = max((v for _, v in dense), default=0.0)
        if not fused:
            return Retrieval(scoring, [], best_dense)
        documents = self._documents()
        weight = s.recency_weight * (_LATEST_BOOST if prefer_recent else 1.0)
        freshness = _relative_freshness({documents[self.store.doc_of_row(row)] for row, _ in fused})
        dated = [(row, score + weight * freshness[self.store.doc_of_row(row)]) for row, score in fused]
        dated.sort(key=lambda item: -item[1])
        candidates = self._rerank(scoring, dated[: max(_RERANK_DEPTH, 3 * k)], documents)
        chosen = self._diversify([p.score for _, p in candidates], [row for row, _ in candidates], k)
        return Retrieval(scoring, [candidates[i][1] for i in chosen], best_dense)

    def _rerank(
        self, scoring: Query, scored: list[tuple[int, float]], documents: dict[str, DocumentInfo]
    ) -> list[tuple[int, Passage]]:
        """Candidates as passages, their scores mixed with their best sentence's evidence."""
        stored = {item.row: item for item in self.store.fetch([row for row, _ in scored])}
        passages = [
            (row, Passage(stored[row].chunk, documents[stored[row].chunk.doc_id], score, stored[row].sentence_vectors))
            for row, score in scored
            if row in stored
        ]
        best = np.zeros(len(passages))
        for sentence in score_sentences(scoring, [p for _, p in passages]):
            best[sentence.passage] = max(best[sentence.passage], sentence.score)
        for i, whole in _list_chunk_evidence(
            scoring, [p for _, p in passages], self.store.vectors([r for r, _ in passages])
        ):
            best[i] = max(best[i], whole)
        top_fused = max((p.score for _, p in passages), default=1.0) or 1.0
        top_best = best.max() if len(best) and best.max() > 0 else 1.0
        mixed = [
            (
                row,
                replace(
                    p, score=float((1 - _SENTENCE_SHARE) * p.score / top_fused + _SENTENCE_SHARE * best[i] / top_best)
                ),
            )
            for i, (row, p) in enumerate(passages)
        ]
        return sorted(mixed, key=lambda item: -item[1].score)

    def _diversify(self, scores: list[float], rows: list[int], k: int) -> list[int]:
        """Greedy maximal marginal relevance over the candidates' stored vectors; returns indexes."""
        vectors = self.store.vectors(rows)
        relevance = np.asarray(scores, dtype=np.float64) / (scores[0] or 1.0)
        similarity = vectors @ vectors.T
        documents = [self.store.doc_of_row(row) for row in rows]
        lam = self.settings.mmr_lambda
        redundancy = np.zeros(len(rows))
        same_document = np.zeros(len(rows))
        available = np.ones(len(rows), dtype=bool)
        chosen: list[int] = []
        while len(chosen) < k:
            value = lam * relevance - (1 - lam) * redundancy - _SAME_DOCUMENT_PENALTY * same_document
            value[~available | (redundancy > _NEAR_DUPLICATE)] = -np.inf
            best = int(np.argmax(value))
            if not np.isfinite(value[best]):
                break
            chosen.append(best)
            available[best] = False
            redundancy = np.maximum(redundancy, similarity[:, best])
            same_document += np.array([d == documents[best] for d in documents], dtype=float)
        return chosen

    def _documents(self) -> dict[str, DocumentInfo]:
        manifest = self.store.manifest
        if manifest is None:
            return {}
        if _DOCUMENTS[0] is not manifest:  # one per loaded index, not one per question
            _DOCUMENTS[:] = [manifest, {doc_id: record.info for doc_id, record in manifest.documents.items()}]
        return _DOCUMENTS[1]  # type: ignore[return-value]


def _relative_freshness(documents: set[DocumentInfo]) -> dict[str, float]:
    """Each candidate document's place between the oldest (0) and newest (1) dated candidate.

    Undated documents count as oldest. Relative to the candidates, so a 2018 page beats a 2016
    one as clearly as this year's report beats last year's.
    """
    bounds = {doc.doc_id: date_bounds(doc.date) for doc in documents}
    starts = {doc_id: bound[0] for doc_id, bound in bounds.items() if bound}
    if not starts:
        return {doc.doc_id: 0.0 for doc in documents}
    ordinals = {doc_id: dt.date.fromisoformat(start).toordinal() for doc_id, start in starts.items()}
    low, high = min(ordinals.values()), max(ordinals.values())
    span = (high - low) or 1
    return {doc.doc_id: (ordinals[doc.doc_id] - low) / span if doc.doc_id in ordinals else 0.0 for doc in documents}


def _list_chunk_evidence(query: Query, passages: list[Passage], vectors: np.ndarray) -> list[tuple[int, float]]:
    """Evidence for chunks that are mostly a list, judged whole: a list answers as one unit."""
    found = []
    for i, passage in enumerate(passages):
        spans = passage.chunk.sentences
        items = sum(1 for a, b in spans if LIST_ITEM.match(passage.text[a:b]))
        if spans and items * 2 >= len(spans) and items >= 3:
            terms = terms_of([f"{passage.chunk.section_path}\n{passage.text}"])[0]
            score = SEMANTIC_WEIGHT * float(vectors[i] @ query.vector) + KEYWORD_WEIGHT * keyword_share(
                query.weights, terms
            )
            found.append((i, score))
    return found
