import sqlite3

import pytest

from assistant.errors import IndexCorruptError
from corpus.models import Chunk, Document
from index.store import Store
from index.tokens import build_query, index_fields


def _doc(source, text, title=""):
    return Document(source=source, text=text, title=title)


def _chunk(source, start, text):
    return Chunk(id=Chunk.make_id(source, start, text), source=source, start=start, end=start + len(text), text=text)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "store.sqlite")
    docs = [
        ("a.txt", "Đồng chí Trần Phương được tín nhiệm giữ chức Bí thư Chi bộ."),
        ("b.txt", "Thực hiện Kế hoạch số 205-KH⁄ĐU ngày 01⁄8⁄2019 của Đảng ủy Sở Công Thương."),
        ("c.txt", "Khối Thi đua số III của Bộ TN&MT tổ chức Hội nghị."),
    ]
    s.mark_pending((src, "h", "root") for src, _ in docs)
    s.write_documents([(_doc(src, text), [_chunk(src, 0, text)]) for src, text in docs])
    return s


def _sources(store, query):
    hits = store.search(build_query(query), 5)
    chunks = store.get_chunks([h[0] for h in hits])
    return [chunks[h[0]].chunk.source for h in hits]


def test_search_tone_styles_no_diacritics_and_doc_numbers(store):
    assert _sources(store, "Bí thư Chi bộ")[0] == "a.txt"
    assert _sources(store, "bi thu chi bo")[0] == "a.txt"
    assert _sources(store, "Kế hoạch 205-KH/ĐU")[0] == "b.txt"
    assert _sources(store, "ke hoach 205/KH-DU")[0] == "b.txt"
    assert _sources(store, "Đảng uỷ Sở Công Thương")[0] == "b.txt"  # uỷ vs ủy
    assert _sources(store, "Bộ TN&MT")[0] == "c.txt"


def test_search_filters_by_source(store):
    assert _sources(store, "Trần Phương") == ["a.txt"]
    hits = store.search(build_query("Trần Phương"), 5, sources=["b.txt"])
    assert hits == []


def test_delete_keeps_fts_in_step(store):
    store.delete_sources(["a.txt"])
    assert _sources(store, "Trần Phương") == []
    assert store.integrity_check() is None
    assert store.counts() == (2, 2)


def test_rewrite_replaces_chunks(store):
    new = "Đồng chí Đỗ Đức Thắng được bầu giữ chức Phó Bí thư Chi bộ."
    store.mark_pending([("a.txt", "h2", "root")])
    store.write_documents([(_doc("a.txt", new), [_chunk("a.txt", 0, new)])])
    assert _sources(store, "Trần Phương") == []
    assert _sources(store, "Đỗ Đức Thắng") == ["a.txt"]
    assert store.counts() == (3, 3)


def test_rebuild_keyword_index_from_chunks(store):
    conn = sqlite3.connect(store.path)
    conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    assert _sources(store, "Trần Phương") == []
    assert store.rebuild_keyword_index() == 3
    assert _sources(store, "Trần Phương") == ["a.txt"]


def test_document_frequencies(store):
    df = store.document_frequencies(["chi", "bộ", "xyzxyz"])
    assert df["chi"] == 1 and df["bộ"] == 2 and df["xyzxyz"] == 0


def test_damaged_database_is_reported(tmp_path):
    path = tmp_path / "store.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexCorruptError) as err:
        Store(path)
    assert "--rebuild" in err.value.hint


def test_index_fields_fold_and_add_keys():
    acc, plain = index_fields("Chỉ thị số 05-CT/TW, Tỉnh uỷ")
    assert "so_5_ct_tw" in acc and "tỉnh ủy" in acc
    assert "chi thi" in plain and "tinh uy" in plain


def test_counters_follow_every_change(store):
    def truth():
        conn = sqlite3.connect(store.path)
        n = conn.execute("SELECT count(*) FROM sources WHERE status = 'done'").fetchone()[0], conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        conn.close()
        return n

    assert store.counts() == truth() == (3, 3)
    store.mark_pending([("a.txt", "h9", "root")])
    assert store.counts() == truth() == (2, 3)
    store.delete_sources(["a.txt", "b.txt"])
    assert store.counts() == truth() == (1, 1)
    store.clear()
    assert store.counts() == truth() == (0, 0)
