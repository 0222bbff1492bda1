"""Health checks of the SQLite index, one separate piece: what is wrong, never a repair.

``quick_check`` is cheap (a few lookups: run at start and after an index change, not per
question); ``integrity_check`` reads the whole keyword index (run by the indexer before it
repairs). ``diagnose`` looks at the store and the vectors together and names the problem;
the assistant turns it into an error with what to do, the indexer into a repair.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Literal

from index.db import Database
from index.docstore import DocumentStore
from index.keyword import KeywordIndex

ProblemKind = Literal["empty", "manifest_missing", "outdated", "damaged"]


@dataclass(frozen=True, slots=True)
class Problem:
    kind: ProblemKind
    detail: str = ""


class StoreHealth:
    def __init__(self, db: Database, docs: DocumentStore, keywords: KeywordIndex) -> None:
        self.db = db
        self.docs = docs
        self.keywords = keywords

    def quick_check(self) -> str | None:
        """A cheap check: None, or what is wrong with the keyword index."""
        if self.keywords.outdated():
            return "it was built by an older version of vankien"
        conn = self.db.conn()
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
        try:
            self.db.conn().execute("INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 0)")
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return self.quick_check()

    def keyword_rows_mismatch(self) -> str | None:
        """None when every stored chunk has its keyword row and every keyword row its
        chunk, else how many are missing on each side."""
        try:
            row = self.db.conn().execute(
                "SELECT (SELECT count(*) FROM chunks c WHERE NOT EXISTS "
                "(SELECT 1 FROM chunks_fts_docsize d WHERE d.id = c.rowid)), "
                "(SELECT count(*) FROM chunks_fts_docsize d WHERE NOT EXISTS "
                "(SELECT 1 FROM chunks c WHERE c.rowid = d.id))"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        if row[0] or row[1]:
            return f"{row[0]} chunks without a keyword row, {row[1]} keyword rows without a chunk"
        return None

    def file_check(self) -> str | None:
        """SQLite's own check of the whole file (every table and index page): None or
        what is wrong. Damage outside the keyword index means the file must be rebuilt."""
        try:
            rows = [r[0] for r in self.db.conn().execute("PRAGMA quick_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            return str(exc)
        if rows == ["ok"]:
            return None
        return "; ".join(rows)[:500]

    def vectors_missing(self, vectors: Any) -> int:
        """How many more chunks are stored than ``vectors`` (a ``VectorIndex``) holds: two
        counts compared, no cross-check (that is the indexer's, ``Indexer.cross_check``)."""
        try:
            stored = self.docs.counts()[1]
        except sqlite3.DatabaseError:  # damage: what ``diagnose`` reports
            return 0
        return max(0, stored - vectors.count())

    def diagnose(self, vectors: Any = None) -> Problem | None:
        """The first problem that stops questions being answered, or None.

        ``vectors`` (a ``VectorIndex``, optional) tells an empty index from a manifest
        lost while vectors remain."""
        n_sources, _ = self.docs.counts()
        if n_sources == 0:
            if vectors is not None and vectors.count() > 0:
                return Problem("manifest_missing")
            return Problem("empty")
        problem = self.quick_check()
        if problem is None:
            return None
        if self.keywords.outdated():
            return Problem("outdated", problem)
        return Problem("damaged", problem)
