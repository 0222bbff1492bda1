"""The benchmark commands run and report every figure they promise (no timing asserted)."""

import json

from eval.bench import main


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
    latency = data["modes"]["hybrid"]["latency_ms"]
    assert {"embed_query", "dense_search", "keyword_search", "fusion", "answer", "total"} <= set(latency)
    assert data["modes"]["hybrid"]["answer_accuracy"] == 1.0
