"""Time the extractive answer step alone, replaying a retrieval cache of ``eval.fit``.

    python -m eval.bench_answer /tmp/fit-cache/retrieval-party_news-*.jsonl --out eval/benchmarks/answer_step.json

Prints wall-clock and CPU-time p50 / p95 per question (one process, caches cold at
start, as for a new server). CPU time is what the step costs; wall time on a shared
machine also holds the waits for the CPU."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from eval.metrics import percentile


def bench(path: Path) -> dict:
    from assistant.extractive import ExtractiveAnswerer
    from assistant.query import understand
    from eval.fit import _passage

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    answerer = ExtractiveAnswerer(lambda terms: ({}, 1))
    answerer.warm_up()
    wall, cpu = [], []
    for row in rows:
        df, n = row["df"], row["n"]
        answerer.term_stats = lambda terms, df=df, n=n: ({t: int(df.get(t, 0)) for t in terms}, n)
        passages = [_passage(p) for p in row["passages"]]
        query = understand(row["question"])
        w, c = time.perf_counter(), time.process_time()
        answerer.answer(query, passages)
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {
        "cache": path.name,
        "questions": len(rows),
        "passages_per_question": round(sum(len(r["passages"]) for r in rows) / max(1, len(rows)), 1),
        "wall_p50_ms": round(percentile(wall, 50), 1),
        "wall_p95_ms": round(percentile(wall, 95), 1),
        "cpu_p50_ms": round(percentile(cpu, 50), 1),
        "cpu_p95_ms": round(percentile(cpu, 95), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_answer")
    parser.add_argument("caches", nargs="+", type=Path)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    results = [bench(p) for p in args.caches]
    for r in results:
        print(f"{r['cache']}: {r['questions']} questions, answer step wall p50 {r['wall_p50_ms']} / p95 {r['wall_p95_ms']} ms, "
              f"CPU p50 {r['cpu_p50_ms']} / p95 {r['cpu_p95_ms']} ms")
    if args.out:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        meta = {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "load_average_1min": load, "python": platform.python_version()}
        Path(args.out).write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
