"""Calibration recovers known parameters from synthetic histories, and the backtest's scores.

Synthetic histories are drawn from the model itself (log growth μ + AR(1) shocks) with fixed
seeds; over R repetitions the mean of μ̂ must be within 4.5 standard errors of μ, and the share
of 90 % intervals μ̂ ± t_{ν,0.95}·sd (Student's t: σ is estimated with ν degrees of freedom)
that cover μ within 4.5 binomial standard errors of 90 % (false-failure rate per check < 1e-5).
"""

import math

import numpy as np
import pytest
from scipy import stats

from simulator.analysis import backtest, crps_samples
from simulator.model.calibration import fit_series, project
from simulator.model.persistence import ar1

REPS = 400


def synthetic(rng, years, mu, sigma, phi, start=100.0):
    """{year: value} observed at ``years`` of a yearly path from years[0]."""
    n = years[-1] - years[0]
    u = ar1(rng.standard_normal((n, 1)), phi)[:, 0] * sigma
    logs = math.log(start) + np.concatenate([[0.0], np.cumsum(mu + u)])
    return {y: float(np.exp(logs[y - years[0]])) for y in years}


@pytest.mark.parametrize(
    "years, phi",
    [
        (tuple(range(2005, 2024)), 0.0),  # yearly, independent shocks
        ((2008, 2010, 2011, 2014, 2015, 2016, 2019, 2020, 2021, 2023), 0.0),  # gaps
        (tuple(range(2005, 2024)), 0.5),  # persistent shocks, φ known to the fit
    ],
)
def test_trend_is_unbiased_and_its_90_percent_interval_covers(years, phi):
    rng = np.random.default_rng(1234)
    mu, sigma = 0.08, 0.05
    estimates, covered, variances = [], 0, []
    for _ in range(REPS):
        # (18 yearly increments: φ is estimated; 9 with gaps: φ given)
        fit = fit_series(synthetic(rng, years, mu, sigma, phi), persistence=phi)
        estimates.append(fit.trend_mean)
        covered += abs(fit.trend_mean - mu) <= stats.t.ppf(0.95, fit.noise_df) * fit.trend_sd
        variances.append(fit.noise_sd**2)
    estimates = np.array(estimates)
    se = estimates.std() / math.sqrt(REPS)
    assert abs(estimates.mean() - mu) < 4.5 * se
    share = covered / REPS
    assert abs(share - 0.9) < 4.5 * math.sqrt(0.9 * 0.1 / REPS), share


def test_noise_variance_is_unbiased_with_known_persistence():
    """REML σ̂² is unbiased for σ² when φ is right (any spacing)."""
    rng = np.random.default_rng(99)
    years = (2003, 2004, 2006, 2009, 2010, 2012, 2013, 2016, 2018, 2019, 2021, 2023)
    sigma = 0.06
    for phi in (0.0, 0.6):
        v = np.array(
            [_sigma2_known_phi(synthetic(rng, years, 0.05, sigma, phi), phi) for _ in range(REPS)]
        )
        assert abs(v.mean() - sigma**2) < 4.5 * v.std() / math.sqrt(REPS), (phi, v.mean())


def _sigma2_known_phi(series, phi):
    from simulator.model import calibration

    keep = calibration.MIN_INCREMENTS_FOR_PERSISTENCE
    calibration.MIN_INCREMENTS_FOR_PERSISTENCE = 10**6  # φ given, not estimated
    try:
        return calibration.fit_series(series, persistence=phi).noise_sd ** 2
    finally:
        calibration.MIN_INCREMENTS_FOR_PERSISTENCE = keep


def test_persistence_is_estimated_from_a_long_yearly_history():
    """With 40 yearly increments and φ = 0.6 the REML estimate is near the truth on average
    (short-sample bias of AR(1) estimates is about −(1 + 3φ)/n ≈ −0.07)."""
    rng = np.random.default_rng(5)
    years = tuple(range(1983, 2024))
    phis = [fit_series(synthetic(rng, years, 0.05, 0.05, 0.6)).persistence for _ in range(60)]
    assert 0.4 < np.mean(phis) < 0.7
    flat = [fit_series(synthetic(rng, years, 0.05, 0.05, 0.0)).persistence for _ in range(60)]
    assert np.mean(flat) < 0.25


def test_start_is_the_last_observation_up_to_the_as_of_year():
    fit = fit_series({2015: 10.0, 2018: 12.0, 2020: 15.0, 2024: 30.0}, as_of=2023)
    assert (fit.start_year, fit.start_value) == (2020, 15.0)
    assert fit.years == (2015, 2018, 2020)
    # two increments of lengths 3 and 2, independent shocks: GLS weights by 1/Δ, so μ̂ is
    # the total log growth over the total span
    only = fit_series({2015: 10.0, 2018: 12.0, 2020: 15.0}, persistence=0.0)
    assert only.trend_mean == pytest.approx(math.log(1.5) / 5)
    single = fit_series({2020: 15.0})
    assert single.trend_mean is None and single.start_value == 15.0
    assert fit_series({}) is None


def test_projected_paths_have_the_models_median_and_spread():
    paths = project(100.0, 0.05, 0.0, 0.04, 0.5, 5, 200_000, 3)
    logs = np.log(paths[-1] / 100.0)
    expected_var = 0.04**2 * (5 + 2 * sum((5 - k) * 0.5**k for k in range(1, 5)))
    assert logs.mean() == pytest.approx(0.25, abs=4.5 * math.sqrt(expected_var / 200_000))
    assert logs.var() == pytest.approx(expected_var, rel=5 * math.sqrt(2 / 200_000))


# --------------------------------------------------------------------------- backtest
@pytest.mark.parametrize("y", [-1.3, 0.0, 0.4, 2.5])
def test_sample_crps_of_a_normal_matches_the_closed_form(y):
    """CRPS(N(0, 1), y) = y(2Φ(y) − 1) + 2φ(y) − 1/√π."""
    x = np.random.default_rng(7).standard_normal(200_000)
    exact = y * (2 * stats.norm.cdf(y) - 1) + 2 * stats.norm.pdf(y) - 1 / math.sqrt(math.pi)
    assert crps_samples(x, y) == pytest.approx(exact, abs=0.005)


def test_crps_of_a_point_forecast_is_the_absolute_error():
    assert crps_samples(np.array([3.0]), 5.5) == pytest.approx(2.5)


def test_backtest_of_a_history_drawn_from_the_model_is_calibrated():
    """On long histories drawn from the model itself the 50 % and 90 % bands cover about
    50 % and 90 % of later points."""
    rng = np.random.default_rng(21)
    history = {f"s{k}": synthetic(rng, tuple(range(1990, 2024)), 0.06, 0.05, 0.0) for k in range(8)}
    result = backtest(history, tuple(history), first=2005, last=2020, persistence=0.0)
    score = result.score("model")
    assert score.n == 8 * sum(2023 - o for o in range(2005, 2021))
    # points from one history are correlated: generous bounds
    assert 0.35 < score.coverage50 < 0.65
    assert 0.8 < score.coverage90 < 0.97
    assert result.first_origin == 2005 and result.last_origin == 2020


def test_backtest_skips_origins_with_fewer_than_three_points():
    history = {
        "a": {2010: 1.0, 2012: 1.2, 2015: 1.5, 2020: 2.0},
        "b": {2001: 1.0, 2002: 1.1, 2003: 1.3},
    }
    result = backtest(history, ("a",))
    # 2012 has two points (one increment): no spread can be estimated
    assert [(f.origin, f.year, f.points) for f in result.forecasts] == [(2015, 2020, 3)]
    assert result.score("model", "missing") is None


def test_pooled_persistence_recovers_a_shared_persistence_from_short_series():
    from simulator.model.calibration import pooled_persistence

    rng = np.random.default_rng(17)
    years = tuple(range(2013, 2024))  # 10 increments each
    for phi, low, high in ((0.6, 0.4, 0.8), (0.0, 0.0, 0.25)):
        series = [synthetic(rng, years, 0.05, 0.05, phi) for _ in range(40)]
        estimate, n, m = pooled_persistence(series)
        assert (n, m) == (40, 400)
        assert low <= estimate <= high, (phi, estimate)
    assert pooled_persistence([{2020: 1.0, 2021: 2.0}]) is None


# --------------------------------------------------------------------------- noise prior
def test_pooled_noise_is_the_residual_variance_of_the_other_series_hand_worked():
    """Yearly observations, φ = 0: R = I, μ̂ = the mean increment, r'r = Σ (d − d̄)².
    Series b: increments 0.1, 0.3, 0.2 (mean 0.2, r'r = 0.02, 2 dof); series c: increments
    0.05, 0.25 with a two-year gap in the first (φ = 0: weights 1/Δ; μ̂ = 0.3/3 = 0.1,
    r'r = (0.05 − 0.2)²/2 + (0.25 − 0.1)² = 0.03375, 1 dof); series d has two points only."""
    from simulator.model.calibration import pooled_noise

    def from_increments(first, increments):
        years, value, out = [first], 1.0, {first: 1.0}
        for gap, d in increments:
            years.append(years[-1] + gap)
            value *= math.exp(d)
            out[years[-1]] = value
        return out

    history = {
        "a": from_increments(2015, [(1, 0.4), (1, 0.1), (1, 0.9)]),  # the fitted one
        "b": from_increments(2010, [(1, 0.1), (1, 0.3), (1, 0.2)]),
        "c": from_increments(2012, [(2, 0.05), (1, 0.25)]),
        "d": from_increments(2012, [(1, 0.5)]),
    }
    prior = pooled_noise(history, None, 0.0, exclude="a", df=2)
    assert (prior.series, prior.increments, prior.df) == (2, 3, 2)
    assert prior.variance == pytest.approx((0.02 + 0.03375) / 3)
    # as of 2013, b has 4 points (2010-2013) and c 2 (2012, 2014 is later): only b
    early = pooled_noise(history, 2013, 0.0, exclude="a")
    assert (early.series, early.increments) == (1, 2)
    assert early.variance == pytest.approx(0.01)
    assert pooled_noise({"a": history["a"], "d": history["d"]}, None, 0.0, "a") is None

    # the conjugate combination: σ² = (2·s0² + r'r)/(2 + ν), ν = 2 for a's three increments
    # (mean 0.4667, r'r = Σ (d − d̄)² = 0.3267)
    fit = fit_series(history["a"], persistence=0.0, prior=prior)
    rss = sum((d - 1.4 / 3) ** 2 for d in (0.4, 0.1, 0.9))
    assert fit.noise_df == 4
    assert fit.noise_sd == pytest.approx(math.sqrt((2 * prior.variance + rss) / 4))
    assert fit.trend_sd == pytest.approx(fit.noise_sd / math.sqrt(3))
    assert "pooled from the REML residuals of 2 other history series" in fit.basis()
    # one increment: the prior alone, with its own degrees of freedom
    one = fit_series({2020: 1.0, 2021: 1.5}, persistence=0.0, prior=prior)
    assert (one.noise_sd, one.noise_df) == (pytest.approx(math.sqrt(prior.variance)), 2)
    # without a prior: the residuals alone, ν = m − 1
    alone = fit_series(history["a"], persistence=0.0)
    assert alone.noise_df == 2 and alone.noise_sd == pytest.approx(math.sqrt(rss / 2))


def test_backtest_scores_an_origin_only_when_its_noise_sd_has_two_degrees_of_freedom():
    """Three points give one residual degree of freedom: a t with ν = 1 has no mean and no
    CRPS, so the origin is scored only when a prior from another series adds to it."""
    a = {2010: 1.0, 2012: 1.2, 2015: 1.5, 2020: 2.0}
    alone = backtest({"a": a}, ("a",))
    assert alone.forecasts == []
    other = {y: 1.1**k * (1.05 if k % 2 else 1.0) for k, y in enumerate(range(2008, 2016))}
    pooled = backtest({"a": a, "b": other}, ("a",))
    assert [(f.origin, f.year, f.points) for f in pooled.forecasts] == [(2015, 2020, 3)]
    assert pooled.fits[("a", 2015)].noise_df == 2 + 1
