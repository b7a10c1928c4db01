"""The Milvus store (milvus-lite): filters as safe expressions, commits, leases, migration."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, IndexBusy, IndexNotFound, IndexStoreError
from assistant.index import make_store, milvus_uri
from assistant.index.faiss_store import FaissStore
from assistant.index.keyword import terms
from assistant.index.milvus import MilvusStore
from assistant.index.milvus import store as milvus_store
from assistant.index.milvus.encoding import decode_vectors, encode_vectors
from assistant.index.milvus.expressions import filter_expression, quote
from assistant.index.milvus.records import chunk_records
from assistant.index.reader import reader_fingerprint
from assistant.pipeline import Assistant
from assistant.types import Filters
from tests.index.test_store import DIM, _doc, _empty

DOCS = [
    _doc(
        "alpha",
        ["safer essex chair", "knife crime fund"],
        1,
        doc_type="minutes",
        organisation="Safer Essex",
        date="2019-03-14",
    ),
    _doc("beta", ["holiday hunger projects"], 2, doc_type="report", organisation="Essex Partners", date="2021"),
    _doc(
        "gamma",
        ["loneliness befriending scheme"],
        3,
        doc_type="strategy",
        organisation="Essex Partners",
        date="2016-07",
    ),
    _doc("delta", ["undated web page text"], 4, doc_type="web page", organisation=""),
    _doc(
        'o"dd',
        ["a document whose id holds a quote"],
        5,
        doc_type="news",
        organisation='Board "X" \\ Co',
        date="2020-01-01",
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> MilvusStore:
    built = MilvusStore(str(tmp_path / "milvus.db"), prefix="t")
    built.commit(_empty(), DOCS, set())
    return built.load()


def _docs_found(store: MilvusStore, filters: Filters) -> set[str]:
    query = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    dense = {store.doc_of_row(row) for row, _ in store.dense_search(query, 50, filters)}
    keyword = {
        store.doc_of_row(row) for row, _ in store.keyword_search("text scheme chair projects crime", 50, filters)
    }
    assert keyword <= dense
    return dense


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(doc_types=("Minutes",)),
        Filters(doc_types=("report", "strategy")),
        Filters(organisations=("essex partners",)),
        Filters(organisations=('Board "X" \\ Co',)),
        Filters(doc_ids=('o"dd', "delta")),
        Filters(since="2020"),
        Filters(until="2019-03"),
        Filters(since="2016-07-31", until="2019"),
        Filters(since="2021-06", doc_types=("report",)),
        Filters(until="1999"),
    ],
    ids=repr,
)
def test_filters_select_what_the_faiss_path_selects(store: MilvusStore, filters: Filters) -> None:
    expected = {doc.info.doc_id for doc in DOCS if filters.allows(doc.info)}
    assert _docs_found(store, filters) == expected


@pytest.mark.parametrize(
    "hostile",
    ['x" or doc_id != "', 'x\\" or doc_id != \\"', "x' or doc_id != '", '") or (doc_id != "', "x\\"],
)
def test_a_filter_value_never_changes_the_expression(store: MilvusStore, hostile: str) -> None:
    for filters in (Filters(organisations=(hostile,)), Filters(doc_types=(hostile,)), Filters(doc_ids=(hostile,))):
        assert _docs_found(store, filters) == set()


def test_quoting_rejects_control_characters() -> None:
    assert quote('a"b\\c') == '"a\\"b\\\\c"'
    with pytest.raises(ConfigError):
        filter_expression(Filters(doc_types=("report\n",)))


def test_chunks_round_trip_with_sentence_vectors_and_positions(store: MilvusStore) -> None:
    assert store.count == 6
    assert store.manifest is not None
    assert store.manifest.store == "milvus"
    chunks = store.document_chunks("alpha")
    assert [c.chunk.text for c in chunks] == ["safer essex chair", "knife crime fund"]
    assert chunks[1].chunk.section == ("Section",)
    assert chunks[1].chunk.sentences == ((0, 16),)
    assert chunks[0].sentence_vectors is not None
    assert np.allclose(chunks[0].sentence_vectors.astype(np.float32), DOCS[0].sentence_vectors[0], atol=1e-3)
    rows = [c.row for c in chunks]
    assert np.allclose(store.vectors(rows), DOCS[0].vectors, atol=1e-6)
    assert [c.chunk.text for c in store.fetch(rows[::-1])] == ["knife crime fund", "safer essex chair"]


def test_keyword_search_uses_milvus_bm25_over_the_project_terms(store: MilvusStore) -> None:
    hits = store.keyword_search("Who runs the holiday hunger projects?", 5)
    assert store.doc_of_row(hits[0][0]) == "beta"
    assert hits[0][1] > 0
    assert store.keyword_terms("holiday hunger zanzibar") == terms(["holiday hunger"])[0]  # as the FAISS path
    weights = store.term_weights("holiday hunger zanzibar")
    assert weights["zanzibar"] > weights["hunger"] > 0


def test_replacing_and_removing_documents_keeps_the_rest(store: MilvusStore) -> None:
    base = store.manifest
    changed = _doc("beta", ["holiday hunger grew", "to new towns"], 9, doc_type="report", date="2022")
    manifest = store.commit(base, [changed], {"gamma"})
    assert manifest.generation == base.generation + 1
    assert sorted(manifest.documents) == ["alpha", "beta", "delta", 'o"dd']
    reloaded = MilvusStore(store.uri, prefix="t").load()
    assert reloaded.count == 6  # alpha 2, beta now 2, delta 1, o"dd 1
    assert [c.chunk.text for c in reloaded.document_chunks("beta")] == ["holiday hunger grew", "to new towns"]
    assert reloaded.document_chunks("gamma") == []
    assert reloaded.keyword_terms("loneliness befriending") == []  # term counts follow removals
    assert reloaded.keyword_search("loneliness", 5) == []


def test_a_reader_sees_only_the_document_versions_it_loaded(store: MilvusStore) -> None:
    """Mid-commit by another process: new chunks are written before their records."""
    writer = MilvusStore(store.uri, prefix="t")
    writer.current()
    chunks, client = writer.collections.name("chunks"), writer.collections.client
    client.upsert(chunks, chunk_records(_doc("newcomer", ["safer essex chair again"], 7)))
    client.upsert(
        chunks, chunk_records(dataclasses.replace(_doc("alpha", ["safer essex rewritten"], 8), content_hash="h-new"))
    )
    query = np.ones(DIM, dtype=np.float32) / np.sqrt(DIM)
    seen = {store.doc_of_row(row) for row, _ in store.dense_search(query, 50)}
    assert seen == {doc.info.doc_id for doc in DOCS}
    assert all(store.doc_of_row(row) in seen for row, _ in store.keyword_search("safer essex chair rewritten", 50))
    assert len(store.keyword_search("safer essex chair rewritten", 50)) == 1  # the loaded alpha chunk only
    assert [c.chunk.text for c in store.document_chunks("alpha")] == ["safer essex chair", "knife crime fund"]


def test_a_commit_without_base_documents_starts_over(store: MilvusStore) -> None:
    fresh = dataclasses.replace(_empty(), generation=store.manifest.generation)  # replaces what is there
    manifest = store.commit(fresh, [DOCS[1]], set())
    assert list(manifest.documents) == ["beta"]
    assert MilvusStore(store.uri, prefix="t").load().count == 1


def test_readers_notice_another_writers_commit(store: MilvusStore, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = MilvusStore(store.uri, prefix="t")
    writer.commit(writer.current(), [], {"delta"})
    assert not store.is_stale()  # Milvus is asked at most once a second
    monkeypatch.setattr(milvus_store, "_RECHECK_SECONDS", 0.0)
    assert store.is_stale()
    assert "delta" not in store.load().manifest.documents


def test_large_directory_entries_are_split_and_rejoined(tmp_path: Path) -> None:
    store = MilvusStore(str(tmp_path / "milvus.db"), prefix="t")
    entries = {"initiatives": [{"name": f"Initiative {i}", "description": "é" * 400} for i in range(400)]}
    doc = _doc("big", ["text"], 1)
    store.commit(_empty(), [type(doc)(**{**doc.__dict__, "directory": entries})], set())
    assert store.load().directory_entries() == [entries]
    assert len(json.dumps(entries)) > 100_000


def test_sentence_vectors_too_long_for_float16_text_are_packed_as_int8() -> None:
    rng = np.random.default_rng(0)
    few, many = rng.normal(size=(3, 384)), rng.normal(size=(90, 384))
    assert encode_vectors(few).startswith("h:")
    packed = encode_vectors(many)
    assert packed.startswith("q:")
    assert len(packed) <= 65_535
    decoded = decode_vectors(packed, 90).astype(np.float32)
    cosine = (decoded * many).sum(axis=1) / np.linalg.norm(decoded, axis=1) / np.linalg.norm(many, axis=1)
    assert cosine.min() > 0.999
    assert decode_vectors("", 0) is None


def test_a_second_writer_gets_index_busy_until_the_lease_expires(store: MilvusStore, monkeypatch) -> None:
    store.collections.upsert_keyed("meta", "writer", "", "otherhost:123:1@9999999999")
    with pytest.raises(IndexBusy, match="otherhost"):
        store.commit(store.manifest, [], {"delta"})
    store.collections.upsert_keyed("meta", "writer", "", "otherhost:123:1@1000")  # long expired: taken over
    assert "delta" not in store.commit(store.manifest, [], {"delta"}).documents


def test_an_empty_store_and_bad_settings_are_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="assistant index"):
        MilvusStore(str(tmp_path / "empty.db")).load()
    with pytest.raises(ConfigError, match="PREFIX"):
        MilvusStore(str(tmp_path / "x.db"), prefix="bad-prefix; drop")
    with pytest.raises(IndexStoreError, match="cannot connect"):
        MilvusStore("http://127.0.0.1:9", prefix="t").current()


def test_the_uri_defaults_to_a_file_in_the_index_directory(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "idx", store="milvus")
    assert milvus_uri(settings) == str((tmp_path / "idx" / "milvus.db").resolve())
    assert milvus_uri(settings.replace(milvus_uri="http://db:19530")) == "http://db:19530"
    assert isinstance(make_store(settings), MilvusStore)


def test_migrate_both_ways_copies_without_reembedding(tmp_path: Path, corpus_copy: Path, embedder) -> None:
    faiss = Settings.from_env()
    original = Assistant(faiss, embedder=embedder)
    original.index()
    questions = ["Who chairs Safer Essex?", "What is Holiday Hunger?", "What do we do about loneliness?"]
    before = [original.ask(q) for q in questions]
    readers = {doc_id: r.reader for doc_id, r in original.store().manifest.documents.items()}
    assert set(readers.values()) == {reader_fingerprint()}

    class NoEmbedding:  # migration must not touch the model
        def __getattr__(self, name: str) -> None:
            raise AssertionError(f"migration used the embedder ({name})")

    copied = Assistant(faiss, embedder=NoEmbedding()).migrate("milvus")
    assert copied.chunk_count == original.store().count
    with pytest.raises(IndexStoreError, match="--replace"):
        Assistant(faiss, embedder=NoEmbedding()).migrate("milvus")
    on_milvus = Assistant(faiss.replace(store="milvus"), embedder=embedder)
    after = [on_milvus.ask(q) for q in questions]
    assert [a.text for a in after] == [b.text for b in before]
    assert [[c.passage.chunk.text for c in a.citations] for a in after] == [
        [c.passage.chunk.text for c in b.citations] for b in before
    ]
    assert len(on_milvus.initiatives()) == len(original.initiatives())
    assert {doc_id: r.reader for doc_id, r in on_milvus.store().manifest.documents.items()} == readers

    back = faiss.replace(store="milvus", index_dir=tmp_path / "back", milvus_uri=milvus_uri(on_milvus.settings))
    manifest = Assistant(back, embedder=NoEmbedding()).migrate("faiss")
    assert FaissStore(back.index_dir).load().count == manifest.chunk_count == copied.chunk_count
    restored = Assistant(back.replace(store="faiss"), embedder=embedder)
    assert [restored.ask(q).text for q in questions] == [b.text for b in before]
    assert {doc_id: r.reader for doc_id, r in restored.store().manifest.documents.items()} == readers
    with pytest.raises(ConfigError, match="already in the faiss store"):
        original.migrate("faiss")
