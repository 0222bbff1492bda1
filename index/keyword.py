"""The keyword index: SQLite FTS5 (BM25) over accented and plain syllables.

Tables: ``chunks_fts`` (contentless FTS5, rowid = the chunk's rowid in the document
store) and ``term_df`` (how many chunks hold each single term). The keyword fields of a
chunk are kept in ``chunks.kw``, so the index can be rebuilt from the stored chunks
without the source files and without re-embedding. The document store calls ``add`` and
``remove`` inside its own transactions, so chunks and keyword entries never disagree.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from index.db import Database, batched
from index.passages import ScoredPassage
from index.tokens import TOKENIZER_VERSION, KeywordQuery, build_query, fts_columns, fts_expression, single_terms

_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5("
    "acc, plain, content='', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\");"
)
SCHEMA = _FTS + "\nCREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;\n"
_COLUMNS = 'c.id, c.source, c.start, c."end", c.text'


class KeywordIndex:
    """BM25 search over the chunks of a document store; returns ``ScoredPassage``s."""

    def __init__(self, db: Database, max_df: float = 0.05, max_terms: int = 24) -> None:
        self.db = db
        self.max_df = max_df
        self.max_terms = max_terms

    # -- writing (inside the document store's transactions) -----------------------------
    @staticmethod
    def add(conn: sqlite3.Connection, rowid: int, kw: str) -> None:
        conn.execute("INSERT INTO chunks_fts(rowid, acc, plain) VALUES (?, ?, ?)", (rowid, *fts_columns(kw)))
        conn.executemany(
            "INSERT INTO term_df(term, n) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET n = n + 1",
            [(t,) for t in single_terms(kw)],
        )

    @staticmethod
    def remove(conn: sqlite3.Connection, rowid: int, kw: str) -> None:
        conn.execute(
            "INSERT INTO chunks_fts(chunks_fts, rowid, acc, plain) VALUES ('delete', ?, ?, ?)", (rowid, *fts_columns(kw))
        )
        conn.executemany("UPDATE term_df SET n = n - 1 WHERE term = ?", [(t,) for t in single_terms(kw)])

    @staticmethod
    def clear(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
        conn.execute("DELETE FROM term_df")

    def rebuild(self) -> int:
        """Re-create the FTS index and the term counts from the stored chunks (no
        re-embedding needed); also how an index from an older tokenizer is upgraded."""
        self._drop_fts()
        with self.db.transaction() as conn:
            conn.execute("DROP TABLE IF EXISTS chunks_vocab")  # left by tokenizer 2
            conn.execute("DROP TABLE IF EXISTS chunks_fts")
            conn.execute(_FTS)
            conn.execute("DELETE FROM term_df")
            n = 0
            for rowid, kw in conn.execute("SELECT rowid, kw FROM chunks").fetchall():
                self.add(conn, rowid, kw)
                n += 1
            conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('optimize')")
            conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('tokenizer', ?)", (TOKENIZER_VERSION,))
        return n

    def _drop_fts(self) -> None:
        """Drop the FTS table even when it is too damaged to open ("vtable constructor
        failed"): then its schema entry is removed and its shadow tables dropped."""
        try:
            with self.db.transaction() as conn:
                conn.execute("DROP TABLE IF EXISTS chunks_fts")
            return
        except sqlite3.DatabaseError:
            pass
        with self.db.transaction() as conn:
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("DELETE FROM sqlite_master WHERE type = 'table' AND name = 'chunks_fts'")
            conn.execute("PRAGMA writable_schema = OFF")
        self.db.close()  # the schema changed under this connection
        with self.db.transaction() as conn:
            for shadow in ("data", "idx", "docsize", "config", "content"):
                conn.execute(f"DROP TABLE IF EXISTS chunks_fts_{shadow}")

    def outdated(self) -> bool:
        """True when the index was built by an older tokenizer: ``rebuild`` upgrades it."""
        return self.db.get_info("tokenizer") != TOKENIZER_VERSION

    # -- reading -------------------------------------------------------------------------
    def chunk_count(self) -> int:
        row = self.db.conn().execute("SELECT value FROM counters WHERE name = 'chunks'").fetchone()
        return int(row[0]) if row else 0

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many chunks contain each single term (syllable in either form, or a
        document-number key): one primary-key lookup per term."""
        terms = [t for t in dict.fromkeys(terms) if t and " " not in t]
        if not terms:
            return {}
        found: dict[str, int] = {}
        for batch in batched(terms, 500):
            marks = ",".join("?" * len(batch))
            found.update(self.db.conn().execute(f"SELECT term, n FROM term_df WHERE term IN ({marks})", batch))
        return {t: int(found.get(t, 0)) for t in terms}

    def term_stats(self, terms: list[str]) -> tuple[dict[str, int], int]:
        """(document frequency per single term, number of chunks): IDF for an answerer."""
        return self.document_frequencies(t for t in terms if " " not in t), self.chunk_count()

    def query(
        self, text: str, accented: bool = True, max_df: float | None = None, max_terms: int | None = None
    ) -> KeywordQuery:
        """The keyword query for a text, pruned for speed: an accented question searches
        the accented column only, and single syllables found in more than ``max_df`` of
        the passages are left to the syllable pairs that contain them."""
        max_df = self.max_df if max_df is None else max_df
        max_terms = self.max_terms if max_terms is None else max_terms
        kq = build_query(text)
        acc, plain = list(kq.acc), list(kq.plain)
        if accented and acc:
            plain = []
        singles = [t for t in acc + plain if " " not in t and not t.startswith("so_")]
        if singles:
            n = self.chunk_count()
            df = self.document_frequencies(singles)
            limit = max_df * max(n, 1)
            if n >= 200:  # on a tiny index every syllable is common; keep them all
                acc = [t for t in acc if t not in df or df[t] <= limit]
                plain = [t for t in plain if t not in df or df[t] <= limit]
        return KeywordQuery(tuple(acc[:max_terms]), tuple(plain[:max_terms]))

    def search(
        self,
        query: KeywordQuery | str,
        k: int = 20,
        sources: list[str] | None = None,
        org: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> list[ScoredPassage]:
        """BM25 search, best first: passages with ``keyword`` (= ``score``) set; a string
        is turned into a (pruned) query first."""
        if isinstance(query, str):
            query = self.query(query)
        if query.empty:
            return []
        expression = fts_expression(query)
        if not (sources or org or date_from or date_to):
            # rank inside FTS5 first, then fetch the top k chunks only
            sql = (
                f"SELECT {_COLUMNS}, f.score FROM (SELECT rowid, -bm25(chunks_fts, 1.0, 0.7) AS score FROM chunks_fts "
                "WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts, 1.0, 0.7) LIMIT ?) f "
                "JOIN chunks c ON c.rowid = f.rowid ORDER BY f.score DESC"
            )
            return self._rows(sql, [expression, k])
        sql = f"SELECT {_COLUMNS}, -bm25(chunks_fts, 1.0, 0.7) AS score FROM chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid "
        where = ["chunks_fts MATCH ?"]
        args: list[Any] = [expression]
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
        return self._rows(sql, args)

    def _rows(self, sql: str, args: list[Any]) -> list[ScoredPassage]:
        try:
            rows = self.db.conn().execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                return []
            raise
        return [
            ScoredPassage(id=r[0], source=r[1], start=r[2], end=r[3], text=r[4], keyword=float(r[5]), score=float(r[5]))
            for r in rows
        ]
