"""Hybrid retrieval: dense (Chroma) + keyword (SQLite FTS5, BM25), fused by a convex
combination of normalised scores (or by RRF).

The LangChain ``BaseRetriever`` over it is ``assistant.lc_retriever.VankienRetriever``
(``Assistant.as_retriever``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from langchain_core.embeddings import Embeddings

from assistant.errors import InputError
from assistant.fusion import ConvexFusion, Fusion, RRFFusion, convex, rrf
from assistant.query import Query, requery
from assistant.restore import needs_restoring, restore_diacritics
from corpus.structure import section_article
from corpus.text import normalize_for_match
from index.passages import ScoredPassage
from index.store import Store
from index.tokens import KeywordQuery
from index.vectors import VectorIndex

__all__ = ["Filters", "HybridRetriever", "Retrieval", "convex", "rrf"]

Mode = Literal["hybrid", "dense", "keyword"]


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict retrieval to sources, an organisation (substring), a date range (ISO), a
    document type or an issuing body (substring)."""

    sources: tuple[str, ...] = ()
    org: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    doc_type: str | None = None  # the kind of document ("Nghị quyết", "Chỉ thị", "Luật" …), any tone style
    issuer: str | None = None  # the issuing body (substring, "Đảng ủy Khối")

    def __post_init__(self) -> None:
        for value in (self.date_from, self.date_to):
            if value is not None:
                check_date(value)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(
                f"The date range is empty: {self.date_from} is after {self.date_to} "
                f"(khoảng ngày rỗng: {self.date_from} sau {self.date_to})."
            )

    @property
    def empty(self) -> bool:
        return not (self.sources or self.org or self.date_from or self.date_to or self.doc_type or self.issuer)


def check_date(value: str) -> str:
    """A calendar date as YYYY-MM-DD, else an InputError saying what is wrong."""
    import datetime

    try:
        if len(value) != 10:
            raise ValueError
        datetime.date.fromisoformat(value)
    except (ValueError, TypeError):
        raise InputError(
            f"Invalid date {value!r}: expected a real calendar date as YYYY-MM-DD "
            f"(ngày không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2020-12-31)."
        ) from None
    return value


@dataclass
class Retrieval:
    passages: list[ScoredPassage]
    timings_ms: dict[str, float] = field(default_factory=dict)
    query: Query | None = None  # the question as retrieved, when its diacritics were taken back


class HybridRetriever:
    """Dense search (``VectorIndex``) and keyword search (``KeywordIndex``), merged by a
    ``Fusion``, completed by the document store: ``ScoredPassage``s all the way."""

    def __init__(
        self,
        embeddings: Embeddings,
        vectors: VectorIndex,
        store: Store,
        mode: Mode = "hybrid",
        candidates: int = 30,
        rrf_k: int = 60,
        fusion: str | Fusion = "convex",
        alpha: float = 0.5,
        max_df: float = 0.05,
        max_terms: int = 24,
        alpha_unaccented: float | None = None,
        restore_diacritics: bool = False,
    ) -> None:
        self.embeddings = embeddings
        self.vectors = vectors
        self.store = store
        self.keywords = store.keywords
        self.docs = store.docs
        self.mode = mode
        self.candidates = candidates
        if isinstance(fusion, str):
            fusion = RRFFusion(rrf_k) if fusion == "rrf" else ConvexFusion(alpha)
        self.fusion: Fusion = fusion
        # a question typed without diacritics: the dense vector of "chu tich xa" says little,
        # the keyword search (diacritics folded) much; convex fusion weighs them otherwise
        self.fusion_unaccented: Fusion = (
            ConvexFusion(alpha_unaccented) if alpha_unaccented is not None and isinstance(fusion, ConvexFusion) else fusion
        )
        self.max_df = max_df
        self.max_terms = max_terms
        self.restore_diacritics = restore_diacritics

    def keyword_query(self, query: Query) -> KeywordQuery:
        """The keyword query, pruned for speed (see ``KeywordIndex.query``)."""
        return self.keywords.query(query.search_text, query.accented, self.max_df, self.max_terms)

    def _allowed_sources(self, filters: Filters | None) -> list[str] | None:
        if filters is None or filters.empty:
            return None
        allowed = []
        wanted = set(filters.sources)
        for info in self.docs.sources(status="done"):
            if wanted and info.source not in wanted:
                continue
            if filters.org and (not info.org or filters.org.lower() not in info.org.lower()):
                continue
            if filters.date_from and (not info.date or info.date < filters.date_from):
                continue
            if filters.date_to and (not info.date or info.date > filters.date_to):
                continue
            if filters.doc_type and normalize_for_match(info.meta.get("doc_type") or "") != normalize_for_match(filters.doc_type):
                continue
            if filters.issuer and normalize_for_match(filters.issuer) not in normalize_for_match(info.meta.get("issuer") or ""):
                continue
            allowed.append(info.source)
        return allowed

    def retrieve(self, query: Query, k: int = 5, filters: Filters | None = None, mode: Mode | None = None) -> Retrieval:
        first = self._retrieve(query, k, filters, mode)
        if not self.restore_diacritics or not needs_restoring(query.question) or not first.passages:
            return first
        # typed without diacritics, or all in lower case: the passages found say how its
        # words are written; the question so written is retrieved again, the dense search
        # reading it too (a question about several things is written whole, then cut into
        # its parts again)
        written = restore_diacritics(query.question, [t for p in first.passages for t in (p.title, p.text) if t])
        if written == query.question:
            return first
        restored = requery(query, written)
        second = self._retrieve(restored, k, filters, mode)
        timings = {name: first.timings_ms.get(name, 0.0) + second.timings_ms.get(name, 0.0) for name in first.timings_ms | second.timings_ms}
        return Retrieval(second.passages, timings, restored)

    def _retrieve(self, query: Query, k: int, filters: Filters | None, mode: Mode | None) -> Retrieval:
        if query.parts:
            return self._retrieve_parts(query.parts, k, filters, mode)
        mode = mode or self.mode
        timings: dict[str, float] = {}
        allowed = self._allowed_sources(filters)
        if allowed is not None and not allowed:
            return Retrieval([], timings)
        dense: list[ScoredPassage] = []
        keyword: list[ScoredPassage] = []
        # One after the other: the keyword search takes a few ms, and on a 2-core machine
        # running it beside the two-thread query embedding slowed the embedding down more
        # than it saved (at 5k articles, embedding p50 50 ms beside it against 22 ms alone).
        if mode in ("hybrid", "keyword"):
            t0 = time.perf_counter()
            keyword = self.keywords.search(self.keyword_query(query), self.candidates, sources=allowed)
            timings["keyword_search"] = (time.perf_counter() - t0) * 1000
        if mode in ("hybrid", "dense"):
            t0 = time.perf_counter()
            vector = self.embeddings.embed_query(query.search_text)
            t1 = time.perf_counter()
            where = None
            if allowed is not None:
                where = {"source": allowed[0]} if len(allowed) == 1 else {"source": {"$in": allowed}}
            dense = self.vectors.search(vector, self.candidates, where)
            t2 = time.perf_counter()
            timings["embed_query"] = (t1 - t0) * 1000
            timings["dense_search"] = (t2 - t1) * 1000
        t0 = time.perf_counter()
        fusion = self.fusion if query.accented else self.fusion_unaccented
        fused = fusion.fuse(dense, keyword)
        if query.articles:
            # a question naming an article ("Điều 12 … quy định gì?") is about that article:
            # passages of it come first, in their fused order
            found = self.docs.complete(fused)
            named = [p for p in found if section_article(p.section) in query.articles]
            ids = {p.id for p in named}
            passages = (named + [p for p in found if p.id not in ids])[:k]
        else:
            passages = self.docs.complete(fused[:k])
        timings["fusion"] = (time.perf_counter() - t0) * 1000
        return Retrieval(passages, timings)

    def _retrieve_parts(self, parts: tuple[Query, ...], k: int, filters: Filters | None, mode: Mode | None) -> Retrieval:
        """A question about several things: k passages for each, taken in turn (each
        passage once), so that every part has its own passages to be answered from."""
        results = [self._retrieve(part, k, filters, mode) for part in parts]
        timings: dict[str, float] = {}
        for r in results:
            for name, ms in r.timings_ms.items():
                timings[name] = timings.get(name, 0.0) + ms
        seen: set[str] = set()
        passages: list[ScoredPassage] = []
        for rank in range(k):
            for r in results:
                if rank < len(r.passages) and r.passages[rank].id not in seen:
                    seen.add(r.passages[rank].id)
                    passages.append(r.passages[rank])
        return Retrieval(passages, timings)
