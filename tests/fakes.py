"""Deterministic fakes for fast unit tests (never used by production code)."""

from __future__ import annotations

from langchain_core.embeddings import DeterministicFakeEmbedding

from index.embeddings import NamedEmbeddings


class FakeEmbeddings(NamedEmbeddings):
    """LangChain's DeterministicFakeEmbedding with a name and a dimension."""

    def __init__(self, size: int = 32, name: str = "fake/deterministic") -> None:
        self._fake = DeterministicFakeEmbedding(size=size)
        self.name = f"{name}-{size}"
        self._size = size
        self.calls = 0
        self.texts_embedded = 0

    @property
    def dimension(self) -> int:
        return self._size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        self.texts_embedded += len(texts)
        return self._fake.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._fake.embed_query(text)


class ExplodingEmbeddings(FakeEmbeddings):
    """Raises after ``after`` batches: a crash in the middle of an indexing run."""

    def __init__(self, after: int, size: int = 32) -> None:
        super().__init__(size)
        self.after = after

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.calls >= self.after:
            raise RuntimeError("simulated crash while embedding")
        return super().embed_documents(texts)
