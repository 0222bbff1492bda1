"""The store's health checks, a separate piece: each problem named, nothing repaired."""

import sqlite3

import pytest

from corpus.models import Chunk, Document
from index.health import Problem
from index.store import Store


class _Vectors:
    def __init__(self, n):
        self.n = n

    def count(self):
        return self.n


def _store(path, texts=("Đồng chí Trần Phương giữ chức Bí thư Chi bộ.",)):
    store = Store(path)
    docs = [(Document(f"{i}.txt", t), [Chunk(Chunk.make_id(f"{i}.txt", 0, t), f"{i}.txt", 0, len(t), t)]) for i, t in enumerate(texts)]
    store.mark_pending((d.source, "h", "root") for d, _ in docs)
    store.write_documents(docs)
    return store


def _sql(store, statement):
    conn = sqlite3.connect(store.path)
    conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_sound_store_has_no_problem(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    assert store.health.diagnose(_Vectors(1)) is None
    assert store.health.quick_check() is None and store.health.integrity_check() is None


@pytest.mark.parametrize("vectors, kind", [(None, "empty"), (_Vectors(0), "empty"), (_Vectors(3), "manifest_missing")])
def test_an_empty_store_is_empty_unless_vectors_remain(tmp_path, vectors, kind):
    assert Store(tmp_path / "s.sqlite").health.diagnose(vectors) == Problem(kind)


def test_an_emptied_keyword_index_is_damaged(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    _sql(store, "INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    problem = store.health.diagnose()
    assert problem.kind == "damaged" and "empty while chunks are stored" in problem.detail
    store.keywords.rebuild()
    assert store.health.diagnose() is None


def test_lost_term_counts_are_damage_too(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    _sql(store, "DELETE FROM term_df")
    assert store.health.diagnose().kind == "damaged"


def test_an_older_tokenizer_is_outdated_not_damaged(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    store.set_info("tokenizer", "2")
    problem = store.health.diagnose()
    assert problem.kind == "outdated" and "older version" in problem.detail


def test_checks_write_nothing(tmp_path):
    store = _store(tmp_path / "s.sqlite")
    before = store.db.change_marker()
    store.health.quick_check()
    store.health.diagnose(_Vectors(1))
    assert store.db.change_marker() == before
    store.set_info("x", "1")
    assert store.db.change_marker() != before  # and a write is seen
