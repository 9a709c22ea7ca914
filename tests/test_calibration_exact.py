"""Exact cases of the calibration (hand-worked, brute force, ties), for what the statistical
tests of test_calibration.py cannot pin down: which points count, the threshold at which the
persistence is estimated, the degrees of freedom, the fallback noise, the pooled prior with
persistent shocks, the projection's reproducibility and the words of a basis."""

import itertools
import math

import numpy as np
import pytest

from simulator.model.calibration import (
    MIN_INCREMENTS_FOR_PERSISTENCE,
    fit_series,
    pooled_noise,
    pooled_note,
    pooled_persistence,
    project,
)
from simulator.model.problems import Message

SERIES = {2015: 10.0, 2018: 12.0, 2020: 15.0}


def test_zero_and_negative_figures_and_later_years_are_left_out():
    fit = fit_series({2014: 0.0, 2015: 10.0, 2016: -3.0, 2018: 12.0, 2020: 15.0, 2022: 20.0}, 2021)
    assert fit.years == (2015, 2018, 2020) and fit.values == (10.0, 12.0, 15.0)
    assert fit_series({2019: 0.0, 2020: -1.0}) is None


def test_two_increments_without_a_prior_have_one_degree_of_freedom():
    """φ = 0: weights 1/Δ; μ̂ = log 1.5 / 5; residuals r_i = d_i − μ̂Δ_i, r'R⁻¹r = Σ r_i²/Δ_i,
    σ̂² = r'R⁻¹r / 1, se = σ̂/√5."""
    fit = fit_series(SERIES, persistence=0.0, name="s")
    mu = math.log(1.5) / 5
    rss = (math.log(1.2) - 3 * mu) ** 2 / 3 + (math.log(1.25) - 2 * mu) ** 2 / 2
    assert fit.noise_df == 1
    assert fit.noise_sd == pytest.approx(math.sqrt(rss))
    assert fit.trend_sd == pytest.approx(math.sqrt(rss / 5))
    assert (fit.series, fit.persistence, fit.persistence_estimated) == ("s", 0.0, False)


def test_one_increment_uses_the_planners_noise_for_the_trend_sd():
    """A single increment of 4 years, φ = 0: info = Δ'R⁻¹Δ = 4²/4 = 4, se = 0.1/√4; no noise
    sd and no degrees of freedom."""
    fit = fit_series({2016: 5.0, 2020: 8.0}, persistence=0.0, noise_fallback=0.1)
    assert fit.noise_sd is None and fit.noise_df is None
    assert fit.trend_mean == pytest.approx(math.log(1.6) / 4)
    assert fit.trend_sd == pytest.approx(0.05)
    assert fit_series({2016: 5.0, 2020: 8.0}, persistence=0.0).trend_sd is None


def test_a_single_observation_keeps_the_given_persistence_and_note():
    note = Message("a note")
    fit = fit_series({2021: 7.0}, persistence=0.4, name="x", persistence_note=note)
    assert (fit.series, fit.start_year, fit.start_value) == ("x", 2021, 7.0)
    assert (fit.persistence, fit.persistence_estimated, fit.persistence_note) == (0.4, False, note)
    assert fit.trend_mean is None and fit.trend_sd is None and fit.noise_df is None


def test_persistence_is_estimated_from_exactly_the_threshold_number_of_increments():
    rng = np.random.default_rng(4)
    logs = np.cumsum(0.05 + 0.04 * rng.standard_normal(MIN_INCREMENTS_FOR_PERSISTENCE + 1))
    at = {2000 + k: float(np.exp(v)) for k, v in enumerate(logs)}  # threshold increments
    below = {y: v for y, v in at.items() if y < max(at)}
    note = Message("a note")
    estimated = fit_series(at, persistence=0.77, persistence_note=note)
    assert estimated.increments == MIN_INCREMENTS_FOR_PERSISTENCE
    assert estimated.persistence_estimated and estimated.persistence_note is None
    assert estimated.persistence != 0.77  # from the grid 0, 0.05, … 0.9
    assert "; persistence = REML estimate on a grid 0…0.9)" in estimated.basis()
    given = fit_series(below, persistence=0.77, persistence_note=note)
    assert not given.persistence_estimated
    assert (given.persistence, given.persistence_note) == (0.77, note)


def brute_force_rss(series, phi):
    """r'C⁻¹r of the GLS fit, C built year by year: Cov(u_k, u_l) = φ^|k−l| summed over the
    years of each pair of increments."""
    years = sorted(series)
    d = np.diff(np.log([series[y] for y in years]))
    gaps = np.diff(years).astype(float)
    spans = [range(a + 1, b + 1) for a, b in itertools.pairwise(years)]
    c = np.array([[sum(phi ** abs(j - k) for j in p for k in q) for q in spans] for p in spans])
    inv = np.linalg.inv(c)
    mu = (gaps @ inv @ d) / (gaps @ inv @ gaps)
    r = d - mu * gaps
    return float(r @ inv @ r), len(d) - 1


@pytest.mark.parametrize("phi", [0.3, 0.7])
def test_pooled_noise_with_persistent_shocks_matches_a_brute_force_gls(phi):
    history = {
        "own": {2010: 1.0, 2011: 2.0, 2012: 2.5},
        "a": {2008: 3.0, 2009: 3.3, 2012: 4.4, 2013: 4.5, 2016: 6.1},
        "b": {2011: 10.0, 2013: 12.5, 2014: 12.0, 2018: 19.0},
        "short": {2015: 1.0, 2016: 1.2},
    }
    ra, na = brute_force_rss(history["a"], phi)
    rb, nb = brute_force_rss(history["b"], phi)
    prior = pooled_noise(history, None, phi, exclude="own")
    assert (prior.series, prior.increments) == (2, na + nb)
    assert prior.variance == pytest.approx((ra + rb) / (na + nb), rel=1e-9)
    # the persistence matters: φ = 0 gives another variance
    assert pooled_noise(history, None, 0.0, exclude="own").variance != pytest.approx(
        prior.variance, rel=1e-3
    )


def test_pooled_persistence_counts_series_of_three_points_up_to_the_as_of_year():
    three = {2010: 1.0, 2011: 1.1, 2013: 1.4}
    later = {2010: 1.0, 2014: 1.3, 2015: 1.6, 2016: 1.7}  # 1 point up to 2013
    assert pooled_persistence([three, later], 2013)[1:] == (1, 2)
    assert pooled_persistence([three, later])[1:] == (2, 5)
    assert pooled_note((0.3, 4, 9), None).text("en") == (
        "pooled REML estimate over the 4 history series with at least 3 points "
        "(9 increments), grid 0…0.9"
    )
    assert pooled_note((0.3, 2, 5), 2013).text("en") == (
        "pooled REML estimate over the 2 history series with at least 3 points up to 2013 "
        "(5 increments), grid 0…0.9"
    )


def test_projection_starts_at_the_start_and_is_reproducible_by_seed():
    a = project(50.0, 0.05, 0.02, 0.04, 0.3, 3, 1000, 11, df=4)
    assert a.shape == (4, 1000) and np.all(a[0] == 50.0)
    assert np.array_equal(a, project(50.0, 0.05, 0.02, 0.04, 0.3, 3, 1000, 11, df=4))
    assert not np.array_equal(a, project(50.0, 0.05, 0.02, 0.04, 0.3, 3, 1000, 12, df=4))
    fit = fit_series(SERIES, persistence=0.0)
    assert np.array_equal(fit.project(2, 500, 3), fit.project(2, 500, 3))
    assert not np.array_equal(fit.project(2, 500, 3), fit.project(2, 500, 4))


def test_a_basis_says_which_data_and_fit_in_chinese_and_english():
    basis = fit_series(SERIES, persistence=0.0, name="s").basis("src")
    english = (
        "calibrated from history series s, years 2015, 2018, 2020 (3 points, 2 increments); "
        "source: src; start = the 2020 observation; trend = mean log growth by generalised "
        "least squares on the increments between observations (AR(1) shocks); trend sd = its "
        "standard error; noise sd = REML residual sd; both estimated with ν = 1 degrees of "
        "freedom, so each draw scales them by √(ν/χ²_ν) (Student-t bands); persistence 0: "
        "assumption (fewer than 8 increments cannot estimate it)"
    )
    assert basis.endswith(f" ({english})")
    assert basis.startswith(
        "由历史序列 s 校准,年份 2015, 2018, 2020(3个观测值,2个增量);来源:src;起点 = 2020年观测值;"
    )
    assert "持续性 0:假设(少于8个增量无法估计)" in basis
    history = {"s": SERIES, "o": {2010: 1.0, 2011: 1.5, 2012: 1.6, 2014: 2.0}}
    prior = pooled_noise(history, None, 0.0, exclude="s")
    with_prior = fit_series(SERIES, persistence=0.0, name="s", prior=prior).basis()
    sd = f"{math.sqrt(prior.variance):.3g}"
    assert (
        "trend sd = its standard error; noise sd = REML residuals combined with a prior "
        "pooled from the REML residuals of 1 other history series (2 degrees of freedom; "
        f"prior sd {sd}) weighted as 2 increments (assumption); both estimated with ν = 3 "
        "degrees of freedom, so each draw scales them by √(ν/χ²_ν) (Student-t bands); "
        "persistence 0: " in with_prior
    )
    single = fit_series({2020: 4.0}, name="t").basis()
    assert single.endswith(
        "(calibrated from history series t, years 2020 (1 points, 0 increments); start = the "
        "2020 observation; a single observation: trend and noise are not estimated)"
    )
    one = fit_series({2019: 4.0, 2020: 5.0}, name="t", persistence=0.0).basis()
    assert "; one increment: noise sd not estimable (planner's kept); " in one
