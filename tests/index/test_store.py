"""The FAISS store: exact and approximate search, filters, and atomic generations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexBusy, IndexNotFound
from assistant.index.base import IndexedDocument
from assistant.index.faiss_store import FaissStore
from assistant.index.manifest import Manifest, read_manifest
from assistant.index.vectors import FaissVectors, choose_index_type, hnsw_ef_search
from assistant.types import Chunk, DocumentInfo, Filters

DIM = 8


def _doc(doc_id: str, texts: list[str], seed: int, **info: str) -> IndexedDocument:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(len(texts), DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = [Chunk(doc_id, i, t, None, ("Section",), 0, len(t), ((0, len(t)),)) for i, t in enumerate(texts)]
    sentence_vectors = [v.reshape(1, -1) for v in vectors]
    return IndexedDocument(
        DocumentInfo(doc_id, doc_id.title(), f"/src/{doc_id}.md", **info),
        "h-" + doc_id,
        1,
        chunks,
        vectors,
        sentence_vectors,
    )


def _empty(roots: list[str] | None = None) -> Manifest:
    return Manifest(model="test-model", dim=DIM, chunking={"chunk_tokens": 1}, roots=roots or [])


def test_commit_then_load_round_trips(tmp_path: Path) -> None:
    store = FaissStore(tmp_path)
    a = _doc("alpha", ["holiday hunger clubs", "faith covenant signed"], 1, date="2019", doc_type="report")
    store.commit(_empty(), [a], set())
    loaded = FaissStore(tmp_path).load()
    assert loaded.count == 2
    row, score = loaded.dense_search(a.vectors[1], 1)[0]
    assert row == 1
    assert score == pytest.approx(1.0, abs=1e-5)
    fetched = loaded.fetch([1])[0]
    assert fetched.chunk.text == "faith covenant signed"
    assert fetched.sentence_vectors is not None
    assert fetched.sentence_vectors.shape == (1, DIM)
    assert loaded.keyword_search("covenant", 5)[0][0] == 1


def test_incremental_commit_keeps_vectors_of_unchanged_documents(tmp_path: Path) -> None:
    store = FaissStore(tmp_path)
    a, b = _doc("alpha", ["one", "two"], 1), _doc("beta", ["three"], 2)
    first = store.commit(_empty(), [a, b], set())
    b2 = _doc("beta", ["three changed", "four"], 3)
    second = FaissStore(tmp_path).commit(first, [b2], set())
    assert second.documents["alpha"].chunks == 2
    assert second.documents["beta"].chunks == 2
    loaded = FaissStore(tmp_path).load()
    assert np.allclose(loaded.vectors([0, 1]), a.vectors, atol=1e-6)
    assert loaded.fetch([3])[0].chunk.text == "four"


def test_removal_drops_rows_and_renumbers(tmp_path: Path) -> None:
    store = FaissStore(tmp_path)
    first = store.commit(_empty(), [_doc("alpha", ["a1"], 1), _doc("beta", ["b1", "b2"], 2)], set())
    second = store.commit(first, [], {"alpha"})
    assert list(second.documents) == ["beta"]
    assert second.documents["beta"].first_row == 0
    assert [c.chunk.text for c in FaissStore(tmp_path).load().fetch([0, 1])] == ["b1", "b2"]


def test_filters_restrict_both_searches(tmp_path: Path) -> None:
    store = FaissStore(tmp_path)
    old = _doc("old", ["partnership board news"], 1, date="2010", doc_type="web page", organisation="Safer Essex")
    new = _doc("new", ["partnership board report"], 2, date="2019-05", doc_type="report", organisation="Essex Partners")
    store.commit(_empty(), [old, new], set())
    loaded = FaissStore(tmp_path).load()
    only_reports = Filters(doc_types=("report",))
    assert [r for r, _ in loaded.dense_search(old.vectors[0], 5, only_reports)] == [1]
    assert [r for r, _ in loaded.keyword_search("partnership", 5, only_reports)] == [1]
    assert [r for r, _ in loaded.keyword_search("partnership", 5, Filters(until="2015"))] == [0]
    assert [r for r, _ in loaded.keyword_search("partnership", 5, Filters(organisations=("safer essex",)))] == [0]
    assert loaded.dense_search(old.vectors[0], 5, Filters(since="2030")) == []


def test_a_failed_commit_leaves_the_previous_index_loadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FaissStore(tmp_path)
    first = store.commit(_empty(), [_doc("alpha", ["a1"], 1)], set())

    def crash(*args: object) -> None:
        raise KeyboardInterrupt("killed while swapping the manifest")

    monkeypatch.setattr("assistant.index.faiss_store.write_manifest", crash)
    with pytest.raises(KeyboardInterrupt):
        store.commit(first, [_doc("beta", ["b1"], 2)], set())
    monkeypatch.undo()
    assert list(read_manifest(tmp_path).documents) == ["alpha"]
    assert FaissStore(tmp_path).load().fetch([0])[0].chunk.text == "a1"
    store.commit(first, [_doc("beta", ["b1"], 2)], set())  # the next commit cleans up the orphan
    generations = sorted(p.name for p in tmp_path.glob("gen-*"))
    assert len(generations) == 2


def test_a_second_writer_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    import fcntl

    tmp_path.mkdir(exist_ok=True)
    with open(tmp_path / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(IndexBusy, match="another process"):
            FaissStore(tmp_path).commit(_empty(), [_doc("a", ["x"], 1)], set())


def test_loading_an_empty_directory_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="assistant index"):
        FaissStore(tmp_path).load()


def test_auto_picks_an_approximate_index_above_the_threshold() -> None:
    assert choose_index_type("auto", 100, 50_000) == "flat"
    assert choose_index_type("auto", 60_000, 50_000) == "ivf"
    assert choose_index_type("hnsw", 10, 50_000) == "hnsw"


@pytest.mark.parametrize("kind", ["ivf", "hnsw"])
def test_approximate_indexes_find_near_duplicates(kind: str) -> None:
    rng = np.random.default_rng(0)
    data = rng.normal(size=(4000, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    index = FaissVectors.build(data, kind, nprobe=16)
    assert index.kind == kind
    hits = sum(index.search(data[i] + 0.01, 1)[0][0] == i for i in range(0, 4000, 100))
    assert hits >= 38
    mask = np.zeros(4000, dtype=bool)
    mask[:10] = True
    assert all(row < 10 for row, _ in index.search(data[500], 5, mask))
    assert np.allclose(index.reconstruct([7]), data[7:8], atol=1e-6)


def test_hnsw_searches_deeper_as_the_collection_grows(tmp_path: Path) -> None:
    depths = [hnsw_ef_search(n) for n in (0, 1_000, 10_000, 100_000, 1_000_000, 10_000_000)]
    assert depths == sorted(depths)
    assert depths[0] == depths[1] == 384  # small collections
    assert depths[4] >= 3072  # at 1M, depth 3072 was needed for recall@10 >= 0.95
    assert depths[-1] == 4096
    rng = np.random.default_rng(1)
    data = rng.normal(size=(2000, 16)).astype(np.float32)
    FaissVectors.build(data, "hnsw").save(tmp_path / "v.faiss")
    assert FaissVectors.load(tmp_path / "v.faiss", "hnsw").ef_search == hnsw_ef_search(2000)


def test_store_builds_ivf_above_threshold_and_reloads(tmp_path: Path) -> None:
    docs = [_doc(f"d{i}", [f"text {i} {j}" for j in range(50)], i) for i in range(30)]
    FaissStore(tmp_path, approx_threshold=1000).commit(_empty(), docs, set())
    loaded = FaissStore(tmp_path, approx_threshold=1000).load()
    assert loaded.manifest.index_type == "ivf"
    assert loaded.dense_search(docs[3].vectors[7], 1)[0][0] == 3 * 50 + 7


@pytest.mark.parametrize("kind", ["flat", "ivf", "hnsw"])
@pytest.mark.parametrize("share", [0.02, 0.5])
def test_filtered_search_is_exact_among_the_rows_kept(kind: str, share: float) -> None:
    """A filter keeping a few rows (a question scoped to one document) is searched by direct
    comparison, a wide one through the index; either way the best kept rows come back, best first."""
    rng = np.random.default_rng(3)
    data = rng.standard_normal((3000, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    index = FaissVectors.build(data, kind, nprobe=64)
    mask = np.zeros(len(data), dtype=bool)
    mask[rng.choice(len(data), int(len(data) * share), replace=False)] = True
    query = data[int(np.flatnonzero(mask)[0])] + 0.05 * rng.standard_normal(32).astype(np.float32)
    query /= np.linalg.norm(query)
    found = index.search(query, 10, mask)
    kept = np.flatnonzero(mask)
    expected = kept[np.argsort(-(data[kept] @ query))[:10]]
    assert all(mask[row] for row, _ in found)
    assert [score for _, score in found] == sorted((score for _, score in found), reverse=True)
    overlap = len({row for row, _ in found} & set(expected.tolist()))
    assert overlap == 10 if share < 0.1 or kind == "flat" else overlap >= 8
    assert found[0][0] == int(expected[0])


def test_a_filter_that_keeps_nothing_finds_nothing() -> None:
    data = np.eye(4, dtype=np.float32)
    assert FaissVectors.build(data, "flat").search(data[0], 3, np.zeros(4, dtype=bool)) == []
