"""Estimated sds (``noise.df``): the projection is the Student-t posterior predictive.

Independent references: Student's t quantiles from scipy for the engine's and the
projection's distributions (the scale mixture s·z with s = √(ν/χ²_ν) is t_ν), and the exact
frequentist coverage of the t prediction interval for histories drawn from the model with
independent shocks. Tolerances are 5 standard errors of a sample quantile
(√(p(1 − p)/n)/density) or 4.5 binomial standard errors (false failures < 1e-5 per check).
"""

import copy
import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from simulator import Engine, scenario_from_dict
from simulator.model import ScenarioError
from simulator.model.calibration import fit_series, project
from simulator.model.predictive import SD_LIMIT, normal_sd_scales, sd_scales

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
PROBABILITIES = (0.05, 0.25, 0.75, 0.95)


def assert_student_t(x, df, scale, probabilities=PROBABILITIES):
    n = x.size
    for p in probabilities:
        q = stats.t.ppf(p, df) * scale
        density = stats.t.pdf(q / scale, df) / scale
        tolerance = 5 * math.sqrt(p * (1 - p) / n) / density
        assert np.quantile(x, p) == pytest.approx(q, abs=tolerance), (p, df)


def with_noise(**noise):
    data = copy.deepcopy(BASE)
    data["indicators"]["tech_brokers"].update(
        start={"year": 2023, "value": 1000.0, "sd": 0.0, "basis": "test"},
        trend={"mean": 0.04, "sd": 0.02, "basis": "test"},
        noise={"persistence": 0.0, "basis": "test", **noise},
        effects=[],
    )
    return data


@pytest.mark.parametrize("df", [2, 4, 9])
def test_engine_five_year_log_growth_is_student_t_when_the_sds_are_estimated(df):
    """log(I_2028/I_2023) − 5μ = s·(5·0.02·z₁ + 0.05·Σ₅ ε) = s·√(25·0.02² + 5·0.05²)·z: t_ν
    with scale 0.15 (the cap on s, 0.5/0.05 = 10, binds only where χ²_ν < ν/100, beyond the
    quantiles checked: P < 0.01 at ν = 2)."""
    engine = Engine(scenario_from_dict(with_noise(sd=0.05, df=df)), draws=200_000, seed=8)
    engine.run()
    path = engine.indicator_paths["tech_brokers"]
    assert_student_t(np.log(path[-1] / path[0]) - 5 * 0.04, df, 0.15)


def test_without_degrees_of_freedom_the_growth_stays_normal():
    engine = Engine(scenario_from_dict(with_noise(sd=0.05)), draws=200_000, seed=8)
    engine.run()
    path = engine.indicator_paths["tech_brokers"]
    x = np.log(path[-1] / path[0]) - 5 * 0.04
    for p in PROBABILITIES:
        q = stats.norm.ppf(p) * 0.15
        tolerance = 5 * math.sqrt(p * (1 - p) / x.size) / (stats.norm.pdf(q / 0.15) / 0.15)
        assert np.quantile(x, p) == pytest.approx(q, abs=tolerance)


def test_scales_are_capped_so_no_sd_exceeds_the_limit():
    u = np.array([1e-12, 0.3, 0.999999, 1.0, 0.0])
    scale = sd_scales(u, 1, (0.2, 0.05))
    assert np.all(scale * 0.2 <= SD_LIMIT + 1e-12)
    assert scale[3] == pytest.approx(SD_LIMIT / 0.2)  # χ² = 0: the cap
    assert scale[4] == 0.0  # χ² = ∞
    # inverse survival: u = P(χ²₁ > x), so s = √(1/x) with x = χ²₁ quantile at 1 − u
    assert scale[1] == pytest.approx(math.sqrt(1 / stats.chi2.ppf(0.7, 1)))
    ones = sd_scales(u, 3, (0.0, 0.0))
    assert ones.shape == u.shape and np.all(ones == 1.0)  # one scale per draw
    # an sd above the limit is never scaled below itself: the cap is then 1
    assert sd_scales(np.array([1.0, 0.5]), 2, (0.8,)).tolist() == [1.0, 1.0]


@pytest.mark.parametrize("df", [1, 2, 4, 5, 30, 1000])
def test_the_engines_table_of_scales_is_the_exact_scale_within_1e7(df):
    """normal_sd_scales(z) against scipy's χ² quantiles at Φ(z), each tail from its own side
    (the inverse survival function at Φ(z) below 0, the quantile at Φ(−z) above), tails
    beyond the table (|z| > 8.5) included; both capped alike."""
    z = np.random.default_rng(df).standard_normal(200_000)
    z[:6] = [-9.2, -8.5, -8.49999, 0.0, 8.49999, 9.3]
    for sds in [(0.001,), (0.142, 0.05)]:
        chi2 = np.where(
            z <= 0, stats.chi2.isf(stats.norm.cdf(z), df), stats.chi2.ppf(stats.norm.cdf(-z), df)
        )
        exact = np.minimum(np.sqrt(df / chi2), max(1.0, SD_LIMIT / max(sds)))
        table = normal_sd_scales(z, df, sds)
        np.testing.assert_allclose(table, exact, rtol=1e-7 if df < 4 else 2e-8)
    assert np.all(normal_sd_scales(z[:10], df, (0.0,)) == 1.0)


@pytest.mark.parametrize("bad", [0, 1.5, 1001, "4", True, -2])
def test_degrees_of_freedom_are_an_integer_from_1_to_1000(bad):
    with pytest.raises(ScenarioError) as raised:
        scenario_from_dict(with_noise(sd=0.05, df=bad))
    assert "indicators.tech_brokers.noise.df" in str(raised.value)


def test_project_one_step_is_student_t_with_the_predictive_scale():
    """One year ahead: μ̂ + s·(se·z₁ + σ̂·z₂), scale √(se² + σ̂²)."""
    paths = project(100.0, 0.07, 0.03, 0.04, 0.0, 1, 200_000, 5, df=3)
    assert_student_t(np.log(paths[1] / 100.0) - 0.07, 3, 0.05)


def synthetic(rng, years, mu, sigma, start=50.0):
    n = years[-1] - years[0]
    logs = math.log(start) + np.concatenate([[0.0], np.cumsum(mu + sigma * rng.standard_normal(n))])
    return {y: float(np.exp(logs[y - years[0]])) for y in years}


@pytest.mark.parametrize("horizon", [1, 4])
def test_bands_from_short_histories_cover_at_their_nominal_rate(horizon):
    """Five observations with gaps (ν = 3), independent shocks: the t prediction interval is
    exact, so the 50 % and 90 % bands cover 50 % and 90 % of the point ``horizon`` years
    after the last observation (a normal band with σ̂ would cover about 80 % at 90 %)."""
    rng = np.random.default_rng(2024 + horizon)
    years = (2010, 2011, 2013, 2016, 2017)
    reps, draws = 2000, 2000
    in50 = in90 = 0
    for k in range(reps):
        series = synthetic(rng, years + (2017 + horizon,), 0.08, 0.06)
        later = series.pop(2017 + horizon)
        fit = fit_series(series, persistence=0.0)
        assert fit.noise_df == 3
        x = fit.project(horizon, draws, k)[horizon]
        q05, q25, q75, q95 = np.quantile(x, (0.05, 0.25, 0.75, 0.95))
        in50 += int(q25 <= later <= q75)
        in90 += int(q05 <= later <= q95)
    for share, level in ((in50 / reps, 0.5), (in90 / reps, 0.9)):
        assert abs(share - level) < 4.5 * math.sqrt(level * (1 - level) / reps), (share, level)


def test_a_uniform_of_one_gives_the_cap_without_a_warning():
    """u = 1: χ²_ν = 0 and ν/0 = ∞, capped at SD_LIMIT / sd; no division warning reaches a
    planner's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scale = sd_scales(np.array([1.0, 1.0]), 4, (0.1, 0.05))
    assert scale.tolist() == [pytest.approx(SD_LIMIT / 0.1)] * 2
