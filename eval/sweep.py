"""The refusal trade-off: one run with no threshold, then every threshold replayed.

    python -m eval.sweep --questions eval/questions.jsonl --out sweep.json

An answer counts as found at threshold t when its confidence is at least t."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def sweep(rows: list[tuple], thresholds: list[float]) -> list[dict]:
    """rows: (question, answer text, confidence) with the answer produced as if found."""
    from eval.metrics import is_correct

    out = []
    answerable = [r for r in rows if r[0].answerable]
    unanswerable = [r for r in rows if not r[0].answerable]
    for t in thresholds:
        found = [(q, a, (c or 0.0) >= t) for q, a, c in rows]
        correct = sum(is_correct(q, a, f) for q, a, f in found)
        refused_un = sum(not f for q, _, f in found if not q.answerable)
        refused_ans = sum(not f for q, _, f in found if q.answerable)
        refused = refused_un + refused_ans
        out.append(
            {
                "threshold": t,
                "answer_accuracy": round(correct / len(rows), 4),
                "refusal_recall": round(refused_un / len(unanswerable), 4) if unanswerable else None,
                "refusal_precision": round(refused_un / refused, 4) if refused else None,
                "answerable_refused": round(refused_ans / len(answerable), 4) if answerable else None,
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    from assistant.factory import Components
    from assistant.settings import Settings
    from eval.questions import load_questions

    parser = argparse.ArgumentParser(prog="python -m eval.sweep")
    parser.add_argument("--questions", required=True)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    settings = Settings(min_confidence=0.0)
    assistant = Components(settings).assistant
    rows = []
    for q in load_questions(Path(args.questions)):
        answer = assistant.ask(q.question, history=q.history)
        rows.append((q, answer.answer, answer.confidence))
    table = sweep(rows, [round(0.05 * i, 2) for i in range(0, 20)])
    print(f"{'threshold':>9} {'accuracy':>9} {'ref.recall':>10} {'ref.prec':>9} {'ans.refused':>11}")
    for r in table:
        print(f"{r['threshold']:>9.2f} {r['answer_accuracy']:>9.3f} {r['refusal_recall'] or 0:>10.3f} {r['refusal_precision'] or 0:>9.3f} {r['answerable_refused'] or 0:>11.3f}")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({"questions": args.questions, "sweep": table}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
