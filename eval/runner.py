"""``vankien eval``: run a question set through the assistant and write the report.

Outputs in ``--out``: ``summary.json``, ``results.jsonl``, ``report.md`` and
``metrics_by_type.png``.
"""

from __future__ import annotations

import json
import platform
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.errors import InputError, VankienError
from eval.metrics import METRIC_ORDER, Row, summarize
from eval.questions import Question, load_questions
from eval.report import write_chart, write_report


def evaluate(assistant: Any, questions: list[Question], progress: bool = False) -> list[Row]:
    """Ask every question through the same chain the chat uses (history included)."""
    from tqdm import tqdm

    rows: list[Row] = []
    for q in tqdm(questions, desc="Đánh giá", unit=" câu", disable=not progress):
        t0 = time.perf_counter()
        try:
            answer = assistant.ask(q.question, history=q.history)
            latency = (time.perf_counter() - t0) * 1000
            rows.append(
                Row(
                    q,
                    answer.answer,
                    answer.found,
                    [c.model_dump(mode="json") for c in answer.citations],
                    latency,
                    confidence=answer.confidence,
                    spans=answer.spans,
                )
            )
        except VankienError as exc:
            latency = (time.perf_counter() - t0) * 1000
            rows.append(Row(q, exc.message, False, [], latency, error=type(exc).__name__))
    return rows


def by_type(rows: list[Row]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        groups[r.q.type].append(r)
    return {t: summarize(rs) for t, rs in sorted(groups.items())}


def result_line(r: Row) -> dict[str, Any]:
    return {
        "id": r.q.id,
        "type": r.q.type,
        "question": r.q.question,
        "history": r.q.history,
        "expected": r.q.answers,
        "sources": r.q.sources,
        "answer": r.answer,
        "found": r.found,
        "citations": r.citations,
        "correct": r.correct,
        "latency_ms": round(r.latency_ms, 2),
        "confidence": r.confidence,
        "spans": r.spans,
        "error": r.error,
    }


def format_summary(summary: dict[str, Any], types: dict[str, dict[str, Any]]) -> str:
    cols = ["overall", *types]
    table = {"overall": summary, **types}
    width = max(len(m) for m in METRIC_ORDER) + 2
    lines = [" " * width + "".join(f"{c[:14]:>15}" for c in cols)]
    for metric in METRIC_ORDER:
        cells = []
        for c in cols:
            v = table[c].get(metric)
            cells.append(f"{'-' if v is None else (f'{v:.3f}' if isinstance(v, float) else v):>15}")
        lines.append(f"{metric:<{width}}" + "".join(cells))
    return "\n".join(lines)


def run_eval(assistant: Any, questions_path: Path, out: Path, progress: bool = True, label: str = "") -> str:
    questions = load_questions(questions_path)
    rows = evaluate(assistant, questions, progress=progress)
    summary = summarize(rows)
    types = by_type(rows)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(result_line(r), ensure_ascii=False) + "\n")
    meta = {
        "questions_file": questions_path.name,
        "label": label,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {_cores()} cores",
    }
    (out / "summary.json").write_text(
        json.dumps({"meta": meta, "overall": summary, "by_type": types}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    write_chart(types, summary, out / "metrics_by_type.png")
    write_report(out / "report.md", meta, summary, types, [result_line(r) for r in rows])
    return format_summary(summary, types)


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def _load_summary(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"No such summary file: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a summary.json ({exc})") from None
    if not isinstance(data, dict) or "overall" not in data:
        raise InputError(f"{path}: not a summary.json written by vankien eval")
    return data


def compare_summaries(a_path: Path, b_path: Path) -> str:
    """Metric by metric: A, B and the difference (overall, then per type)."""
    a, b = _load_summary(a_path), _load_summary(b_path)
    lines = [f"A = {a_path}", f"B = {b_path}", ""]

    def block(title: str, sa: dict, sb: dict) -> None:
        lines.append(f"## {title}")
        lines.append(f"{'metric':<22}{'A':>12}{'B':>12}{'B - A':>12}")
        for m in METRIC_ORDER:
            va, vb = sa.get(m), sb.get(m)
            if va is None and vb is None:
                continue
            diff = ""
            if isinstance(va, (int, float)) and isinstance(vb, (int, float)):
                d = vb - va
                diff = f"{d:+.3f}" if isinstance(d, float) else f"{d:+d}"
            fa = "-" if va is None else (f"{va:.3f}" if isinstance(va, float) else str(va))
            fb = "-" if vb is None else (f"{vb:.3f}" if isinstance(vb, float) else str(vb))
            lines.append(f"{m:<22}{fa:>12}{fb:>12}{diff:>12}")
        lines.append("")

    block("overall", a["overall"], b["overall"])
    for t in sorted(set(a.get("by_type", {})) | set(b.get("by_type", {}))):
        block(t, a.get("by_type", {}).get(t, {}), b.get("by_type", {}).get(t, {}))
    return "\n".join(lines)
