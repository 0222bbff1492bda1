import json

from eval.check_grounding import main


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_grounded_set_passes_and_ungrounded_answers_are_named(tmp_path, capsys):
    corpus = tmp_path / "news.jsonl"
    _write(corpus, [{"id": "a1", "title": "Đại hội", "text": "Đồng chí Trần Phương được bầu làm Bí thư Chi bộ ngày 27/3/2020."},
                    {"id": "a2", "title": "Hội nghị", "text": "Khối thi đua gồm Tổng cục Môi trường."}])
    good = tmp_path / "good.jsonl"
    _write(good, [
        # tone-mark style, case and the fraction slash are normalised away
        {"id": "g1", "question": "Ai?", "answers": ["trần phương"], "sources": ["a1"]},
        {"id": "g2", "question": "Khi nào?", "answers": ["27⁄3⁄2020"], "sources": ["a1"]},
        {"id": "g3", "question": "Gì?", "answers": ["Trần Phương", "Tổng cục Môi trường"], "all_answers": True, "sources": ["a1", "a2"]},
        {"id": "g4", "question": "Giá vàng?", "answers": [], "sources": []},
    ])
    assert main([str(good), str(corpus)]) == 0
    bad = tmp_path / "bad.jsonl"
    _write(bad, [
        {"id": "b1", "question": "Ai?", "answers": ["Nguyễn Văn A"], "sources": ["a1"]},
        {"id": "b2", "question": "Ai?", "answers": ["Trần Phương"], "sources": ["a9"]},
        {"id": "b3", "question": "Ai?", "answers": ["Trần Phương"], "all_answers": True, "sources": ["a1", "a2"]},
    ])
    assert main([str(bad), str(corpus)]) == 1
    out = capsys.readouterr().out
    assert "b1: answer 'Nguyễn Văn A' not in a1" in out
    assert "b2: unknown source(s) a9" in out
    assert "b3: source a2 holds none" in out


def test_text_folder_corpus_and_bad_input(tmp_path, capsys):
    laws = tmp_path / "laws"
    laws.mkdir()
    (laws / "luat.txt").write_text("Điều 47. Thời hạn thanh tra\nkhông quá 60 ngày", encoding="utf-8")
    questions = tmp_path / "q.jsonl"
    _write(questions, [{"id": "l1", "question": "Điều 47?", "answers": ["Thời hạn thanh tra"], "sources": ["luat.txt"]}])
    assert main([str(questions), str(laws)]) == 0
    assert main([str(questions), str(tmp_path / "missing")]) == 2
    assert main([str(tmp_path / "none.jsonl"), str(laws)]) == 2
    assert "No such" in capsys.readouterr().err
