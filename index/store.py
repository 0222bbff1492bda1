"""The SQLite side of the index, opened as one: ``Store`` composes its components.

* ``store.docs``: the manifest and document store (``index.docstore.DocumentStore``);
* ``store.keywords``: the keyword index, SQLite FTS5 BM25 (``index.keyword.KeywordIndex``);
* ``store.health``: the health checks (``index.health.StoreHealth``);
* ``store.db``: the file itself, connections and transactions (``index.db.Database``).

All in one file, ``index/store.sqlite`` (the same tables as every earlier release, so an
existing index opens unchanged). The methods below delegate to the components; they are
the API the indexer, the library and the CLI use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from corpus.models import Chunk, Document
from index import docstore, keyword
from index.db import Database, Transaction
from index.docstore import DocumentStore, SourceInfo
from index.health import StoreHealth
from index.keyword import KeywordIndex
from index.passages import ScoredPassage
from index.tokens import TOKENIZER_VERSION, KeywordQuery

__all__ = ["Store", "SourceInfo"]


class Store:
    """The manifest, document store and keyword index of one index folder."""

    def __init__(self, path: Path) -> None:
        self.db = Database(path)
        self.db.create([docstore.SCHEMA, keyword.SCHEMA], {"tokenizer": TOKENIZER_VERSION})
        self.keywords = KeywordIndex(self.db)
        self.docs = DocumentStore(self.db, self.keywords)
        self.health = StoreHealth(self.db, self.docs, self.keywords)

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def transaction(self) -> Transaction:
        return self.db.transaction()

    def get_info(self, key: str) -> str | None:
        return self.db.get_info(key)

    def set_info(self, key: str, value: str) -> None:
        self.db.set_info(key, value)

    # -- document store --------------------------------------------------------------
    def sources(self, status: str | None = None) -> list[SourceInfo]:
        return self.docs.sources(status)

    def origins(self) -> list[str]:
        return self.docs.origins()

    def source_hashes(self) -> dict[str, tuple[str, str]]:
        return self.docs.source_hashes()

    def document(self, source: str) -> Document | None:
        return self.docs.document(source)

    def mark_pending(self, items: Iterable[tuple[str, str, str]]) -> None:
        self.docs.mark_pending(items)

    def chunk_ids(self, sources: Iterable[str]) -> set[str]:
        return self.docs.chunk_ids(sources)

    def all_chunk_ids(self) -> set[str]:
        return self.docs.chunk_ids(None)

    def write_documents(self, documents: list[tuple[Document, list[Chunk]]]) -> None:
        self.docs.write_documents(documents)

    def delete_sources(self, sources: Iterable[str]) -> None:
        self.docs.delete_sources(sources)

    def clear(self) -> None:
        self.docs.clear()

    def counts(self) -> tuple[int, int]:
        return self.docs.counts()

    def passages(self, ids: list[str]) -> dict[str, ScoredPassage]:
        return self.docs.passages(ids)

    def preceding_texts(self, keys: list[tuple[str, int]], chars: int = 400) -> dict[tuple[str, int], str]:
        return self.docs.preceding_texts(keys, chars)

    # -- keyword index -----------------------------------------------------------------
    def search(self, query: KeywordQuery | str, k: int = 20, **filters) -> list[ScoredPassage]:
        return self.keywords.search(query, k, **filters)

    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return self.keywords.document_frequencies(terms)

    def rebuild_keyword_index(self) -> int:
        return self.keywords.rebuild()

    def keyword_index_outdated(self) -> bool:
        return self.keywords.outdated()

    # -- health ------------------------------------------------------------------------
    def quick_check(self) -> str | None:
        return self.health.quick_check()

    def integrity_check(self) -> str | None:
        return self.health.integrity_check()
