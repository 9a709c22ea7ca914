"""再次认定 (measure 14): renewals of high-tech enterprise certificates.

A certificate is valid for ``lag`` years (three: the catalogue's ``lag_years`` and its
source); every certificate issued in a year, first recognitions and renewals alike, comes up
for renewal ``lag`` years later, and a share of them (the planner's renewal rate) is renewed:

    R(y) = Binomial(F(y − lag) + R(y − lag), rate)

with F the first recognitions of the line followed. Before the plan (2021–2023 for a lag of
three) the certificates issued are the scenario's ``cohorts_before_plan`` (published counts
where known, else the planner's assumption, with a ``basis``): R(y) = Binomial(C(y − lag),
rate). Each year's binomial comes from its own stream (the line's key and the year), block by
block, so a year whose trials did not change is drawn exactly as before and can be reused.
"""

from __future__ import annotations

import numpy as np

from .plan import LinePlan, RenewalState
from .randomness import RandomSource
from .years import YEARS


def expected_renewals(
    first_mean: dict[int, float], cohorts: dict[int, int], rate: float, lag: int
) -> dict[int, float]:
    """Expected renewals per plan year: E R(y) = rate · (E F(y − lag) + E R(y − lag)), with
    C(y − lag) for years before the plan. ``first_mean``: expected first recognitions."""
    out: dict[int, float] = {}
    for year in YEARS:
        source = year - lag
        trials = cohorts.get(source, 0) if source < YEARS[0] else first_mean[source] + out[source]
        out[year] = rate * trials
    return out


def draw_renewals(
    random: RandomSource,
    plan: LinePlan,
    blocks: range,
    part: slice,
    first: np.ndarray,
    awards: np.ndarray,
    previous: RenewalState | None,
    state: RenewalState,
) -> set[int]:
    """Fill ``awards[i, part]`` for every derived year i of a re-recognition line, in year
    order (a year's trials need the renewals ``lag`` years before). ``first``: the first
    recognitions followed (years × draws). Years whose trials and rate equal ``previous``'s
    copy its renewals (the same stream gives the same numbers); returns those years."""
    lag = plan.line.lag_years or 0
    reused: set[int] = set()
    width = part.stop - part.start
    same_rate = previous is not None and previous.rate == plan.renewal
    for i in sorted(plan.derived_years):
        source = i - lag
        if source < 0:  # certificates issued before the plan: one number for every draw
            cohort = plan.cohorts.get(YEARS[i] - lag, 0)
            state.cohorts[i] = cohort
            if same_rate and previous is not None and previous.cohorts.get(i) == cohort:
                awards[i, part] = previous.awards[i, part]
                reused.add(i)
                continue
            trials = np.full(width, cohort, dtype=awards.dtype)
        else:
            trials = first[source, part] + awards[source, part]
            if state.trials is not None:
                state.trials[i, part] = trials
            if (
                same_rate
                and previous is not None
                and previous.trials is not None
                and np.array_equal(previous.trials[i, part], trials)
            ):
                awards[i, part] = previous.awards[i, part]
                reused.add(i)
                continue
        awards[i, part] = random.binomial(plan.key + (i,), blocks, trials, plan.renewal)
    return reused
