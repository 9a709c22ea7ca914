"""The engine on small scenarios whose answers are worked out by hand: every line silent but
the ones under test, deterministic indicators, varied yearly inputs (so that a shifted year,
lag or cohort changes the answer), and draws checked one by one where the model makes them
exact; otherwise against analytic moments (mixture variance, copula correlation).

False-failure budget: z-tests at |z| < 4.5 (7e-6 each) and moment checks at 6+ standard
errors, about 20 in all: below 2e-4 for a fresh seed; the seeds are fixed, so each run is
deterministic.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, scenario_from_dict
from simulator.model.randomness import BLOCK

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
YEARS = ("2024", "2025", "2026", "2027", "2028")
Z_LIMIT = 4.5


def quiet() -> dict:
    """The baseline with no awards on any line, no common factor and indicators that follow
    their trend exactly (no spread, no noise, no effects)."""
    data = copy.deepcopy(BASE)
    for line in data["lines"].values():
        line["uptake"] = {year: 0.0 for year in line["uptake"]}
        line["uptake_cv"] = {year: 0.0 for year in line["uptake_cv"]}
    for indicator in data["indicators"].values():
        indicator["start_2023"]["sd"] = 0.0
        indicator["trend"]["sd"] = 0.0
        indicator["noise_sd"] = 0.0
        indicator["effects"] = []
    data["common_factor"]["loading"] = 0.0
    return data


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


@pytest.mark.parametrize("sampler", ["pseudo", "sobol", "lhs"])
def test_every_sampler_follows_its_seed(sampler):
    data = quiet()
    set_line(data, "m01-demo", uptake=50.0, uptake_cv=0.3)
    set_line(data, "m22-landing-fund", uptake=100.0, uptake_cv=0.3)
    data["indicators"]["platforms"]["noise_sd"] = 0.05
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


def test_planned_renewals_before_the_plans_cohorts_follow_their_uptake():
    data = quiet()
    set_line(
        data,
        "m14-re-recognition",
        uptake={"2024": 100.0, "2025": 400.0, "2026": 900.0},
        award_share={"mean": 0.5, "sd": 0.0},
    )
    engine, _ = run(data, seed=2)
    renewed = engine.lines["m14-re-recognition"].awards
    for i, mean in enumerate((100.0, 400.0, 900.0)):
        assert abs(z_score(renewed[i], mean)) < Z_LIMIT
    assert not renewed[3:].any()  # no first recognitions in 2024–25 to renew


# --------------------------------------------------------------------------- observed
def test_an_observed_2023_value_replaces_the_assumed_start():
    data = quiet()
    indicator = data["indicators"]["tech_enterprises"]
    indicator["start_2023"]["mean"] = 11000.0
    indicator["trend"]["mean"] = 0.1
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
        == data["indicators"]["platforms"]["start_2023"]["mean"]
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
def test_indicator_effects_add_per_award_and_per_wan_paid():
    """I(y) = I(y−1)(1 + g) + β_award × awards(y) + β_wan × paid(y), draw by draw."""
    data = quiet()
    set_line(data, "m05-provincial-lab", uptake=dict(zip(YEARS, [3.0, 6.0, 9.0, 2.0, 4.0])))
    set_line(
        data,
        "m11-proof-of-concept",
        uptake=2.0,
        award_share={"mean": 0.5, "sd": 0.2},
        disbursement=[0.6, 0.4],
    )
    platforms = data["indicators"]["platforms"]
    platforms.update({"start_2023": {"mean": 100.0, "sd": 0.0}})
    platforms["trend"]["mean"] = 0.05
    platforms["effects"] = [
        {"line": "m05-provincial-lab", "per": "award", "mean": 2.0, "sd": 0.0, "basis": "x"},
        {"line": "m11-proof-of-concept", "per": "wan", "mean": 0.001, "sd": 0.0, "basis": "x"},
    ]
    engine, _ = run(data, draws=5000, seed=6)
    awards = engine.lines["m05-provincial-lab"].awards
    paid = engine.lines["m11-proof-of-concept"].paid
    expected = np.empty((6, 5000))
    expected[0] = 100.0
    for i in range(5):
        expected[i + 1] = expected[i] * 1.05 + 2.0 * awards[i] + 0.001 * paid[i]
    np.testing.assert_allclose(engine.indicator_paths["platforms"], expected, rtol=1e-12)
    assert paid[1].std() > 0 and awards[2].std() > 0  # the effects do vary by draw


def test_service_points_are_paid_from_last_years_turnover_up_to_their_cap():
    """Awards of share s × T(y−1)/T(2023) of the 50 cap, at most the cap: with turnover
    growing 20 % a year and s = 0.8, the share is 0.8, 0.96, then capped at 1."""
    data = quiet()
    turnover = data["indicators"]["contract_turnover"]
    turnover["start_2023"]["mean"] = 600.0
    turnover["trend"]["mean"] = 0.2
    set_line(
        data,
        "m10-contract-service-point",
        uptake=dict(zip(YEARS, [10.0, 20.0, 30.0, 40.0, 50.0])),
        award_share={"mean": 0.8, "sd": 0.0},
    )
    engine, _ = run(data, draws=5000, seed=7)
    draws = engine.lines["m10-contract-service-point"]
    shares = [min(1.0, 0.8 * 1.2**i) for i in range(5)]
    for i, share in enumerate(shares):
        np.testing.assert_allclose(draws.committed[i], draws.awards[i] * share * 50.0, rtol=1e-12)
    assert shares[2] == 1.0 and shares[1] < 1.0


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
        {"line": "m05-provincial-lab", "per": "award", "mean": 1.0, "sd": 0.2, "basis": "x"}
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
