"""A store file too damaged to use is moved aside (kept, never deleted) and started
over; what can still be read of it (the folders and files it was indexed from) is
salvaged so the indexer can rebuild it from the source files. The folders and files the
index's sources were read from are also kept beside it in ``origins.json`` (rewritten by
every indexing run), so a store file that cannot be read at all is rebuilt from all of them.

Used by ``vankien index`` (and ``--rebuild``) before anything else opens the store:
the repair a damage message advises must work from that damaged state.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import IndexCorruptError, StoreDamagedError
from index.store import Store

log = logging.getLogger(__name__)


@dataclass
class Rescue:
    """What was done with a damaged store file."""

    reason: str
    moved_to: Path
    origins: list[str] = field(default_factory=list)  # roots it was indexed from (readable ones)
    sources: int = 0  # sources it listed, when that could still be read


def open_store(path: Path, rebuild: bool = False) -> tuple[Store, Rescue | None]:
    """Open the store for indexing. A file SQLite cannot read, or whose tables are
    damaged, is moved aside and a new one created; with ``rebuild`` also a file of
    another schema version (``--rebuild`` never needs to read the old file)."""
    path = Path(path)
    try:
        store = Store(path)
    except StoreDamagedError as exc:
        rescue = _move_aside(path, exc.message)
        return Store(path), rescue
    except IndexCorruptError as exc:  # another schema version
        if not rebuild:
            raise
        rescue = _move_aside(path, exc.message)
        return Store(path), rescue
    problem = store.health.file_check()
    if problem is None:
        return store, None
    store.close()
    rescue = _move_aside(path, f"SQLite integrity check: {problem}")
    return Store(path), rescue


ORIGINS_FILE = "origins.json"


def record_origins(index_dir: Path, origins: list[str]) -> None:
    """Keep the folders and files the index's sources were read from (the ``origin`` of
    every source in the manifest) beside the index, atomically: a crash leaves the old
    list or the new one."""
    index_dir = Path(index_dir)
    wanted = sorted({str(o) for o in origins if o})
    if wanted == recorded_origins(index_dir):
        return
    index_dir.mkdir(parents=True, exist_ok=True)
    partial = index_dir / f".{ORIGINS_FILE}.part"
    partial.write_text(json.dumps(wanted, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, index_dir / ORIGINS_FILE)


def recorded_origins(index_dir: Path) -> list[str]:
    """The origins kept beside the index (none when the list is missing or unreadable)."""
    try:
        data = json.loads((Path(index_dir) / ORIGINS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return sorted({str(x) for x in data if isinstance(x, str)}) if isinstance(data, list) else []


def _move_aside(path: Path, reason: str) -> Rescue:
    salvaged, n_sources = salvage_origins(path)
    origins = sorted(set(salvaged) | set(recorded_origins(path.parent)))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            os.replace(part, Path(str(target) + suffix))
    log.warning("damaged store moved aside to %s (%s)", target, reason)
    return Rescue(reason=reason, moved_to=target, origins=origins, sources=n_sources)


def salvage_origins(path: Path) -> tuple[list[str], int]:
    """The roots (folders, files) a damaged store was indexed from, if its manifest can
    still be read (read-only; nothing is written to the damaged file)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return [], 0
    origins: set[str] = set()
    n = 0
    try:
        for (origin,) in conn.execute("SELECT origin FROM sources"):
            n += 1
            if origin:
                origins.add(origin)
    except sqlite3.Error:
        pass
    finally:
        conn.close()
    return sorted(origins), n
