"""`vankien index` says how far a large file has come, line by line when stderr is not a
terminal (the real command, real Chroma and SQLite; a fake embedder registered)."""

import re

from assistant import backends
from assistant.cli import main
from assistant.registry import Backend
from tests.fakes import FakeEmbeddings
from tests.index.test_large_files import big_text


def test_index_prints_progress_lines_for_a_large_file(home, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("corpus.stream.STREAM_BYTES", 50_000)  # "large" for this test
    monkeypatch.setattr("corpus.stream.WINDOW_CHARS", 25_000)
    monkeypatch.setitem(backends.EMBEDDERS._backends, "fake", Backend("fake", lambda settings: FakeEmbeddings()))
    monkeypatch.setenv("VANKIEN_EMBEDDER", "fake")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "lon.txt").write_bytes(big_text(250_000).encode("utf-8"))
    assert main(["index", str(folder)]) == 0
    out, err = capsys.readouterr()
    steps = [(int(p), int(n)) for p, n in re.findall(r"lon\.txt: (\d+)% \((\d+) passages\)", err)]
    assert len(steps) >= 8, err
    assert [p for p, _ in steps] == sorted(p for p, _ in steps) and steps[-1][0] >= 90
    assert [n for _, n in steps] == sorted(n for _, n in steps) and steps[0][1] > 0
    assert "lon.txt: 100%" in err and "Traceback" not in err
    chunks = int(re.search(r"index: 1 sources, (\d+) chunks", out).group(1))
    assert steps[-1][1] == chunks
