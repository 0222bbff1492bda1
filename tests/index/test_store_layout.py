"""The split store on disk: an index written by the release before the split (one
``Store`` class) opens with the components unchanged, and each component works on it."""

import shutil
import sqlite3
from pathlib import Path

from corpus.models import Chunk, Document
from index.store import Store
from index.tokens import build_query

OLD = Path(__file__).parent / "data" / "store_v1_tokenizer3.sqlite"  # written by main at d61359f


def _tables(path):
    conn = sqlite3.connect(path)
    rows = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')"))
    conn.close()
    return rows


def test_index_of_the_previous_layout_opens_and_answers_unchanged(tmp_path):
    path = tmp_path / "store.sqlite"
    shutil.copyfile(OLD, path)
    before = _tables(path)
    store = Store(path)
    assert _tables(path) == before  # nothing created, nothing dropped
    assert store.counts() == (2, 2)
    # its keyword index is of tokenizer 3: outdated, upgraded from the stored chunks as
    # `vankien index` does (no re-embedding)
    assert store.keywords.outdated() and store.health.quick_check() == "it was built by an older version of vankien"
    assert store.rebuild_keyword_index() == 2
    assert store.health.quick_check() is None and store.health.integrity_check() is None
    assert not store.keywords.outdated()
    hit = store.keywords.search(build_query("bi thu chi bo"), 5)[0]
    assert hit.source == "a.txt" and hit.keyword and hit.keyword == hit.score
    [full] = store.docs.complete([hit])
    assert (full.title, full.date, full.org) == ("Đại hội Chi bộ", "2020-09-25", "Văn phòng")
    assert full.keyword == hit.keyword  # scores kept through completion
    assert [p.source for p in store.keywords.search(build_query("Kế hoạch 205-KH/ĐU"), 5)] == ["b.txt"]
    # and it keeps being written the usual way
    text = "Chi bộ Văn phòng 2 tổ chức Đại hội lần thứ nhất."
    store.mark_pending([("c.txt", "h", "root")])
    store.write_documents([(Document("c.txt", text), [Chunk(Chunk.make_id("c.txt", 0, text), "c.txt", 0, len(text), text)])])
    assert store.counts() == (3, 3) and store.health.integrity_check() is None
    assert store.keywords.search(build_query("Văn phòng 2"), 5)[0].source == "c.txt"


def test_a_new_index_has_the_tables_of_the_previous_layout(tmp_path):
    Store(tmp_path / "new.sqlite").close()
    old = [t for t in _tables(OLD) if not t.startswith("chunks_fts_")]
    new = [t for t in _tables(tmp_path / "new.sqlite") if not t.startswith("chunks_fts_")]
    assert new == old
