"""Character accuracy of recognised text against the text a page was rendered from."""

from __future__ import annotations

import re
import unicodedata


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), O(len(a)·len(b))."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def char_accuracy(reference: str, recognised: str) -> float:
    """1 - character error rate, spaces collapsed, NFC (0 when nothing matches)."""
    ref, hyp = _norm(reference), _norm(recognised)
    if not ref:
        return 1.0 if not hyp else 0.0
    return max(0.0, 1 - edit_distance(ref, hyp) / len(ref))
