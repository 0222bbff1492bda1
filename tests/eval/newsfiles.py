"""A small stand-in for ../shared/data/vinews-35k.jsonl.xz, written where a test wants it,
and the checks every word-list script measured on it shares."""

import json
import lzma
from pathlib import Path


def write_news(folder: Path, texts: list[str]) -> Path:
    """One article per text, in the corpus's format and file name; returns the folder."""
    rows = [{"id": str(i), "title": "Tin", "text": t} for i, t in enumerate(texts)]
    with lzma.open(folder / "vinews-35k.jsonl.xz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return folder


def run_word_script(main, folder: Path, out: Path, command: str, capsys) -> list[str]:
    """Run a script that measures a word list on the corpus in ``folder``: it writes ``out``
    with a header saying where the list comes from (the corpus and the command), and exits
    2 saying so when there is no corpus. Returns the list's lines (header left out)."""
    assert main(["--data", str(folder), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "vinews-35k.jsonl.xz" in text and command in text
    assert main(["--data", str(folder / "none"), "--out", str(out)]) == 2
    assert "no corpus" in capsys.readouterr().err
    return [line for line in text.splitlines() if not line.startswith("#")]
