"""The answer-step benchmark replays a retrieval cache and prints its figures."""

import json

from eval import bench_answer


def test_bench_answer_replays_a_cache(tmp_path, capsys):
    text = "Đồng chí Trần Phương được bầu làm Bí thư Chi bộ. Chi bộ có 17 đảng viên."
    passage = {"id": "x", "source": "a.txt", "title": "Đại hội", "text": text, "start": 0, "end": len(text), "dense": 0.8, "keyword": 3.0, "fused": 1.0}
    rows = [{"key": str(i), "question": q, "passages": [passage], "df": {}, "n": 10} for i, q in enumerate(["Ai là Bí thư Chi bộ?", "Chi bộ có bao nhiêu đảng viên?"])]
    cache = tmp_path / "retrieval-x.jsonl"
    cache.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "answer_step.json"
    assert bench_answer.main([str(cache), "--out", str(out)]) == 0
    assert "answer step wall p50" in capsys.readouterr().out
    result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    assert result["questions"] == 2 and result["cpu_p95_ms"] >= result["cpu_p50_ms"] >= 0
