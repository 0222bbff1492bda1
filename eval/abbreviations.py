"""Derive ``assistant/data/abbreviations_mined.tsv``: abbreviations of Vietnamese news and
the names they stand for, as the texts define them ("Bảo hiểm xã hội (BHXH)").

An abbreviation in parentheses right after a name whose words begin with its letters, one
letter per word ("Liên đoàn Lao động (LĐLĐ)", "Kế hoạch và Đầu tư (KH&ĐT)": '&' stands for
"và", '-' for a dash or nothing), is a definition. A pair is kept when the corpus defines the
abbreviation at least ``--min-count`` times and at least ``--share`` of its definitions give
that name. Measured, not chosen; the hand-written ``abbreviations.tsv`` takes precedence.

    python -m eval.abbreviations [--data ../shared/data] [--out assistant/data/abbreviations_mined.tsv]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from corpus.text import strip_diacritics
from eval.news_corpus import Articles

_DEFINED = re.compile(r"\(\s*([A-ZĐ][A-ZĐ&\-]{1,11})\s*\)")
_WORDS_BEFORE = re.compile(r"([^\W\d_]+|&|-)\s*$")
HEADER = """\
# Abbreviations and the names they stand for, as the {articles:,} articles of
# vinews-35k.jsonl.xz (the shared news corpus; Vietnamese news 2016-2017) define them: a name
# followed by its abbreviation in parentheses, the abbreviation's letters the initials of the
# name's words ("Bảo hiểm xã hội (BHXH)"). Kept: defined {min_count}+ times (two letters:
# {min_count_short}+), {share:.0%}+ of them with this name. The hand-written abbreviations.tsv takes precedence. Measured, not
# chosen: regenerate with
#     python -m eval.abbreviations --data ../shared/data --out assistant/data/abbreviations_mined.tsv
# {n} pairs, abbreviation<TAB>name (lower case), most often defined first.
"""


def _letters(abbr: str) -> list[str]:
    """The abbreviation's parts: letters (Đ as one), '&' ("và"); dashes dropped."""
    return [c for c in abbr if c != "-"]


def definition(before: str, abbr: str) -> str | None:
    """The name the text before "(ABBR)" ends with, if its words begin with the
    abbreviation's letters (one per word, '&' for "và"), else None."""
    parts = _letters(abbr)
    if len(parts) < 2 or not any(c.isalpha() for c in parts):
        return None
    words: list[str] = []
    rest = before
    while len(words) < len(parts):
        m = _WORDS_BEFORE.search(rest)
        if not m:
            return None
        rest = rest[: m.start()]
        if m.group(1) == "-":
            continue
        words.insert(0, m.group(1))
    for part, word in zip(parts, words):
        if part == "&":
            if strip_diacritics(word.lower()) != "va" and word != "&":
                return None
        elif strip_diacritics(word[0]).upper() != strip_diacritics(part):
            return None
    if sum(w[0].isupper() for w in words) == 0:
        return None  # "... (CT)" after ordinary words: a chance match
    return " ".join(w.lower() for w in words)


def mine(texts) -> dict[str, Counter]:
    found: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for m in _DEFINED.finditer(text):
            abbr = m.group(1)
            name = definition(text[max(0, m.start() - 120) : m.start()], abbr)
            if name:
                found[abbr][name] += 1
    return found


def select(found: dict[str, Counter], min_count: int, share: float, min_count_short: int = 10) -> list[tuple[str, str, int]]:
    """Pairs defined often enough, with a name that dominates; two-letter abbreviations (many
    meanings: "TH") need ``min_count_short`` definitions."""
    rows = []
    for abbr, names in found.items():
        total = sum(names.values())
        name, n = names.most_common(1)[0]
        needed = min_count_short if len(_letters(abbr)) <= 2 else min_count
        if n >= needed and n / total >= share:
            rows.append((abbr, name, n))
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.abbreviations", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/data", help="folder of vinews-35k.jsonl.xz")
    p.add_argument("--out", default="assistant/data/abbreviations_mined.tsv")
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--min-count-short", type=int, default=10, help="definitions a two-letter abbreviation needs")
    p.add_argument("--share", type=float, default=0.6)
    args = p.parse_args(argv)
    articles = Articles(args.data)
    if not articles.exists():
        return 2
    rows = select(mine(articles), args.min_count, args.share, args.min_count_short)
    header = HEADER.format(articles=articles.count, min_count=args.min_count, min_count_short=args.min_count_short, share=args.share, n=len(rows))
    Path(args.out).write_text(header + "".join(f"{a}\t{name}\n" for a, name, _ in rows), encoding="utf-8")
    print(f"{len(rows)} abbreviations from {articles.count} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
