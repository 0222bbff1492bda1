"""A store file too damaged to use is moved aside (kept, never deleted) and started
over; what can still be read of it (the folders and files it was indexed from) is
salvaged so the indexer can rebuild it from the source files.

Used by ``vankien index`` (and ``--rebuild``) before anything else opens the store:
the repair a damage message advises must work from that damaged state.
"""

from __future__ import annotations

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


def _move_aside(path: Path, reason: str) -> Rescue:
    origins, n_sources = salvage_origins(path)
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
