"""Quotable sentences of retrieved passages: sentences cut at ';' / ':' when long, short
headings and list markers joined to what follows, each with its matching tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.models import Passage
from assistant.query import expand_abbreviations
from assistant.question_info import tokens_of
from corpus.chunking import split_sentences
from corpus.docnumbers import doc_number_keys

@lru_cache(maxsize=200_000)
def _unit_tokens(text: str, accented: bool) -> tuple[str, ...]:
    """Tokens of a sentence, its abbreviations expanded both ways, its document numbers as
    keys (cached: the same passages come back question after question)."""
    extra = " ".join(expand_abbreviations(text))
    toks = tokens_of(text, accented)
    if extra:
        toks = toks + ["|"] + tokens_of(extra, accented)
    return tuple(toks + doc_number_keys(text))


@dataclass
class Sentence:
    passage: int
    index: int  # within its passage
    count: int  # sentences in the passage
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]


_CUT_RE = re.compile(r"[;:]\s+")
_SHORT = 24  # a piece this short ("Điều 12.", "a)", "8.") is a heading or a marker: it joins the next


def clause_spans(text: str, limit: int = 320) -> list[tuple[int, int]]:
    """Sentences of a passage; long ones cut at ';' or ':' into pieces; a heading or list
    marker too short to say anything alone joined to the piece after it."""
    spans = _clause_spans(text, limit)
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for s, e in spans:
        start = s if pending is None else pending
        if e - start < _SHORT and not text[s:e].rstrip().endswith((":", ";")):
            pending = start
            continue
        out.append((start, e))
        pending = None
    if pending is not None:
        out.append((pending, spans[-1][1]))
    return out


def _clause_spans(text: str, limit: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for s in split_sentences(text):
        if s.end - s.start <= limit:
            spans.append((s.start, s.end))
            continue
        start = s.start
        for m in _CUT_RE.finditer(text[s.start : s.end]):
            cut = s.start + m.start() + 1
            if cut - start >= 40:
                spans.append((start, cut))
                start = s.start + m.end()
        spans.append((start, s.end))
    return spans


def passage_sentences(passages: list[Passage], accented: bool, limit: int = 320) -> list[list[Sentence]]:
    out = []
    for i, p in enumerate(passages):
        spans = clause_spans(p.text, limit)
        out.append(
            [
                Sentence(i, j, len(spans), s, e, p.text[s:e], _unit_tokens(p.text[s:e], accented))
                for j, (s, e) in enumerate(spans)
            ]
        )
    return out

