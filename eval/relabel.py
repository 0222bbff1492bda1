"""A question set asked of another index, with the gold answers that differ there.

    python -m eval.relabel eval/questions.jsonl eval/on_party_labels.jsonl eval/questions_on_party.jsonl

The bundled questions are also asked of the party index (the five bundled documents
beside 1,186 party articles: ``questions-on-party``, ``bundled@party`` of ``eval.fit``).
A few of them are unanswerable from the bundled documents only: the party articles answer
them ("Ai là Chủ tịch nước …?"). A label file (JSON Lines of ``{"id", "answers",
"sources", "why"}``) gives their gold answers on that index; this script writes the set
with those answers and sources put in (the order and every other field unchanged), so
that the party-index figures and the fit do not count a grounded answer as wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import InputError
from corpus.jsonl import jsonl_rows


def relabel(questions: list[str], labels: list[str], name: str = "labels") -> list[str]:
    """The question lines with the labels' answers and sources put in."""
    overrides: dict[str, dict] = {}
    for where, row, problem in jsonl_rows(labels, name):
        if row is None or not isinstance(row.get("id"), str) or not isinstance(row.get("answers"), list):
            raise InputError(f"{where}: {problem or 'a label needs an id and answers'}")
        overrides[row["id"]] = row
    out, seen = [], set()
    for line in questions:
        if not line.strip():
            continue
        row = json.loads(line)
        label = overrides.get(row.get("id"))
        if label:
            seen.add(row["id"])
            row["answers"] = label["answers"]
            row["sources"] = label.get("sources", [])
            row["type"] = "factoid" if label["answers"] else "unanswerable"
        out.append(json.dumps(row, ensure_ascii=False))
    missing = sorted(set(overrides) - seen)
    if missing:
        raise InputError(f"{name}: no question with id {', '.join(missing)}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", type=Path)
    ap.add_argument("labels", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    try:
        lines = relabel(args.questions.read_text(encoding="utf-8").splitlines(), args.labels.read_text(encoding="utf-8").splitlines(), str(args.labels))
    except (OSError, InputError, json.JSONDecodeError) as exc:
        print(f"error: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lines)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
