"""A store in Milvus, for archives beyond one machine or several app servers sharing an index.

``ASSISTANT_STORE=milvus`` with ``ASSISTANT_MILVUS_URI`` either a file path (milvus-lite,
embedded, one process at a time) or a server address (``http://host:19530``, token optional).
Everything lives in Milvus, so every process connected to the same server sees one index, in the
five collections :mod:`~assistant.index.milvus.collections` describes.

Keyword search is Milvus's own BM25 function over a ``keywords`` field that holds each chunk's
terms as the FAISS path's keyword index makes them (stop words dropped, English stems), so both
stores rank words alike and are fused the same way.

The modules, each above the ones it imports:

    encoding.py     texts cut to a VARCHAR's byte limit; sentence vectors as base64
    expressions.py  filters and keys as Milvus boolean expressions, values quoted safely
    records.py      a chunk as a record of ``<prefix>_chunks`` and back
    collections.py  the connection, the five collections and their schemas, keyed records
    search.py       dense and BM25 search, term statistics, chunks by row, for one generation
    lease.py        the writer lease: one row of ``<prefix>_meta`` kept by a heartbeat
    commit.py       the commit protocol, under the lease
    store.py        MilvusStore, the Store protocol over the above
"""

from __future__ import annotations

from assistant.index.milvus.collections import is_server
from assistant.index.milvus.store import MilvusStore

__all__ = ["MilvusStore", "is_server"]
