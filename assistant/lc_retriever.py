"""The LangChain face of retrieval: a ``BaseRetriever`` over vankien's hybrid search.

``Assistant.as_retriever(k=5, filters=None)`` returns one; ``invoke(question)`` gives
LangChain ``Document``s whose metadata holds ``source``, ``title``, ``start``, ``end``,
``score`` (0-1, the same in every mode), the named scores ``dense``, ``keyword``,
``fused``, and ``section``, ``date``, ``org`` where known. Usable in any LCEL chain.
"""

from __future__ import annotations

from typing import Any, Callable

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.query import understand
from assistant.retriever import Filters, HybridRetriever
from index.passages import ScoredPassage


def to_document(p: ScoredPassage) -> LCDocument:
    return LCDocument(page_content=p.text, id=p.id, metadata=p.metadata())


class VankienRetriever(BaseRetriever):
    """LangChain retriever over the hybrid index (passages as LangChain Documents)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: HybridRetriever
    k: int = 5
    filters: Filters | None = None
    mode: str | None = None
    check: Callable[[], Any] | None = None  # the index health check (cached: cheap per question)
    max_question_chars: int = 100_000

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        if self.check is not None:
            self.check()
        result = self.hybrid.retrieve(understand(query, max_chars=self.max_question_chars), self.k, self.filters, self.mode)
        return [to_document(p) for p in result.passages]
