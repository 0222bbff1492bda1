"""No document disappears without a word: same-named files are both kept, a file that
fails now keeps its indexed version, hidden files are reported, work a killed run left
unfinished is indexed again. Real Chroma and SQLite; the fake embedder (no model)."""

import os
from pathlib import Path

from corpus.loaders import iter_documents
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.fakes import ExplodingEmbeddings, FakeEmbeddings

TEXT_A = "Chi bộ Văn phòng họp ngày 5 tháng 3 năm 2021. Đồng chí Trần Văn An được bầu làm Bí thư Chi bộ."
TEXT_B = "Đảng bộ Khối tổ chức hội nghị ngày 9 tháng 4 năm 2021. Đồng chí Lê Thị Bình phát biểu chỉ đạo."


def _indexer(home, embeddings=None):
    embeddings = embeddings or FakeEmbeddings()
    vectors = VectorIndex(persistent_client(home / "chroma"), "names", embeddings.name, embeddings.dimension)
    return Indexer(embeddings, vectors, Store(home / "store.sqlite"), chunk_size=300, chunk_overlap=50, batch_docs=1)


def _run(indexer, *paths, **kw):
    roots = [str(Path(p).resolve()) for p in paths]
    items = ((root, item) for p, root in zip(paths, roots) for item in iter_documents([Path(p)]))
    return indexer.run(items, roots=roots, **kw)


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_two_files_with_the_same_name_are_both_kept(tmp_path):
    a = _write(tmp_path / "a" / "bao-cao.txt", TEXT_A)
    b = _write(tmp_path / "b" / "bao-cao.txt", TEXT_B)
    indexer = _indexer(tmp_path / "h")
    assert _run(indexer, a).added == ["bao-cao.txt"]  # the name stays the id where it is unique
    second = _run(indexer, b)
    assert second.added == ["b/bao-cao.txt"] and not second.updated and not second.removed
    assert second.renamed == [("b/bao-cao.txt", "bao-cao.txt", str(a.resolve()))]
    assert "Trần Văn An" in indexer.store.document("bao-cao.txt").text
    assert "Lê Thị Bình" in indexer.store.document("b/bao-cao.txt").text
    # again, in either order: nothing changes, nothing is renamed twice
    again = _run(indexer, b)
    assert again.unchanged == 1 and not again.added and not again.renamed
    assert _run(indexer, a).unchanged == 1
    ids = indexer.store.all_chunk_ids()
    assert ids == indexer.vectors.all_ids() and len(indexer.store.sources()) == 2
    # a change to one of them updates that one only
    _write(b, TEXT_B + " Hội nghị kết thúc lúc 11 giờ.")
    assert _run(indexer, b).updated == ["b/bao-cao.txt"]
    assert "Trần Văn An" in indexer.store.document("bao-cao.txt").text


def test_same_names_in_one_run_and_a_moved_file(tmp_path):
    a = _write(tmp_path / "a" / "x.txt", TEXT_A)
    b = _write(tmp_path / "b" / "x.txt", TEXT_B)
    indexer = _indexer(tmp_path / "h")
    report = _run(indexer, a, b)
    assert sorted(report.added) == ["b/x.txt", "x.txt"] and report.ok
    # a file moved away from where it was indexed takes its old id back (no duplicate)
    moved = tmp_path / "c" / "x.txt"
    moved.parent.mkdir()
    os.replace(a, moved)
    report = _run(indexer, moved)
    assert report.unchanged == 1 and not report.renamed and not report.added


def test_a_file_that_becomes_unreadable_keeps_its_indexed_version(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    _write(folder / "sub" / "a.txt", TEXT_A)
    _write(folder / "b.txt", TEXT_B)
    monkeypatch.chdir(tmp_path)  # a relative folder, as users type it
    indexer = _indexer(tmp_path / "h")
    assert sorted(_run(indexer, Path("docs")).added) == ["b.txt", "sub/a.txt"]
    target = folder / "sub" / "a.txt"
    target.unlink()
    target.symlink_to(tmp_path / "nowhere.txt")  # listed, but cannot be read
    report = _run(indexer, Path("docs"))
    assert not report.ok and report.kept == ["sub/a.txt"] and not report.removed
    assert "Trần Văn An" in indexer.store.document("sub/a.txt").text
    # a broken file (not text) keeps its version in the same way
    (folder / "b.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    report = _run(indexer, Path("docs"))
    assert sorted(report.kept) == ["b.txt", "sub/a.txt"] and not report.removed
    assert len(indexer.store.sources(status="done")) == 2
    # once the file is gone for good, it is removed (and said so)
    target.unlink()
    (folder / "b.txt").write_text(TEXT_B, encoding="utf-8")
    report = _run(indexer, Path("docs"))
    assert report.removed == ["sub/a.txt"] and report.ok


def test_hidden_files_and_folders_are_reported_not_silently_skipped(tmp_path):
    folder = tmp_path / "docs"
    _write(folder / "a.txt", TEXT_A)
    _write(folder / ".nhap.txt", TEXT_B)
    _write(folder / ".git" / "x.txt", TEXT_B)
    report = _run(_indexer(tmp_path / "h"), folder)
    assert report.added == ["a.txt"] and report.ok  # a notice is not a failure
    assert sorted(Path(f.path.rstrip("/")).name for f in report.skipped) == [".git", ".nhap.txt"]


def test_a_killed_run_is_finished_from_the_files_by_the_next_run_of_another_folder(tmp_path):
    first = tmp_path / "first"
    for i in range(6):
        _write(first / f"d{i}.txt", TEXT_A.replace("5 tháng 3", f"{i + 1} tháng 3"))
    other = _write(tmp_path / "other" / "o.txt", TEXT_B)
    home = tmp_path / "h"
    crashing = _indexer(home, ExplodingEmbeddings(after=2))
    try:
        _run(crashing, first)
    except RuntimeError:
        pass
    crashing.store.close()
    store = Store(home / "store.sqlite")
    assert store.sources(status="pending")  # left unfinished
    store.close()
    indexer = _indexer(home)
    report = _run(indexer, other)  # the next run, of another folder
    assert report.recovered and sorted(report.resumed) == sorted(report.recovered)
    done = {s.source for s in indexer.store.sources(status="done")}
    assert {s for s in report.recovered} <= done and "o.txt" in done
    assert indexer.store.all_chunk_ids() == indexer.vectors.all_ids()


def test_a_source_whose_chunks_were_lost_is_indexed_again(tmp_path):
    import sqlite3

    folder = tmp_path / "docs"
    _write(folder / "a.txt", TEXT_A)
    _write(folder / "b.txt", TEXT_B)
    indexer = _indexer(tmp_path / "h")
    _run(indexer, folder)
    expected = indexer.store.all_chunk_ids()
    conn = sqlite3.connect(tmp_path / "h" / "store.sqlite")
    conn.execute("DELETE FROM chunks WHERE source = 'a.txt'")
    conn.commit()
    conn.close()
    report = _run(indexer, folder)
    assert any(r.startswith("a.txt: chunks were missing") for r in report.repaired) and report.unchanged == 1
    assert indexer.store.all_chunk_ids() == expected == indexer.vectors.all_ids()


def test_a_text_file_too_large_to_read_whole_is_refused_with_what_to_do_and_the_advice_works(tmp_path, monkeypatch):
    """A .md (or a legacy-encoded .txt) above corpus.loaders.WHOLE_TEXT_BYTES is not read
    whole (its memory would be several times its size): the run names it and says to save
    it as UTF-8 .txt, which is then read in windows and indexed."""
    import corpus.loaders as loaders
    import corpus.stream as stream

    monkeypatch.setattr(loaders, "WHOLE_TEXT_BYTES", 4_000)
    monkeypatch.setattr(stream, "STREAM_BYTES", 2_000)
    text = "\n\n".join(f"{TEXT_A} Hội nghị số {i}." for i in range(60))  # ~6 KB
    big_md = _write(tmp_path / "src" / "bien-ban.md", text)
    indexer = _indexer(tmp_path / "h")
    report = _run(indexer, big_md)
    assert not report.ok and not indexer.store.sources()
    (failure,) = report.failed
    assert "too large" in failure.reason and ".txt" in failure.reason and failure.source == "bien-ban.md"
    # the advice, from that state: the same text saved as a UTF-8 .txt is read in windows
    big_md.unlink()
    as_txt = _write(tmp_path / "src" / "bien-ban.txt", text)
    report = _run(indexer, as_txt)
    assert report.ok and report.added == ["bien-ban.txt"]
    assert indexer.store.counts()[1] > 1
    # a small .md is still read whole, and a PDF or image is never limited by this
    small = _write(tmp_path / "src" / "ngan.md", TEXT_B)
    assert _run(indexer, small).added == ["ngan.md"]
    assert loaders._too_large(tmp_path / "scan.pdf") is None
