"""How the C library's heap serves the engine's arrays (glibc on Linux; elsewhere nothing).

A run allocates and frees a few hundred arrays of a few MB each (a line's draws at 100,000
draws are 4 MB), and a planner runs again and again. By glibc's defaults a freed array of
that size is given back to the system (unmapped, or trimmed off the heap's top), and the
next run's arrays are paged in afresh: each 4 KB page a fault and a zeroing by the kernel.
Measured on the baseline at 100,000 draws (processes alternating, four each, medians of six
runs): 43,000–138,000 page faults and 110–370 ms of system time a run, against 1 s of
computation. Two settings keep freed memory in the heap for the next arrays instead:

* ``M_MMAP_THRESHOLD`` 32 MB (glibc's largest): arrays below it come from the heap, not
  from a mapping of their own that is unmapped when freed;
* ``M_TRIM_THRESHOLD`` 1 GB: the heap's free top is given back only beyond that.

With both: a few hundred page faults a run, 20–35 ms of system time, the full run 737 → 625
ms and the rationed run 980 → 830 ms (medians; see the README). The cost: a process keeps up
to its largest run's memory after the run (peak memory is unchanged: what a run uses at once
is what it used before). Larger arrays (runs of a million draws) are still mapped and
unmapped as before.

Threads share the main heap as well (``M_ARENA_MAX`` 1): by default each thread that
allocates gets a heap of its own, which glibc shrinks and grows again as large arrays come
and go (a slider move's arrays were paged in afresh: over the benchmark's 126 one-line
updates about 91,000 page faults, with one heap about 28,000, the updates 10 % quicker).
"""

from __future__ import annotations

import ctypes
import sys

#: glibc's mallopt parameters
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8

MMAP_THRESHOLD = 32 << 20  # glibc refuses more (half its largest thread heap, 64 MB)
TRIM_THRESHOLD = 1 << 30

_made: bool | None = None


def keep_freed_memory() -> bool:
    """Make the settings above; returns whether they were made (glibc only). Idempotent;
    called when ``threads`` is imported, before the first worker thread exists."""
    global _made
    if _made is None:
        _made = _set_all()
    return _made


def _set_all() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no glibc (e.g. a C library without the symbol)
        return False
    settings = (
        (M_ARENA_MAX, 1),
        (M_MMAP_THRESHOLD, MMAP_THRESHOLD),
        (M_TRIM_THRESHOLD, TRIM_THRESHOLD),
    )
    return all([bool(mallopt(parameter, value)) for parameter, value in settings])
