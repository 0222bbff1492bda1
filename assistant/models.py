"""Typed objects of the answering stage: the retrieved passage (``ScoredPassage``, alias
``Passage``), Citation and Answer.

``Answer.to_json()`` is the answer JSON contract of DESIGN.md."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from index.passages import ScoredPassage

__all__ = ["Answer", "Citation", "Passage", "ScoredPassage"]


Passage = ScoredPassage
"""The answerers' name for the one scored-passage type (``index.passages.ScoredPassage``)."""


class Citation(BaseModel):
    n: int
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float = Field(description="the passage's retrieval score, 0-1, the same scale in every mode (ScoredPassage.score)")
    section: str | None = Field(None, description="heading path of the passage in its document, when it has structure")
    date: str | None = None
    org: str | None = None
    quote: str | None = Field(None, description="the sentence of the passage that the answer uses")

    @classmethod
    def from_passage(cls, n: int, p: ScoredPassage, quote: str | None = None) -> "Citation":
        return cls(
            n=n,
            source=p.source,
            title=p.title,
            text=p.text,
            start=p.start,
            end=p.end,
            score=round(float(p.score), 4),
            section=p.section,
            date=p.date,
            org=p.org,
            quote=quote,
        )


class Answer(BaseModel):
    answer: str
    found: bool
    citations: list[Citation] = Field(default_factory=list)
    confidence: float | None = Field(None, description="the fitted probability that the passages answer the question (0-1)")
    spans: list[list[int]] = Field(
        default_factory=list,
        description="[start, end) offsets in `answer` of the part that answers (a name, date, number, place, "
        "document number), for the UI to emphasise",
    )
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
