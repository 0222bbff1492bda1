"""The Chroma side of the index: one collection of chunk embeddings.

Embedded (``PersistentClient`` under ``VANKIEN_HOME``) by default, or a Chroma server
(``chroma run``) by host/port. The collection records the embedder that built it
(name and dimension); opening it with another embedder is refused.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable

from index.errors import BackendError, IndexMismatchError
from index.passages import ScoredPassage

log = logging.getLogger(__name__)


def persistent_client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def http_client(host: str, port: int, ssl: bool = False, headers: dict[str, str] | None = None) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    try:
        client = chromadb.HttpClient(
            host=host, port=port, ssl=ssl, headers=headers, settings=ChromaSettings(anonymized_telemetry=False)
        )
        client.heartbeat()
    except Exception as exc:  # connection refused, DNS, TLS: all mean "cannot reach"
        raise BackendError(
            f"Cannot reach the Chroma server at {host}:{port} ({type(exc).__name__}).",
            hint="Start it with: chroma run --path DIR --port PORT, or unset VANKIEN_CHROMA_HOST "
            "to use the embedded store.",
        ) from exc
    return client


class VectorIndex:
    """Chunk embeddings in a Chroma collection (cosine space)."""

    def __init__(self, client: Any, collection: str, embedder_name: str, dimension: int, search_ef: int | None = None) -> None:
        self.client = client
        self.collection_name = collection
        self.embedder_name = embedder_name
        self.dimension = dimension
        self.search_ef = search_ef  # HNSW ef at query time (None: Chroma's, 100)
        self._collection: Any = None

    @property
    def collection(self) -> Any:
        if self._collection is None:
            self._collection = self._open()
        return self._collection

    def _open(self) -> Any:
        try:
            col = self.client.get_or_create_collection(
                self.collection_name,
                metadata={"embedder": self.embedder_name, "dimension": self.dimension},
                configuration={"hnsw": {"space": "cosine", **({"ef_search": self.search_ef} if self.search_ef else {})}},
                embedding_function=None,
            )
        except Exception as exc:
            raise BackendError(f"Cannot open the Chroma collection {self.collection_name!r}: {exc}") from exc
        meta = col.metadata or {}
        if meta.get("embedder") != self.embedder_name or int(meta.get("dimension", -1)) != self.dimension:
            raise IndexMismatchError(
                f"The index was built with the embedder {meta.get('embedder')!r} "
                f"(dimension {meta.get('dimension')}), but {self.embedder_name!r} "
                f"(dimension {self.dimension}) is configured.",
                hint="Use the embedder it was built with, or rebuild: vankien index --rebuild "
                "(Chỉ mục được tạo bằng mô hình khác: chạy vankien index --rebuild)",
            )
        self._set_search_ef(col)
        return col

    def _set_search_ef(self, col: Any) -> None:
        """Give a collection made with another search breadth (an index built before, or
        Chroma's default 100) the configured one. HNSW is approximate: with 100 it misses
        some of the nearest chunks, and which ones depends on the graph each process loads."""
        if not self.search_ef:
            return
        try:
            current = (col.configuration or {}).get("hnsw", {}).get("ef_search")
            if current != self.search_ef:
                col.modify(configuration={"hnsw": {"ef_search": self.search_ef}})
        except Exception as exc:  # an older server, a read-only store: search as it is
            log.warning("Could not set the search breadth (ef_search) of %s: %s", self.collection_name, exc)

    def reset(self) -> None:
        """Drop the collection (for --rebuild); it is re-created on next use."""
        try:
            self.client.delete_collection(self.collection_name)
        except Exception:  # it did not exist
            pass
        self._collection = None

    def count(self) -> int:
        return int(self.collection.count())

    def upsert(self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict]) -> None:
        if not ids:
            return
        batch = 1000
        for i in range(0, len(ids), batch):
            self.collection.upsert(
                ids=ids[i : i + batch],
                embeddings=vectors[i : i + batch],
                documents=texts[i : i + batch],
                metadatas=[_clean_meta(m) for m in metadatas[i : i + batch]],
            )

    def delete_ids(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 1000):
            self.collection.delete(ids=ids[i : i + 1000])

    def delete_sources(self, sources: Iterable[str]) -> None:
        sources = list(sources)
        for i in range(0, len(sources), 200):
            part = sources[i : i + 200]
            where = {"source": part[0]} if len(part) == 1 else {"source": {"$in": part}}
            self.collection.delete(where=where)

    def get_vectors(self, ids: list[str]) -> dict[str, list[float]]:
        """The stored embeddings of those of ``ids`` that are in the collection (a chunk
        indexed before, e.g. before its manifest was lost, is not embedded again)."""
        out: dict[str, list[float]] = {}
        for i in range(0, len(ids), 1000):
            got = self.collection.get(ids=ids[i : i + 1000], include=["embeddings"])
            for cid, vector in zip(got["ids"], got["embeddings"]):
                out[cid] = [float(x) for x in vector]
        return out

    def sources_of(self, ids: list[str]) -> set[str]:
        """The sources these vectors belong to (from their metadata)."""
        out: set[str] = set()
        for i in range(0, len(ids), 1000):
            got = self.collection.get(ids=ids[i : i + 1000], include=["metadatas"])
            out.update(str((m or {}).get("source", "?")) for m in got["metadatas"])
        return out

    def all_ids(self, page: int = 5000) -> set[str]:
        ids: set[str] = set()
        offset = 0
        while True:
            got = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            ids.update(got)
            if len(got) < page:
                return ids
            offset += page

    def search(self, vector: list[float], k: int, where: dict | None = None) -> list[ScoredPassage]:
        """Nearest chunks, best first: passages with ``dense`` (= ``score``, cosine) set."""
        result = self.collection.query(
            query_embeddings=[vector], n_results=k, where=where or None, include=["distances", "metadatas", "documents"]
        )
        out = []
        for cid, distance, meta, text in zip(
            result["ids"][0], result["distances"][0], result["metadatas"][0], result["documents"][0]
        ):
            meta = meta or {}
            cosine = 1.0 - float(distance)
            out.append(
                ScoredPassage(
                    id=cid, source=str(meta.get("source", "")), text=text or "", start=int(meta.get("start", 0)),
                    end=int(meta.get("end", 0)), dense=cosine, score=cosine,
                )
            )
        return out


def _clean_meta(meta: dict) -> dict:
    """Chroma metadata values must be str, int, float or bool (no None)."""
    return {k: v for k, v in meta.items() if isinstance(v, (str, int, float, bool))}
