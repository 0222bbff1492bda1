"""The question-set format (DESIGN.md) and its validation, with line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError
from corpus.jsonl import jsonl_rows


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    question: str
    answers: list[str]
    all_answers: bool = False
    sources: list[str] = field(default_factory=list)
    type: str = "factoid"
    history: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


def _string_list(value: object, name: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: {name!r} must be a list of strings")
    return list(value)


def parse_questions(lines: list[str], name: str = "questions") -> list[Question]:
    """Parse JSONL lines; every problem is reported with its line number."""
    questions: list[Question] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for where, row, problem in jsonl_rows(lines, name):
        if row is None:
            problems.append(f"{where}: {problem}")
            continue
        lineno = int(where.rsplit(":", 1)[1])
        try:
            qid = row.get("id")
            if not isinstance(qid, str) or not qid.strip():
                raise InputError(f"{where}: missing or empty 'id'")
            if qid in seen:
                raise InputError(f"{where}: duplicate id {qid!r} (first on line {seen[qid]})")
            question = row.get("question")
            if not isinstance(question, str) or not question.strip():
                raise InputError(f"{where}: missing or empty 'question'")
            if "answers" not in row:
                raise InputError(f"{where}: missing 'answers' (use [] for an unanswerable question)")
            answers = _string_list(row.get("answers"), "answers", where)
            all_answers = row.get("all_answers", False)
            if not isinstance(all_answers, bool):
                raise InputError(f"{where}: 'all_answers' must be true or false")
            q = Question(
                id=qid,
                question=question,
                answers=answers,
                all_answers=all_answers,
                sources=_string_list(row.get("sources"), "sources", where),
                type=str(row.get("type") or "factoid"),
                history=_string_list(row.get("history"), "history", where),
            )
        except InputError as exc:
            problems.append(exc.message)
            continue
        seen[qid] = lineno
        questions.append(q)
    if problems:
        raise InputError("Bad question file:\n  " + "\n  ".join(problems[:50]))
    if not questions:
        raise InputError(f"{name}: no questions in the file")
    return questions


def load_questions(path: Path) -> list[Question]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"No such question file: {path}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return parse_questions(text.splitlines(), path.name)
