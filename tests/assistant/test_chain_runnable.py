"""The chain as LangChain users expect it (fast: fake embeddings, real Chroma and SQLite):
one Runnable that ask, stream and retrieve go through, callbacks that see every step,
a BaseRetriever usable in anyone's LCEL chain, and index health checked once per change."""

import re
from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.chain import Assistant
from assistant.extractive import ExtractiveAnswerer
from assistant.factory import store_term_stats
from assistant.llm import LLMAnswerer
from assistant.models import Answer
from assistant.retriever import Filters, HybridRetriever
from corpus.loaders import iter_documents
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, persistent_client
from tests.fakes import FakeEmbeddings

QUESTION = "Ai đắc cử chức Bí thư Đảng ủy Khối các Cơ quan Tỉnh nhiệm kỳ 2020 - 2025?"


class Recorder(BaseCallbackHandler):
    """Records the name of every run LangChain reports."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def on_chain_start(self, serialized: Any, inputs: Any, **kw: Any) -> None:
        self.names.append(kw.get("name") or (serialized or {}).get("name", "?"))

    def on_chat_model_start(self, serialized: Any, messages: Any, **kw: Any) -> None:
        self.names.append("chat_model:" + (kw.get("name") or (serialized or {}).get("name", "?")))

    def on_retriever_start(self, serialized: Any, query: str, **kw: Any) -> None:
        self.names.append("retriever:" + (kw.get("name") or (serialized or {}).get("name", "?")))


@pytest.fixture
def parts(tmp_path, seeds_copy):
    emb = FakeEmbeddings()
    vectors = VectorIndex(persistent_client(tmp_path / "chroma"), "chain", emb.name, emb.dimension)
    store = Store(tmp_path / "store.sqlite")
    indexer = Indexer(emb, vectors, store)
    indexer.run(((str(seeds_copy), d) for d in iter_documents([seeds_copy])), roots=[str(seeds_copy)])
    return emb, vectors, store, indexer


def _assistant(parts, answerer=None):
    emb, vectors, store, _ = parts
    return Assistant(HybridRetriever(emb, vectors, store), answerer or ExtractiveAnswerer(store_term_stats(store), min_confidence=0.3), store)


def test_chain_is_a_runnable_whose_steps_callbacks_see(parts):
    assistant = _assistant(parts)
    assert isinstance(assistant.chain, Runnable)
    recorder = Recorder()
    answer = assistant.chain.invoke({"question": QUESTION, "history": []}, {"callbacks": [recorder]})
    assert isinstance(answer, Answer) and answer.found and "Phan Hữu Phước" in answer.answer
    assert recorder.names[0] == "vankien"
    assert {"understand", "retrieve", "answer"} <= set(recorder.names)
    assert set(answer.timings_ms) >= {"retrieve", "answer", "keyword_search", "dense_search"}


def test_ask_stream_and_retrieve_run_through_the_chain(parts):
    assistant = _assistant(parts)
    for call in (
        lambda r: assistant.ask(QUESTION, config={"callbacks": [r]}),
        lambda r: list(assistant.stream(QUESTION, config={"callbacks": [r]})),
    ):
        recorder = Recorder()
        call(recorder)
        assert recorder.names[:1] == ["vankien"] and "answer" in recorder.names
    pieces = list(assistant.chain.stream({"question": QUESTION, "history": []}))
    final = pieces[-1]
    assert isinstance(final, Answer) and final.found
    assert all(isinstance(p, str) for p in pieces[:-1]) and "".join(pieces[:-1]) == final.answer
    assert final == assistant.ask(QUESTION).model_copy(update={"timings_ms": final.timings_ms})
    passages = assistant.retrieve(QUESTION, k=3)
    assert len(passages) == 3 and passages[0].source == final.citations[0].source


def test_async_callers_get_the_same_pieces_then_the_answer(parts):
    import asyncio

    assistant = _assistant(parts)

    async def collect():
        return [piece async for piece in assistant.chain.astream({"question": QUESTION, "history": []})]

    pieces = asyncio.run(collect())
    assert isinstance(pieces[-1], Answer) and "".join(pieces[:-1]) == pieces[-1].answer and len(pieces) > 1
    answer = asyncio.run(assistant.chain.ainvoke({"question": QUESTION, "history": []}))
    assert answer.answer == pieces[-1].answer


def test_llm_path_is_prompt_model_parser_and_streams_tokens(parts):
    model = GenericFakeChatModel(messages=iter([AIMessage("Đồng chí Phan Hữu Phước [1] đắc cử [9].")] * 2))
    assistant = _assistant(parts, LLMAnswerer(model))
    recorder = Recorder()
    pieces = list(assistant.stream(QUESTION, config={"callbacks": [recorder]}))
    final = pieces[-1]
    assert final.found and final.answer == "Đồng chí Phan Hữu Phước [1] đắc cử."  # invented [9] dropped
    assert len(pieces) > 3 and "".join(pieces[:-1]) == "Đồng chí Phan Hữu Phước [1] đắc cử [9]."  # token by token
    assert {"ChatPromptTemplate", "StrOutputParser", "chat_model:GenericFakeChatModel"} <= set(recorder.names)
    assert recorder.names.index("answer") < recorder.names.index("ChatPromptTemplate")  # nested under the step
    again = assistant.ask(QUESTION)
    assert again.found and again.citations[0].n == 1 and set(again.timings_ms) >= {"retrieve", "answer"}


def test_as_retriever_in_anyones_lcel_chain(parts):
    assistant = _assistant(parts)
    retriever = assistant.as_retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    recorder = Recorder()
    chain = retriever | RunnableLambda(lambda docs: [(d.metadata["source"], d.metadata) for d in docs])
    found = chain.invoke("Thông tư 21/2018/TT-BTNMT", {"callbacks": [recorder]})
    assert len(found) == 3 and found[0][0] == "004_6249561a1a013b1e.txt"
    for _, meta in found:
        assert {"source", "title", "start", "end", "score"} <= set(meta) and 0 <= meta["score"] <= 1
    assert any(n.startswith("retriever:") for n in recorder.names)
    dated = assistant.as_retriever(k=5, filters=Filters(date_from="2020-09-01", date_to="2020-12-31")).invoke("Đại hội")
    assert dated and {d.metadata["source"] for d in dated} == {"003_867808e4786f0d5e.txt"}
    assert all(d.metadata["date"] == "2020-09-25" for d in dated)


def test_index_health_is_checked_at_start_and_after_a_change_not_per_question(parts, monkeypatch):
    assistant = _assistant(parts)
    store, indexer = parts[2], parts[3]
    calls = []
    real = store.health.diagnose
    monkeypatch.setattr(store.health, "diagnose", lambda vectors=None: calls.append(1) or real(vectors))
    assistant.warm_up()
    for _ in range(3):
        assistant.ask(QUESTION)
    assert len(calls) == 1
    indexer.remove(["000_3ad2302527c669b1.txt"])
    assistant.ask(QUESTION)
    assert len(calls) == 2


def test_a_damage_found_at_start_is_reported_on_every_question_until_repaired(parts):
    import sqlite3

    from index.errors import IndexCorruptError

    store, indexer = parts[2], parts[3]
    conn = sqlite3.connect(store.path)
    conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    assistant = _assistant(parts)
    assistant.warm_up()  # starts; the problem is told on the questions
    for _ in range(2):
        with pytest.raises(IndexCorruptError) as err:
            assistant.ask(QUESTION)
        assert "vankien index" in err.value.hint
    indexer.upgrade()  # the repair `vankien index` runs
    assert re.search("Phan Hữu Phước", assistant.ask(QUESTION).answer)
