"""Investments are not grants (issue 10 §3): money paid to a line the scenario lists under
``investments`` (measure 22's "拨改投" equity and landing fund) may come back.

Each year's payments of such a line are one *cohort*. In each draw a cohort is held for
H = max(1, round(h)) years, h ~ Normal(holding mean, sd) (at most ``MAX_HOLDING_YEARS``);
a fraction F of it exits (is sold): for a line counting awards, F = Binomial(n, p) / n with n
the cohort's awards (rounded, at least 1) — each project exits or not — and for an amount
line F = Bernoulli(p), one fund a year; the money that exits returns M times itself,
M lognormal with the planner's mean and sd (M = the mean when sd = 0). The cohort paid in
year t returns paid(t)·F·M in year t + H, within the plan's years or after 2028.

So E[returns] = p · E[M] · paid (H, F and M independent). Gross outlay is the money paid;
net fiscal cost is gross outlay less the money returned. Rationing cuts gross cash out
(the payments), so the returns follow the funded payments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special

from .budget_results import BACKLOG, NET, RETURNS
from .randomness import BLOCK, RandomSource, stream_key
from .rationing import RationingPolicy
from .scenario import Scenario
from .validation_budget import MAX_HOLDING_YEARS

#: The years after 2028 in which money can return, at most.
LATE_YEARS = int(MAX_HOLDING_YEARS)


@dataclass(frozen=True)
class InvestmentPlan:
    line_id: str
    holding_mean: float
    holding_sd: float
    exit_probability: float
    multiple_mean: float
    multiple_sd: float
    key: tuple[int, ...]

    @classmethod
    def of(cls, line_id: str, a: dict[str, Any]) -> InvestmentPlan:
        return cls(
            line_id=line_id,
            holding_mean=a["holding_years"]["mean"],
            holding_sd=a["holding_years"]["sd"],
            exit_probability=a["exit_probability"],
            multiple_mean=a["recovery_multiple"]["mean"],
            multiple_sd=a["recovery_multiple"]["sd"],
            key=stream_key("investment", line_id),
        )


def investment_plans(scenario: Scenario) -> dict[str, InvestmentPlan]:
    """The scenario's investment lines (only those in its catalogue)."""
    known = {line.id for line in scenario.catalogue.lines}
    return {
        line_id: InvestmentPlan.of(line_id, a)
        for line_id, a in scenario.investments.items()
        if line_id in known
    }


def budget_keys(scenario: Scenario, years: tuple[int, ...]) -> list[tuple[str, str]]:
    """The series a run adds besides the lines' sums: the backlog (with rationing), the
    returns by line and in total and the net cost (with investments)."""
    keys = [BACKLOG] if RationingPolicy.of(scenario, years).active else []
    lines = list(investment_plans(scenario))
    if lines:
        keys += [("returns", line_id) for line_id in lines] + [RETURNS, NET]
    return keys


@dataclass
class Returns:
    """One line's money returned (万元): per year of the plan and draw, after 2028 per draw,
    and the sum over draws per year after 2028 (2029 first)."""

    within: np.ndarray  # (years, draws)
    after: np.ndarray  # (draws,)
    late_sums: np.ndarray  # (LATE_YEARS,)


@dataclass
class InvestmentDraws:
    """A line's investment draws for every cohort (years, draws): the year index each
    returns in (int8), its multiple and the fraction that exits (float32: a run that keeps
    its draws keeps these, 45 bytes per draw and line); with the awards the fractions were
    drawn for (the line's own array, which the run keeps anyway and nothing changes once
    drawn). Kept by a run that keeps its draws, so a one-line update draws again only what
    changed."""

    plan: InvestmentPlan
    lands: np.ndarray
    multiple: np.ndarray
    exited: np.ndarray
    awards: np.ndarray | None


def _same_awards(awards: np.ndarray | None, before: np.ndarray | None, t: int) -> bool:
    """Whether year ``t``'s awards are those the earlier fractions were drawn for."""
    if awards is None:
        return True
    if before is None or before.shape != awards.shape:
        return False
    return awards is before or bool(np.array_equal(awards[t], before[t]))


def draw_investment(
    plan: InvestmentPlan,
    awards: np.ndarray | None,
    random: RandomSource,
    first_block: int,
    shape: tuple[int, int],
    previous: InvestmentDraws | None = None,
) -> InvestmentDraws:
    """The draws of one investment line (``previous``: those of the same line before a
    change, reused where the plan and the awards are the same)."""
    years, draws = shape
    if previous is not None and previous.plan == plan:
        lands, multiple, exited = previous.lands, previous.multiple, previous.exited
        same = [_same_awards(awards, previous.awards, t) for t in range(years)]
        if not all(same):
            exited = exited.copy()
    else:
        p = plan.exit_probability
        by_project = awards is not None and 0.0 < p < 1.0  # exits drawn per project below
        z = random.normals_for(plan.key, (2 if by_project else 3) * years, draws, first_block)
        held = np.rint(plan.holding_mean + plan.holding_sd * z[:years])
        np.clip(held, 1, MAX_HOLDING_YEARS, out=held)
        lands = (held + np.arange(years)[:, None]).astype(np.int8)
        multiple = np.zeros((years, draws), dtype=np.float32)
        if plan.multiple_mean > 0:
            sigma = math.sqrt(math.log1p((plan.multiple_sd / plan.multiple_mean) ** 2))
            z_m = z[years : 2 * years]
            multiple[...] = plan.multiple_mean * np.exp(sigma * z_m - sigma**2 / 2)
        if not by_project:  # one fund a year (or a certain exit or none): exits or not
            exited = (z[2 * years :] < special.ndtri(p)).astype(np.float32)
            same = [True] * years
        else:
            exited = np.empty((years, draws), dtype=np.float32)
            same = [False] * years
    if awards is not None and 0.0 < plan.exit_probability < 1.0:
        blocks = range(first_block, first_block + (draws + BLOCK - 1) // BLOCK)
        for t in range(years):
            if not same[t]:  # each project exits or not
                n = np.maximum(np.rint(awards[t]), 1).astype(np.int64)
                exits = random.binomial(plan.key + (t,), blocks, n, plan.exit_probability)
                exited[t] = exits / n
    return InvestmentDraws(plan, lands, multiple, exited, awards)


def returns_of(drawn: InvestmentDraws, paid: np.ndarray) -> Returns:
    """The money the payments ``paid`` (years, draws) return, by the line's draws."""
    years, draws = paid.shape
    amount = paid * drawn.exited
    amount *= drawn.multiple
    lands = drawn.lands
    # each cohort's money lands in (its return year, its draw), added cohort by cohort in
    # year order (as a weighted count over the cells would add them); a cohort's cells land
    # in different cells, and where nothing lands nothing is added (money is never negative
    # nor NaN, so adding its zero would change nothing)
    within = np.zeros((years, draws))
    flat = within.reshape(-1)
    for t in range(years):
        home = np.flatnonzero(lands[t] < years)  # the draws whose cohort returns in time
        if home.size:
            cells = lands[t].take(home).astype(np.intp)
            cells *= draws
            cells += home
            flat[cells] += amount[t].take(home)
    after = np.multiply(amount, lands >= years).sum(axis=0)
    # every cell by its return year (those within the plan's years too: dropped), in cell
    # order, so each late year's sum adds its cells in the same order as a list of them would
    by_year = np.bincount(
        lands.reshape(-1).astype(np.intp), weights=amount.reshape(-1), minlength=years + LATE_YEARS
    )
    late_sums = by_year[years : years + LATE_YEARS]
    return Returns(within=within, after=after, late_sums=late_sums)


def investment_returns(
    plan: InvestmentPlan,
    paid: np.ndarray,
    awards: np.ndarray | None,
    random: RandomSource,
    first_block: int,
) -> Returns:
    """The money one investment line's payments ``paid`` (years, draws) return."""
    return returns_of(draw_investment(plan, awards, random, first_block, paid.shape), paid)


def sum_returns(parts: list[Returns], years: int, draws: int) -> Returns:
    """The returns of several lines together."""
    total = Returns(np.zeros((years, draws)), np.zeros(draws), np.zeros(LATE_YEARS))
    for part in parts:
        total.within += part.within
        total.after += part.after
        total.late_sums += part.late_sums
    return total
