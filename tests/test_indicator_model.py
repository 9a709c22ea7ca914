"""The indicator model of schema version 2: log growth with persistent (AR(1)) noise, lognormal
effect coefficients applied above each line's pre-plan level, and persistent uptake shocks.

False-failure budget: variance checks use 5 standard errors of the sample variance
(two-sided ≈ 6e-7 each); z-tests |z| < 4.5; seeds are fixed.
"""

import copy
import json
import math
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, scenario_from_dict
from simulator.model.catalogue import load_catalogue
from simulator.model.indicator_model import business_as_usual
from simulator.model.persistence import ar1, sum_variance
from simulator.model.plan import EffectPlan, LineDraws
from simulator.model.validation_indicators import migrate_indicator_v1

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
CATALOGUE = load_catalogue()


def with_indicator(indicator, **block):
    data = copy.deepcopy(BASE)
    data["indicators"][indicator].update(block)
    return data


def still(value, year=2023):
    """An indicator block with a fixed start and no trend uncertainty."""
    return {"year": year, "value": value, "sd": 0.0, "basis": "test"}


# --------------------------------------------------------------------------- AR(1) shocks
def sum_variance_brute(n, phi, sigma):
    """Σ_s Σ_t σ² φ^|s−t|, written out."""
    return sum(sigma * sigma * phi ** abs(s - t) for s in range(n) for t in range(n))


@pytest.mark.parametrize("phi", [0.0, 0.3, 0.5, 0.8, -0.4])
def test_closed_form_of_the_variance_of_a_sum_agrees_with_the_double_sum(phi):
    for n in (1, 2, 5, 9):
        assert sum_variance(n, phi, 0.7) == pytest.approx(sum_variance_brute(n, phi, 0.7))


@pytest.mark.parametrize("phi", [0.0, 0.5, 0.9])
def test_five_year_sum_of_ar1_shocks_has_the_closed_form_variance(phi):
    n_draws = 400_000
    z = np.random.default_rng(11).standard_normal((5, n_draws))
    w = ar1(z, phi)
    # each year stays N(0, 1)
    assert np.var(w[4]) == pytest.approx(1.0, abs=5 * math.sqrt(2 / n_draws))
    total = w.sum(axis=0)
    expected = sum_variance(5, phi)
    # sd of a sample variance of normals: σ²·√(2/(n−1))
    assert np.var(total) == pytest.approx(expected, abs=5 * expected * math.sqrt(2 / n_draws))


def test_an_indicators_five_year_log_growth_has_the_ar1_variance():
    """With no trend uncertainty, no effects and a fixed start, log(I_2028 / I_2023) is
    5μ + Σ u_y: variance σ²·(5 + 2Σ(5 − k)φ^k), mean 5μ."""
    sigma, phi, mu = 0.05, 0.6, 0.04
    data = with_indicator(
        "tech_brokers",
        start=still(1000.0),
        trend={"mean": mu, "sd": 0.0},
        noise={"sd": sigma, "persistence": phi},
        effects=[],
    )
    engine = Engine(scenario_from_dict(data), draws=200_000, seed=3)
    engine.run()
    path = engine.indicator_paths["tech_brokers"]
    growth = np.log(path[-1] / path[0])
    expected = sum_variance(5, phi, sigma)
    n = growth.size
    assert np.var(growth) == pytest.approx(expected, abs=5 * expected * math.sqrt(2 / n))
    assert abs(np.mean(growth) - 5 * mu) / math.sqrt(expected / n) < 4.5


def test_uptake_shocks_and_the_common_factor_persist_across_years():
    data = copy.deepcopy(BASE)
    data["persistence"] = {"uptake": 0.7, "common": 0.4, "basis": "test"}
    data["common_factor"]["loading"] = 0.5
    engine = Engine(scenario_from_dict(data), draws=100_000, seed=4)
    engine.run()
    common = engine._common
    for lag in (1, 2, 3):
        r = np.corrcoef(common[0], common[lag])[0, 1]
        assert r == pytest.approx(0.4**lag, abs=4.5 / math.sqrt(100_000))
    plan = engine.plans["m01-common-tech"]
    (start, stop, blocks), *_ = list(engine._chunks())
    z = engine._line_inputs(plan, start, stop, blocks).z
    # z = √(1−ρ²)·w_line + ρ·w_common: corr(z_t, z_t+1) = (1−ρ²)·0.7 + ρ²·0.4 with ρ = 0.5
    r = np.corrcoef(z[1], z[2])[0, 1]
    assert r == pytest.approx(0.75 * 0.7 + 0.25 * 0.4, abs=4.5 / math.sqrt(stop - start))


def test_one_line_update_with_persistence_equals_a_full_run():
    data = copy.deepcopy(BASE)
    data["persistence"] = {"uptake": 0.8, "common": 0.6, "basis": "test"}
    scenario = scenario_from_dict(data)
    engine = Engine(scenario, draws=20_000, seed=9)
    engine.run()
    changed = scenario.replace(("lines", "m14-first-recognition", "uptake", "2026"), 900.0)
    updated = engine.update(changed, "m14-first-recognition")
    fresh = Engine(changed, draws=20_000, seed=9).run()
    np.testing.assert_allclose(updated.outlay()["mean"], fresh.outlay()["mean"], rtol=1e-12)
    for indicator in CATALOGUE.indicator_ids:
        np.testing.assert_allclose(
            updated.indicator_paths[indicator], fresh.indicator_paths[indicator], rtol=1e-12
        )


# --------------------------------------------------------------------------- effects
def test_effect_coefficients_are_never_negative_and_lognormal():
    engine = Engine(scenario_from_dict(BASE), draws=200_000, seed=5)
    engine._indicator_setup()
    effect = EffectPlan("platforms", "m05-provincial-lab", "award", 0.2, 0.6, (1, 2, 3))
    beta = engine._coefficient(effect)
    assert beta.min() > 0.0
    # a lognormal with cv 3 is heavy-tailed: check the median and the log-sd instead
    sigma = math.sqrt(math.log1p(9.0))
    assert np.std(np.log(beta)) == pytest.approx(sigma, rel=0.01)
    assert np.median(beta) == pytest.approx(0.2 / math.sqrt(10.0), rel=0.01)


def test_effect_applies_only_above_the_pre_plan_level_hand_worked():
    engine = Engine(scenario_from_dict(BASE), draws=2, seed=1)
    awards = np.array([[3, 10], [6, 7]], dtype=np.int32)
    draws = LineDraws(
        awards=awards,
        committed=awards * 1.0,
        paid=awards * 2.0,
        after_horizon=np.zeros(2),
        share_sum=None,
    )
    per_award = EffectPlan("platforms", "x", "award", 1.0, 0.0, (1,), above=6.0)
    np.testing.assert_array_equal(engine._effect_input(per_award, draws), [[0, 4], [0, 1]])
    per_wan = EffectPlan("platforms", "x", "wan", 1.0, 0.0, (1,), above=13.0)
    np.testing.assert_array_equal(engine._effect_input(per_wan, draws), [[0, 7], [0, 1]])


def test_an_indicators_first_year_adds_the_effect_above_the_pre_plan_level_per_draw():
    """No noise, no trend, a fixed start and a fixed coefficient 2: I_2024 − I_2023 must be
    2·max(N_2024 − 30, 0) in every draw, N the line's awards."""
    line = "m05-provincial-lab"
    data = with_indicator(
        "platforms",
        start=still(100.0),
        trend={"mean": 0.0, "sd": 0.0},
        noise={"sd": 0.0, "persistence": 0.0},
        effects=[
            {
                "line": line,
                "per": "award",
                "mean": 2.0,
                "sd": 0.0,
                "above": {"value": 30.0, "basis": "test"},
                "basis": "test",
            }
        ],
    )
    data["lines"][line]["uptake"]["2024"] = 30.0
    engine = Engine(scenario_from_dict(data), draws=20_000, seed=6)
    engine.run()
    awards = engine.lines[line].awards[0]
    assert awards.min() < 30 < awards.max()  # both sides of the level occur
    path = engine.indicator_paths["platforms"]
    np.testing.assert_allclose(path[1] - 100.0, 2.0 * np.maximum(awards - 30, 0), atol=1e-9)


# --------------------------------------------------------------------------- start, BAU
def test_an_older_start_is_carried_forward_without_effects_before_the_plan():
    """A start in 2020 with no noise: I_2023 = s·e^{3μ}, and the 2023 reference of the
    lines driven by it is the same."""
    data = with_indicator(
        "tech_brokers",
        start=still(800.0, 2020),
        trend={"mean": 0.1, "sd": 0.0},
        noise={"sd": 0.0, "persistence": 0.0},
    )
    engine = Engine(scenario_from_dict(data), draws=1_000, seed=7)
    engine.run()
    path = engine.indicator_paths["tech_brokers"]
    np.testing.assert_allclose(path[0], 800.0 * math.exp(0.3))


def test_business_as_usual_is_the_same_draws_without_effects():
    scenario = scenario_from_dict(BASE)
    engine = Engine(scenario, draws=5_000, seed=8)
    engine.run()
    for indicator in CATALOGUE.indicator_ids:
        bau = business_as_usual(scenario, indicator, draws=5_000, seed=8)
        np.testing.assert_allclose(bau, engine.business_as_usual(indicator))
        with_plan = engine.indicator_paths[indicator]
        assert np.all(with_plan[1:] >= bau[1:] - 1e-9)  # effects only add


# --------------------------------------------------------------------------- migration
def test_a_v1_indicator_block_migrates_to_log_growth_with_the_same_median():
    v1 = {
        "basis": "b",
        "start_2023": {"mean": 100.0, "sd": 3.0},
        "trend": {"mean": 0.1, "sd": 0.022},
        "noise_sd": 0.033,
        "effects": [{"line": "l", "per": "award", "mean": 1.0, "sd": 0.1, "basis": "b"}],
    }
    v2 = migrate_indicator_v1(v1)
    assert v2["start"]["year"] == 2023
    assert (v2["start"]["value"], v2["start"]["sd"]) == (100.0, 3.0)
    assert v2["trend"]["mean"] == pytest.approx(math.log(1.1))
    assert v2["trend"]["sd"] == pytest.approx(0.02)
    assert (v2["noise"]["sd"], v2["noise"]["persistence"]) == (pytest.approx(0.03), 0.0)
    assert v2["effects"][0]["above"]["value"] == 0.0
    assert "start_2023" not in v2 and "noise_sd" not in v2
