"""Incremental, crash-safe indexing: documents in, Chroma + keyword index out.

For each batch of new or changed sources:

1. the manifest marks them ``pending`` (committed);
2. chunks that vanished are deleted from Chroma, new chunks are embedded (batched;
   chunks whose content hash is already stored are not embedded again) and upserted;
3. one SQLite transaction replaces their keyword entries and marks them ``done``.

A run killed anywhere leaves ``pending`` sources, which the next run clears from both
stores before re-indexing them: no duplicate and no orphaned chunk survives.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from langchain_core.embeddings import Embeddings

from index.errors import IndexBusyError
from corpus.loaders import LoadFailure
from corpus.models import Chunk, Document
from corpus.pipeline import READ_KEYS, document_notes, embedding_text, prepare
from index.store import Store
from index.vectors import VectorIndex

log = logging.getLogger(__name__)


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    failed: list[LoadFailure] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_reused: int = 0
    recovered: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source, what reading it took)
    read: dict[str, dict] = field(default_factory=dict)  # source -> what reading it took, as metadata
    repaired: list[str] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


class IndexLock:
    """An exclusive, non-blocking file lock: one indexing run at a time per index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> "IndexLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise IndexBusyError(
                "Another indexing run is in progress (đang có một lượt lập chỉ mục khác).",
                hint="Wait for it to finish, then run the command again.",
            ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class Indexer:
    def __init__(
        self,
        embeddings: Embeddings,
        vectors: VectorIndex,
        store: Store,
        chunk_size: int = 900,
        chunk_overlap: int = 150,
        batch_docs: int = 32,
        batch_chunks: int = 256,
        lock_path: Path | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.vectors = vectors
        self.store = store
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.batch_docs = batch_docs
        self.batch_chunks = batch_chunks
        self.lock_path = lock_path or store.path.with_suffix(".lock")

    # -- public ------------------------------------------------------------------
    def run(
        self,
        items: Iterable[tuple[str, Document | LoadFailure]],
        roots: list[str],
        rebuild: bool = False,
        remove_missing: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> IndexReport:
        """Index ``(root, document-or-failure)`` pairs.

        Sources previously indexed from one of ``roots`` and not seen in this run are
        removed (when ``remove_missing``); sources of other roots are left alone."""
        started = time.perf_counter()
        report = IndexReport()
        with IndexLock(self.lock_path):
            if rebuild:
                self.vectors.reset()
                self.store.clear()
            report.recovered = self.recover()
            report.repaired = self.repair()
            known = self.store.source_hashes()
            origins = {s.source: s.origin for s in self.store.sources()}
            seen: set[str] = set()
            batch: list[tuple[Document, list[Chunk], str, str]] = []
            batch_chunks = 0
            for root, item in items:
                if progress:
                    progress(1)
                if isinstance(item, LoadFailure):
                    report.failed.append(item)
                    seen.update(self._sources_of_failure(item, known, root))
                    continue
                doc = item
                if doc.source in seen:
                    report.failed.append(LoadFailure(doc.source, "duplicate source id in this run (trùng mã nguồn)"))
                    continue
                seen.add(doc.source)
                digest = self._digest(doc)
                previous = known.get(doc.source)
                if previous and previous == (digest, "done"):
                    report.unchanged += 1
                    continue
                prepared = prepare(doc, self.chunk_size, self.chunk_overlap)
                report.notes.extend((doc.source, note) for note in document_notes(prepared.document))
                report.read[doc.source] = {k: v for k, v in prepared.document.meta.items() if k in READ_KEYS}
                batch.append((prepared.document, prepared.chunks, root, digest))
                (report.updated if previous else report.added).append(doc.source)
                batch_chunks += len(prepared.chunks)
                if len(batch) >= self.batch_docs or batch_chunks >= self.batch_chunks:
                    self._flush(batch, report)
                    batch, batch_chunks = [], 0
            if batch:
                self._flush(batch, report)
            if remove_missing:
                gone = [s for s, root in origins.items() if root in roots and s not in seen]
                if gone:
                    self._remove(gone)
                    report.removed = sorted(gone)
        report.seconds = time.perf_counter() - started
        return report

    def remove(self, sources: list[str]) -> list[str]:
        """Remove these sources from the index; returns those that were indexed."""
        with IndexLock(self.lock_path):
            present = set(self.store.source_hashes())
            found = [s for s in sources if s in present]
            if found:
                self._remove(found)
            return found

    def recover(self) -> list[str]:
        """Clear sources left ``pending`` by a killed run from both stores."""
        pending = [s.source for s in self.store.sources(status="pending")]
        if pending:
            log.warning("completing an interrupted run: clearing %d pending sources", len(pending))
            self.vectors.delete_sources(pending)
            self.store.delete_sources(pending)
        return pending

    def upgrade(self) -> list[str]:
        """Under the index lock, bring an index of an older vankien up to date (and fix
        what ``repair`` fixes); what was done."""
        with IndexLock(self.lock_path):
            return self.repair()

    def repair(self) -> list[str]:
        """Fix what can be fixed without the source files: a damaged keyword index is
        rebuilt from the stored chunks; vectors left without a manifest are dropped."""
        done: list[str] = []
        if self.store.keyword_index_outdated():
            log.warning("keyword index from an older version: rebuilding it from the stored chunks")
            n = self.store.rebuild_keyword_index()
            done.append(f"keyword index upgraded to the current tokenizer ({n} chunks, no re-embedding)")
        problem = self.store.integrity_check()
        if problem:
            log.warning("keyword index damaged (%s): rebuilding it from the stored chunks", problem)
            self.store.rebuild_keyword_index()
            done.append(f"keyword index rebuilt ({problem})")
        if self.store.counts()[1] == 0 and self.vectors.count() > 0:
            log.warning("vectors without a manifest: starting the vector collection over")
            self.vectors.reset()
            done.append("vectors without a manifest dropped")
        return done

    def verify(self, repair: bool = False) -> dict[str, int]:
        """Compare Chroma with the keyword store; optionally delete Chroma orphans."""
        stored = self.store.all_chunk_ids()
        in_chroma = self.vectors.all_ids()
        orphans = in_chroma - stored
        missing = stored - in_chroma
        if repair and orphans:
            self.vectors.delete_ids(orphans)
        return {"chunks": len(stored), "orphans": len(orphans), "missing": len(missing)}

    # -- internals -----------------------------------------------------------------
    def _sources_of_failure(self, failure: LoadFailure, known: dict, root: str) -> set[str]:
        """A file that fails to load now keeps its earlier indexed version."""
        name = Path(failure.path.split(":")[0])
        candidates = {name.name}
        try:
            candidates.add(name.relative_to(root).as_posix())
        except ValueError:
            pass
        return {c for c in candidates if c in known}

    def _digest(self, doc: Document) -> str:
        """What decides whether a source changed: its content and the chunking settings."""
        return f"{doc.content_hash}:{self.chunk_size}:{self.chunk_overlap}"

    def _flush(self, batch: list[tuple[Document, list[Chunk], str, str]], report: IndexReport) -> None:
        self.store.mark_pending((doc.source, digest, root) for doc, _, root, digest in batch)
        sources = [doc.source for doc, _, _, _ in batch]
        old_ids = self.store.chunk_ids(sources)
        new_chunks = [c for _, chunks, _, _ in batch for c in chunks]
        new_ids = {c.id for c in new_chunks}
        stale = old_ids - new_ids
        if stale:
            self.vectors.delete_ids(stale)
        to_embed = [c for c in new_chunks if c.id not in old_ids]
        report.chunks_reused += len(new_chunks) - len(to_embed)
        if to_embed:
            t0 = time.perf_counter()
            vectors = self.embeddings.embed_documents([embedding_text(c) for c in to_embed])
            report.embed_seconds += time.perf_counter() - t0
            self.vectors.upsert(
                [c.id for c in to_embed],
                vectors,
                [c.text for c in to_embed],
                [{**c.meta, "source": c.source, "start": c.start, "end": c.end} for c in to_embed],
            )
            report.chunks_embedded += len(to_embed)
        self.store.write_documents([(doc, chunks) for doc, chunks, _, _ in batch])

    def _remove(self, sources: list[str]) -> None:
        infos = {s.source: s for s in self.store.sources()}
        self.store.mark_pending((s, infos[s].hash if s in infos else "", infos[s].origin if s in infos else "") for s in sources)
        self.vectors.delete_sources(sources)
        self.store.delete_sources(sources)

