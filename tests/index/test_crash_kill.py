"""SIGKILL the real indexer at random points, restart, and compare with a clean run."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow  # real processes killed at random points




def _env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env.update({"VANKIEN_HOME": str(home), "VANKIEN_EMBED_WORKERS": "1", "VANKIEN_EMBED_BATCH_SIZE": "4"})
    return env


def _index(home, folder, timeout=600):
    return subprocess.run([sys.executable, "-m", "assistant.cli", "index", "-q", str(folder)], env=_env(home),
                          capture_output=True, text=True, timeout=timeout)


def _state(home):
    """(chunk ids in the keyword store, ids in Chroma, FTS rows, pending sources)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    conn = sqlite3.connect(home / "index" / "store.sqlite")
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM chunks"))
    fts = conn.execute("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'acc : đại'").fetchone()[0]
    pending = conn.execute("SELECT count(*) FROM sources WHERE status != 'done'").fetchone()[0]
    conn.close()
    client = chromadb.PersistentClient(path=str(home / "index" / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    chroma = sorted(client.get_collection("vankien").get(include=[])["ids"])
    return ids, chroma, fts, pending


def test_sigkill_at_random_points_then_restart_matches_a_clean_run(tmp_path, seeds_copy):
    clean = tmp_path / "clean"
    assert _index(clean, seeds_copy).returncode == 0
    expected = _state(clean)
    assert expected[0] == expected[1] and expected[3] == 0

    home = tmp_path / "killed"
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "-q", str(seeds_copy)], env=_env(home),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(1.5, 7.0))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
    assert kills >= 2
    out = _index(home, seeds_copy)
    assert out.returncode == 0, out.stderr
    assert _state(home) == expected  # same chunk ids, no duplicate, no orphan, FTS in step
