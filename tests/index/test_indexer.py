import pytest

from assistant.errors import IndexBusyError, IndexMismatchError
from corpus.loaders import iter_documents
from index.indexer import IndexLock, Indexer
from index.store import Store
from index.tokens import build_query
from index.vectors import VectorIndex, persistent_client
from tests.fakes import ExplodingEmbeddings, FakeEmbeddings


def _indexer(home, embeddings=None, batch_docs=2):
    embeddings = embeddings or FakeEmbeddings()
    client = persistent_client(home / "chroma")
    vectors = VectorIndex(client, "test-col", embeddings.name, embeddings.dimension)
    store = Store(home / "store.sqlite")
    return Indexer(embeddings, vectors, store, chunk_size=500, chunk_overlap=100, batch_docs=batch_docs), embeddings


def _run(indexer, folder, **kw):
    root = str(folder)
    return indexer.run(((root, d) for d in iter_documents([folder])), roots=[root], **kw)


def _state(indexer):
    return sorted(indexer.store.all_chunk_ids()), sorted(indexer.vectors.all_ids())


def test_incremental_skip_change_remove(tmp_path, seeds_copy):
    indexer, emb = _indexer(tmp_path / "h")
    first = _run(indexer, seeds_copy)
    assert len(first.added) == 5 and first.chunks_embedded > 0
    ids, chroma_ids = _state(indexer)
    assert ids == chroma_ids and len(ids) == first.chunks_embedded

    again = _run(indexer, seeds_copy)
    assert again.unchanged == 5 and again.chunks_embedded == 0 and not again.added

    changed = seeds_copy / "002_e871276e7760b76a.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nĐồng chí Nguyễn Văn Mới được bầu bổ sung.", encoding="utf-8")
    (seeds_copy / "004_6249561a1a013b1e.txt").unlink()
    third = _run(indexer, seeds_copy)
    assert third.updated == ["002_e871276e7760b76a.txt"]
    assert third.removed == ["004_6249561a1a013b1e.txt"]
    assert third.chunks_reused > 0  # unchanged chunks of the changed file were not embedded again
    ids, chroma_ids = _state(indexer)
    assert ids == chroma_ids
    assert {s.source for s in indexer.store.sources()} == {p.name for p in seeds_copy.iterdir()}


def test_other_roots_are_left_alone(tmp_path, seeds_copy):
    indexer, _ = _indexer(tmp_path / "h")
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Chi bộ X tổ chức Đại hội.", encoding="utf-8")
    _run(indexer, seeds_copy)
    _run(indexer, other)
    assert len(indexer.store.sources()) == 6


def test_crash_midway_then_rerun_completes_exactly(tmp_path, seeds_copy):
    clean_indexer, _ = _indexer(tmp_path / "clean")
    _run(clean_indexer, seeds_copy)
    expected = _state(clean_indexer)

    crashing, _ = _indexer(tmp_path / "crash", ExplodingEmbeddings(after=1), batch_docs=2)
    with pytest.raises(RuntimeError):
        _run(crashing, seeds_copy)
    assert crashing.store.sources(status="pending")  # the batch in flight is marked

    resumed, _ = _indexer(tmp_path / "crash")
    report = _run(resumed, seeds_copy)
    assert report.recovered
    assert _state(resumed) == expected
    assert resumed.store.sources(status="pending") == []
    assert resumed.verify() == {"chunks": len(expected[0]), "orphans": 0, "missing": 0}


def test_rebuild_starts_over(tmp_path, seeds_copy):
    indexer, _ = _indexer(tmp_path / "h")
    _run(indexer, seeds_copy)
    report = _run(indexer, seeds_copy, rebuild=True)
    assert len(report.added) == 5


def test_other_embedder_refused_with_rebuild_hint(tmp_path, seeds_copy):
    indexer, _ = _indexer(tmp_path / "h", FakeEmbeddings(size=32))
    _run(indexer, seeds_copy)
    other = FakeEmbeddings(size=16)
    vectors = VectorIndex(persistent_client(tmp_path / "h" / "chroma"), "test-col", other.name, other.dimension)
    with pytest.raises(IndexMismatchError) as err:
        vectors.count()
    assert "--rebuild" in err.value.hint


def test_one_run_at_a_time(tmp_path):
    path = tmp_path / "x.lock"
    with IndexLock(path):
        with pytest.raises(IndexBusyError):
            with IndexLock(path):
                pass


def test_failed_file_keeps_its_earlier_version(tmp_path, seeds_copy):
    indexer, _ = _indexer(tmp_path / "h")
    _run(indexer, seeds_copy)
    (seeds_copy / "001_5ff3952f519bba80.txt").write_bytes(b"")
    report = _run(indexer, seeds_copy)
    assert len(report.failed) == 1 and not report.removed
    assert len(indexer.store.sources()) == 5


def test_damaged_keyword_index_is_detected_then_repaired_without_reembedding(tmp_path, seeds_copy):
    import sqlite3

    indexer, emb = _indexer(tmp_path / "h")
    _run(indexer, seeds_copy)
    expected = _state(indexer)
    conn = sqlite3.connect(indexer.store.path)
    conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    assert indexer.store.quick_check() is not None
    embedded_before = emb.texts_embedded
    report = _run(indexer, seeds_copy)
    assert report.repaired and emb.texts_embedded == embedded_before
    assert indexer.store.quick_check() is None and _state(indexer) == expected


def test_missing_manifest_with_vectors_left(tmp_path, seeds_copy):
    indexer, _ = _indexer(tmp_path / "h")
    _run(indexer, seeds_copy)
    indexer.store.close()
    (tmp_path / "h" / "store.sqlite").unlink()
    fresh, _ = _indexer(tmp_path / "h")
    embedded_before = fresh.embeddings.texts_embedded
    report = _run(fresh, seeds_copy)
    ids, chroma = _state(fresh)
    assert ids == chroma and len(report.added) == 5
    # the vectors left behind are found again, not embedded a second time
    assert fresh.embeddings.texts_embedded == embedded_before and report.chunks_reused == len(ids)


def test_keyword_index_of_an_older_version_is_upgraded_without_reembedding(tmp_path, seeds_copy):
    import sqlite3

    indexer, emb = _indexer(tmp_path / "h")
    _run(indexer, seeds_copy)
    expected = _state(indexer)
    hits = indexer.store.search(build_query("Bí thư Chi bộ"), 5)
    conn = sqlite3.connect(indexer.store.path)
    conn.execute("UPDATE info SET value = '2' WHERE key = 'tokenizer'")
    conn.execute("DELETE FROM term_df")
    conn.commit()
    conn.close()
    embedded_before = emb.texts_embedded
    report = _run(indexer, seeds_copy)
    assert any("upgraded" in r for r in report.repaired) and emb.texts_embedded == embedded_before
    assert not report.added and not indexer.store.keyword_index_outdated()
    assert _state(indexer) == expected and indexer.store.search(build_query("Bí thư Chi bộ"), 5) == hits



def _texts(indexer, source):
    return [p.text for p in indexer.store.passages(sorted(indexer.store.chunk_ids([source]))).values()]


def test_an_index_of_an_earlier_preparation_is_brought_up_to_date(tmp_path, seeds_copy, monkeypatch):
    """A change of cleaning or chunking (corpus.pipeline.PREPARATION) makes the next run
    prepare every source again, embedding only the chunks that changed."""
    import corpus.clean as clean_module
    import index.indexer as indexer_module

    path = seeds_copy / "001_5ff3952f519bba80.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nChi bộ đã hoàn thành nhiệm vụ năm 2020. (Xem tiếp)", encoding="utf-8")
    indexer, _ = _indexer(tmp_path / "h")
    # the earlier version: an older digest, and link labels kept in the text
    monkeypatch.setattr(indexer_module, "PREPARATION", indexer_module.PREPARATION - 1)
    monkeypatch.setattr(clean_module, "without_links", lambda text, start, end: [(start, end)])
    _run(indexer, seeds_copy)
    assert any("(Xem tiếp)" in t for t in _texts(indexer, path.name))
    monkeypatch.undo()

    again = _run(indexer, seeds_copy)
    assert sorted(again.updated) == sorted(p.name for p in seeds_copy.iterdir()) and again.unchanged == 0
    assert 0 < again.chunks_embedded < again.chunks_reused  # the chunk that held the label, not the others
    assert not any("Xem tiếp" in t for t in _texts(indexer, path.name))
    ids, chroma_ids = _state(indexer)
    assert ids == chroma_ids
    assert _run(indexer, seeds_copy).unchanged == 5
