"""The retrieval chain: question -> Query -> passages -> Answer, as LangChain runnables.

``Assistant`` is the Python API used by the CLI, the UI and the evaluation runner;
they all go through the same chain.
"""

from __future__ import annotations

import time
from typing import Any, Iterator, Protocol

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.errors import IndexCorruptError, IndexMissingError
from assistant.models import Answer, Passage
from assistant.query import Query, understand
from assistant.retriever import Filters, HybridRetriever
from assistant.strings import strings
from index.store import Store


class Answerer(Protocol):
    def answer(self, query: Query, passages: list[Passage]) -> Answer: ...


class Assistant:
    def __init__(
        self,
        retriever: HybridRetriever,
        answerer: Answerer,
        store: Store,
        top_k: int = 5,
        max_question_chars: int = 2000,
    ) -> None:
        self.retriever = retriever
        self.answerer = answerer
        self.store = store
        self.top_k = top_k
        self.max_question_chars = max_question_chars
        self.chain: Runnable = (
            RunnableLambda(self._understand, name="understand")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
        )

    # -- chain steps -----------------------------------------------------------------
    def _understand(self, inputs: dict[str, Any]) -> dict[str, Any]:
        query = understand(inputs.get("question"), inputs.get("history") or [], self.max_question_chars)
        return {**inputs, "query": query, "t0": time.perf_counter()}

    def _retrieve(self, state: dict[str, Any]) -> dict[str, Any]:
        query: Query = state["query"]
        if query.language == "other":
            return {**state, "passages": [], "retrieval_ms": {}, "t1": time.perf_counter()}
        n_sources, _ = self.store.counts()
        if n_sources == 0:
            if self.retriever.vectors.count() > 0:
                raise IndexCorruptError(
                    "The manifest and keyword index are missing while vectors exist "
                    "(thiếu tệp chỉ mục từ khóa).",
                    hint="Rebuild: vankien index --rebuild (and index your folders again)",
                )
            raise IndexMissingError(strings()["empty_index"], hint="vankien index")
        problem = self.store.quick_check()
        if problem and self.store.keyword_index_outdated():
            raise IndexCorruptError(
                "The keyword index was built by an older version of vankien "
                "(chỉ mục từ khóa do phiên bản cũ tạo, cần nâng cấp).",
                hint="Upgrade it (no re-embedding needed): vankien index",
            )
        if problem:
            raise IndexCorruptError(
                f"The keyword index is damaged: {problem} (chỉ mục từ khóa bị hỏng).",
                hint="Repair it (no re-embedding needed): vankien index",
            )
        result = self.retriever.retrieve(query, state.get("k") or self.top_k, state.get("filters"), state.get("mode"))
        return {**state, "passages": result.passages, "retrieval_ms": result.timings_ms, "t1": time.perf_counter()}

    def _answer(self, state: dict[str, Any]) -> Answer:
        query: Query = state["query"]
        if query.language == "other":
            answer = Answer(answer=strings()["not_vietnamese"], found=False)
        else:
            answer = self.answerer.answer(query, state["passages"])
        t2 = time.perf_counter()
        timings = {
            "retrieve": round((state["t1"] - state["t0"]) * 1000, 2),
            "answer": round((t2 - state["t1"]) * 1000, 2),
        }
        timings.update({k: round(v, 2) for k, v in state["retrieval_ms"].items()})
        return answer.model_copy(update={"timings_ms": timings})

    # -- API -------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        history: list[str] | None = None,
        filters: Filters | None = None,
        k: int | None = None,
        mode: str | None = None,
    ) -> Answer:
        """Answer one question (with the earlier questions of the conversation)."""
        return self.chain.invoke({"question": question, "history": history or [], "filters": filters, "k": k, "mode": mode})

    def retrieve(self, question: str, history: list[str] | None = None, filters: Filters | None = None, k: int | None = None) -> list[Passage]:
        state = self._retrieve(self._understand({"question": question, "history": history or [], "filters": filters, "k": k}))
        return state["passages"]

    def stream(self, question: str, history: list[str] | None = None, filters: Filters | None = None) -> Iterator[str | Answer]:
        """Yield pieces of the answer text as they come, then the final Answer.

        With an answerer that can stream (the LLM answerer) the pieces are the model's
        tokens; the extractive answerer's answer comes whole, one sentence at a time."""
        state = self._retrieve(self._understand({"question": question, "history": history or [], "filters": filters}))
        query: Query = state["query"]
        streamer = getattr(self.answerer, "stream", None)
        if streamer is not None and query.language != "other":
            final: Answer | None = None
            for piece in streamer(query, state["passages"]):
                if isinstance(piece, Answer):
                    final = piece
                else:
                    yield piece
            assert final is not None
            yield final.model_copy(update={"timings_ms": {"retrieve": round((state["t1"] - state["t0"]) * 1000, 2)}})
            return
        answer = self._answer(state)
        for sentence in _sentences(answer.answer):
            yield sentence
        yield answer

    def document(self, source: str):
        return self.store.document(source)

    def warm_up(self) -> None:
        """Load the embedder and open the indexes now, not on the first question."""
        warm = getattr(self.retriever.embeddings, "warm_up", None)
        if warm:
            warm()
        self.retriever.embeddings.embed_query("khởi động")
        self.retriever.vectors.count()
        self.store.counts()


def _sentences(text: str) -> list[str]:
    import re

    parts = re.split(r"(?<=\])\s+", text)
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]
