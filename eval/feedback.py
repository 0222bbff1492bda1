"""Read the chat's feedback log (VANKIEN_HOME/logs/feedback.jsonl): counts, and a draft
question set of the answers users marked wrong, for an evaluator to complete with
gold answers and add to a question set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from corpus.jsonl import jsonl_rows


def read_feedback(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"No feedback log at {path} yet (chưa có phản hồi nào).") from None
    return [row for _, row, _ in jsonl_rows(lines, path.name) if row is not None]


def summarize_feedback(rows: list[dict[str, Any]]) -> dict[str, Any]:
    up = sum(r.get("rating") == "up" for r in rows)
    down = sum(r.get("rating") == "down" for r in rows)
    return {"ratings": len(rows), "up": up, "down": down, "share_up": round(up / len(rows), 4) if rows else None}


def draft_questions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Thumbs-down answers as question-set lines; gold answers are left for a person to fill."""
    out = []
    for i, r in enumerate(x for x in rows if x.get("rating") == "down"):
        out.append(
            {
                "id": f"fb{i + 1:04d}",
                "question": r.get("question", ""),
                "answers": [],
                "sources": sorted({c.get("source") for c in r.get("citations") or [] if c.get("source")}),
                "type": "feedback",
                "history": r.get("history") or [],
                "answered": r.get("answer"),
            }
        )
    return out


def feedback_report(path: Path, out: Path | None = None) -> str:
    rows = read_feedback(path)
    summary = summarize_feedback(rows)
    text = f"feedback: {summary['ratings']} ratings, {summary['up']} up, {summary['down']} down"
    if out is not None:
        drafts = draft_questions(rows)
        out.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts), encoding="utf-8")
        text += f"; {len(drafts)} draft questions written to {out} (fill in their gold answers)"
    return text
