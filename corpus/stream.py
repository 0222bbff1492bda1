"""Large plain-text files read in windows: memory bounded by the window, not the file.

A ``.txt`` file larger than ``STREAM_BYTES`` whose beginning is UTF-8 (or UTF-16 with a
BOM) is not loaded whole: ``iter_documents`` yields a ``TextStream`` and the indexer
cleans, chunks, embeds and stores it one window at a time. Windows end at a line break,
and each is finished exactly as a whole file is (line ends, control characters, NFC;
none of these crosses a line break), so the windows put end to end are the text a whole
load would give and every offset stays right.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

STREAM_BYTES = 16 * 1024 * 1024
WINDOW_CHARS = 1_000_000
_BLOCK = 1 << 20


@dataclass(frozen=True)
class TextStream:
    """A large text file, read on demand (see the module docstring)."""

    source: str
    path: Path
    size: int
    encoding: str
    title: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def digest(self) -> str:
        """A hash of the file's bytes (what decides whether it changed)."""
        h = hashlib.sha256(self.source.encode("utf-8") + b"\x00")
        with self.path.open("rb") as fh:
            while block := fh.read(_BLOCK):
                h.update(block)
        return "stream-" + h.hexdigest()[:32]

    def windows(self, window_chars: int | None = None) -> Iterator[str]:
        """The finished text, in pieces of about ``window_chars`` characters that end at
        a line break; raises ``ValueError`` if the file stops decoding part way."""
        from corpus.loaders import finish_text

        window_chars = window_chars or WINDOW_CHARS
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        buffer = ""
        with self.path.open("rb") as fh:
            while True:
                block = fh.read(_BLOCK)
                try:
                    buffer += decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    raise ValueError(f"not {self.encoding} part way through the file (lỗi bảng mã): {exc.reason}") from None
                while len(buffer) >= window_chars:
                    cut = buffer.rfind("\n", 0, window_chars)
                    if cut < 0:
                        cut = buffer.rfind(" ", 0, window_chars)
                    cut = cut + 1 if cut >= 0 else window_chars
                    yield finish_text(buffer[:cut])
                    buffer = buffer[cut:]
                if not block:
                    break
        if buffer:
            yield finish_text(buffer)


def open_stream(path: Path, source: str, min_bytes: int | None = None) -> TextStream | None:
    """A ``TextStream`` for a ``.txt`` file in UTF-8/UTF-16 of ``min_bytes`` (default
    ``STREAM_BYTES``) or more, else None (load it whole)."""
    min_bytes = STREAM_BYTES if min_bytes is None else min_bytes
    if path.suffix.lower() != ".txt":
        return None
    try:
        size = path.stat().st_size
        if size < min_bytes:
            return None
        with path.open("rb") as fh:
            head = fh.read(_BLOCK)
    except OSError:
        return None
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        try:
            codecs.getincrementaldecoder("utf-8")(errors="strict").decode(head, final=False)
        except UnicodeDecodeError:
            return None  # a legacy encoding: the whole-file loader detects and converts it
        encoding = "utf-8"
        if b"\x00" in head[:8192]:
            return None
    from corpus.legacy import fix_legacy
    from corpus.loaders import finish_text

    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    if fix_legacy(finish_text(text))[1]:
        return None  # TCVN3/VNI text in Unicode letters: the whole-file loader converts it
    return TextStream(source=source, path=path, size=size, encoding=encoding)
