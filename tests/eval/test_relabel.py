"""eval.relabel: the bundled questions with their gold answers on the party index."""

import json
from pathlib import Path

import pytest

from assistant.errors import InputError
from eval.questions import load_questions
from eval.relabel import main, relabel

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [
    json.dumps({"id": "a", "question": "Ai là Chủ tịch nước?", "answers": [], "sources": [], "type": "unanswerable"}, ensure_ascii=False),
    json.dumps({"id": "b", "question": "Chi bộ có bao nhiêu đảng viên?", "answers": ["17 đảng viên"], "sources": ["s.txt"]}, ensure_ascii=False),
]


def test_labels_put_their_answers_and_sources_in_and_leave_the_rest():
    label = json.dumps({"id": "a", "answers": ["Trần Đại Quang"], "sources": ["x"], "why": "…"}, ensure_ascii=False)
    rows = [json.loads(line) for line in relabel(QUESTIONS, [label])]
    assert rows[0]["answers"] == ["Trần Đại Quang"] and rows[0]["sources"] == ["x"] and rows[0]["type"] == "factoid"
    assert rows[1] == json.loads(QUESTIONS[1])


def test_a_label_for_no_question_is_an_error():
    with pytest.raises(InputError, match="zzz"):
        relabel(QUESTIONS, [json.dumps({"id": "zzz", "answers": []})])
    with pytest.raises(InputError):
        relabel(QUESTIONS, ['{"answers": []}'])


def test_the_committed_party_set_is_the_script_output(tmp_path):
    out = tmp_path / "q.jsonl"
    assert main([str(ROOT / "eval/questions.jsonl"), str(ROOT / "eval/on_party_labels.jsonl"), str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "eval/questions_on_party.jsonl").read_text(encoding="utf-8")
    bundled = {q.id: q for q in load_questions(ROOT / "eval/questions.jsonl")}
    relabelled = [q for q in load_questions(out) if q.answers != bundled[q.id].answers]
    assert [q.id for q in relabelled] == ["q105", "q108", "q110"]
    assert all(not bundled[q.id].answerable for q in relabelled)  # only unanswerable-on-bundled ones change


def test_a_missing_file_exits_with_a_message(tmp_path, capsys):
    assert main([str(tmp_path / "none.jsonl"), str(ROOT / "eval/on_party_labels.jsonl"), str(tmp_path / "o.jsonl")]) == 2
    assert "error" in capsys.readouterr().err
