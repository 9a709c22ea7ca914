"""Work on a few threads at once, in order, with bounded memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


def in_parallel(function: Callable[[_T], _R], items: Iterable[_T], threads: int) -> Iterator[_R]:
    """Yield function(item) for each item, in order, computing up to ``threads`` at once
    (and no more, so that memory stays bounded when results are large)."""
    if threads <= 1:
        for item in items:
            yield function(item)
        return
    with ThreadPoolExecutor(threads) as pool:
        pending = []
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= threads:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
