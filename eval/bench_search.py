"""Recall and time of the Chroma nearest-neighbour search by its search breadth (HNSW ef).

    python -m eval.bench_search --home /data/party-home --questions eval/party_news_questions.jsonl \
        --ef 100,200,400,800 --out eval/benchmarks/search_ef.json

For each question: the exact 30 nearest chunks (cosine over every stored vector, numpy)
against what the collection's HNSW search returns at each ef; prints recall@30 and the
query time p50 / p95. Each ef is measured in a process of its own (Chroma reads it when
it loads the index); the collection's own ef is set back when done. The embedder runs
outside the timing.
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
        hits, times = 0, []
        for q in questions:
            v = np.asarray(components.embeddings.embed_query(q), dtype=np.float32)
            truth = set(ids[i] for i in np.argsort(-(matrix @ (v / np.linalg.norm(v))))[:k])
            t = time.perf_counter()
            got = col.query(query_embeddings=[v.tolist()], n_results=k, include=[])["ids"][0]
            times.append((time.perf_counter() - t) * 1000)
            hits += len(truth & set(got))
        return {
            "ef_search": col.configuration["hnsw"]["ef_search"],
            "chunks": len(ids),
            f"recall@{k}": round(hits / (k * len(questions)), 4),
            "query_p50_ms": round(percentile(times, 50), 2),
            "query_p95_ms": round(percentile(times, 95), 2),
        }
    finally:
        close_components(components)


def bench(home: Path, questions_file: Path, efs: list[int]) -> list[dict]:
    """Each breadth in a child process; the collection's own breadth set back after."""
    from assistant.factory import Components, close_components
    from assistant.settings import Settings

    components = Components(Settings(home=home, search_ef=None))
    try:
        original = components.vectors.collection.configuration["hnsw"]["ef_search"]
    finally:
        close_components(components)
    rows = []
    try:
        for ef in efs:
            cmd = [sys.executable, "-m", "eval.bench_search", "--home", str(home), "--questions", str(questions_file), "--one", str(ef)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            rows.append(row)
            print(f"ef {ef:>5}: recall@30 {row['recall@30']:.4f}, query p50 {row['query_p50_ms']} ms, p95 {row['query_p95_ms']} ms", flush=True)
    finally:
        components = Components(Settings(home=home, search_ef=original))
        try:
            components.vectors.collection  # opening sets it
        finally:
            close_components(components)
    return rows


def main(argv: list[str] | None = None) -> int:
    from eval.questions import load_questions

    parser = argparse.ArgumentParser(prog="python -m eval.bench_search", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, required=True, help="VANKIEN_HOME of an index")
    parser.add_argument("--questions", type=Path, required=True, help="question set (JSONL) whose questions are searched")
    parser.add_argument("--ef", default="100,200,400,800", help="search breadths to measure, comma-separated")
    parser.add_argument("--out", type=Path, help="JSON file to write")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one breadth, JSON on stdout
    args = parser.parse_args(argv)
    if args.one:
        questions = [q.question for q in load_questions(args.questions)]
        print(json.dumps(measure(args.home, questions, args.one)))
        return 0
    efs = [int(x) for x in args.ef.split(",") if x.strip()]
    result = {"questions": len(load_questions(args.questions)), "k": 30, "results": bench(args.home, args.questions, efs)}
    result["meta"] = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "python": platform.python_version(), "questions_file": args.questions.name}
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
