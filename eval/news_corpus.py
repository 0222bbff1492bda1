"""The shared news corpus (``vinews-35k.jsonl.xz``) that word lists are measured on: its
articles' texts, NFC and one tone-mark style, counted as they are read."""

from __future__ import annotations

import json
import lzma
import sys
from pathlib import Path

FILE = "vinews-35k.jsonl.xz"


def texts(path: Path):
    """Title and text of every article, NFC, canonical tone marks."""
    from corpus.text import canonical_tones, nfc

    with lzma.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield canonical_tones(nfc(f"{row.get('title', '')}.\n{row.get('text', '')}"))


class Articles:
    """The corpus under ``data``, iterable once or more; ``count`` is how many articles the
    last pass read."""

    def __init__(self, data: str | Path):
        self.path = Path(data) / FILE
        self.count = 0

    def exists(self) -> bool:
        """True when the file is there; else says so on stderr (the caller exits 2)."""
        if self.path.is_file():
            return True
        print(f"no corpus at {self.path}: give --data the folder of {FILE}", file=sys.stderr)
        return False

    def __iter__(self):
        self.count = 0
        for text in texts(self.path):
            self.count += 1
            yield text
