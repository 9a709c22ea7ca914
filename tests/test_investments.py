"""Investments are not grants (issue 10 §3): money paid to an investment line returns.

Expected values are worked by hand (a certain exit after a fixed holding period), analytic
(E[returns] = p · E[multiple] · money paid, seeded, within 6 standard errors) or exact
(nothing returns with exit probability 0; net = gross − returns in every draw).
"""

from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, load_scenario
from simulator.model.investments import LATE_YEARS, InvestmentPlan, investment_returns
from simulator.model.problems import ScenarioError
from simulator.model.randomness import RandomSource

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"


def _plan(holding=(3.0, 0.0), p=1.0, multiple=(1.2, 0.0)):
    return InvestmentPlan.of(
        "m22-equity-investment",
        {
            "holding_years": {"mean": holding[0], "sd": holding[1]},
            "exit_probability": p,
            "recovery_multiple": {"mean": multiple[0], "sd": multiple[1]},
            "basis": "assumption: test",
        },
    )


def test_a_certain_exit_after_three_years_returns_1_2_times_the_money():
    """Paid 100, 200, 300, 400, 500 in 2024–2028: 2027 gets 120 (of 2024), 2028 gets 240;
    2029, 2030, 2031 get 360, 480, 600 — after the plan's years."""
    paid = np.array([[100.0], [200.0], [300.0], [400.0], [500.0]]) * np.ones((1, 7))
    awards = np.full((5, 7), 4)
    returns = investment_returns(_plan(), paid, awards, RandomSource(1), 0)
    np.testing.assert_allclose(
        returns.within, [[0.0] * 7, [0.0] * 7, [0.0] * 7, [120.0] * 7, [240.0] * 7]
    )
    np.testing.assert_allclose(returns.after, [360.0 + 480.0 + 600.0] * 7)
    np.testing.assert_allclose(returns.late_sums[:3], [360.0 * 7, 480.0 * 7, 600.0 * 7])
    assert returns.late_sums[3:].sum() == 0.0 and returns.late_sums.size == LATE_YEARS


def test_nothing_returns_with_exit_probability_zero():
    paid = np.full((5, 1000), 50.0)
    returns = investment_returns(
        _plan((4.0, 2.0), 0.0, (3.0, 1.0)), paid, np.full((5, 1000), 9), RandomSource(2), 0
    )
    assert not returns.within.any() and not returns.after.any() and not returns.late_sums.any()


@pytest.mark.parametrize("awards", [None, 12])
def test_expected_returns_are_p_times_the_mean_multiple_times_the_money(awards):
    """E[F·M] = p·E[M] (F and M independent): the mean of all returns over many draws."""
    draws = 100_000
    p, multiple = 0.6, (1.1, 0.5)
    paid = np.full((5, draws), 100.0)
    counts = None if awards is None else np.full((5, draws), awards)
    returns = investment_returns(_plan((5.0, 1.5), p, multiple), paid, counts, RandomSource(3), 0)
    total = returns.within.sum(axis=0) + returns.after
    expected = p * multiple[0] * paid.sum(axis=0)[0]
    # the sd of one cohort's F·M, bounded: E[(FM)^2] <= E[F] * E[M^2] (F <= 1)
    sd_cohort = 100.0 * np.sqrt(p * (multiple[0] ** 2 + multiple[1] ** 2))
    standard_error = sd_cohort * np.sqrt(5) / np.sqrt(draws)
    assert abs(total.mean() - expected) < 6 * standard_error
    # and the money returns by year: all of it is counted once
    assert returns.late_sums.sum() == pytest.approx(returns.after.sum(), rel=1e-12)


def test_the_engine_reports_gross_returns_and_net_side_by_side():
    results = Engine(load_scenario(BASELINE), draws=3000, seed=4).run()
    gross = results.outlay_draws("total")
    returns = results.outlay_draws("returns", "total")
    np.testing.assert_allclose(results.outlay_draws("net", "total"), gross - returns, rtol=1e-12)
    assert returns[0].max() == 0.0  # nothing returns in the year it is paid
    assert returns[1:].sum() > 0
    figures = results.to_dict()["investments"]
    assert figures["lines"] == ["m22-equity-investment", "m22-landing-fund"]
    span = figures["net_wan"]["2024-2028"]["mean"]
    assert span == pytest.approx(
        figures["gross_wan"]["2024-2028"]["mean"] - figures["returns_wan"]["2024-2028"]["mean"]
    )
    assert sum(figures["returns_after_2028_by_year_mean"].values()) == pytest.approx(
        figures["returns_after_2028_mean"], rel=1e-9
    )


def test_without_investments_nothing_returns_and_one_line_updates_keep_the_net():
    scenario = load_scenario(BASELINE)
    data = scenario.data
    data["investments"]["lines"] = {}
    plain = Engine(scenario.with_data(data), draws=2000, seed=1).run().to_dict()
    assert plain["investments"] == {"lines": []}
    engine = Engine(scenario, draws=2000, seed=1)
    engine.run()
    changed = scenario.replace(("lines", "m22-equity-investment", "uptake", "2025"), 40.0)
    updated = engine.update(changed, "m22-equity-investment")
    fresh = Engine(changed, draws=2000, seed=1).run()
    for key in (("returns", "total"), ("net", "total")):
        np.testing.assert_allclose(
            updated.outlay_draws(*key), fresh.outlay_draws(*key), rtol=1e-12, atol=1e-9
        )
    for stat, values in fresh.outlay("returns", "m22-equity-investment").items():
        np.testing.assert_allclose(
            updated.outlay("returns", "m22-equity-investment")[stat], values, rtol=1e-12
        )
    # an update of another line moves the net cost (the gross moved), not the returns
    other = changed.replace(("lines", "m01-common-tech", "uptake", "2026"), 30.0)
    moved = engine.update(other, "m01-common-tech")
    again = Engine(other, draws=2000, seed=1).run()
    np.testing.assert_allclose(moved.outlay("net")["mean"], again.outlay("net")["mean"], rtol=1e-12)


def test_investment_blocks_are_validated():
    scenario = load_scenario(BASELINE)
    data = scenario.data
    data["investments"]["lines"] = {
        "m22-equity-investment": {
            "holding_years": {"mean": 0.5, "sd": -1},
            "exit_probability": 1.5,
            "recovery_multiple": {"mean": 1.0},
            "basis": "assumption: test",
        },
        "no-such-line": {},
    }
    with pytest.raises(ScenarioError) as caught:
        scenario.with_data(data)
    text = caught.value.describe()
    for expected in (
        "investments.lines.m22-equity-investment.holding_years.mean: must be >= 1",
        "investments.lines.m22-equity-investment.holding_years.sd: must be >= 0",
        "investments.lines.m22-equity-investment.exit_probability: must be <= 1",
        "investments.lines.m22-equity-investment.recovery_multiple.sd: missing",
        "investments.lines.no-such-line: unknown line id",
    ):
        assert expected in text
