"""Derive ``assistant/data/common_words_vi.txt``: the syllables of Vietnamese news prose
that are written in lower case when they do not begin a sentence.

A capitalised run at the start of a sentence ("Theo Bộ Tài chính", "Ông Nguyễn Văn An",
"Nguyễn Văn An phát biểu", "Hà Nội là …") begins a name only when its first word is not an
ordinary word capitalised because the sentence begins there. Which words are ordinary is
measured, not listed by hand: a syllable is common when, inside sentences of the news
corpus, it stands in lower case at least ``--share`` of the ``--min-count`` or more times it
occurs. Names ("Nguyễn", "Hà", "Nội") are capitalised inside sentences too and never qualify.

    python -m eval.common_words [--data ../shared/data] [--out assistant/data/common_words_vi.txt]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from eval.news_corpus import Articles

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?:[.!?…:;\"“”()\[\]\n]|^)\s*$")
HEADER = """\
# Common Vietnamese syllables: written in lower case inside a sentence at least {share:.0%} of
# the {min_count}+ times each occurs in the {articles:,} articles of vinews-35k.jsonl.xz (the
# shared news corpus; Vietnamese news 2016-2017). A capitalised run that begins a sentence
# with one of them ("Theo Bộ …", "Ông Nguyễn …") does not begin a name with it
# (assistant/answer_types.names). Measured, not chosen: regenerate with
#     python -m eval.common_words --data ../shared/data --out assistant/data/common_words_vi.txt
# {n} syllables, lower case, NFC, one per line, most frequent first.
"""


def count(texts) -> tuple[Counter, Counter]:
    """(lower-case, capitalised) occurrences of each syllable inside sentences (never its first word)."""
    lower: Counter = Counter()
    upper: Counter = Counter()
    for text in texts:
        for m in _WORD.finditer(text):
            w = m.group(0)
            if _SENTENCE_END.search(text[max(0, m.start() - 3) : m.start()]) or (len(w) > 1 and w.isupper()):
                continue  # a sentence's first word, or an abbreviation (UBND)
            if w[0].islower():
                lower[w] += 1
            else:
                upper[w.lower()] += 1
    return lower, upper


def common(lower: Counter, upper: Counter, min_count: int, share: float) -> list[str]:
    rows = []
    for w, lo in lower.items():
        total = lo + upper.get(w, 0)
        if total >= min_count and lo / total >= share:
            rows.append((-total, w))
    return [w for _, w in sorted(rows)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.common_words", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/data", help="folder of vinews-35k.jsonl.xz")
    p.add_argument("--out", default="assistant/data/common_words_vi.txt")
    p.add_argument("--min-count", type=int, default=30)
    p.add_argument("--share", type=float, default=0.9)
    args = p.parse_args(argv)
    articles = Articles(args.data)
    if not articles.exists():
        return 2
    lower, upper = count(articles)
    words = common(lower, upper, args.min_count, args.share)
    header = HEADER.format(share=args.share, min_count=args.min_count, articles=articles.count, n=len(words))
    Path(args.out).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} common syllables from {articles.count} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
