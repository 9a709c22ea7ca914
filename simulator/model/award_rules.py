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

import numpy as np
from scipy import special

from .plan import AwardRule


def award_scale(
    rule: AwardRule, path: np.ndarray, reference: float, trend: float, lag: int
) -> np.ndarray:
    """The scale s per award year and draw (years × draws) from the driving indicator's
    path (2023 first, years + 1 rows)."""
    rows = path.shape[0]
    if rule.driver == "increment":
        expected = reference * trend  # the reference increase
        scale = np.empty((rows - 1, path.shape[1]))
        for i in range(rows - 1):
            at = i + 1 - lag  # the year whose increase counts (2024 is row 1)
            scale[i] = path[at] - path[at - 1] if at >= 1 else expected
        scale /= max(expected, 1e-9 * reference)
    else:
        scale = path[1 - lag : rows - lag] / reference
    np.maximum(scale, 0.0, out=scale)
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


def award_sums(
    awards: np.ndarray, factor: np.ndarray, u: np.ndarray, mean: float, cv: float, cap: float
) -> np.ndarray:
    """Money (万元) of ``awards`` awards per cell, each min(cap, factor × B): the sum's
    Cornish–Fisher quantile at the uniform ``u`` (exact moments), clipped to [0, awards ×
    cap]. All arrays of one shape."""
    m1, m2, m3 = capped_moments(factor, mean, cv, cap)
    n = awards.astype(np.float64)
    var1 = np.maximum(m2 - m1 * m1, 0.0)
    third1 = m3 - 3 * m1 * m2 + 2 * m1**3
    z = special.ndtri(np.clip(u, 1e-12, 1 - 1e-12))
    with np.errstate(divide="ignore", invalid="ignore"):
        skew = np.where(var1 > 0, third1 / np.where(var1 > 0, var1, 1.0) ** 1.5, 0.0)
        skew = np.where(n > 0, skew / np.sqrt(np.maximum(n, 1.0)), 0.0)
    total: np.ndarray = n * m1 + np.sqrt(n * var1) * (z + skew / 6.0 * (z * z - 1.0))
    np.clip(total, 0.0, n * cap, out=total)
    return total
