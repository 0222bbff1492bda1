"""The one scored-passage type that travels from search to citation.

The keyword index and the vector index each return ``ScoredPassage``s carrying their own
score (``keyword``: BM25, ``dense``: cosine); fusion merges them and sets ``fused`` and
``score``; the document store completes them (title, date, org, metadata, the preceding
context, and the next chunk where an enumeration may run on into it); the answerers read
them and cite them. It lives in ``index/`` (the lowest layer that makes one) so that the
index never imports the assistant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ScoredPassage:
    """A chunk of a document with the scores retrieval gave it.

    Scores, higher is better in each:

    * ``dense``: cosine similarity of question and passage (None: not found by the vector search);
    * ``keyword``: BM25 of the keyword search (None: not found by the keyword search);
    * ``fused``: what the fusion computed (convex combination of min-max normalised scores,
      or reciprocal-rank fusion), on the fusion's own scale;
    * ``score``: THE score to show and compare: the fused score on one 0-1 scale in every
      retrieval mode (hybrid, dense, keyword) and fusion (convex, RRF): 1.0 is the best a
      fusion can give (top of every list), passages come out ordered by it. A component
      used alone (``KeywordIndex.search``, ``VectorIndex.search``) sets it to its own score.
    """

    id: str
    source: str
    title: str = ""
    text: str = ""
    start: int = 0
    end: int = 0
    date: str | None = None
    org: str | None = None
    dense: float | None = None
    keyword: float | None = None
    fused: float = 0.0
    score: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)
    before: str = ""  # the end of the preceding chunk of the same source: context, never quoted
    after: ScoredPassage | None = None  # the next chunk of the source, when this one may end inside an enumeration

    @property
    def section(self) -> str | None:
        """The heading path of the passage in its document (chunk metadata), if known."""
        value = self.meta.get("section")
        return str(value) if value else None

    def metadata(self) -> dict[str, Any]:
        """The metadata a LangChain ``Document`` made from this passage carries."""
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "dense": self.dense,
            "keyword": self.keyword,
            "fused": self.fused,
        }
        for key, value in (("section", self.section), ("date", self.date), ("org", self.org)):
            if value:
                out[key] = value
        return out
