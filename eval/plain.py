"""A question set as typed without diacritics: every question (and earlier question of
its conversation) with its diacritics stripped ("Ai là Bí thư …?" -> "Ai la Bi thu …?"),
answers and sources unchanged; with ``--lower``, as typed all in lower case instead,
diacritics kept ("ai là bí thư …?"); with ``--polite``, asked politely as in a chat
("Cho tôi hỏi, ai là …", "Xin hỏi: Ai là …", "Ai là … ạ?": the forms of ``POLITE``, one
after the other).

    python -m eval.plain eval/party_news_questions.jsonl /tmp/party_news_plain.jsonl
    python -m eval.plain --lower eval/party_news_questions.jsonl /tmp/party_news_lower.jsonl
    python -m eval.plain --polite eval/party_news_questions.jsonl /tmp/party_news_polite.jsonl

Users on keyboards without a Vietnamese input method type so, and many in a chat window
never press shift; the assistant must answer them as it answers the questions typed with
diacritics and capitals. ``eval/run_baselines.sh`` measures the party-news, law, bundled
and Zalo sets so (the variants are written to a temporary folder, never committed).
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from pathlib import Path

from corpus.text import strip_diacritics


# how a question is asked politely in a chat ({q}: the question, its first letter in lower case)
POLITE = ("Cho tôi hỏi, {q}", "Xin hỏi: {Q}", "Bạn ơi, cho mình hỏi {q}", "{Q} ạ?", "Chào bạn, tôi muốn biết {q}", "Cho em hỏi {q} ạ")


def polite(question: str, n: int) -> str:
    """The question asked the ``n``-th polite way (the forms of ``POLITE`` in turn)."""
    form = POLITE[n % len(POLITE)]
    core = question.rstrip().rstrip("?").rstrip() if form.rstrip("?").endswith("ạ") else question  # "… ạ?" takes the place of "?"
    return form.format(q=core[:1].lower() + core[1:], Q=core)


def plain_line(line: str, typed=strip_diacritics) -> str:
    """One question-set line with its question and history as ``typed`` writes them
    (stripped of diacritics, lower-cased or asked politely)."""
    row = json.loads(line)
    row["question"] = typed(row["question"])
    if row.get("history"):
        row["history"] = [typed(h) for h in row["history"]]
    return json.dumps(row, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.plain", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("questions", type=Path)
    parser.add_argument("out", type=Path)
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--lower", action="store_true", help="all in lower case, diacritics kept")
    how.add_argument("--polite", action="store_true", help="asked politely, as in a chat")
    args = parser.parse_args(argv)
    typed = str.lower if args.lower else strip_diacritics
    try:
        lines = [line for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
        out = [plain_line(line, partial(polite, n=i) if args.polite else typed) for i, line in enumerate(lines)]
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
