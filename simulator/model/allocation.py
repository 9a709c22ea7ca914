"""Freed memory kept for the next temporaries (glibc's allocator, Linux).

numpy makes a temporary array for most operations; a year of 100,000 draws is 0.8 MB. By
default glibc hands memory at the top of the main thread's heap back to the system as soon as
a little of it is free, so the next temporary of that size is mapped afresh and every one of
its pages is faulted in and zeroed by the kernel again: measured on one slice of
``award_rules.award_sums`` (65,536 cells), 4.4 ms on the main thread against 0.9 ms on a
worker thread (whose heap is trimmed less eagerly) or with the setting below. The app draws a
one-line update on its main thread.

``keep_freed_memory`` asks the allocator to keep up to ``TOP_PAD`` bytes free at the top of
each heap (and to take blocks up to ``MMAP_THRESHOLD`` from the heap, as its own adaptive
threshold would after the first such block is freed), so the pages of one temporary serve
the next. It changes no number; elsewhere (another C library) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

#: glibc's mallopt parameters (malloc.h)
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3
#: free memory kept at the top of a heap (at most this much more resident memory per heap)
TOP_PAD = 64 << 20
#: blocks at least this large are mapped on their own (glibc's largest adaptive threshold)
MMAP_THRESHOLD = 32 << 20

_done = False


def keep_freed_memory() -> bool:
    """Set the allocator up once per process; whether it was (glibc only)."""
    global _done
    if _done:
        return True
    _done = True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) and mallopt(_M_TOP_PAD, TOP_PAD))
