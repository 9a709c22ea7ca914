"""Exact, table-driven samplers for award counts and for sums of award sizes.

The engine turns a standard normal (for counts, so that a common factor can correlate lines
through a Gaussian copula) and a uniform (for sizes) into draws by table look-ups, so a line's
cost per draw is a handful of vector operations whatever its award count.

* ``CountTable``: the number of awards in a year is negative binomial: Poisson given an
  uptake rate that is Gamma distributed with the planned mean and coefficient of variation
  (cv 0 gives Poisson). Sampled by inversion, exactly: N = #{k : t_k < z} with
  t_k = Φ⁻¹(F(k)), located through a guide table and corrected upwards. A table lists at
  most ``MAX_COUNT_TABLE`` counts, so its memory is bounded for every valid input: wider
  distributions (tens of thousands of awards a year with a large spread) list fewer
  counts and interpolate between them (see ``CountTable``).
* ``ShareSumTable``: the sum of n independent award sizes (in units of the cap) for a given
  award-size distribution. For n ≤ ``EXACT_SUM_MAX`` the distribution of the sum is computed
  by FFT convolution of a fine lattice and stored as a quantile table; above that the
  Cornish–Fisher (skewness-corrected normal) quantile with the exact mean, variance and
  skewness of the sum is used. Sums never exceed n (each award ≤ cap).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar, cast

import numpy as np
import numpy.typing as npt
from scipy import special, stats

#: Lattice points per unit share (per cap) used to convolve award sizes.
LATTICE = 512
#: Sums of up to this many awards use the exact (convolved) distribution.
EXACT_SUM_MAX = 16
#: Points of the quantile tables, uniform in probability.
QUANTILE_GRID = 2048
#: Tail mass left out of a count table (lumped into its last value; for tables that would
#: be longer than MAX_COUNT_TABLE, also the lower tail, lumped into its first value).
COUNT_TAIL = 1e-13
#: Most counts a count table lists (8 bytes each); see CountTable.
MAX_COUNT_TABLE = 1 << 16
#: Memory the cached tables may take (bytes); tables in use stay alive regardless.
COUNT_CACHE_BYTES = 128 << 20
SUM_CACHE_BYTES = 64 << 20
_Z_LOW, _Z_HIGH = -8.5, 8.5


# ------------------------------------------------------------------------------ counts
#: Cells of the guide tables of counts: one fixed grid of z, so that a line's cells can be
#: computed once and reused while its tables change (a slider moving).
GUIDE_CELLS = 1 << 16
_DZ = (_Z_HIGH - _Z_LOW) / GUIDE_CELLS


def z_cells(z: np.ndarray) -> npt.NDArray[np.int32]:
    """The guide-table cell of each standard normal input (32-bit: quicker to make than
    64-bit cells, and half the memory where a line being edited keeps them)."""
    cell = (z - _Z_LOW) * (1.0 / _DZ)
    np.clip(cell, 0, GUIDE_CELLS, out=cell)
    return cell.astype(np.int32)


def u_cells(u: np.ndarray) -> tuple[npt.NDArray[np.int32], np.ndarray]:
    """(cell, fraction within it) of each uniform on the quantile grid of award sums."""
    position = u * QUANTILE_GRID
    cell = position.astype(np.int32)
    np.minimum(cell, QUANTILE_GRID - 1, out=cell)
    position -= cell
    return cell, position


def count_table_range(mean: float, cv: float) -> tuple[int, int]:
    """(lowest, highest) count a table of this distribution gives: from 0 up to the upper
    COUNT_TAIL quantile (+1), or, where that is MAX_COUNT_TABLE counts or more, from the
    lower COUNT_TAIL quantile. Computed before anything is allocated."""
    if mean <= 0:
        return 0, 0
    law, args = count_law(mean, cv)
    top = int(law.ppf(1.0 - COUNT_TAIL, *args)) + 1
    low = 0 if top < MAX_COUNT_TABLE else int(law.ppf(COUNT_TAIL, *args))
    return low, top


def thinned_counts(low: int, top: int, size: int = MAX_COUNT_TABLE) -> npt.NDArray[np.int64]:
    """At most ``size`` counts from ``low`` to ``top``: every count of the first half, then
    counts in geometric steps (each at most ``resolution`` of the count above the last)."""
    dense = np.arange(low, low + size // 2, dtype=np.int64)
    sparse = np.floor(np.geomspace(low + size // 2, top, size - size // 2)).astype(np.int64)
    counts = np.unique(np.concatenate([dense, sparse]))
    counts[-1] = top
    return counts


class CountTable:
    """Inverse-CDF sampler of a negative-binomial (or Poisson) count from a standard normal.

    Exact when the counts it can give, ``top − low + 1``, are at most MAX_COUNT_TABLE (all
    shipped and realistic scenarios). Wider distributions (tens of thousands of awards a
    year with a large spread) list thresholds for MAX_COUNT_TABLE counts only
    (``thinned_counts``: every count near the lowest, geometric steps above): a draw is then
    exact where neighbouring listed counts are adjacent, and otherwise lies between the two
    listed counts that bracket the exact one (linear in z between their thresholds), so it
    differs from the exact count by less than ``resolution`` of it (at most 0.05 % within
    the validator's limits). Either way a table holds at most ~1.5 MB.
    """

    def __init__(self, mean: float, cv: float):
        self.mean = float(mean)
        self.cv = float(cv)
        self.thresholds: np.ndarray
        self.guide: np.ndarray
        self.low, self.top = count_table_range(self.mean, self.cv)
        #: the counts listed, when not every one from low to top (then None)
        self.counts: npt.NDArray[np.int64] | None = None
        self.resolution = 0.0
        if self.mean <= 0:
            self.thresholds = np.array([np.inf])
            self.guide = np.zeros(GUIDE_CELLS + 1, dtype=np.int64)
            return
        law, args = count_law(self.mean, self.cv)
        if self.top - self.low + 1 > MAX_COUNT_TABLE:
            self.counts = thinned_counts(self.low, self.top)
            steps = np.diff(self.counts)
            self.resolution = float(np.max((steps - 1) / self.counts[1:]))
            cdf = law.cdf(self.counts, *args)
        else:
            cdf = law.cdf(np.arange(self.low, self.top + 1), *args)
        thresholds = special.ndtri(np.clip(cdf, 0.0, 1.0))
        thresholds[-1] = np.inf
        # Keep them sorted even where the CDF saturates in floating point.
        self.thresholds = np.maximum.accumulate(thresholds)
        self.guide = _guide(self.thresholds)

    @property
    def nbytes(self) -> int:
        extra = 0 if self.counts is None else self.counts.nbytes
        return int(self.thresholds.nbytes + self.guide.nbytes + extra)

    def sample(self, z: np.ndarray, cells: npt.NDArray[np.int32] | None = None) -> np.ndarray:
        """Counts for standard normal inputs ``z`` (any shape; ``cells`` = z_cells(z) if
        already known); int64. The guide gives a lower bound of the threshold index, which
        steps up while z is above its threshold; a thinned table then interpolates. (Tables
        are read with ``take``, quicker than indexing with an array: the same values.)"""
        index = self._step(self.guide.take(z_cells(z) if cells is None else cells), z)
        if self.counts is not None:
            return self._between(index, z)
        if self.low:
            index += self.low
        return index

    def _step(self, counts: np.ndarray, z: np.ndarray) -> np.ndarray:
        """#{i : thresholds[i] < z}, from a lower bound of it."""
        thresholds = self.thresholds
        step = thresholds.take(counts) < z
        if not step.any():
            return counts
        counts += step
        # only the few that stepped can need another step
        flat_counts, flat_z = counts.reshape(-1), z.reshape(-1)
        where = np.flatnonzero(step)
        while where.size:
            more = thresholds.take(flat_counts[where]) < flat_z[where]
            where = where[more]
            flat_counts[where] += 1
        return counts

    def _between(self, index: np.ndarray, z: np.ndarray) -> np.ndarray:
        """A thinned table: z lies between thresholds[index − 1] and thresholds[index], so
        the exact count is in (counts[index − 1], counts[index]]; interpolate in z."""
        assert self.counts is not None  # a thinned table
        upper = self.counts[index]
        previous = np.maximum(index - 1, 0)
        lower = self.counts[previous]
        t_low = self.thresholds[previous]
        t_high = self.thresholds[index]
        with np.errstate(invalid="ignore", divide="ignore"):
            fraction = (z - t_low) / (t_high - t_low)
        # the first count, the lumped top, and saturated thresholds: the upper count
        exact = (index == 0) | ~np.isfinite(t_high) | ~np.isfinite(fraction) | (fraction > 1)
        fraction[exact] = 1.0
        out: np.ndarray = lower + np.ceil((upper - lower) * fraction).astype(np.int64)
        return out


#: The points of the guide tables' grid of z.
_GRID = _Z_LOW + _DZ * np.arange(GUIDE_CELLS + 1)


def _guide(thresholds: np.ndarray) -> npt.NDArray[np.int64]:
    """#{i : thresholds[i] < grid point} at each point of the grid (thresholds sorted):
    threshold i is below the points from #{grid ≤ threshold i} on, so the counts are the
    running sum of where the thresholds fall (as searching each grid point among the
    thresholds would give, faster for tables shorter than the grid)."""
    falls = np.searchsorted(_GRID, thresholds, side="right")
    guide: npt.NDArray[np.int64] = np.cumsum(np.bincount(falls, minlength=GUIDE_CELLS + 2))
    return guide[: GUIDE_CELLS + 1]


#: Below this excess of the variance over Poisson's, relative to it (mean × cv²), a year's
#: count is Poisson: the negative binomial differs from it by that order, and its parameter
#: p = shape / (shape + mean) rounds to 1 (no awards at all) once mean × cv² nears 1e-16.
POISSON_EXCESS = 1e-9


def count_law(mean: float, cv: float) -> tuple[Any, tuple[float, ...]]:
    """(scipy distribution, its parameters) of a year's award count: Poisson(λ) with
    λ ~ Gamma of the given mean and coefficient of variation, i.e. negative binomial
    (Poisson if cv=0). The tables call the distribution with its parameters: freezing it
    (``count_distribution``) gives the same figures and takes longer than a typical
    line's table (a table is made at each move of a slider)."""
    if cv <= 0 or mean * cv * cv < POISSON_EXCESS:
        return stats.poisson, (mean,)
    shape = 1.0 / (cv * cv)
    return stats.nbinom, (shape, shape / (shape + mean))


def count_distribution(mean: float, cv: float) -> Any:
    """The frozen scipy distribution of a year's award count (``count_law``)."""
    law, args = count_law(mean, cv)
    return law(*args)


_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class BoundedCache(Generic[_K, _V]):
    """Least recently used values, at most ``budget`` bytes of them (by ``size``); thread
    safe. Tables are cached by parameters, so equal assumptions share one table object."""

    def __init__(self, budget: int, size: Callable[[_V], int]):
        self.budget = budget
        self.size = size
        self.bytes = 0
        self._values: OrderedDict[_K, _V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: _K, make: Callable[[], _V]) -> _V:
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
                return value
        value = make()
        with self._lock:
            if key in self._values:  # made meanwhile by another thread
                self._values.move_to_end(key)
                return self._values[key]
            self._values[key] = value
            self.bytes += self.size(value)
            while self.bytes > self.budget and len(self._values) > 1:
                _, old = self._values.popitem(last=False)
                self.bytes -= self.size(old)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self.bytes = 0


_COUNT_TABLES: BoundedCache[tuple[float, float], CountTable] = BoundedCache(
    COUNT_CACHE_BYTES, lambda table: table.nbytes
)


def count_table(mean: float, cv: float) -> CountTable:
    """The count table of these parameters (cached)."""
    return _COUNT_TABLES.get((float(mean), float(cv)), lambda: CountTable(mean, cv))


# ------------------------------------------------------------------------------ award sizes
class ShareDistribution:
    """The distribution of one award's size as a share of the cap, on [0, 1].

    ``beta``: Beta with the given mean and sd (sd 0: every award is mean × cap).
    ``capped_cost``: min(rate × cost / cap, 1) with cost lognormal (mean, cv): the share-of-
    cost rule with a per-recipient cap."""

    def __init__(self, kind: str, params: tuple[float, ...]):
        self.kind = kind
        self.params = params

    @staticmethod
    def beta(mean: float, sd: float) -> ShareDistribution:
        return ShareDistribution("beta", (float(mean), float(sd)))

    @staticmethod
    def capped_cost(rate: float, cap: float, cost_mean: float, cost_cv: float) -> ShareDistribution:
        # Only rate/cap matters: share = min(cost × rate / cap, 1).
        return ShareDistribution(
            "capped_cost", (float(rate / cap), float(cost_mean), float(cost_cv))
        )

    @property
    def degenerate(self) -> bool:
        if self.kind == "beta":
            return self.params[1] == 0
        return self.params[2] == 0

    def cdf(self, x: np.ndarray) -> np.ndarray:
        if self.kind == "beta":
            a, b = self.beta_parameters()
            return cast(np.ndarray, stats.beta.cdf(x, a, b))
        scale, mean, cv = self.params
        sigma = math.sqrt(math.log1p(cv * cv))
        mu = math.log(mean) - sigma * sigma / 2
        with np.errstate(divide="ignore"):
            out = stats.norm.cdf((np.log(np.maximum(x, 0) / scale) - mu) / sigma)
        return np.where(x >= 1.0, 1.0, out)

    def beta_parameters(self) -> tuple[float, float]:
        mean, sd = self.params
        nu = mean * (1 - mean) / (sd * sd) - 1
        return mean * nu, (1 - mean) * nu

    def point(self) -> float:
        """The single value of a degenerate distribution."""
        if self.kind == "beta":
            return self.params[0]
        scale, mean, _ = self.params
        return min(1.0, scale * mean)

    def moments(self) -> tuple[float, float, float]:
        """Exact mean, variance and third central moment of one award's share."""
        if self.degenerate:
            return self.point(), 0.0, 0.0
        if self.kind == "beta":
            a, b = self.beta_parameters()
            mean = a / (a + b)
            var = a * b / ((a + b) ** 2 * (a + b + 1))
            skew = 2 * (b - a) * math.sqrt(a + b + 1) / ((a + b + 2) * math.sqrt(a * b))
            return mean, var, skew * var**1.5
        raw = [capped_lognormal_moment(k, *self.params) for k in (1, 2, 3)]
        mean = raw[0]
        var = raw[1] - mean * mean
        third = raw[2] - 3 * mean * raw[1] + 2 * mean**3
        return mean, max(var, 0.0), third


def capped_lognormal_moment(k: int, scale: float, mean: float, cv: float) -> float:
    """E[min(scale × C, 1)^k] for C lognormal with the given mean and cv (exact)."""
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = math.log(mean) + math.log(scale) - sigma * sigma / 2  # log of scale × C
    if sigma == 0:
        return min(math.exp(mu), 1.0) ** k
    limit = (0.0 - mu) / sigma  # standardised log of the cap (share 1)
    body = math.exp(k * mu + k * k * sigma * sigma / 2) * special.ndtr(limit - k * sigma)
    return cast(float, body + (1 - special.ndtr(limit)))


class ShareSumTable:
    """Sampler of S = X_1 + … + X_n (shares of the cap) given n and a uniform u."""

    def __init__(self, share: ShareDistribution):
        self.share = share
        self.mean, self.var, self.third = share.moments()
        self.degenerate = share.degenerate
        grid = QUANTILE_GRID
        if self.degenerate:
            self.table = None
            return
        # Lattice pmf of one share: mass of [k - 1/2, k + 1/2] / LATTICE at k / LATTICE.
        edges = (np.arange(LATTICE + 2) - 0.5) / LATTICE
        edges[0], edges[-1] = -np.inf, np.inf
        cdf = np.asarray(share.cdf(np.clip(edges, 0, 1)), dtype=np.float64)
        cdf[0], cdf[-1] = 0.0, 1.0
        pmf = np.diff(cdf)
        size = EXACT_SUM_MAX * LATTICE + 1
        fft_size = 1 << int(math.ceil(math.log2(size)))
        spectrum = np.fft.rfft(pmf, fft_size)
        u = np.arange(grid + 1) / grid
        table = np.zeros((EXACT_SUM_MAX + 1, grid + 1))
        power = np.ones_like(spectrum)
        for n in range(1, EXACT_SUM_MAX + 1):
            power = power * spectrum
            pmf_n = np.fft.irfft(power, fft_size)[: n * LATTICE + 1]
            np.maximum(pmf_n, 0.0, out=pmf_n)
            pmf_n /= pmf_n.sum()
            table[n] = _lattice_quantiles(pmf_n, u) / LATTICE
            np.clip(table[n], 0.0, n, out=table[n])
        self.table = table.ravel()
        # Cornish–Fisher: standard normal quantiles on the same grid, tails clipped at the
        # quantile of the outermost half cell.
        self.normal: np.ndarray = special.ndtri(np.clip(u, 0.5 / grid, 1 - 0.5 / grid))
        self.skew = self.third / self.var**1.5 if self.var > 0 else 0.0

    @property
    def nbytes(self) -> int:
        if self.table is None:
            return 64
        return int(self.table.nbytes + self.normal.nbytes)

    def sample(
        self,
        counts: np.ndarray,
        u: np.ndarray,
        cells: tuple[npt.NDArray[np.int32], np.ndarray] | None = None,
    ) -> np.ndarray:
        """Sum of ``counts`` shares for uniforms ``u`` (same shapes; ``cells`` = u_cells(u) if
        already known); float64, ≤ counts."""
        if self.degenerate:
            return counts * self.share.point()
        cell, position = u_cells(u) if cells is None else cells
        flat_counts = counts.reshape(-1)
        big = flat_counts > EXACT_SUM_MAX
        n_big = int(np.count_nonzero(big))
        if n_big == 0:
            return self._exact(counts, cell, position)
        if n_big == flat_counts.size:
            return self._cornish_fisher(counts, cell, position)
        # Mixed: compute the cheaper rule for all, the other only where it applies.
        flat_cell, flat_position = cell.reshape(-1), position.reshape(-1)
        if n_big <= flat_counts.size // 2:
            out = self._exact(np.minimum(flat_counts, EXACT_SUM_MAX), flat_cell, flat_position)
            where = np.flatnonzero(big)
            out[where] = self._cornish_fisher(
                flat_counts[where], flat_cell[where], flat_position[where]
            )
        else:
            out = self._cornish_fisher(
                np.maximum(flat_counts, EXACT_SUM_MAX + 1), flat_cell, flat_position
            )
            where = np.flatnonzero(~big)
            out[where] = self._exact(flat_counts[where], flat_cell[where], flat_position[where])
        return out.reshape(counts.shape)

    def _exact(
        self, counts: np.ndarray, cell: npt.NDArray[np.int32], position: np.ndarray
    ) -> np.ndarray:
        """Look up the convolved quantile tables (counts ≤ EXACT_SUM_MAX)."""
        assert self.table is not None  # set unless degenerate, which never gets here
        at = counts * (QUANTILE_GRID + 1)
        at += cell
        low: np.ndarray = self.table.take(at)
        at += 1
        high: np.ndarray = self.table.take(at)
        high -= low
        high *= position
        low += high
        return low

    def _cornish_fisher(
        self, counts: np.ndarray, cell: npt.NDArray[np.int32], position: np.ndarray
    ) -> np.ndarray:
        """Skewness-corrected normal quantile of the sum, clipped to [0, counts]:
        n·μ + √n·σ·z + σ·γ/6·(z² − 1), i.e. z + γ/√n·(z² − 1)/6 scaled by the sum's sd √n·σ
        and shifted by its mean n·μ (σ·γ/6 one number)."""
        n = counts.astype(np.float64)
        z = self.normal.take(cell + 1)
        low = self.normal.take(cell)
        z -= low
        z *= position
        z += low
        sd = math.sqrt(self.var)
        out: np.ndarray = z * z
        out -= 1.0
        out *= sd * self.skew / 6.0
        spread = np.sqrt(n)
        spread *= sd
        spread *= z
        out += spread
        np.multiply(n, self.mean, out=spread)
        out += spread
        np.maximum(out, 0.0, out=out)
        np.minimum(out, n, out=out)
        return out


def _lattice_quantiles(pmf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Quantiles (in lattice units) of a lattice pmf whose mass at k is spread evenly over
    [k - 1/2, k + 1/2] (clipped to the support), at probabilities ``u``."""
    cdf = np.concatenate([[0.0], np.cumsum(pmf)])
    cdf /= cdf[-1]
    k = np.searchsorted(cdf, u, side="right") - 1
    k = np.clip(k, 0, pmf.size - 1)
    mass = pmf[k]
    with np.errstate(divide="ignore", invalid="ignore"):
        within = np.where(mass > 0, (u - cdf[k]) / mass, 0.5)
    lower = np.maximum(k - 0.5, 0.0)
    upper = np.minimum(k + 0.5, pmf.size - 1)
    return cast(np.ndarray, lower + np.clip(within, 0.0, 1.0) * (upper - lower))


_SUM_TABLES: BoundedCache[tuple[str, tuple[float, ...]], ShareSumTable] = BoundedCache(
    SUM_CACHE_BYTES, lambda table: table.nbytes
)


def share_sum_table(kind: str, params: tuple[float, ...]) -> ShareSumTable:
    """The award-sum table of this share distribution (cached)."""
    return _SUM_TABLES.get((kind, params), lambda: ShareSumTable(ShareDistribution(kind, params)))
