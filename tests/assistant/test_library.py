"""Uploads: a bad file changes nothing, a same-named upload is kept beside the earlier
one unless replacing is asked for, an upload never replaces a bundled document, and
uploads a crash left unindexed are indexed on the next start. Real Chroma and SQLite;
the fake embedder (no model)."""

import pytest

from assistant.library import Library
from corpus.loaders import iter_documents
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.fakes import ExplodingEmbeddings, FakeEmbeddings

GOOD = "Chi bộ Phòng Kế toán họp ngày 2 tháng 6 năm 2021 và bầu đồng chí Lê Văn Tám làm Bí thư."
OTHER = "Đảng ủy Khối tổ chức hội nghị sơ kết ngày 8 tháng 7 năm 2021; đồng chí Phạm Thu Hà chủ trì."


def _library(home, embeddings=None):
    embeddings = embeddings or FakeEmbeddings()
    store = Store(home / "store.sqlite")
    vectors = VectorIndex(persistent_client(home / "chroma"), "lib", embeddings.name, embeddings.dimension)
    return Library(Indexer(embeddings, vectors, store, batch_docs=1), store, home / "uploads", max_upload_mb=5)


def _file(tmp_path, name, data):
    path = tmp_path / "incoming" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_a_broken_upload_under_a_good_name_keeps_the_good_copy(tmp_path):
    lib = _library(tmp_path / "h")
    assert lib.add_files([("nghi-quyet.txt", _file(tmp_path, "a", GOOD))]).added == ["nghi-quyet.txt"]
    for broken in (b"", b"\x00\x01\x02binary" * 100):
        result = lib.add_files([("nghi-quyet.txt", _file(tmp_path, "b", broken))])
        assert result.failed and result.failed[0][0] == "nghi-quyet.txt"
        assert (tmp_path / "h" / "uploads" / "nghi-quyet.txt").read_text(encoding="utf-8") == GOOD
        assert "Lê Văn Tám" in lib.store.document("nghi-quyet.txt").text
    broken_docx = _file(tmp_path, "c", b"PK\x03\x04 not really a zip")
    assert lib.add_files([("nghi-quyet.docx", broken_docx)]).failed
    assert not (tmp_path / "h" / "uploads" / "nghi-quyet.docx").exists()  # nothing stored for a bad file


def test_same_name_is_kept_beside_unless_replacing_is_asked(tmp_path):
    lib = _library(tmp_path / "h")
    lib.add_files([("bao-cao.txt", _file(tmp_path, "a", GOOD))])
    kept = lib.add_files([("bao-cao.txt", _file(tmp_path, "b", OTHER))])
    assert kept.added == ["bao-cao-2.txt"] and kept.renamed == [("bao-cao-2.txt", "bao-cao.txt")]
    assert "Lê Văn Tám" in lib.store.document("bao-cao.txt").text
    assert "Phạm Thu Hà" in lib.store.document("bao-cao-2.txt").text
    same = lib.add_files([("bao-cao.txt", _file(tmp_path, "c", GOOD))])  # the same bytes again
    assert same.unchanged == 1 and not same.renamed
    replaced = lib.add_files([("bao-cao.txt", _file(tmp_path, "d", OTHER + " Bổ sung."))], replace=True)
    assert replaced.replaced == ["bao-cao.txt"] and replaced.updated == ["bao-cao.txt"]
    assert "Bổ sung" in lib.store.document("bao-cao.txt").text
    assert sorted(lib.sources()) == ["bao-cao-2.txt", "bao-cao.txt"]


def test_an_upload_named_like_a_bundled_document_does_not_replace_it(tmp_path, seeds_copy):
    lib = _library(tmp_path / "h")
    root = str(seeds_copy.resolve())
    lib.indexer.run(((root, d) for d in iter_documents([seeds_copy])), roots=[root])
    name = "000_3ad2302527c669b1.txt"
    before = lib.store.document(name).text
    result = lib.add_files([(name, _file(tmp_path, "x", GOOD))])
    assert result.added == [f"uploads/{name}"] and result.renamed == [(f"uploads/{name}", name)]
    assert lib.store.document(name).text == before
    # removing the upload removes the upload's file only; the bundled one stays indexed
    assert lib.remove(f"uploads/{name}")
    assert not (tmp_path / "h" / "uploads" / name).exists() and lib.store.document(name).text == before
    assert (seeds_copy / name).exists()


def test_uploads_a_crash_left_unindexed_are_indexed_on_the_next_start(tmp_path):
    home = tmp_path / "h"
    files = [(f"bai-{i}.txt", _file(tmp_path, f"u{i}", GOOD.replace("2 tháng 6", f"{i + 1} tháng 6"))) for i in range(6)]
    crashing = _library(home, ExplodingEmbeddings(after=2))
    with pytest.raises(RuntimeError):
        crashing.add_files(files)
    crashing.store.close()
    assert len(list((home / "uploads").glob("*.txt"))) == 6  # the files are kept in uploads/
    (home / "uploads" / ".bai-9.txt.part").write_text("half a copy", encoding="utf-8")
    # the next upload does not clear the unfinished ones for good: it finishes them
    lib = _library(home)
    result = lib.add_files([("khac.txt", _file(tmp_path, "k", OTHER))])
    assert result.added[0] == "khac.txt" and result.resumed and set(result.resumed) <= set(result.added)
    # the next start indexes every upload still missing
    started = lib.resume()
    assert sorted(lib.sources()) == sorted([f"bai-{i}.txt" for i in range(6)] + ["khac.txt"])
    assert not (home / "uploads" / ".bai-9.txt.part").exists() and not started.failed
    assert lib.store.all_chunk_ids() == lib.indexer.vectors.all_ids()
    assert lib.resume().unchanged == 7  # and nothing twice
