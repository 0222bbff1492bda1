"""The manifest and the document store: what is indexed, full texts and chunks.

Tables: ``sources`` (one row per indexed source: hash, status, origin, metadata, full
text; ``status = 'pending'`` marks a source whose write was begun and not finished, so a
killed run is completed by the next one), ``chunks`` (passages with offsets and the
keyword fields they were indexed with) and ``counters`` (kept by triggers, O(1) counts).
Every change is one transaction that also updates the keyword index, so readers never
see half-written state.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from corpus.models import Chunk, Document
from corpus.pipeline import embedding_text
from index.db import Database, batched, loads
from index.keyword import KeywordIndex
from index.passages import ScoredPassage
from index.tokens import keyword_text

SCHEMA = """
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


# the text of a large document, in pieces (corpus.stream); created when first needed, so
# an index that never held one keeps exactly the tables of earlier releases
_TEXTS = """CREATE TABLE IF NOT EXISTS source_texts (
    source TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (source, seq)
) WITHOUT ROWID"""


# the chunk ids a streamed document has now, while it is written (per connection)
_KEPT = "CREATE TEMP TABLE IF NOT EXISTS streamed_ids (id TEXT PRIMARY KEY) WITHOUT ROWID"


def _drop_texts(conn, source: str | None) -> None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'source_texts'").fetchone() is None:
        return
    if source is None:
        conn.execute("DELETE FROM source_texts")
    else:
        conn.execute("DELETE FROM source_texts WHERE source = ?", (source,))


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


class DocumentStore:
    """Manifest, documents and chunks; keeps ``keywords`` in step in the same transactions."""

    def __init__(self, db: Database, keywords: KeywordIndex) -> None:
        self.db = db
        self.keywords = keywords

    # -- manifest --------------------------------------------------------------------
    def sources(self, status: str | None = None) -> list[SourceInfo]:
        sql = "SELECT source, hash, status, origin, title, date, org, meta, n_chunks FROM sources"
        args: tuple = ()
        if status:
            sql += " WHERE status = ?"
            args = (status,)
        sql += " ORDER BY source"
        return [
            SourceInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], loads(r[7]), r[8]) for r in self.db.conn().execute(sql, args)
        ]

    def origins(self) -> list[str]:
        """The folders and files the sources were read from (one query, no rows decoded)."""
        return [r[0] for r in self.db.conn().execute("SELECT DISTINCT origin FROM sources WHERE origin != '' ORDER BY origin")]

    def source_hashes(self) -> dict[str, tuple[str, str]]:
        """source -> (hash, status)."""
        return {r[0]: (r[1], r[2]) for r in self.db.conn().execute("SELECT source, hash, status FROM sources")}

    def document(self, source: str) -> Document | None:
        row = self.db.conn().execute(
            "SELECT source, text, title, date, org, meta FROM sources WHERE source = ? AND status = 'done'",
            (source,),
        ).fetchone()
        if row is None:
            return None
        meta = loads(row[5])
        text = row[1]
        if meta.get("streamed"):  # a large file, stored in pieces (corpus.stream)
            text = "".join(
                r[0] for r in self.db.conn().execute("SELECT text FROM source_texts WHERE source = ? ORDER BY seq", (source,))
            )
        return Document(source=row[0], text=text, title=row[2], date=row[3], org=row[4], meta=meta)

    def mark_pending(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Record that these sources (source, hash, origin) are about to be written."""
        now = time.time()
        with self.db.transaction() as conn:
            for source, digest, origin in items:
                conn.execute(
                    "INSERT INTO sources(source, hash, status, origin, updated) VALUES (?, ?, 'pending', ?, ?) "
                    "ON CONFLICT(source) DO UPDATE SET hash = excluded.hash, status = 'pending', "
                    "origin = excluded.origin, updated = excluded.updated",
                    (source, digest, origin, now),
                )

    def incomplete_sources(self) -> set[str]:
        """Done sources whose stored chunks are not the number they were written with
        (chunks lost to damage): the indexer writes them again from their files."""
        rows = self.db.conn().execute(
            "SELECT s.source FROM sources s LEFT JOIN (SELECT source, count(*) AS n FROM chunks GROUP BY source) c "
            "ON c.source = s.source WHERE s.status = 'done' AND coalesce(c.n, 0) != s.n_chunks"
        )
        return {r[0] for r in rows}

    def counts(self) -> tuple[int, int]:
        """(indexed sources, chunks): kept by triggers, so O(1) on the query path."""
        values = dict(self.db.conn().execute("SELECT name, value FROM counters").fetchall())
        return int(values.get("done_sources", 0)), int(values.get("chunks", 0))

    # -- writing ---------------------------------------------------------------------
    def write_documents(self, documents: list[tuple[Document, list[Chunk]]]) -> None:
        """Replace the chunks of these documents and mark them done, in one transaction."""
        now = time.time()
        with self.db.transaction() as conn:
            for doc, chunks in documents:
                new_ids = {c.id for c in chunks}
                for rowid, cid, kw in conn.execute(
                    "SELECT rowid, id, kw FROM chunks WHERE source = ?", (doc.source,)
                ).fetchall():
                    if cid not in new_ids:
                        self.keywords.remove(conn, rowid, kw)
                        conn.execute("DELETE FROM chunks WHERE rowid = ?", (rowid,))
                existing = {r[0] for r in conn.execute("SELECT id FROM chunks WHERE source = ?", (doc.source,))}
                for chunk in chunks:
                    if chunk.id not in existing:
                        self._insert_chunk(conn, chunk)
                _drop_texts(conn, doc.source)
                conn.execute(
                    "UPDATE sources SET status = 'done', title = ?, date = ?, org = ?, meta = ?, text = ?, "
                    "n_chunks = ?, updated = ? WHERE source = ?",
                    (doc.title, doc.date, doc.org, json.dumps(doc.meta, ensure_ascii=False), doc.text, len(chunks), now, doc.source),
                )

    def _insert_chunk(self, conn, chunk: Chunk) -> None:
        kw = keyword_text(_indexed_text(chunk))
        cur = conn.execute(
            'INSERT OR REPLACE INTO chunks(id, source, start, "end", text, kw, meta) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (chunk.id, chunk.source, chunk.start, chunk.end, chunk.text, kw, json.dumps(chunk.meta, ensure_ascii=False)),
        )
        self.keywords.add(conn, cur.lastrowid, kw)

    # -- a large document, written piece by piece (corpus.stream) ----------------------
    # The ids of the chunks a streamed document has now are kept in a TEMP table of the
    # indexing connection (SQLite's temporary file, its own small page cache), not in a
    # Python set: the memory an indexing run needs does not grow with the file.
    def begin_streamed(self, source: str) -> None:
        """Start writing a streamed document (see ``add_piece`` and ``finish_streamed``)."""
        conn = self.db.conn()
        conn.execute(_KEPT)
        conn.execute("DELETE FROM temp.streamed_ids")

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Those of ``ids`` that are stored already."""
        conn = self.db.conn()
        out: set[str] = set()
        for batch in batched(ids, 500):
            marks = ",".join("?" * len(batch))
            out.update(r[0] for r in conn.execute(f"SELECT id FROM chunks WHERE id IN ({marks})", batch))
        return out

    def add_piece(self, source: str, seq: int, text: str, chunks: list[Chunk]) -> None:
        """One window of a streamed document: its text, and its chunks (those not stored
        yet are written; all are remembered as the document's, see ``stale_streamed``)."""
        with self.db.transaction() as conn:
            conn.execute(_TEXTS)
            if seq == 0:
                conn.execute("DELETE FROM source_texts WHERE source = ?", (source,))
            conn.execute("INSERT OR REPLACE INTO source_texts(source, seq, text) VALUES (?, ?, ?)", (source, seq, text))
            existing: set[str] = set()
            for batch in batched([c.id for c in chunks], 500):
                existing.update(r[0] for r in conn.execute(
                    f"SELECT id FROM chunks WHERE id IN ({','.join('?' * len(batch))})", batch))
            for chunk in chunks:
                if chunk.id not in existing:
                    self._insert_chunk(conn, chunk)
            conn.executemany("INSERT OR IGNORE INTO temp.streamed_ids(id) VALUES (?)", [(c.id,) for c in chunks])

    def stale_streamed(self, source: str, page: int = 1000) -> Iterator[list[str]]:
        """The ids of the chunks of ``source`` its streamed version no longer has (those of
        an earlier version), a page at a time."""
        conn = self.db.conn()
        last = 0
        while True:
            rows = conn.execute(
                "SELECT rowid, id FROM chunks WHERE source = ? AND rowid > ? "
                "AND id NOT IN (SELECT id FROM temp.streamed_ids) ORDER BY rowid LIMIT ?",
                (source, last, page),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [r[1] for r in rows]

    def finish_streamed(self, doc: Document) -> int:
        """Mark a streamed document done (its text is in pieces); the chunks of its earlier
        version that it no longer has are deleted. Returns how many."""
        now = time.time()
        with self.db.transaction() as conn:
            stale, last = 0, 0
            while True:  # a page at a time: the keyword text of every chunk is not loaded
                rows = conn.execute(
                    "SELECT rowid, kw FROM chunks WHERE source = ? AND rowid > ? "
                    "AND id NOT IN (SELECT id FROM temp.streamed_ids) ORDER BY rowid LIMIT 500",
                    (doc.source, last),
                ).fetchall()
                if not rows:
                    break
                for rowid, kw in rows:
                    self.keywords.remove(conn, rowid, kw)
                    conn.execute("DELETE FROM chunks WHERE rowid = ?", (rowid,))
                stale += len(rows)
                last = rows[-1][0]
            (n_chunks,) = conn.execute("SELECT count(*) FROM temp.streamed_ids").fetchone()
            conn.execute(
                "UPDATE sources SET status = 'done', title = ?, date = ?, org = ?, meta = ?, text = '', "
                "n_chunks = ?, updated = ? WHERE source = ?",
                (doc.title, doc.date, doc.org, json.dumps({**doc.meta, "streamed": True}, ensure_ascii=False),
                 n_chunks, now, doc.source),
            )
            conn.execute("DELETE FROM temp.streamed_ids")
        return stale

    def delete_sources(self, sources: Iterable[str]) -> None:
        with self.db.transaction() as conn:
            for source in sources:
                _drop_texts(conn, source)
                for rowid, kw in conn.execute("SELECT rowid, kw FROM chunks WHERE source = ?", (source,)).fetchall():
                    self.keywords.remove(conn, rowid, kw)
                conn.execute("DELETE FROM chunks WHERE source = ?", (source,))
                conn.execute("DELETE FROM sources WHERE source = ?", (source,))

    def clear(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM chunks")
            conn.execute("DELETE FROM sources")
            _drop_texts(conn, None)
            self.keywords.clear(conn)

    # -- chunks ----------------------------------------------------------------------
    def chunk_ids(self, sources: Iterable[str] | None = None) -> set[str]:
        """Ids of the chunks of these sources (of all chunks when None)."""
        conn = self.db.conn()
        if sources is None:
            return {r[0] for r in conn.execute("SELECT id FROM chunks")}
        ids: set[str] = set()
        for batch in batched(list(sources), 500):
            marks = ",".join("?" * len(batch))
            ids.update(r[0] for r in conn.execute(f"SELECT id FROM chunks WHERE source IN ({marks})", batch))
        return ids

    def iter_chunk_ids(self, page: int = 5000) -> Iterator[str]:
        """The ids of all stored chunks, read a page at a time (in rowid order)."""
        conn = self.db.conn()
        last = 0
        while True:
            rows = conn.execute("SELECT rowid, id FROM chunks WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, page)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from (r[1] for r in rows)

    def chunks(self, ids: list[str]) -> list[Chunk]:
        """The stored chunks with these ids (what re-embedding a lost vector needs)."""
        conn = self.db.conn()
        out: list[Chunk] = []
        for batch in batched(list(ids), 500):
            marks = ",".join("?" * len(batch))
            for r in conn.execute(f'SELECT id, source, start, "end", text, meta FROM chunks WHERE id IN ({marks})', batch):
                out.append(Chunk(id=r[0], source=r[1], start=r[2], end=r[3], text=r[4], meta=loads(r[5])))
        return out

    def passages(self, ids: list[str]) -> dict[str, ScoredPassage]:
        """The stored chunks with these ids, as unscored passages (title, date, org of their source)."""
        conn = self.db.conn()
        out: dict[str, ScoredPassage] = {}
        for batch in batched(ids, 500):
            marks = ",".join("?" * len(batch))
            rows = conn.execute(
                f'SELECT c.id, c.source, c.start, c."end", c.text, c.meta, s.title, s.date, s.org '
                f"FROM chunks c JOIN sources s ON s.source = c.source WHERE c.id IN ({marks})",
                batch,
            )
            for r in rows:
                out[r[0]] = ScoredPassage(
                    id=r[0], source=r[1], start=r[2], end=r[3], text=r[4], meta=loads(r[5]), title=r[6], date=r[7], org=r[8]
                )
        return out

    def complete(self, found: list[ScoredPassage], context_chars: int = 400) -> list[ScoredPassage]:
        """The search results with what the store knows (text, title, date, org, metadata,
        the preceding context, the next chunk of a passage that introduces items: its
        enumeration may run on into it), scores kept; passages deleted meanwhile are dropped."""
        stored = self.passages([p.id for p in found])
        before = self.preceding_texts([(s.source, s.start) for s in stored.values()], context_chars)
        after = self.next_chunks([(s.source, s.start) for s in stored.values() if ":" in s.text])
        out = []
        for p in found:
            s = stored.get(p.id)
            if s is None:  # deleted between search and fetch
                continue
            out.append(
                dataclasses.replace(
                    p, source=s.source, title=s.title, text=s.text, start=s.start, end=s.end, date=s.date,
                    org=s.org, meta=s.meta, before=before.get((s.source, s.start), ""),
                    after=_continuing(after.get((s.source, s.start)), p),
                )
            )
        return out

    def next_chunks(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], ScoredPassage]:
        """For (source, start) of chunks: the chunk of the same source that follows, as an
        unscored passage."""
        conn = self.db.conn()
        next_ids: dict[tuple[str, int], str] = {}
        for source, start in keys:
            row = conn.execute(
                "SELECT id FROM chunks WHERE source = ? AND start > ? ORDER BY start LIMIT 1", (source, start)
            ).fetchone()
            if row is not None:
                next_ids[(source, start)] = row[0]
        stored = self.passages(list(set(next_ids.values())))  # one batched read of them all
        return {key: stored[i] for key, i in next_ids.items() if i in stored}

    def preceding_texts(self, keys: list[tuple[str, int]], chars: int = 400) -> dict[tuple[str, int], str]:
        """For (source, start) of chunks: the text of the previous chunk that lies before
        ``start`` (its last ``chars`` characters), the context a passage's first sentence
        leans on."""
        conn = self.db.conn()
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


def _continuing(nxt: ScoredPassage | None, found: ScoredPassage) -> ScoredPassage | None:
    """The next chunk scored as the passage it continues (it was not searched for itself)."""
    return None if nxt is None else dataclasses.replace(nxt, score=found.score, fused=found.fused)


def _indexed_text(chunk: Chunk) -> str:
    """What the keyword index reads of a chunk: what is embedded (its document's title and,
    in a structured document, its heading path, then its text)."""
    return embedding_text(chunk)