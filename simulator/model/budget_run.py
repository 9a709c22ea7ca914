"""The budget side of a run (a part of ``Engine``): rationing under the appropriation and the
money investments return (see ``rationing`` and ``investments``).

A run with rationing (policy ``proportional`` or ``priority``, and an appropriation) has two
passes over the lines, with the same random numbers:

1. every line is drawn as without rationing (its *requested* awards and payments); only the
   sums of the payments per rationing group are kept (and, when the run keeps its draws, the
   lines themselves); the indicators follow the requested awards, so that the lines paid from
   an indicator know their requests;
2. the groups are rationed (``rationing.ration_groups``: factors per group, year and draw)
   and each line — kept, or drawn again — is scaled by its group's factors (``fund``); the
   funded awards and payments then make the sums, the indicators and the returns.

Lines paid from an indicator request money by the indicator path of the requested awards (a
single pass: rationing does not feed back into their requests).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from .aggregator import SeriesSink, StreamingAggregator
from .budget_results import (
    BACKLOG,
    NET,
    RATIONED,
    REFUSED,
    REQUESTED_AWARDS,
    REQUESTED_PAID,
    RETURNS,
    RETURNS_LATE,
    WAITING,
)
from .investments import (
    InvestmentDraws,
    InvestmentPlan,
    Returns,
    draw_investment,
    investment_plans,
    returns_of,
    sum_returns,
)
from .plan import EffectPlan, LineDraws, LinePlan
from .randomness import RandomSource
from .rationing import GroupFactors, RationingPolicy, fund, ration_groups
from .results import Results
from .run_stream import AHEAD_KEPT
from .scenario import Scenario
from .threads import in_parallel


class BudgetRun:
    """Rationing and investments (mixed into ``Engine``)."""

    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    indicator_paths: dict[str, np.ndarray]
    years: tuple[int, ...]
    keep_draws: bool
    threads: int
    random: RandomSource
    first_block: int
    sink: SeriesSink | None
    plans: dict[str, LinePlan]
    lines: dict[str, LineDraws]
    overrides: dict[str, dict[int, float]]
    indicator_added: dict[str, np.ndarray]
    effects: list[EffectPlan]
    results: Results | None
    run: Callable[..., Results]
    _line_draws: Callable[..., LineDraws]
    _lines_in_order: Callable[..., Iterator[tuple[LinePlan, LineDraws, Any]]]
    _finished: Callable[..., Iterator[tuple[LinePlan, LineDraws]]]
    _add_effects: Callable[..., None]
    _evolve_indicators: Callable[[], None]
    _finish_deferred: Callable[..., LineDraws]
    _update_rationed: Callable[[Scenario, str], Results]

    # ------------------------------------------------------------------ set-up
    def _budget_setup(self, new_run: bool = True) -> None:
        """The scenario's policy and investment lines; ``new_run``: forget the last run's."""
        self.rationing = RationingPolicy.of(self.scenario, self.years)
        investing = investment_plans(self.scenario)
        if new_run:
            self.returns: dict[str, Returns] = {}
            self.investment_draws: dict[str, InvestmentDraws] = {}
            self.rationed_run = False
        else:  # lines no longer investments return nothing
            for line_id in set(self.returns) - set(investing):
                del self.returns[line_id]
        self.investing: dict[str, InvestmentPlan] = investing

    # ------------------------------------------------------------------ investments
    def _note_returns(
        self, plan: LinePlan, draws: LineDraws, requested: LineDraws | None = None
    ) -> None:
        """The returns of an investment line's (funded) payments; the projects that may
        exit are the awards drawn (``requested``, when rationed)."""
        investment = self.investing.get(plan.id)
        if investment is None:
            return
        drawn = draw_investment(
            investment,
            (requested or draws).awards,
            self.random,
            self.first_block,
            draws.paid.shape,
            self.investment_draws.get(plan.id),
        )
        if self.keep_draws:
            self.investment_draws[plan.id] = drawn
        self.returns[plan.id] = returns_of(drawn, draws.paid)

    def _add_budget_series(self, aggregator: StreamingAggregator) -> None:
        """Returns by line and in total, and the net cost (gross outlay less returns). A run
        that keeps its draws keeps each line's returns (for one-line updates) and the
        total's, the net cost made from the total's and the returns' draws when asked."""
        if not self.investing:
            return
        for line_id, returns in self.returns.items():
            aggregator.add_series(("returns", line_id), returns.within, returns.after)
        total = sum_returns(list(self.returns.values()), len(self.years), self.draws)
        if not aggregator.keep:
            self.returns.clear()
        aggregator.add_series(RETURNS, total.within, total.after)
        if aggregator.keep:
            aggregator.add_summary(NET, None)  # made when asked (``Results``)
        else:
            assert aggregator.total_draws is not None  # every line is in
            gross = aggregator.total_draws
            aggregator.total_draws = None
            aggregator.add_series(NET, gross[0] - total.within, gross[1] - total.after)
        aggregator.add_sums(RETURNS_LATE, total.late_sums)

    def _refresh_returns(self, aggregator: StreamingAggregator, changed: list[str]) -> None:
        """After a one-line update (draws kept): the returns of the investment lines that
        changed (from their kept investment draws) and the total again, and the net cost
        in any case."""
        again = [line_id for line_id in changed if line_id in self.investing]
        if again:
            for line_id in again:
                self._note_returns(self.plans[line_id], self.lines[line_id])
            self._add_budget_series(aggregator)
        elif self.investing:
            aggregator.add_summary(NET, None)

    # ------------------------------------------------------------------ rationing
    def _orders(self) -> tuple[list[LinePlan], list[LinePlan], list[LinePlan]]:
        """(independent, dependent, deferred) lines, in the order a run draws them."""
        order = [p for p in self.plans.values() if not p.deferred]
        return (
            [p for p in order if not p.line.follows],
            [p for p in order if p.line.follows],
            [p for p in self.plans.values() if p.deferred],
        )

    def _run_rationed(self, started: float, report: Callable[[], None]) -> Results:
        """Pass 1 (requests) of a rationed run; see the module."""
        self.rationed_run = True
        independent, dependent, deferred = self._orders()
        first_of = {p.line.follows for p in dependent}
        need = np.zeros((self.rationing.groups, len(self.years), self.draws))

        def take(plan: LinePlan, draws: LineDraws) -> None:
            self._add_effects(plan.id, draws)
            self._add_need(need, plan, draws.paid)
            if self.keep_draws or plan.id in first_of:
                self.lines[plan.id] = draws

        # as a run without rationing (``Engine.run``): every line on the threads, the lines
        # paid from an indicator with their awards only, their money once the paths are known
        # the count targets' other units too, for the results of pass 2 (``_ration``)
        self.target_others_ahead: dict[tuple[str, float, float], np.ndarray] = {}
        drawn: dict[str, LineDraws] = {}
        lines = (independent, dependent, deferred)
        for plan, draws, _ in self._lines_in_order(
            lines, self.target_others_ahead, drawn, requests=True
        ):
            take(plan, draws)
            report()
        self._finish_requests(deferred, drawn, need)
        report()
        return self._ration(need, started)

    def _finish_requests(
        self, deferred: list[LinePlan], drawn: dict[str, LineDraws], need: np.ndarray
    ) -> None:
        """The requested money of the lines paid from an indicator (after pass 1)."""
        self._evolve_indicators()
        for plan, finished in self._finished(deferred, drawn):
            self._add_need(need, plan, finished.paid)
            self.lines[plan.id] = finished

    def _add_need(self, need: np.ndarray, plan: LinePlan, paid: np.ndarray) -> None:
        """A line's requests into its group's sums; observed years are facts, not requests
        (they are paid as observed, from the year's appropriation, before any group)."""
        row = need[self.rationing.group(plan.line.measure)]
        row += paid
        for year_index, value in self.overrides.get(plan.id, {}).items():
            row[year_index] -= value

    def _ration_groups(self, need: np.ndarray) -> GroupFactors:
        """The groups' factors (``need`` is overwritten) under the cash the appropriation
        leaves after the observed outlays."""
        policy = self.rationing
        assert policy.appropriation is not None  # an active policy has one
        observed = [0.0] * len(self.years)
        for values in self.overrides.values():
            for year_index, value in values.items():
                observed[year_index] += value
        cash = tuple(max(0.0, a - o) for a, o in zip(policy.appropriation, observed))
        np.maximum(need, 0.0, out=need)  # (rounding of the observed years' subtraction)
        return ration_groups(need, cash, policy.backlog_cap_wan)

    def _ration(self, need: np.ndarray, started: float) -> Results:
        """Pass 2: ration the groups, fund every line, and make the results."""
        if self.keep_draws:  # what a one-line update starts from (``rationed_update``)
            self.kept_need = need.copy()
            self.request_paths = dict(self.indicator_paths)
            self.request_added = self.indicator_added
            self.indicator_added = {k: np.zeros_like(v) for k, v in self.request_added.items()}
        factors = self._ration_groups(need)
        if self.keep_draws:
            self.factors = factors
        del need
        for added in self.indicator_added.values():
            added[...] = 0.0
        aggregator = StreamingAggregator(self, keep=self.keep_draws, sink=self.sink)
        aggregator.target_others.update(self.target_others_ahead)  # drawn in pass 1
        self.target_others_ahead = {}
        #: funded awards of the lines with effects per award (a run that keeps its draws)
        self.funded_awards: dict[str, np.ndarray] = {}
        per_award = {e.line for e in self.effects if e.per == "award"}
        independent, dependent, deferred = self._orders()
        order = independent + dependent + deferred

        def funding(plan: LinePlan) -> LineDraws:
            requested = self.lines.get(plan.id)
            if requested is None:  # not kept: drawn again, with the same random numbers
                requested = self._line_draws(plan)
            funded = self._funded(plan, requested, factors, aggregator)
            self._note_returns(plan, funded, requested)  # an investment line's, here too
            return funded

        # funded on a few threads (numpy lets go of the lock), taken in order; a run that
        # keeps its draws keeps every funded line anyway, so several are funded ahead
        ahead = AHEAD_KEPT if self.keep_draws else 0
        for plan, funded in zip(order, in_parallel(funding, order, self.threads, ahead)):
            self._add_effects(plan.id, funded)
            aggregator.add(plan, funded)
            if self.keep_draws and plan.id in per_award and funded.awards is not None:
                self.funded_awards[plan.id] = funded.awards
        self._evolve_indicators()
        aggregator.add_sums(RATIONED, factors.rationed.sum(axis=1, dtype=np.float64))
        aggregator.add_sums(REFUSED, factors.refused.sum(axis=1))
        aggregator.add_series(BACKLOG, factors.backlog, np.zeros(self.draws))
        self._add_budget_series(aggregator)
        if not self.keep_draws:
            self.lines.clear()
            self.indicator_added.clear()
        results = Results.from_engine(self, aggregator, time.perf_counter() - started)
        self.results = results
        return results

    def _funded(
        self,
        plan: LinePlan,
        requested: LineDraws,
        factors: GroupFactors,
        aggregator: StreamingAggregator,
        requests_moved: bool = True,
    ) -> LineDraws:
        """A line's funded draws under the factors; the sums of its requests are added
        unless they are those already added (``requests_moved`` False: an update that
        funds a line again only because its group's factors moved)."""
        group = self.rationing.group(plan.line.measure)
        observed = tuple(self.overrides.get(plan.id, {}))
        paid, waiting = fund(requested.paid, factors, group, observed)
        if requests_moved:
            aggregator.add_sums(REQUESTED_PAID + plan.id, requested.paid.sum(axis=1))
        aggregator.add_sums(WAITING + plan.id, np.array([waiting.sum()]))
        awards = None
        if requested.awards is not None:
            awards = fund(requested.awards, factors, group, observed)[0]
            if requests_moved:
                aggregator.add_sums(
                    REQUESTED_AWARDS + plan.id, requested.awards.sum(axis=1, dtype=np.float64)
                )
        return LineDraws(
            awards=awards,
            committed=requested.committed,
            paid=paid,
            after_horizon=requested.after_horizon + waiting,
            share_sum=requested.share_sum,
        )

    def _budget_update(self, scenario: Scenario, line_id: str) -> Results | None:
        """The update of a run with rationing (before, now or both), or None when the
        ordinary one-line update applies."""
        if self.results is None or not self.keep_draws:
            return None
        now = RationingPolicy.of(scenario, self.years).active
        if not now and not self.rationed_run:
            return None
        if now and self.rationed_run:
            return self._update_rationed(scenario, line_id)  # ``rationed_update``
        self.scenario = scenario
        return self.run()

    def update_indicators(self, scenario: Scenario, indicators: Any) -> Results:
        """As ``IndicatorModel.update_indicators``; a rationed run is run again (its funded
        awards drive the indicators)."""
        if self.rationed_run or RationingPolicy.of(scenario, self.years).active:
            self.scenario = scenario
            return self.run()
        update: Callable[[Scenario, Any], Results] = super().update_indicators  # type: ignore[misc]
        return update(scenario, indicators)
