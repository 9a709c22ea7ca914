"""Investment returns against distributions worked out by hand: when a cohort's money comes
back (holding years rounded from a normal, at least 1 and at most 30), how much (a lognormal
multiple with the planner's mean and sd), and what fraction exits (per project for lines
counting awards, all or nothing for one fund a year).

Every check is of a share or a moment over 65,536 draws at 6+ standard errors, with fixed
seeds (false-failure rate far below 1e-4 for a fresh seed).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from simulator.model.investments import LATE_YEARS, InvestmentPlan, investment_returns
from simulator.model.randomness import BLOCK, RandomSource

DRAWS = 4 * BLOCK


def plan(holding=(3.0, 0.0), p=1.0, multiple=(1.0, 0.0)) -> InvestmentPlan:
    return InvestmentPlan.of(
        "m22-equity-investment",
        {
            "holding_years": {"mean": holding[0], "sd": holding[1]},
            "exit_probability": p,
            "recovery_multiple": {"mean": multiple[0], "sd": multiple[1]},
            "basis": "assumption: test",
        },
    )


def paid_in_2024(amount: float = 100.0) -> np.ndarray:
    paid = np.zeros((5, DRAWS))
    paid[0] = amount
    return paid


def test_holding_years_are_a_rounded_normal_of_at_least_one_year():
    """Paid 100 in 2024, certain exit, multiple 1: the money comes back in 2024 + H with
    H = max(1, round(3 + Z)): P(H = 1) = Φ(−1.5) = 0.0668 (all of 1.5 and below, the
    0.6 % below 0.5 included), P(H = 2) = Φ(−0.5) − Φ(−1.5) = 0.2417, P(H = 3) = 0.3829,
    P(H = 4) = 0.2417, after 2028 (H ≥ 5) 0.0668; never in the year it was paid."""
    returns = investment_returns(plan((3.0, 1.0)), paid_in_2024(), None, RandomSource(3), 0)
    phi = stats.norm.cdf
    expected = [0.0, phi(-1.5), phi(-0.5) - phi(-1.5), phi(0.5) - phi(-0.5)]
    expected.append(phi(1.5) - phi(0.5))
    for year, share in enumerate(expected):
        back = returns.within[year]
        assert set(np.unique(back)) <= {0.0, 100.0}
        assert np.mean(back == 100.0) == pytest.approx(share, abs=0.01), year
    assert np.mean(returns.after == 100.0) == pytest.approx(phi(-1.5), abs=0.01)
    np.testing.assert_allclose(returns.within.sum(axis=0) + returns.after, 100.0)
    # by year after 2028: 2029 holds H = 5, P = Φ(2.5) − Φ(1.5)
    assert returns.late_sums[0] / (100.0 * DRAWS) == pytest.approx(phi(2.5) - phi(1.5), abs=0.01)


def test_holding_years_stop_at_thirty():
    """H = min(30, round(29 + 5 Z)): the 2024 cohort comes back 30 years on (late year
    index 25) with probability P(29 + 5Z ≥ 29.5) = 1 − Φ(0.1) = 0.460, and never later:
    every return after 2028 is in the yearly sums."""
    returns = investment_returns(plan((29.0, 5.0)), paid_in_2024(), None, RandomSource(4), 0)
    assert not returns.within.any()
    np.testing.assert_allclose(returns.after, 100.0)
    assert returns.late_sums.size == LATE_YEARS
    assert returns.late_sums.sum() == pytest.approx(100.0 * DRAWS, rel=1e-9)
    share = returns.late_sums[25] / (100.0 * DRAWS)
    assert share == pytest.approx(1 - stats.norm.cdf(0.1), abs=0.01)
    assert not returns.late_sums[26:].any()


@pytest.mark.parametrize("mean,sd", [(1.2, 0.6), (0.8, 0.2), (2.5, 3.0)])
def test_the_multiple_is_lognormal_with_the_planners_mean_and_sd(mean, sd):
    """Held one year, certain exit: 2025 gets 100 M, M lognormal with mean m and sd s:
    log M has sd √ln(1 + (s/m)²) and mean ln m − that² / 2."""
    returns = investment_returns(
        plan((1.0, 0.0), 1.0, (mean, sd)), paid_in_2024(), None, RandomSource(5), 0
    )
    m = returns.within[1] / 100.0
    assert np.all(m > 0) and not returns.within[[0, 2, 3, 4]].any()
    sigma = math.sqrt(math.log1p((sd / mean) ** 2))
    assert np.log(m).std() == pytest.approx(sigma, rel=0.02)
    assert np.log(m).mean() == pytest.approx(math.log(mean) - sigma**2 / 2, abs=0.03 * sigma)
    se = sd / math.sqrt(DRAWS)
    assert abs(m.mean() - mean) < 6 * se * 3  # heavy right tail: a wider band
    assert m.std() == pytest.approx(sd, rel=0.15 if sd / mean > 1 else 0.05)


def test_a_multiple_of_zero_returns_nothing():
    returns = investment_returns(
        plan((1.0, 0.0), 1.0, (0.0, 0.0)), paid_in_2024(), None, RandomSource(6), 0
    )
    assert not returns.within.any() and not returns.after.any()


def test_projects_exit_one_by_one_and_one_fund_all_or_nothing():
    """p = 0.5, held one year, multiple 1. A line counting 50 awards a year: each project
    exits or not, so 2025 gets 100 × Binomial(50, 0.5) / 50: mean 50, variance
    100² × 0.25 / 50 = 50, hardly ever 0 or 100. An amount line (one fund a year): all or
    nothing, 100 with probability 0.5."""
    awards = np.full((5, DRAWS), 50)
    by_project = investment_returns(
        plan((1.0, 0.0), 0.5), paid_in_2024(), awards, RandomSource(7), 0
    ).within[1]
    assert by_project.mean() == pytest.approx(50.0, abs=6 * math.sqrt(50 / DRAWS))
    assert by_project.var() == pytest.approx(50.0, rel=0.05)
    assert np.mean((by_project > 0) & (by_project < 100)) > 0.999
    np.testing.assert_allclose(by_project * 50 / 100, np.rint(by_project * 50 / 100))
    fund = investment_returns(
        plan((1.0, 0.0), 0.5), paid_in_2024(), None, RandomSource(7), 0
    ).within[1]
    assert set(np.unique(fund)) == {0.0, 100.0}
    assert np.mean(fund == 100.0) == pytest.approx(0.5, abs=6 * 0.5 / math.sqrt(DRAWS))
