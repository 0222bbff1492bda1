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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from langchain_core.embeddings import Embeddings

from index.errors import IndexBusyError
from corpus.loaders import LoadFailure
from corpus.models import Chunk, Document
from corpus.pipeline import PREPARATION, READ_KEYS, document_notes, embedding_text, prepare
from corpus.stream import TextStream
from index.docstore import SourceInfo
from index.memory import release_memory
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
    skipped: list[LoadFailure] = field(default_factory=list)  # notices: hidden files left out
    kept: list[str] = field(default_factory=list)  # failed now, earlier indexed version kept
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # (id given, file's name, the other file)
    chunks_embedded: int = 0
    chunks_reused: int = 0
    recovered: list[str] = field(default_factory=list)  # left pending by a killed run
    resumed: list[str] = field(default_factory=list)  # of those, indexed again from their files
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source, what reading it took)
    read: dict[str, dict] = field(default_factory=dict)  # source -> what reading it took, as metadata
    repaired: list[str] = field(default_factory=list)
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def location(root: str, source: str) -> str:
    """Where a source's text comes from: the file itself, or ``jsonl#id`` (also for
    documents handed over without a file)."""
    if root.endswith(".jsonl") or not root:
        return f"{root}#{source}"
    path = Path(root)
    if path.is_dir():
        return str(path / source)
    if path.is_file():
        return root
    return f"{root}#{source}"


def _location_exists(loc: str) -> bool:
    path = loc.split("#", 1)[0]
    return bool(path) and os.path.exists(path)


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
        status: Callable[[str], None] | None = None,
    ) -> IndexReport:
        """Index ``(root, document-or-failure)`` pairs (``status`` hears how far a large
        file has come).

        Sources previously indexed from one of ``roots`` and not seen in this run are
        removed (when ``remove_missing``); sources of other roots are left alone. A file
        named like an indexed source from another file gets its own id (both are kept);
        a file that fails now keeps its earlier indexed version; sources a killed run
        left unfinished are indexed again from their files."""
        started = time.perf_counter()
        report = IndexReport()
        with IndexLock(self.lock_path):
            if rebuild:
                # the store first (a failure leaves the vectors, which the next run checks
                # against it), then the vectors; a damaged keyword index does not stop it
                if self.store.integrity_check():
                    self.store.rebuild_keyword_index()
                self.store.clear()
                self.vectors.reset()
            pending = {s.source: s for s in self.store.sources(status="pending")}
            report.recovered = self.recover()
            report.repaired = self.repair_keywords()
            run = _Run(self, report, progress, status)
            for root, item in items:
                run.take(root, item)
            # work a killed run left unfinished: indexed again from its files
            todo = {s: info for s, info in pending.items() if s not in run.seen and info.hash != _REMOVING}
            for origin in sorted({info.origin for info in todo.values() if info.origin}):
                if not os.path.exists(origin):
                    continue
                wanted = {_stored_location(info) for info in todo.values() if info.origin == origin}
                from corpus.loaders import iter_documents

                for item in iter_documents([Path(origin)]):
                    if isinstance(item, (Document, TextStream)) and location(origin, item.source) in wanted:
                        report.resumed.append(run.take(origin, item, count=False) or item.source)
            run.flush()
            if remove_missing:
                gone = [s for s, info in run.known.items() if info.origin in roots and s not in run.seen]
                if gone:
                    self._remove(gone)
                    report.removed = sorted(gone)
            # last, when the vectors of documents indexed again have been reused
            report.repaired += self.cross_check()
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
        """Fix what can be fixed without the source files (see ``repair_keywords`` and
        ``cross_check``); what was done."""
        return self.repair_keywords() + self.cross_check()

    def repair_keywords(self) -> list[str]:
        """A keyword index that is outdated, damaged, or out of step with the stored
        chunks is rebuilt from them (no re-embedding)."""
        done: list[str] = []
        if self.store.keyword_index_outdated():
            log.warning("keyword index from an older version: rebuilding it from the stored chunks")
            n = self.store.rebuild_keyword_index()
            done.append(f"keyword index upgraded to the current tokenizer ({n} chunks, no re-embedding)")
        problem = self.store.integrity_check() or self.store.health.keyword_rows_mismatch()
        if problem:
            log.warning("keyword index damaged (%s): rebuilding it from the stored chunks", problem)
            n = self.store.rebuild_keyword_index()
            done.append(f"keyword index rebuilt from {n} stored chunks ({problem})")
        return done

    def cross_check(self) -> list[str]:
        """Every stored chunk has its vector and every vector its chunk: chunks without
        a vector are embedded again, vectors without a chunk dropped."""
        done: list[str] = []
        # the stored ids are read a page at a time and struck off the vector ids: one set
        # of ids in memory at the end of a run, not two
        orphans = self.vectors.all_ids()
        missing: list[str] = []
        for cid in self.store.docs.iter_chunk_ids():
            if cid in orphans:
                orphans.discard(cid)
            else:
                missing.append(cid)
        if orphans:
            names = sorted(self.vectors.sources_of(sorted(orphans)))
            self.vectors.delete_ids(orphans)
            shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
            done.append(
                f"{len(orphans)} vectors without a stored chunk dropped (of {len(names)} sources not in the "
                f"index: {shown}; index their files again to get them back)"
            )
        missing.sort()
        if missing:
            log.warning("%d stored chunks have no vector: embedding them again", len(missing))
            sources: set[str] = set()
            for i in range(0, len(missing), self.batch_chunks):
                chunks = self.store.docs.chunks(missing[i : i + self.batch_chunks])
                self._embed(chunks, IndexReport())
                sources.update(c.source for c in chunks)
            done.append(f"{len(missing)} missing vectors embedded again ({len(sources)} sources)")
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
    def _digest(self, doc: Document) -> str:
        """What decides whether a source changed: its content and the chunking settings."""
        return self._prepared_as(doc.content_hash)

    def _prepared_as(self, content: str) -> str:
        """A content digest with what preparing it depends on: the chunking settings and the
        preparation's version."""
        return f"{content}:{self.chunk_size}:{self.chunk_overlap}:{PREPARATION}"

    def _embed(self, chunks: list[Chunk], report: IndexReport) -> None:
        """Vectors for these chunks into Chroma: those Chroma still holds are reused."""
        if not chunks:
            return
        have = self.vectors.get_vectors([c.id for c in chunks])
        to_embed = [c for c in chunks if c.id not in have]
        vectors: dict[str, list[float]] = dict(have)
        if to_embed:
            t0 = time.perf_counter()
            embedded = self.embeddings.embed_documents([embedding_text(c) for c in to_embed])
            report.embed_seconds += time.perf_counter() - t0
            vectors.update(zip((c.id for c in to_embed), embedded))
        report.chunks_embedded += len(to_embed)
        report.chunks_reused += len(chunks) - len(to_embed)
        self.vectors.upsert(
            [c.id for c in chunks],
            [vectors[c.id] for c in chunks],
            [c.text for c in chunks],
            [{**c.meta, "source": c.source, "start": c.start, "end": c.end} for c in chunks],
        )

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
        self._embed(to_embed, report)
        self.store.write_documents([(doc, chunks) for doc, chunks, _, _ in batch])

    def _index_stream(
        self, stream: TextStream, root: str, digest: str, report: IndexReport, status: Callable[[str], None] | None
    ) -> None:
        """A large text file, one window at a time: memory bounded by the window (the
        text is stored in pieces; offsets count from the start of the file). Nothing that
        grows with the file is kept here: each window's chunks go to the stores in
        batches of ``batch_chunks`` and are released; which chunks the file has now is
        kept in SQLite (``DocumentStore.begin_streamed``)."""
        source = stream.source
        docs = self.store.docs
        self.store.mark_pending([(source, digest, root)])
        docs.begin_streamed(source)
        first: Document | None = None
        base = 0
        done_bytes = 0
        passages = 0
        for seq, window in enumerate(stream.windows()):
            doc = Document(source=source, text=window, title=first.title if first else stream.title, meta=dict(stream.meta))
            prepared = prepare(doc, self.chunk_size, self.chunk_overlap)
            if first is None:
                first = prepared.document
            meta_over = {"title": first.title, "date": first.date or "", "org": first.org or ""}
            chunks: dict[str, Chunk] = {}  # this window's (starts differ from window to window)
            for c in prepared.chunks:
                meta = {**c.meta, **meta_over}
                start, end = c.start + base, c.end + base
                cid = Chunk.make_id(source, start, c.text, meta)
                chunks.setdefault(cid, Chunk(id=cid, source=source, start=start, end=end, text=c.text, meta=meta))
            del prepared, doc
            stored = docs.stored_ids(list(chunks))
            new = [c for cid, c in chunks.items() if cid not in stored]
            report.chunks_reused += len(chunks) - len(new)
            for i in range(0, len(new), self.batch_chunks):
                self._embed(new[i : i + self.batch_chunks], report)
            docs.add_piece(source, seq, window, list(chunks.values()))
            passages += len(chunks)
            base += len(window)
            done_bytes += len(window.encode("utf-8"))
            del chunks, new, window
            release_memory()
            if status:
                status(f"{source}: {min(100, 100 * done_bytes // max(1, stream.size))}% ({passages} passages)")
        if first is None:
            raise ValueError("empty file (tệp rỗng)")
        if status:
            status(f"{source}: 100%")
        # the chunks of an earlier version the file no longer has: vectors first (a run
        # killed now leaves the source pending, and the next run clears it from both)
        for stale in docs.stale_streamed(source):
            self.vectors.delete_ids(stale)
        docs.finish_streamed(replace(first, text="", meta={**first.meta}))

    def _remove(self, sources: list[str]) -> None:
        infos = {s.source: s for s in self.store.sources()}
        # marked as being removed: a run killed now finishes the removal, never undoes it
        self.store.mark_pending((s, _REMOVING, infos[s].origin if s in infos else "") for s in sources)
        self.vectors.delete_sources(sources)
        self.store.delete_sources(sources)


_REMOVING = "removing"


def _stored_location(info: SourceInfo) -> str:
    return str(info.meta.get("file") or location(info.origin, info.source))


class _Run:
    """One indexing run's state: ids given out, batches, what was seen."""

    def __init__(
        self,
        indexer: Indexer,
        report: IndexReport,
        progress: Callable[[int], None] | None,
        status: Callable[[str], None] | None = None,
    ) -> None:
        self.indexer = indexer
        self.report = report
        self.progress = progress
        self.status = status
        self.known = {s.source: s for s in indexer.store.sources()}
        self.by_location = {_stored_location(info): s for s, info in self.known.items()}
        self.incomplete = indexer.store.docs.incomplete_sources()
        self.claimed: dict[str, str] = {}  # id -> location, in this run
        self.seen: set[str] = set()
        self.seen_locations: set[str] = set()
        self.batch: list[tuple[Document, list[Chunk], str, str]] = []
        self.batch_chunks = 0

    def _owner(self, source: str) -> str | None:
        if source in self.claimed:
            return self.claimed[source]
        info = self.known.get(source)
        return _stored_location(info) if info else None

    def assign(self, name: str, loc: str) -> str:
        """The id of the source at ``loc``: its earlier id, else its name when no other
        file holds it, else a disambiguated one (folder/name, then a hash suffix)."""
        if loc in self.by_location:
            return self.by_location[loc]
        owner = self._owner(name)
        if owner is None or owner == loc:
            return name
        if name not in self.claimed and name not in self.seen and not _location_exists(owner):
            return name  # the other file is gone (moved or deleted): this one takes its place
        parent = Path(loc.split("#", 1)[0]).parent.name if "#" not in loc else Path(loc.split("#", 1)[0]).stem
        for candidate in (f"{parent}/{name}" if parent else "", f"{Path(name).stem}~{_short_hash(loc)}{Path(name).suffix}"):
            if candidate and self._owner(candidate) in (None, loc):
                return candidate
        return f"{name}~{_short_hash(loc + name)}"

    def take(self, root: str, item: Document | LoadFailure, count: bool = True) -> str | None:
        report = self.report
        if count and self.progress:
            self.progress(1)
        if isinstance(item, LoadFailure):
            if item.notice:
                report.skipped.append(item)
                return None
            report.failed.append(item)
            for source in self._sources_of_failure(root, item):
                if source not in self.seen:
                    self.seen.add(source)
                    report.kept.append(source)
            return None
        doc = item
        streamed = isinstance(item, TextStream)
        loc = location(root, doc.source)
        if loc in self.seen_locations:
            report.failed.append(LoadFailure(doc.source, "duplicate source id in this run (trùng mã nguồn)"))
            return None
        self.seen_locations.add(loc)
        source = self.assign(doc.source, loc)
        if source != doc.source and loc not in self.by_location:  # said once, when first given
            report.renamed.append((source, doc.source, self._owner(doc.source) or ""))
        self.claimed[source] = loc
        self.seen.add(source)
        doc = replace(doc, source=source, meta={**doc.meta, "file": loc})
        digest = self.indexer._prepared_as(doc.digest()) if streamed else self.indexer._digest(doc)
        info = self.known.get(source)
        if info and (info.hash, info.status) == (digest, "done") and source not in self.incomplete:
            report.unchanged += 1
            return source
        if source in self.incomplete:
            report.repaired.append(f"{source}: chunks were missing, indexed again from its file")
        if streamed:
            self.flush()
            try:
                self.indexer._index_stream(doc, root, digest, report, self.status)
            except ValueError as exc:  # stopped decoding part way: the partial work is undone
                self.indexer._remove([source])
                report.failed.append(LoadFailure(str(doc.path), str(exc), source=source))
                if info:
                    report.removed.append(source)
                return source
            (report.updated if info else report.added).append(source)
            return source
        prepared = prepare(doc, self.indexer.chunk_size, self.indexer.chunk_overlap)
        report.notes.extend((source, note) for note in document_notes(prepared.document))
        report.read[source] = {k: v for k, v in prepared.document.meta.items() if k in READ_KEYS}
        self.batch.append((prepared.document, prepared.chunks, root, digest))
        (report.updated if info else report.added).append(source)
        self.batch_chunks += len(prepared.chunks)
        if len(self.batch) >= self.indexer.batch_docs or self.batch_chunks >= self.indexer.batch_chunks:
            self.flush()
        return source

    def flush(self) -> None:
        if self.batch:
            self.indexer._flush(self.batch, self.report)
            self.batch, self.batch_chunks = [], 0

    def _sources_of_failure(self, root: str, failure: LoadFailure) -> set[str]:
        """The indexed sources a failure stands for: its file, the files under a folder
        that cannot be read, the documents of a jsonl file that cannot be read."""
        if failure.source is not None and not failure.source.endswith("/"):
            loc = location(root, failure.source)
            return {self.by_location[loc]} if loc in self.by_location else set()
        if failure.source is not None:  # a folder
            prefix = location(root, failure.source) if failure.source else root.rstrip("/") + "/"
            prefix = prefix.rstrip("/") + "/"
        else:
            path = failure.path.split(":")[0]
            if not path.endswith(".jsonl"):
                return set()
            prefix = str(Path(path).resolve()) + "#"
        return {s for loc, s in self.by_location.items() if loc.startswith(prefix)}


def _short_hash(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
