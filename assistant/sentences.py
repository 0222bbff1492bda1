"""Quotable sentences of retrieved passages: sentences cut at ';' / ':' when long, short
headings and list markers joined to what follows, photo credits left out ("Ảnh: Thế
Trung/TTXVN", "(Nguồn: AFP/TTXVN)"), each with its matching tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer_types import answer_words
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
    marker too short to say anything alone joined to the piece after it; photo credits cut
    out (``credit_spans``)."""
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
    return _without_credits(text, out)


_CREDIT_WORDS = 6  # a bare credit ("Ảnh: Trần Lê Lâm/TTXVN") is at most this many words


@lru_cache(maxsize=1)
def _credit_cues() -> tuple[re.Pattern, re.Pattern]:
    words = sorted(answer_words()["photo_credits"]["words"], key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    several = "|".join(re.escape(w) for w in words if " " in w)  # "Ảnh minh họa" needs no colon
    paren = re.compile(rf"\(\s*(?:{alt})\b[^()\n]{{0,80}}\)")
    bare = re.compile(rf"(?<![\w(])(?:(?:{alt})\s*:\s*|(?:{several})\b)")
    return paren, bare


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the photo credits of a text: "(Ảnh: TTXVN)", "(Nguồn: AFP/TTXVN)",
    "Ảnh minh họa", and bare credits after a colon — "Ảnh: Thế Trung/TTXVN" (to the agency
    after '/'), "Ảnh: T.Bình." (to a full stop), "Ảnh: Ngọc Tiến Tại buổi …" (the
    capitalised words but the last, which begins the next sentence). A colon followed by
    anything else ("Ảnh: những bức tranh …", more than a few words) is no credit."""
    paren, bare = _credit_cues()
    spans = [(m.start(), m.end()) for m in paren.finditer(text)]
    for m in bare.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if ":" not in m.group(0):
            spans.append((m.start(), m.end()))
            continue
        words = list(re.finditer(r"\S+", text[m.end() :]))[: _CREDIT_WORDS + 1]
        for k, w in enumerate(words):
            token = w.group(0)
            if "/" in token or (token.endswith(".") and len(token) > 1):
                spans.append((m.start(), m.end() + w.end()))
                break
            if not token[0].isupper():
                if k >= 2:  # the capitalised words before it but the last
                    spans.append((m.start(), m.end() + words[k - 2].end()))
                break
    return sorted(spans)


def _without_credits(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    credits = credit_spans(text)
    if not credits:
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        cuts = [(max(s, a), min(e, b)) for a, b in credits if a < e and b > s]
        if not cuts:
            out.append((s, e))
            continue
        start = s
        for a, b in cuts + [(e, e)]:
            piece = text[start:a]
            if WORDY.search(piece):
                lead = len(piece) - len(piece.lstrip(_TRIM))
                out.append((start + lead, start + len(piece.rstrip(_TRIM))))
            start = max(start, b)
    return out


WORDY = re.compile(r"[^\W\d_]{2}")  # two letters: a piece that says something
_TRIM = " \t\r\n\f\v\xa0-–|"  # what a credit leaves around the text it was cut from


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

