"""Work on a few threads at once, in order, with bounded memory."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence, Sized
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from .heap import keep_freed_memory

keep_freed_memory()  # before the first worker thread exists

_T = TypeVar("_T")
_R = TypeVar("_R")

#: One pool per thread count, kept for the process: a slider move hands work to threads
#: that already exist (starting threads for each small piece of work would cost more
#: than the work saves).
_pools: dict[int, ThreadPoolExecutor] = {}
_lock = threading.Lock()
_local = threading.local()


def _mark_worker() -> None:
    _local.worker = True


def _pool(threads: int) -> ThreadPoolExecutor:
    with _lock:
        if threads not in _pools:
            _pools[threads] = ThreadPoolExecutor(
                threads, thread_name_prefix="qdplan", initializer=_mark_worker
            )
        return _pools[threads]


def in_parallel(
    function: Callable[[_T], _R], items: Iterable[_T], threads: int, ahead: int = 0
) -> Iterator[_R]:
    """Yield function(item) for each item, in order, computing up to ``threads`` at once
    (and no more, so that memory stays bounded when results are large), and up to
    ``ahead`` more results waiting while the caller works on the last one yielded (so the
    threads stay busy meanwhile). Work asked for from one of these threads is done on it,
    one item after another (never waiting on the pool it runs in), as is a single item."""
    alone = isinstance(items, Sized) and len(items) < 2  # nothing to share out
    if threads <= 1 or alone or getattr(_local, "worker", False):
        for item in items:
            yield function(item)
        return
    pool = _pool(threads)
    pending = []
    try:
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= threads + ahead:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:
        for future in pending:  # abandoned (an error, or the caller stopped): not run
            future.cancel()


def in_parallel_after(
    function: Callable[[_T, Callable[[int], _R]], _R],
    items: Sequence[_T],
    threads: int,
    kept: Collection[int],
    ahead: int = 0,
) -> Iterator[_R]:
    """``in_parallel`` for items whose work needs the results of earlier items: function
    (item, earlier) may call earlier(j) for the result of item j, an earlier item whose
    index is in ``kept`` (only those results are held, until the last item is yielded);
    it waits until that item is done. The threads take items in order, so item j is being
    worked on or done by the time a later item asks for it: nothing waits on work that no
    thread will do. An earlier item that failed, or a stream the caller stopped taking,
    makes earlier(j) raise."""
    results: dict[int, _R] = {}
    done = {j: threading.Event() for j in kept}

    def work(i: int) -> _R:
        def earlier(j: int) -> _R:
            if j not in done or j >= i:
                raise ValueError(f"item {i} asked for item {j}: not an earlier kept item")
            done[j].wait()
            if j not in results:
                raise RuntimeError(f"item {j}, which item {i} needs, was not done")
            return results[j]

        if i not in done:
            return function(items[i], earlier)
        try:
            results[i] = function(items[i], earlier)
            return results[i]
        finally:
            done[i].set()

    try:
        yield from in_parallel(work, range(len(items)), threads, ahead)
    finally:
        for event in done.values():  # wake any item still waiting (the stream stopped)
            event.set()
        results.clear()


def chunk_size(sizes: Sequence[float], threads: int, most: int) -> int:
    """How many consecutive items (of work ``sizes``) to give each call, handed out in order
    to ``threads`` threads: the most, up to ``most``, that finish as early as one item a
    call would (fewer, larger calls cost less apart from their work)."""

    def finish(per_call: int) -> float:
        busy = [0.0] * max(1, threads)
        for first in range(0, len(sizes), per_call):
            busy[busy.index(min(busy))] += sum(sizes[first : first + per_call])
        return max(busy)

    soonest = finish(1)
    return max(k for k in range(1, max(1, most) + 1) if finish(k) <= soonest + 1e-9)
