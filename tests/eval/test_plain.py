"""python -m eval.plain: a question set as typed without diacritics."""

import json

from eval import plain
from eval.questions import load_questions


def test_questions_and_history_lose_their_diacritics_only(tmp_path):
    src = tmp_path / "q.jsonl"
    rows = [
        {"id": "a", "question": "Ai là Bí thư Đảng ủy Khối?", "answers": ["Phan Hữu Phước"], "sources": ["x.txt"], "history": []},
        {"id": "b", "question": "Còn Phó Bí thư?", "answers": [], "history": ["Ai là Bí thư Đảng ủy Khối?"]},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    out = tmp_path / "plain.jsonl"
    assert plain.main([str(src), str(out)]) == 0
    got = load_questions(out)
    assert [q.question for q in got] == ["Ai la Bi thu Dang uy Khoi?", "Con Pho Bi thu?"]
    assert got[1].history == ["Ai la Bi thu Dang uy Khoi?"]
    assert got[0].answers == ["Phan Hữu Phước"] and got[0].sources == ["x.txt"]  # the gold answers keep theirs


def test_lower_case_keeps_the_diacritics(tmp_path):
    src = tmp_path / "q.jsonl"
    src.write_text(json.dumps({"id": "a", "question": "Ai là Bí thư Đảng ủy Khối III?", "answers": ["Phan Hữu Phước"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "lower.jsonl"
    assert plain.main(["--lower", str(src), str(out)]) == 0
    got = load_questions(out)
    assert [q.question for q in got] == ["ai là bí thư đảng ủy khối iii?"] and got[0].answers == ["Phan Hữu Phước"]


def test_polite_asks_each_question_in_a_polite_form_of_a_chat(tmp_path):
    src = tmp_path / "q.jsonl"
    rows = [{"id": str(i), "question": "Ai là Bí thư Đảng ủy Khối?", "answers": ["Phan Hữu Phước"]} for i in range(len(plain.POLITE))]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "polite.jsonl"
    assert plain.main(["--polite", str(src), str(out)]) == 0
    got = [q.question for q in load_questions(out)]
    assert got[0] == "Cho tôi hỏi, ai là Bí thư Đảng ủy Khối?" and got[3] == "Ai là Bí thư Đảng ủy Khối ạ?"
    assert len(set(got)) == len(plain.POLITE) and all("Bí thư Đảng ủy Khối" in q for q in got)


def test_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert plain.main([str(bad), str(tmp_path / "o.jsonl")]) == 2
    assert plain.main([str(tmp_path / "missing.jsonl"), str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "not a question set" in err and "cannot read" in err
