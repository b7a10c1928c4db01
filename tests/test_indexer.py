"""Incremental indexing with the real model: only changes are embedded, nothing is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import indexer
from assistant.config import Settings
from assistant.errors import IndexMismatch
from assistant.index import Manifest, make_store
from assistant.index.manifest import MANIFEST_NAME, read_manifest
from assistant.index.reader import reader_fingerprint
from assistant.indexer import embedding_text
from assistant.pipeline import Assistant
from tests.conftest import DATA, ROOT, STORES


@pytest.fixture(params=STORES)
def settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """Incremental indexing is checked in each store."""
    return settings.replace(store=request.param)


def _manifest(settings: Settings) -> Manifest:
    return make_store(settings).current()


def _assistant(settings: Settings, embedder) -> Assistant:
    return Assistant(settings, embedder=embedder)


def test_first_run_indexes_the_corpus_directory(settings: Settings, corpus_copy: Path, embedder) -> None:
    report = _assistant(settings, embedder).index()
    assert len(report.added) == 5
    assert not report.skipped
    assert report.chunks_total == report.chunks_embedded > 50
    manifest = _manifest(settings)
    assert manifest.model == "all-MiniLM-L6-v2"
    assert manifest.dim == 384
    assert all(len(r.content_hash) == 64 for r in manifest.documents.values())


def test_each_chunk_keeps_its_own_vectors_though_the_model_sees_them_longest_first(
    settings: Settings, corpus_copy: Path, embedder
) -> None:
    """The indexer embeds all documents' chunks together, sorted by length; every stored vector
    must still be the one of its own chunk, in reading order."""
    assistant = _assistant(settings, embedder)
    assistant.index()
    store = assistant.store()
    for doc_id, record in _manifest(settings).documents.items():
        stored = store.export_document(doc_id)
        texts = [embedding_text(record.info.title, chunk) for chunk in stored.chunks]
        alone = embedder.embed([text for text, _ in texts])
        assert [c.ordinal for c in stored.chunks] == list(range(len(stored.chunks)))
        assert (stored.vectors * alone).sum(axis=1).min() > 0.999, doc_id
        for (text, spans), sentences in zip(texts, stored.sentence_vectors, strict=True):
            assert sentences is not None
            assert sentences.shape == (len(spans), embedder.dim)
            assert float(sentences[0] @ embedder.embed([text[spans[0][0] : spans[0][1]]])[0]) > 0.5


def test_rerun_embeds_only_new_changed_and_drops_removed(settings: Settings, corpus_copy: Path, embedder) -> None:
    assistant = _assistant(settings, embedder)
    assistant.index()
    (corpus_copy / "greater-essex-leadership-collaborative-launch-2016.md").unlink()
    safer = corpus_copy / "safer-essex-partnership.md"
    safer.write_text(safer.read_text() + "\n\nSafer Essex also runs a new road safety campaign.\n")
    (corpus_copy / "new-note.md").write_text("# Loneliness\n\nThe befriending scheme reduces loneliness.\n")
    report = assistant.index()
    assert report.added == ["new-note"]
    assert report.updated == ["safer-essex-partnership"]
    assert report.removed == ["greater-essex-leadership-collaborative-launch-2016"]
    assert report.unchanged == 3
    assert report.chunks_embedded < 15
    assert "road safety campaign" in " ".join(
        c.chunk.text for c in assistant.store().document_chunks("safer-essex-partnership")
    )


def test_unchanged_files_read_by_earlier_reading_code_are_read_again(
    settings: Settings, corpus_copy: Path, embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assistant(settings, embedder).index()
    assert {r.reader for r in _manifest(settings).documents.values()} == {reader_fingerprint()}
    monkeypatch.setattr(indexer, "reader_fingerprint", lambda: "0123456789abcdef")  # a newer version's code
    report = _assistant(settings, embedder).index()
    assert report.reread == 5
    assert len(report.updated) == 5
    assert report.unchanged == 0
    assert report.chunks_embedded == 0  # read the same: every chunk keeps the vectors the index holds
    assert {r.reader for r in _manifest(settings).documents.values()} == {"0123456789abcdef"}
    again = _assistant(settings, embedder).index()
    assert (again.unchanged, again.updated, again.reread) == (5, [], 0)


def test_a_changed_file_embeds_only_its_new_chunks_and_keeps_every_vector_right(
    settings: Settings, corpus_copy: Path, tmp_path: Path, embedder
) -> None:
    assistant = _assistant(settings, embedder)
    assistant.index()
    safer = corpus_copy / "safer-essex-partnership.md"
    safer.write_text(safer.read_text() + "\n\n## Road safety\n\nSafer Essex also runs a new road safety campaign.\n")
    report = assistant.index()
    kept = assistant.store().export_document("safer-essex-partnership")
    assert report.updated == ["safer-essex-partnership"]
    assert 0 < report.chunks_embedded < len(kept.chunks)
    fresh = _assistant(settings.replace(index_dir=tmp_path / "fresh"), embedder)
    fresh.index()  # the same files embedded from scratch: what every vector should be
    built = fresh.store().export_document("safer-essex-partnership")
    assert [c.text for c in kept.chunks] == [c.text for c in built.chunks]
    assert (kept.vectors * built.vectors).sum(axis=1).min() > 0.999
    for ours, theirs in zip(kept.sentence_vectors, built.sentence_vectors, strict=True):
        assert ours is not None
        assert theirs is not None
        assert np.allclose(ours, theirs, atol=2e-3)


def test_an_index_that_recorded_no_reading_code_is_read_again(settings: Settings, corpus_copy: Path, embedder) -> None:
    if settings.store != "faiss":
        pytest.skip("an index from before the reading code was recorded is a FAISS index")
    _assistant(settings, embedder).index()
    path = settings.index_dir / MANIFEST_NAME
    data = json.loads(path.read_text())
    for record in data["documents"].values():
        del record["reader"]  # as written before the reading code was recorded
    path.write_text(json.dumps(data))
    assert {r.reader for r in _manifest(settings).documents.values()} == {""}
    report = _assistant(settings, embedder).index()
    assert (report.reread, report.unchanged) == (5, 0)


def test_unreadable_files_are_skipped_and_nothing_indexed_is_lost(
    settings: Settings, corpus_copy: Path, embedder
) -> None:
    assistant = _assistant(settings, embedder)
    assistant.index()
    for name in ("empty.txt", "corrupt.pdf", "image_only.pdf", "binary.txt", "notes.xyz"):
        (corpus_copy / name).write_bytes((DATA / name).read_bytes())
    report = assistant.index()
    reasons = {Path(p).name: r for p, r in report.skipped}
    assert set(reasons) == {"empty.txt", "corrupt.pdf", "image_only.pdf", "binary.txt", "notes.xyz"}
    assert "no text layer" in reasons["image_only.pdf"]
    assert report.documents_total == 5


def test_a_changed_file_that_became_unreadable_keeps_its_old_version(
    settings: Settings, corpus_copy: Path, embedder
) -> None:
    assistant = _assistant(settings, embedder)
    assistant.index()
    (corpus_copy / "safer-essex-partnership.md").write_bytes(b"\x00\x01\x02binary now")
    report = assistant.index()
    assert report.skipped
    assert "binary" in report.skipped[0][1]
    assert "safer-essex-partnership" in _manifest(settings).documents


def test_added_folders_are_remembered(settings: Settings, corpus_copy: Path, tmp_path: Path, embedder) -> None:
    extra = tmp_path / "minutes"
    extra.mkdir()
    (extra / "board.md").write_text("# Board minutes\n\nThe board agreed the Holiday Hunger budget.\n")
    assistant = _assistant(settings, embedder)
    assistant.index()
    assert assistant.index([extra]).added == ["board"]
    (extra / "board.md").write_text("# Board minutes\n\nThe board agreed a larger budget.\n")
    assert assistant.index().updated == ["board"]


def test_rebuild_starts_over(settings: Settings, corpus_copy: Path, embedder) -> None:
    assistant = _assistant(settings, embedder)
    first = assistant.index()
    report = assistant.index(rebuild=True)
    assert len(report.added) == 5
    assert report.chunks_embedded == first.chunks_total


def test_a_model_mismatch_asks_for_a_rebuild(settings: Settings, corpus_copy: Path, embedder) -> None:
    _assistant(settings, embedder).index()
    other = settings.replace(model="some-other-model")
    with pytest.raises(IndexMismatch, match="--rebuild"):
        Assistant(other, embedder=embedder).index()


def test_killing_a_build_leaves_the_previous_index_loadable(corpus_copy: Path, tmp_path: Path, embedder) -> None:
    settings = Settings.from_env()  # FAISS: each build writes a new generation beside the last
    _assistant(settings, embedder).index()
    before = read_manifest(settings.index_dir)
    big = tmp_path / "big"
    big.mkdir()
    for i in range(40):
        (big / f"doc{i}.md").write_text(
            f"# Doc {i}\n\n" + " ".join(f"Sentence {j} of document {i}." for j in range(400))
        )
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(settings.index_dir), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", str(big)],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
    )
    seen = b""
    deadline = time.time() + 120
    while b"embedding" not in seen and time.time() < deadline:
        seen += os.read(process.stderr.fileno(), 4096)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert b"embedding" in seen
    after = read_manifest(settings.index_dir)
    assert after.generation == before.generation
    assert set(after.documents) == set(before.documents)
    store = Assistant(settings, embedder=embedder).store()
    assert store.count == before.chunk_count
    report = _assistant(settings, embedder).index()
    assert report.documents_total == 5
