"""Summary statistics over Monte Carlo draws: means and exact percentiles, fast.

``np.percentile`` sorts (partitions) every row, which costs about 35 ns per value; for the
hundreds of series a run reports that dominates the run time. ``percentiles`` gives the same
numbers (numpy's default 'linear' method, bit for bit) in one counting pass: values are
binned by a monotone map, bin counts locate the bin that holds each wanted rank, and the
wanted ranks are selected among the values of those few bins only. A point mass at a row's
least or greatest value (zero outlays, outlays at the appropriation) gets a bin of its own.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import numpy.typing as npt

#: The percentiles every result reports.
QUANTILES = (5.0, 25.0, 50.0, 75.0, 95.0)
QUANTILE_NAMES = ("p05", "p25", "p50", "p75", "p95")

_BINS = 4096


def percentiles(rows: np.ndarray, q: tuple[float, ...] = QUANTILES) -> np.ndarray:
    """Percentiles of each row of a 2-D array, shape (rows, len(q)); equal to
    ``np.percentile(rows, q, axis=1).T`` (method 'linear')."""
    rows = np.asarray(rows, dtype=np.float64)
    if rows.ndim == 1:
        return cast(np.ndarray, percentiles(rows[None, :], q)[0])
    n_rows, n = rows.shape
    below, above, frac = rank_positions(n, q)
    ranks = np.unique(np.concatenate([below, above]))
    values = np.empty((n_rows, ranks.size))
    # Work on a few rows at a time so the scratch arrays stay in cache and are reused.
    group = max(1, min(n_rows, _CACHE_VALUES // n))
    scratch = np.empty(group * n)
    bins = np.empty(group * n, dtype=np.int64)
    for first in range(0, n_rows, group):
        last = min(n_rows, first + group)
        _order_statistics(
            rows[first:last],
            ranks,
            values[first:last],
            scratch[: (last - first) * n],
            bins[: (last - first) * n],
        )
    v_below = values[:, np.searchsorted(ranks, below)]
    v_above = values[:, np.searchsorted(ranks, above)]
    return interpolate(v_below, v_above, frac)


def rank_positions(
    n: int, q: tuple[float, ...] = QUANTILES
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], np.ndarray]:
    """(below, above, fraction) of each percentile of ``n`` values: the percentile is the
    order statistic ``below`` (0-based) moved ``fraction`` of the way to ``above``."""
    if n == 0:
        raise ValueError("percentiles of an empty sample")
    # numpy's virtual index: (n - 1) * (q / 100), floored, with the fraction between.
    h = (n - 1) * (np.asarray(q, dtype=np.float64) / 100.0)
    below = np.floor(h).astype(np.int64)
    above = np.minimum(below + 1, n - 1)
    return below, above, h - below


def interpolate(v_below: np.ndarray, v_above: np.ndarray, frac: np.ndarray) -> np.ndarray:
    """numpy's 'linear' interpolation between order statistics (rows × percentiles),
    computed as numpy computes it (its _lerp)."""
    diff = v_above - v_below
    result = v_below + diff * frac
    return cast(np.ndarray, np.where((frac >= 0.5)[None, :], v_above - diff * (1 - frac), result))


_CACHE_VALUES = 1 << 19
#: An end bin holding more than 1/_HEAVY of a row: its end value gets a bin of its own.
_HEAVY = 16


def _order_statistics(
    x: np.ndarray, ranks: np.ndarray, out: np.ndarray, scratch: np.ndarray, bins: np.ndarray
) -> None:
    """Write into ``out[i, j]`` the ranks[j]-th smallest value of row ``x[i]``."""
    r, n = x.shape
    lo = x.min(axis=1)
    hi = x.max(axis=1)
    with np.errstate(over="ignore"):
        span = hi - lo
    flat = scratch.reshape(r, n)
    idx = bins.reshape(r, n)
    with np.errstate(over="ignore"):
        np.subtract(x, lo[:, None], out=flat)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # A hair under _BINS/span, so that even the largest value lands below _BINS.
        scale = np.where(span > 0, _BINS * (1 - 2.0**-40) / span, 0.0)
    # A monotone map from value to bin: subtracting a constant, multiplying by a positive
    # one and truncating never reverse the order of two values, so bin b of a row holds
    # exactly the ranks its lower bins do not.
    extreme = ~np.isfinite(scale) | ~np.isfinite(span)  # spans near 0 or beyond float range
    scale[extreme] = 0.0
    with np.errstate(invalid="ignore"):
        np.multiply(flat, scale[:, None], out=flat)
        idx[...] = flat
    heavy = n // _HEAVY
    for i in range(r):
        if extreme[i]:
            out[i] = np.partition(x[i], ranks)[ranks]
            continue
        row_bins = idx[i]
        counts = np.bincount(row_bins, minlength=_BINS)
        # A point mass at the row's least or greatest value (zero outlays; outlays at the
        # appropriation when rationed) shares its bin with the values next to it: when that
        # bin holds a large share of the row, the mass gets a bin of its own below (or
        # above) all others, so that its ranks need no selection among thousands of values.
        ends: dict[int, float] = {}
        if counts[0] > heavy or counts[_BINS - 1] > heavy:
            row_bins += 1
            counts = np.concatenate([[0], counts, [0]])
            # the least value's bin (now 1) one down, the greatest value's (now _BINS) one up
            for end, value, bin_, step in ((0, lo[i], 1, -1), (_BINS + 1, hi[i], _BINS, 1)):
                if counts[bin_] > heavy:
                    at = x[i] == value
                    row_bins += at if step > 0 else -at.view(np.int8)
                    moved = np.count_nonzero(at)
                    counts[bin_] -= moved
                    counts[end] = moved
                    ends[end] = float(value)
        cum = np.cumsum(counts)
        target = np.searchsorted(cum, ranks, side="right")
        before = np.where(target > 0, cum[np.maximum(target - 1, 0)], 0)
        wanted = np.zeros(counts.size, dtype=bool)
        wanted[target] = True
        for b in ends:
            wanted[b] = False
        # the values of a lower bin are below those of a higher one (the map is monotone):
        # among the candidates, a wanted bin's values come after those of the wanted bins
        # below it, so each rank is a position among the candidates, selected (not sorted)
        kept = np.where(wanted, counts, 0)
        below = np.cumsum(kept) - kept
        selected = [j for j, b in enumerate(target) if int(b) not in ends]
        if selected:
            positions = below[target[selected]] + ranks[selected] - before[selected]
            candidates = x[i][wanted[row_bins]]
            out[i, selected] = np.partition(candidates, np.unique(positions))[positions]
        for j, b in enumerate(target):
            if int(b) in ends:
                out[i, j] = ends[int(b)]


def summarise(rows: np.ndarray) -> dict[str, np.ndarray]:
    """Mean and the reported percentiles of each row: {'mean': (R,), 'p05': (R,), ...}."""
    rows = np.asarray(rows, dtype=np.float64)
    pct = percentiles(rows)
    out = {"mean": rows.mean(axis=1)}
    for j, name in enumerate(QUANTILE_NAMES):
        out[name] = pct[:, j]
    return out
