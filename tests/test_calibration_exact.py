"""Exact cases of the calibration (hand-worked, brute force, ties), for what the statistical
tests of test_calibration.py cannot pin down: which points count, the threshold at which the
persistence is estimated, the degrees of freedom, the fallback noise, the pooled prior with
persistent shocks, the projection's reproducibility and the words of a basis."""

import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from simulator import load_scenario
from simulator.model import InputError
from simulator.model.calibration import (
    MIN_INCREMENTS_FOR_PERSISTENCE,
    _clip,
    _planners,
    calibrate_scenario,
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


def brute_force_gls(series, phi):
    """The GLS fit of a series' log increments, C built year by year: Cov(u_k, u_l) = φ^|k−l|
    summed over the years of each pair of increments; (C, C⁻¹, gaps, residuals)."""
    years = sorted(series)
    d = np.diff(np.log([series[y] for y in years]))
    gaps = np.diff(years).astype(float)
    spans = [range(a + 1, b + 1) for a, b in itertools.pairwise(years)]
    c = np.array([[sum(phi ** abs(j - k) for j in p for k in q) for q in spans] for p in spans])
    inv = np.linalg.inv(c)
    mu = (gaps @ inv @ d) / (gaps @ inv @ gaps)
    return c, inv, gaps, d - mu * gaps


def brute_force_rss(series, phi):
    """r'C⁻¹r of the GLS fit (``brute_force_gls``) and its degrees of freedom."""
    _, inv, _, r = brute_force_gls(series, phi)
    return float(r @ inv @ r), len(r) - 1


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


# ---------------------------------------------------------------- calibrate_scenario
# The scenario as calibrated: which blocks change, to which numbers (clipped, to 12
# significant digits), with which words; hand-worked on the baseline and small histories.

BASELINE = Path(__file__).resolve().parents[1] / "scenarios" / "baseline.json"
ZH_CALIBRATED = (
    "由截至{y}年的历史数据校准(qdplan calibrate):起点、趋势和波动(各有依据);增量效应为规划人员的设定 "
    "(calibrated from the history up to {y} (qdplan calibrate): start, trend and noise (each "
    "with its basis); the effects are the planner's)"
)
NOT_CALIBRATED = (
    "未校准:历史数据中没有该序列截至{y}年的数值;起点、趋势和波动沿用规划人员的设定 "
    "(not calibrated: the history has no figure of this series up to {y}; the start, trend "
    "and noise stay the planner's) —— "
)
NO_HISTORY_NOISE = (
    "波动标准差:规划人员的假设;持续性 {phi}:假设(该序列无历史数据可供估计) "
    "(noise sd: the planner's assumption; persistence {phi}: assumption (no history of this "
    "series to estimate it))"
)


def baseline():
    return load_scenario(BASELINE)


def own_words(basis):
    """The planner's words of a shipped basis (after the baseline's own calibration note)."""
    return basis.split(" —— ")[-1]


def test_calibrate_scenario_fits_one_indicator_by_hand_and_says_so_in_both_languages():
    """tech_brokers 10, 12, 15 in 2015, 2018, 2020 with φ = 0 given: μ̂ = ln 1.5 / 5,
    σ̂² = Σ r_i²/Δ_i (ν = 1), se = σ̂/√5; as-of year the last observed, 2020."""
    scenario = baseline()
    before = scenario.data["indicators"]
    result = calibrate_scenario(scenario, {"tech_brokers": SERIES}, persistence=0.0)
    assert result.as_of == 2020
    mu = math.log(1.5) / 5
    rss = (math.log(1.2) - 3 * mu) ** 2 / 3 + (math.log(1.25) - 2 * mu) ** 2 / 2
    after = result.scenario.data["indicators"]
    brokers = after["tech_brokers"]
    basis = brokers["start"]["basis"]
    assert basis.startswith(
        "由历史序列 tech_brokers 校准,年份 2015, 2018, 2020(3个观测值,2个增量);"
    )
    assert "source:" not in basis and "persistence 0: assumption (fewer than 8" in basis
    assert {k: v for k, v in brokers["start"].items() if k != "basis"} == {
        "year": 2020,
        "value": 15.0,
        "sd": 0.0,
    }
    assert brokers["trend"]["mean"] == pytest.approx(mu, rel=1e-11)
    assert brokers["trend"]["sd"] == pytest.approx(math.sqrt(rss / 5), rel=1e-11)
    assert brokers["trend"]["basis"] == basis
    assert brokers["noise"] == {
        "sd": pytest.approx(math.sqrt(rss), rel=1e-11),
        "persistence": 0.0,
        "basis": basis,
        "df": 1,
    }
    assert brokers["basis"] == ZH_CALIBRATED.format(y=2020)
    assert brokers["effects"] == before["tech_brokers"]["effects"]
    fits = result.fits
    assert fits["tech_brokers"].years == (2015, 2018, 2020)
    assert fits["tech_brokers"].persistence_note is None  # the φ given: no pooled note
    # the others keep their numbers; their basis says why, before the planner's own words;
    # the φ given (0, which is not "none") becomes their persistence, with its reason
    for name in ("tech_enterprises", "rd_expenditure", "platforms", "contract_turnover"):
        assert fits[name] is None
        block, old = after[name], before[name]
        assert block["basis"] == NOT_CALIBRATED.format(y=2020) + own_words(old["basis"])
        assert (block["start"], block["trend"], block["effects"]) == (
            old["start"],
            old["trend"],
            old["effects"],
        )
        assert block["noise"]["sd"] == old["noise"]["sd"]
        assert block["noise"]["persistence"] == 0.0
        assert block["noise"]["basis"] == NO_HISTORY_NOISE.format(phi="0")


def test_without_a_persistence_given_an_uncalibrated_indicator_keeps_its_noise_block():
    scenario = baseline()
    result = calibrate_scenario(scenario, {"tech_brokers": SERIES}, as_of=2020)
    before = scenario.data["indicators"]["platforms"]
    after = result.scenario.data["indicators"]["platforms"]
    assert after["noise"] == before["noise"]
    assert after["basis"] == NOT_CALIBRATED.format(y=2020) + own_words(before["basis"])
    # the planner's φ where the data cannot estimate it (a φ other than 0, the fit's default)
    phi = scenario.data["indicators"]["tech_brokers"]["noise"]["persistence"]
    brokers = result.scenario.data["indicators"]["tech_brokers"]
    assert phi not in (0.0, 0.5) and brokers["noise"]["persistence"] == phi
    assert (
        f"; persistence {phi:g}: assumption (fewer than 8 increments" in brokers["noise"]["basis"]
    )


def test_the_as_of_year_defaults_to_the_last_observed_year_up_to_2023():
    later = {2019: 10.0, 2021: 11.0, 2023: 12.1, 2024: 14.0, 2025: 15.0}
    result = calibrate_scenario(baseline(), {"platforms": later}, persistence=0.0)
    assert result.as_of == 2023
    start = result.scenario.data["indicators"]["platforms"]["start"]
    assert (start["year"], start["value"]) == (2023, 12.1)
    # μ̂ = ln 1.21 / 4 from 2019–2023 only (the later figures left out)
    mean = result.scenario.data["indicators"]["platforms"]["trend"]["mean"]
    assert mean == pytest.approx(math.log(1.21) / 4, rel=1e-11)
    empty = calibrate_scenario(baseline(), {})
    assert empty.as_of == 2023 and set(empty.fits.values()) == {None}
    # 2023 itself may be asked for; 2024 is the plan's first year: refused, saying why
    assert calibrate_scenario(baseline(), {"platforms": later}, as_of=2023).as_of == 2023
    with pytest.raises(InputError) as refused:
        calibrate_scenario(baseline(), {"platforms": later}, as_of=2024)
    assert str(refused.value) == (
        "as-of year 2024 is after 2023: the plan's projection starts in 2024; later "
        "observations go in the scenario's actuals"
    )


def test_a_start_before_1990_is_not_calibrated_and_1990_is():
    history = {"tech_brokers": {1985: 5.0, 1989: 6.0}, "platforms": {1988: 2.0, 1990: 3.0}}
    result = calibrate_scenario(baseline(), history, persistence=0.0)
    assert result.as_of == 1990
    assert result.fits["tech_brokers"] is None
    assert result.scenario.data["indicators"]["tech_brokers"]["start"]["year"] == 2023
    assert result.fits["platforms"].start_year == 1990
    assert result.scenario.data["indicators"]["platforms"]["start"]["value"] == 3.0


def test_fitted_numbers_are_clipped_to_their_bounds():
    """Growth ×100 then ×0.01: μ̂ = 0, residuals ±ln 100 (ν = 1): σ̂ = √2·ln 100 = 6.5 and
    se = σ̂/√2 = 4.6, both clipped to 1. A tenfold rise a year: μ̂ = ln 10 → 0.7; a
    hundredfold fall: −ln 100 → −0.7; residuals 0: sds 0."""
    history = {
        "tech_brokers": {2020: 1.0, 2021: 100.0, 2022: 1.0},
        "platforms": {2020: 1.0, 2021: 10.0, 2022: 100.0},
        "rd_expenditure": {2020: 1e4, 2021: 100.0, 2022: 1.0},
    }
    data = calibrate_scenario(baseline(), history, persistence=0.0).scenario.data["indicators"]
    wild = data["tech_brokers"]
    assert wild["trend"]["mean"] == pytest.approx(0.0, abs=1e-12)
    assert (wild["trend"]["sd"], wild["noise"]["sd"]) == (1.0, 1.0)
    assert data["platforms"]["trend"]["mean"] == 0.7
    assert data["rd_expenditure"]["trend"]["mean"] == -0.7
    for name in ("platforms", "rd_expenditure"):
        assert data[name]["trend"]["sd"] == pytest.approx(0.0, abs=1e-9)
        assert data[name]["noise"]["sd"] == pytest.approx(0.0, abs=1e-9)


def test_clip_keeps_ties_at_both_bounds_and_rounds_to_12_significant_digits():
    assert _clip(0.7, -0.7, 0.7) == 0.7 and _clip(-0.7, -0.7, 0.7) == -0.7
    assert _clip(0.7000001, -0.7, 0.7) == 0.7 and _clip(-0.7000001, -0.7, 0.7) == -0.7
    assert _clip(1.0, 0.0, 1.0) == 1.0 and _clip(0.0, 0.0, 1.0) == 0.0
    assert _clip(1.5, 0.0, 1.0) == 1.0 and _clip(-0.25, 0.0, 1.0) == 0.0
    assert _clip(0.1234567890123456, 0.0, 1.0) == 0.123456789012
    assert _clip(-0.69999999999, -0.7, 0.7) == -0.69999999999  # 11 digits: kept


def test_a_previous_note_before_the_planners_basis_is_dropped():
    assert _planners("own words") == "own words"
    assert _planners("note one —— note two —— own words") == "own words"
    old = "not calibrated: … up to 2022; the start, trend and noise stay the planner's: own"
    assert _planners(old) == "own"
    assert _planners("new note —— " + old) == "own"
    assert _planners("a; b: c") == "a; b: c"


def test_one_increment_keeps_the_planners_noise_sd_without_degrees_of_freedom():
    """tech_brokers 5 → 8 over 4 years: trend ln 1.6 / 4, its sd the planner's noise sd / 2
    (se = σ/√(Δ'R⁻¹Δ) = σ/√4, φ = 0); the noise block loses a df the planner had."""
    data = baseline().data
    data["indicators"]["tech_brokers"]["noise"].update(sd=0.1, df=4)
    scenario = baseline().with_data(data)
    result = calibrate_scenario(scenario, {"tech_brokers": {2016: 5.0, 2020: 8.0}}, 2020, None, 0.0)
    brokers = result.scenario.data["indicators"]["tech_brokers"]
    assert brokers["trend"]["mean"] == pytest.approx(math.log(1.6) / 4, rel=1e-11)
    assert brokers["trend"]["sd"] == pytest.approx(0.05, rel=1e-11)
    assert brokers["noise"]["sd"] == 0.1 and "df" not in brokers["noise"]
    assert "(planner's kept)" in brokers["noise"]["basis"]


def test_a_single_observation_sets_the_start_and_keeps_the_trend():
    scenario = baseline()
    result = calibrate_scenario(scenario, {"tech_brokers": {2021: 7.0}}, persistence=0.0)
    brokers = result.scenario.data["indicators"]["tech_brokers"]
    old = scenario.data["indicators"]["tech_brokers"]
    assert (brokers["start"]["year"], brokers["start"]["value"]) == (2021, 7.0)
    assert brokers["trend"] == old["trend"]
    assert brokers["noise"]["sd"] == old["noise"]["sd"] and "df" not in brokers["noise"]
    assert brokers["basis"] == ZH_CALIBRATED.format(y=2021)


def test_sources_name_the_data_of_each_indicator():
    history = {"tech_brokers": SERIES, "platforms": {2016: 5.0, 2020: 8.0}}
    result = calibrate_scenario(
        baseline(), history, persistence=0.0, sources={"tech_brokers": "a bulletin"}
    )
    data = result.scenario.data["indicators"]
    assert ";来源:a bulletin;" in data["tech_brokers"]["start"]["basis"]
    assert "; source: a bulletin; " in data["tech_brokers"]["start"]["basis"]
    assert "source" not in data["platforms"]["start"]["basis"]


def test_the_noise_prior_comes_from_the_other_named_series():
    """Pool {"o": increments 0.1, 0.2, 0.0 a year apart, "tech_brokers": its own}: for
    tech_brokers the prior is o's alone, residuals 0, 0.1, −0.1 about μ̂ = 0.1: s₀² = 0.02/2
    with ν₀ = 2, so σ̂² = (2·0.01 + rss)/(2 + 1), ν = 3."""
    other = {2010: 1.0, 2011: math.exp(0.1), 2012: math.exp(0.3), 2013: math.exp(0.3)}
    history = {"tech_brokers": SERIES}
    pool = {"tech_brokers": SERIES, "o": other}
    result = calibrate_scenario(baseline(), history, persistence=0.0, noise_pool=pool)
    mu = math.log(1.5) / 5
    rss = (math.log(1.2) - 3 * mu) ** 2 / 3 + (math.log(1.25) - 2 * mu) ** 2 / 2
    noise = result.scenario.data["indicators"]["tech_brokers"]["noise"]
    assert noise["df"] == 3
    assert noise["sd"] == pytest.approx(math.sqrt((0.02 + rss) / 3), rel=1e-9)
    assert "prior pooled from the REML residuals of 1 other history series" in noise["basis"]
    assert result.fits["tech_brokers"].prior.variance == pytest.approx(0.01, rel=1e-9)


def brute_force_reml(series, phi):
    """The restricted log-likelihood of one series, up to a constant, C year by year:
    −½((m − 1) log σ̂² + log|C| + log Δ'C⁻¹Δ), σ̂² = r'C⁻¹r/(m − 1)."""
    c, inv, gaps, r = brute_force_gls(series, phi)
    m = len(r)
    sigma2 = float(r @ inv @ r) / (m - 1)
    logdet = math.log(np.linalg.det(c))
    return -0.5 * ((m - 1) * math.log(sigma2) + logdet + math.log(gaps @ inv @ gaps))


def test_without_a_persistence_given_the_pooled_estimate_is_used_and_named():
    """φ: the grid point maximising the summed brute-force REML of the series with three
    points up to the as-of year 2020 (tech_brokers' 3 and a's 8: 0.6, inside the grid;
    platforms has 2, b none so early)."""
    a = {2011: 1.0, 2012: 1.105, 2013: 1.197, 2014: 1.31, 2015: 1.448, 2016: 1.584}
    a |= {2017: 1.822, 2018: 2.075}
    b = {2021: 1.0, 2022: 1.1, 2023: 1.3}
    history = {"tech_brokers": SERIES, "a": a, "platforms": {2019: 1.0, 2020: 2.0}, "b": b}
    grid = [round(0.05 * k, 2) for k in range(19)]
    phi = max(grid, key=lambda p: brute_force_reml(SERIES, p) + brute_force_reml(a, p))
    assert phi == 0.6
    result = calibrate_scenario(baseline(), history, 2020, pooled_from=list(history.values()))
    data = result.scenario.data["indicators"]
    assert data["tech_brokers"]["noise"]["persistence"] == phi
    assert data["platforms"]["noise"]["persistence"] == phi
    note = (
        f"persistence {phi:g}: pooled REML estimate over the 2 history series with at least 3 "
        "points up to 2020 (9 increments), grid 0…0.9"
    )
    assert note in data["tech_brokers"]["noise"]["basis"]
    uncalibrated = data["tech_enterprises"]["noise"]
    assert uncalibrated["persistence"] == phi
    assert uncalibrated["basis"].endswith(f"(noise sd: the planner's assumption; {note})")
    assert (
        "对截至2020年至少有3个观测值的2个历史序列合并的REML估计(9个增量)" in uncalibrated["basis"]
    )


def test_the_noise_prior_with_persistent_shocks_leaves_out_later_years_and_the_own_series():
    """φ = 0.5 given: s₀² = r'C⁻¹r of o up to the as-of year 2020 (its 2022 figure left
    out) over its 2 degrees of freedom, by brute force; σ̂² = (2·s₀² + r'C⁻¹r of
    tech_brokers)/(2 + 1)."""
    other = {2010: 1.0, 2011: 1.2, 2013: 1.3, 2014: 1.7}
    pool = {"tech_brokers": SERIES, "o": other | {2022: 9.0}}
    r_own, _ = brute_force_rss(SERIES, 0.5)
    r_other, dof = brute_force_rss(other, 0.5)
    assert dof == 2
    result = calibrate_scenario(
        baseline(), {"tech_brokers": SERIES}, 2020, persistence=0.5, noise_pool=pool
    )
    noise = result.scenario.data["indicators"]["tech_brokers"]["noise"]
    assert (noise["df"], noise["persistence"]) == (3, 0.5)
    assert noise["sd"] == pytest.approx(math.sqrt((r_other + r_own) / 3), rel=1e-9)
