"""The Monte Carlo engine, tested statistically: against analytic expectations and a
brute-force per-award simulation; and exactly: caps, additivity, seeds, chunks, CRN.

False-failure budget: the z-tests use |z| < 4.5 (about 7e-6 each, 7 forms → 5e-5) and the
KS tests p > 1e-5 (6 tests → 6e-5); seeds are fixed, so a run is deterministic, and the
tolerances are what a fresh seed would fail with probability below 1 in 10,000 in total.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from simulator import Engine, simulate
from simulator.model.catalogue import AMOUNT_FORMS, load_catalogue
from simulator.model.randomness import BLOCK
from simulator.model.years import YEARS, uptake_years
from tests.scenario_helpers import BASE, scenario_with

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = load_catalogue()
Z_LIMIT = 4.5


# --------------------------------------------------------------------------- references
def lognormal_capped_mean(scale, mean, cv):
    """E[min(scale × C, 1)] for lognormal C (mean, cv), written out independently."""
    sigma = math.sqrt(math.log(1 + cv * cv))
    mu = math.log(mean * scale) - sigma * sigma / 2
    return math.exp(mu + sigma * sigma / 2) * stats.norm.cdf(
        (-mu - sigma * sigma) / sigma
    ) + stats.norm.sf(-mu / sigma)


def expected_committed(scenario, line):
    """Analytic expected money committed per award year (万元), lines without indicators."""
    a = scenario.line_assumptions(line.id)
    mult = scenario.uptake_multiplier
    out = np.zeros(len(YEARS))
    renewed = {}  # expected renewals by year: every certificate renews three years on
    for i, year in enumerate(YEARS):
        y = str(year)
        if line.form in AMOUNT_FORMS:
            out[i] = a["uptake"][y] * mult * (line.rate or 1.0)
            continue
        if year in uptake_years(line):
            awards = a["uptake"][y] * mult
        else:
            issued = year - line.lag_years
            if issued < YEARS[0]:
                up = a["cohorts_before_plan"][str(issued)]
            else:
                first = scenario.line_assumptions(line.follows)
                up = first["uptake"][str(issued)] * mult + renewed[issued]
            awards = renewed[year] = a["renewal_rate"] * up
        if line.form == "share_of_cost":
            cost = a["cost"][y]
            share = lognormal_capped_mean(a["rate"] / line.cap_wan, cost["mean_wan"], cost["cv"])
        else:
            share = a["award_share"][y]["mean"]
        out[i] = awards * share * line.cap_wan
    return out


def expected_paid(scenario, line):
    committed = expected_committed(scenario, line)
    profile = scenario.line_assumptions(line.id)["disbursement"]
    paid = np.zeros(len(YEARS))
    for i in range(len(YEARS)):
        for lag, share in enumerate(profile):
            if i + lag < len(YEARS):
                paid[i + lag] += committed[i] * share
    return paid


def z_score(draws, expected):
    se = draws.std(ddof=1) / math.sqrt(draws.size)
    return (draws.mean() - expected) / se


@pytest.fixture(scope="module")
def baseline_engine():
    engine = Engine(scenario_with(), draws=40_000, seed=11)
    engine.run()
    return engine


# --------------------------------------------------------------------------- expectations
FORM_EXAMPLES = {
    "cap_per_award": "m01-demo",  # also: paid over three years
    "construction_period": "m05-national-lab-lead",
    "share_of_cost": "m23-innovation-voucher",
    "share_of_investment": "m24-vc-reward",
    "uncapped": "m22-landing-fund",
    "first_recognition": "m14-first-recognition",
    "re_recognition": "m14-re-recognition",
}


@pytest.mark.parametrize("form", list(FORM_EXAMPLES))
def test_mean_outlay_matches_the_analytic_expectation(baseline_engine, form):
    line = CATALOGUE.line(FORM_EXAMPLES[form])
    draws = baseline_engine.lines[line.id]
    expected = expected_paid(baseline_engine.scenario, line)
    # the 2024–2028 sum of payments: one z-test per form
    z = z_score(draws.paid.sum(axis=0), expected.sum())
    assert abs(z) < Z_LIMIT, (form, z)
    # and each year, as a looser sanity check of the timing of payments
    for i in range(len(YEARS)):
        if expected[i] > 0:
            assert abs(draws.paid[i].mean() / expected[i] - 1) < 0.05, (form, YEARS[i])


def test_every_line_of_the_baseline_matches_its_expectation(baseline_engine):
    """All lines but the indicator-driven one, per year, at a Bonferroni-safe 5.5 SE."""
    scenario = baseline_engine.scenario
    for line in scenario.catalogue.lines:
        if line.form == "indicator_based":
            continue
        expected = expected_paid(scenario, line)
        paid = baseline_engine.lines[line.id].paid
        for i in range(len(YEARS)):
            if expected[i] == 0:
                assert not paid[i].any()
                continue
            z = z_score(paid[i], expected[i])
            assert abs(z) < 5.5, (line.id, YEARS[i], z)


def test_indicator_based_line_follows_last_years_turnover():
    """With a deterministic turnover path (no noise, no effects) that falls 5% a year and
    service points of equal turnover (no spread), each point's award is exactly
    min(50, rate × base × T(y−1)/T(2023)): hand-worked, with a base whose award is capped
    at the start and falls below the cap as the turnover falls."""
    scenario = scenario_with(
        **{
            "indicators/contract_turnover/start/sd": 0.0,
            "indicators/contract_turnover/start/year": 2023,
            "indicators/contract_turnover/trend/mean": math.log(0.95),
            "indicators/contract_turnover/trend/sd": 0.0,
            "indicators/contract_turnover/noise/sd": 0.0,
            "indicators/contract_turnover/effects": [],
            "lines/m10-contract-service-point/award_rule/base": {"mean_wan": 28_000.0, "cv": 0.0},
            "lines/m10-contract-service-point/award_rule/rate": 0.002,
        }
    )
    engine = Engine(scenario, draws=4_000, seed=5)
    engine.run()
    draws = engine.lines["m10-contract-service-point"]
    # 0.002 × 28,000 = 56 万元 at the 2023 level: capped at 50 in 2024 (T(2023));
    # 2025: 56 × 0.95 = 53.2 → 50; 2026: 56 × 0.9025 = 50.54 → 50; 2027: 56 × 0.857375 =
    # 48.013; 2028: 56 × 0.81450625 = 45.6123500
    per_point = [50.0, 50.0, 50.0, 48.013, 45.61235]
    for i, award in enumerate(per_point):
        np.testing.assert_allclose(draws.committed[i], draws.awards[i] * award, rtol=1e-12)


# --------------------------------------------------------------------------- brute force
def brute_force_committed(line, assumptions, year, size, rng):
    """Per-award simulation of one line-year: a Gamma uptake rate, a Poisson number of
    awards, and every award drawn one by one (Beta share, or min(rate × cost, cap))."""
    y = str(year)
    mean, cv = assumptions["uptake"][y], assumptions["uptake_cv"][y]
    shape = 1 / (cv * cv)
    rates = rng.gamma(shape, mean / shape, size=size)
    counts = rng.poisson(rates)
    total = counts.sum()
    if line.form == "share_of_cost":
        cost = assumptions["cost"][y]
        sigma = math.sqrt(math.log(1 + cost["cv"] ** 2))
        costs = rng.lognormal(math.log(cost["mean_wan"]) - sigma**2 / 2, sigma, size=total)
        awards = np.minimum(line.rate * costs, line.cap_wan)
    else:
        share = assumptions["award_share"][y]
        nu = share["mean"] * (1 - share["mean"]) / share["sd"] ** 2 - 1
        awards = line.cap_wan * rng.beta(share["mean"] * nu, (1 - share["mean"]) * nu, size=total)
    owner = np.repeat(np.arange(size), counts)
    return np.bincount(owner, weights=awards, minlength=size), counts


@pytest.mark.parametrize(
    "line_id,uptake",
    [
        ("m06-national-centre", 0.5),  # mostly 0 or 1 award: the exact sum tables
        ("m11-pilot-platform", 8.0),  # around the switch to Cornish–Fisher
        ("m14-first-recognition", 1200.0),  # large counts
        ("m16-intl-activity", 3.0),  # share of cost with a per-activity cap, small
        ("m23-innovation-voucher", 1500.0),  # share of cost, large
        ("m03-natural-science-fund", 40.0),
    ],
)
def test_yearly_outlay_distribution_matches_a_per_award_simulation(line_id, uptake):
    size = 30_000
    years = {y: uptake for y in map(str, YEARS)}
    scenario = scenario_with(**{f"lines/{line_id}/uptake": years, "common_factor/loading": 0.0})
    engine = Engine(scenario, draws=size, seed=3)
    engine.run()
    line = CATALOGUE.line(line_id)
    engine_draws = engine.lines[line_id].committed[2]
    reference, counts = brute_force_committed(
        line, scenario.line_assumptions(line_id), 2026, size, np.random.default_rng(99)
    )
    result = stats.ks_2samp(engine_draws, reference)
    assert result.pvalue > 1e-5, (line_id, result)
    # the counts alone, too
    assert stats.ks_2samp(engine.lines[line_id].awards[2], counts).pvalue > 1e-5


# --------------------------------------------------------------------------- exact properties
def test_caps_hold_in_every_draw(baseline_engine):
    for line in baseline_engine.scenario.catalogue.lines:
        draws = baseline_engine.lines[line.id]
        assert np.all(draws.committed >= 0)
        if line.cap_wan is not None:
            assert np.all(draws.committed <= draws.awards * line.cap_wan * (1 + 1e-12)), line.id
            # and what is paid never exceeds what was committed
            assert np.all(
                draws.paid.sum(axis=0) + draws.after_horizon
                <= draws.committed.sum(axis=0) * (1 + 1e-12) + 1e-9
            )


def test_payments_add_up_to_commitments(baseline_engine):
    for _line_id, draws in baseline_engine.lines.items():
        np.testing.assert_allclose(
            draws.paid.sum(axis=0) + draws.after_horizon,
            draws.committed.sum(axis=0),
            rtol=1e-12,
            atol=1e-9,
        )


def test_lines_add_up_to_every_total_in_every_draw(baseline_engine):
    results = baseline_engine.results
    catalogue = baseline_engine.scenario.catalogue
    lines = {line.id: results.outlay_draws("line", line.id) for line in catalogue.lines}
    total = sum(lines.values())
    np.testing.assert_allclose(results.outlay_draws("total"), total, rtol=1e-12)
    for measure in results.series("measure"):
        expected = sum(lines[line.id] for line in catalogue.lines_of_measure(int(measure)))
        np.testing.assert_allclose(results.outlay_draws("measure", measure), expected, rtol=1e-12)
    sections = sum(results.outlay_draws("section", s) for s in results.series("section"))
    departments = sum(results.outlay_draws("department", d) for d in results.series("department"))
    np.testing.assert_allclose(sections, total, rtol=1e-12)
    np.testing.assert_allclose(departments, total, rtol=1e-12)


def test_same_seed_same_results_other_seed_other_results():
    scenario = scenario_with()
    a = simulate(scenario, draws=5000, seed=7).to_dict()
    b = simulate(scenario, draws=5000, seed=7).to_dict()
    c = simulate(scenario, draws=5000, seed=8).to_dict()
    for d in (a, b, c):
        d.pop("elapsed_seconds")
    assert a == b
    assert a["outlay_wan"]["total"] != c["outlay_wan"]["total"]


@pytest.mark.parametrize("sampler", ["pseudo", "sobol", "lhs"])
def test_chunking_does_not_change_a_single_number(sampler):
    scenario = scenario_with()
    draws = 3 * BLOCK + 123
    runs = []
    for chunk in (BLOCK, 2 * BLOCK, 4 * BLOCK):
        engine = Engine(scenario, draws=draws, seed=21, sampler=sampler, chunk_draws=chunk)
        engine.run()
        runs.append(engine)
    for other in runs[1:]:
        for line_id, draws_ in runs[0].lines.items():
            np.testing.assert_array_equal(draws_.paid, other.lines[line_id].paid)
            np.testing.assert_array_equal(
                draws_.awards if draws_.awards is not None else 0,
                other.lines[line_id].awards if draws_.awards is not None else 0,
            )
        for name, path in runs[0].indicator_paths.items():
            np.testing.assert_array_equal(path, other.indicator_paths[name])


def test_one_line_update_equals_a_full_rerun_and_leaves_other_lines_alone():
    scenario = scenario_with()
    engine = Engine(scenario, draws=20_000, seed=4)
    before = engine.run()
    before_mean = before.outlay()["mean"][0]
    untouched = {k: v.paid for k, v in engine.lines.items()}
    # first recognitions drive re-recognitions and an indicator: the hardest case
    changed = scenario.replace(("lines", "m14-first-recognition", "uptake", "2024"), 2000.0)
    after = engine.update(changed, "m14-first-recognition")
    fresh_engine = Engine(changed, draws=20_000, seed=4)
    fresh = fresh_engine.run()
    for kind in ("line", "measure", "section", "department", "total"):
        for key in fresh.series(kind):
            np.testing.assert_allclose(
                after.outlay_draws(kind, key), fresh.outlay_draws(kind, key), rtol=1e-12, atol=1e-6
            )
    for name in fresh.indicator_paths:
        np.testing.assert_allclose(
            after.indicator_paths[name], fresh.indicator_paths[name], rtol=1e-12
        )
    for line_id, paid in untouched.items():
        if line_id not in ("m14-first-recognition", "m14-re-recognition"):
            assert engine.lines[line_id].paid is paid  # not even recomputed
    # summaries computed before the update stay as they were; the new ones moved
    assert before_mean < after.outlay()["mean"][0]


def test_update_of_a_line_that_drives_turnover_refreshes_the_service_points():
    scenario = scenario_with()
    engine = Engine(scenario, draws=10_000, seed=4)
    engine.run()
    changed = scenario.replace(("lines", "m11-proof-of-concept", "uptake", "2025"), 30.0)
    after = engine.update(changed, "m11-proof-of-concept")
    fresh = Engine(changed, draws=10_000, seed=4).run()
    np.testing.assert_allclose(
        after.outlay_draws("line", "m10-contract-service-point"),
        fresh.outlay_draws("line", "m10-contract-service-point"),
        rtol=1e-12,
    )
    np.testing.assert_allclose(after.outlay_draws("total"), fresh.outlay_draws("total"), rtol=1e-12)


@pytest.mark.parametrize(
    "path,value",
    [
        (("lines", "m01-demo", "uptake", "2026"), 9.0),  # one year, paid over 3 years
        (("lines", "m01-demo", "disbursement"), [0.2, 0.8]),  # no year redrawn, paid anew
        (("lines", "m22-landing-fund", "uptake_cv", "2025"), 0.9),  # an amount line
        (("lines", "m23-innovation-voucher", "cost", "2028", "mean_wan"), 25.0),
    ],
)
def test_partial_year_updates_equal_a_full_rerun(path, value):
    """update() redraws only the years whose tables changed; the result must not differ."""
    scenario = scenario_with()
    engine = Engine(scenario, draws=6_000, seed=12)
    engine.run()
    changed = scenario.replace(path, value)
    after = engine.update(changed, path[1])
    fresh_engine = Engine(changed, draws=6_000, seed=12)
    fresh = fresh_engine.run()
    np.testing.assert_array_equal(
        engine.lines[path[1]].committed, fresh_engine.lines[path[1]].committed
    )
    np.testing.assert_allclose(after.outlay_draws("total"), fresh.outlay_draws("total"), rtol=1e-12)
    for name in fresh.indicator_paths:
        np.testing.assert_allclose(
            after.indicator_paths[name], fresh.indicator_paths[name], rtol=1e-12
        )


def test_indicator_update_equals_a_full_rerun():
    scenario = scenario_with()
    engine = Engine(scenario, draws=10_000, seed=6)
    engine.run()
    changed = scenario.replace(("indicators", "contract_turnover", "trend", "mean"), 0.14)
    changed = changed.replace(("indicators", "contract_turnover", "effects", 0, "mean"), 2.0)
    after = engine.update_indicators(changed, ["contract_turnover"])
    fresh = Engine(changed, draws=10_000, seed=6).run()
    for name in fresh.indicator_paths:
        np.testing.assert_allclose(
            after.indicator_paths[name], fresh.indicator_paths[name], rtol=1e-12
        )
    # the service points are paid from last year's turnover
    np.testing.assert_allclose(after.outlay_draws("total"), fresh.outlay_draws("total"), rtol=1e-12)


def test_bounded_memory_mode_gives_the_same_summaries():
    scenario = scenario_with()
    kept = Engine(scenario, draws=20_000, seed=9, keep_draws=True).run()
    streamed = Engine(scenario, draws=20_000, seed=9, keep_draws=False).run()
    a, b = kept.to_dict(), streamed.to_dict()
    a.pop("elapsed_seconds"), b.pop("elapsed_seconds")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert not streamed.has_draws


def test_quasi_random_samplers_beat_pseudo_random_on_the_mean_total():
    """RMSE of the mean total outlay over 12 seeds at 2 × BLOCK draws, against its analytic
    value (service points and R&D rewards switched off, as their money depends on the
    indicators)."""
    scenario = scenario_with(
        **{
            f"lines/{line}/uptake": {str(y): 0.0 for y in YEARS}
            for line in ("m10-contract-service-point", "m23-rd-reward")
        }
    )
    exact = sum(
        expected_paid(scenario, line).sum()
        for line in scenario.catalogue.lines
        if line.form != "indicator_based"
    )
    errors = {}
    for sampler in ("pseudo", "sobol", "lhs"):
        means = [
            simulate(scenario, draws=2 * BLOCK, seed=seed, sampler=sampler).outlay()["mean"][-1]
            for seed in range(12)
        ]
        errors[sampler] = math.sqrt(np.mean((np.array(means) - exact) ** 2))
    print(errors)
    assert errors["lhs"] < 0.8 * errors["pseudo"], errors
    assert errors["sobol"] < 0.8 * errors["pseudo"], errors


# --------------------------------------------------------------------------- indicators
def test_indicator_mean_follows_its_model():
    """The first year analytically, from a 2023 start s with log growth μ ~ N(m, τ²) and a
    stationary shock of sd σ: E[I_2024] = s·exp(m + τ²/2 + σ²/2) + Σ E[β]·E[X_2024] (the
    coefficient independent of the awards; pre-plan levels 0 here)."""
    a = BASE["indicators"]["platforms"]
    effects = [dict(e, above={"value": 0.0, "basis": "test"}) for e in a["effects"]]
    engine = Engine(
        scenario_with(
            **{"indicators/platforms/effects": effects, "indicators/platforms/start/year": 2023}
        ),
        draws=40_000,
        seed=2,
    )
    engine.run()
    a = engine.scenario.indicator_assumptions("platforms")
    added = 0.0
    for effect in a["effects"]:
        line = CATALOGUE.line(effect["line"])
        awards = engine.scenario.line_assumptions(line.id)["uptake"]["2024"]
        added += effect["mean"] * awards
    variance = a["trend"]["sd"] ** 2 + a["noise"]["sd"] ** 2
    expected = a["start"]["value"] * math.exp(a["trend"]["mean"] + variance / 2) + added
    path = engine.indicator_paths["platforms"]
    assert abs(z_score(path[1], expected)) < Z_LIMIT


def test_target_probabilities_are_frequencies(baseline_engine):
    results = baseline_engine.results
    for indicator in CATALOGUE.indicators:
        last = results.indicator_paths[indicator.id][-1]
        assert results.target_probability(indicator.id) == np.mean(last > indicator.target_2028)
    joint = np.mean(
        np.all(
            [results.indicator_paths[i.id][-1] > i.target_2028 for i in CATALOGUE.indicators],
            axis=0,
        )
    )
    assert results.all_targets_probability() == joint
    assert joint <= min(results.target_probability(i.id) for i in CATALOGUE.indicators)
