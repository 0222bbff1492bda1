"""The LangChain retriever (Assistant.as_retriever): a BaseRetriever usable in anyone's
LCEL chain, with vankien's passages as Documents and their metadata."""

from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import RunnableLambda

from assistant.lc_retriever import VankienRetriever, to_document
from assistant.retriever import Filters
from index.passages import ScoredPassage
from tests.assistant.chainkit import Recorder, assistant_over


def test_as_retriever_in_anyones_lcel_chain(parts):
    assistant = assistant_over(parts)
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


def test_retriever_checks_the_index_and_uses_its_settings(parts):
    assistant = assistant_over(parts)
    checked = []
    retriever = VankienRetriever(hybrid=assistant.retriever, k=2, mode="keyword", check=lambda: checked.append(1))
    docs = retriever.invoke("Kế hoạch 205-KH/ĐU")
    assert len(docs) == 2 and checked == [1]
    assert all(d.metadata["dense"] is None and d.metadata["keyword"] > 0 for d in docs)  # keyword mode


def test_a_passage_becomes_a_document_with_its_metadata():
    doc = to_document(ScoredPassage(id="c1", source="a.txt", title="T", text="Đoạn văn.", start=5, end=14, score=0.7, meta={"section": "Điều 3"}))
    assert doc.page_content == "Đoạn văn." and doc.id == "c1"
    assert doc.metadata["section"] == "Điều 3" and doc.metadata["score"] == 0.7 and doc.metadata["start"] == 5
