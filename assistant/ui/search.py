"""The Search tab: passages that match a query, above a relevance floor, in the order asked for.

Retrieval always returns its best candidates, even for a word the documents never use. The tab
shows only passages that match: a passage that holds one of the query's words (by stem, as the
keyword index reads them, in its text or its section headings), or whose best sentence is close in
meaning to the query. Everything else is left out, and an empty result says so.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from assistant.dates import sort_key
from assistant.errors import AssistantError
from assistant.index.keyword import terms
from assistant.pipeline import Assistant
from assistant.render import passage_json
from assistant.types import Passage
from assistant.ui.handlers import filters_from
from assistant.ui.render import esc, query_terms, search_results

logger = logging.getLogger(__name__)

# The floor (Settings.search_floor, 0.5 by default): a sentence this close to the query in meaning
# (cosine, all-MiniLM-L6-v2) matches without sharing a word: well above what unrelated sentences
# reach for one-word queries (at most ~0.2 on the seed corpus), and below paraphrases ("rough
# sleeping" for "homelessness").
CANDIDATES = 30
SORTS = ("Relevance", "Newest first", "Oldest first")


def matching(assistant: Assistant, query: str, passages: Sequence[Passage]) -> list[Passage]:
    """The passages that match the query by wording or, failing that, by meaning."""
    wanted = query_terms(query)
    texts = [f"{p.chunk.section_path}\n{p.text}" for p in passages]
    words = [set(found) for found in terms(texts)] if texts else []
    kept, unworded = [], []
    for passage, found in zip(passages, words, strict=True):
        (kept if wanted & found else unworded).append(passage)
    if unworded:
        close = _close_in_meaning(assistant, query, unworded)
        kept += [p for p in unworded if p in close]
    order = {id(p): i for i, p in enumerate(passages)}
    return sorted(kept, key=lambda p: order[id(p)])


def _close_in_meaning(assistant: Assistant, query: str, passages: Sequence[Passage]) -> list[Passage]:
    vector = np.asarray(assistant.embedder.embed([query])[0], dtype=np.float32)
    close = []
    for passage in passages:
        vectors = passage.sentence_vectors
        if vectors is None or not len(vectors):
            vectors = assistant.embedder.embed([passage.text])
        if float(np.max(np.asarray(vectors, dtype=np.float32) @ vector)) >= assistant.settings.search_floor:
            close.append(passage)
    return close


def search_passages(
    assistant: Assistant,
    query: str | None,
    doc_types: Sequence[str] | None = None,
    organisations: Sequence[str] | None = None,
    since: str | None = "",
    until: str | None = "",
    sort: str | None = "Relevance",
    k: int = 20,
) -> str:
    """The Search tab's results as HTML: matching passages, sorted by relevance or by date."""
    if not isinstance(query, str) or not query.strip():
        return '<p class="pa-empty">Type words or a question to search the passages.</p>'
    try:
        filters = filters_from(doc_types, organisations, since or "", until or "")
        found = matching(assistant, query, assistant.search(query, filters, k=max(k, CANDIDATES)))[:k]
    except AssistantError as exc:
        return f'<p class="pa-empty" role="status">{esc(exc)}</p>'
    records = [passage_json(p) for p in found]
    order = "best match first"
    if (sort or "").lower().startswith("newest"):
        records.sort(key=lambda p: sort_key(p["date"]), reverse=True)
        order = "newest first"
    elif (sort or "").lower().startswith("oldest"):
        records.sort(key=lambda p: sort_key(p["date"]))
        order = "oldest first"
    return search_results(query, records, order)
