"""Typed objects of the answering stage: retrieved Passage, Citation and Answer.

``Answer.to_json()`` is the answer JSON contract of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved chunk with its scores (dense: cosine; keyword: BM25; fused: RRF)."""

    id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    date: str | None = None
    org: str | None = None
    dense: float | None = None
    keyword: float | None = None
    fused: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)
    before: str = ""  # the end of the preceding chunk of the same source: context, never quoted


class Citation(BaseModel):
    n: int
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float
    date: str | None = None
    org: str | None = None
    quote: str | None = Field(None, description="the sentence of the passage that the answer uses")

    @classmethod
    def from_passage(cls, n: int, p: "Passage", quote: str | None = None) -> "Citation":
        return cls(
            n=n,
            source=p.source,
            title=p.title,
            text=p.text,
            start=p.start,
            end=p.end,
            score=round(float(p.dense if p.dense is not None else p.fused), 4),
            date=p.date,
            org=p.org,
            quote=quote,
        )


class Answer(BaseModel):
    answer: str
    found: bool
    citations: list[Citation] = Field(default_factory=list)
    confidence: float | None = Field(None, description="how well the best passage covers the question (0-1)")
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
