"""The search-breadth benchmark: recall of the HNSW search against exact neighbours."""

import json

import pytest

from eval import bench_search


def test_bench_search_measures_each_breadth_and_sets_the_collections_back(real_index, tmp_path, capsys):
    settings, components = real_index
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(json.dumps({"id": f"q{i}", "question": q, "answers": []}, ensure_ascii=False)
                  for i, q in enumerate(["Ai là Bí thư Chi bộ?", "Khối Thi đua số III gồm những đơn vị nào?"])) + "\n",
        encoding="utf-8",
    )
    before = components.vectors.collection.configuration["hnsw"]["ef_search"]
    out = tmp_path / "search_ef.json"
    assert bench_search.main(["--home", str(settings.home), "--questions", str(questions), "--ef", "10,400", "--out", str(out)]) == 0
    assert "recall@30" in capsys.readouterr().out
    rows = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert [r["ef_search"] for r in rows] == [10, 400]
    assert all(0.0 <= r["recall@30"] <= 1.0 and r["query_p95_ms"] >= r["query_p50_ms"] > 0 for r in rows)
    assert rows[1]["recall@30"] == 1.0  # 41 chunks: a breadth of 400 visits them all
    from assistant.factory import Components, close_components
    from assistant.settings import Settings

    reopened = Components(Settings(home=settings.home, search_ef=None))
    try:
        assert reopened.vectors.collection.configuration["hnsw"]["ef_search"] == before
    finally:
        close_components(reopened)


@pytest.mark.slow  # a child process per breadth
def test_bench_search_times_random_vectors_at_a_size(tmp_path, capsys):
    out = tmp_path / "synthetic.json"
    assert bench_search.main(["--synthetic", "600", "--ef", "10,800", "--out", str(out)]) == 0
    assert "random vectors" in capsys.readouterr().out
    rows = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert [(r["ef_search"], r["chunks"]) for r in rows] == [(10, 600), (800, 600)]
    assert rows[1]["recall@30"] >= rows[0]["recall@30"] and rows[1]["recall@30"] > 0.9  # 800 of 600: all visited


def test_bench_search_wants_an_index_or_a_size(capsys):
    with pytest.raises(SystemExit) as exc:
        bench_search.main(["--ef", "100"])
    assert exc.value.code == 2 and "--synthetic" in capsys.readouterr().err
