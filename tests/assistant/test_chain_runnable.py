"""The chain as LangChain users expect it (fast: fake embeddings, real Chroma and SQLite):
one Runnable that ask, stream and retrieve go through, callbacks that see every step,
a BaseRetriever usable in anyone's LCEL chain, and index health checked once per change."""

import re

import pytest
from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import Runnable

from assistant.llm import LLMAnswerer
from assistant.models import Answer
from tests.assistant.chainkit import QUESTION, Recorder, assistant_over


def test_chain_is_a_runnable_whose_steps_callbacks_see(parts):
    assistant = assistant_over(parts)
    assert isinstance(assistant.chain, Runnable)
    recorder = Recorder()
    answer = assistant.chain.invoke({"question": QUESTION, "history": []}, {"callbacks": [recorder]})
    assert isinstance(answer, Answer) and answer.found and "Phan Hữu Phước" in answer.answer
    assert recorder.names[0] == "vankien"
    assert {"understand", "retrieve", "answer"} <= set(recorder.names)
    assert set(answer.timings_ms) >= {"retrieve", "answer", "keyword_search", "dense_search"}


def test_ask_stream_and_retrieve_run_through_the_chain(parts):
    assistant = assistant_over(parts)
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

    assistant = assistant_over(parts)

    async def collect():
        return [piece async for piece in assistant.chain.astream({"question": QUESTION, "history": []})]

    pieces = asyncio.run(collect())
    assert isinstance(pieces[-1], Answer) and "".join(pieces[:-1]) == pieces[-1].answer and len(pieces) > 1
    answer = asyncio.run(assistant.chain.ainvoke({"question": QUESTION, "history": []}))
    assert answer.answer == pieces[-1].answer


def test_llm_path_is_prompt_model_parser_and_streams_tokens(parts):
    model = GenericFakeChatModel(messages=iter([AIMessage("Đồng chí Phan Hữu Phước [1] đắc cử [9].")] * 2))
    assistant = assistant_over(parts, LLMAnswerer(model))
    recorder = Recorder()
    pieces = list(assistant.stream(QUESTION, config={"callbacks": [recorder]}))
    final = pieces[-1]
    assert final.found and final.answer == "Đồng chí Phan Hữu Phước [1] đắc cử."  # invented [9] dropped
    assert len(pieces) > 3 and "".join(pieces[:-1]) == "Đồng chí Phan Hữu Phước [1] đắc cử [9]."  # token by token
    assert {"ChatPromptTemplate", "StrOutputParser", "chat_model:GenericFakeChatModel"} <= set(recorder.names)
    assert recorder.names.index("answer") < recorder.names.index("ChatPromptTemplate")  # nested under the step
    again = assistant.ask(QUESTION)
    assert again.found and again.citations[0].n == 1 and set(again.timings_ms) >= {"retrieve", "answer"}


def test_index_health_is_checked_at_start_and_after_a_change_not_per_question(parts, monkeypatch):
    assistant = assistant_over(parts)
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
    assistant = assistant_over(parts)
    assistant.warm_up()  # starts; the problem is told on the questions
    for _ in range(2):
        with pytest.raises(IndexCorruptError) as err:
            assistant.ask(QUESTION)
        assert "vankien index" in err.value.hint
    indexer.upgrade()  # the repair `vankien index` runs
    assert re.search("Phan Hữu Phước", assistant.ask(QUESTION).answer)
