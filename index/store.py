"""The SQLite side of the index: manifest, documents, chunks and the keyword index.

One SQLite file (WAL mode) beside Chroma holds:

* ``sources``: one row per indexed source (hash, status, origin, metadata, full text);
  ``status = 'pending'`` marks a source whose write was begun and not finished, so a
  killed run is completed by the next one;
* ``chunks``: passages with offsets and the keyword fields they were indexed with;
* ``chunks_fts``: a contentless FTS5 table (BM25) over accented and plain syllables.

Every change is made in transactions, so readers never see half-written state.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from assistant.errors import IndexCorruptError
from corpus.models import Chunk, Document
from index.tokens import TOKENIZER_VERSION, KeywordQuery, fts_columns, fts_expression, keyword_text, single_terms

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    status TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT,
    org TEXT,
    meta TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL DEFAULT '',
    n_chunks INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kw TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS chunks_by_source ON chunks(source);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    acc, plain, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
);
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters(name, value) VALUES
    ('chunks', (SELECT count(*) FROM chunks)),
    ('done_sources', (SELECT count(*) FROM sources WHERE status = 'done'));
CREATE TRIGGER IF NOT EXISTS count_chunk_in AFTER INSERT ON chunks
    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'chunks'; END;
CREATE TRIGGER IF NOT EXISTS count_chunk_out AFTER DELETE ON chunks
    BEGIN UPDATE counters SET value = value - 1 WHERE name = 'chunks'; END;
CREATE TRIGGER IF NOT EXISTS count_source_in AFTER INSERT ON sources WHEN new.status = 'done'
    BEGIN UPDATE counters SET value = value + 1 WHERE name = 'done_sources'; END;
CREATE TRIGGER IF NOT EXISTS count_source_out AFTER DELETE ON sources WHEN old.status = 'done'
    BEGIN UPDATE counters SET value = value - 1 WHERE name = 'done_sources'; END;
CREATE TRIGGER IF NOT EXISTS count_source_status AFTER UPDATE OF status ON sources WHEN old.status != new.status
    BEGIN UPDATE counters SET value = value + (new.status = 'done') - (old.status = 'done') WHERE name = 'done_sources'; END;
"""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    hash: str
    status: str
    origin: str
    title: str
    date: str | None
    org: str | None
    meta: dict[str, Any]
    n_chunks: int


@dataclass(frozen=True, slots=True)
class StoredChunk:
    chunk: Chunk
    title: str
    date: str | None
    org: str | None


class Store:
    """The manifest, document store and keyword index in one SQLite database."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._conn() as conn:
                conn.executescript(_SCHEMA)
                self._check_versions(conn)
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(
                f"The keyword index / manifest {self.path} is damaged ({exc}).",
                hint="Rebuild it: vankien index --rebuild  (Chỉ mục bị hỏng: chạy lại vankien index --rebuild)",
            ) from exc

    # -- connections -------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
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

    def _check_versions(self, conn: sqlite3.Connection) -> None:
        rows = dict(conn.execute("SELECT key, value FROM info").fetchall())
        if not rows:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT OR REPLACE INTO info(key, value) VALUES (?, ?)",
                [("schema", SCHEMA_VERSION), ("tokenizer", TOKENIZER_VERSION)],
            )
            conn.execute("COMMIT")
            return
        if rows.get("schema") != SCHEMA_VERSION:
            raise IndexCorruptError(
                "The index was built by another version of vankien.",
                hint="Rebuild it: vankien index --rebuild",
            )

    def keyword_index_outdated(self) -> bool:
        """True when the keyword index was built by an older tokenizer: ``vankien index``
        rebuilds it from the stored chunks (no re-embedding)."""
        return self.get_info("tokenizer") != TOKENIZER_VERSION

    def transaction(self) -> "_Txn":
        return _Txn(self)

    # -- info --------------------------------------------------------------------
    def get_info(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM info WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_info(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES (?, ?)", (key, value))

    # -- manifest ----------------------------------------------------------------
    def sources(self, status: str | None = None) -> list[SourceInfo]:
        sql = "SELECT source, hash, status, origin, title, date, org, meta, n_chunks FROM sources"
        args: tuple = ()
        if status:
            sql += " WHERE status = ?"
            args = (status,)
        sql += " ORDER BY source"
        return [
            SourceInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _loads(r[7]), r[8])
            for r in self._conn().execute(sql, args)
        ]

    def source_hashes(self) -> dict[str, tuple[str, str]]:
        """source -> (hash, status)."""
        return {r[0]: (r[1], r[2]) for r in self._conn().execute("SELECT source, hash, status FROM sources")}

    def document(self, source: str) -> Document | None:
        row = self._conn().execute(
            "SELECT source, text, title, date, org, meta FROM sources WHERE source = ? AND status = 'done'",
            (source,),
        ).fetchone()
        if row is None:
            return None
        return Document(source=row[0], text=row[1], title=row[2], date=row[3], org=row[4], meta=_loads(row[5]))

    def mark_pending(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Record that these sources (source, hash, origin) are about to be written."""
        now = time.time()
        with self.transaction() as conn:
            for source, digest, origin in items:
                conn.execute(
                    "INSERT INTO sources(source, hash, status, origin, updated) VALUES (?, ?, 'pending', ?, ?) "
                    "ON CONFLICT(source) DO UPDATE SET hash = excluded.hash, status = 'pending', "
                    "origin = excluded.origin, updated = excluded.updated",
                    (source, digest, origin, now),
                )

    def chunk_ids(self, sources: Iterable[str]) -> set[str]:
        conn = self._conn()
        ids: set[str] = set()
        for batch in _batched(list(sources), 500):
            marks = ",".join("?" * len(batch))
            ids.update(r[0] for r in conn.execute(f"SELECT id FROM chunks WHERE source IN ({marks})", batch))
        return ids

    def write_documents(self, documents: list[tuple[Document, list[Chunk]]]) -> None:
        """Replace the chunks of these documents and mark them done, in one transaction."""
        now = time.time()
        with self.transaction() as conn:
            for doc, chunks in documents:
                new_ids = {c.id for c in chunks}
                for rowid, cid, kw in conn.execute(
                    "SELECT rowid, id, kw FROM chunks WHERE source = ?", (doc.source,)
                ).fetchall():
                    if cid not in new_ids:
                        _fts_delete(conn, rowid, kw)
                        conn.execute("DELETE FROM chunks WHERE rowid = ?", (rowid,))
                existing = {
                    r[0] for r in conn.execute("SELECT id FROM chunks WHERE source = ?", (doc.source,))
                }
                for chunk in chunks:
                    if chunk.id in existing:
                        continue
                    kw = keyword_text(_indexed_text(chunk))
                    cur = conn.execute(
                        'INSERT OR REPLACE INTO chunks(id, source, start, "end", text, kw, meta) VALUES (?, ?, ?, ?, ?, ?, ?)',
                        (chunk.id, chunk.source, chunk.start, chunk.end, chunk.text, kw, json.dumps(chunk.meta, ensure_ascii=False)),
                    )
                    _fts_insert(conn, cur.lastrowid, kw)
                conn.execute(
                    "UPDATE sources SET status = 'done', title = ?, date = ?, org = ?, meta = ?, text = ?, "
                    "n_chunks = ?, updated = ? WHERE source = ?",
                    (
                        doc.title,
                        doc.date,
                        doc.org,
                        json.dumps(doc.meta, ensure_ascii=False),
                        doc.text,
                        len(chunks),
                        now,
                        doc.source,
                    ),
                )

    def delete_sources(self, sources: Iterable[str]) -> None:
        with self.transaction() as conn:
            for source in sources:
                for rowid, kw in conn.execute("SELECT rowid, kw FROM chunks WHERE source = ?", (source,)).fetchall():
                    _fts_delete(conn, rowid, kw)
                conn.execute("DELETE FROM chunks WHERE source = ?", (source,))
                conn.execute("DELETE FROM sources WHERE source = ?", (source,))

    def clear(self) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM chunks")
            conn.execute("DELETE FROM sources")
            conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
            conn.execute("DELETE FROM term_df")

    # -- reading -----------------------------------------------------------------
    def counts(self) -> tuple[int, int]:
        """(indexed sources, chunks): kept by triggers, so O(1) on the query path."""
        values = dict(self._conn().execute("SELECT name, value FROM counters").fetchall())
        return int(values.get("done_sources", 0)), int(values.get("chunks", 0))

    def all_chunk_ids(self) -> set[str]:
        return {r[0] for r in self._conn().execute("SELECT id FROM chunks")}

    def get_chunks(self, ids: list[str]) -> dict[str, StoredChunk]:
        conn = self._conn()
        out: dict[str, StoredChunk] = {}
        for batch in _batched(ids, 500):
            marks = ",".join("?" * len(batch))
            rows = conn.execute(
                f'SELECT c.id, c.source, c.start, c."end", c.text, c.meta, s.title, s.date, s.org '
                f"FROM chunks c JOIN sources s ON s.source = c.source WHERE c.id IN ({marks})",
                batch,
            )
            for r in rows:
                chunk = Chunk(id=r[0], source=r[1], start=r[2], end=r[3], text=r[4], meta=_loads(r[5]))
                out[r[0]] = StoredChunk(chunk, r[6], r[7], r[8])
        return out

    def preceding_texts(self, keys: list[tuple[str, int]], chars: int = 400) -> dict[tuple[str, int], str]:
        """For (source, start) of chunks: the text of the previous chunk that lies before
        ``start`` (its last ``chars`` characters), the context a passage's first sentence
        leans on."""
        conn = self._conn()
        out: dict[tuple[str, int], str] = {}
        for source, start in keys:
            row = conn.execute(
                'SELECT text, start, "end" FROM chunks WHERE source = ? AND start < ? ORDER BY start DESC LIMIT 1',
                (source, start),
            ).fetchone()
            if row is None:
                continue
            text, prev_start, prev_end = row
            # the previous chunk may overlap this one: keep only what comes before it
            if prev_end > start:
                text = text[: max(0, len(text) - (prev_end - start))]
            out[(source, start)] = text[-chars:]
        return out

    def search(
        self,
        query: KeywordQuery,
        k: int = 20,
        sources: list[str] | None = None,
        org: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[tuple[str, float]]:
        """BM25 search: (chunk id, score) pairs, best first; higher is better."""
        if query.empty:
            return []
        expression = fts_expression(query)
        if not (sources or org or date_from or date_to):
            # rank inside FTS5 first, then fetch the ids of the top k only
            sql = (
                "SELECT c.id, f.score FROM (SELECT rowid, -bm25(chunks_fts, 1.0, 0.7) AS score FROM chunks_fts "
                "WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, 1.0, 0.7) LIMIT ?) f "
                "JOIN chunks c ON c.rowid = f.rowid ORDER BY f.score DESC"
            )
            return self._fts_rows(sql, [expression, k])
        sql = (
            "SELECT c.id, -bm25(chunks_fts, 1.0, 0.7) AS score FROM chunks_fts "
            "JOIN chunks c ON c.rowid = chunks_fts.rowid "
        )
        where = ["chunks_fts MATCH ?"]
        args: list[Any] = [expression]
        if sources or org or date_from or date_to:
            sql += "JOIN sources s ON s.source = c.source "
            if sources:
                where.append(f"c.source IN ({','.join('?' * len(sources))})")
                args.extend(sources)
            if org:
                where.append("s.org LIKE ?")
                args.append(f"%{org}%")
            if date_from:
                where.append("s.date >= ?")
                args.append(date_from)
            if date_to:
                where.append("s.date <= ?")
                args.append(date_to)
        sql += "WHERE " + " AND ".join(where) + " ORDER BY bm25(chunks_fts, 1.0, 0.7) LIMIT ?"
        args.append(k)
        return self._fts_rows(sql, args)

    def _fts_rows(self, sql: str, args: list[Any]) -> list[tuple[str, float]]:
        try:
            return [(r[0], float(r[1])) for r in self._conn().execute(sql, args)]
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                return []
            raise

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many chunks contain each single term (syllable in either form, or a
        document-number key): one primary-key lookup per term."""
        terms = [t for t in dict.fromkeys(terms) if t and " " not in t]
        if not terms:
            return {}
        found: dict[str, int] = {}
        for batch in _batched(terms, 500):
            marks = ",".join("?" * len(batch))
            found.update(self._conn().execute(f"SELECT term, n FROM term_df WHERE term IN ({marks})", batch))
        return {t: int(found.get(t, 0)) for t in terms}

    def rebuild_keyword_index(self) -> int:
        """Re-create the FTS index and the term counts from the stored chunks (no
        re-embedding needed); also how an index from an older tokenizer is upgraded."""
        with self.transaction() as conn:
            conn.execute("DROP TABLE IF EXISTS chunks_vocab")  # left by tokenizer 2
            conn.execute("DROP TABLE IF EXISTS chunks_fts")
            conn.execute(
                "CREATE VIRTUAL TABLE chunks_fts USING fts5(acc, plain, content='', "
                "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")"
            )
            conn.execute("DELETE FROM term_df")
            n = 0
            for rowid, kw in conn.execute("SELECT rowid, kw FROM chunks").fetchall():
                _fts_insert(conn, rowid, kw)
                n += 1
            conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')")
            conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('tokenizer', ?)", (TOKENIZER_VERSION,))
        return n

    def quick_check(self) -> str | None:
        """A cheap check for the query path: None, or what is wrong."""
        if self.keyword_index_outdated():
            return "it was built by an older version of vankien"
        conn = self._conn()
        try:
            if conn.execute("SELECT 1 FROM chunks LIMIT 1").fetchone() is None:
                return None
            row = conn.execute("SELECT term FROM term_df WHERE n > 0 LIMIT 1").fetchone()
            if row is None:
                return "the term counts are empty while chunks are stored"
            found = conn.execute(
                "SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT 1", ('"' + row[0] + '"',)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        if found is None:
            return "the keyword index is empty while chunks are stored"
        return None

    def integrity_check(self) -> str | None:
        """None when the keyword index is sound, else what is wrong (reads it all)."""
        conn = self._conn()
        try:
            conn.execute("INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 0)")
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return self.quick_check()


class _Txn:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> sqlite3.Connection:
        self.store._write_lock.acquire()
        self.conn = self.store._conn()
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
        finally:
            self.store._write_lock.release()


def _fts_insert(conn: sqlite3.Connection, rowid: int, kw: str) -> None:
    conn.execute("INSERT INTO chunks_fts(rowid, acc, plain) VALUES (?, ?, ?)", (rowid, *fts_columns(kw)))
    conn.executemany(
        "INSERT INTO term_df(term, n) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET n = n + 1",
        [(t,) for t in single_terms(kw)],
    )


def _fts_delete(conn: sqlite3.Connection, rowid: int, kw: str) -> None:
    conn.execute(
        "INSERT INTO chunks_fts(chunks_fts, rowid, acc, plain) VALUES ('delete', ?, ?, ?)", (rowid, *fts_columns(kw))
    )
    conn.executemany("UPDATE term_df SET n = n - 1 WHERE term = ?", [(t,) for t in single_terms(kw)])


def _indexed_text(chunk: Chunk) -> str:
    """What the keyword index reads of a chunk: its document's title, then its text."""
    title = chunk.meta.get("title") or ""
    return f"{title}\n{chunk.text}" if title and title not in chunk.text else chunk.text


def _loads(value: str | None) -> dict[str, Any]:
    if not value:
        return {}
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _batched(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
