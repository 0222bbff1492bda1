"""Helpers for the chain tests: a callback handler that records run names, and an
assistant over the fake-embedding index of the ``parts`` fixture (tests/assistant/conftest.py)."""

from typing import Any

from langchain_core.callbacks import BaseCallbackHandler

from assistant.chain import Assistant
from assistant.extractive import ExtractiveAnswerer
from assistant.factory import store_term_stats
from assistant.retriever import HybridRetriever

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


def assistant_over(parts, answerer=None):
    emb, vectors, store, _ = parts
    return Assistant(HybridRetriever(emb, vectors, store), answerer or ExtractiveAnswerer(store_term_stats(store), min_confidence=0.3), store)
