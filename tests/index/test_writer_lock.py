"""The writer lock of both stores: one writer at a time, refusals say who, stale bases are refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexBusy, IndexChanged
from assistant.index import Store
from assistant.index.faiss_store import FaissStore
from assistant.index.milvus import MilvusStore
from assistant.index.milvus import lease as milvus_lease
from assistant.index.writer_lock import Holder
from tests.conftest import ROOT
from tests.index.test_store import _doc, _empty


@pytest.fixture(params=["faiss", "milvus"])
def open_store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Opens stores of one index (as separate processes would); milvus: one milvus-lite file."""

    def opened() -> Store:
        if request.param == "faiss":
            return FaissStore(tmp_path / "index")
        return MilvusStore(str(tmp_path / "milvus.db"), prefix="t")

    return opened


def test_a_commit_from_a_stale_base_is_refused_and_loses_nothing(open_store) -> None:  # type: ignore[no-untyped-def]
    first = open_store().commit(_empty(["/docs"]), [_doc("alpha", ["a1"], 1)], set())
    slow = open_store()
    base = slow.current()  # a long run reads the manifest, then works
    fast = open_store()
    fast.commit(fast.current(), [_doc("beta", ["b1"], 2)], set())  # another run commits meanwhile
    with pytest.raises(IndexChanged, match=r"changed while this run was working.*run it again"):
        slow.commit(base, [_doc("gamma", ["c1"], 3)], set())
    after = open_store().load()
    assert sorted(after.manifest.documents) == ["alpha", "beta"]
    assert after.manifest.generation == first.generation + 1
    assert after.manifest.roots == ["/docs"]
    assert sorted(c.chunk.text for c in after.fetch(_rows(after))) == ["a1", "b1"]


def test_a_fresh_base_must_name_the_generation_it_replaces(open_store) -> None:  # type: ignore[no-untyped-def]
    open_store().commit(_empty(), [_doc("alpha", ["a1"], 1)], set())
    with pytest.raises(IndexChanged):
        open_store().commit(_empty(), [_doc("beta", ["b1"], 2)], set())  # generation 0: "no index yet"
    store = open_store()
    with store.writer("index documents") as generation:
        replacement = _empty()
        replacement.generation = generation
        store.commit(replacement, [_doc("beta", ["b1"], 2)], set())
    assert sorted(open_store().current().documents) == ["beta"]


def test_a_second_writer_is_refused_at_once_saying_who_holds_the_lock(open_store) -> None:  # type: ignore[no-untyped-def]
    holder = open_store()
    with holder.writer("index") as generation:
        assert generation == 0
        busy = rf"is writing the index .*pid {os.getpid()} on .*index\) since "
        with pytest.raises(IndexBusy, match=busy), open_store().writer("remove documents"):
            pass
        with pytest.raises(IndexBusy):
            open_store().commit(_empty(), [_doc("alpha", ["a1"], 1)], set())
        assert "\n" not in str(_refusal(open_store))
        holder.commit(_empty(), [_doc("alpha", ["a1"], 1)], set())  # the holder's own commit goes through
    with open_store().writer("remove documents") as generation:  # released at the end of the block
        assert generation == 1


def test_a_failed_run_releases_the_lock(open_store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), open_store().writer("index"):
        raise RuntimeError("the run failed")
    with open_store().writer("index"):
        pass


def test_readers_are_not_blocked_by_a_writer(open_store) -> None:  # type: ignore[no-untyped-def]
    alpha = _doc("alpha", ["holiday hunger clubs"], 1)
    open_store().commit(_empty(), [alpha], set())
    with open_store().writer("index"):
        reader = open_store().load()
        assert reader.dense_search(alpha.vectors[0], 1)[0][1] == pytest.approx(1.0, abs=1e-5)
        assert reader.keyword_search("hunger", 1)
        assert not reader.is_stale()


def test_another_thread_of_the_same_store_is_refused(tmp_path: Path) -> None:
    store = FaissStore(tmp_path)
    refused: list[BaseException] = []

    def other() -> None:
        try:
            with store.writer("remove documents"):
                pass
        except IndexBusy as exc:
            refused.append(exc)

    with store.writer("index"):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(refused) == 1
    assert "another writer in this process" in str(refused[0])


def test_the_faiss_lock_is_released_when_its_holder_dies(tmp_path: Path) -> None:
    """The lock is an flock: the kernel drops it with the process, whatever the lock file says."""
    code = (
        "import sys; from assistant.index.faiss_store import FaissStore; "
        "lock = FaissStore(sys.argv[1]).writer('index'); lock.__enter__(); input()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)],
        stdin=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.time() + 30
        while not (tmp_path / ".lock").exists() or not (tmp_path / ".lock").read_text():
            assert time.time() < deadline, "the holder never took the lock"
            time.sleep(0.05)
        busy = rf"another process .*pid {holder.pid} .*`-c {tmp_path}`, index\)"
        with pytest.raises(IndexBusy, match=busy), FaissStore(tmp_path).writer("index"):
            pass
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with FaissStore(tmp_path).writer("index"):
        pass


def test_the_milvus_heartbeat_keeps_a_long_run_s_lease(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(milvus_lease, "LEASE_SECONDS", 0.8)
    uri = str(tmp_path / "milvus.db")
    with MilvusStore(uri, prefix="t").writer("index"):
        time.sleep(2.0)  # more than two lease lengths
        with pytest.raises(IndexBusy, match="index"), MilvusStore(uri, prefix="t").writer("remove documents"):
            pass


def test_a_milvus_writer_whose_lease_was_taken_over_cannot_commit(tmp_path: Path) -> None:
    store = MilvusStore(str(tmp_path / "milvus.db"), prefix="t")
    with store.writer("index") as generation:
        intruder = Holder("otherhost", 99, "assistant index", "index", time.time())
        store.collections.upsert_keyed(
            "meta", "writer", "", json.dumps({"holder": intruder.to_json(), "renewed": time.time()})
        )
        base = _empty()
        base.generation = generation
        with pytest.raises(IndexBusy, match="pid 99 on otherhost"):
            store.commit(base, [_doc("alpha", ["a1"], 1)], set())
    assert (
        "otherhost" in json.loads(store.collections.read_value("meta", "writer"))["holder"]
    )  # not released by the loser


def _refusal(open_store) -> IndexBusy:  # type: ignore[no-untyped-def]
    try:
        with open_store().writer("index"):
            pass
    except IndexBusy as exc:
        return exc
    raise AssertionError("the second writer was not refused")


def _rows(store: Store) -> list[int]:
    query = np.ones(8, dtype=np.float32) / np.sqrt(8)
    return [row for row, _ in store.dense_search(query, 50)]
