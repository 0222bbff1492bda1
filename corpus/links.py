"""Link labels inside an article's text ("(Xem tiếp)", ">> Xem thêm: <another headline>"),
found so cleaning can leave them out. Pure functions; the labels are package data
(``data/link_labels.txt``, where they come from is said there)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_HEADLINE_MAX = 200  # a linked headline longer than this is not cut (only its label is)
_RUN_OF_SPACES = re.compile(r"\s{2,}")


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    text = resources.files("corpus").joinpath("data/link_labels.txt").read_text(encoding="utf-8")
    labels = sorted({ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}, key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, label.split())) for label in labels)
    return re.compile(rf"(?:[=>»]+\s*)?(?:\(\s*(?:{alt})\s*\)|(?<!\w)(?:{alt})\s*:)", re.IGNORECASE)


def link_cuts(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are link labels: a parenthesised label alone, or a
    "label:" with the linked headline after it (up to the next run of two or more spaces or
    the end of the text, when that is at most ``_HEADLINE_MAX`` characters away)."""
    cuts: list[tuple[int, int]] = []
    for m in _label_re().finditer(text):
        end = m.end()
        if m.group(0).rstrip().endswith(":"):
            rest = len(text[end:]) - len(text[end:].lstrip())
            stop = _RUN_OF_SPACES.search(text, end + rest)
            headline_end = stop.start() if stop else len(text)
            if headline_end - end <= _HEADLINE_MAX:
                end = headline_end
        cuts.append((m.start(), end))
    return cuts


def without_links(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as the spans left when its link labels are cut out (whitespace
    trimmed, empty pieces dropped); the whole span when it holds none."""
    cuts = link_cuts(text[start:end])
    if not cuts:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    pos = start
    for s, e in [*((start + s, start + e) for s, e in cuts), (end, end)]:
        piece = text[pos:s]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            out.append((pos + lead, s - trail))
        pos = e
    return out
