"""JSON Lines reading with line numbers, shared by the corpus loader and question sets."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator


def jsonl_rows(lines: Iterable[str], name: str) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """Yield (``name:lineno``, row, None) for each JSON object line, or
    (``name:lineno``, None, reason) for a line that is not one. Blank lines are skipped."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, None, f"not valid JSON (dòng không phải JSON): {exc.msg}"
            continue
        if not isinstance(row, dict):
            yield where, None, "each line must be a JSON object (mỗi dòng phải là một đối tượng JSON)"
            continue
        yield where, row, None
