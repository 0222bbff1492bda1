"""A large text file is indexed window by window: the same offsets and text as a whole
load, memory that does not grow with the file. Real Chroma and SQLite; fake embedder."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus.loaders import iter_documents, load_bytes
from corpus.models import Chunk
from corpus.stream import TextStream, open_stream
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.fakes import FakeEmbeddings

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "documents"


def big_text(n_chars: int) -> str:
    """Real Vietnamese text (the bundled documents, numbered so no two parts are equal),
    with Windows line ends and a decomposed letter here and there."""
    base = "\r\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    parts, size, i = [], 0, 0
    while size < n_chars:
        part = f"Phần {i}. " + base.replace("Chi bộ", f"Chi bộ {i}") + "\r\nHoà bình, hòa hợp, thuế, thuế\r\n"
        parts.append(part)
        size += len(part)
        i += 1
    return "".join(parts)[:n_chars]


def test_windows_put_end_to_end_are_the_whole_text(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_bytes(big_text(300_000).encode("utf-8"))
    stream = open_stream(path, "lon.txt", min_bytes=1)
    assert isinstance(stream, TextStream)
    whole = load_bytes("lon.txt", path.read_bytes()).text
    assert "".join(stream.windows(window_chars=20_000)) == whole
    assert all(len(w) <= 20_000 for w in stream.windows(window_chars=20_000))


def test_a_streamed_file_is_indexed_with_right_offsets_and_is_incremental(tmp_path):
    path = tmp_path / "docs" / "lon.txt"
    path.parent.mkdir()
    path.write_bytes(big_text(200_000).encode("utf-8"))
    emb = FakeEmbeddings()
    store = Store(tmp_path / "h" / "store.sqlite")
    indexer = Indexer(emb, VectorIndex(persistent_client(tmp_path / "h" / "chroma"), "large", emb.name, emb.dimension),
                      store)
    root = str(path.parent.resolve())
    items = [(root, it) for it in iter_documents([path.parent], stream_bytes=50_000)]
    assert isinstance(items[0][1], TextStream)
    seen: list[str] = []
    report = indexer.run(items, roots=[root], status=seen.append)
    assert report.added == ["lon.txt"] and report.ok and seen and seen[-1].endswith("100%")
    doc = store.document("lon.txt")
    assert doc.text == load_bytes("lon.txt", path.read_bytes()).text
    chunks = store.docs.chunks(sorted(store.all_chunk_ids()))
    assert len(chunks) > 100 and store.all_chunk_ids() == indexer.vectors.all_ids()
    for c in chunks:  # every offset points at its passage in the document's text
        assert doc.text[c.start : c.end].split()[:3] == c.text.split()[:3]
    again = indexer.run([(root, it) for it in iter_documents([path.parent], stream_bytes=50_000)], roots=[root])
    assert again.unchanged == 1 and again.chunks_embedded == 0
    # changed at the end only: the chunks before are reused, not embedded again
    with path.open("ab") as fh:
        fh.write("\r\nĐồng chí Nguyễn Văn Cuối phát biểu bế mạc hội nghị.\r\n".encode("utf-8"))
    changed = indexer.run([(root, it) for it in iter_documents([path.parent], stream_bytes=50_000)], roots=[root])
    assert changed.updated == ["lon.txt"] and changed.chunks_embedded < 10
    assert "Nguyễn Văn Cuối" in store.document("lon.txt").text
    assert store.all_chunk_ids() == indexer.vectors.all_ids()
    assert store.search("Nguyễn Văn Cuối")


def _indexer(tmp_path, batch_chunks=256):
    emb = FakeEmbeddings()
    store = Store(tmp_path / "h" / "store.sqlite")
    vectors = VectorIndex(persistent_client(tmp_path / "h" / "chroma"), "large", emb.name, emb.dimension)
    return Indexer(emb, vectors, store, batch_chunks=batch_chunks)


def test_windows_go_to_the_stores_in_bounded_batches_and_are_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.stream.WINDOW_CHARS", 20_000)
    path = tmp_path / "docs" / "lon.txt"
    path.parent.mkdir()
    path.write_bytes(big_text(200_000).encode("utf-8"))
    indexer = _indexer(tmp_path, batch_chunks=16)
    upserts: list[list[str]] = []
    pieces: list[tuple[int, list[Chunk]]] = []
    upsert, add_piece = indexer.vectors.upsert, indexer.store.docs.add_piece

    def record_upsert(ids, *rest):
        upserts.append(list(ids))
        return upsert(ids, *rest)

    def record_piece(source, seq, text, chunks):
        pieces.append((len(text), list(chunks)))
        return add_piece(source, seq, text, chunks)

    monkeypatch.setattr(indexer.vectors, "upsert", record_upsert)
    monkeypatch.setattr(indexer.store.docs, "add_piece", record_piece)
    root = str(path.parent.resolve())
    report = indexer.run([(root, it) for it in iter_documents([path.parent], stream_bytes=50_000)], roots=[root])
    assert report.ok and report.added == ["lon.txt"]
    stored = indexer.store.all_chunk_ids()
    assert len(pieces) >= 8  # one store write per window
    assert max(len(ids) for ids in upserts) <= 16  # the vector index gets batches, never the file
    sent = [cid for ids in upserts for cid in ids]
    assert len(sent) == len(set(sent)) and set(sent) == stored == indexer.vectors.all_ids()
    base = 0
    for length, chunks in pieces:  # each window hands over its own chunks only, none of earlier windows
        assert chunks and all(base <= c.start < base + length for c in chunks)
        base += length
    assert sum(len(chunks) for _, chunks in pieces) == len(stored)
    # what the run kept about the file's chunks is released, and the count it wrote is right
    assert indexer.store.db.conn().execute("SELECT count(*) FROM temp.streamed_ids").fetchone()[0] == 0
    assert indexer.store.docs.incomplete_sources() == set()


def test_a_streamed_file_changed_at_its_start_keeps_none_of_its_old_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.stream.WINDOW_CHARS", 30_000)
    path = tmp_path / "docs" / "lon.txt"
    path.parent.mkdir()
    text = big_text(150_000)
    path.write_bytes(text.encode("utf-8"))
    indexer = _indexer(tmp_path, batch_chunks=32)
    root = str(path.parent.resolve())
    indexer.run([(root, it) for it in iter_documents([path.parent], stream_bytes=50_000)], roots=[root])
    before = indexer.store.all_chunk_ids()
    # every offset moves: every chunk id changes, every old chunk must go from both stores
    path.write_bytes(("Lời mở đầu mới.\r\n" + text).encode("utf-8"))
    report = indexer.run([(root, it) for it in iter_documents([path.parent], stream_bytes=50_000)], roots=[root])
    after = indexer.store.all_chunk_ids()
    assert report.updated == ["lon.txt"] and report.ok and not report.repaired
    assert not before & after and after == indexer.vectors.all_ids()
    assert abs(len(after) - len(before)) <= 2 and indexer.store.docs.incomplete_sources() == set()
    assert "Lời mở đầu mới" in indexer.store.document("lon.txt").text


_MEASURE = textwrap.dedent('''
    import sys, tracemalloc
    from pathlib import Path
    import corpus.stream
    from corpus.loaders import iter_documents
    from index.indexer import Indexer
    from index.store import Store
    from index.vectors import VectorIndex, persistent_client
    from tests.fakes import FakeEmbeddings
    folder, home = Path(sys.argv[1]), Path(sys.argv[2])
    corpus.stream.WINDOW_CHARS = 100_000
    emb = FakeEmbeddings()
    indexer = Indexer(emb, VectorIndex(persistent_client(home / "chroma"), "mem", emb.name, emb.dimension),
                      Store(home / "store.sqlite"))
    root = str(folder.resolve())
    tracemalloc.start()
    report = indexer.run(((root, d) for d in iter_documents([folder], stream_bytes=100_000)), roots=[root])
    assert report.ok and report.added
    print(tracemalloc.get_traced_memory()[1])
''')


def _peak(tmp_path, name, n_chars):
    """Peak of the Python heap while indexing one file of ``n_chars`` (a fresh process)."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "lon.txt").write_bytes(big_text(n_chars).encode("utf-8"))
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(folder), str(tmp_path / f"{name}-home")],
                         capture_output=True, text=True, timeout=600, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_memory_does_not_grow_with_the_size_of_one_file(tmp_path):
    small = _peak(tmp_path, "small", 800_000)
    large = _peak(tmp_path, "large", 2_400_000)  # three times the text
    # one extra copy of the text alone would be 3.2 MB (1.6 M more characters, 2 bytes
    # each in memory); loading it whole made several. Streamed, the peak stays flat.
    assert large - small < 1_500_000, (small, large)
