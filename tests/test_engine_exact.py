"""The engine on small scenarios whose answers are worked out by hand: every line silent but
the ones under test, deterministic indicators, varied yearly inputs (so that a shifted year,
lag or cohort changes the answer), and draws checked one by one where the model makes them
exact; otherwise against analytic moments (mixture variance, copula correlation).

False-failure budget: z-tests at |z| < 4.5 (7e-6 each) and moment checks at 6+ standard
errors, about 20 in all: below 2e-4 for a fresh seed; the seeds are fixed, so each run is
deterministic.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, scenario_from_dict
from simulator.model.randomness import BLOCK
from tests.scenario_helpers import quiet

ROOT = Path(__file__).resolve().parents[1]
YEARS = ("2024", "2025", "2026", "2027", "2028")
Z_LIMIT = 4.5


def set_indicator(data: dict, indicator: str, start: float, growth: float) -> None:
    """Start ``start`` in 2023, growing by the factor 1 + ``growth`` a year (log trend)."""
    data["indicators"][indicator]["start"]["value"] = start
    data["indicators"][indicator]["trend"]["mean"] = math.log1p(growth)


def set_line(data: dict, line_id: str, **values) -> None:
    line = data["lines"][line_id]
    for key, value in values.items():
        if key in ("uptake", "uptake_cv") and not isinstance(value, dict):
            value = {year: value for year in line[key]}
        if key == "award_share" and "mean" in value:
            value = {year: dict(value) for year in YEARS}
        line[key] = value


def run(data: dict, draws: int = 2 * BLOCK, seed: int = 1, **options):
    engine = Engine(scenario_from_dict(data), draws=draws, seed=seed, **options)
    return engine, engine.run()


def z_score(draws: np.ndarray, expected: float) -> float:
    se = draws.std(ddof=1) / math.sqrt(draws.size)
    return float((draws.mean() - expected) / se)


# --------------------------------------------------------------------------- amounts
def test_amount_lines_pay_their_yearly_amounts_by_the_disbursement_profile():
    """Uncapped amounts with no spread are exact: committed = uptake × multiplier; paid in
    year y = 0.5 c(y) + 0.3 c(y−1) + 0.2 c(y−2); after 2028: 0.2 c(2027) + 0.5 c(2028)."""
    data = quiet()
    amounts = [1000.0, 2000.0, 4000.0, 8000.0, 16000.0]
    set_line(
        data,
        "m22-landing-fund",
        uptake=dict(zip(YEARS, amounts)),
        disbursement=[0.5, 0.3, 0.2],
    )
    set_line(data, "m24-vc-reward", uptake=dict(zip(YEARS, [10.0, 20.0, 30.0, 40.0, 50.0])))
    data["uptake_multiplier"] = 1.5
    engine, results = run(data, draws=3000)
    c = [1.5 * a for a in amounts]
    paid = [
        0.5 * c[0],
        0.5 * c[1] + 0.3 * c[0],
        0.5 * c[2] + 0.3 * c[1] + 0.2 * c[0],
        0.5 * c[3] + 0.3 * c[2] + 0.2 * c[1],
        0.5 * c[4] + 0.3 * c[3] + 0.2 * c[2],
    ]
    fund = engine.lines["m22-landing-fund"]
    np.testing.assert_allclose(fund.committed, np.repeat([c], 3000, axis=0).T, rtol=1e-12)
    np.testing.assert_allclose(fund.paid, np.repeat([paid], 3000, axis=0).T, rtol=1e-12)
    np.testing.assert_allclose(fund.after_horizon, 0.2 * c[3] + 0.5 * c[4], rtol=1e-12)
    # share of investment: 10 % of the investment, paid in the award year
    reward = [0.1 * 1.5 * v for v in (10.0, 20.0, 30.0, 40.0, 50.0)]
    np.testing.assert_allclose(engine.lines["m24-vc-reward"].paid[:, 0], reward, rtol=1e-12)
    # the summaries: a constant series has every percentile equal to it; the span adds up
    total = results.outlay()
    expected_total = np.array(paid) + np.array(reward)
    for name in ("mean", "p05", "p25", "p50", "p75", "p95"):
        np.testing.assert_allclose(total[name][:5], expected_total, rtol=1e-12)
        np.testing.assert_allclose(total[name][5], expected_total.sum(), rtol=1e-12)
    assert results.after_horizon_mean() == pytest.approx(0.2 * c[3] + 0.5 * c[4], rel=1e-12)
    np.testing.assert_allclose(results.outlay("measure", "22")["mean"][:5], paid, rtol=1e-12)
    np.testing.assert_allclose(results.outlay("measure", "24")["mean"][:5], reward, rtol=1e-12)
    assert results.outlay("measure", "1")["mean"].max() == 0


def test_amount_spread_is_lognormal_around_the_planned_amount():
    """An amount with cv 0.5 is lognormal with mean the amount and sd half of it."""
    data = quiet()
    set_line(data, "m22-landing-fund", uptake=2000.0, uptake_cv=0.5, disbursement=[1.0])
    engine, _ = run(data)
    committed = engine.lines["m22-landing-fund"].committed[3]
    assert abs(z_score(committed, 2000.0)) < Z_LIMIT
    assert committed.std() / 2000.0 == pytest.approx(0.5, rel=0.06)
    logs = np.log(committed)
    assert logs.std() == pytest.approx(math.sqrt(math.log(1.25)), rel=0.03)
    assert np.all(committed > 0)


# --------------------------------------------------------------------------- counts
def test_fixed_award_sizes_give_awards_times_share_times_cap_in_every_draw():
    data = quiet()
    shares = [0.6, 0.5, 0.4, 0.3, 0.2]
    uptake = [3.0, 5.0, 8.0, 13.0, 21.0]
    set_line(
        data,
        "m01-demo",
        uptake=dict(zip(YEARS, uptake)),
        award_share={y: {"mean": s, "sd": 0.0} for y, s in zip(YEARS, shares)},
        disbursement=[1.0],
    )
    engine, results = run(data)
    draws = engine.lines["m01-demo"]
    for i, (share, mean) in enumerate(zip(shares, uptake)):
        np.testing.assert_allclose(draws.committed[i], draws.awards[i] * share * 1000, rtol=1e-12)
        awards = draws.awards[i]
        assert abs(z_score(awards, mean)) < Z_LIMIT
        assert awards.var() / mean == pytest.approx(1.0, rel=0.06)  # Poisson: var = mean
        assert results.awards_mean["m01-demo"][i] == pytest.approx(awards.mean(), rel=1e-12)
    np.testing.assert_array_equal(draws.paid, draws.committed)


def test_uptake_spread_gives_the_negative_binomial_variance():
    """A Gamma-distributed uptake rate with cv c: var N = m + c² m²."""
    data = quiet()
    set_line(
        data,
        "m03-natural-science-fund",
        uptake=20.0,
        uptake_cv={"2024": 0.5, "2025": 0.0, "2026": 0.25, "2027": 1.0, "2028": 0.5},
    )
    engine, _ = run(data)
    awards = engine.lines["m03-natural-science-fund"].awards
    for i, cv in enumerate((0.5, 0.0, 0.25, 1.0, 0.5)):
        assert awards[i].mean() == pytest.approx(20.0, rel=0.04)
        assert awards[i].var() == pytest.approx(20 + cv * cv * 400, rel=0.08), cv


def test_the_spread_of_award_sizes_sets_the_spread_of_money():
    """Poisson N (mean 20) awards of Beta size (mean 0.4, sd 0.2 of the 1000 cap): the money
    has mean λ μ cap and variance λ (σ² + μ²) cap² (compound Poisson); given N = n its
    variance is n σ² cap². Award sizes drawn without their spread would give 0.16 in place
    of 0.20 and nothing given N."""
    data = quiet()
    set_line(
        data,
        "m01-demo",
        uptake=20.0,
        award_share={"mean": 0.4, "sd": 0.2},
        disbursement=[1.0],
    )
    engine, _ = run(data, draws=4 * BLOCK, seed=3)
    draws = engine.lines["m01-demo"]
    cap = 1000.0
    for i in (0, 4):
        money = draws.committed[i]
        assert abs(z_score(money, 20 * 0.4 * cap)) < Z_LIMIT
        assert money.var() / (20 * 0.2 * cap * cap) == pytest.approx(1.0, rel=0.05)
        given = money[draws.awards[i] == 20]
        assert given.size > 3000
        assert given.mean() == pytest.approx(20 * 0.4 * cap, rel=0.01)
        assert given.var() / (20 * 0.04 * cap * cap) == pytest.approx(1.0, rel=0.15)
        assert np.all(money <= draws.awards[i] * cap)


def test_the_common_factor_correlates_lines_by_the_square_of_its_loading():
    """Counts drawn from z = ρ Z_common(year) + √(1 − ρ²) Z_line: two lines' counts of the
    same year correlate by ρ² (large Poisson counts are nearly normal), other years not at
    all, and each line keeps its own distribution (sd √m)."""
    data = quiet()
    for line_id in ("m01-common-tech", "m02-key-tech"):
        set_line(data, line_id, uptake=10000.0, disbursement=[1.0])
    data["common_factor"]["loading"] = 0.6
    engine, _ = run(data, seed=8)
    a = engine.lines["m01-common-tech"].awards.astype(float)
    b = engine.lines["m02-key-tech"].awards.astype(float)
    for i in range(5):
        assert np.corrcoef(a[i], b[i])[0, 1] == pytest.approx(0.36, abs=0.03)
        assert a[i].std() == pytest.approx(100.0, rel=0.03)
        assert b[i].mean() == pytest.approx(10000.0, abs=3.0)
    for i, j in ((0, 1), (1, 3), (2, 4)):
        assert abs(np.corrcoef(a[i], b[j])[0, 1]) < 0.03
        assert abs(np.corrcoef(a[i], a[j])[0, 1]) < 0.03
    data["common_factor"]["loading"] = 0.0
    engine, _ = run(data, seed=8)
    a = engine.lines["m01-common-tech"].awards.astype(float)
    b = engine.lines["m02-key-tech"].awards.astype(float)
    assert abs(np.corrcoef(a[2], b[2])[0, 1]) < 0.03


def test_persistent_shocks_correlate_years_by_the_powers_of_their_persistence():
    """z(line, y) = ρ C(y) + √(1 − ρ²) L(y), the common C and the line's own L each AR(1)
    with persistence φ_c and φ_u: one line's years k apart correlate by
    ρ² φ_c^k + (1 − ρ²) φ_u^k, two lines' by ρ² φ_c^k. With ρ = 0.6, φ_c = 0.8, φ_u = 0.5:
    0.608 and 0.3904 for one line (k = 1, 2), 0.36, 0.288 and 0.2304 for two (k = 0, 1, 2).
    Large Poisson counts are nearly linear in z, so their correlations are these."""
    data = quiet()
    for line_id in ("m01-common-tech", "m02-key-tech"):
        set_line(data, line_id, uptake=10000.0, disbursement=[1.0])
    data["common_factor"]["loading"] = 0.6
    data["persistence"].update(uptake=0.5, common=0.8)
    engine, _ = run(data, seed=13)
    a = engine.lines["m01-common-tech"].awards.astype(float)
    b = engine.lines["m02-key-tech"].awards.astype(float)
    for i in range(4):
        assert np.corrcoef(a[i], a[i + 1])[0, 1] == pytest.approx(0.608, abs=0.03)
        assert np.corrcoef(b[i], b[i + 1])[0, 1] == pytest.approx(0.608, abs=0.03)
        assert np.corrcoef(a[i], b[i + 1])[0, 1] == pytest.approx(0.288, abs=0.03)
        assert np.corrcoef(a[i], b[i])[0, 1] == pytest.approx(0.36, abs=0.03)
        assert a[i].std() == pytest.approx(100.0, rel=0.03)
    for i in range(3):
        assert np.corrcoef(a[i], a[i + 2])[0, 1] == pytest.approx(0.3904, abs=0.03)
        assert np.corrcoef(b[i + 2], a[i])[0, 1] == pytest.approx(0.2304, abs=0.03)


@pytest.mark.parametrize("sampler", ["pseudo", "sobol", "lhs"])
def test_every_sampler_follows_its_seed(sampler):
    data = quiet()
    set_line(data, "m01-demo", uptake=50.0, uptake_cv=0.3)
    set_line(data, "m22-landing-fund", uptake=100.0, uptake_cv=0.3)
    data["indicators"]["platforms"]["noise"]["sd"] = 0.05
    a, b, c = (run(data, draws=BLOCK, seed=seed, sampler=sampler)[0] for seed in (5, 5, 6))
    for line_id in ("m01-demo", "m22-landing-fund"):
        np.testing.assert_array_equal(a.lines[line_id].paid, b.lines[line_id].paid)
        # another seed: other numbers in (nearly) every draw, and other means (not the
        # same draws in another order)
        assert np.mean(a.lines[line_id].paid != c.lines[line_id].paid) > 0.5
        assert np.all(a.lines[line_id].paid.mean(axis=1) != c.lines[line_id].paid.mean(axis=1))
    np.testing.assert_array_equal(a.indicator_paths["platforms"], b.indicator_paths["platforms"])
    assert np.mean(a.indicator_paths["platforms"][-1] != c.indicator_paths["platforms"][-1]) > 0.9


# --------------------------------------------------------------------------- cohorts
def test_renewals_come_from_the_first_recognitions_three_years_earlier():
    """Re-recognition in 2027 and 2028 renews Binomial(first recognitions of 2024 and 2025,
    rate): with first recognitions that differ from year to year, a lag off by one year
    gives another mean, and draw by draw renewals never exceed their cohort."""
    data = quiet()
    first = [1000.0, 3000.0, 500.0, 2000.0, 4000.0]
    set_line(data, "m14-first-recognition", uptake=dict(zip(YEARS, first)))
    set_line(data, "m14-re-recognition", award_share={"mean": 0.8, "sd": 0.0})
    data["lines"]["m14-re-recognition"]["renewal_rate"] = 0.6
    engine, results = run(data, seed=4)
    n_first = engine.lines["m14-first-recognition"].awards
    renewed = engine.lines["m14-re-recognition"].awards
    assert not renewed[:3].any()  # the plan's own cohorts (planned uptake 0 here)
    for year, cohort in ((3, 0), (4, 1)):
        assert np.all(renewed[year] <= n_first[cohort])
        assert abs(z_score(renewed[year], 0.6 * first[cohort])) < Z_LIMIT
        # Var = E[N] p (1 − p) + p² Var N, with Poisson N
        expected_var = first[cohort] * (0.6 * 0.4 + 0.36)
        assert renewed[year].var() == pytest.approx(expected_var, rel=0.06)
        # tied to their own cohort draw by draw (correlation √(p² m / var) ≈ 0.77)
        assert np.corrcoef(renewed[year], n_first[cohort])[0, 1] > 0.7
        other = cohort + 1
        assert abs(np.corrcoef(renewed[year], n_first[other])[0, 1]) < 0.05
    np.testing.assert_allclose(
        engine.lines["m14-re-recognition"].committed, renewed * 0.8 * 5.0, rtol=1e-12
    )
    assert results.awards_mean["m14-re-recognition"][3] == pytest.approx(renewed[3].mean())


def test_certificates_before_the_plan_and_renewals_are_renewed_again():
    """Certificates issued in 2021–2023 (1000, 400, 2500; the same in every draw) are renewed
    in 2024–2026 as Binomial(C, 0.6): mean 0.6 C, variance 0.24 C. Renewals are certificates
    too: 2027 renews the first recognitions of 2024 and the renewals of 2024, so with Poisson
    first recognitions (mean 700) E R(2027) = 0.6 (700 + 600) = 780 and
    Var R(2027) = 0.24 (700 + 600) + 0.36 (700 + 240) = 650.4 (binomial given the trials, plus
    the trials' own variance: Poisson 700 and binomial 240, independent); 2028 likewise from
    2025 (first recognitions 200, renewals 240): mean 264, variance 105.6 + 0.36 × 296."""
    data = quiet()
    cohorts = data["lines"]["m14-re-recognition"]["cohorts_before_plan"]
    cohorts.update({"2021": 1000, "2022": 400, "2023": 2500})
    data["lines"]["m14-re-recognition"]["renewal_rate"] = 0.6
    first = [700.0, 200.0, 0.0, 0.0, 0.0]
    set_line(data, "m14-first-recognition", uptake=dict(zip(YEARS, first)))
    engine, _ = run(data, seed=2)
    renewed = engine.lines["m14-re-recognition"].awards
    n_first = engine.lines["m14-first-recognition"].awards
    for i, cohort in enumerate((1000, 400, 2500)):
        assert np.all(renewed[i] <= cohort)
        assert abs(z_score(renewed[i], 0.6 * cohort)) < Z_LIMIT
        assert renewed[i].var() == pytest.approx(0.24 * cohort, rel=0.06)
    for i, mean, var in ((3, 780.0, 650.4), (4, 264.0, 0.24 * 440 + 0.36 * 296)):
        source = i - 3
        assert np.all(renewed[i] <= n_first[source] + renewed[source])
        assert abs(z_score(renewed[i], mean)) < Z_LIMIT
        assert renewed[i].var() == pytest.approx(var, rel=0.06)
        # renewals of renewals: tied draw by draw to the renewals three years earlier
        assert np.corrcoef(renewed[i], renewed[source])[0, 1] > 0.25
    # a rate of 0 renews nothing, a rate of 1 renews every certificate
    data["lines"]["m14-re-recognition"]["renewal_rate"] = 1.0
    engine, _ = run(data, draws=BLOCK, seed=2)
    renewed = engine.lines["m14-re-recognition"].awards
    n_first = engine.lines["m14-first-recognition"].awards
    np.testing.assert_array_equal(renewed[:3].T, np.tile([1000, 400, 2500], (BLOCK, 1)))
    np.testing.assert_array_equal(renewed[3], n_first[0] + 1000)
    np.testing.assert_array_equal(renewed[4], n_first[1] + 400)


# --------------------------------------------------------------------------- observed
def test_an_observed_2023_value_replaces_the_assumed_start():
    data = quiet()
    set_indicator(data, "tech_enterprises", 11000.0, 0.1)
    _, plain = run(data, draws=1000)
    np.testing.assert_allclose(
        plain.indicator_paths["tech_enterprises"],
        np.repeat([[11000.0 * 1.1**k for k in range(6)]], 1000, axis=0).T,
        rtol=1e-12,
    )
    data["actuals"] = [
        {
            "kind": "indicator",
            "id": "tech_enterprises",
            "year": 2023,
            "value": 12345.0,
            "source": "bulletin",
        },
        {
            "kind": "indicator",
            "id": "tech_enterprises",
            "year": 2026,
            "value": 20000.0,
            "source": "bulletin",
        },
    ]
    _, observed = run(data, draws=1000)
    path = observed.indicator_paths["tech_enterprises"]
    expected = [12345.0, 12345.0 * 1.1, 12345.0 * 1.21, 20000.0, 22000.0, 24200.0]
    np.testing.assert_allclose(path, np.repeat([expected], 1000, axis=0).T, rtol=1e-12)
    summary = observed.indicator("tech_enterprises")
    np.testing.assert_allclose(summary["p05"], expected, rtol=1e-12)
    # the other indicators keep their own start
    assert np.all(
        observed.indicator_paths["platforms"][0]
        == data["indicators"]["platforms"]["start"]["value"]
    )


def test_observed_outlays_replace_their_year_and_measures_split_by_expected_outlay():
    """Measure 1 observed at 9,000 in 2025: its lines' expected 2025 outlays are 10 × 0.5 ×
    500 = 2,500 and 2 × 0.6 × 1,000 = 1,200, so they get 9,000 × 25/37 and 9,000 × 12/37;
    in 2026 neither expects anything, so 100 splits evenly."""
    data = quiet()
    set_line(
        data,
        "m01-common-tech",
        uptake={"2024": 4.0, "2025": 10.0, "2026": 0.0, "2027": 7.0, "2028": 3.0},
        award_share={"mean": 0.5, "sd": 0.1},
        disbursement=[1.0],
    )
    set_line(
        data,
        "m01-demo",
        uptake={"2024": 1.0, "2025": 2.0, "2026": 0.0, "2027": 3.0, "2028": 5.0},
        award_share={"mean": 0.6, "sd": 0.1},
        disbursement=[1.0],
    )
    plain_engine, _ = run(data, draws=2000, seed=9)
    data["actuals"] = [
        {"kind": "line", "id": "m01-demo", "year": 2024, "value": 777.5, "source": "x"},
        {"kind": "measure", "id": "1", "year": 2025, "value": 9000.0, "source": "x"},
        {"kind": "measure", "id": "1", "year": 2026, "value": 100.0, "source": "x"},
    ]
    engine, results = run(data, draws=2000, seed=9)
    tech, demo = engine.lines["m01-common-tech"].paid, engine.lines["m01-demo"].paid
    assert np.all(demo[0] == 777.5)
    np.testing.assert_allclose(tech[1], 9000 * 25 / 37, rtol=1e-12)
    np.testing.assert_allclose(demo[1], 9000 * 12 / 37, rtol=1e-12)
    np.testing.assert_allclose(tech[2], 50.0, rtol=1e-12)
    np.testing.assert_allclose(demo[2], 50.0, rtol=1e-12)
    # unobserved years are drawn as before (the same random numbers)
    np.testing.assert_array_equal(
        tech[[0, 3, 4]], plain_engine.lines["m01-common-tech"].paid[[0, 3, 4]]
    )
    np.testing.assert_array_equal(demo[3:], plain_engine.lines["m01-demo"].paid[3:])
    np.testing.assert_allclose(results.outlay("measure", "1")["p50"][1], 9000.0, rtol=1e-12)


# --------------------------------------------------------------------------- indicators
def test_indicator_effects_add_per_award_and_per_wan_paid_above_the_pre_plan_level():
    """I(y) = I(y−1)·1.05 + 2·max(awards(y) − 4, 0) + 0.001·max(paid(y) − 300, 0), draw by
    draw: only awards (or 万元) above the line's pre-plan level add (the trend contains the
    support the lines gave before the plan); coefficients without spread are their mean."""
    data = quiet()
    set_line(data, "m05-provincial-lab", uptake=dict(zip(YEARS, [3.0, 6.0, 9.0, 2.0, 4.0])))
    set_line(
        data,
        "m11-proof-of-concept",
        uptake=2.0,
        award_share={"mean": 0.5, "sd": 0.2},
        disbursement=[0.6, 0.4],
    )
    set_indicator(data, "platforms", 100.0, 0.05)
    data["indicators"]["platforms"]["effects"] = [
        {
            "line": "m05-provincial-lab",
            "per": "award",
            "mean": 2.0,
            "sd": 0.0,
            "above": {"value": 4.0, "basis": "assumption: x"},
            "basis": "x",
        },
        {
            "line": "m11-proof-of-concept",
            "per": "wan",
            "mean": 0.001,
            "sd": 0.0,
            "above": {"value": 300.0, "basis": "assumption: x"},
            "basis": "x",
        },
    ]
    engine, _ = run(data, draws=5000, seed=6)
    awards = engine.lines["m05-provincial-lab"].awards
    paid = engine.lines["m11-proof-of-concept"].paid
    expected = np.empty((6, 5000))
    expected[0] = 100.0
    for i in range(5):
        above = 2.0 * max_zero(awards[i] - 4.0) + 0.001 * max_zero(paid[i] - 300.0)
        expected[i + 1] = expected[i] * 1.05 + above
    np.testing.assert_allclose(engine.indicator_paths["platforms"], expected, rtol=1e-12)
    assert paid[1].std() > 0 and awards[2].std() > 0  # the effects do vary by draw
    assert np.any(awards[0] < 4) and np.any(awards[0] > 4)  # both sides of the level
    assert np.any(paid[0] < 300) and np.any(paid[0] > 300)


def max_zero(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.0)


def test_effect_coefficients_are_lognormal_with_the_planners_mean_and_sd():
    """One year of a constant 100 awards above a level of 0 and no growth: the 2024 value is
    start + β·100 with β lognormal (mean 0.5, sd 0.4): mean 0.5, sd 0.4, log sd √ln(1.64),
    every β positive; the same β in every year of a draw (2025 adds 100 β again)."""
    data = quiet()
    set_line(data, "m05-provincial-lab", uptake=100.0)
    set_indicator(data, "platforms", 1000.0, 0.0)
    data["indicators"]["platforms"]["effects"] = [
        {
            "line": "m05-provincial-lab",
            "per": "award",
            "mean": 0.5,
            "sd": 0.4,
            "above": {"value": 0.0, "basis": "assumption: x"},
            "basis": "x",
        }
    ]
    engine, _ = run(data, seed=12)
    awards = engine.lines["m05-provincial-lab"].awards
    path = engine.indicator_paths["platforms"]
    beta = (path[1] - 1000.0) / awards[0]
    np.testing.assert_allclose(path[2] - path[1], beta * awards[1], rtol=1e-9)
    assert np.all(beta > 0)
    assert abs(z_score(beta, 0.5)) < Z_LIMIT
    assert beta.std() == pytest.approx(0.4, rel=0.06)
    assert np.log(beta).std() == pytest.approx(math.sqrt(math.log(1.64)), rel=0.03)


def test_service_points_are_paid_from_last_years_turnover_up_to_their_cap():
    """Each point's award is rate × its own 2023 turnover × T(y−1)/T(2023), at most the 50
    cap: with no spread between points, rate × base = 0.004 × 10,000 = 40 万元 and the
    city's turnover growing 20 % a year, the awards are 40, 48, then 57.6 and more, capped
    at 50; the money is awards × that, in every draw."""
    data = quiet()
    set_indicator(data, "contract_turnover", 600.0, 0.2)
    set_line(
        data,
        "m10-contract-service-point",
        uptake=dict(zip(YEARS, [10.0, 20.0, 30.0, 40.0, 50.0])),
    )
    data["lines"]["m10-contract-service-point"]["award_rule"].update(
        rate=0.004, base={"mean_wan": 10000.0, "cv": 0.0}
    )
    engine, _ = run(data, draws=5000, seed=7)
    draws = engine.lines["m10-contract-service-point"]
    each = [40.0, 48.0, 50.0, 50.0, 50.0]
    for i, award in enumerate(each):
        np.testing.assert_allclose(draws.committed[i], draws.awards[i] * award, rtol=1e-12)
    assert draws.awards[4].mean() == pytest.approx(50.0, rel=0.03)


def capped_lognormal_raw_moments(mean: float, cv: float, cap: float) -> tuple[float, float]:
    """E[Y], E[Y²] of Y = min(cap, X), X lognormal with ``mean`` and ``cv``, by numerical
    integration of the density (a reference independent of the model's closed form)."""
    from scipy import integrate, stats

    sigma = math.sqrt(math.log1p(cv * cv))
    x = stats.lognorm(s=sigma, scale=mean * math.exp(-sigma * sigma / 2))
    tail = x.sf(cap)
    m1 = integrate.quad(lambda v: v * x.pdf(v), 0, cap, limit=200)[0] + cap * tail
    m2 = integrate.quad(lambda v: v * v * x.pdf(v), 0, cap, limit=200)[0] + cap * cap * tail
    return m1, m2


def test_service_point_awards_spread_between_points_are_capped_one_by_one():
    """Points' own turnovers spread (cv 0.8): each award is min(50, 0.004 × B × s), B
    lognormal with mean 10,000, s = 1 in 2024 and 1.2 in 2025 (turnover +20 %). Given N = n
    awards the money has mean n E[Y] and variance n Var Y; over Poisson N (mean 20) mean
    20 E[Y] and variance 20 E[Y²] (compound Poisson). E[Y], E[Y²] by integration."""
    data = quiet()
    set_indicator(data, "contract_turnover", 600.0, 0.2)
    set_line(data, "m10-contract-service-point", uptake=20.0)
    data["lines"]["m10-contract-service-point"]["award_rule"].update(
        rate=0.004, base={"mean_wan": 10000.0, "cv": 0.8}
    )
    engine, _ = run(data, seed=14)
    draws = engine.lines["m10-contract-service-point"]
    for i, scale in ((0, 1.0), (1, 1.2)):
        m1, m2 = capped_lognormal_raw_moments(40.0 * scale, 0.8, 50.0)
        money, n = draws.committed[i], draws.awards[i]
        assert np.all(money <= 50.0 * n + 1e-9) and np.all(money >= 0)
        assert abs(z_score(money, 20 * m1)) < Z_LIMIT
        assert money.var() == pytest.approx(20 * m2, rel=0.06)
        given = money[n == 20]
        assert given.size > 2000
        assert given.mean() == pytest.approx(20 * m1, rel=0.02)
        assert given.var() == pytest.approx(20 * (m2 - m1 * m1), rel=0.15)


# --------------------------------------------------------------------------- run modes
def test_summaries_do_not_depend_on_keeping_the_draws():
    data = quiet()
    set_line(data, "m01-demo", uptake=6.0, uptake_cv=0.4)
    set_line(data, "m14-first-recognition", uptake=300.0)
    set_line(data, "m22-landing-fund", uptake=500.0, uptake_cv=0.2)
    set_line(data, "m10-contract-service-point", uptake=5.0)
    data["appropriation"] = {"wan": {year: 2000.0 for year in YEARS}, "basis": "assumption: x"}
    _, kept = run(data, draws=5000, seed=2, keep_draws=True)
    _, streamed = run(data, draws=5000, seed=2, keep_draws=False)
    a, b = kept.to_dict(), streamed.to_dict()
    a.pop("elapsed_seconds"), b.pop("elapsed_seconds")
    assert a == b
    assert kept.has_draws and not streamed.has_draws


def test_a_one_line_update_equals_a_fresh_run():
    data = quiet()
    set_line(data, "m01-demo", uptake=6.0, uptake_cv=0.4)
    set_line(data, "m14-first-recognition", uptake=300.0)
    set_line(data, "m05-provincial-lab", uptake=4.0)
    data["indicators"]["platforms"]["effects"] = [
        {
            "line": "m05-provincial-lab",
            "per": "award",
            "mean": 1.0,
            "sd": 0.2,
            "above": {"value": 3.0, "basis": "assumption: x"},
            "basis": "x",
        }
    ]
    engine = Engine(scenario_from_dict(data), draws=3000, seed=3)
    engine.run()
    for line_id, path, value in (
        ("m01-demo", ("lines", "m01-demo", "uptake", "2026"), 9.0),
        ("m14-first-recognition", ("lines", "m14-first-recognition", "uptake", "2025"), 800.0),
        ("m05-provincial-lab", ("lines", "m05-provincial-lab", "uptake", "2024"), 12.0),
    ):
        changed = engine.scenario.replace(path, value)
        after = engine.update(changed, line_id)
        fresh = Engine(changed, draws=3000, seed=3).run()
        for kind in ("line", "measure", "total"):
            for key in fresh.series(kind):
                np.testing.assert_allclose(
                    after.outlay_draws(kind, key), fresh.outlay_draws(kind, key), rtol=1e-12
                )
        np.testing.assert_allclose(
            after.indicator_paths["platforms"], fresh.indicator_paths["platforms"], rtol=1e-12
        )
        for name, values in fresh.outlay().items():
            np.testing.assert_allclose(after.outlay()[name], values, rtol=1e-12)


def test_expected_outlays_count_renewals_of_renewals_and_capped_awards():
    """Expected money committed (used to split observed measure totals), by hand. Renewals
    at rate 0.6 of 500, 900, 1400 certificates before the plan and first recognitions 1000,
    1300, 800, 1500, 600: 300, 540, 840, 0.6 × (1000 + 300) = 780, 0.6 × (1300 + 540) =
    1104 renewals, each 0.8 of the cap. Service points: 20 a year, each min(50, 0.004 B),
    B lognormal with mean 10,000 and cv 0.8 (E[min] by integration)."""
    from simulator.model.expectation import expected_committed

    data = quiet()
    data["lines"]["m14-re-recognition"]["cohorts_before_plan"].update(
        {"2021": 500, "2022": 900, "2023": 1400}
    )
    data["lines"]["m14-re-recognition"]["renewal_rate"] = 0.6
    set_line(
        data,
        "m14-first-recognition",
        uptake=dict(zip(YEARS, [1000.0, 1300.0, 800.0, 1500.0, 600.0])),
    )
    set_line(data, "m14-re-recognition", award_share={"mean": 0.8, "sd": 0.1})
    set_line(data, "m10-contract-service-point", uptake=20.0)
    data["lines"]["m10-contract-service-point"]["award_rule"].update(
        rate=0.004, base={"mean_wan": 10000.0, "cv": 0.8}
    )
    scenario = scenario_from_dict(data)
    renewal = scenario.catalogue.line("m14-re-recognition")
    np.testing.assert_allclose(
        expected_committed(scenario, renewal),
        np.array([300.0, 540.0, 840.0, 780.0, 1104.0]) * 0.8 * renewal.cap_wan,
        rtol=1e-12,
    )
    points = scenario.catalogue.line("m10-contract-service-point")
    m1, _ = capped_lognormal_raw_moments(40.0, 0.8, 50.0)
    np.testing.assert_allclose(expected_committed(scenario, points), 20 * m1, rtol=1e-6)


def test_a_year_without_certificates_before_the_plan_renews_none():
    """Certificates of 2021 and 2023 (500, 1400), none of 2022: 2025 renews nothing in
    any draw and is expected to; 2028 renews only 2025's first recognitions (mean 0.6 × 800).
    Service points without spread: each award min(50, 0.006 × 10,000) = 50, so 20 awards
    a year are expected to commit 1,000."""
    from simulator.model.expectation import expected_committed

    data = quiet()
    data["lines"]["m14-re-recognition"]["cohorts_before_plan"].update(
        {"2021": 500, "2022": 0, "2023": 1400}
    )
    data["lines"]["m14-re-recognition"]["renewal_rate"] = 0.6
    set_line(data, "m14-first-recognition", uptake=dict(zip(YEARS, [0.0, 800.0, 0, 0, 0])))
    set_line(data, "m14-re-recognition", award_share={"mean": 0.5, "sd": 0.0})
    set_line(data, "m10-contract-service-point", uptake=20.0)
    data["lines"]["m10-contract-service-point"]["award_rule"].update(
        rate=0.006, base={"mean_wan": 10000.0, "cv": 0.0}
    )
    engine, _ = run(data, draws=BLOCK, seed=15)
    renewed = engine.lines["m14-re-recognition"].awards
    assert not renewed[1].any() and renewed[0].all() and renewed[2].all()
    assert abs(z_score(renewed[4], 0.6 * 800)) < Z_LIMIT
    scenario = engine.scenario
    line = scenario.catalogue.line("m14-re-recognition")
    expected = np.array([300.0, 0.0, 840.0, 0.6 * 300, 0.6 * 800]) * 0.5 * line.cap_wan
    np.testing.assert_allclose(expected_committed(scenario, line), expected, rtol=1e-12)
    points = scenario.catalogue.line("m10-contract-service-point")
    np.testing.assert_allclose(expected_committed(scenario, points), 1000.0, rtol=1e-12)


@pytest.mark.parametrize(
    "path,value",
    [
        (("lines", "m14-re-recognition", "renewal_rate"), 0.8),
        (("lines", "m14-re-recognition", "cohorts_before_plan", "2022"), 1200),
        (("lines", "m14-first-recognition", "uptake", "2024"), 900.0),
    ],
)
def test_renewals_after_an_update_equal_a_fresh_run(path, value):
    """A renewal rate, a cohort before the plan or a first-recognition year changed by a
    one-line update: the renewals are those of a fresh run of the changed scenario."""
    data = quiet()
    data["lines"]["m14-re-recognition"]["cohorts_before_plan"].update(
        {"2021": 500, "2022": 900, "2023": 1400}
    )
    data["lines"]["m14-re-recognition"]["renewal_rate"] = 0.6
    set_line(data, "m14-first-recognition", uptake=dict(zip(YEARS, [600.0, 800.0, 0, 0, 0])))
    engine = Engine(scenario_from_dict(data), draws=BLOCK, seed=16)
    engine.run()
    changed = engine.scenario.replace(path, value)
    engine.update(changed, path[1])
    fresh = Engine(changed, draws=BLOCK, seed=16)
    fresh.run()
    for line_id in ("m14-re-recognition", "m14-first-recognition"):
        np.testing.assert_array_equal(
            engine.lines[line_id].awards, fresh.lines[line_id].awards, err_msg=line_id
        )
