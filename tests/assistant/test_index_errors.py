"""A damaged or missing keyword index is reported with how to recover, never silently wrong."""

import sqlite3

import pytest

from assistant.chain import Assistant
from assistant.errors import IndexCorruptError
from assistant.extractive import ExtractiveAnswerer
from assistant.factory import store_term_stats
from assistant.retriever import HybridRetriever
from corpus.loaders import iter_documents
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.fakes import FakeEmbeddings


def _build(home, seeds):
    emb = FakeEmbeddings()
    vectors = VectorIndex(persistent_client(home / "chroma"), "errs", emb.name, emb.dimension)
    store = Store(home / "store.sqlite")
    Indexer(emb, vectors, store).run(((str(seeds), d) for d in iter_documents([seeds])), roots=[str(seeds)])
    return emb, vectors, store


def _assistant(emb, vectors, store):
    return Assistant(HybridRetriever(emb, vectors, store), ExtractiveAnswerer(store_term_stats(store)), store)


def test_damaged_keyword_index(tmp_path, seeds_copy):
    emb, vectors, store = _build(tmp_path, seeds_copy)
    conn = sqlite3.connect(store.path)
    conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    with pytest.raises(IndexCorruptError) as err:
        _assistant(emb, vectors, store).ask("Ai là Bí thư?")
    assert "vankien index" in err.value.hint


def test_missing_manifest_while_vectors_exist(tmp_path, seeds_copy):
    emb, vectors, store = _build(tmp_path, seeds_copy)
    store.close()
    for suffix in ("", "-wal", "-shm"):
        path = tmp_path / f"store.sqlite{suffix}"
        if path.exists():
            path.unlink()
    with pytest.raises(IndexCorruptError) as err:
        _assistant(emb, vectors, Store(tmp_path / "store.sqlite")).ask("Ai là Bí thư?")
    assert "vankien index" in err.value.hint


def test_keyword_index_of_an_older_version(tmp_path, seeds_copy):
    emb, vectors, store = _build(tmp_path, seeds_copy)
    store.set_info("tokenizer", "2")
    with pytest.raises(IndexCorruptError) as err:
        _assistant(emb, vectors, store).ask("Ai là Bí thư?")
    assert "older version" in str(err.value) and "no re-embedding" in err.value.hint
    store.rebuild_keyword_index()
    assert _assistant(emb, vectors, store).ask("Ai là Bí thư?").citations
