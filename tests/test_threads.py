"""The worker threads (simulator/model/threads.py): results in order, at most ``threads``
pieces of work at once, work asked for from a worker done on it; and on Linux (glibc) the
threads share the main heap."""

import sys
import threading

import pytest

from simulator.model.threads import in_parallel, share_one_heap


def test_results_come_in_order_and_no_more_than_threads_at_once():
    running, most = [0], [0]
    lock = threading.Lock()

    def work(item: int) -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        total = sum(range(20_000))  # some work while counted as running
        with lock:
            running[0] -= 1
        return item * item + 0 * total

    assert list(in_parallel(work, range(9), 2)) == [i * i for i in range(9)]
    assert 1 <= most[0] <= 2


def test_work_asked_for_from_a_worker_runs_on_that_worker():
    outer = threading.get_ident()

    def inner(item: int) -> int:
        return threading.get_ident()

    def work(item: int) -> set[int]:
        here = threading.get_ident()
        assert here != outer
        return set(in_parallel(inner, range(4), 2)) | {here}

    for idents in in_parallel(work, range(2), 2):
        assert len(idents) == 1  # the inner work ran on the worker that asked for it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a glibc setting")
def test_threads_share_the_main_heap_on_linux():
    assert share_one_heap() is True
    assert share_one_heap() is True  # idempotent
