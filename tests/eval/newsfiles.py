"""A small stand-in for ../shared/data/vinews-35k.jsonl.xz, written where a test wants it."""

import json
import lzma
from pathlib import Path


def write_news(folder: Path, texts: list[str]) -> Path:
    """One article per text, in the corpus's format and file name; returns the folder."""
    rows = [{"id": str(i), "title": "Tin", "text": t} for i, t in enumerate(texts)]
    with lzma.open(folder / "vinews-35k.jsonl.xz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return folder
