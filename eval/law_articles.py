"""Laws given one article per record of a JSON Lines file, as legal corpora often come
(the heading only in the record's title): the form the held-out legal questions may meet.

    python -m eval.law_articles ../shared/data/laws /tmp/law_articles.jsonl
    VANKIEN_HOME=/tmp/law-articles vankien index /tmp/law_articles.jsonl

Each law file (``Điều N.`` headings) becomes one record per article:
``{"id": "<file stem>-dieu-<N>", "title": "<first line> – Điều N. <title>", "text": <article body>}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus.structure import ARTICLE, find_headings


def articles(path: Path) -> list[dict[str, str]]:
    """The articles of one law file, each as a record whose title holds its heading."""
    text = path.read_text(encoding="utf-8")
    name = text.strip().splitlines()[0].strip() if text.strip() else path.stem
    heads = [h for h in find_headings(text) if h.level == ARTICLE]
    records = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        number = head.label.split(".")[0].split()[1]
        records.append({"id": f"{path.stem}-dieu-{number}", "title": f"{name} – {head.label}", "text": text[head.end : end].strip()})
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("laws", type=Path, help="folder of law files (.txt with 'Điều N.' headings)")
    ap.add_argument("out", type=Path, help="JSON Lines file to write")
    args = ap.parse_args(argv)
    files = sorted(args.laws.glob("*.txt")) if args.laws.is_dir() else []
    records = [r for f in files for r in articles(f)]
    if not records:
        print(f"no article found in {args.laws} (không tìm thấy điều luật nào)", file=sys.stderr)
        return 2
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} articles of {len(files)} file(s) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
