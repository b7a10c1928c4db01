"""Hybrid retrieval: dense (FAISS) and keyword (BM25) results, fused, dated and diversified.

1. The query is embedded and both indexes return their best candidates (with filters).
2. The two rankings are fused (a convex mix of scaled scores by default, see :mod:`assistant.fusion`).
3. Newer documents get a small boost, a larger one when the question asks for the latest.
4. The leading candidates are reranked by their best sentence as evidence (see
   :mod:`assistant.evidence`): a chunk that holds one sentence answering the question rises
   even when the rest of it is about something else.
5. Maximal marginal relevance picks the final passages, so near-duplicate chunks and one
   long document do not fill every slot (see :mod:`assistant.diversify`).

When the question names its source (a :class:`~assistant.scope.Scope`: a document, a meeting),
those documents are searched again for the rest of the question (without the words that name
them, which every passage of theirs shares) and their passages get a boost, so they come first
unless the rest of the index holds much better evidence; the passages of a part it names by its
label ("Annex A", "Table 6.1") come first too (:mod:`assistant.parts`). Passages that only list
documents (a folder's file listing, an index page) are demoted: they name documents but say
nothing about them (see :func:`assistant.evidence.listing_share`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

import numpy as np

from assistant import follow
from assistant.acronyms import asked_acronym, spelling_first
from assistant.config import Settings
from assistant.dates import date_bounds
from assistant.directory.named_forms import is_table_row
from assistant.diversify import diversify
from assistant.embedding import Embedder, same_vectors
from assistant.evidence import (
    KEYWORD_WEIGHT,
    LIST_ITEM,
    SEMANTIC_WEIGHT,
    Query,
    keyword_share,
    listing_share,
    score_sentences,
    stated_count,
    terms_of,
)
from assistant.fusion import fuse
from assistant.index import Store
from assistant.index.base import StoredChunk
from assistant.ingest.tables import CELL_SEPARATOR
from assistant.parts import named_parts, named_rows, parts_first, rows_first
from assistant.scope import Scope
from assistant.types import DocumentInfo, Filters, Passage

logger = logging.getLogger(__name__)

_LATEST_BOOST = 5.0
_SENTENCE_SHARE = 0.3  # weight of the best-sentence evidence against the fused chunk score
_RERANK_DEPTH = 30
_SCOPE_BOOST = 1.0  # added to a fused score (best = 1) times the scope's weight for the document
_REST_SHARE = 0.4  # the rest of a scoped question must keep this share of its term weight to be used (0.5 measured too)
# below this share of the question's term weight in its best keyword match, the keyword side of
# the fusion counts proportionally less (see _dense_weight)
_KEYWORD_TRUST = 0.2
_TABLE_FOLLOW = 10  # the best passages whose next chunk, a table continuing their section, follows them
_TABLE_SHARE = 0.9  # that table's score, at least, against theirs
_TABLE_CHAIN = 3  # how many chunks of one table may follow, one after another, behind a passage
_NEIGHBOUR_FOLLOW = 5  # the best passages whose neighbours may hold the better sentence (10 measured too)
_LIST_LEADS = 3  # the best passages whose list may run on into the next chunks
_LISTING_PENALTY = 0.5  # share of its score a passage that only lists documents loses
_WARNED: set[tuple[str, str]] = set()


@dataclass(frozen=True, eq=False)
class Retrieval:
    """Passages for a query, with the scoring query and the best raw dense similarity."""

    query: Query
    passages: list[Passage]
    best_dense: float


class HybridRetriever:
    """Retrieves passages from a store with dense and keyword search."""

    def __init__(
        self, store: Store, embedder: Embedder, settings: Settings, documents: dict[str, DocumentInfo] | None = None
    ) -> None:
        """``documents``: the store's document metadata by id when the caller keeps it (the facade
        does, one per loaded index); read from the manifest on first use otherwise."""
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._document_infos = documents
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
        self,
        query: str,
        filters: Filters | None = None,
        k: int | None = None,
        prefer_recent: bool = False,
        scope: Scope | None = None,
    ) -> Retrieval:
        """The ``k`` best passages for ``query`` (default: the ``top_k`` setting).

        With a ``scope`` (the documents the question names), those documents are also searched
        for the rest of the question and their passages brought forward.
        """
        k = k or self.settings.top_k
        within = _within(filters, scope)
        scoring, rest = self._queries(query, scope.rest if scope is not None and within is not None else None)
        ranked, best_dense = self._ranked(scoring, filters, k, prefer_recent)
        if scope is not None and rest is not None:
            ranked = _scope_first(ranked, self._ranked(rest, within, k, prefer_recent)[0], scope)
        if (acronym := asked_acronym(query)) is not None:  # "what does CHB stand for?": its spelling first
            ranked = spelling_first(self.store, self._documents(), acronym, ranked, filters)
        ranked = parts_first(ranked, named_parts(query))  # "According to Annex A ...": its passages first
        ranked = rows_first(ranked, named_rows(query))  # "the band D council tax": the row labelled D
        if not ranked:
            return Retrieval(scoring, [], best_dense)
        scoped = set(scope.doc_ids) if scope is not None and rest is not None else set()
        rows = [row for row, _ in ranked]
        documents = [self.store.doc_of_row(row) for row in rows]
        texts = [p.text for _, p in ranked]
        scores = [p.score for _, p in ranked]
        chosen = diversify(self.store.vectors(rows), scores, documents, texts, k, self.settings.mmr_lambda, scoped)
        return Retrieval(scoring, [ranked[i][1] for i in chosen], best_dense)

    def _queries(self, text: str, rest: str | None) -> tuple[Query, Query | None]:
        """The question's query and, for a scoped question (``rest`` given), the query of the rest
        of it: the question without the words naming its source, or the question itself when too
        little of it is left. Both are embedded in one call to the model."""
        weights = self.store.term_weights(text)
        rest_weights = self.store.term_weights(rest) if rest and rest != text else {}
        own_rest = bool(rest_weights) and sum(rest_weights.values()) >= _REST_SHARE * sum(weights.values())
        vectors = self.embedder.embed([text, rest] if rest and own_rest else [text])
        scoring = Query(text, vectors[0], weights, frozenset(self.store.keyword_terms(text)))
        if not rest or not own_rest:
            return scoring, None if rest is None else scoring
        return scoring, Query(rest, vectors[1], rest_weights, frozenset(self.store.keyword_terms(rest)))

    def _ranked(
        self, scoring: Query, filters: Filters | None, k: int, prefer_recent: bool
    ) -> tuple[list[tuple[int, Passage]], float]:
        """Candidates fused, dated and reranked by their best sentence, with the best dense similarity."""
        s = self.settings
        dense = self.store.dense_search(scoring.vector, s.candidates, filters)
        keyword = self.store.keyword_search(scoring.text, s.candidates, filters)
        fused = fuse(dense, keyword, s.fusion, s.rrf_k, _dense_weight(s.dense_weight, scoring, keyword))
        best_dense = max((v for _, v in dense), default=0.0)
        if not fused:
            return [], best_dense
        documents = self._documents()
        weight = s.recency_weight * (_LATEST_BOOST if prefer_recent else 1.0)
        freshness = _relative_freshness({documents[self.store.doc_of_row(row)] for row, _ in fused})
        dated = [(row, score + weight * freshness[self.store.doc_of_row(row)]) for row, score in fused]
        dated.sort(key=lambda item: -item[1])
        return self._rerank(scoring, dated[: max(_RERANK_DEPTH, 3 * k)], documents), best_dense

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
        for sentence in score_sentences(scoring, [p for _, p in passages], values=True):
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
                    p,
                    score=float(
                        ((1 - _SENTENCE_SHARE) * p.score / top_fused + _SENTENCE_SHARE * best[i] / top_best)
                        * (1 - _LISTING_PENALTY * listing_share(p.text))
                    ),
                ),
            )
            for i, (row, p) in enumerate(passages)
        ]
        ranked = sorted(mixed, key=lambda item: -item[1].score)
        # the chunks after and before the leading passages, read in one go for both follow-ups
        following = {row + 1 for row, _ in ranked[:_TABLE_FOLLOW]} | follow.neighbour_rows(
            row for row, _ in ranked[:_NEIGHBOUR_FOLLOW]
        )
        missing = [row for row in following if row not in stored]
        stored = {**stored, **{item.row: item for item in self.store.fetch(missing)}} if missing else stored
        evidence = {row: float(best[i]) for i, (row, _) in enumerate(passages)}
        return self._follow(scoring, self._tables_follow(ranked, stored, documents), stored, documents, evidence)

    def _follow(
        self,
        scoring: Query,
        ranked: list[tuple[int, Passage]],
        stored: dict[int, StoredChunk],
        documents: dict[str, DocumentInfo],
        evidence: dict[int, float],
    ) -> list[tuple[int, Passage]]:
        """The leading passages' neighbours that belong beside them (see :mod:`assistant.follow`):
        a chunk next to one of the ``_NEIGHBOUR_FOLLOW`` best holding a better sentence for the
        question, and the rest of a list one of the ``_LIST_LEADS`` best runs on into."""
        best = ranked[:_NEIGHBOUR_FOLLOW]
        count = stated_count(scoring.text)
        leads = [(row, p) for row, p in ranked[:_LIST_LEADS] if count and follow.list_runs_on(p.chunk, count)]
        wanted = follow.neighbour_rows(row for row, _ in best) | {
            row + i for row, _ in leads for i in range(1, follow.LIST_FOLLOW + 1)
        }
        missing = [n for n in wanted if n not in stored]
        chunks = {**stored, **{item.row: item for item in self.store.fetch(missing)}} if missing else stored
        # a neighbour's sentences are scored only when the best they could score (their best meaning
        # match, every question term found) beats the passage it neighbours: tokenising costs most
        beat: dict[int, float] = {}
        for row, n in follow.same_section_neighbours(best, chunks):
            beat[n] = min(beat.get(n, np.inf), evidence.get(row, 0.0))
        unscored = [
            n for n, bar in beat.items() if n not in evidence and follow.best_possible(scoring, chunks[n]) > bar
        ]
        if unscored:
            found = dict.fromkeys(unscored, 0.0)
            extra = [
                Passage(chunks[n].chunk, documents[chunks[n].chunk.doc_id], 0.0, chunks[n].sentence_vectors)
                for n in unscored
            ]
            for sentence in score_sentences(scoring, extra, values=True):
                found[unscored[sentence.passage]] = max(found[unscored[sentence.passage]], sentence.score)
            evidence = {**evidence, **found}
        lifted = follow.better_neighbours(best, chunks, evidence)
        for n, score in follow.sum_next_door(best, chunks, scoring.text).items():
            lifted[n] = max(lifted.get(n, 0.0), score)
        for row, passage in leads:
            for n in follow.list_rest(row, chunks, count or 0):
                lifted[n] = max(lifted.get(n, 0.0), passage.score)
        if not lifted:
            return ranked
        raised = [(row, replace(p, score=max(p.score, lifted.pop(row, 0.0)))) for row, p in ranked]
        for row, score in lifted.items():
            item = chunks[row]
            raised.append((row, Passage(item.chunk, documents[item.chunk.doc_id], score, item.sentence_vectors)))
        return sorted(raised, key=lambda item: -item[1].score)

    def _tables_follow(
        self, ranked: list[tuple[int, Passage]], stored: dict[int, StoredChunk], documents: dict[str, DocumentInfo]
    ) -> list[tuple[int, Passage]]:
        """A table that continues the section of one of the ``_TABLE_FOLLOW`` best passages (the chunk
        after it, see :func:`_continues_table`) scores at least ``_TABLE_SHARE`` of it, joining the
        candidates if it was not among them; so does the next chunk of that table, up to
        ``_TABLE_CHAIN`` chunks on (Table 6.1's bands F to H after its bands A to E)."""
        chunks = stored
        lifted: dict[int, float] = {}
        frontier = {row: passage.score for row, passage in ranked[:_TABLE_FOLLOW]}
        for _ in range(_TABLE_CHAIN):  # a table over several chunks: each joins after the one before it
            missing = [row + 1 for row in frontier if row + 1 not in chunks]
            chunks = {**chunks, **{item.row: item for item in self.store.fetch(missing)}} if missing else chunks
            found: dict[int, float] = {}
            for row, score in frontier.items():
                if _continues_table(chunks.get(row), chunks.get(row + 1)):
                    found[row + 1] = max(found.get(row + 1, 0.0), _TABLE_SHARE * score)
            frontier = {row: score for row, score in found.items() if score > lifted.get(row, 0.0)}
            lifted.update(frontier)
        if not lifted:
            return ranked
        raised = [(row, replace(p, score=max(p.score, lifted.pop(row, 0.0)))) for row, p in ranked]
        for row, score in lifted.items():  # tables that were not candidates
            item = chunks[row]
            raised.append((row, Passage(item.chunk, documents[item.chunk.doc_id], score, item.sentence_vectors)))
        return sorted(raised, key=lambda item: -item[1].score)

    def _documents(self) -> dict[str, DocumentInfo]:
        if self._document_infos is None:
            manifest = self.store.manifest
            documents = manifest.documents.items() if manifest else ()
            self._document_infos = {doc_id: record.info for doc_id, record in documents}
        return self._document_infos


def _continues_table(before: StoredChunk | None, after: StoredChunk | None) -> bool:
    """Whether ``after`` is a table that continues the section of ``before``, the chunk ahead of it.

    A report's prose often introduces the table holding its figures ("Quarter 3 saw the number of
    complaints received ..." above the complaints by service), and a table's rows share few of the
    question's words: the table is then a candidate beside its introduction. A table chunk's section
    path ends with the table's title (chunking adds it to every chunk of the table): its column-names
    line, or its caption, in which case the chunk's first line after any caption is a row or the column names.
    """
    if before is None or after is None or before.chunk.doc_id != after.chunk.doc_id:
        return False
    section = after.chunk.section
    if not section or before.chunk.section not in (section, section[:-1]):
        return False
    if CELL_SEPARATOR in section[-1]:
        return True
    lines = [line.strip() for line in after.chunk.text.splitlines() if line.strip()][:2]
    first = lines[1] if len(lines) == 2 and lines[0] == section[-1] else (lines or [""])[0]  # past the caption
    return is_table_row(first)


def _dense_weight(base: float, query: Query, keyword: list[tuple[int, float]]) -> float:
    """The dense side's fusion weight for a query: ``base``, raised towards 1 when the best keyword
    match holds little of the query's term weight: a paraphrase, whose words are not the
    document's, matches on incidental words ("got", "nothing", "pot").

    The best BM25 score over the summed idf of the query's known terms is about the weighted share
    of those terms the best match holds (one occurrence each at average length: BM25 then scores a
    term its idf). Below ``_KEYWORD_TRUST``, the keyword side's share of the fusion shrinks in
    proportion. The share is read from the score, which costs nothing; a store whose BM25 scores
    run higher than its idf (Milvus's) raises the weight less often.
    """
    total = sum(w for term, w in query.weights.items() if term in query.known)
    if not keyword or total <= 0:
        return base
    return 1.0 - (1.0 - base) * min(1.0, keyword[0][1] / total / _KEYWORD_TRUST)


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


def _within(filters: Filters | None, scope: Scope | None) -> Filters | None:
    """The filters narrowed to the scope's documents (None without a scope or when they exclude them all)."""
    if scope is None:
        return None
    base = filters or Filters()
    allowed = [d for d in scope.doc_ids if not base.doc_ids or d in base.doc_ids]
    return replace(base, doc_ids=tuple(allowed)) if allowed else None


def _scope_first(
    ranked: list[tuple[int, Passage]], inside: list[tuple[int, Passage]], scope: Scope
) -> list[tuple[int, Passage]]:
    """Passages found inside the scope's documents, boosted by how surely the question names each
    document, merged with those found everywhere; each list's scores are first scaled to its best."""
    merged = {row: replace(p, score=p.score / (ranked[0][1].score or 1.0)) for row, p in ranked}
    top = inside[0][1].score if inside else 1.0
    for row, p in inside:
        merged[row] = replace(p, score=p.score / (top or 1.0) + _SCOPE_BOOST * scope.weight(p.doc.doc_id))
    return sorted(merged.items(), key=lambda item: -item[1].score)


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
