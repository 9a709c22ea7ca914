"""Binomial draws by inversion: X = #{k : F(k) ≤ u} for a uniform u, F the binomial CDF.

Exact (up to the rounding of F) and a few vector operations per draw, where numpy's own
sampler (``Generator.binomial``) works element by element (setting up anew for each
trial count: 40–90 ns a draw). Used where the trials are few or the same for every draw:

* ``SmallTable``: every trial count up to ``SMALL`` (the projects of one year's awards
  exiting), a table of F per count; a draw starts next to the count's mean and steps to
  its value (a binomial of at most SMALL trials lies a few steps from its mean);
* ``SharedTable``: one trial count for every draw (the certificates of a year before the
  plan up for renewal, thousands), its F and a guide table over u (the first k whose F
  reaches each of ``GUIDE`` equal steps of probability), from which a draw steps up.

The CDF is summed from the probabilities exp(log C(n, k) + k log p + (n − k) log q)
(``gammaln``: relative error ~1e-13 even for thousands of trials), below the mean from 0 and
above it as 1 minus the upper tail (so both tails keep their precision), and its last value
is 1, so X ≤ n.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from scipy import special

#: Trial counts the small table lists (0 … SMALL).
SMALL = 64
#: Cells of a shared table's guide (equal steps of probability).
GUIDE = 4096
#: Most trials a shared table lists (8 bytes each, 512 KB at most, 16 tables kept); more
#: are left to numpy's sampler.
SHARED_MAX = 1 << 16


def binomial_cdf(n: int, p: float) -> np.ndarray:
    """F(0) … F(n) of Binomial(n, p), F(n) = 1."""
    k = np.arange(n + 1, dtype=np.float64)
    if p <= 0.0 or p >= 1.0:
        cdf = np.zeros(n + 1) if p >= 1.0 else np.ones(n + 1)
        cdf[-1] = 1.0
        return cdf
    log_pmf = special.gammaln(n + 1.0) - special.gammaln(k + 1.0) - special.gammaln(n - k + 1.0)
    log_pmf += k * math.log(p)
    log_pmf += (n - k) * math.log1p(-p)
    pmf = np.exp(log_pmf)
    cdf = np.cumsum(pmf)
    # above the mean from the upper tail, 1 − Σ_{j > k} P(j): exact to ~1e-16 there too
    # (a sum from 0 carries the rounding of every term before it into the upper tail)
    mean = int(n * p)
    tail = np.cumsum(pmf[::-1])[::-1]  # Σ_{j ≥ k} P(j)
    cdf[mean:-1] = 1.0 - tail[mean + 1 :]
    np.minimum(cdf, 1.0, out=cdf)
    cdf[-1] = 1.0
    return cdf


def _step_up(cdf: np.ndarray, k: np.ndarray, u: np.ndarray, base: np.ndarray) -> None:
    """Raise each k (in place) to #{j : F(j) ≤ u}, from below: F is read at base + k."""
    where = np.flatnonzero(cdf.take(base + k) <= u)
    while where.size:
        k[where] += 1
        more = cdf.take(base[where] + k[where]) <= u[where]
        where = where[more]


class SmallTable:
    """Binomial(n, p) for every n ≤ SMALL: row n of ``cdf`` is F(0) … F(n), then 1s."""

    def __init__(self, p: float):
        self.p = p
        self.width = SMALL + 1
        table = np.ones((SMALL + 1, self.width))
        for n in range(SMALL + 1):
            table[n, : n + 1] = binomial_cdf(n, p)
        self.cdf = table.reshape(-1)

    def sample(self, trials: np.ndarray, u: np.ndarray) -> np.ndarray:
        """Draws for trial counts (each 0 … SMALL) and uniforms of one shape (int64)."""
        n = trials.astype(np.int64, copy=False).reshape(-1)
        flat_u = u.reshape(-1)
        base = n * self.width
        # start at the mode's neighbour ⌊n·p⌋ and step down where F(k − 1) > u (the draw is
        # below), then up (within a few standard deviations, at most 4 for n ≤ SMALL)
        k = np.floor(n * self.p).astype(np.int64)
        high = np.flatnonzero((k > 0) & (self.cdf.take(base + k - 1) > flat_u))
        while high.size:
            k[high] -= 1
            below = (k[high] > 0) & (self.cdf.take(base[high] + k[high] - 1) > flat_u[high])
            high = high[below]
        _step_up(self.cdf, k, flat_u, base)
        drawn: np.ndarray = k.reshape(trials.shape)
        return drawn


@lru_cache(maxsize=8)
def small_table(p: float) -> SmallTable:
    return SmallTable(p)


class SharedTable:
    """Binomial(n, p) for one n: its CDF and a guide over u."""

    def __init__(self, n: int, p: float):
        self.cdf = binomial_cdf(n, p)
        steps = np.arange(GUIDE, dtype=np.float64) / GUIDE
        # #{k : F(k) ≤ j / GUIDE}: a lower bound of the draw of any u in [j, j + 1) / GUIDE
        self.guide = np.searchsorted(self.cdf, steps, side="right").astype(np.int64)

    def sample(self, u: np.ndarray) -> np.ndarray:
        """Draws for uniforms ``u`` (int64, u's shape)."""
        flat_u = u.reshape(-1)
        cell = (flat_u * GUIDE).astype(np.int64)
        np.minimum(cell, GUIDE - 1, out=cell)
        k = self.guide.take(cell)
        # a guide cell spans at most one k where the probabilities are large; in the tails
        # (a cell holding many k, e.g. the first) the draw is searched for directly
        up = np.flatnonzero(self.cdf.take(k) <= flat_u)
        k[up] += 1
        far = up[self.cdf.take(k[up]) <= flat_u[up]]
        if far.size:
            k[far] = np.searchsorted(self.cdf, flat_u[far], side="right")
        return k.reshape(u.shape)


@lru_cache(maxsize=16)
def shared_table(n: int, p: float) -> SharedTable:
    return SharedTable(n, p)
