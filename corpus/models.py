"""Typed objects of the corpus stage: a loaded Document and its Chunks."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """One source document. ``text`` is the full NFC text, kept for display;
    every offset elsewhere refers to it."""

    source: str
    text: str
    title: str = ""
    date: str | None = None
    org: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for part in (self.source, self.title, self.text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Chunk:
    """A passage of a document. ``text`` is what is embedded and shown (boilerplate
    removed); ``start``/``end`` are character offsets of the passage in the
    document's original text."""

    id: str
    source: str
    start: int
    end: int
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(source: str, start: int, text: str, meta: dict[str, Any] | None = None) -> str:
        """Content hash: the same passage (and metadata) of the same source always gets
        the same id, so re-indexing is idempotent."""
        digest = hashlib.sha256(f"{source}\x00{start}\x00{text}".encode("utf-8"))
        if meta:
            digest.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        return digest.hexdigest()[:32]
