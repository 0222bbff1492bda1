"""Fixtures of the assistant tests."""

import pytest

from corpus.loaders import iter_documents
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.fakes import FakeEmbeddings


@pytest.fixture
def parts(tmp_path, seeds_copy):
    """The bundled corpus indexed with fake embeddings, real Chroma and SQLite: (embeddings, vectors, store, indexer)."""
    emb = FakeEmbeddings()
    vectors = VectorIndex(persistent_client(tmp_path / "chroma"), "chain", emb.name, emb.dimension)
    store = Store(tmp_path / "store.sqlite")
    indexer = Indexer(emb, vectors, store)
    indexer.run(((str(seeds_copy), d) for d in iter_documents([seeds_copy])), roots=[str(seeds_copy)])
    return emb, vectors, store, indexer
