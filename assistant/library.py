"""Document management for the UI: uploads (size-limited, safe names under
VANKIEN_HOME/uploads), listing and removal, all through the incremental indexer."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from corpus.loaders import SUPPORTED_SUFFIXES, LoadFailure, iter_documents, iter_jsonl, load_bytes
from index.indexer import Indexer
from index.store import Store

_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_name(name: str, max_len: int = 120) -> str:
    """A file name that cannot leave its folder: no path parts, no control or odd
    characters, no leading dots; Vietnamese letters and spaces are kept."""
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[: max_len - len(suffix) - 1] or "tai-lieu"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def _mb(n: int) -> str:
    """Bytes as MB (1 MB = 1024 * 1024 bytes, as VANKIEN_MAX_UPLOAD_MB), fractions kept."""
    return f"{n / (1024 * 1024):.3g} MB"


@dataclass
class UploadResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    chunks: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    read: dict[str, dict] = field(default_factory=dict)  # file name -> what reading it took (OCR pages, encoding …)
    chunks_of: dict[str, int] = field(default_factory=dict)  # file name -> its chunks now indexed
    replaced: list[str] = field(default_factory=list)  # uploads replaced on purpose (replace=True)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id given, the name uploaded)
    resumed: list[str] = field(default_factory=list)  # unfinished uploads indexed now


class Library:
    def __init__(self, indexer: Indexer, store: Store, uploads_dir: Path, max_upload_mb: float) -> None:
        self.indexer = indexer
        self.store = store
        self.uploads_dir = Path(uploads_dir)
        self.max_bytes = int(max_upload_mb * 1024 * 1024)

    def add_files(
        self,
        files: list[tuple[str, Path]],
        progress: Callable[[int], None] | None = None,
        step: Callable[[str], None] | None = None,
        replace: bool = False,
    ) -> UploadResult:
        """Copy uploaded files (original name, temp path) under uploads/ and index them.

        A file is read before anything is stored: a bad one is reported by name and
        changes nothing (an earlier upload of that name stays). An upload named like an
        earlier, different upload replaces it only with ``replace``; otherwise it is kept
        beside it under a new name. Uploads a crash left unindexed are indexed too.
        ``step`` receives a line per slow step of reading (each OCR page)."""
        result = UploadResult()
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        stored: list[Path] = []
        for original, temp in files:
            name = safe_name(original)
            try:
                size = os.path.getsize(temp)
            except OSError:
                result.failed.append((name, "cannot read the upload"))
                continue
            if size > self.max_bytes:
                result.failed.append((name, f"too large: {_mb(size)} > {_mb(self.max_bytes)} (tệp quá lớn)"))
                continue
            if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                result.failed.append((name, "unsupported file type"))
                continue
            problem = _unreadable(name, Path(temp))
            if problem:
                result.failed.append((name, problem))
                continue
            target = self.uploads_dir / name
            if target.resolve().parent != self.uploads_dir.resolve():  # belt and braces
                result.failed.append((name, "unsafe file name"))
                continue
            if target.exists() and not _same_bytes(target, Path(temp)):
                if replace:
                    result.replaced.append(name)
                else:
                    target = _free_name(target)
                    result.renamed.append((target.name, name))
            partial = target.with_name(f".{target.name}.part")
            shutil.copyfile(temp, partial)
            os.replace(partial, target)  # atomic: a reader never sees half a file
            stored.append(target)
        root = str(self.uploads_dir.resolve())
        items = []
        for item in iter_documents(stored, progress=step):
            if isinstance(item, LoadFailure):
                result.failed.append((Path(item.path.split(":")[0]).name, item.reason))
                continue
            items.append((root, item))
        report = self.indexer.run(items, roots=[root], remove_missing=False, progress=progress)
        result.added, result.updated = report.added, report.updated
        result.unchanged = report.unchanged
        result.chunks = report.chunks_embedded + report.chunks_reused
        result.read = dict(report.read)
        done = set(report.added) | set(report.updated)
        result.chunks_of = {i.source: i.n_chunks for i in self.store.sources(status="done") if i.source in done}
        result.resumed = report.resumed
        for new_id, name, _ in report.renamed:  # named like a document indexed from elsewhere
            result.renamed.append((new_id, name))
        return result

    def resume(self) -> UploadResult:
        """Index what is in uploads/ and not (or not completely) indexed: the work of an
        upload a crash interrupted. Unchanged files are skipped by their hash."""
        result = UploadResult()
        if not self.uploads_dir.is_dir():
            return result
        for partial in self.uploads_dir.glob(".*.part"):  # copies a crash cut short
            partial.unlink(missing_ok=True)
        root = str(self.uploads_dir.resolve())
        items = [(root, item) for item in iter_documents([self.uploads_dir]) if not getattr(item, "notice", False)]
        report = self.indexer.run(items, roots=[root], remove_missing=False)
        result.added, result.updated, result.unchanged = report.added, report.updated, report.unchanged
        result.failed = [(f.path, f.reason) for f in report.failed]
        result.resumed = report.added + report.updated + report.resumed
        result.chunks = report.chunks_embedded + report.chunks_reused
        return result

    def rows(self) -> list[list[str | int]]:
        return [[s.source, s.title, s.date or "", s.n_chunks] for s in self.store.sources(status="done")]

    def sources(self) -> list[str]:
        return [s.source for s in self.store.sources(status="done")]

    def remove(self, source: str) -> bool:
        """Remove a source from the index; its file too when it is an upload (never a
        file of the bundled corpus or of a folder indexed from the command line)."""
        info = next((s for s in self.store.sources() if s.source == source), None)
        removed = self.indexer.remove([source])
        if removed and info is not None:
            upload = Path(str(info.meta.get("file") or Path(info.origin) / source))
            if upload.exists() and upload.resolve().parent == self.uploads_dir.resolve():
                upload.unlink()
        return bool(removed)


def _unreadable(name: str, path: Path) -> str | None:
    """Why an upload cannot be indexed, read from its temporary copy (None: it can)."""
    if Path(name).suffix.lower() == ".jsonl":
        docs = 0
        for item in iter_jsonl(path, name):
            if not isinstance(item, LoadFailure):
                docs += 1
                break
        return None if docs else "no readable line in this .jsonl file (không có dòng hợp lệ)"
    try:
        load_bytes(name, path.read_bytes())
    except ValueError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read the upload: {exc.strerror}"
    return None


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def _free_name(target: Path) -> Path:
    """``name-2.txt``, ``name-3.txt`` … the first that is not taken in its folder."""
    n = 2
    while True:
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
