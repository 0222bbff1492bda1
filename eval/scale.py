"""How vankien scales with corpus size (used by ``python -m eval.bench``).

* ``scale``: for each size, grow one index to the first N articles of the 35k news
  corpus (+ the bundled corpus), then run the ``index`` and ``ask`` benchmarks on it and
  write ``scale_N.json``; the index is incremental, so each size embeds only its new
  articles. Ends with the plot.
* ``components``: keyword search (real FTS index of real articles) and vector search
  (stand-in vectors) alone, up to the whole 35k corpus.
* ``plot``: latency and memory against corpus size, from those JSON files.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any


def bench_scale(args: argparse.Namespace) -> dict[str, Any]:
    from eval.bench import bench_ask, bench_index

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    # the questions are about the bundled corpus: it is indexed beside the news
    bench_index(argparse.Namespace(corpus="bundled", n=None, offset=0, home=args.home, rebuild=False, sample=4))
    for size in sorted(int(x) for x in args.sizes.split(",")):
        index = bench_index(
            argparse.Namespace(corpus="all", n=size, offset=0, home=args.home, rebuild=False, sample=args.sample, data=args.data)
        )
        print(json.dumps({"size": size, "index": index}, ensure_ascii=False), file=sys.stderr)
        ask = bench_ask(
            argparse.Namespace(home=args.home, questions=args.questions, modes=args.modes, tutorial=args.tutorial)
        )
        result = {
            "corpus": f"first {size} articles of vinews-35k.jsonl.xz + the bundled corpus",
            "index": index,
            "ask": ask,
        }
        path = out_dir / f"scale_{size}.json"
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(str(path))
        print(json.dumps({"size": size, "written": str(path)}), file=sys.stderr)
    components = out_dir / "components.json"
    plotted = plot(
        argparse.Namespace(
            inputs=sorted(str(p) for p in out_dir.glob("scale_*.json")),
            components=str(components) if components.exists() else None,
            out=str(out_dir / "scale.png"),
        )
    )
    return {"benchmark": "scale", "written": written, "plot": plotted["plot"]}


def bench_components(args: argparse.Namespace) -> dict[str, Any]:
    """How keyword search and vector search grow with corpus size, each alone.

    The keyword index is the real one (real chunks of real articles). The vector index
    holds random unit vectors, one per chunk: HNSW search time depends on how many vectors
    there are, not on their values, and embedding 35k articles with the CPU model would
    take about a day. End-to-end figures with real embeddings are in the scale runs."""
    import numpy as np

    from assistant.query import understand
    from assistant.retriever import HybridRetriever
    from corpus.models import Document
    from corpus.pipeline import prepare
    from eval.bench import dir_size_mb, iter_corpus, machine, peak_rss_mb
    from eval.metrics import percentile
    from eval.questions import load_questions
    from index.store import Store
    from index.vectors import VectorIndex, persistent_client

    home = Path(args.home)
    store = Store(home / "store.sqlite")
    vectors = VectorIndex(persistent_client(home / "chroma"), "components", "random-unit-384", 384)
    retriever = HybridRetriever(None, vectors, store)
    questions = [understand(q.question, q.history) for q in load_questions(Path(args.questions))]
    rng = np.random.default_rng(0)
    sizes = sorted(int(x) for x in args.sizes.split(","))
    results: list[dict[str, Any]] = []
    done = 0
    docs = iter_corpus("all", sizes[-1], data=args.data)
    for size in sizes:
        batch: list[tuple[Any, list]] = []
        t0 = time.perf_counter()
        while done < size:
            item = next(docs, None)
            if item is None:
                break
            done += 1
            if not isinstance(item, Document):
                continue
            prepared = prepare(item)
            batch.append((prepared.document, prepared.chunks))
            if len(batch) >= 200:
                _write(store, vectors, batch, rng)
                batch = []
        if batch:
            _write(store, vectors, batch, rng)
        build = time.perf_counter() - t0
        kw_ms, dense_ms = [], []
        for _ in range(args.repeat):
            for q in questions:
                t = time.perf_counter()
                store.search(retriever.keyword_query(q), 30)
                kw_ms.append((time.perf_counter() - t) * 1000)
                v = rng.standard_normal(384).astype("float32")
                v /= np.linalg.norm(v)
                t = time.perf_counter()
                vectors.search(v.tolist(), 30)
                dense_ms.append((time.perf_counter() - t) * 1000)
        n_sources, n_chunks = store.counts()
        row = {
            "documents": n_sources,
            "chunks": n_chunks,
            "keyword_ms": {"p50": round(percentile(kw_ms, 50), 2), "p95": round(percentile(kw_ms, 95), 2)},
            "dense_ms": {"p50": round(percentile(dense_ms, 50), 2), "p95": round(percentile(dense_ms, 95), 2)},
            "keyword_build_docs_per_s": round((done - (results[-1]["documents"] if results else 0)) / build, 1),
            "store_mb": dir_size_mb(home),
            "peak_rss_mb": peak_rss_mb(),
        }
        print(json.dumps(row), file=sys.stderr)
        results.append(row)
    return {"benchmark": "components", "questions": len(questions), "sizes": results, "machine": machine()}


def _write(store: Any, vectors: Any, batch: list, rng: Any) -> None:
    import numpy as np

    store.mark_pending((doc.source, doc.content_hash, "components") for doc, _ in batch)
    chunks = [c for _, cs in batch for c in cs]
    if chunks:
        vecs = rng.standard_normal((len(chunks), 384)).astype("float32")
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        vectors.upsert([c.id for c in chunks], vecs.tolist(), [c.text for c in chunks], [{"source": c.source} for c in chunks])
    store.write_documents(batch)


def plot(args: argparse.Namespace) -> dict[str, Any]:
    """Latency and memory against corpus size, from scale runs' JSON files (and the
    components benchmark, when given, for the search times up to the whole corpus)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = [json.loads(Path(path).read_text(encoding="utf-8")) for path in args.inputs]
    points.sort(key=lambda d: d["index"]["index_sources"])
    sizes = [d["index"]["index_sources"] for d in points]
    components = None
    if getattr(args, "components", None):
        components = json.loads(Path(args.components).read_text(encoding="utf-8"))
    panels = 3 if components else 2
    fig, axes = plt.subplots(1, panels, figsize=(5.5 * panels, 4), dpi=110)
    ax1, ax2 = axes[0], axes[1]
    for key in ("retrieve", "embed_query", "dense_search", "keyword_search", "answer", "total"):
        ys = [d["ask"]["modes"]["hybrid"]["latency_ms"].get(key, {}).get("p95") for d in points]
        if any(y is not None for y in ys):
            ax1.plot(sizes, ys, marker="o", label=f"{key} p95")
    ax1.axhline(150, color="grey", linestyle=":", linewidth=1)
    ax1.axhline(60, color="grey", linestyle="--", linewidth=1)
    ax1.set_xlabel("documents indexed")
    ax1.set_ylabel("ms")
    ax1.set_title("ask latency, p95 (targets: ask 150, retrieval 60)")
    ax1.legend(fontsize=8)
    ax2.plot(sizes, [d["index"]["peak_rss_mb"] for d in points], marker="o", label="peak RSS while indexing (MB)")
    ax2.plot(sizes, [d["index"]["index_size_mb"] for d in points], marker="s", label="index on disk (MB)")
    ax2.set_xlabel("documents indexed")
    ax2.set_title("memory and disk")
    ax2.legend(fontsize=8)
    if components:
        ax3 = axes[2]
        rows = components["sizes"]
        xs = [r["chunks"] for r in rows]
        ax3.plot(xs, [r["keyword_ms"]["p95"] for r in rows], marker="o", label="keyword search p95")
        ax3.plot(xs, [r["dense_ms"]["p95"] for r in rows], marker="s", label="vector search p95")
        ax3.set_xlabel("chunks indexed")
        ax3.set_ylabel("ms")
        ax3.set_title("search alone, up to the 35k corpus")
        ax3.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out)
    return {"plot": args.out, "sizes": sizes}
