"""The benchmark commands run and report every figure they promise (no timing asserted)."""

import json

import pytest

from eval.bench import main


@pytest.mark.slow  # the real embedder
def test_index_and_ask_benchmarks_report_their_figures(tmp_path, capsys):
    home = tmp_path / "home"
    out = tmp_path / "index.json"
    assert main(["index", "--corpus", "bundled", "--home", str(home), "--sample", "4", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    for key in ("docs_per_s", "chunks_per_s", "embedder_alone_chunks_per_s", "peak_rss_mb", "index_size_mb", "machine"):
        assert data[key] is not None, key
    assert data["documents"] == 5 and data["chunks"] > 0

    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "a", "question": "Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh?", "answers": ["Phan Hữu Phước"], "sources": ["003_867808e4786f0d5e.txt"]}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ask.json"
    assert main(["ask", "--home", str(home), "--questions", str(questions), "--modes", "hybrid,keyword", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["modes"]) == {"hybrid", "keyword"}
    assert 0 < data["warm_up_seconds"] <= data["first_answer_seconds"]
    latency = data["modes"]["hybrid"]["latency_ms"]
    assert {"embed_query", "dense_search", "keyword_search", "fusion", "answer", "total"} <= set(latency)
    assert data["modes"]["hybrid"]["answer_accuracy"] == 1.0

    out = tmp_path / "tutorial.json"
    assert main(["ask", "--home", str(home), "--questions", str(questions), "--modes", "hybrid", "--tutorial", "--out", str(out)]) == 0
    tutorial = json.loads(out.read_text(encoding="utf-8"))["tutorial_comparison"]
    once, rebuilt = tutorial["langchain_ensemble_built_once"], tutorial["langchain_rebuilt_per_query"]
    assert once["build_seconds"] >= 0 and once["hit@5"] == rebuilt["hit@5"]  # the same pipeline, built twice
    assert tutorial["vankien_retrieval"]["hit@1"] == 1.0
    for key in ("latency_ratio_p50_built_once", "latency_ratio_p50_rebuilt_per_query",
                "latency_ratio_p95_without_query_embedding_built_once"):
        assert tutorial[key] > 0
    assert 0 < once["p50_ms_without_query_embedding"] < once["p50_ms"]


def _news(folder, n):
    """A small stand-in for vinews-35k.jsonl.xz (same fields, real Vietnamese sentences)."""
    import lzma

    topics = ["Hội nghị tổng kết công tác xây dựng Đảng", "Đại hội Chi bộ nhiệm kỳ 2025-2030", "Mùa lúa bội thu ở đồng bằng", "Giải bóng đá thanh niên"]
    folder.mkdir(parents=True, exist_ok=True)
    with lzma.open(folder / "vinews-35k.jsonl.xz", "wt", encoding="utf-8") as fh:
        for i in range(n):
            title = f"{topics[i % len(topics)]} số {i}"
            text = f"{title}. Sáng nay, đơn vị số {i} tổ chức sự kiện với sự tham dự của nhiều đại biểu. Các đại biểu thảo luận và thống nhất phương hướng cho năm tới."
            fh.write(json.dumps({"id": f"news-{i}", "title": title, "text": text}, ensure_ascii=False) + "\n")
    return folder


@pytest.mark.slow  # the real embedder
def test_scale_grows_one_index_and_writes_a_file_per_size_with_the_plot(tmp_path):
    data = _news(tmp_path / "data", 6)
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "a", "question": "Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh?", "answers": ["Phan Hữu Phước"], "sources": ["003_867808e4786f0d5e.txt"]}, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bench"
    # a components run already in the folder adds the search-alone panel to the plot
    assert main(["components", "--home", str(tmp_path / "c"), "--sizes", "3", "--data", str(data), "--out", str(out / "components.json")]) == 0
    args = ["scale", "--home", str(tmp_path / "home"), "--sizes", "4,2", "--data", str(data), "--questions", str(questions), "--modes", "hybrid", "--sample", "4", "--out-dir", str(out)]
    assert main(args) == 0
    small = json.loads((out / "scale_2.json").read_text(encoding="utf-8"))
    large = json.loads((out / "scale_4.json").read_text(encoding="utf-8"))
    # sizes run smallest first and the index grows: the second run embeds only the new articles
    assert small["index"]["added"] == 2 and small["index"]["index_sources"] == 5 + 2
    assert large["index"]["added"] == 2 and large["index"]["unchanged"] == 2 and large["index"]["index_sources"] == 5 + 4
    assert large["ask"]["index_sources"] == 9 and large["ask"]["modes"]["hybrid"]["answer_accuracy"] == 1.0
    from matplotlib import image

    assert image.imread(out / "scale.png").shape[1] == 3 * 5.5 * 110  # three panels


def test_components_benchmark_reports_each_size(tmp_path):
    data = _news(tmp_path / "data", 5)
    out = tmp_path / "components.json"
    assert main(["components", "--home", str(tmp_path / "c"), "--sizes", "2,5", "--data", str(data), "--out", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["sizes"]
    assert [r["documents"] for r in rows] == [2, 5] and rows[1]["chunks"] > rows[0]["chunks"]
    assert all(r["keyword_ms"]["p95"] >= r["keyword_ms"]["p50"] > 0 for r in rows)


def test_missing_news_corpus_is_a_clear_message(tmp_path):
    import pytest

    with pytest.raises(SystemExit) as err:
        main(["index", "--corpus", "all", "--n", "3", "--home", str(tmp_path / "h"), "--data", str(tmp_path / "none")])
    assert "not found" in str(err.value) and "--data" in str(err.value)
