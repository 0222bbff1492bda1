"""Check a question set against the texts it was written from.

    python -m eval.check_grounding eval/party_news_questions.jsonl ../shared/data/vinews-party.jsonl
    python -m eval.check_grounding eval/law_questions.jsonl ../shared/data/laws/

Every gold answer must stand, after the metric normalisation of DESIGN.md, in (one of) the
question's sources; every source must exist in the corpus. A corpus is a ``.jsonl`` file of
``{"id", "title", "text"}`` lines or a text file / folder of text files (file name = source id).
Prints one line per problem and exits 1 if there is any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.errors import InputError
from corpus.jsonl import jsonl_rows
from corpus.text import normalize_for_match
from eval.questions import Question, load_questions


def read_corpus(paths: list[Path]) -> dict[str, str]:
    """Source id -> normalised text (title and body for JSON Lines rows)."""
    texts: dict[str, str] = {}
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".jsonl":
                lines = file.read_text(encoding="utf-8").splitlines()
                for _, row, _ in jsonl_rows(lines, file.name):
                    if row and isinstance(row.get("id"), str):
                        texts[row["id"]] = normalize_for_match(f"{row.get('title') or ''}\n{row.get('text') or ''}")
            elif file.suffix in {".txt", ".md"}:
                texts[file.name] = normalize_for_match(file.read_text(encoding="utf-8"))
    return texts


def problems(questions: list[Question], texts: dict[str, str]) -> list[str]:
    found: list[str] = []
    for q in questions:
        missing = [s for s in q.sources if s not in texts]
        if missing:
            found.append(f"{q.id}: unknown source(s) {', '.join(missing)}")
            continue
        for answer in q.answers:
            gold = normalize_for_match(answer)
            if not any(gold in texts[s] for s in q.sources):
                found.append(f"{q.id}: answer {answer!r} not in {', '.join(q.sources)}")
        if q.all_answers and len(q.sources) > 1:
            for s in q.sources:
                if not any(normalize_for_match(a) in texts[s] for a in q.answers):
                    found.append(f"{q.id}: source {s} holds none of the listed answers")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("corpus", type=Path, nargs="+")
    args = parser.parse_args(argv)
    try:
        questions = load_questions(args.questions)
    except InputError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    for path in args.corpus:
        if not path.exists():
            print(f"No such corpus: {path}", file=sys.stderr)
            return 2
    found = problems(questions, read_corpus(args.corpus))
    for line in found:
        print(line)
    answerable = sum(q.answerable for q in questions)
    print(f"{len(questions)} questions ({answerable} answerable): {len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
