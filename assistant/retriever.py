"""Hybrid retrieval: dense (Chroma) + keyword (SQLite FTS5, BM25), fused by a convex
combination of normalised scores (or by RRF).

Also a LangChain ``BaseRetriever`` over it, for use in any LangChain chain.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.models import Passage
from assistant.query import Query
from index.store import Store
from index.tokens import KeywordQuery, build_query
from index.vectors import VectorIndex

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict retrieval to sources, an organisation (substring) or a date range (ISO)."""

    sources: tuple[str, ...] = ()
    org: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.sources or self.org or self.date_from or self.date_to)


@dataclass
class Retrieval:
    passages: list[Passage]
    timings_ms: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    def __init__(
        self,
        embeddings: Embeddings,
        vectors: VectorIndex,
        store: Store,
        mode: Mode = "hybrid",
        candidates: int = 30,
        rrf_k: int = 60,
        fusion: str = "convex",
        alpha: float = 0.5,
        max_df: float = 0.05,
        max_terms: int = 24,
    ) -> None:
        self.embeddings = embeddings
        self.vectors = vectors
        self.store = store
        self.mode = mode
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.fusion = fusion
        self.alpha = alpha
        self.max_df = max_df
        self.max_terms = max_terms

    def fuse(self, dense: list[tuple[str, float]], keyword: list[tuple[str, float]]) -> dict[str, float]:
        if self.fusion == "rrf":
            return rrf([dense, keyword], self.rrf_k)
        return convex(dense, keyword, self.alpha)

    def _keyword(self, query: Query, allowed: list[str] | None) -> tuple[list[tuple[str, float]], float]:
        t0 = time.perf_counter()
        hits = self.store.search(self.keyword_query(query), self.candidates, sources=allowed)
        return hits, (time.perf_counter() - t0) * 1000

    def keyword_query(self, query: Query) -> KeywordQuery:
        """The keyword query, pruned for speed: an accented question searches the accented
        column only, and single syllables found in more than ``max_df`` of the passages
        are left to the syllable pairs that contain them."""
        kq = build_query(query.search_text)
        acc, plain = list(kq.acc), list(kq.plain)
        if query.accented and acc:
            plain = []
        singles = [t for t in acc + plain if " " not in t and not t.startswith("so_")]
        if singles:
            _, n = self.store.counts()
            df = self.store.document_frequencies(singles)
            limit = self.max_df * max(n, 1)
            if n >= 200:  # on a tiny index every syllable is common; keep them all
                acc = [t for t in acc if t not in df or df[t] <= limit]
                plain = [t for t in plain if t not in df or df[t] <= limit]
        return KeywordQuery(tuple(acc[: self.max_terms]), tuple(plain[: self.max_terms]))

    def _allowed_sources(self, filters: Filters | None) -> list[str] | None:
        if filters is None or filters.empty:
            return None
        allowed = []
        wanted = set(filters.sources)
        for info in self.store.sources(status="done"):
            if wanted and info.source not in wanted:
                continue
            if filters.org and (not info.org or filters.org.lower() not in info.org.lower()):
                continue
            if filters.date_from and (not info.date or info.date < filters.date_from):
                continue
            if filters.date_to and (not info.date or info.date > filters.date_to):
                continue
            allowed.append(info.source)
        return allowed

    def retrieve(self, query: Query, k: int = 5, filters: Filters | None = None, mode: Mode | None = None) -> Retrieval:
        mode = mode or self.mode
        timings: dict[str, float] = {}
        allowed = self._allowed_sources(filters)
        if allowed is not None and not allowed:
            return Retrieval([], timings)
        dense: list[tuple[str, float]] = []
        keyword: list[tuple[str, float]] = []
        # One after the other: the keyword search takes a few ms, and on a 2-core machine
        # running it beside the two-thread query embedding slowed the embedding down more
        # than it saved (at 5k articles, embedding p50 50 ms beside it against 22 ms alone).
        if mode in ("hybrid", "keyword"):
            keyword, timings["keyword_search"] = self._keyword(query, allowed)
        if mode in ("hybrid", "dense"):
            t0 = time.perf_counter()
            vector = self.embeddings.embed_query(query.search_text)
            t1 = time.perf_counter()
            where = None
            if allowed is not None:
                where = {"source": allowed[0]} if len(allowed) == 1 else {"source": {"$in": allowed}}
            dense = [(h.id, h.score) for h in self.vectors.search(vector, self.candidates, where)]
            t2 = time.perf_counter()
            timings["embed_query"] = (t1 - t0) * 1000
            timings["dense_search"] = (t2 - t1) * 1000
        t0 = time.perf_counter()
        fused = self.fuse(dense, keyword)
        top = sorted(fused, key=lambda c: -fused[c])[:k]
        dense_scores = dict(dense)
        keyword_scores = dict(keyword)
        stored = self.store.get_chunks(top)
        before = self.store.preceding_texts([(stored[c].chunk.source, stored[c].chunk.start) for c in top if c in stored])
        passages = []
        for cid in top:
            item = stored.get(cid)
            if item is None:  # deleted between search and fetch
                continue
            c = item.chunk
            passages.append(
                Passage(
                    id=cid,
                    source=c.source,
                    title=item.title,
                    text=c.text,
                    start=c.start,
                    end=c.end,
                    date=item.date,
                    org=item.org,
                    dense=dense_scores.get(cid),
                    keyword=keyword_scores.get(cid),
                    fused=fused[cid],
                    meta=c.meta,
                    before=before.get((c.source, c.start), ""),
                )
            )
        timings["fusion"] = (time.perf_counter() - t0) * 1000
        return Retrieval(passages, timings)


def rrf(rankings: list[list[tuple[str, float]]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, (cid, _) in enumerate(ranking):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return fused


def convex(dense: list[tuple[str, float]], keyword: list[tuple[str, float]], alpha: float = 0.5) -> dict[str, float]:
    """Convex combination of min-max normalised scores: alpha * dense + (1 - alpha) * keyword.

    Unlike RRF it keeps the size of a score gap: a passage that alone carries the
    exact document number or name of the question is not outvoted by ranks."""

    def normalise(items: list[tuple[str, float]]) -> dict[str, float]:
        if not items:
            return {}
        values = [v for _, v in items]
        lo, hi = min(values), max(values)
        span = hi - lo
        return {cid: (v - lo) / span if span > 1e-9 else 1.0 for cid, v in items}

    d, kw = normalise(dense), normalise(keyword)
    if not d:
        return kw
    if not kw:
        return d
    return {cid: alpha * d.get(cid, 0.0) + (1 - alpha) * kw.get(cid, 0.0) for cid in d.keys() | kw.keys()}


class VankienRetriever(BaseRetriever):
    """LangChain retriever over the hybrid index (passages as LangChain Documents)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    k: int = 5
    filters: Filters | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        from assistant.query import understand

        result = self.hybrid.retrieve(understand(query, max_chars=100_000), self.k, self.filters)
        return [
            LCDocument(
                page_content=p.text,
                id=p.id,
                metadata={
                    "source": p.source,
                    "title": p.title,
                    "start": p.start,
                    "end": p.end,
                    "date": p.date,
                    "org": p.org,
                    "score": p.fused,
                },
            )
            for p in result.passages
        ]
