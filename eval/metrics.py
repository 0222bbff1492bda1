"""Metric definitions of DESIGN.md, as pure functions (the same everywhere).

Text is compared after NFC, lower-casing, one tone-mark style, one slash (⁄ = /) and
collapsed spaces: ``corpus.text.normalize_for_match``.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any, Iterable

from corpus.text import normalize_for_match
from eval.questions import Question

_CITE_RE = re.compile(r"\[(\d+)\]")


def is_correct(q: Question, answer: str, found: bool) -> bool:
    """Answer accuracy of one question."""
    if not q.answerable:
        return not found
    if not found:
        return False
    text = normalize_for_match(answer)
    golds = [normalize_for_match(a) for a in q.answers]
    hits = [g in text for g in golds]
    return all(hits) if q.all_answers else any(hits)


def cited_numbers(answer: str) -> set[int]:
    return {int(n) for n in _CITE_RE.findall(answer)}


def source_hit(q: Question, citations: list[dict[str, Any]], k: int) -> bool | None:
    """A gold source is among the first k citations (None for questions without gold sources)."""
    if not q.sources:
        return None
    gold = set(q.sources)
    return any(c.get("source") in gold for c in citations[:k])


def citation_precision(q: Question, answer: str, citations: list[dict[str, Any]]) -> float | None:
    """Share of the citations referenced in the answer whose source is a gold source."""
    if not q.sources:
        return None
    used = cited_numbers(answer)
    referenced = [c for c in citations if c.get("n") in used]
    if not referenced:
        return None
    gold = set(q.sources)
    return sum(c.get("source") in gold for c in referenced) / len(referenced)


def span_hit(q: Question, answer: str, found: bool, spans: list[list[int]]) -> bool | None:
    """For a correct answer that marks a span (the name, date or number the UI emphasises):
    does its first span hold a gold answer, or lie inside one? None otherwise."""
    if not spans or not is_correct(q, answer, found) or not q.answerable:
        return None
    s, e = spans[0]
    span = normalize_for_match(answer[s:e])
    return bool(span) and any(g in span or span in g for g in (normalize_for_match(a) for a in q.answers))


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass
class Row:
    """One evaluated question (a line of results.jsonl)."""

    q: Question
    answer: str
    found: bool
    citations: list[dict[str, Any]]
    latency_ms: float
    error: str | None = None
    confidence: float | None = None  # the answerer's answerability probability, when it gives one
    spans: list[list[int]] = field(default_factory=list)  # offsets in ``answer`` the UI emphasises

    @property
    def correct(self) -> bool:
        return self.error is None and is_correct(self.q, self.answer, self.found)


def _mean(values: Iterable[float | bool | None]) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def summarize(rows: list[Row]) -> dict[str, Any]:
    """All metrics of a list of rows (overall or one type)."""
    answerable = [r for r in rows if r.q.answerable]
    unanswerable = [r for r in rows if not r.q.answerable]
    refused = [r for r in rows if not r.found]
    latencies = [r.latency_ms for r in rows]
    lengths = [len(r.answer) for r in rows if r.found]
    refused_unanswerable = [r for r in refused if not r.q.answerable]
    return {
        "questions": len(rows),
        "answer_accuracy": _mean(r.correct for r in rows),
        "answerable_accuracy": _mean(r.correct for r in answerable),
        "hit@1": _mean(source_hit(r.q, r.citations, 1) for r in answerable),
        "hit@3": _mean(source_hit(r.q, r.citations, 3) for r in answerable),
        "hit@5": _mean(source_hit(r.q, r.citations, 5) for r in answerable),
        "citation_precision": _mean(citation_precision(r.q, r.answer, r.citations) for r in answerable),
        "span_hit": _mean(span_hit(r.q, r.answer, r.found, r.spans) for r in answerable if r.error is None),
        "refusal_precision": round(len(refused_unanswerable) / len(refused), 4) if refused else None,
        "refusal_recall": round(len(refused_unanswerable) / len(unanswerable), 4) if unanswerable else None,
        "answerable_refused": round(sum(not r.found for r in answerable) / len(answerable), 4) if answerable else None,
        "latency_p50_ms": round(percentile(latencies, 50), 1),
        "latency_p95_ms": round(percentile(latencies, 95), 1),
        "median_answer_chars": round(statistics.median(lengths), 1) if lengths else 0.0,
        "errors": sum(r.error is not None for r in rows),
    }


METRIC_ORDER = [
    "questions",
    "answer_accuracy",
    "answerable_accuracy",
    "hit@1",
    "hit@3",
    "hit@5",
    "citation_precision",
    "span_hit",
    "refusal_precision",
    "refusal_recall",
    "answerable_refused",
    "latency_p50_ms",
    "latency_p95_ms",
    "median_answer_chars",
    "errors",
]
