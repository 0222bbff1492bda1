"""Sentence-aware chunking for Vietnamese.

Sentences end at . ! ? … followed by a space and a capital letter, digit, quote or
list marker, never after a known abbreviation (TP., ThS., PGS.) or an initial (also
right after an opening bracket: "(TP. Đà Nẵng)"), never inside a document number, and
never inside a short parenthesis on one line ("Lê Phước Vũ (sinh năm 1963 tại Quy Nhơn.
Quê ở Điện Bàn) là …": the sentence goes on after it). Chunks are runs of whole
sentences with a configurable size and overlap, each with exact offsets into the
document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from corpus.docnumbers import doc_number_spans
from corpus.models import Chunk, Document

_ABBREVIATIONS = {
    "tp", "tx", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "cn", "st", "mr", "mrs", "dr",
    "q", "p", "ng", "đ/c", "v.v", "vv", "tr", "th", "hn", "no", "nxb", "tw",
}
_BOUNDARY_RE = re.compile(r"(?P<end>[.!?…]+[\"”»')\]]*)(?P<gap>\s+)(?P<next>[\"“«'(\[]?.)")
_OPENERS = set("-–•+*")
_NEWLINE_RE = re.compile(r"\n\s*")
_CLAUSE_RE = re.compile(r";\s+")
_PAREN_RE = re.compile(r"\([^()\n]{1,200}\)")  # a parenthesis a sentence goes on after
_OPENING = "([\"“«'"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _previous_word(text: str, pos: int) -> str:
    i = pos
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].lower().lstrip(_OPENING).rstrip(".")


def split_sentences(
    text: str, start: int = 0, end: int | None = None, keep: list[tuple[int, int]] | None = None
) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), whitespace trimmed;
    never cut inside a document number, nor inside a span of ``keep`` (offsets into ``text``:
    headings of a structured document)."""
    end = len(text) if end is None else end
    protected = [(s, e) for s, e in doc_number_spans(text[start:end])]
    protected += [(m.start() - start, m.end() - start) for m in _PAREN_RE.finditer(text, start, end)]
    protected += [(s - start, e - start) for s, e in keep or () if s < end and e > start]
    cuts: list[int] = []
    segment = text[start:end]
    for m in _NEWLINE_RE.finditer(segment):
        cuts.append(m.start())
        cuts.append(m.end())
    for m in _BOUNDARY_RE.finditer(segment):
        nxt = m.group("next")[-1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            continue
        stop = m.end("end")
        word = _previous_word(segment, m.start("end"))
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        if any(s < stop < e for s, e in protected):
            continue
        cuts.append(stop)
        cuts.append(m.end("gap"))
    bounds = sorted(set([0, *cuts, len(segment)]))
    spans: list[Span] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = segment[a:b]
        stripped = piece.strip()
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip())
        s = start + a + lead
        spans.append(Span(s, s + len(stripped)))
    return spans


def split_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """Split an over-long sentence at ``;`` (then at spaces) into pieces of at most max_chars."""
    if span.end - span.start <= max_chars:
        return [span]
    pieces: list[Span] = []
    cursor = span.start
    for m in _CLAUSE_RE.finditer(text, span.start, span.end):
        if m.start() + 1 - cursor >= max_chars // 3:
            pieces.append(Span(cursor, m.start() + 1))
            cursor = m.end()
    pieces.append(Span(cursor, span.end))
    result: list[Span] = []
    for piece in pieces:
        while piece.end - piece.start > max_chars:
            cut = text.rfind(" ", piece.start, piece.start + max_chars)
            if cut <= piece.start:
                cut = piece.start + max_chars
            result.append(Span(piece.start, cut))
            nxt = cut
            while nxt < piece.end and text[nxt].isspace():
                nxt += 1
            piece = Span(nxt, piece.end)
        if piece.end > piece.start:
            result.append(piece)
    return result


def document_sentences(
    doc: Document, spans: Iterable[tuple[int, int]], max_chars: int, keep: list[tuple[int, int]] | None = None
) -> list[Span]:
    sentences: list[Span] = []
    for s, e in spans:
        for sentence in split_sentences(doc.text, s, e, keep):
            sentences.extend(split_long(doc.text, sentence, max_chars))
    return sentences


def chunk_document(
    doc: Document,
    spans: Iterable[tuple[int, int]],
    chunk_size: int = 900,
    chunk_overlap: int = 150,
    meta: dict | None = None,
    keep: list[tuple[int, int]] | None = None,
) -> list[Chunk]:
    """Group whole sentences into chunks of about ``chunk_size`` characters.

    Consecutive chunks share trailing sentences worth at most ``chunk_overlap``
    characters. A sentence longer than ``chunk_size`` is split at clause boundaries.
    """
    if chunk_size < 50:
        raise ValueError("chunk_size must be at least 50 characters")
    if not 0 <= chunk_overlap < chunk_size:
        raise ValueError("chunk_overlap must be between 0 and chunk_size")
    sentences = document_sentences(doc, spans, chunk_size, keep)
    chunks: list[Chunk] = []
    i = 0
    while i < len(sentences):
        group = [sentences[i]]
        size = sentences[i].end - sentences[i].start
        j = i + 1
        while j < len(sentences) and size + (sentences[j].end - sentences[j].start) + 1 <= chunk_size:
            size += sentences[j].end - sentences[j].start + 1
            group.append(sentences[j])
            j += 1
        chunks.append(_make_chunk(doc, group, meta or {}))
        if j >= len(sentences):
            break
        # overlap: restart at the earliest trailing sentence that fits in the overlap
        back = j
        carried = 0
        while back - 1 > i and carried + (sentences[back - 1].end - sentences[back - 1].start) <= chunk_overlap:
            back -= 1
            carried += sentences[back].end - sentences[back].start
        i = back
    return chunks


def _make_chunk(doc: Document, group: list[Span], meta: dict) -> Chunk:
    parts: list[str] = []
    for k, span in enumerate(group):
        if k:
            between = doc.text[group[k - 1].end : span.start]
            parts.append("\n" if "\n" in between else " ")
        parts.append(doc.text[span.start : span.end])
    text = "".join(parts)
    start, end = group[0].start, group[-1].end
    return Chunk(
        id=Chunk.make_id(doc.source, start, text, meta),
        source=doc.source,
        start=start,
        end=end,
        text=text,
        meta=dict(meta),
    )
