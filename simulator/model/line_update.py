"""One-line updates of a run whose draws are kept (a part of ``Engine``): the changed line
is drawn again (years whose tables did not change are copied), its difference moves the
sums it belongs to and the indicators its effects reach, in the years that moved; lines
paid from an indicator that moved are paid again (their awards stay), and an investment
line's returns follow its payments. Rationed runs: ``rationed_update``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

from .aggregator import StreamingAggregator
from .award_rules import award_scale, award_sums
from .indicator_model import reference_value
from .observed import observed_outlays
from .plan import (
    EffectPlan,
    LineDraws,
    LineInputs,
    LinePlan,
    disburse,
    plan_line,
    same_year,
    unkept,
)
from .randomness import BLOCK, RandomSource
from .results import Results
from .scenario import Scenario
from .threads import chunk_size

#: Most blocks in a chunk of a line drawn again (its arrays a few MB, as a run's lines).
EDIT_BLOCKS = 4


class LineUpdate:
    """``update`` and what it needs (mixed into ``Engine``)."""

    scenario: Scenario
    years: tuple[int, ...]
    draws: int
    seed: int
    sampler: str
    random: RandomSource
    first_block: int
    keep_draws: bool
    threads: int
    chunk_threads: int
    edit_blocks: int | None
    plans: dict[str, LinePlan]
    lines: dict[str, LineDraws]
    overrides: dict[str, dict[int, float]]
    indicator_paths: dict[str, np.ndarray]
    results: Results | None
    _input_cache: dict[str, dict[int, LineInputs]]
    effects: list[EffectPlan]
    run: Callable[..., Results]
    _budget_update: Callable[[Scenario, str], Results | None]
    _budget_setup: Callable[..., None]
    _refresh_returns: Callable[[StreamingAggregator, list[str]], None]
    _line_draws: Callable[..., LineDraws]
    _line_inputs: Callable[..., LineInputs]
    _chunks: Callable[[], Iterator[tuple[int, int, range]]]
    _move_effects: Callable[..., set[str]]
    _reevolve_indicators: Callable[[set[str]], set[str]]
    _observed: Callable[[str, np.ndarray, np.ndarray], np.ndarray]

    def update(self, scenario: Scenario, line_id: str) -> Results:
        """Recompute after the assumptions of one line changed (everything else equal), with
        the same random numbers; returns the new Results. Needs a prior run() that kept the
        draws. Other kinds of change (multiplier, common factor, indicators) need run().
        The lines drawn again are drawn a few chunks at once (``chunk_threads``)."""
        with self._editing(self.threads):
            return self._update(scenario, line_id)

    @contextmanager
    def _editing(self, threads: int) -> Iterator[None]:
        """Within: a line is drawn in the chunks of an edit (``_edit_blocks``), ``threads``
        chunks at once; then in a run's again."""
        self.chunk_threads, self.edit_blocks = threads, self._edit_blocks()
        try:
            yield
        finally:
            self.chunk_threads, self.edit_blocks = 1, None

    def _edit_blocks(self) -> int:
        """Blocks per chunk of a line drawn again (and of its inputs kept): as few chunks as
        keep the threads as busy as chunks of one block would, of at most EDIT_BLOCKS
        (fewer numpy calls, each on more draws: 1-2 ms less of a 15-20 ms update)."""
        full, rest = divmod(self.draws, BLOCK)
        sizes = [1.0] * full + ([rest / BLOCK] if rest else [])
        return chunk_size(sizes, self.threads, EDIT_BLOCKS)

    def _update(self, scenario: Scenario, line_id: str) -> Results:
        rationed = self._budget_update(scenario, line_id)
        if rationed is not None:
            return rationed
        if self.results is None or not self.keep_draws:
            self.scenario = scenario
            return self.run()
        started = time.perf_counter()
        self.scenario = scenario
        self._budget_setup(new_run=False)
        previous_plan = self.plans[line_id]
        self.plans[line_id] = plan_line(scenario, scenario.catalogue.line(line_id))
        aggregator = self.results.aggregator
        changed = [line_id] + [p.id for p in self.plans.values() if p.line.follows == line_id]
        # a measure's observed total is split by expected outlays, which this edit may move
        overrides = observed_outlays(scenario)
        changed += [
            other
            for other in self.plans
            if other not in changed and overrides.get(other) != self.overrides.get(other)
        ]
        self.overrides = overrides
        self._keep_inputs(changed)
        touched: set[str] = set()
        pending: dict[str, tuple[LineDraws, LineDraws]] = {}
        for changed_id in changed:
            plan = self.plans[changed_id]
            if plan.deferred:  # paid from an indicator: its awards now, its money below
                old = self.lines[changed_id]
                same = self._same_years(previous_plan, plan) if changed_id == line_id else set()
                drawn = self._line_draws(plan, finish=False, reuse=(old, same))
                touched |= self._move_effects(changed_id, old, drawn)
                pending[changed_id] = (old, drawn)
                continue
            touched |= self._replace_line(
                plan, aggregator, previous_plan if changed_id == line_id else None
            )
        if touched:
            self._reevolve_indicators(touched)
        for p in self.plans.values():
            if p.id in pending:
                old, drawn = pending[p.id]
                assert drawn.awards is not None and drawn.share_sum is not None  # deferred
                new = self._finish_deferred(p, drawn.awards, drawn.share_sum, old)
                aggregator.replace(p, old, new)
                self.lines[p.id] = new
            elif p.deferred and p.line.driver_indicator in touched:
                # Same random numbers, so the same awards: only the money changes.
                self._replace_line(p, aggregator)
                changed += [] if p.id in changed else [p.id]
        self._refresh_returns(aggregator, changed)
        results = Results.from_engine(
            self, aggregator, time.perf_counter() - started, previous=self.results
        )
        self.results = results
        return results

    def prepare(self, line_id: str) -> None:
        """Draw and keep the random inputs of a line about to be edited (and of the lines
        that follow it), as its first update would: a planner who selects a line then
        finds its first slider move as quick as the next ones. Changes no result; does
        nothing without a run that kept its draws."""
        if self.results is None or not self.keep_draws or line_id not in self.plans:
            return
        lines = [line_id] + [p.id for p in self.plans.values() if p.line.follows == line_id]
        self._keep_inputs(lines)
        with self._editing(1):  # in the chunks of the updates to come
            for start, stop, blocks in self._chunks():
                for other in lines:
                    self._line_inputs(self.plans[other], start, stop, blocks)

    def _keep_inputs(self, lines: list[str]) -> None:
        """Keep the random inputs of these lines from now on (those of the lines edited
        last before them too, up to three lines in all)."""
        for line_id in lines:
            self._input_cache[line_id] = self._input_cache.pop(line_id, {})
        while len(self._input_cache) > 3:
            self._input_cache.pop(next(iter(self._input_cache)))

    def _replace_line(
        self, plan: LinePlan, aggregator: StreamingAggregator, previous_plan: LinePlan | None = None
    ) -> set[str]:
        """Draw a line again and swap it in; returns the indicators its effects moved."""
        old = self.lines[plan.id]
        reuse = None if previous_plan is None else (old, self._same_years(previous_plan, plan))
        new = self._line_draws(plan, reuse=reuse)
        # the years before the first one drawn again were copied, awards and money, and
        # paid by the same profile (money moves only forward; no observed years, which an
        # edit can move): those years are as before
        since = 0
        if (
            reuse is not None
            and previous_plan is not None
            and not plan.deferred
            and not plan.derived_years
            and not self.overrides.get(plan.id)
            and np.array_equal(previous_plan.disbursement, plan.disbursement)
        ):
            n_years = len(self.years)
            since = next((i for i in range(n_years) if i not in reuse[1]), n_years)
        moved = self._move_effects(plan.id, old, new, since=since)
        aggregator.replace(plan, old, new, since)
        self.lines[plan.id] = new
        return moved

    def _same_years(self, before: LinePlan, plan: LinePlan) -> set[int]:
        """The years a line draws exactly as before (the same tables and amounts)."""
        return {i for i in range(len(self.years)) if same_year(before, plan, i)}

    def _finish_deferred(
        self,
        plan: LinePlan,
        awards: np.ndarray,
        normals: np.ndarray,
        earlier: LineDraws | None = None,
        before_paths: dict[str, np.ndarray] | None = None,
    ) -> LineDraws:
        """A line paid per award from an indicator (``award_rules``): each award is
        min(cap, rate × the recipient's base × the draw's scale of the indicator).
        ``earlier``: the line's draws before a change of its own (default: those kept,
        if of the same plan); the years whose awards, rule and indicator rows did not change
        are copied. ``before_paths``: the indicator paths those draws were paid from
        (default: the last results')."""
        line = plan.line
        rule = plan.award_rule
        assert line.driver_indicator is not None and rule is not None  # validated
        assert line.cap_wan is not None  # indicator_based lines have a cap per award
        path = self.indicator_paths[line.driver_indicator]  # (years + 1, draws), 2023 first
        a = self.scenario.indicator_assumptions(line.driver_indicator)
        # the 2023 reference and the expected yearly growth (the median of log growth μ)
        constants = (reference_value(a), math.expm1(a["trend"]["mean"]))
        explicit = earlier is not None
        if earlier is None and self.results is not None:
            earlier = self.lines.get(plan.id)
        if before_paths is None and self.results is not None:
            before_paths = self.results.indicator_paths
        comparable = earlier is not None and (
            earlier.plan is plan or (explicit and _same_money(earlier, plan))
        )
        before = (
            before_paths.get(line.driver_indicator)
            if before_paths is not None and comparable
            else None
        )
        # per year, the draws whose scale or awards moved (None: every draw)
        moved: list[np.ndarray | None] = [None] * len(self.years)
        if before is not None and earlier is not None and earlier.factor_of == constants:
            # a year's scale depends on the path's rows of the year before (or of the
            # year and the one before it): the draws whose rows did not move stay
            lag = line.driver_lag_years or 0
            for i in range(len(self.years)):
                r = max(0, i - lag)
                draws = before[r] != path[r]
                draws |= before[r + 1] != path[r + 1]
                if earlier.awards is not None and earlier.awards is not awards:
                    draws |= earlier.awards[i] != awards[i]
                moved[i] = draws
        same = [m is not None and not m.any() for m in moved]
        if all(same) and earlier is not None and earlier.plan is plan:
            return earlier  # the indicator moved in no year that pays this line
        # the scale of the years paid again (the others are copied)
        again_years = [i for i in range(len(self.years)) if not same[i]]
        lag = line.driver_lag_years or 0
        scale = award_scale(rule, path, constants[0], constants[1], lag, again_years)
        for i in again_years:
            scale[i] *= rule.rate
        committed = np.empty_like(scale)
        whole: list[int] = []
        cells: list[np.ndarray] = []  # the cells (flat indices) whose money moved
        for i, draws in enumerate(moved):
            if draws is None or earlier is None or np.count_nonzero(draws) > 0.7 * draws.size:
                whole.append(i)
                continue
            committed[i] = earlier.committed[i]  # the draws whose indicator did not move
            if not same[i]:
                at = np.flatnonzero(draws)
                at += i * draws.size
                cells.append(at)
        if cells:  # every year's moved draws at once (a cell's money needs only its own)
            at = np.concatenate(cells) if len(cells) > 1 else cells[0]
            committed.put(
                at,
                award_sums(
                    awards.take(at),
                    scale.take(at),
                    normals.take(at),
                    rule.mean_wan,
                    rule.cv,
                    line.cap_wan,
                    self.chunk_threads,
                ),
            )
        if whole:
            again = unkept(slice(0, len(self.years)), set(range(len(self.years))) - set(whole))
            committed[again] = award_sums(
                awards[again],
                scale[again],
                normals[again],
                rule.mean_wan,
                rule.cv,
                line.cap_wan,
                self.chunk_threads,
            )
        paid, after = disburse(committed, plan.disbursement)
        keep = self.keep_draws  # what an update reuses; a run that keeps no draws drops it
        return LineDraws(
            awards=awards,
            committed=committed,
            paid=self._observed(plan.id, paid, committed),
            after_horizon=after,
            share_sum=normals if keep else None,
            plan=plan,
            factor_of=constants,
        )


def _same_money(earlier: LineDraws, plan: LinePlan) -> bool:
    """Whether a line paid from an indicator drawn earlier pays an award as ``plan`` does
    (same rule and cap): its years with the same awards and scale can be copied."""
    before = earlier.plan
    return before is plan or (
        before is not None
        and before.award_rule == plan.award_rule
        and before.line.cap_wan == plan.line.cap_wan
        and before.line.driver_indicator == plan.line.driver_indicator
        and before.line.driver_lag_years == plan.line.driver_lag_years
    )
