"""Means and exact percentiles of rows too long to hold, from passes over the same values.

A run too large for memory is drawn in parts, and the same seed gives the same numbers
however a run is split (see ``randomness``), so the values of a row can be seen again, part
by part, as often as needed. Percentiles are then found exactly, by selection:

1. first pass: the row's count, sum, minimum and maximum, and a histogram over a monotone
   map of values to bins (``BINS`` bins between the first part's P4.5 and P95.5, plus one
   bin below and one above). The cumulative counts locate the bin that holds each wanted
   order statistic, and its rank within that bin;
2. next pass: the values of those bins are gathered (a few hundred per bin, typically),
   sorted, and the order statistics read off. A bin with too many values to gather (a
   point mass, or a bin that took most of the values) is split again by a finer histogram
   of its own values instead, and gathered (or found to hold a single value) a pass later.

Because a monotone map never changes the order of two values, the k-th smallest value of
the row is the (k − values in lower bins)-th smallest of its bin: the result is the order
statistic itself, and the percentiles are numpy's ('linear'), bit for bit, as ``stats``
computes them in memory. Means are sums over the parts divided by the count (the same as in
memory up to the rounding of the sums, ~1e-16 relative).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .stats import QUANTILE_NAMES, QUANTILES, interpolate, percentiles, rank_positions

#: Bins of a row's first histogram (fewer when there are very many rows, see ``bins_for``).
BINS = 16384
#: Memory the first histograms of all rows may take together (bytes).
HISTOGRAM_BUDGET = 96 << 20
#: Values gathered at once across all rows in one pass (8 bytes each).
GATHER_BUDGET = 1 << 23
#: The first histogram spans the first part's percentiles this far (points) outside the
#: reported ones, so that every wanted order statistic falls inside it unless the part is
#: far from typical (then it is found in the outer bins, a pass later).
PILOT_MARGIN = 0.5
#: A run that has not found every percentile after this many passes has a bug.
MAX_PASSES = 40


def bins_for(rows: int, share: float = 1.0) -> int:
    """Bins of the first histogram of each of ``rows`` rows, within ``share`` of
    HISTOGRAM_BUDGET."""
    return int(min(BINS, max(64, HISTOGRAM_BUDGET * share // (8 * max(1, rows)) - 2)))


class _Map:
    """A monotone map of values to bins 0 … size − 1 (x ≤ y ⇒ bin(x) ≤ bin(y)).

    Scaled: ``bins`` equal bins from ``low`` to about ``high``, bin 0 below and bin
    bins + 1 above. Degenerate (no positive finite scale): 0 below ``low``, 1 at it, 2 above.
    """

    __slots__ = ("bins", "low", "scale", "size")

    def __init__(self, low: float, high: float, bins: int):
        scale = 0.0
        if high > low:
            with np.errstate(over="ignore"):
                scale = bins * (1 - 2.0**-40) / (high - low)
            if not (math.isfinite(scale) and scale > 0):
                scale = 0.0
        self.low, self.scale, self.bins = float(low), scale, bins
        self.size = bins + 2 if scale > 0 else 3

    def __call__(self, x: np.ndarray) -> np.ndarray:
        if self.scale > 0:
            t = x - self.low
            t *= self.scale
            np.clip(t, -1.0, self.bins, out=t)
            b = t.astype(np.int64)  # truncation: monotone, as subtraction and scaling are
            b += 1
            return b
        b = (x > self.low).astype(np.int64)
        b += 1
        b -= x < self.low
        return b

    def exact(self, j: int) -> float | None:
        """The single value every member of bin ``j`` has, if the map says so."""
        return self.low if self.scale == 0 and j == 1 else None

    def span(self, j: int, low: float, high: float) -> tuple[float, float]:
        """About where the values of bin ``j`` lie, within [low, high] (the selection's
        range): where the next, finer map of that bin should go."""
        if self.scale == 0:
            a, b = (
                (low, float(np.nextafter(self.low, -np.inf)))
                if j == 0
                else (float(np.nextafter(self.low, np.inf)), high)
            )
        elif j == 0:
            a, b = low, self.low - 1.0 / self.scale
        elif j == self.size - 1:
            a, b = self.low + self.bins / self.scale, high
        else:
            a, b = self.low + (j - 1) / self.scale, self.low + j / self.scale
        a, b = max(a, low), min(b, high)
        return (a, b) if a <= b else (low, high)


class _Job:
    """Order statistics of a row known to lie in one selection of its values: those with
    map(x) == j for each (map, j) of ``chain``. ``ranks`` are (order statistic in the row,
    position within the selection). In its pass it either gathers the selection's values
    or splits them by ``map`` into a histogram; it always notes their minimum and maximum."""

    __slots__ = ("chain", "count", "high", "hist", "low", "map", "ranks", "values")

    def __init__(
        self, chain: tuple[tuple[_Map, int], ...], ranks: list[tuple[int, int]], count: int
    ):
        self.chain = chain
        self.ranks = ranks
        self.count = count
        self.map: _Map | None = None  # None: gather
        self.values: list[np.ndarray] = []
        self.hist: np.ndarray | None = None
        self.low, self.high = math.inf, -math.inf

    def plan(self, gather: bool, bins: int, span: tuple[float, float]) -> None:
        if not gather:
            self.map = _Map(span[0], span[1], bins)
            self.hist = np.zeros(self.map.size, dtype=np.int64)

    def take(self, selected: np.ndarray) -> None:
        if selected.size == 0:
            return
        self.low = min(self.low, float(selected.min()))
        self.high = max(self.high, float(selected.max()))
        if self.map is None:
            self.values.append(selected)
        else:
            assert self.hist is not None  # set with the map
            self.hist += np.bincount(self.map(selected), minlength=self.map.size)


class StreamedRow:
    """Count, mean, extremes and exact percentiles of one row of values seen in parts."""

    __slots__ = ("count", "counts", "found", "high", "jobs", "low", "root", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.low, self.high = math.inf, -math.inf
        self.root: _Map | None = None
        self.counts: np.ndarray | None = None
        self.jobs: list[_Job] = []
        self.found: dict[int, float] = {}  # order statistic → value

    # ------------------------------------------------------------------ passes
    def first_pass(self, x: np.ndarray, bins: int) -> None:
        self.count += x.size
        self.total += float(x.sum())
        self.low = min(self.low, float(x.min()))
        self.high = max(self.high, float(x.max()))
        if self.root is None:
            low_q = max(0.0, QUANTILES[0] - PILOT_MARGIN)
            high_q = min(100.0, QUANTILES[-1] + PILOT_MARGIN)
            a, b = percentiles(x[None, :], (low_q, high_q))[0]
            if not b > a:
                a, b = float(x.min()), float(x.max())
            self.root = _Map(float(a), float(b), bins)
            self.counts = np.zeros(self.root.size, dtype=np.int64)
        assert self.counts is not None  # set with the root map
        self.counts += np.bincount(self.root(x), minlength=self.root.size)

    def later_pass(self, x: np.ndarray) -> None:
        if not self.jobs:
            return
        assert self.root is not None  # set in the first pass
        root_bins = self.root(x)
        firsts = [job.chain[0][1] for job in self.jobs]
        wanted = np.zeros(self.root.size, dtype=bool)
        wanted[firsts] = True
        pick = wanted[root_bins]
        values, value_bins = x[pick], root_bins[pick]
        for job, first in zip(self.jobs, firsts):
            selected = values if len(set(firsts)) == 1 else values[value_bins == first]
            for map_, j in job.chain[1:]:
                selected = selected[map_(selected) == j]
            job.take(selected)

    @property
    def pending(self) -> bool:
        return bool(self.jobs)

    def finish_pass(self, first: bool) -> list[tuple[_Job, tuple[float, float]]]:
        """Resolve what this pass found; return the new jobs, each with about where its
        values lie (to be planned by the caller)."""
        new: list[tuple[_Job, tuple[float, float]]] = []
        if first:
            assert self.root is not None and self.counts is not None  # a first pass was made
            below, above, _ = rank_positions(self.count, QUANTILES)
            ranks = sorted({int(k) for k in np.concatenate([below, above])})
            new = self._split(
                self.counts, [(k, k) for k in ranks], (), self.root, self.low, self.high
            )
            self.counts = None
        else:
            jobs, self.jobs = self.jobs, []
            for job in jobs:
                if job.low == job.high:  # one value throughout the selection
                    for k, _ in job.ranks:
                        self.found[k] = job.low
                elif job.map is None:
                    values = np.sort(np.concatenate(job.values))
                    if values.size != job.count:
                        raise RuntimeError("a pass did not see the same values again")
                    for k, position in job.ranks:
                        self.found[k] = float(values[position])
                else:
                    assert job.hist is not None  # histogram jobs have one
                    if int(job.hist.sum()) != job.count:
                        raise RuntimeError("a pass did not see the same values again")
                    new += self._split(job.hist, job.ranks, job.chain, job.map, job.low, job.high)
        self.jobs = [job for job, _ in new]
        return new

    def _split(
        self,
        counts: np.ndarray,
        ranks: list[tuple[int, int]],
        chain: tuple[tuple[_Map, int], ...],
        map_: _Map,
        low: float,
        high: float,
    ) -> list[tuple[_Job, tuple[float, float]]]:
        cumulative = np.cumsum(counts)
        by_bin: dict[int, list[tuple[int, int]]] = {}
        for k, position in ranks:
            j = int(np.searchsorted(cumulative, position, side="right"))
            before = int(cumulative[j - 1]) if j else 0
            by_bin.setdefault(j, []).append((k, position - before))
        new = []
        for j, in_bin in by_bin.items():
            value = map_.exact(j)
            if value is not None:
                for k, _ in in_bin:
                    self.found[k] = value
                continue
            job = _Job(chain + ((map_, j),), in_bin, int(counts[j]))
            new.append((job, map_.span(j, low, high)))
        return new

    # ------------------------------------------------------------------ results
    @property
    def mean(self) -> float:
        return self.total / self.count

    def percentiles(self) -> np.ndarray:
        below, above, frac = rank_positions(self.count, QUANTILES)
        v_below = np.array([[self.found[int(k)] for k in below]])
        v_above = np.array([[self.found[int(k)] for k in above]])
        out: np.ndarray = interpolate(v_below, v_above, frac)[0]
        return out


class StreamedRows:
    """Every row of a run seen in parts, and the passes over them: ``first`` is True in the
    first pass; after each pass ``finish_pass`` says whether another one is needed."""

    def __init__(self, rows: int, share: float = 1.0):
        """``share``: of HISTOGRAM_BUDGET and GATHER_BUDGET (several sets of rows at once)."""
        self.bins = bins_for(rows, share)
        self.gather_budget = int(GATHER_BUDGET * share)
        self.first = True
        self.passes = 0
        self.rows: list[StreamedRow] = []

    def row(self) -> StreamedRow:
        row = StreamedRow()
        self.rows.append(row)
        return row

    def add(self, row: StreamedRow, x: np.ndarray) -> None:
        if self.first:
            row.first_pass(x, self.bins)
        else:
            row.later_pass(x)

    def finish_pass(self) -> bool:
        """Close a pass; plan the next one. True if another pass is needed."""
        new: list[tuple[_Job, tuple[float, float]]] = []
        for row in self.rows:
            new += row.finish_pass(self.first)
        self.first = False
        self.passes += 1
        if not new:
            return False
        if self.passes >= MAX_PASSES:
            raise RuntimeError(f"percentiles not found after {self.passes} passes")
        # Gather the smallest selections first, as many values as the budget allows;
        # split the others (a finer histogram this pass, gathered a pass later).
        budget = self.gather_budget
        for job, span in sorted(new, key=lambda item: item[0].count):
            gather = job.count <= budget
            if gather:
                budget -= job.count
            job.plan(gather, self.bins, span)
        return True


def summary(rows: Iterable[StreamedRow]) -> dict[str, np.ndarray]:
    """{'mean', 'p05', …} over rows, as ``stats.summarise`` gives them."""
    rows = list(rows)
    pct = np.array([row.percentiles() for row in rows])
    out = {"mean": np.array([row.mean for row in rows])}
    for j, name in enumerate(QUANTILE_NAMES):
        out[name] = pct[:, j]
    return out
