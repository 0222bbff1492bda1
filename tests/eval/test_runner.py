import json

from eval.runner import compare_summaries, run_eval


def test_eval_writes_every_output(real_index, tmp_path):
    _, components = real_index
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": "a", "question": "Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh nhiệm kỳ 2020 - 2025?", "answers": ["Phan Hữu Phước"], "sources": ["003_867808e4786f0d5e.txt"], "type": "factoid"},
        {"id": "b", "question": "Thời tiết Hà Nội ngày mai thế nào?", "answers": [], "sources": [], "type": "unanswerable"},
        {"id": "c", "question": "Ai được bầu làm Bí thư tại đại hội đó?", "answers": ["Nguyễn Trọng Thức"], "sources": ["001_5ff3952f519bba80.txt"], "type": "followup", "history": ["Chi bộ Văn phòng Sở 2 tổ chức Đại hội lần thứ nhất vào ngày nào?"]},
        {"id": "d", "question": "Ai là Bí thư?", "answers": ["Người không có thật"], "sources": ["000_3ad2302527c669b1.txt"], "type": "factoid"},
    ]
    questions.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    text = run_eval(components.assistant, questions, out, progress=False)
    assert "answer_accuracy" in text
    results = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c", "d"]
    for r in results:
        assert {"id", "answer", "found", "citations", "correct", "latency_ms"} <= set(r)
    assert [r["correct"] for r in results] == [True, True, True, False]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["overall"]["answer_accuracy"] == 0.75
    assert summary["by_type"]["unanswerable"]["refusal_recall"] == 1.0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "### d (factoid)" in report and "Người không có thật" in report
    assert (out / "metrics_by_type.png").read_bytes()[:4] == b"\x89PNG"
    comparison = compare_summaries(out / "summary.json", out / "summary.json")
    assert "answer_accuracy" in comparison and "+0.000" in comparison
