"""The plain LangChain pipeline, for comparison in the benchmarks, built two ways.

What a user following the LangChain tutorials builds: a Chroma retriever over the
embeddings and a ``BM25Retriever`` (whitespace tokens, no Vietnamese handling), fused by
an ``EnsembleRetriever`` (weighted RRF). It reads the same chunks and the same Chroma
collection as vankien, so only the retrieval design differs.

* ``built_once`` (the fair baseline): BM25 and the ensemble are built once, at start,
  from all stored chunks (``build`` reports the time and memory), and each question only
  searches. This is what a service would do.
* ``rebuilt``: BM25 rebuilt from all chunks on every question, as the tutorials' notebook
  code does when retrieval sits inside the per-question function; earlier releases of
  this benchmark measured only this one.

The tutorial embeds with sentence-transformers; it gets vankien's embedder here, which is
sentence-transformers itself when ``VANKIEN_EMBEDDER=sentence-transformers``. With the
default bundled e5-small (the only multilingual model installable offline here; the
offline sentence-transformers model is English MiniLM) both pipelines search the same
vectors, which is the fair comparison.
"""

from __future__ import annotations

import importlib
import time
from typing import Any

from langchain_core.documents import Document as LCDocument


class TutorialPipeline:
    def __init__(self, embeddings: Any, client: Any, collection: str, store: Any, k: int = 5) -> None:
        try:
            from langchain_chroma import Chroma

            for name in ("langchain_classic.retrievers", "langchain_community.retrievers", "rank_bm25"):
                importlib.import_module(name)
        except ImportError as exc:  # pragma: no cover
            raise SystemExit("the comparison needs: pip install 'vankien[bench]'") from exc
        self.vectorstore = Chroma(client=client, collection_name=collection, embedding_function=embeddings)
        self.store = store
        self.k = k
        self.ensemble: Any = None

    def _all_documents(self) -> list[LCDocument]:
        rows = self.store.db.conn().execute('SELECT id, source, start, "end", text FROM chunks').fetchall()
        return [LCDocument(page_content=r[4], id=r[0], metadata={"source": r[1], "start": r[2], "end": r[3]}) for r in rows]

    def _ensemble(self) -> Any:
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever

        bm25 = BM25Retriever.from_documents(self._all_documents(), k=self.k)
        dense = self.vectorstore.as_retriever(search_kwargs={"k": self.k})
        return EnsembleRetriever(retrievers=[bm25, dense], weights=[0.5, 0.5])

    def build(self) -> dict[str, float]:
        """Build BM25 and the ensemble once (for ``retrieve``): seconds taken."""
        t0 = time.perf_counter()
        self.ensemble = self._ensemble()
        return {"build_seconds": round(time.perf_counter() - t0, 2)}

    def retrieve(self, question: str) -> tuple[list[LCDocument], dict[str, float]]:
        """Search the ensemble built once (``build`` first)."""
        if self.ensemble is None:
            self.build()
        t0 = time.perf_counter()
        found = self.ensemble.invoke(question)[: self.k]
        return found, {"search": (time.perf_counter() - t0) * 1000, "total": (time.perf_counter() - t0) * 1000}

    def retrieve_rebuilt(self, question: str) -> tuple[list[LCDocument], dict[str, float]]:
        """Rebuild BM25 from all chunks, then search: the per-question rebuild."""
        t0 = time.perf_counter()
        ensemble = self._ensemble()
        t1 = time.perf_counter()
        found = ensemble.invoke(question)[: self.k]
        t2 = time.perf_counter()
        return found, {"bm25_build": (t1 - t0) * 1000, "search": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
