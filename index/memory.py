"""Keeping the memory of a long indexing run bounded: glibc's allocator, told what to do.

Python, SQLite and Chroma's native code free what a window of a large file needed, but
glibc keeps freed pages in its arenas, and gives every thread that allocates one of its
own (up to 8 per core). Chroma's threads free memory other threads allocated, so the
arenas fragment: measured on a 12-24 MB file, the resident size grew about 3.9 KB per
passage, of which Chroma's vector index holds about 2.2 KB. Two arenas and a trim after
each window bring the slope down to that of the vector index (``eval/bench_memory.py``).
With another C library both calls do nothing.
"""

from __future__ import annotations

import ctypes

_M_ARENA_MAX = -8  # mallopt parameter (malloc.h)


def _libc_function(name: str):
    try:
        return getattr(ctypes.CDLL(None), name, None)  # the C library the process runs on
    except OSError:
        return None


def limit_arenas(arenas: int = 2) -> bool:
    """Let threads share ``arenas`` allocator arenas. Call it before the threads that
    will allocate are started (before the Chroma client is opened): a thread keeps the
    arena it was given. True if the C library took it."""
    mallopt = _libc_function("mallopt")
    return bool(mallopt and mallopt(_M_ARENA_MAX, arenas) == 1)


def release_memory() -> bool:
    """Return the allocator's free pages to the system; True if it could be asked."""
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True
