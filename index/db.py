"""The SQLite file beside Chroma (``index/store.sqlite``): connections and transactions.

One file (WAL mode) holds the document store's tables (``sources``, ``chunks``,
``counters``) and the keyword index's (``chunks_fts``, ``term_df``); each component
creates its own tables with ``CREATE ... IF NOT EXISTS``, so an index written by an
earlier release opens unchanged. ``info`` holds the versions the file was written with.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator

from index.errors import IndexCorruptError, StoreDamagedError

SCHEMA_VERSION = "1"
_INFO = "CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);"


class Database:
    """One SQLite file: a connection per thread, writes serialised in transactions."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def create(self, schemas: list[str], versions: dict[str, str]) -> None:
        """Create missing tables, record ``versions`` in a new file, refuse another schema."""
        try:
            conn = self.conn()
            conn.executescript(_INFO + "\n".join(schemas))
            rows = dict(conn.execute("SELECT key, value FROM info").fetchall())
            if not rows:
                with self.transaction() as tx:
                    tx.executemany(
                        "INSERT OR REPLACE INTO info(key, value) VALUES (?, ?)",
                        [("schema", SCHEMA_VERSION), *versions.items()],
                    )
                return
        except sqlite3.DatabaseError as exc:
            raise StoreDamagedError(
                f"The keyword index / manifest {self.path} is damaged ({exc}).",
                hint="Repair it: vankien index [PATH ...]  (the damaged file is kept beside it and the index "
                "rebuilt from the source files; chỉ mục bị hỏng: chạy vankien index để dựng lại)",
            ) from exc
        if rows.get("schema") != SCHEMA_VERSION:
            raise IndexCorruptError(
                "The index was built by another version of vankien.",
                hint="Rebuild it: vankien index --rebuild",
            )

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=True)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def change_marker(self) -> tuple[int, ...]:
        """Changes whenever the file is written (by any process): the size and time of the
        database and of its write-ahead log. A stat, no query: cheap enough per question."""
        marker: list[int] = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = os.stat(path)
                marker += [st.st_mtime_ns, st.st_size, st.st_ino]
            except FileNotFoundError:
                marker += [0, 0, 0]
        return tuple(marker)

    def transaction(self) -> "Transaction":
        return Transaction(self)

    def get_info(self, key: str) -> str | None:
        row = self.conn().execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_info(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES (?, ?)", (key, value))


class Transaction:
    """``with db.transaction() as conn``: BEGIN IMMEDIATE, COMMIT or ROLLBACK."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db._write_lock.acquire()
        self.conn = self.db.conn()
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
        finally:
            self.db._write_lock.release()


def loads(value: str | None) -> dict[str, Any]:
    """A JSON object column (``{}`` when empty or unreadable)."""
    if not value:
        return {}
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def batched(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
