"""Recall and time of the Chroma nearest-neighbour search by its search breadth (HNSW ef).

    python -m eval.bench_search --home /data/party-home --questions eval/party_news_questions.jsonl \
        --ef 100,200,400,800 --out eval/benchmarks/search_ef.json

For each question: the exact 30 nearest chunks (cosine over every stored vector, numpy)
against what the collection's HNSW search returns at each ef; prints recall@30 and the
query time p50 / p95. Each ef is measured in a process of its own (Chroma reads it when
it loads the index); the collection's own ef is set back when done. The embedder runs
outside the timing. ``--synthetic N`` times the search on N random vectors instead (sizes
no index here has; random vectors are HNSW's hard case for recall):

    python -m eval.bench_search --synthetic 37000 --ef 100,400 --out eval/benchmarks/search_ef_37k.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from eval.metrics import percentile


def _search(col, ids: list[str], matrix, probes: list, k: int) -> dict:
    """Recall@k of the collection's search against the exact neighbours (cosine over the
    unit-length ``matrix``), and the query time p50 / p95."""
    import numpy as np

    hits, times = 0, []
    for v in probes:
        truth = set(ids[i] for i in np.argsort(-(matrix @ (v / np.linalg.norm(v))))[:k])
        t = time.perf_counter()
        got = col.query(query_embeddings=[v.tolist()], n_results=k, include=[])["ids"][0]
        times.append((time.perf_counter() - t) * 1000)
        hits += len(truth & set(got))
    return {
        f"recall@{k}": round(hits / (k * len(probes)), 4),
        "query_p50_ms": round(percentile(times, 50), 2),
        "query_p95_ms": round(percentile(times, 95), 2),
    }


def _children(args: list[str], efs: list[int], label: str) -> list[dict]:
    """One child process per breadth (``--one EF``), its JSON line read back."""
    rows = []
    for ef in efs:
        cmd = [sys.executable, "-m", "eval.bench_search", *args, "--one", str(ef)]
        row = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
        rows.append(row)
        print(f"{label}ef {ef:>5}: recall@30 {row['recall@30']:.4f}, query p50 {row['query_p50_ms']} ms, p95 {row['query_p95_ms']} ms", flush=True)
    return rows


def measure(home: Path, questions: list[str], ef: int, k: int = 30) -> dict:
    """Recall@k and query time at one search breadth. Chroma reads ef when it loads the
    index, at the first query of a process: each breadth is measured in a process of its
    own (``bench``), the collection given that ef on opening, as ``vankien`` does."""
    import numpy as np

    from assistant.factory import Components, close_components
    from assistant.settings import Settings

    components = Components(Settings(home=home, search_ef=ef))
    try:
        col = components.vectors.collection
        data = col.get(include=["embeddings"])
        ids = data["ids"]
        matrix = np.asarray(data["embeddings"], dtype=np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        probes = [np.asarray(components.embeddings.embed_query(q), dtype=np.float32) for q in questions]
        return {"ef_search": col.configuration["hnsw"]["ef_search"], "chunks": len(ids), **_search(col, ids, matrix, probes, k)}
    finally:
        close_components(components)


def measure_synthetic(n: int, ef: int, queries: int = 200, k: int = 30, dim: int = 384) -> dict:
    """Query time (and recall@k) at one breadth on ``n`` random unit vectors in a temporary
    collection: the search at sizes no index here has. Random vectors are the hard case
    for HNSW recall (real embeddings cluster); the time is what the size costs."""
    import shutil
    import tempfile

    import numpy as np

    from index.vectors import persistent_client

    rng = np.random.default_rng(0)
    data = rng.standard_normal((n, dim)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    probes = rng.standard_normal((queries, dim)).astype(np.float32)
    probes /= np.linalg.norm(probes, axis=1, keepdims=True)
    folder = tempfile.mkdtemp(prefix="vankien-bench-search-")
    try:
        col = persistent_client(Path(folder)).create_collection(
            "synthetic", configuration={"hnsw": {"space": "cosine", "ef_search": ef}}, embedding_function=None
        )
        for i in range(0, n, 5000):
            col.add(ids=[str(j) for j in range(i, min(n, i + 5000))], embeddings=data[i : i + 5000].tolist())
        return {"ef_search": ef, "chunks": n, "vectors": "random", **_search(col, [str(i) for i in range(n)], data, list(probes), k)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_synthetic(n: int, efs: list[int]) -> list[dict]:
    return _children(["--synthetic", str(n)], efs, f"{n} random vectors, ")


def bench(home: Path, questions_file: Path, efs: list[int]) -> list[dict]:
    """Each breadth in a child process; the collection's own breadth set back after."""
    from assistant.factory import Components, close_components
    from assistant.settings import Settings

    components = Components(Settings(home=home, search_ef=None))
    try:
        original = components.vectors.collection.configuration["hnsw"]["ef_search"]
    finally:
        close_components(components)
    try:
        return _children(["--home", str(home), "--questions", str(questions_file)], efs, "")
    finally:
        components = Components(Settings(home=home, search_ef=original))
        try:
            components.vectors.collection  # opening sets it
        finally:
            close_components(components)


def main(argv: list[str] | None = None) -> int:
    from eval.questions import load_questions

    parser = argparse.ArgumentParser(prog="python -m eval.bench_search", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, help="VANKIEN_HOME of an index")
    parser.add_argument("--questions", type=Path, help="question set (JSONL) whose questions are searched")
    parser.add_argument("--synthetic", type=int, help="instead: this many random vectors in a temporary collection (time at a size)")
    parser.add_argument("--ef", default="100,200,400,800", help="search breadths to measure, comma-separated")
    parser.add_argument("--out", type=Path, help="JSON file to write")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one breadth, JSON on stdout
    args = parser.parse_args(argv)
    if not args.synthetic and not (args.home and args.questions):
        parser.error("give --home and --questions, or --synthetic N")
    if args.one:
        if args.synthetic:
            print(json.dumps(measure_synthetic(args.synthetic, args.one)))
        else:
            print(json.dumps(measure(args.home, [q.question for q in load_questions(args.questions)], args.one)))
        return 0
    efs = [int(x) for x in args.ef.split(",") if x.strip()]
    if args.synthetic:
        result = {"questions": 200, "k": 30, "results": bench_synthetic(args.synthetic, efs)}
    else:
        result = {"questions": len(load_questions(args.questions)), "k": 30, "results": bench(args.home, args.questions, efs)}
    result["meta"] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "python": platform.python_version(), "questions_file": args.questions.name if args.questions else None}
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
