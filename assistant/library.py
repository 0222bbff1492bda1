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

from corpus.loaders import SUPPORTED_SUFFIXES, LoadFailure, iter_documents
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
    ) -> UploadResult:
        """Copy uploaded files (original name, temp path) under uploads/ and index them.

        Bad files are reported by name; the good ones are indexed all the same. ``step``
        receives a line per slow step of reading (each OCR page)."""
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
            target = self.uploads_dir / name
            if target.resolve().parent != self.uploads_dir.resolve():  # belt and braces
                result.failed.append((name, "unsafe file name"))
                continue
            partial = target.with_name(f".{target.name}.part")
            shutil.copyfile(temp, partial)
            os.replace(partial, target)  # atomic: a reader never sees half a file
            stored.append(target)
        if not stored:
            return result
        root = str(self.uploads_dir.resolve())
        items = []
        for item in iter_documents(stored, progress=step):
            if isinstance(item, LoadFailure):
                result.failed.append((Path(item.path.split(":")[0]).name, item.reason))
                # a file that cannot be read is not kept
                bad = self.uploads_dir / Path(item.path.split(":")[0]).name
                if bad.suffix.lower() != ".jsonl" and bad.exists():
                    bad.unlink()
                continue
            items.append((root, item))
        report = self.indexer.run(items, roots=[root], remove_missing=False, progress=progress)
        result.added, result.updated = report.added, report.updated
        result.unchanged = report.unchanged
        result.chunks = report.chunks_embedded + report.chunks_reused
        result.read = dict(report.read)
        done = set(report.added) | set(report.updated)
        result.chunks_of = {i.source: i.n_chunks for i in self.store.sources(status="done") if i.source in done}
        return result

    def rows(self) -> list[list[str | int]]:
        return [[s.source, s.title, s.date or "", s.n_chunks] for s in self.store.sources(status="done")]

    def sources(self) -> list[str]:
        return [s.source for s in self.store.sources(status="done")]

    def remove(self, source: str) -> bool:
        removed = self.indexer.remove([source])
        upload = self.uploads_dir / safe_name(source)
        if removed and upload.exists() and upload.resolve().parent == self.uploads_dir.resolve():
            upload.unlink()
        return bool(removed)
