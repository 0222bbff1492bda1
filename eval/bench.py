"""Benchmarks that print figures and write them as JSON (committed with their results).

    python -m eval.bench index --corpus bundled --out eval/benchmarks/index_bundled.json
    python -m eval.bench index --corpus party --n 1000 --home /tmp/bench-party --out ...
    python -m eval.bench ask --home /tmp/bench-party --questions eval/questions.jsonl --out ...
    python -m eval.bench scale --sizes 1000,5000,10000 --home /tmp/scale --out-dir eval/benchmarks
    python -m eval.bench components --home /tmp/comp --out eval/benchmarks/components.json

``index`` measures the indexing pipeline (docs/s, chunks/s, embedder alone, peak
memory, size on disk); ``ask`` measures ask latency (retrieval split into its parts,
and answering) and answer accuracy with dense only, keyword only and fused retrieval,
and, with ``--tutorial``, the LangChain pipeline (BM25 + Chroma in an EnsembleRetriever,
built once; and rebuilt per question unless ``--skip-rebuilt``) on the same index and
questions. ``scale``, ``components`` and ``plot`` are in ``eval/scale.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any, Iterator

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def machine() -> dict[str, Any]:
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "memory_gb": round(mem_gb, 1), "cpu": cpu, "python": platform.python_version()}


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own + children, 1)


def dir_size_mb(path: Path) -> float:
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return round(total / 2**20, 2)


def iter_corpus(corpus: str, n: int | None, offset: int = 0, data: Path | None = None) -> Iterator[Any]:
    """The bundled corpus, or the first ``n`` articles (after ``offset``) of the party news
    (``party``) or of the whole 35k news corpus (``all``) found in ``data``."""
    data = Path(data) if data else SHARED_DATA
    from assistant.factory import bundled_corpus
    from corpus.loaders import iter_documents, iter_jsonl

    if corpus == "bundled":
        yield from iter_documents([bundled_corpus()])
        return
    if corpus in ("party", "all"):
        path = data / ("vinews-party.jsonl" if corpus == "party" else "vinews-35k.jsonl.xz")
        if not path.exists():
            raise SystemExit(f"{path} not found: give the folder that holds it with --data")
    if corpus == "party":
        yield from itertools.islice(iter_jsonl(path, path.name), offset, offset + n if n else None)
        return
    if corpus == "all":
        import lzma

        from corpus.models import Document
        from corpus.text import nfc

        with lzma.open(path, "rt", encoding="utf-8") as fh:
            for line in itertools.islice(fh, offset, offset + n if n else None):
                row = json.loads(line)
                yield Document(source=row["id"], text=nfc(row["text"]), title=nfc(row.get("title") or ""))
        return
    raise SystemExit(f"unknown corpus {corpus}")


def bench_index(args: argparse.Namespace) -> dict[str, Any]:
    from assistant.factory import Components
    from assistant.settings import Settings
    from corpus.models import Document
    from corpus.pipeline import embedding_text, prepare

    home = Path(args.home)
    settings = Settings(home=home)
    components = Components(settings)
    root = f"bench:{args.corpus}"
    docs_seen = 0

    def items():
        nonlocal docs_seen
        for item in iter_corpus(args.corpus, args.n, args.offset, getattr(args, "data", None)):
            docs_seen += 1
            yield root, item

    components.embeddings.warm_up()
    t0 = time.perf_counter()
    report = components.indexer.run(items(), roots=[root], rebuild=args.rebuild)
    wall = time.perf_counter() - t0
    n_chunks = report.chunks_embedded + report.chunks_reused
    # the embedder alone, on a sample of the same chunk texts
    sample_texts = []
    for item in itertools.islice(iter_corpus(args.corpus, args.n, args.offset, getattr(args, "data", None)), 40):
        if isinstance(item, Document):
            sample_texts.extend(embedding_text(c) for c in prepare(item, settings.chunk_size, settings.chunk_overlap).chunks)
    sample_texts = sample_texts[: args.sample]
    t1 = time.perf_counter()
    components.embeddings.embed_documents(sample_texts)
    embed_alone = len(sample_texts) / (time.perf_counter() - t1)
    from assistant.factory import close_components

    close_components(components)
    n_sources, n_stored = components.store.counts()
    return {
        "benchmark": "index",
        "corpus": args.corpus,
        "documents": docs_seen,
        "added": len(report.added),
        "unchanged": report.unchanged,
        "failed": len(report.failed),
        "chunks": n_chunks,
        "chunks_embedded": report.chunks_embedded,
        "seconds": round(wall, 2),
        "docs_per_s": round(docs_seen / wall, 3) if wall else None,
        "chunks_per_s": round(n_chunks / wall, 3) if wall else None,
        "embed_seconds": round(report.embed_seconds, 2),
        "embedder_alone_chunks_per_s": round(embed_alone, 3),
        "pipeline_overhead_share": round(1 - report.embed_seconds / wall, 3) if wall else None,
        "peak_rss_mb": peak_rss_mb(),
        "index_size_mb": dir_size_mb(settings.index_dir),
        "index_sources": n_sources,
        "index_chunks": n_stored,
        "embedder": components.embeddings.name,
        "embed_workers": settings.embed_workers,
        "chunk_size": settings.chunk_size,
        "machine": machine(),
    }


def bench_ask(args: argparse.Namespace) -> dict[str, Any]:
    from assistant.factory import Components
    from assistant.settings import Settings
    from eval.metrics import Row, percentile, summarize
    from eval.questions import load_questions

    settings = Settings(home=Path(args.home))
    questions = load_questions(Path(args.questions))
    t0 = time.perf_counter()
    components = Components(settings)
    components.assistant.warm_up()
    warm = time.perf_counter() - t0
    if questions:  # time to first answer: from building the components to the first answer
        components.assistant.ask(questions[0].question, history=questions[0].history)
    first_answer = time.perf_counter() - t0
    out: dict[str, Any] = {
        "benchmark": "ask",
        "questions": len(questions),
        "questions_file": Path(args.questions).name,
        "index_sources": components.store.counts()[0],
        "index_chunks": components.store.counts()[1],
        "warm_up_seconds": round(warm, 2),
        "first_answer_seconds": round(first_answer, 2),
        "machine": machine(),
        "modes": {},
    }
    for mode in args.modes.split(","):
        components.retriever.mode = mode
        timings: dict[str, list[float]] = {}
        rows = []
        for q in questions:
            t = time.perf_counter()
            answer = components.assistant.ask(q.question, history=q.history)
            total = (time.perf_counter() - t) * 1000
            for key, value in answer.timings_ms.items():
                timings.setdefault(key, []).append(value)
            timings.setdefault("total", []).append(total)
            rows.append(Row(q, answer.answer, answer.found, [c.model_dump(mode="json") for c in answer.citations], total))
        summary = summarize(rows)
        out["modes"][mode] = {
            "answer_accuracy": summary["answer_accuracy"],
            "hit@1": summary["hit@1"],
            "citation_precision": summary["citation_precision"],
            "refusal_recall": summary["refusal_recall"],
            "answerable_refused": summary["answerable_refused"],
            "latency_ms": {
                key: {"p50": round(percentile(v, 50), 2), "p95": round(percentile(v, 95), 2)} for key, v in sorted(timings.items())
            },
        }
    if args.tutorial:
        out["tutorial_comparison"] = compare_tutorial(
            components, questions, settings.top_k, rebuilt=not getattr(args, "skip_rebuilt", False)
        )
    return out


class _QueryTimer:
    """The embedder both pipelines share, timing its query embeddings (so that latency can
    be compared without the query embedding, which both pay alike and which a loaded
    machine slows the most)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.ms = 0.0

    def embed_query(self, text: str) -> list[float]:
        t = time.perf_counter()
        try:
            return self.inner.embed_query(text)
        finally:
            self.ms += (time.perf_counter() - t) * 1000

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def compare_tutorial(components: Any, questions: list, k: int, rebuilt: bool = True) -> dict[str, Any]:
    """vankien retrieval against the LangChain pipeline on the same questions: the
    EnsembleRetriever built once (the fair baseline) and, with ``rebuilt``, rebuilt per
    question (the earlier straw man). Ratios are the baseline's latency over vankien's,
    with and without the query embedding that both pay."""
    from eval.metrics import percentile
    from eval.tutorial import TutorialPipeline

    components.retriever.mode = "hybrid"
    timer = _QueryTimer(components.embeddings)
    real_embeddings, components.retriever.embeddings = components.retriever.embeddings, timer
    tutorial = TutorialPipeline(timer, components.client, components.settings.collection, components.store, k)
    rss_before = peak_rss_mb()
    build = tutorial.build()
    build["peak_rss_mb_added"] = round(peak_rss_mb() - rss_before, 1)
    names = ("vankien", "once", "rebuilt")
    runs: dict[str, dict[str, list]] = {name: {"ms": [], "search_ms": [], "hit1": [], "hit5": []} for name in names}

    def run(name: str, call: Any, gold: set[str]) -> None:
        timer.ms = 0.0
        t = time.perf_counter()
        sources = call()
        ms = (time.perf_counter() - t) * 1000
        r = runs[name]
        r["ms"].append(ms)
        r["search_ms"].append(ms - timer.ms)
        r["hit1"].append(bool(sources) and sources[0] in gold)
        r["hit5"].append(any(s in gold for s in sources[:5]))

    try:
        for q in questions:
            if not q.sources:
                continue
            gold, text = set(q.sources), " ".join([*q.history[-1:], q.question])
            run("vankien", lambda: [p.source for p in components.assistant.retrieve(q.question, history=q.history, k=k)], gold)
            run("once", lambda: [d.metadata.get("source") for d in tutorial.retrieve(text)[0]], gold)
            if rebuilt:
                run("rebuilt", lambda: [d.metadata.get("source") for d in tutorial.retrieve_rebuilt(text)[0]], gold)
    finally:
        components.retriever.embeddings = real_embeddings

    def summary(name: str) -> dict[str, float] | None:
        r = runs[name]
        if not r["ms"]:
            return None
        n = len(r["ms"])
        return {"p50_ms": round(percentile(r["ms"], 50), 2), "p95_ms": round(percentile(r["ms"], 95), 2),
                "p50_ms_without_query_embedding": round(percentile(r["search_ms"], 50), 2),
                "p95_ms_without_query_embedding": round(percentile(r["search_ms"], 95), 2),
                "hit@1": round(sum(r["hit1"]) / n, 4), "hit@5": round(sum(r["hit5"]) / n, 4)}

    ours, once, per_query = summary("vankien"), summary("once"), summary("rebuilt")
    out: dict[str, Any] = {
        "questions": len(runs["vankien"]["ms"]),
        "vankien_retrieval": ours,
        "langchain_ensemble_built_once": {**(once or {}), **build},
        "langchain_rebuilt_per_query": per_query,
    }
    for label, theirs in (("built_once", once), ("rebuilt_per_query", per_query)):
        for key in ("p50_ms", "p95_ms", "p50_ms_without_query_embedding", "p95_ms_without_query_embedding"):
            ratio = round(theirs[key] / ours[key], 2) if theirs and ours and ours[key] else None
            out[f"latency_ratio_{key.replace('_ms', '')}_{label}"] = ratio
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench")
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("index")
    p.add_argument("--corpus", choices=["bundled", "party", "all"], default="bundled")
    p.add_argument("--n", type=int, default=None)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--data", help="folder of vinews-35k.jsonl.xz / vinews-party.jsonl (default ../shared/data)")
    p.add_argument("--home", default=None)
    p.add_argument("--rebuild", action="store_true")
    p.add_argument("--sample", type=int, default=64)
    p.add_argument("--out")
    p = sub.add_parser("ask")
    p.add_argument("--home", required=True)
    p.add_argument("--questions", default=str(Path(__file__).with_name("questions.jsonl")))
    p.add_argument("--modes", default="hybrid,dense,keyword")
    p.add_argument("--tutorial", action="store_true", help="compare with the LangChain tutorial pipeline")
    p.add_argument("--skip-rebuilt", action="store_true", help="with --tutorial: only the baseline built once")
    p.add_argument("--out")
    p = sub.add_parser("scale", help="index + ask at growing sizes of the 35k news corpus, then the plot")
    p.add_argument("--home", required=True)
    p.add_argument("--sizes", default="1000,3000,5000")
    p.add_argument("--questions", default=str(Path(__file__).with_name("questions.jsonl")))
    p.add_argument("--modes", default="hybrid,dense,keyword")
    p.add_argument("--tutorial", action="store_true", help="compare with the LangChain tutorial pipeline")
    p.add_argument("--sample", type=int, default=64)
    p.add_argument("--out-dir", default=str(Path(__file__).with_name("benchmarks")))
    p.add_argument("--data", help="folder of vinews-35k.jsonl.xz (default ../shared/data)")
    p.add_argument("--out")
    p = sub.add_parser("components")
    p.add_argument("--home", required=True)
    p.add_argument("--sizes", default="1000,5000,10000,35440")
    p.add_argument("--questions", default=str(Path(__file__).with_name("questions.jsonl")))
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--data", help="folder of vinews-35k.jsonl.xz (default ../shared/data)")
    p.add_argument("--out")
    p = sub.add_parser("plot")
    p.add_argument("inputs", nargs="+", help="scale JSON files ({'index': ..., 'ask': ...})")
    p.add_argument("--components", help="the components benchmark's JSON, for a third panel")
    p.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    from eval import scale

    if args.what == "plot":
        print(json.dumps(scale.plot(args)))
        return 0
    if args.what == "index" and not args.home:
        import tempfile

        args.home = tempfile.mkdtemp(prefix="vankien-bench-")
    runners = {"index": bench_index, "ask": bench_ask, "scale": scale.bench_scale, "components": scale.bench_components}
    result = runners[args.what](args)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
