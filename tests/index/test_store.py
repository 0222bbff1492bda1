import sqlite3

import pytest

from assistant.errors import IndexCorruptError
from corpus.models import Chunk, Document
from index.store import Store
from index.tokens import TOKENIZER_VERSION, build_query, index_fields, keyword_text, single_terms


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
    return [p.source for p in store.search(build_query(query), 5)]


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
    assert "vankien index" in err.value.hint


def test_a_damaged_store_file_is_moved_aside_and_started_over(tmp_path):
    from index.rescue import open_store

    path = tmp_path / "store.sqlite"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    store, rescue = open_store(path)
    assert rescue is not None and rescue.moved_to.read_bytes() == garbage  # kept, not deleted
    assert store.counts() == (0, 0) and store.health.file_check() is None
    store.close()
    again, rescue = open_store(path)  # a sound file is opened as it is
    assert rescue is None and again.counts() == (0, 0)


def test_index_fields_fold_add_keys_and_pairs():
    acc, plain = index_fields("Chỉ thị số 05-CT/TW, Tỉnh uỷ")
    assert "so_5_ct_tw" in acc.split() and {"tỉnh", "ủy", "tỉnh_ủy"} <= set(acc.split())
    assert {"chi_thi", "tinh_uy", "tinh", "uy"} <= set(plain.split())
    # keys have three parts or more, pairs two, and a key never enters a pair
    keys = {"so_5_ct", "so_5_ct_tw"}
    pairs = [t for t in acc.split() if "_" in t and t not in keys]
    assert pairs and all(t.count("_") == 1 for t in pairs)
    assert not [t for t in pairs if any(k in t for k in keys)]


def test_pair_outranks_the_same_syllables_apart(tmp_path):
    s = Store(tmp_path / "s.sqlite")
    texts = {
        "apart.txt": "Thư gửi các chi bộ; bí mật được giữ.",
        "pair.txt": "Đồng chí làm bí thư.",
        "other.txt": "Hội nghị tổng kết công tác năm.",
    }
    s.mark_pending((src, "h", "root") for src in texts)
    s.write_documents([(_doc(src, t), [_chunk(src, 0, t)]) for src, t in texts.items()])
    assert _sources(s, "bí thư")[0] == "pair.txt"
    assert _sources(s, "bi thu")[0] == "pair.txt"


def _true_df(store):
    """Term counts recomputed from the stored chunks."""
    conn = sqlite3.connect(store.path)
    counts: dict[str, int] = {}
    for (kw,) in conn.execute("SELECT kw FROM chunks"):
        for term in single_terms(kw):
            counts[term] = counts.get(term, 0) + 1
    conn.close()
    return counts


def test_term_counts_follow_every_change(store):
    def stored():
        conn = sqlite3.connect(store.path)
        rows = {t: n for t, n in conn.execute("SELECT term, n FROM term_df WHERE n != 0")}
        conn.close()
        return rows

    assert stored() == _true_df(store) and stored()["chi"] == 1
    new = "Chi bộ Văn phòng tổ chức Đại hội; Bí thư Chi bộ phát biểu."
    store.mark_pending([("a.txt", "h2", "root")])
    store.write_documents([(_doc("a.txt", new), [_chunk("a.txt", 0, new)])])
    assert stored() == _true_df(store)
    store.delete_sources(["b.txt"])
    assert stored() == _true_df(store) and store.document_frequencies(["so_205_kh"]) == {"so_205_kh": 0}
    store.rebuild_keyword_index()
    assert stored() == _true_df(store)
    store.clear()
    assert stored() == {}


def test_outdated_keyword_index_is_reported_then_upgraded(store):
    # what an index from tokenizer 2 looks like: its own version, no term counts
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE info SET value = '2' WHERE key = 'tokenizer'")
    conn.execute("DELETE FROM term_df")
    conn.commit()
    conn.close()
    reopened = Store(store.path)  # opening an older keyword index is not an error
    assert reopened.keyword_index_outdated()
    assert "older version" in reopened.quick_check()
    assert reopened.rebuild_keyword_index() == 3
    assert not reopened.keyword_index_outdated() and reopened.get_info("tokenizer") == TOKENIZER_VERSION
    assert reopened.quick_check() is None and reopened.integrity_check() is None
    assert _sources(reopened, "bi thu chi bo")[0] == "a.txt"


def test_keyword_text_keeps_syllables_then_keys():
    assert keyword_text("Chỉ thị 05-CT/TW") == "chỉ thị 05 ct tw so_5_ct so_5_ct_tw"


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


def test_chunk_ids_read_page_by_page_are_all_the_ids(tmp_path):
    s = Store(tmp_path / "paged.sqlite")
    s.mark_pending([("d.txt", "h", "root")])
    chunks = [_chunk("d.txt", i * 10, f"Đoạn số {i} của văn bản.") for i in range(23)]
    s.write_documents([(_doc("d.txt", "x"), chunks)])
    paged = list(s.docs.iter_chunk_ids(page=5))  # five pages, the last one short
    assert len(paged) == 23 and set(paged) == s.all_chunk_ids() == {c.id for c in chunks}


def test_a_passage_that_introduces_items_carries_the_next_chunk_of_its_document(tmp_path):
    s = Store(tmp_path / "store.sqlite")
    first = "Điều 79. Công khai kết luận thanh tra. Hình thức công khai bao gồm:\na) Đăng tải trên Cổng thông tin điện tử;"
    second = "b) Niêm yết tại trụ sở làm việc."
    third = "Điều 80. Nhiệm vụ của người ra quyết định thanh tra."
    text = "\n".join((first, second, third))
    chunks = [_chunk("law.txt", 0, first), _chunk("law.txt", len(first) + 1, second), _chunk("law.txt", len(first) + len(second) + 2, third)]
    s.mark_pending([("law.txt", "h", "root")])
    s.write_documents([(_doc("law.txt", text, "Luật Thanh tra"), chunks)])
    hits = {p.text: p for p in s.search(build_query("thanh tra"), 5)}
    done = {p.text: p for p in s.docs.complete(list(hits.values()))}
    assert done[first].after is not None
    assert (done[first].after.text, done[first].after.start, done[first].after.title) == (second, chunks[1].start, "Luật Thanh tra")
    assert done[third].after is None  # introduces nothing (and is the last chunk)
    assert done[first].after.score == done[first].score > 0  # scored as the passage it continues
    s.close()
