"""`vankien ask` warns when stored passages have lost their vectors, and the repair it
advises works from that state (the real command, Chroma and SQLite; a fake embedder)."""

from assistant import backends
from assistant.cli import main
from assistant.registry import Backend
from index.vectors import VectorIndex, persistent_client
from tests.fakes import FakeEmbeddings


def test_ask_warns_about_missing_vectors_and_index_repairs_them(home, seeds_copy, monkeypatch, capsys):
    monkeypatch.setitem(backends.EMBEDDERS._backends, "fake", Backend("fake", lambda settings: FakeEmbeddings()))
    monkeypatch.setenv("VANKIEN_EMBEDDER", "fake")
    assert main(["index", str(seeds_copy)]) == 0
    capsys.readouterr()
    assert main(["ask", "Đại hội Chi bộ nhiệm kỳ nào?"]) == 0
    assert "warning" not in capsys.readouterr().err  # a sound index: nothing said

    emb = FakeEmbeddings()
    vectors = VectorIndex(persistent_client(home / "index" / "chroma"), "vankien", emb.name, emb.dimension)
    lost = sorted(vectors.all_ids())[:7]
    vectors.delete_ids(lost)
    assert main(["ask", "Đại hội Chi bộ nhiệm kỳ nào?"]) == 0
    err = capsys.readouterr().err
    assert "warning: 7 of" in err and "vankien index [PATH ...]" in err and "Traceback" not in err

    assert main(["index", str(seeds_copy)]) == 0  # the advised repair
    assert "7 missing vectors embedded again" in capsys.readouterr().err
    assert set(lost) <= vectors.all_ids()
    assert main(["ask", "Đại hội Chi bộ nhiệm kỳ nào?"]) == 0
    assert "warning" not in capsys.readouterr().err
