"""The plain LangChain tutorial pipeline, for comparison in the benchmarks.

What a user following the LangChain tutorials would build: a Chroma retriever over the
embeddings, a ``BM25Retriever`` built from all documents at query time (whitespace
tokens, no Vietnamese handling), and an ``EnsembleRetriever`` fusing both. It reads the
same chunks and the same Chroma collection as vankien, so only the retrieval design
differs.

The tutorial embeds with sentence-transformers; it gets vankien's embedder here, which is
sentence-transformers itself when ``VANKIEN_EMBEDDER=sentence-transformers``. With the
default bundled e5-small (the only multilingual model installable offline here; the
offline sentence-transformers model is English MiniLM) both pipelines search the same
vectors, which is the fair comparison.
"""

from __future__ import annotations

import time
from typing import Any

from langchain_core.documents import Document as LCDocument


class TutorialPipeline:
    def __init__(self, embeddings: Any, client: Any, collection: str, store: Any, k: int = 5) -> None:
        try:
            from langchain_chroma import Chroma
        except ImportError as exc:  # pragma: no cover
            raise SystemExit("the comparison needs: pip install 'vankien[bench]'") from exc
        self.vectorstore = Chroma(client=client, collection_name=collection, embedding_function=embeddings)
        self.store = store
        self.k = k

    def _all_documents(self) -> list[LCDocument]:
        rows = self.store.db.conn().execute('SELECT id, source, start, "end", text FROM chunks').fetchall()
        return [LCDocument(page_content=r[4], id=r[0], metadata={"source": r[1], "start": r[2], "end": r[3]}) for r in rows]

    def retrieve(self, question: str) -> tuple[list[LCDocument], dict[str, float]]:
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever

        t0 = time.perf_counter()
        docs = self._all_documents()
        bm25 = BM25Retriever.from_documents(docs, k=self.k)  # rebuilt at query time, as in the tutorial
        t1 = time.perf_counter()
        ensemble = EnsembleRetriever(retrievers=[bm25, self.vectorstore.as_retriever(search_kwargs={"k": self.k})], weights=[0.5, 0.5])
        found = ensemble.invoke(question)[: self.k]
        t2 = time.perf_counter()
        return found, {"bm25_build": (t1 - t0) * 1000, "search": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
