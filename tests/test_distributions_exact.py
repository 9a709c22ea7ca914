"""The table-driven samplers against references written out here: the negative binomial as a
Gamma–Poisson mixture (its pmf from log-gamma, its mean m and variance m + cv² m²), the Beta
award share and the capped lognormal cost share by numerical integration, sums of awards by
their mean n μ and variance n σ² (so the spread of award sizes is carried into the sum), and
the caches by their byte budget."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, optimize, stats
from scipy.special import ndtr, ndtri

from simulator.model import distributions as d
from simulator.model.distributions import (
    EXACT_SUM_MAX,
    GUIDE_CELLS,
    MAX_COUNT_TABLE,
    QUANTILE_GRID,
    BoundedCache,
    CountTable,
    ShareDistribution,
    ShareSumTable,
    capped_lognormal_moment,
    count_distribution,
    count_table,
    count_table_range,
    share_sum_table,
    thinned_counts,
    u_cells,
    z_cells,
)


@pytest.fixture(autouse=True)
def fresh_caches():
    d._COUNT_TABLES.clear()
    d._SUM_TABLES.clear()
    yield
    d._COUNT_TABLES.clear()
    d._SUM_TABLES.clear()


def mixture_pmf(k: np.ndarray, mean: float, cv: float) -> np.ndarray:
    """P(N = k) for N ~ Poisson(λ), λ ~ Gamma(shape 1/cv², mean m), from log-gamma."""
    if cv == 0:
        return np.exp(k * math.log(mean) - mean - np.array([math.lgamma(x + 1) for x in k]))
    r = 1 / (cv * cv)
    p = r / (r + mean)
    return np.exp(
        np.array([math.lgamma(x + r) - math.lgamma(x + 1) - math.lgamma(r) for x in k])
        + r * math.log(p)
        + k * math.log1p(-p)
    )


@pytest.mark.parametrize("mean,cv", [(0.4, 0.0), (3.0, 0.0), (7.5, 0.4), (60.0, 0.2), (2.0, 1.5)])
def test_counts_are_the_inverse_cdf_of_the_gamma_poisson_mixture(mean, cv):
    """N(z) = the least k with P(N ≤ k) ≥ Φ(z), at z on a grid and at random."""
    table = CountTable(mean, cv)
    k = np.arange(0, table.top + 1)
    cdf = np.cumsum(mixture_pmf(k, mean, cv))
    z = np.concatenate([np.linspace(-6, 6, 2001), np.random.default_rng(1).standard_normal(5000)])
    expected = np.minimum(np.searchsorted(cdf, ndtr(z) - 1e-12, side="left"), table.top)
    got = table.sample(z)
    assert got.dtype == np.int64
    # equal except where Φ(z) is within rounding of a step of the CDF
    near = np.min(np.abs(ndtr(z)[:, None] - cdf[None, :]), axis=1) < 1e-9
    np.testing.assert_array_equal(got[~near], expected[~near])
    # with precomputed cells, the same
    np.testing.assert_array_equal(table.sample(z, z_cells(z)), got)
    # and the moments of many draws: mean m, variance m + cv² m²
    draws = table.sample(np.random.default_rng(2).standard_normal(200_000))
    assert draws.mean() == pytest.approx(mean, rel=0.02)
    assert draws.var() == pytest.approx(mean + cv * cv * mean * mean, rel=0.04)


def test_count_distribution_is_poisson_without_spread():
    assert count_distribution(4.0, 0.0).mean() == pytest.approx(4.0)
    assert count_distribution(4.0, 0.0).var() == pytest.approx(4.0)
    assert count_distribution(4.0, 0.5).mean() == pytest.approx(4.0)
    assert count_distribution(4.0, 0.5).var() == pytest.approx(4.0 + 0.25 * 16)


def test_a_zero_uptake_gives_no_awards():
    table = CountTable(0.0, 0.3)
    assert count_table_range(0.0, 0.3) == (0, 0)
    assert not table.sample(np.array([-9.0, 0.0, 3.0, 9.0])).any()
    assert table.top == 0 and table.counts is None


def test_table_range_covers_all_but_a_negligible_tail():
    for mean, cv in ((5.0, 0.0), (200.0, 0.3)):
        low, top = count_table_range(mean, cv)
        dist = count_distribution(mean, cv)
        assert low == 0
        assert dist.sf(top - 1) < 1e-12 and dist.sf(top - 2) > 0
    # too wide to list every count: from the lower tail, and thinned
    low, top = count_table_range(500_000.0, 0.5)
    assert top - low + 1 > MAX_COUNT_TABLE and low > 0
    assert count_distribution(500_000.0, 0.5).cdf(low) < 1e-12


def test_thinned_counts_are_dense_first_then_geometric_up_to_the_top():
    counts = thinned_counts(100, 10_000_000, size=1000)
    assert counts[0] == 100 and counts[-1] == 10_000_000
    assert counts.size <= 1000
    np.testing.assert_array_equal(counts[:500], np.arange(100, 600))
    assert np.all(np.diff(counts) > 0)
    ratios = counts[501:] / counts[500:-1]
    assert ratios.max() < 1.03  # (10^7 / 600)^(1/499) ≈ 1.0197, floored to integers


def test_a_thinned_table_brackets_the_exact_count():
    mean, cv = 2_000_000.0, 0.6
    table = CountTable(mean, cv)
    assert table.counts is not None and table.counts.size <= MAX_COUNT_TABLE
    assert 0 < table.resolution < 0.001
    z = np.random.default_rng(3).standard_normal(4000)
    exact = count_distribution(mean, cv).ppf(ndtr(z))
    got = table.sample(z)
    assert np.all(np.abs(got - exact) <= table.resolution * exact + 1)
    assert table.nbytes == table.thresholds.nbytes + table.guide.nbytes + table.counts.nbytes


def test_guide_cells_and_sum_cells():
    z = np.array([-20.0, -8.5, 0.0, 8.5 - 1e-9, 20.0])
    cells = z_cells(z)
    assert cells[0] == 0 and cells[-1] == GUIDE_CELLS
    assert cells[2] == GUIDE_CELLS // 2
    assert cells[3] == GUIDE_CELLS - 1
    u = np.array([0.0, 0.5, 0.75 + 0.25 / QUANTILE_GRID, 1.0])
    cell, position = u_cells(u)
    np.testing.assert_array_equal(
        cell, [0, QUANTILE_GRID // 2, 3 * QUANTILE_GRID // 4, QUANTILE_GRID - 1]
    )
    np.testing.assert_allclose(position, [0.0, 0.0, 0.25, 1.0], atol=1e-9)


# ------------------------------------------------------------------------------ award sizes
@pytest.mark.parametrize("mean,sd", [(0.4, 0.2), (0.9, 0.1), (0.15, 0.12)])
def test_beta_share_moments_are_those_asked_for(mean, sd):
    share = ShareDistribution.beta(mean, sd)
    a, b = share.beta_parameters()
    m, var, third = share.moments()
    assert m == pytest.approx(mean, rel=1e-12)
    assert var == pytest.approx(sd * sd, rel=1e-12)
    pdf = stats.beta(a, b).pdf
    third_ref = integrate.quad(lambda x: (x - mean) ** 3 * pdf(x), 0, 1, limit=200)[0]
    assert third == pytest.approx(third_ref, rel=1e-6, abs=1e-12)
    x = np.linspace(0.01, 0.99, 9)
    cdf_ref = [integrate.quad(pdf, 0, v)[0] for v in x]
    np.testing.assert_allclose(share.cdf(x), cdf_ref, rtol=1e-7, atol=1e-10)
    assert not share.degenerate


@pytest.mark.parametrize(
    "rate,cap,cost,cv", [(0.5, 20.0, 30.0, 0.6), (0.5, 50.0, 40.0, 1.2), (0.1, 5.0, 20.0, 0.3)]
)
def test_capped_cost_share_moments_by_integration(rate, cap, cost, cv):
    """share = min(rate × C / cap, 1) with C lognormal (mean, cv)."""
    sigma = math.sqrt(math.log(1 + cv * cv))
    mu = math.log(cost) - sigma * sigma / 2
    scale = rate / cap

    def moment(k):
        def integrand(y):  # y: standard normal
            c = math.exp(mu + sigma * y)
            return min(scale * c, 1.0) ** k * math.exp(-y * y / 2) / math.sqrt(2 * math.pi)

        return integrate.quad(
            integrand, -12, 12, limit=400, points=[(math.log(1 / scale) - mu) / sigma]
        )[0]

    raw = [moment(k) for k in (1, 2, 3)]
    for k in (1, 2, 3):
        assert capped_lognormal_moment(k, scale, cost, cv) == pytest.approx(raw[k - 1], rel=1e-7)
    share = ShareDistribution.capped_cost(rate, cap, cost, cv)
    m, var, third = share.moments()
    assert m == pytest.approx(raw[0], rel=1e-7)
    assert var == pytest.approx(raw[1] - raw[0] ** 2, rel=1e-6)
    assert third == pytest.approx(
        raw[2] - 3 * raw[0] * raw[1] + 2 * raw[0] ** 3, rel=1e-5, abs=1e-12
    )
    # the CDF: P(share ≤ x) = P(C ≤ x cap / rate) below 1, and 1 at the cap
    x = np.array([0.1, 0.3, 0.6, 0.999, 1.0])
    expected = stats.lognorm(sigma, scale=math.exp(mu)).cdf(x * cap / rate)
    expected[-1] = 1.0
    np.testing.assert_allclose(share.cdf(x), expected, rtol=1e-9)
    assert share.cdf(np.array([0.0]))[0] == 0.0


def test_degenerate_shares():
    fixed = ShareDistribution.beta(0.35, 0.0)
    assert fixed.degenerate and fixed.point() == 0.35
    assert fixed.moments() == (0.35, 0.0, 0.0)
    cost = ShareDistribution.capped_cost(0.5, 20.0, 30.0, 0.0)
    assert cost.degenerate and cost.point() == 0.75
    assert ShareDistribution.capped_cost(0.5, 20.0, 60.0, 0.0).point() == 1.0
    assert capped_lognormal_moment(2, 0.5 / 20.0, 30.0, 0.0) == pytest.approx(0.75**2)
    table = ShareSumTable(fixed)
    counts = np.array([[0, 1, 7, 40]])
    np.testing.assert_allclose(
        table.sample(counts, np.full((1, 4), 0.3)), [[0.0, 0.35, 2.45, 14.0]]
    )
    assert table.nbytes == 64


def quantile_sums(table: ShareSumTable, n: int, points: int = 20_000) -> np.ndarray:
    """The sums for n awards at evenly spread uniforms (midpoints): their mean and variance
    are those of the sum's distribution."""
    u = (np.arange(points) + 0.5) / points
    return table.sample(np.full(points, n, dtype=np.int64), u)


@pytest.mark.parametrize("n", [1, 2, 5, EXACT_SUM_MAX, EXACT_SUM_MAX + 1, 40, 300])
def test_sums_of_awards_have_mean_n_mu_and_variance_n_sigma_squared(n):
    share = ShareDistribution.beta(0.4, 0.2)
    table = ShareSumTable(share)
    sums = quantile_sums(table, n)
    assert sums.mean() == pytest.approx(n * 0.4, rel=0.005)
    # within 5 %: the exact tables' outermost cells (u below 1/2048 or above 2047/2048)
    # interpolate linearly to the ends of the support (0 and n), which adds up to about
    # 3 % to the variance at n = 16; sums drawn without the share's spread would have none
    assert sums.var() == pytest.approx(n * 0.04, rel=0.05)
    assert np.all((sums >= 0) & (sums <= n))
    assert np.all(np.diff(sums) >= -1e-12)  # a quantile function: never decreasing in u


def test_one_award_follows_the_share_distribution():
    share = ShareDistribution.beta(0.3, 0.15)
    table = ShareSumTable(share)
    a, b = share.beta_parameters()
    u = np.linspace(0.01, 0.99, 99)
    got = table.sample(np.ones(99, dtype=np.int64), u)
    np.testing.assert_allclose(got, stats.beta(a, b).ppf(u), atol=2.0 / 512)


def test_sums_of_capped_costs_keep_their_skew():
    """Large counts use the skewness-corrected normal quantile: its mean, variance and
    third central moment are n times one award's."""
    share = ShareDistribution.capped_cost(0.5, 20.0, 10.0, 1.0)
    m, var, third = share.moments()
    assert third > 0.1 * var**1.5  # skewed to the right: the cap (share 1) binds rarely
    table = ShareSumTable(share)
    n = 60
    sums = quantile_sums(table, n, 40_000)
    assert sums.mean() == pytest.approx(n * m, rel=0.005)
    assert sums.var() == pytest.approx(n * var, rel=0.03)
    centred = sums - sums.mean()
    assert np.mean(centred**3) == pytest.approx(n * third, rel=0.15)
    small = quantile_sums(table, 3, 40_000)
    assert np.mean((small - small.mean()) ** 3) == pytest.approx(3 * third, rel=0.1)


def test_mixed_counts_use_each_rule_where_it_applies():
    table = ShareSumTable(ShareDistribution.beta(0.5, 0.2))
    rng = np.random.default_rng(4)
    u = rng.random((2, 3000))
    for counts in (
        rng.integers(0, EXACT_SUM_MAX + 30, size=(2, 3000)),  # a few large
        rng.integers(EXACT_SUM_MAX - 3, EXACT_SUM_MAX + 200, size=(2, 3000)),  # mostly large
    ):
        mixed = table.sample(counts, u)
        assert mixed.shape == counts.shape
        for where in (counts <= EXACT_SUM_MAX, counts > EXACT_SUM_MAX):
            alone = table.sample(counts[where], u[where])  # one rule for all of them
            np.testing.assert_allclose(mixed[where], alone, rtol=1e-12)
        np.testing.assert_allclose(table.sample(counts, u, u_cells(u)), mixed, rtol=1e-12)
    assert not table.sample(np.zeros(5, dtype=np.int64), np.full(5, 0.7)).any()


def test_tables_are_cached_by_their_parameters():
    a = count_table(12.0, 0.3)
    assert count_table(12, 0.3) is a
    assert count_table(12.0, 0.31) is not a
    s = share_sum_table("beta", (0.4, 0.2))
    assert share_sum_table("beta", (0.4, 0.2)) is s
    assert s.share.kind == "beta" and s.share.params == (0.4, 0.2)
    assert share_sum_table("capped_cost", (0.025, 30.0, 0.6)).share.kind == "capped_cost"


def test_the_cache_keeps_the_most_recent_values_within_its_budget():
    made = []

    def make(value):
        def f():
            made.append(value)
            return value

        return f

    cache: BoundedCache[str, str] = BoundedCache(10, len)
    assert cache.get("a", make("aaaa")) == "aaaa"
    assert cache.get("b", make("bbbb")) == "bbbb"
    assert cache.get("a", make("xxxx")) == "aaaa"  # kept, not made again; now most recent
    assert cache.bytes == 8
    cache.get("c", make("cccc"))  # 12 bytes > 10: the least recently used (b) goes
    assert cache.bytes == 8
    assert cache.get("b", make("BBBB")) == "BBBB"
    assert cache.get("a", make("zzzz")) == "zzzz"  # a went when b came back
    assert made == ["aaaa", "bbbb", "cccc", "BBBB", "zzzz"]
    cache.clear()
    assert cache.bytes == 0 and cache.get("c", make("new")) == "new"
    big: BoundedCache[str, str] = BoundedCache(2, len)
    assert big.get("k", make("longer than the budget")) == "longer than the budget"
    assert big.bytes == len("longer than the budget")  # the one value in use stays


def test_the_guide_counts_the_thresholds_below_each_grid_point():
    """guide[c] = #{i : thresholds[i] < z_c} on the grid z_c = −8.5 + c·17/2¹⁶, counted one
    grid point at a time here; thresholds exactly on grid points (not below them), repeated
    thresholds, −∞ (below every point) and +∞ (below none)."""
    grid = -8.5 + (17.0 / GUIDE_CELLS) * np.arange(GUIDE_CELLS + 1)
    on_point = grid[[0, 7, 7, 40000, GUIDE_CELLS]]
    cases = [
        np.array(
            [
                -np.inf,
                on_point[0],
                on_point[1],
                on_point[2],
                -0.3,
                on_point[3],
                2.0,
                on_point[4],
                np.inf,
            ]
        ),
        CountTable(3.0, 0.0).thresholds,
        CountTable(60.0, 0.7).thresholds,
    ]
    for thresholds in cases:
        below = np.array([np.count_nonzero(thresholds < z) for z in grid[::97]])
        guide = d._guide(thresholds)
        assert guide.shape == (GUIDE_CELLS + 1,) and guide.dtype == np.int64
        np.testing.assert_array_equal(guide[::97], below)
        # at the points themselves: a threshold equal to a point is not below it
        for c in (0, 7, 8, 40000, GUIDE_CELLS):
            assert guide[c] == np.count_nonzero(thresholds < grid[c])
    assert list(d._guide(cases[0])[[0, 1, 7, 8]]) == [1, 2, 2, 4]


def test_count_table_thresholds_are_normal_quantiles_of_the_cdf():
    table = CountTable(5.0, 0.0)
    cdf = np.cumsum(mixture_pmf(np.arange(table.top + 1), 5.0, 0.0))
    np.testing.assert_allclose(table.thresholds[:10], ndtri(cdf[:10]), rtol=1e-9)
    assert table.thresholds[-1] == np.inf
    assert np.all(np.diff(table.thresholds) >= 0)
    assert table.nbytes == table.thresholds.nbytes + table.guide.nbytes


def irwin_hall_cdf(x: float, n: int) -> float:
    """P(U_1 + … + U_n ≤ x) for independent uniforms on [0, 1] (Irwin–Hall)."""
    terms = ((-1) ** k * math.comb(n, k) * (x - k) ** n for k in range(int(math.floor(x)) + 1))
    return sum(terms) / math.factorial(n)


@pytest.mark.parametrize(
    "n,tolerance", [(1, 1e-3), (2, 1e-3), (3, 1e-3), (8, 1e-3), (16, 1e-3), (17, 0.05), (40, 0.05)]
)
def test_sums_of_uniform_awards_follow_the_irwin_hall_distribution(n, tolerance):
    """Beta(1, 1) (mean 1/2, sd √(1/12)) awards: the sum's quantiles are Irwin–Hall's, to
    half a lattice cell (1/1024) for the exact tables; the normal approximation above 16
    awards, to 0.05 (its error at 17 awards is about 0.03, from the kurtosis it ignores)."""
    table = ShareSumTable(ShareDistribution.beta(0.5, math.sqrt(1 / 12)))
    assert table.share.beta_parameters() == pytest.approx((1.0, 1.0))
    u = np.linspace(0.005, 0.995, 199)
    expected = [optimize.brentq(lambda x, p=p: irwin_hall_cdf(x, n) - p, 0, n) for p in u]
    got = table.sample(np.full(u.size, n, dtype=np.int64), u)
    np.testing.assert_allclose(got, expected, atol=tolerance, rtol=0)


def test_a_table_far_from_zero_lists_counts_from_its_lower_tail():
    """Poisson(100,000): the table starts near 100,000 − 7.4 sd (not at 0) yet lists every
    count, and each draw is the Poisson quantile of Φ(z)."""
    table = CountTable(100_000.0, 0.0)
    assert table.counts is None and 90_000 < table.low < 100_000
    z = np.array([-5.0, -1.0, 0.0, 0.3, 2.0, 5.0])
    np.testing.assert_array_equal(table.sample(z), stats.poisson(100_000.0).ppf(ndtr(z)))
    assert table.resolution == 0.0


def test_a_fixed_cost_above_the_cap_pays_the_cap():
    assert capped_lognormal_moment(1, 0.1, 20.0, 0.0) == 1.0  # 10 % of 20 caps at 1
    assert capped_lognormal_moment(3, 0.02, 20.0, 0.0) == pytest.approx(0.4**3)


def test_sums_stay_within_nothing_and_every_award_at_its_cap():
    """A small, skewed share (mean 0.05, sd 0.1) summed over 17 awards: the normal
    approximation is skewed with it and stays in [0, n]."""
    table = ShareSumTable(ShareDistribution.beta(0.05, 0.1))
    for n in (17, 25):
        sums = quantile_sums(table, n, 40_000)
        assert sums.min() >= 0.0 and sums.max() <= n
        assert sums.mean() == pytest.approx(n * 0.05, rel=0.05)
    # a few large counts among many small ones: each count by its own rule
    rng = np.random.default_rng(8)
    counts = rng.integers(0, EXACT_SUM_MAX + 6, size=4000)
    u = rng.random(4000)
    assert 0 < np.count_nonzero(counts > EXACT_SUM_MAX) < 2000
    mixed = table.sample(counts, u)
    for where in (counts <= EXACT_SUM_MAX, counts > EXACT_SUM_MAX):
        np.testing.assert_allclose(mixed[where], table.sample(counts[where], u[where]), rtol=1e-12)
