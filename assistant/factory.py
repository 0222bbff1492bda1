"""The composition root: builds every component from Settings.

Backends (embedder, vector store, answerer) are picked by name from the registries of
``assistant.backends``; optional ones are imported lazily, and a missing one is reported
with the extra to install. Nothing here runs at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.backends import ANSWERERS, EMBEDDERS, VECTOR_STORES, build_chat_model
from assistant.chain import Assistant
from assistant.fusion import fitted_alpha_unaccented
from assistant.retriever import HybridRetriever
from assistant.settings import Settings
from index.embeddings import NamedEmbeddings
from index.indexer import Indexer
from index.store import Store
from index.vectors import VectorIndex

__all__ = ["Components", "alpha_unaccented", "bundled_corpus", "build_embeddings", "build_chat_model", "close_components", "store_term_stats"]


def bundled_corpus() -> Path:
    """The folder of the bundled documents (corpus/documents, shipped as package data)."""
    from importlib import resources

    return Path(str(resources.files("corpus").joinpath("documents")))


def alpha_unaccented(settings: Settings) -> float:
    """The dense weight for a question typed without diacritics: the setting, else the fitted one."""
    return settings.alpha_unaccented if settings.alpha_unaccented is not None else fitted_alpha_unaccented()


def build_embeddings(settings: Settings) -> NamedEmbeddings:
    return EMBEDDERS.build(settings.embedder, settings)


def store_term_stats(store: Store):
    """Document frequencies from the keyword index, for the extractive answerer."""
    return store.keywords.term_stats


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
        return VECTOR_STORES.build(self.settings.vector_store, self.settings)

    @cached_property
    def vectors(self) -> VectorIndex:
        return VectorIndex(
            self.client, self.settings.collection, self.embeddings.name, self.embeddings.dimension, self.settings.search_ef
        )

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
            alpha_unaccented=alpha_unaccented(s),
            restore_diacritics=s.restore_diacritics,
        )

    @cached_property
    def answerer(self):
        return ANSWERERS.build(self.settings.answerer, self.settings, self.store)

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

