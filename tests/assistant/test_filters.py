"""Document type and issuer as retrieval filters (Python API), on a real Chroma with fake embeddings."""

from __future__ import annotations

import pytest

from assistant.query import understand
from assistant.retriever import Filters, HybridRetriever
from corpus.models import Document
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.corpus.test_metadata import DIRECTIVE
from tests.fakes import FakeEmbeddings

RESOLUTION = "ĐẢNG ỦY XÃ AN BÌNH\nNGHỊ QUYẾT\nvề tăng cường công tác kiểm tra, giám sát của các chi bộ trong năm 2024."
NEWS = "Sáng 12/3, các chi bộ tăng cường công tác kiểm tra, giám sát theo chỉ đạo của Đảng ủy Khối."


@pytest.fixture
def retriever(tmp_path):
    emb = FakeEmbeddings()
    vectors = VectorIndex(persistent_client(tmp_path / "chroma"), "filters", emb.name, emb.dimension)
    store = Store(tmp_path / "store.sqlite")
    docs = [Document("ct.txt", DIRECTIVE), Document("nq.txt", RESOLUTION), Document("tin.txt", NEWS)]
    Indexer(emb, vectors, store).run((("r", d) for d in docs), roots=["r"])
    return HybridRetriever(emb, vectors, store)


def _sources(retriever, filters):
    return {p.source for p in retriever.retrieve(understand("công tác kiểm tra, giám sát"), k=5, filters=filters).passages}


def test_filter_by_document_type_and_issuer(retriever):
    assert _sources(retriever, None) == {"ct.txt", "nq.txt", "tin.txt"}
    assert _sources(retriever, Filters(doc_type="Chỉ thị")) == {"ct.txt"}
    assert _sources(retriever, Filters(doc_type="nghị quyết")) == {"nq.txt"}
    assert _sources(retriever, Filters(issuer="Đảng ủy Khối")) == {"ct.txt"}  # not the news that mentions it
    assert _sources(retriever, Filters(issuer="đảng uỷ xã an bình")) == {"nq.txt"}  # any case, either tone style
    assert _sources(retriever, Filters(doc_type="Luật")) == set()
