"""Lines paid per award from an indicator (the ``indicator_based`` form).

* Technology-contract service points (measure 10, "按上年度登记技术合同成交额给予最高50万元
  奖补"): each point's award follows its own registered turnover of the previous year.
* R&D rewards (measure 23, "根据企业规模、研发投入增量,按规定给予最高500万元奖补"): each
  rewarded enterprise's award follows its own R&D increment.

The plan fixes the cap per award; the rule below it is the planner's (``award_rule`` in the
scenario): award_j = min(cap, rate × B_j × s), where B_j is the recipient's base at the 2023
reference (lognormal, ``base.mean_wan`` and ``base.cv``, independent between recipients) and
s the draw's scale of the driving indicator:

* ``level`` (service points): the indicator's value ``driver_lag_years`` before the award
  year over its 2023 reference (the city's turnover grows, every point's with it);
* ``increment`` (R&D): the indicator's increase in the award year (lag 0) over the
  reference increase, 2023 reference × trend mean (a fall gives no increment: s = 0).

A line's money in a year is the sum over its N awards. Given N and s the sum's mean,
variance and third moment are exact (partial moments of the lognormal, capped); the sum is
drawn from the line's uniform by its Cornish–Fisher quantile (exact when the base has no
spread), clipped to [0, N × cap], so no draw pays more than the cap for every award.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import special

from .plan import AwardRule
from .threads import in_parallel


def award_scale(
    rule: AwardRule,
    path: np.ndarray,
    reference: float,
    trend: float,
    lag: int,
    years: Sequence[int] | None = None,
) -> np.ndarray:
    """The scale s per award year and draw (years × draws) from the driving indicator's
    path (2023 first, years + 1 rows); ``years``: only these rows (the others are left
    unset), each as it would be among all."""
    rows = path.shape[0]
    scale = np.empty((rows - 1, path.shape[1]))
    expected = reference * trend  # the reference increase
    for i in range(rows - 1) if years is None else years:
        at = i + 1 - lag  # the year whose value (or increase) counts (2024 is row 1)
        row = scale[i]
        if rule.driver == "increment":
            if at >= 1:
                np.subtract(path[at], path[at - 1], out=row)
            else:
                row[...] = expected
            row /= max(expected, 1e-9 * reference)
        else:
            np.divide(path[at], reference, out=row)
        np.maximum(row, 0.0, out=row)
    return scale


def capped_moments(
    factor: np.ndarray, mean: float, cv: float, cap: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raw moments E[Y], E[Y²], E[Y³] of one award Y = min(cap, factor × B), B lognormal
    with ``mean`` and ``cv``, for each factor (any shape; factor ≥ 0)."""
    positive = factor > 0
    log_scale = np.log(np.where(positive, factor, 1.0) * mean)
    if cv == 0:
        value = np.where(positive, np.minimum(np.exp(log_scale), cap), 0.0)
        return value, value * value, value**3
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = log_scale - sigma * sigma / 2  # of log(factor × B)
    limit = (math.log(cap) - mu) / sigma  # standardised log of the cap
    above = special.ndtr(-limit)
    moments = []
    for j in (1, 2, 3):
        body = np.exp(j * mu + j * j * sigma * sigma / 2) * special.ndtr(limit - j * sigma)
        moments.append(np.where(positive, body + cap**j * above, 0.0))
    return moments[0], moments[1], moments[2]


#: The table of one award's normalised moments: log r from LOG_LOW to LOG_HIGH in steps of
#: LOG_STEP, r = factor × mean / cap (see ``award_sums``).
LOG_LOW, LOG_HIGH, LOG_STEP = -40.0, 40.0, 1e-3


@lru_cache(maxsize=8)
def _moment_table(cv: float) -> np.ndarray:
    """One award in units of the cap, min(1, r × B/E B), at every point of the log-r grid:
    its mean m, sd s and s × skewness g, each with the step to the next point (for linear
    interpolation): columns m, Δm, s, Δs, g, Δg, each contiguous (a gather from each reads
    it whole; one table per spread, the last 8 kept: 3.8 MB each)."""
    grid = np.arange(LOG_LOW, LOG_HIGH + LOG_STEP, LOG_STEP)
    m1, m2, m3 = capped_moments(np.exp(grid), 1.0, cv, 1.0)
    var1 = np.maximum(m2 - m1 * m1, 0.0)
    third1 = m3 - 3 * m1 * m2 + 2 * m1**3
    sd1 = np.sqrt(var1)
    # m2 − m1² and the third moment are exact to a few 1e-16 of m2: where the variance is
    # below 1e-12 of m2 (awards all but certainly capped) their ratio is rounding noise
    # (up to ±4 caps), so the skew is left out there as where the variance is 0
    reliable = var1 > 1e-12 * m2
    with np.errstate(divide="ignore", invalid="ignore"):
        skew_sd = np.where(reliable, third1 / np.where(reliable, var1, 1.0), 0.0)
    columns = [c for t in (m1, sd1, skew_sd) for c in (t, np.diff(t, append=t[-1]))]
    return np.stack(columns)  # (6, points)


#: Cells of ``award_sums`` worked on at once: the slice's temporaries (128 KB each) stay in
#: the core's cache and are reused from the heap (larger ones went back to the system when
#: freed and were paged in again for each slice: three times slower), and stay small however
#: many cells there are.
SLICE = 16_000


def award_sums(
    awards: np.ndarray,
    factor: np.ndarray,
    z: np.ndarray,
    mean: float,
    cv: float,
    cap: float,
    threads: int = 1,
) -> np.ndarray:
    """Money (万元) of ``awards`` awards per cell, each min(cap, factor × B): the sum's
    Cornish–Fisher quantile at the standard normal ``z``, clipped to [0, awards × cap]. All
    arrays of one shape. One award's moments, in units of the cap, depend only on
    r = factor × mean / cap and the spread; they are read from a fixed table over log r (step
    0.001: relative error below 1e-7), so a cell's money never depends on the other cells
    (they are worked on in slices of ``SLICE``). Without spread (cv 0) every award is
    min(cap, factor × mean), exactly. ``threads``: slices worked on at once."""
    if cv == 0:
        n = awards.astype(np.float64)
        each = np.where(factor > 0, np.minimum(factor * mean, cap), 0.0)
        exact: np.ndarray = n * each
        return exact
    out = np.empty(factor.shape)
    flat_out = out.reshape(-1)
    flat = [np.ascontiguousarray(a).reshape(-1) for a in (awards, factor, z)]
    size = flat_out.size
    # each thread a run of consecutive slices (one hand-over per thread, not per slice)
    runs = max(1, min(threads, size // SLICE))
    bounds = [size * k // runs for k in range(runs + 1)]

    def work(k: int) -> None:
        for start in range(bounds[k], bounds[k + 1], SLICE):
            part = slice(start, min(start + SLICE, bounds[k + 1]))
            flat_out[part] = _sums(flat[0][part], flat[1][part], flat[2][part], mean, cv, cap)

    for _ in in_parallel(work, range(runs), threads):
        pass
    return out


def _sums(
    awards: np.ndarray, factor: np.ndarray, z: np.ndarray, mean: float, cv: float, cap: float
) -> np.ndarray:
    """``award_sums`` of one slice of cells (cv > 0). A cell whose factor is not positive
    (an indicator that fell: no increment) pays nothing; the others are worked on alone."""
    positive = factor > 0
    count = np.count_nonzero(positive)
    if count == positive.size:
        return _paid_sums(awards, factor, z, mean, cv, cap)
    out = np.zeros(positive.shape)
    if count:
        at = np.flatnonzero(positive)
        out.put(at, _paid_sums(awards.take(at), factor.take(at), z.take(at), mean, cv, cap))
    return out


def _paid_sums(
    awards: np.ndarray, factor: np.ndarray, z: np.ndarray, mean: float, cv: float, cap: float
) -> np.ndarray:
    """``award_sums`` of cells whose factors are all positive (cv > 0)."""
    n = awards.astype(np.float64)
    position = np.log(factor)
    position += math.log(mean / cap) - LOG_LOW
    position *= 1.0 / LOG_STEP
    table = _moment_table(cv)
    np.clip(position, 0.0, table.shape[1] - 1.000001, out=position)
    cell = position.astype(np.intp)
    position -= cell

    def at(column: int) -> np.ndarray:
        value: np.ndarray = table[column + 1].take(cell)  # the step, then the point
        value *= position
        value += table[column].take(cell)
        return value

    # Cornish–Fisher: n·m + √(n·v)·(z + γ/√n · (z² − 1)/6)
    #               = n·m + √n·s·z + g·(z² − 1)/6, with s = √v, g = s·γ, in units of the cap
    z = z.astype(np.float64, copy=False)
    quantile = at(0)
    quantile *= n
    spread = np.sqrt(n)
    spread *= at(2)
    spread *= z
    quantile += spread
    skew = z * z
    skew -= 1.0
    skew *= at(4)
    skew *= 1.0 / 6.0
    quantile += skew
    np.clip(quantile, 0.0, n, out=quantile)
    quantile *= cap
    return quantile
