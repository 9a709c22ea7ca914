"""The worker threads (simulator/model/threads.py): results in order, at most ``threads``
pieces of work at once, work asked for from a worker done on it, later work given the
results of earlier work (waiting for it, never for ever). (The heap the threads share:
test_heap.py.)"""

import threading

import pytest

from simulator.model.threads import chunk_size, in_parallel, in_parallel_after


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


def _chain(threads: int, release: threading.Event | None = None) -> list[int]:
    """Items 0..7; item 0 waits for ``release`` (if given), item i > 0 is item i - 1's
    result doubled plus i, where item 3 uses item 0 instead (a result asked for twice)."""

    def work(item: int, earlier) -> int:
        if item == 0:
            if release is not None:
                assert release.wait(60)
            return 1
        before = earlier(0 if item == 3 else item - 1)
        return 2 * before + item

    return list(in_parallel_after(work, range(8), threads, kept=range(7), ahead=1))


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_later_work_gets_the_results_of_earlier_work(threads):
    # by hand: 1, 2·1+1=3, 2·3+2=8, 2·1+3=5 (from item 0), 2·5+4=14, 2·14+5=33, 2·33+6=72,
    # 2·72+7=151
    assert _chain(threads) == [1, 3, 8, 5, 14, 33, 72, 151]


def test_later_work_waits_for_earlier_work_still_running():
    release = threading.Event()
    results: list[list[int]] = []
    runner = threading.Thread(target=lambda: results.append(_chain(2, release)))
    runner.start()
    release.set()  # item 0 was held until now, items after it wait for it
    runner.join(60)
    assert results == [[1, 3, 8, 5, 14, 33, 72, 151]]


def test_asking_for_a_later_or_unkept_item_is_refused():
    def ahead(item: int, earlier) -> int:
        return earlier(item + 1) if item == 1 else item

    with pytest.raises(ValueError, match="item 1 asked for item 2"):
        list(in_parallel_after(ahead, range(4), 2, kept=range(4)))

    def unkept(item: int, earlier) -> int:
        return earlier(0) if item == 2 else item

    with pytest.raises(ValueError, match="item 2 asked for item 0"):
        list(in_parallel_after(unkept, range(4), 2, kept={1}))


def test_a_failed_earlier_item_fails_the_items_that_need_it():
    woke = threading.Event()

    def work(item: int, earlier) -> int:
        if item == 0:
            raise KeyError("zero")
        try:
            return earlier(0)
        except RuntimeError:
            woke.set()  # told that item 0 was not done, instead of waiting for it
            raise

    with pytest.raises(KeyError, match="zero"):
        list(in_parallel_after(work, range(2), 2, kept={0}))
    assert woke.wait(60)  # item 1 ran on the other thread and was not left waiting


def test_a_stream_given_up_wakes_the_work_that_waits():
    """Item 1 is held; item 2 waits for it; the caller gives up: item 2 is woken and told
    that item 1 was not done (a thread of the pool never waits for ever)."""
    release, waiting, woke = threading.Event(), threading.Event(), threading.Event()

    def work(item: int, earlier) -> int:
        if item == 1:
            assert release.wait(60)
            return 1
        if item == 2:
            waiting.set()
            try:
                return earlier(1)
            except RuntimeError:
                woke.set()
                raise
        return item

    stream = in_parallel_after(work, range(3), 2, kept={1}, ahead=1)
    assert next(stream) == 0
    assert waiting.wait(60)  # item 2 runs and waits for item 1
    stream.close()
    assert woke.wait(60)
    release.set()


@pytest.mark.parametrize(
    ("sizes", "threads", "most", "expected"),
    [
        # 100,000 draws: six full blocks and 0.1 of one. One a call on two threads: 3.1 (three
        # and three plus the last); three a call: 3 and 3, then 0.1: 3.1 too; four: 4.
        ([1.0] * 6 + [0.1], 2, 4, 3),
        # 12.2 blocks: one a call 6.2; two and three 6.2 as well; four: 4 + 4 on one thread.
        ([1.0] * 12 + [0.2], 2, 4, 3),
        ([1.0] * 12 + [0.2], 2, 2, 2),  # no more than ``most``
        ([1.0, 0.2], 2, 4, 1),  # two a call: 1.2 on one thread, 1 apart
        ([1.0] * 3 + [0.01], 2, 4, 2),  # 2 and 1.01 (an exact tie with one a call: 2)
        ([1.0] * 5, 1, 4, 4),  # one thread: all in a row whatever the calls; the largest
        ([0.5], 2, 4, 4),
    ],
)
def test_chunk_size_keeps_the_threads_as_busy_with_fewer_calls(sizes, threads, most, expected):
    assert chunk_size(sizes, threads, most) == expected
