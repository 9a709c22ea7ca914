"""The per-award rules (``award_rules``: each award min(cap, factor × B), B lognormal per
recipient) against references written out here:

* one award's raw moments E[Y^j], j = 1, 2, 3, by numerical integration of the lognormal
  density in log space (scipy.integrate.quad), not by the partial-moment closed form;
* the money of n awards as the Cornish–Fisher quantile n m + √n s z + g (z² − 1)/6 (in
  units of the cap; s² the variance, g = third central moment / variance of one award)
  with those integrated moments, clipped to [0, n × cap], cell by cell;
* the scale of the driving indicator worked out by hand on paths that differ year by year
  (a shifted lag, the wrong reference or a missed fall changes the answer);
* exact ties: an award exactly at the cap, a factor of exactly 0, increments of exactly 0.

Everything here is deterministic (no draws), so no false-failure budget is needed; the
tolerance 1e-6 covers the model's moment table (interpolated in steps of 0.001 of log r,
relative error below 1e-7) and is far below any change of a rule.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats

from simulator.model import award_rules
from simulator.model.award_rules import SLICE, award_scale, award_sums, capped_moments
from simulator.model.plan import AwardRule

LEVEL = AwardRule(rate=0.004, mean_wan=10_000.0, cv=0.8, driver="level")
INCREMENT = AwardRule(rate=0.1, mean_wan=4_800.0, cv=0.5, driver="increment")


@pytest.fixture(autouse=True)
def fresh_tables():
    award_rules._moment_table.cache_clear()


def integrated_moment(j: int, mean: float, cv: float, cap: float) -> float:
    """E[min(cap, X)^j], X lognormal with ``mean`` and ``cv`` (> 0): in log space, u = log x,
    ∫ e^{ju} φ((u − μ)/σ)/σ du up to log cap, plus cap^j P(X > cap)."""
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = math.log(mean) - sigma * sigma / 2
    normal = stats.norm(mu, sigma)
    peak = mu + j * sigma * sigma  # where e^{ju} φ(u) peaks
    low, high = peak - 14 * sigma, min(math.log(cap), peak + 14 * sigma)
    body = 0.0
    if high > low:
        body = integrate.quad(
            lambda u: math.exp(j * u) * normal.pdf(u), low, high, epsabs=0, epsrel=1e-12, limit=200
        )[0]
    return body + cap**j * float(normal.sf(math.log(cap)))


def cornish_fisher_money(n: int, factor: float, z: float, mean: float, cv: float, cap: float):
    """The money of n awards min(cap, factor × B) at the normal quantile z: the
    Cornish–Fisher quantile of their sum from the integrated moments, clipped to
    [0, n × cap]; also the unclipped value."""
    if factor == 0 or n == 0:
        return 0.0, 0.0
    m1, m2, m3 = (integrated_moment(j, factor * mean, cv, cap) / cap**j for j in (1, 2, 3))
    variance = m2 - m1 * m1
    third = m3 - 3 * m1 * m2 + 2 * m1**3
    g = third / variance if variance > 0 else 0.0
    raw = n * m1 + math.sqrt(n * variance) * z + g * (z * z - 1) / 6
    return min(max(raw, 0.0), float(n)) * cap, raw * cap


# --------------------------------------------------------------------------- one award
@pytest.mark.parametrize(
    ("mean", "cv", "cap", "factors"),
    [
        # service points: 0.004 × 10,000 = 40 below the 50 cap, 0.005 exactly at it
        (10_000.0, 0.8, 50.0, [0.0, 0.0007, 0.004, 0.005, 0.0062, 0.03, 2.0]),
        # R&D rewards: a wide spread, the cap of 500
        (4_800.0, 1.7, 500.0, [1e-5, 0.02, 0.1, 0.104_166_666_666_666_67, 0.5, 7.0]),
        # a narrow spread: the cap binds only near r = 1
        (3.0, 0.05, 2.0, [0.3, 0.6, 0.66, 2 / 3, 0.7, 0.9]),
    ],
)
def test_capped_moments_are_the_integrals_of_the_capped_lognormal(mean, cv, cap, factors):
    factor = np.array(factors)
    got = capped_moments(factor, mean, cv, cap)
    for j, moments in enumerate(got, start=1):
        assert moments.shape == factor.shape
        for f, value in zip(factors, moments):
            expected = 0.0 if f == 0 else integrated_moment(j, f * mean, cv, cap)
            assert value == pytest.approx(expected, rel=1e-8, abs=1e-300), (j, f)
            assert 0.0 <= value <= cap**j


def test_capped_moments_keep_the_shape_of_the_factors():
    factor = np.array([[0.001, 0.0], [0.004, 0.05], [0.01, 1e-4]])
    first, second, third = capped_moments(factor, 10_000.0, 0.8, 50.0)
    for j, moments in ((1, first), (2, second), (3, third)):
        assert moments.shape == (3, 2)
        for f, value in zip(factor.ravel(), moments.ravel()):
            expected = 0.0 if f == 0 else integrated_moment(j, f * 10_000.0, 0.8, 50.0)
            assert value == pytest.approx(expected, rel=1e-8)


def test_capped_moments_without_spread_are_the_capped_award_and_its_powers():
    """cv 0: every award is min(cap, factor × mean); 0.005 × 10,000 is exactly the cap."""
    factor = np.array([0.0, 0.0013, 0.004, 0.005, 0.0071, 3.0])
    award = np.array([0.0, 13.0, 40.0, 50.0, 50.0, 50.0])
    for j, moments in enumerate(capped_moments(factor, 10_000.0, 0.0, 50.0), start=1):
        np.testing.assert_allclose(moments, award**j, rtol=1e-12)
        assert moments[0] == 0.0


# --------------------------------------------------------------------------- the scale
PATH = np.array(
    [
        # 2023 .. 2028 (rows), two draws (columns)
        [100.0, 96.0],
        [110.0, 99.0],
        [125.0, 95.0],
        [90.0, -12.0],
        [140.0, 101.0],
        [160.0, 130.0],
    ]
)


def test_level_scale_is_the_lagged_indicator_over_its_reference():
    """Award year 2024 + i pays from the value lag years before, over the 2023 reference
    (80, not the path's own 2023 value); a negative value pays nothing."""
    reference = 80.0
    last_year = award_scale(LEVEL, PATH, reference, 0.05, 1)
    same_year = award_scale(LEVEL, PATH, reference, 0.05, 0)
    expected_last = (
        np.array([[100, 96], [110, 99], [125, 95], [90, 0], [140, 101]], dtype=float) / reference
    )
    expected_same = (
        np.array([[110, 99], [125, 95], [90, 0], [140, 101], [160, 130]], dtype=float) / reference
    )
    np.testing.assert_allclose(last_year, expected_last, rtol=1e-12)
    np.testing.assert_allclose(same_year, expected_same, rtol=1e-12)


def test_increment_scale_is_the_years_increase_over_the_reference_increase():
    """Reference 200 growing 5 %: the reference increase is 10. Increases of the path
    (draw 1): 7, 15, −3, 30, 6; (draw 2): 0, 20, 10, −1, 2.5. A fall pays nothing, and a
    year whose increase falls before 2024 (lag 1, award year 2024) gets the reference."""
    path = np.array(
        [
            [205.0, 300.0],
            [212.0, 300.0],
            [227.0, 320.0],
            [224.0, 330.0],
            [254.0, 329.0],
            [260.0, 331.5],
        ]
    )
    same_year = award_scale(INCREMENT, path, 200.0, 0.05, 0)
    np.testing.assert_allclose(
        same_year,
        np.array([[0.7, 0.0], [1.5, 2.0], [0.0, 1.0], [3.0, 0.0], [0.6, 0.25]]),
        rtol=1e-12,
    )
    last_year = award_scale(INCREMENT, path, 200.0, 0.05, 1)
    np.testing.assert_allclose(
        last_year,
        np.array([[1.0, 1.0], [0.7, 0.0], [1.5, 2.0], [0.0, 1.0], [3.0, 0.0]]),
        rtol=1e-12,
    )
    assert same_year.shape == (5, 2)


def test_increment_scale_without_expected_growth_divides_by_a_tiny_increase():
    """Trend 0 (no increase expected): the divisor is 1e-9 × the reference, so any rise pays
    (up to the cap, downstream) and no rise pays nothing; a falling trend gives the years
    before 2024 (lag 1) a negative reference increase: nothing."""
    path = np.array([[500.0], [500.0], [500.5], [499.0], [501.0], [501.0]])
    flat = award_scale(INCREMENT, path, 500.0, 0.0, 0)
    np.testing.assert_allclose(flat[:, 0], [0.0, 0.5 / 5e-7, 0.0, 2.0 / 5e-7, 0.0], rtol=1e-12)
    falling = award_scale(INCREMENT, path, 500.0, -0.02, 1)
    np.testing.assert_allclose(falling[:, 0], [0.0, 0.0, 0.5 / 5e-7, 0.0, 2.0 / 5e-7], rtol=1e-12)


# --------------------------------------------------------------------------- the money
def test_money_without_spread_is_awards_times_the_capped_award():
    """cv 0: n × min(cap, factor × mean) exactly; 0.005 × 10,000 = 50 is at the cap."""
    awards = np.array([[3, 0, 7], [1, 12, 5]])
    factor = np.array([[0.0021, 0.004, 0.005], [0.0, 0.006, 0.0049]])
    z = np.array([[2.0, -1.0, 0.3], [1.5, -2.5, 0.0]])
    money = award_sums(awards, factor, z, 10_000.0, 0.0, 50.0)
    expected = np.array([[3 * 21.0, 0.0, 7 * 50.0], [0.0, 12 * 50.0, 5 * 49.0]])
    np.testing.assert_allclose(money, expected, rtol=1e-12)
    assert money.dtype == np.float64


CELLS = [
    # (awards, factor, z): service points, mean 10,000, cv 0.8, cap 50
    (1, 0.004, 0.0),
    (4, 0.004, 1.0),
    (4, 0.004, -1.0),
    (9, 0.0027, 1.8),
    (9, 0.0027, -2.3),
    (20, 0.005, 0.6),  # the mean award exactly at the cap
    (20, 0.0061, -0.4),
    (2, 0.0008, 2.7),
    (13, 0.012, -1.3),
    (6, 0.03, 0.9),
    (3, 0.0, 1.2),  # nothing to scale by: nothing paid
    (0, 0.004, 0.5),  # no award
]


def test_money_is_the_cornish_fisher_quantile_of_the_integrated_moments():
    awards = np.array([c[0] for c in CELLS])
    factor = np.array([c[1] for c in CELLS])
    z = np.array([c[2] for c in CELLS])
    money = award_sums(awards, factor, z, 10_000.0, 0.8, 50.0)
    for (n, f, q), value in zip(CELLS, money):
        expected, _ = cornish_fisher_money(n, f, q, 10_000.0, 0.8, 50.0)
        assert value == pytest.approx(expected, rel=1e-6, abs=1e-9), (n, f, q)
    assert money[-2] == 0.0 and money[-1] == 0.0


@pytest.mark.parametrize(("mean", "cv", "cap"), [(4_800.0, 1.7, 500.0), (3.0, 0.05, 2.0)])
def test_money_of_other_rules_is_their_cornish_fisher_quantile(mean, cv, cap):
    """Another spread and cap, every factor positive (the path without zero factors), in a
    2-D array of cells."""
    cells = [(5, 0.07, 1.1), (2, 0.104_166_666_666_666_67, -0.8), (11, 0.02, 2.2)]
    cells += [(1, 0.31, 0.0), (7, 1.3, -1.9), (3, 0.005, 0.4)]
    if cap == 2.0:
        cells = [(n, f * 100, q) for n, f, q in cells]
    awards = np.array([c[0] for c in cells]).reshape(2, 3)
    factor = np.array([c[1] for c in cells]).reshape(2, 3)
    z = np.array([c[2] for c in cells]).reshape(2, 3)
    money = award_sums(awards, factor, z, mean, cv, cap)
    assert money.shape == (2, 3)
    for (n, f, q), value in zip(cells, money.ravel()):
        expected, _ = cornish_fisher_money(n, f, q, mean, cv, cap)
        assert value == pytest.approx(expected, rel=1e-6, abs=1e-9 * cap), (n, f, q)


def test_money_is_clipped_to_nothing_and_to_every_award_at_the_cap():
    """Far in the tails the quantile would leave [0, n × cap]: it stops at the ends, exactly."""
    mean, cv, cap = 10_000.0, 0.8, 50.0
    high = (3, 0.0045, 9.0)  # a mean award of 45 of 50: the upper tail passes 3 × 50
    low = (2, 0.0075, -4.0)  # most awards capped, skewed to the left: the lower tail passes 0
    assert cornish_fisher_money(*high, mean, cv, cap)[1] > 3 * cap
    assert cornish_fisher_money(*low, mean, cv, cap)[1] < 0
    money = award_sums(
        np.array([high[0], low[0]]),
        np.array([high[1], low[1]]),
        np.array([high[2], low[2]]),
        mean,
        cv,
        cap,
    )
    assert money[0] == 3 * cap
    assert money[1] == 0.0


def test_money_beyond_the_table_is_tiny_or_every_award_at_the_cap():
    """r = factor × mean / cap beyond the table (e^±40): awards of e^−45 of the cap pay next
    to nothing; awards of e^45 times the cap are all capped."""
    mean, cap = 10_000.0, 50.0
    factor = np.array([math.exp(-45.0) * cap / mean, math.exp(45.0) * cap / mean])
    money = award_sums(np.array([4, 4]), factor, np.array([1.5, -2.0]), mean, 0.8, cap)
    assert 0.0 <= money[0] < 4 * cap * math.exp(-39.0)
    assert money[1] == pytest.approx(4 * cap, rel=1e-12)


def test_all_zero_factors_pay_nothing_in_the_shape_asked_for():
    money = award_sums(
        np.full((2, 3), 5), np.zeros((2, 3)), np.linspace(-1, 1, 6).reshape(2, 3), 10.0, 0.8, 5.0
    )
    assert money.shape == (2, 3)
    assert not money.any()


def test_each_cells_money_does_not_depend_on_the_other_cells_across_slices():
    """More cells than one slice (2 × SLICE + 1,000, in 8 rows): the first slice mixes zero
    and positive factors, the second has only positive ones, the rest only zeros; every cell
    is one of a few known cells, whose money is worked out once by the reference."""
    known = [c for c in CELLS if c[1] > 0 and c[0] > 0][:6]
    reference = np.array([cornish_fisher_money(*c, 10_000.0, 0.8, 50.0)[0] for c in known])
    total = 2 * SLICE + 1_000
    rng = np.random.default_rng(5)
    which = rng.integers(0, len(known), size=total)
    awards = np.array([known[k][0] for k in which])
    factor = np.array([known[k][1] for k in which])
    z = np.array([known[k][2] for k in which])
    expected = reference[which]
    zero = np.zeros(total, dtype=bool)
    zero[: SLICE // 2 : 3] = True  # some of the first slice
    zero[2 * SLICE :] = True  # all of the last
    factor[zero] = 0.0
    expected[zero] = 0.0
    money = award_sums(
        awards.reshape(8, -1), factor.reshape(8, -1), z.reshape(8, -1), 10_000.0, 0.8, 50.0
    )
    assert money.shape == (8, total // 8)
    np.testing.assert_allclose(money.ravel(), expected, rtol=1e-6, atol=1e-9)


def test_the_mean_money_over_normal_quantiles_is_n_times_the_mean_award():
    """Brute force: over z ~ N(0, 1) (fixed seed, 400,000 cells) the money of n awards has
    mean n E[Y] (the quantile's z and z² − 1 terms average to 0 where it is not clipped),
    and a sum of n awards drawn one by one has the same mean and about the same sd.
    Tolerances: 6 standard errors (false failure below 1e-8)."""
    rng = np.random.default_rng(11)
    n, factor, mean, cv, cap = 6, 0.0035, 10_000.0, 0.8, 50.0
    z = rng.standard_normal(400_000)
    money = award_sums(np.full(z.size, n), np.full(z.size, factor), z, mean, cv, cap)
    m1 = integrated_moment(1, factor * mean, cv, cap)
    m2 = integrated_moment(2, factor * mean, cv, cap)
    sd = math.sqrt(n * (m2 - m1 * m1))
    assert abs(money.mean() - n * m1) < 6 * sd / math.sqrt(z.size)
    sigma = math.sqrt(math.log1p(cv * cv))
    each = rng.lognormal(math.log(factor * mean) - sigma * sigma / 2, sigma, size=(200_000, n))
    brute = np.minimum(each, cap).sum(axis=1)
    assert abs(brute.mean() - n * m1) < 6 * sd / math.sqrt(brute.size)
    assert money.std() == pytest.approx(brute.std(), rel=0.02)


def deficit_skew(log_r: float, cv: float) -> tuple[float, float]:
    """sd s and g = third central moment / variance of one award in units of the cap,
    Y = min(1, r B / E B), from the moments of its deficit D = 1 − Y = (1 − r B / E B)⁺ by
    integration: when nearly every award is capped, D is small and rare, and its moments
    carry no cancellation (1 − Y has the variance of Y and minus its third moment)."""
    sigma = math.sqrt(math.log1p(cv * cv))
    mu = log_r - sigma * sigma / 2  # of log(r B / E B)
    normal = stats.norm(mu, sigma)
    low = min(mu, 0.0) - 40 * sigma

    def moment(k: int) -> float:
        return integrate.quad(
            lambda u: (-math.expm1(u)) ** k * normal.pdf(u),
            low,
            0.0,
            epsabs=0,
            epsrel=1e-12,
            limit=400,
        )[0]

    d1, d2, d3 = moment(1), moment(2), moment(3)
    variance = d2 - d1 * d1
    third = -(d3 - 3 * d1 * d2 + 2 * d1**3)
    return math.sqrt(variance), third / variance


@pytest.mark.parametrize(
    ("cv", "low", "high"),
    [(0.05, 0.25, 0.45), (0.3, 1.6, 2.7), (0.8, 4.3, 6.4), (1.7, 7.8, 10.8)],
)
def test_awards_nearly_always_capped_pay_every_award_at_the_cap(cv, low, high):
    """Awards all but certainly capped: r from where one falls below the cap with probability
    3e-7 to 5e-10 (by cv) to where it is about 1e-18 (cv 0.05: r ≈ 1.3–1.6; 0.3: 5–15; 0.8:
    74–600; 1.7: 2,400–49,000). The money of 4 awards is 4 × cap but for the Cornish–Fisher
    terms √4 s z and g (z² − 1)/6, with s and g of one award from the moments of its deficit
    (``deficit_skew``; g is about −0.02 to −0.5 here). Bounds: at most 4 × cap; at least that
    less max(0, −g (z² − 1)/6) + √4 s |z| caps, and 0.002 caps for the model's table (whose
    g is exact to about 1e-3 where it keeps it)."""
    mean, cap, n = 10.0, 5.0, 4
    log_r = np.linspace(low, high, 23)
    for z in (0.0, 0.5, -1.7, 3.0):
        factor = np.exp(log_r) * cap / mean
        money = award_sums(np.full(log_r.size, n), factor, np.full(log_r.size, z), mean, cv, cap)
        for lr, value in zip(log_r, money):
            s, g = deficit_skew(float(lr), cv)
            below = max(0.0, -g * (z * z - 1) / 6) + math.sqrt(n) * s * abs(z) + 0.002
            assert n * cap - below * cap <= value <= n * cap * (1 + 1e-12), (lr, z, s, g)
