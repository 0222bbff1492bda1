"""A question set as typed without diacritics: every question (and earlier question of
its conversation) with its diacritics stripped ("Ai là Bí thư …?" -> "Ai la Bi thu …?"),
answers and sources unchanged.

    python -m eval.plain eval/party_news_questions.jsonl /tmp/party_news_plain.jsonl

Users on keyboards without a Vietnamese input method type so; the assistant must answer
them as it answers the questions typed with diacritics. ``eval/run_baselines.sh`` measures
the party-news, law, bundled and Zalo sets so (the variant is written to a temporary
folder, never committed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.text import strip_diacritics


def plain_line(line: str) -> str:
    """One question-set line with its question and history stripped of diacritics."""
    row = json.loads(line)
    row["question"] = strip_diacritics(row["question"])
    if row.get("history"):
        row["history"] = [strip_diacritics(h) for h in row["history"]]
    return json.dumps(row, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.plain", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        lines = [line for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
        out = [plain_line(line) for line in lines]
    except OSError as exc:
        print(f"cannot read {args.questions}: {exc.strerror}", file=sys.stderr)
        return 2
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        print(f"{args.questions} is not a question set (one JSON object with a 'question' per line): {exc}", file=sys.stderr)
        return 2
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} questions written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
