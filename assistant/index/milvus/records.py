"""A chunk as a record of ``<prefix>_chunks`` and back: position, filter metadata, texts, vectors."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np

from assistant.chunking import passage_header, passage_text
from assistant.dates import date_bounds
from assistant.index.base import IndexedDocument
from assistant.index.chunkstore import StoredChunk
from assistant.index.keyword import terms as keyword_terms
from assistant.index.milvus.encoding import decode_vectors, encode_vectors, fit
from assistant.types import Chunk

CHUNK_FIELDS = [
    "pk",
    "doc_id",
    "ordinal",
    "page",
    "section",
    "char_start",
    "char_end",
    "header_length",
    "text",
    "sentences",
    "sentence_vectors",
]


def chunk_records(doc: IndexedDocument) -> list[dict[str, Any]]:
    """The records of one document's chunks, keyed by a row id unique to this version of it."""
    info = doc.info
    bounds = date_bounds(info.date) or ("", "")
    records = []
    for chunk, vector, vectors in zip(doc.chunks, doc.vectors, doc.sentence_vectors, strict=True):
        header = passage_header(info.title, chunk.section)
        records.append(
            {
                "pk": row_id(info.doc_id, doc.content_hash, chunk.ordinal),
                "doc_id": info.doc_id,
                "version": doc.content_hash[:64],
                "doc_type": info.doc_type.lower(),
                "organisation_key": (info.organisation or "").lower()[:500],
                "date_start": bounds[0],
                "date_end": bounds[1],
                "section": json.dumps([part[:300] for part in chunk.section]),
                "sentences": json.dumps([list(s) for s in chunk.sentences]),
                "sentence_vectors": encode_vectors(vectors),
                "ordinal": chunk.ordinal,
                "page": -1 if chunk.page is None else chunk.page,
                "char_start": chunk.char_start,
                "char_end": chunk.char_end,
                "header_length": len(header) + 1,
                "text": fit(passage_text(info.title, chunk.section, chunk.text)),
                "keywords": fit(keyword_text(info.title, chunk)),
                "dense": np.asarray(vector, dtype=np.float32).tolist(),
            }
        )
    return records


def stored_chunk(record: dict[str, Any]) -> StoredChunk:
    """The chunk a record of ``CHUNK_FIELDS`` holds, with its sentence vectors."""
    sentences = tuple(tuple(s) for s in json.loads(record["sentences"]))
    text = record["text"][int(record["header_length"]) :]
    chunk = Chunk(
        doc_id=record["doc_id"],
        ordinal=int(record["ordinal"]),
        text=text,
        page=None if int(record["page"]) < 0 else int(record["page"]),
        section=tuple(json.loads(record["section"])),
        char_start=int(record["char_start"]),
        char_end=int(record["char_end"]),
        sentences=sentences,  # type: ignore[arg-type]
    )
    return StoredChunk(int(record["pk"]), chunk, decode_vectors(record["sentence_vectors"], len(sentences)))


def keyword_text(title: str, chunk: Chunk) -> str:
    """The chunk's keyword terms, as the FAISS path's BM25 index tokenises its header and text."""
    return " ".join(keyword_terms([passage_text(title, chunk.section, chunk.text)])[0])


def row_id(doc_id: str, content_hash: str, ordinal: int) -> int:
    """A chunk's primary key: a 63-bit hash of its document, the document's version and its place."""
    digest = hashlib.blake2b(f"{doc_id}\0{content_hash}\0{ordinal}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF
