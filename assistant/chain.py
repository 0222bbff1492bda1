"""The retrieval chain, as LangChain runnables: question -> Query -> passages -> Answer.

``Assistant.chain`` is one ``Runnable``: ``understand | retrieve | answer``, each step a
named run that LangChain callbacks and tracing see (the LLM answerer's own steps,
prompt | model | parser, nest under ``answer``). ``invoke({"question": …, "history": […]})``
returns the ``Answer``; ``stream(…)`` yields text pieces, then the final ``Answer``.
``ask``, ``stream``, ``retrieve`` and the LangChain retriever (``as_retriever``) all run
through it, and so do the CLI, the UI, its API and the evaluation runner.

The index's health is checked when the assistant starts (``warm_up``, or its first
question) and again only after the index was written, not on every question.
"""

from __future__ import annotations

import dataclasses
import inspect
import time
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Iterator, Protocol

from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from langchain_core.runnables.config import run_in_executor

from assistant.lc_retriever import VankienRetriever
from assistant.models import Answer
from assistant.query import Query, understand
from assistant.retriever import Filters, HybridRetriever
from assistant.strings import strings
from index.errors import IndexCorruptError, IndexMissingError
from index.health import Problem
from index.passages import ScoredPassage
from index.store import Store


class Answerer(Protocol):
    def answer(self, query: Query, passages: list[ScoredPassage]) -> Answer: ...


@dataclass(frozen=True)
class Turn:
    """What flows between the steps of the chain: one question and what was found."""

    query: Query
    k: int
    filters: Filters | None = None
    mode: str | None = None
    passages: list[ScoredPassage] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    retrieved: float = 0.0


class AnswerStep(Runnable[Turn, Answer]):
    """The last step: ``invoke`` gives the Answer; ``stream`` gives text pieces, then it.

    An answerer with ``stream`` (the LLM answerer) streams its model's tokens; the
    extractive answer comes whole and is streamed one cited sentence at a time. An
    answerer whose methods take ``config`` gets the run's config, so its own runnables
    (prompt | model | parser) are traced under this step."""

    name = "answer"

    def __init__(self, answerer: Any) -> None:
        self.answerer = answerer
        self._takes_config = {
            m: "config" in inspect.signature(getattr(answerer, m)).parameters for m in ("answer", "stream") if hasattr(answerer, m)
        }

    def invoke(self, input: Turn, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        return self._call_with_config(self._answer, input, config, run_type="chain")

    def stream(self, input: Turn, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[Any]:
        yield from self._transform_stream_with_config(iter([input]), self._pieces, config, run_type="chain")

    async def astream(self, input: Turn, config: RunnableConfig | None = None, **kwargs: Any) -> AsyncIterator[Any]:
        """The same pieces, then the Answer, for async callers (computed in a worker thread)."""
        for piece in await run_in_executor(config, lambda: list(self.stream(input, config))):
            yield piece

    def _call(self, method: str, turn: Turn, config: RunnableConfig | None) -> Any:
        func = getattr(self.answerer, method)
        if self._takes_config[method]:
            return func(turn.query, turn.passages, config=config)
        return func(turn.query, turn.passages)

    def _answer(self, turn: Turn, config: RunnableConfig) -> Answer:
        if turn.query.language == "other":
            return _finish(Answer(answer=strings()["not_vietnamese"], found=False), turn)
        return _finish(self._call("answer", turn, config), turn)

    def _pieces(self, turns: Iterator[Turn], config: RunnableConfig) -> Iterator[Any]:
        turn = next(iter(turns))
        if turn.query.language != "other" and hasattr(self.answerer, "stream"):
            final: Answer | None = None
            for piece in self._call("stream", turn, config):
                if isinstance(piece, Answer):
                    final = piece
                else:
                    yield piece
            assert final is not None
            yield _finish(final, turn)
            return
        answer = self._answer(turn, config)
        yield from _sentences(answer.answer)
        yield answer


def _finish(answer: Answer, turn: Turn) -> Answer:
    """The answer with its timings: retrieval (and its parts) and answering."""
    now = time.perf_counter()
    timings = {"retrieve": round((turn.retrieved - turn.started) * 1000, 2), "answer": round((now - turn.retrieved) * 1000, 2)}
    timings.update({k: round(v, 2) for k, v in turn.timings_ms.items()})
    return answer.model_copy(update={"timings_ms": timings})


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
        self._health: tuple[Any, Problem | None] | None = None
        self.retrieval: Runnable = RunnableLambda(self._understand, name="understand") | RunnableLambda(
            self._retrieve, name="retrieve"
        )
        self.chain: Runnable = (self.retrieval | AnswerStep(answerer)).with_config(run_name="vankien")

    # -- chain steps -----------------------------------------------------------------
    def _understand(self, inputs: dict[str, Any]) -> Turn:
        query = understand(inputs.get("question"), inputs.get("history") or [], self.max_question_chars)
        return Turn(query=query, k=inputs.get("k") or self.top_k, filters=inputs.get("filters"), mode=inputs.get("mode"))

    def _retrieve(self, turn: Turn) -> Turn:
        if turn.query.language == "other":
            return dataclasses.replace(turn, retrieved=time.perf_counter())
        self.check_index()
        result = self.retriever.retrieve(turn.query, turn.k, turn.filters, turn.mode)
        return dataclasses.replace(
            turn, query=result.query or turn.query, passages=result.passages, timings_ms=result.timings_ms,
            retrieved=time.perf_counter(),
        )

    # -- index health ----------------------------------------------------------------
    def check_index(self) -> None:
        """Raise what stops questions being answered. The check runs at start and again
        only when the index file changed since (a stat of the SQLite files), not per question."""
        key = self.store.db.change_marker()
        if self._health is None or self._health[0] != key:
            self._health = (key, self.store.health.diagnose(self.retriever.vectors))
        problem = self._health[1]
        if problem is not None:
            raise _error(problem)

    def index_warnings(self) -> list[str]:
        """What degrades answers without stopping them (a cheap count comparison): stored
        passages that have no vector are never found by the dense search."""
        missing = self.store.health.vectors_missing(self.retriever.vectors)
        if not missing:
            return []
        chunks = self.store.counts()[1]
        return [
            f"{missing} of {chunks} stored passages have no vector: meaning-based search does not find them "
            "(thiếu vector cho một số đoạn). Repair it: vankien index [PATH ...] (the folders you indexed; the "
            "bundled documents without PATH; the missing vectors are embedded again)"
        ]

    # -- API -------------------------------------------------------------------------
    @staticmethod
    def _inputs(question: str, history: list[str] | None, filters: Filters | None, k: int | None, mode: str | None) -> dict:
        return {"question": question, "history": history or [], "filters": filters, "k": k, "mode": mode}

    def ask(
        self,
        question: str,
        history: list[str] | None = None,
        filters: Filters | None = None,
        k: int | None = None,
        mode: str | None = None,
        config: RunnableConfig | None = None,
    ) -> Answer:
        """Answer one question (with the earlier questions of the conversation)."""
        return self.chain.invoke(self._inputs(question, history, filters, k, mode), config)

    def stream(
        self,
        question: str,
        history: list[str] | None = None,
        filters: Filters | None = None,
        k: int | None = None,
        mode: str | None = None,
        config: RunnableConfig | None = None,
    ) -> Iterator[str | Answer]:
        """Yield pieces of the answer text as they come, then the final Answer."""
        yield from self.chain.stream(self._inputs(question, history, filters, k, mode), config)

    def retrieve(
        self, question: str, history: list[str] | None = None, filters: Filters | None = None, k: int | None = None
    ) -> list[ScoredPassage]:
        """The passages the chain would answer from (its first two steps)."""
        return self.retrieval.invoke(self._inputs(question, history, filters, k, None)).passages

    def as_retriever(self, k: int = 5, filters: Filters | None = None, mode: str | None = None) -> VankienRetriever:
        """A LangChain ``BaseRetriever`` over this assistant's index, for any LCEL chain."""
        return VankienRetriever(
            hybrid=self.retriever, k=k, filters=filters, mode=mode, check=self.check_index,
            max_question_chars=self.max_question_chars,
        )

    def document(self, source: str):
        return self.store.document(source)

    def warm_up(self) -> None:
        """Load the embedder, open the indexes and check their health now, not on the
        first question (a problem found is raised on the questions, with what to do)."""
        warm = getattr(self.retriever.embeddings, "warm_up", None)
        if warm:
            warm()
        self.retriever.embeddings.embed_query("khởi động")
        self.retriever.vectors.count()
        try:
            self.check_index()
        except (IndexMissingError, IndexCorruptError):
            pass
        warm_answerer = getattr(self.answerer, "warm_up", None)
        if warm_answerer:
            warm_answerer()


def _error(problem: Problem) -> Exception:
    if problem.kind == "empty":
        return IndexMissingError(strings()["empty_index"], hint="vankien index")
    if problem.kind == "manifest_missing":
        return IndexCorruptError(
            "The manifest and keyword index are missing while vectors exist (thiếu tệp chỉ mục từ khóa).",
            hint="Rebuild it from your files: vankien index [PATH ...] (the bundled documents without PATH; "
            "the vectors still stored are reused, not embedded again)",
        )
    if problem.kind == "outdated":
        return IndexCorruptError(
            "The keyword index was built by an older version of vankien "
            "(chỉ mục từ khóa do phiên bản cũ tạo, cần nâng cấp).",
            hint="Upgrade it (no re-embedding needed): vankien index",
        )
    return IndexCorruptError(
        f"The keyword index is damaged: {problem.detail} (chỉ mục từ khóa bị hỏng).",
        hint="Repair it (no re-embedding needed): vankien index",
    )


def _sentences(text: str) -> list[str]:
    import re

    parts = re.split(r"(?<=\])\s+", text)
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]
