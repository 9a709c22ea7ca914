"""One-line updates of a rationed run whose draws are kept (a part of ``Engine``).

Rationing couples the lines: a line's requests move its group's sums, and so the factors
of every line of the group (and of the groups served after it). The run keeps what pass 1
made (``budget_run``): every line's requests, the groups' sums of requests, the indicator
effects of the requests and their paths (which the lines paid from an indicator request
by), and the factors. An update then

1. draws the changed line's requests again (and the lines that follow it), moving the
   groups' sums and the requests' effects by the difference in the years that moved; the
   lines paid from an indicator whose requested path moved request again;
2. rations the groups again (vectorised over draws; the sums are kept, so this is one
   pass over groups and years);
3. funds again only the lines whose requests moved or whose group's factors moved, moving
   the sums, the funded effects, the funded awards and the returns by the difference.

The result equals a fresh run of the changed scenario within rounding (the sums are moved,
not added up afresh). Changes of observed outlays (a measure's observed total is split by
expected outlays) are run in full.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from .aggregator import StreamingAggregator, moved_rows
from .budget_results import BACKLOG, NET, RATIONED, REFUSED
from .indicator_model import evolve
from .investments import InvestmentPlan
from .observed import observed_outlays
from .plan import EffectPlan, LineDraws, LinePlan, plan_line, same_year
from .randomness import RandomSource
from .rationing import GroupFactors, RationingPolicy
from .results import Results
from .scenario import Scenario
from .threads import in_parallel


class RationedUpdate:
    """``_update_rationed`` (mixed into ``Engine``)."""

    scenario: Scenario
    years: tuple[int, ...]
    draws: int
    threads: int
    seed: int
    sampler: str
    random: RandomSource
    first_block: int
    plans: dict[str, LinePlan]
    lines: dict[str, LineDraws]
    overrides: dict[str, dict[int, float]]
    effects: list[EffectPlan]
    results: Results | None
    rationing: RationingPolicy
    investing: dict[str, InvestmentPlan]
    indicator_paths: dict[str, np.ndarray]
    observed_indicators: dict[str, dict[int, float]]
    funded_awards: dict[str, np.ndarray]
    kept_need: np.ndarray
    factors: GroupFactors
    request_added: dict[str, np.ndarray]
    request_paths: dict[str, np.ndarray]
    run: Callable[..., Results]
    _budget_setup: Callable[..., None]
    _orders: Callable[[], tuple[list[LinePlan], list[LinePlan], list[LinePlan]]]
    _line_draws: Callable[..., LineDraws]
    _finish_deferred: Callable[..., LineDraws]
    _move_effects: Callable[..., set[str]]
    _reevolve_indicators: Callable[[set[str]], set[str]]
    _indicator_own: Callable[[str], tuple[np.ndarray, np.ndarray]]
    _ration_groups: Callable[[np.ndarray], GroupFactors]
    _funded: Callable[..., LineDraws]
    _note_returns: Callable[..., None]
    _add_budget_series: Callable[[StreamingAggregator], None]

    def _update_rationed(self, scenario: Scenario, line_id: str) -> Results:
        """A one-line update of a rationed run whose draws are kept (see the module)."""
        started = time.perf_counter()
        self.scenario = scenario
        self._budget_setup(new_run=False)
        previous_plan = self.plans[line_id]
        self.plans[line_id] = plan_line(scenario, scenario.catalogue.line(line_id))
        overrides = observed_outlays(scenario)
        if self.results is None or any(
            overrides.get(other) != self.overrides.get(other) for other in self.plans
        ):
            return self.run()
        aggregator = self.results.aggregator
        changed = {line_id} | {p.id for p in self.plans.values() if p.line.follows == line_id}
        independent, dependent, deferred = self._orders()
        moved: set[str] = set()  # lines whose requests moved
        touched: set[str] = set()  # indicators whose requested paths moved
        for plan in independent + dependent:  # followers after the lines they follow
            if plan.id not in changed:
                continue
            old = self.lines[plan.id]
            reuse = None
            if plan.id == line_id:
                same = {i for i in range(len(self.years)) if same_year(previous_plan, plan, i)}
                reuse = (old, same)
            new = self._line_draws(plan, reuse=reuse)
            touched |= self._request_moved(plan, old, new, moved)
        pending: dict[str, tuple[LineDraws, LineDraws]] = {}
        for plan in deferred:
            if plan.id in changed:  # its awards now, its money once the paths are known
                old = self.lines[plan.id]
                same = (
                    {i for i in range(len(self.years)) if same_year(previous_plan, plan, i)}
                    if plan.id == line_id
                    else set()
                )
                drawn = self._line_draws(plan, finish=False, reuse=(old, same))
                touched |= self._move_effects(plan.id, old, drawn, self.request_added)
                pending[plan.id] = (old, drawn)
        before = dict(self.request_paths)
        for indicator in touched:
            start, growth = self._indicator_own(indicator)
            self.request_paths[indicator] = evolve(
                self.scenario.indicator_assumptions(indicator)["start"]["year"],
                start,
                growth,
                self.request_added[indicator],
                self.observed_indicators.get(indicator, {}),
                self.years,
            )
        for plan in deferred:
            if plan.id not in pending and plan.line.driver_indicator not in touched:
                continue
            old, drawn = pending.get(plan.id, (self.lines[plan.id], self.lines[plan.id]))
            assert drawn.awards is not None and drawn.share_sum is not None  # deferred
            funded_paths = self.indicator_paths
            self.indicator_paths = self.request_paths  # requests follow the requested paths
            try:
                new = self._finish_deferred(plan, drawn.awards, drawn.share_sum, old, before)
            finally:
                self.indicator_paths = funded_paths
            self._request_moved(plan, old, new, moved, effects=False)  # awards moved above
        return self._fund_again(aggregator, moved, started)

    def _request_moved(
        self, plan: LinePlan, old: LineDraws, new: LineDraws, moved: set[str], effects: bool = True
    ) -> set[str]:
        """Swap a line's requests: its group's sums and (``effects``) the requests' effects
        move by the difference; returns the indicators whose requested effects moved."""
        self.lines[plan.id] = new
        rows = moved_rows(old.paid, new.paid)
        group = self.kept_need[self.rationing.group(plan.line.measure)]
        for row in rows:
            group[row] += new.paid[row] - old.paid[row]
        if rows or (new.awards is not None and new.awards is not old.awards):
            moved.add(plan.id)
        return self._move_effects(plan.id, old, new, self.request_added) if effects else set()

    def _fund_again(
        self, aggregator: StreamingAggregator, moved: set[str], started: float
    ) -> Results:
        """Ration again and fund again the lines whose requests or factors moved."""
        factors = self._ration_groups(self.kept_need.copy())
        # the groups whose factors moved, and the first year they moved in (a line funded
        # again only for its factors pays and counts the earlier years as before)
        first = {g: _first_moved(self.factors, factors, g) for g in range(self.kept_need.shape[0])}
        groups = {g: year for g, year in first.items() if year is not None}
        self.factors = factors
        per_award = {e.line for e in self.effects if e.per == "award"}
        touched: set[str] = set()
        returns = False
        independent, dependent, deferred = self._orders()
        again = [
            plan
            for plan in independent + dependent + deferred
            if plan.id in moved or self.rationing.group(plan.line.measure) in groups
        ]

        def funding(plan: LinePlan) -> LineDraws:
            return self._funded(
                plan, self.lines[plan.id], factors, aggregator, requests_moved=plan.id in moved
            )

        # funded on two threads (numpy lets go of the lock), taken in order, one more funded
        # ahead while one is taken in
        for plan, funded in zip(again, in_parallel(funding, again, self.threads, ahead=1)):
            requested = self.lines[plan.id]
            key = ("line", plan.id)
            old = LineDraws(
                awards=self.funded_awards.get(plan.id),
                committed=requested.committed,
                paid=aggregator.arrays[key],
                after_horizon=aggregator.after[key],
            )
            group = self.rationing.group(plan.line.measure)
            since = 0 if plan.id in moved else groups[group]
            touched |= self._move_effects(plan.id, old, funded, since=since)
            aggregator.replace(plan, old, funded, since)
            if plan.id in per_award and funded.awards is not None:
                self.funded_awards[plan.id] = funded.awards
            if plan.id in self.investing:
                self._note_returns(plan, funded, requested)
                returns = True
        if touched:
            self._reevolve_indicators(touched)
        aggregator.add_sums(RATIONED, factors.rationed.sum(axis=1, dtype=np.float64))
        aggregator.add_sums(REFUSED, factors.refused.sum(axis=1))
        aggregator.add_series(BACKLOG, factors.backlog, np.zeros(self.draws))
        if returns:
            self._add_budget_series(aggregator)
        elif self.investing:
            aggregator.add_summary(NET, None)
        results = Results.from_engine(
            self, aggregator, time.perf_counter() - started, previous=self.results
        )
        self.results = results
        return results


def _first_moved(old: GroupFactors, new: GroupFactors, group: int) -> int | None:
    """The first year in which a group's factors moved in some draw (None: the same in
    every year and draw)."""
    pairs = [(old.paid_new, new.paid_new), (old.paid_old, new.paid_old)]
    if old.kept_new is not None and new.kept_new is not None:
        pairs.append((old.kept_new, new.kept_new))
    if old.kept_old is not None and new.kept_old is not None:
        pairs.append((old.kept_old, new.kept_old))
    for t in range(old.paid_new.shape[1]):
        if not all(np.array_equal(a[group, t], b[group, t]) for a, b in pairs):
            return t
    return None
