"""The connection to Milvus and the five collections of one index, with their schemas.

Every collection is created with strong consistency, so a commit is visible to the next read:

    <prefix>_chunks     chunk text, position, metadata for filters, the dense vector, the sparse
                        BM25 vector computed by Milvus's own full-text function from the
                        ``keywords`` field, and the sentence vectors (base64)
    <prefix>_documents  one record per document (metadata, content hash, chunk count)
    <prefix>_directory  each document's directory entries (JSON, split into parts)
    <prefix>_terms      document frequency of each keyword term (for evidence weighting)
    <prefix>_meta       the manifest, the committed generation and the writer lease

The last four are keyed: a text key, the document it belongs to, a text value.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, IndexStoreError, first_line
from assistant.index.milvus.encoding import TEXT_LIMIT
from assistant.index.milvus.expressions import quote

KINDS = ("chunks", "documents", "directory", "terms", "meta")
QUERY_LIMIT = 16_384  # the most records one Milvus query returns
_DUMMY_DIM = 2
_KEY_LENGTHS = {"documents": 512, "directory": 600, "terms": 256, "meta": 64}


def is_server(uri: str) -> bool:
    """Whether a Milvus URI names a server (else it is a milvus-lite file)."""
    return uri.startswith(("http://", "https://", "tcp://", "grpc://", "unix:"))


class MilvusCollections:
    """The collections of one index (named ``<prefix>_<kind>``) over one lazily opened client."""

    def __init__(self, uri: str, token: str = "", prefix: str = "assistant") -> None:
        if not prefix.replace("_", "").isalnum() or not prefix[0].isalpha():
            raise ConfigError(
                f"ASSISTANT_MILVUS_PREFIX={prefix!r}: use letters, digits and underscores, starting with a letter"
            )
        self.uri = uri
        self.token = token
        self.prefix = prefix
        self._client: Any = None

    @property
    def where(self) -> str:
        """This index, as messages name it."""
        return f"the index in Milvus at {self.uri} (prefix {self.prefix!r})"

    @property
    def client(self) -> Any:
        """The pymilvus client, connected on first use.

        Raises:
            ConfigError: when pymilvus is not installed.
            IndexStoreError: when the server is unreachable or the milvus-lite file is in use.
        """
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        if not is_server(self.uri):  # milvus-lite's keepalive policy makes gRPC print "too_many_pings"
            os.environ.setdefault("GRPC_VERBOSITY", "NONE")
        try:
            from pymilvus import MilvusClient
        except ImportError as exc:
            raise ConfigError(
                "the Milvus store needs pymilvus and milvus-lite: pip install pymilvus milvus-lite"
            ) from exc
        if not is_server(self.uri):
            Path(self.uri).parent.mkdir(parents=True, exist_ok=True)
            # milvus-lite serves in this process and leaves some calls unimplemented that
            # pymilvus tries first (index-build polling); their tracebacks are noise
            logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
            logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)  # failures are raised below
        try:
            return MilvusClient(self.uri, token=self.token) if self.token else MilvusClient(self.uri)
        except Exception as exc:  # pymilvus raises several unrelated types on connection failure
            if is_server(self.uri):
                raise IndexStoreError(f"cannot connect to Milvus at {self.uri}: {first_line(exc)}") from exc
            raise IndexStoreError(
                f"cannot open the milvus-lite file {self.uri} ({first_line(exc)}); milvus-lite serves one "
                "process at a time: if another has it open, serve it with `milvus-lite server --data-dir "
                f"{self.uri} --host 127.0.0.1` and set ASSISTANT_MILVUS_URI=http://127.0.0.1:19530"
            ) from exc

    def close(self) -> None:
        """Close the connection; a milvus-lite file is then free for another process."""
        if self._client is not None:
            self._client.close()
            self._client = None
            if not is_server(self.uri):
                from milvus_lite.server_manager import server_manager_instance

                server_manager_instance.release_server(self.uri)

    def name(self, kind: str) -> str:
        """The collection name of one of ``KINDS``."""
        return f"{self.prefix}_{kind}"

    # -- schema ----------------------------------------------------------------------------

    def ensure(self, dim: int) -> None:
        """Create whichever collections are missing (chunks with ``dim``-dimensional vectors) and load all."""
        if not self.client.has_collection(self.name("chunks")):
            self._create_chunks(dim)
        for kind, key_length in _KEY_LENGTHS.items():
            if not self.client.has_collection(self.name(kind)):
                self._create_keyed(kind, key_length)
        self.load()

    def ensure_meta(self) -> None:
        """Create ``<prefix>_meta`` when missing (a writer takes its lease there before any commit)."""
        if not self.client.has_collection(self.name("meta")):
            self._create_keyed("meta", _KEY_LENGTHS["meta"])
        self.client.load_collection(self.name("meta"))

    def load(self) -> None:
        """Load every collection for searching and querying."""
        for kind in KINDS:
            self.client.load_collection(self.name(kind))

    def _create_chunks(self, dim: int) -> None:
        from pymilvus import DataType, Function, FunctionType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("pk", DataType.INT64, is_primary=True)
        for name, length in (
            ("doc_id", 512),
            ("version", 64),
            ("doc_type", 64),
            ("organisation_key", 512),
            ("date_start", 16),
            ("date_end", 16),
            ("section", 8192),
            ("sentences", 16384),
            ("sentence_vectors", TEXT_LIMIT),
            ("text", TEXT_LIMIT),
        ):
            schema.add_field(name, DataType.VARCHAR, max_length=length)
        for name in ("ordinal", "page", "char_start", "char_end", "header_length"):
            schema.add_field(name, DataType.INT64)
        # the chunk's keyword terms, already stemmed and stop-worded: the standard tokenizer
        # only splits them on spaces, so Milvus's BM25 sees the terms the FAISS path sees
        schema.add_field(
            "keywords",
            DataType.VARCHAR,
            max_length=TEXT_LIMIT,
            enable_analyzer=True,
            analyzer_params={"tokenizer": "standard"},
        )
        schema.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(
            Function(
                name="bm25",
                function_type=FunctionType.BM25,
                input_field_names=["keywords"],
                output_field_names=["sparse"],
            )
        )
        index = self.client.prepare_index_params()
        index.add_index("dense", index_type=self._dense_index_type(), metric_type="IP")
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        self._create(self.name("chunks"), schema, index)

    def _create_keyed(self, kind: str, key_length: int) -> None:
        from pymilvus import DataType, MilvusClient

        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=key_length)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=512)
        schema.add_field("value", DataType.VARCHAR, max_length=TEXT_LIMIT)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=_DUMMY_DIM)  # Milvus needs one vector field
        index = self.client.prepare_index_params()
        index.add_index("vector", index_type="FLAT", metric_type="L2")
        self._create(self.name(kind), schema, index)

    def _create(self, name: str, schema: Any, index: Any) -> None:
        """Create a collection with strong consistency (a commit is visible to the next read) and its
        indexes; pymilvus would poll each new index's build every half second, needless on an empty
        collection."""
        self.client.create_collection(name, schema=schema, consistency_level="Strong")
        self.client.create_index(name, index, sync=False)
        self.client.load_collection(name)

    def _dense_index_type(self) -> str:
        """Exact search in a milvus-lite file (the same results as FAISS's exact index, for the
        small collections milvus-lite is for); a server picks its own index (AUTOINDEX)."""
        return "AUTOINDEX" if is_server(self.uri) else "FLAT"

    def drop_data(self) -> None:
        """Drop every collection but ``<prefix>_meta`` (its lease and generation stay)."""
        for kind in KINDS[:-1]:
            if self.client.has_collection(self.name(kind)):
                self.client.drop_collection(self.name(kind))

    def drop(self) -> None:
        """Drop every collection of this index."""
        self.drop_data()
        if self.client.has_collection(self.name("meta")):
            self.client.drop_collection(self.name("meta"))

    # -- records ---------------------------------------------------------------------------

    def query_all(self, kind: str, fields: list[str], expression: str = "") -> list[dict[str, Any]]:
        """Every matching record of one collection (one query, or batches past the 16,384 one query returns)."""
        collection = self.name(kind)
        expression = expression or ("pk >= 0" if kind == "chunks" else 'key != ""')
        found = self.client.query(collection, filter=expression, output_fields=fields, limit=QUERY_LIMIT)
        if len(found) < QUERY_LIMIT:
            return found
        iterator = self.client.query_iterator(collection, batch_size=1000, filter=expression, output_fields=fields)
        found = []
        try:
            while batch := iterator.next():
                found += batch
        finally:
            iterator.close()
        return found

    def read_value(self, kind: str, key: str) -> str | None:
        """The value stored under ``key`` in a keyed collection (None when there is none)."""
        rows = self.client.query(self.name(kind), filter=f"key == {quote(key)}", output_fields=["value"])
        return str(rows[0]["value"]) if rows else None

    def keyed_record(self, key: str, doc_id: str, value: str) -> dict[str, Any]:
        """A record of a keyed collection."""
        return {"key": key, "doc_id": doc_id, "value": value, "vector": [0.0] * _DUMMY_DIM}

    def upsert_keyed(self, kind: str, key: str, doc_id: str, value: str) -> None:
        """Write ``value`` under ``key`` in a keyed collection."""
        self.client.upsert(self.name(kind), [self.keyed_record(key, doc_id, value)])

    def delete_keyed(self, kind: str, doc_id: str) -> None:
        """Delete a document's records from a keyed collection."""
        self.client.delete(self.name(kind), filter=f"doc_id == {quote(doc_id)}")

    def generation(self) -> int:
        """The committed generation (0 before the first commit)."""
        value = self.read_value("meta", "generation")
        return int(value) if value is not None else 0
