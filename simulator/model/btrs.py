"""Binomial draws by transformed rejection with squeeze (BTRS: W. Hörmann, "The generation
of binomial random variates", Journal of Statistical Computation and Simulation 46 (1993)
101–110), vectorised over draws whose trial counts differ. numpy's own sampler works element
by element and sets itself up anew for each trial count (40–90 ns a draw); this takes ~30 ns
a draw in a block (the renewals of re-recognised certificates: thousands of trials, a
different count in each draw).

For Binomial(n, p) with p ≤ ½ (else n − Binomial(n, 1 − p)) and n·p ≥ ``LEAST_MEAN`` (the
algorithm's range), with σ = √(n·p·q), b = 1.15 + 2.53·σ, a = −0.0873 + 0.0248·b + 0.01·p,
c = n·p + ½, a candidate comes from two uniforms u (less ½) and v: u_s = ½ − |u| and
k = ⌊(2a/u_s + b)·u + c⌋. It is accepted at once inside the squeeze (u_s ≥ 0.07 and
v ≤ 0.92 − 4.2/b); otherwise if 0 ≤ k ≤ n and log(v·α/(a/u_s² + b)) ≤ log f(k)/f(m), with
α = (2.83 + 5.1/b)·σ, m = ⌊(n + 1)·p⌋ and
log f(k)/f(m) = log m! + log (n − m)! − log k! − log (n − k)! + (k − m)·log(p/q)
(log-factorials from a table of scipy's ``gammaln``: exact to rounding, an error of the order
of 1e-10 in the test at 65,536 trials, far below any effect on the law).

One round only: a draw whose candidate is rejected is drawn afresh by numpy's sampler, from
the same generator. The law stays exact: after a rejection, a rejection sampler's result is a
fresh draw of the same law, so any exact sampler may give it (with C the hat's area,
P(X = k) = f(k)/C + (1 − 1/C)·f(k) = f(k)). About one draw in ten goes that way.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from numpy.random import Generator
from scipy import special

#: The algorithm's range: n·min(p, 1 − p) at least this (Hörmann: "for n·p ≥ 10").
LEAST_MEAN = 10.0
#: Most trials drawn this way (the table of log-factorials: 512 KB); more: numpy's sampler.
MOST_TRIALS = 1 << 16


@cache
def _log_factorials() -> np.ndarray:
    """log j! for j = 0 … MOST_TRIALS."""
    table: np.ndarray = special.gammaln(np.arange(1.0, MOST_TRIALS + 2.0))
    return table


def applies(trials: np.ndarray, p: float) -> np.ndarray:
    """Per draw, whether ``sample`` serves its trial count (bool, trials' shape)."""
    least = LEAST_MEAN / min(p, 1.0 - p) if 0.0 < p < 1.0 else math.inf
    return (trials >= least) & (trials <= MOST_TRIALS)


def sample(generator: Generator, trials: np.ndarray, p: float) -> np.ndarray:
    """Binomial(trials, p) for a 1-D array of trial counts, each served (``applies``); int64.
    Uses 2 × trials.size uniforms of ``generator``, then numpy's sampler for the draws whose
    candidate was rejected."""
    n = trials.astype(np.int64, copy=False)
    flip = p > 0.5
    if flip:
        p = 1.0 - p
    q = 1.0 - p
    nf = n.astype(np.float64)
    sd = np.sqrt(nf * (p * q))
    b = sd * 2.53
    b += 1.15
    a = b * 0.0248
    a += 0.01 * p - 0.0873
    c = nf * p
    c += 0.5
    u = generator.random(n.size)
    u -= 0.5
    v = generator.random(n.size)
    us = np.abs(u)
    np.subtract(0.5, us, out=us)
    with np.errstate(divide="ignore", invalid="ignore"):  # u = −½ (a uniform of 0): no k
        k = np.divide(a, us)
        k *= 2.0
        k += b
        k *= u
        k += c
        np.floor(k, out=k)
    squeeze = np.divide(-4.2, b)
    squeeze += 0.92
    accepted = us >= 0.07
    accepted &= v <= squeeze
    # the others: the full test, where the candidate is a possible value
    test = np.flatnonzero(~accepted)
    k_test = k[test]
    n_test = n[test]
    possible = (k_test >= 0) & (k_test <= n_test)
    test, k_test, n_test = test[possible], k_test[possible].astype(np.int64), n_test[possible]
    b_test, us_test = b[test], us[test]
    alpha = 5.1 / b_test
    alpha += 2.83
    alpha *= sd[test]
    hat = a[test] / (us_test * us_test)
    hat += b_test
    np.divide(v[test] * alpha, hat, out=hat)
    np.log(hat, out=hat)
    mode = np.floor((n_test + 1) * p).astype(np.int64)
    table = _log_factorials()
    ratio = table.take(mode)
    ratio += table.take(n_test - mode)
    ratio -= table.take(k_test)
    ratio -= table.take(n_test - k_test)
    ratio += (k_test - mode) * math.log(p / q)
    accepted[test[hat <= ratio]] = True
    again = np.flatnonzero(~accepted)
    k[again] = 0.0  # (rejected: no number to convert)
    out = k.astype(np.int64)
    if again.size:
        out[again] = generator.binomial(n[again], p)
    if flip:
        np.subtract(n, out, out=out)
    return out
