import json
from pathlib import Path

import pytest

from assistant.errors import InputError
from corpus.text import normalize_for_match
from eval.questions import load_questions, parse_questions
from tests.conftest import ROOT, SEEDS


def test_bad_files_reported_with_line_numbers():
    lines = [
        json.dumps({"id": "q1", "question": "Ai?", "answers": ["A"]}),
        "{not json",
        json.dumps({"id": "q1", "question": "Ai?", "answers": []}),
        json.dumps({"id": "q3", "answers": []}),
        json.dumps({"id": "q4", "question": "Ai?"}),
    ]
    with pytest.raises(InputError) as err:
        parse_questions(lines, "set.jsonl")
    text = err.value.message
    assert "set.jsonl:2" in text and "JSON" in text
    assert "set.jsonl:3" in text and "duplicate" in text and "line 1" in text
    assert "set.jsonl:4" in text and "question" in text
    assert "set.jsonl:5" in text and "answers" in text


def test_missing_file():
    with pytest.raises(InputError):
        load_questions(Path("/nonexistent/q.jsonl"))


def test_own_question_set_is_complete_and_grounded():
    questions = load_questions(ROOT / "eval" / "questions.jsonl")
    assert len(questions) >= 80
    types = {q.type for q in questions}
    assert {"factoid", "list", "multi", "unanswerable", "followup", "no_diacritics", "tone_style", "abbreviation", "docnumber"} <= types
    assert sum(not q.answerable for q in questions) >= 10
    assert all(q.history for q in questions if q.type == "followup")
    docs = {p.name: normalize_for_match(p.read_text(encoding="utf-8")) for p in SEEDS.iterdir()}
    covered = set()
    for q in questions:
        covered.update(q.sources)
        for answer in q.answers:
            # every gold answer stands in (one of) its source documents
            assert any(normalize_for_match(answer) in docs[s] for s in q.sources), (q.id, answer)
    assert covered == set(docs)
