"""Copying an index from one store into another (FAISS <-> Milvus) without re-reading or re-embedding."""

from __future__ import annotations

from assistant.errors import IndexNotFound, IndexStoreError
from assistant.index import Manifest, Store
from assistant.indexer import Progress


def migrate_index(source: Store, target: Store, replace: bool = False, progress: Progress | None = None) -> Manifest:
    """Copy every document of ``source`` (chunks, vectors, directory entries) into ``target``.

    Nothing is re-read or re-embedded. The target's earlier content is replaced, which must be
    asked for with ``replace`` when it holds documents. The target's writer lock is held
    throughout.

    Raises:
        IndexNotFound: the source holds no index.
        IndexStoreError: the target already holds documents and ``replace`` is false.
        IndexBusy: another writer is at work on the target.
    """
    with target.writer("migrate") as generation:
        manifest = source.load().manifest
        assert manifest is not None  # load() sets it or raises
        try:
            existing = len(target.current().documents)
        except IndexNotFound:
            existing = 0
        if existing and not replace:
            raise IndexStoreError(
                f"the {target.name} store already holds an index of {existing} documents: "
                "pass --replace to overwrite it"
            )
        base = Manifest(
            model=manifest.model,
            dim=manifest.dim,
            chunking=dict(manifest.chunking),
            generation=generation,  # replaces what the target holds now
            roots=list(manifest.roots),
            excluded=list(manifest.excluded),
            embedding_backend=manifest.embedding_backend,
        )
        documents = []
        ordered = sorted(manifest.documents)
        for n, doc_id in enumerate(ordered):
            if progress:
                progress("copying", n, len(ordered))
            documents.append(source.export_document(doc_id))
        if progress:
            progress("writing", 0, 1)
        committed = target.commit(base, documents, set())
        if progress:
            progress("writing", 1, 1)
    return committed
