"""The Monte Carlo engine: outlays per line and year, and the headline indicators.

Every array has shape (years, draws) and is computed for a whole block of draws at a time
with numpy; there is no Python loop over draws or over individual awards.

For each subsidy line and year (see DOMAIN.md for the forms):

* awards N: negative binomial around the planned uptake (× the scenario's multiplier), drawn
  by inversion from z = ρ·Z_common + √(1−ρ²)·Z_line, so that a common factor correlates
  uptake across lines;
* committed money: cap × (sum of N award shares), each share ≤ 1, so money ≤ N × cap
  (``share_of_cost`` lines: share = min(rate × cost / cap, 1));
  ``share_of_investment``: rate × investment, ``uncapped``: the amount itself (lognormal
  around the planner's figure);
* re-recognition: every certificate issued lag years before, first recognitions and renewals
  alike (before the plan: the scenario's cohorts), is renewed with the renewal rate,
  R(y) = Binomial(F(y − lag) + R(y − lag), rate) (``renewals``);
* ``indicator_based`` (service points, R&D rewards): each award is min(cap, rate × the
  recipient's base × the draw's scale of the driving indicator) (``award_rules``);
* money committed in a year is paid over the following years by the disbursement profile;
  payments after 2028 are reported separately, not in the 2024–2028 outlays.

The headline indicators and the lines' effects on them: ``indicator_model``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from scipy import special

from .aggregator import SeriesSink, StreamingAggregator
from .budget_run import BudgetRun
from .catalogue import AMOUNT_FORMS
from .chunked import PartSink, run_in_parts
from .draw_budget import keeps
from .indicator_model import IndicatorModel
from .line_update import LineUpdate
from .observed import observed_outlays
from .persistence import ar1
from .plan import (
    LineDraws,
    LineInputs,
    LinePlan,
    RenewalState,
    disburse,
    plan_line,
    unkept,
    year_groups,
    year_indices,
)
from .randomness import BLOCK, RandomSource, stream_key
from .rationed_update import RationedUpdate
from .rationing import RationingPolicy
from .renewals import draw_renewals
from .results import Results
from .run_stream import RunStream
from .scenario import Scenario
from .threads import in_parallel
from .years import YEARS

#: Above this many draws the engine keeps summaries only (bounded memory), not every draw.
KEEP_DRAWS_LIMIT = 250_000
#: ... and fewer where the kept arrays would not fit (``draw_budget.keeps``).
#: Above this many draws a run is drawn in parts of PART_DRAWS draws, twice (or more): once
#: for the means and probabilities and to locate each percentile, once more to find it
#: exactly (see ``streamed``). Memory then stays that of a run of PART_DRAWS draws.
CHUNKED_LIMIT = 1 << 20
PART_DRAWS = 1 << 19
RATIONED_PART_DRAWS = 1 << 18
_INT32_MAX = np.iinfo(np.int32).max


class Cancelled(Exception):
    """A run was cancelled by its caller."""


class Engine(LineUpdate, RationedUpdate, BudgetRun, IndicatorModel, RunStream):
    """Runs a scenario and keeps what it needs to recompute one line quickly."""

    def __init__(
        self,
        scenario: Scenario,
        draws: int | None = None,
        seed: int | None = None,
        sampler: str | None = None,
        chunk_draws: int | None = None,
        threads: int = 2,
        keep_draws: bool | None = None,
        part_draws: int | None = None,
        *,
        first_block: int = 0,
        sink: SeriesSink | None = None,
    ) -> None:
        """``part_draws``: draw runs of more draws in parts of this many (default: runs above
        CHUNKED_LIMIT, in parts of PART_DRAWS); never when the draws are kept.
        ``first_block`` and ``sink`` make the engine one part of such a run: its draws start
        at that block, and its series go to the sink instead of being summarised."""
        self.scenario = scenario
        self.draws = int(draws if draws is not None else scenario.draws)
        self.seed = int(seed if seed is not None else scenario.seed)
        self.sampler = sampler or scenario.sampler
        if self.draws < (1 if sink is not None else 2):
            raise ValueError("draws must be at least 2")
        chunk = chunk_draws or BLOCK
        if chunk % BLOCK:
            raise ValueError(f"chunk_draws must be a multiple of {BLOCK}")
        if part_draws is not None and (part_draws <= 0 or part_draws % BLOCK):
            raise ValueError(f"part_draws must be a positive multiple of {BLOCK}")
        self.chunk_draws = chunk
        self.threads = max(1, threads)
        #: threads drawing one line's chunks at once (a one-line update: see ``updating``)
        self.chunk_threads = 1
        #: blocks per chunk of a line being edited (None: ``chunk_draws``; see ``_chunks``)
        self.edit_blocks: int | None = None
        if keep_draws is None:
            keep_draws = self.draws <= KEEP_DRAWS_LIMIT and keeps(scenario, self.draws)
        self.keep_draws = keep_draws
        self.first_block = first_block
        self.sink = sink
        # a rationed run holds its factors and a line's requests and funding at once: parts
        # of fewer draws (``RATIONED_PART_DRAWS``) keep it within the same memory
        rationed = RationingPolicy.of(scenario, YEARS).active and part_draws is None
        self.part_draws = part_draws or (RATIONED_PART_DRAWS if rationed else PART_DRAWS)
        limit = self.part_draws if rationed else CHUNKED_LIMIT if part_draws is None else part_draws
        self.in_parts = not self.keep_draws and sink is None and self.draws > limit
        self.random = RandomSource(self.seed, self.sampler)
        self.years: tuple[int, ...] = YEARS
        self._common: np.ndarray | None = None
        self._input_cache: dict[str, dict[int, LineInputs]] = {}
        self.lines: dict[str, LineDraws] = {}
        self.plans: dict[str, LinePlan] = {}
        self.indicator_paths: dict[str, np.ndarray] = {}
        self.results: Results | None = None

    # ------------------------------------------------------------------ public API
    def run(
        self,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Results:
        """Simulate every line and indicator; returns a Results object."""
        started = time.perf_counter()
        self.chunk_threads = 1  # lines are drawn in parallel instead
        self.edit_blocks = None
        scenario = self.scenario
        catalogue = scenario.catalogue
        self.plans = {line.id: plan_line(scenario, line) for line in catalogue.lines}
        self._budget_setup()
        if self.in_parts:
            return self._run_in_parts(started, progress, cancelled)
        self.effects = self._plan_effects()
        self.overrides = observed_outlays(scenario)
        self._common = self._common_factor()
        self._input_cache.clear()
        aggregator = StreamingAggregator(self, keep=self.keep_draws, sink=self.sink)
        independent, dependent, deferred = self._orders()
        done = 0
        total = len(independent) + len(dependent) + len(deferred) + 1

        def report() -> None:
            if progress is not None:
                progress(done / total)
            if cancelled is not None and cancelled():
                raise Cancelled()

        self._indicator_setup()
        report()
        if self.rationing.active:
            return self._run_rationed(started, report)
        # Every line's draws on the threads (numpy releases the GIL), taken in order, some
        # drawn ahead so that every thread is busy while one is taken in: lines that follow
        # another after the lines they follow, lines paid from an indicator last and with
        # their awards only, their money once the indicators, which their awards move, are
        # known (``_lines_in_order``, ``_finished``).
        awards_only: dict[str, LineDraws] = {}
        lines = (independent, dependent, deferred)
        for plan, draws_, summary in self._lines_in_order(
            lines, aggregator.target_others, awards_only
        ):
            self._absorb(plan, draws_, aggregator, keep_awards=False, summary=summary)
            done += 1
            report()
        self._evolve_indicators()
        if not self.keep_draws:
            self.indicator_added.clear()  # the paths are all that is needed now
        done += 1
        report()
        for plan, finished in self._finished(deferred, awards_only):
            self._absorb(plan, finished, aggregator, keep_awards=False, effects=False)
            done += 1
            report()
        self._add_budget_series(aggregator)
        results = Results.from_engine(self, aggregator, time.perf_counter() - started)
        self.results = results
        if not self.keep_draws:
            self.lines.clear()
        if progress is not None:
            progress(1.0)
        return results

    def _run_in_parts(
        self,
        started: float,
        progress: Callable[[float], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> Results:
        """A run too large to hold, drawn in parts (each an Engine of its own); the same
        numbers as one run, as every part draws its own blocks."""
        return run_side_by_side([self], started, progress, cancelled)[0]

    def _part(self, first_block: int, draws: int, sink: PartSink) -> Engine:
        """One part of this run: ``draws`` draws from block ``first_block``."""
        return Engine(
            self.scenario,
            draws=draws,
            seed=self.seed,
            sampler=self.sampler,
            chunk_draws=self.chunk_draws,
            threads=self.threads,
            keep_draws=False,
            first_block=first_block,
            sink=sink,
        )

    # ------------------------------------------------------------------ lines
    def _chunks(self) -> Iterator[tuple[int, int, range]]:
        """(first draw, last draw + 1, blocks) of every chunk of the run, in order. A chunk is
        a whole number of blocks, so how draws are chunked never changes a number. A line
        edited (``edit_blocks``, see ``line_update``) is drawn in chunks of a few blocks."""
        n_blocks = (self.draws + BLOCK - 1) // BLOCK
        per_chunk = self.edit_blocks or self.chunk_draws // BLOCK
        for first in range(0, n_blocks, per_chunk):
            last = min(n_blocks, first + per_chunk)
            blocks = range(self.first_block + first, self.first_block + last)
            yield first * BLOCK, min(self.draws, last * BLOCK), blocks

    def _common_factor(self) -> np.ndarray:
        common = self.random.normals_for(
            stream_key("common"), len(self.years), self.draws, self.first_block
        )
        return ar1(common, self.scenario.persistence["common"])  # persistent across years

    def _line_inputs(self, plan: LinePlan, start: int, stop: int, blocks: range) -> LineInputs:
        """The line's copula normals (common factor mixed in) and uniforms for one chunk,
        with their table cells. Lines being edited keep theirs (a few MB), so a slider move
        skips the generator and the cell arithmetic."""
        cached = self._input_cache.get(plan.id, {}).get(start)
        if cached is not None:
            return cached
        loading = self.scenario.common_loading
        z, u = self.random.chunk_normals_and_uniforms(plan.key, blocks, len(self.years))
        width = stop - start
        z = ar1(z[:, :width], self.scenario.persistence["uptake"])  # persistent across years
        u = u[:, :width]
        z *= math.sqrt(1.0 - loading * loading)
        assert self._common is not None  # set by run()
        z += loading * self._common[:, start:stop]
        inputs = LineInputs(z, u)
        if plan.id in self._input_cache:
            inputs.cache()
            self._input_cache[plan.id][start] = inputs
        return inputs

    def _line_draws(
        self,
        plan: LinePlan,
        finish: bool = True,
        reuse: tuple[LineDraws, set[int]] | None = None,
        first: LineDraws | None = None,
    ) -> LineDraws:
        """Draw one line for every draw, a chunk at a time. For a line paid from an
        indicator, ``finish=False`` stops after the awards (money still zero). ``reuse``
        (earlier draws of this line, years whose tables did not change) copies those years
        instead of drawing them again: the same random numbers would give the same values.
        Re-recognition years whose certificates up for renewal did not change are copied
        from the line's earlier draws likewise (``renewals``). ``first``: a line that follows
        another, that line's draws (default: those the engine holds)."""
        n_years = len(self.years)
        line = plan.line
        drawn = self.lines.get(plan.id) if plan.deferred and finish and reuse is None else None
        if drawn is not None and drawn.plan is plan and drawn.awards is not None:
            # paid from an indicator that moved, the line itself as before: the same random
            # numbers give the same awards, so only the money is computed again
            assert drawn.share_sum is not None  # its normals, kept with its awards
            return self._finish_deferred(plan, drawn.awards, drawn.share_sum)
        counts_form = line.form not in AMOUNT_FORMS
        if first is None and line.follows:
            first = self.lines.get(line.follows)
        first_awards = first.awards if first is not None else None
        # counts fit in 32 bits unless a table reaches past them (at most 2^31 - 1 awards)
        wide = plan.max_count > _INT32_MAX or (
            first_awards is not None and first_awards.dtype == np.int64
        )
        awards = (
            np.empty((n_years, self.draws), dtype=np.int64 if wide else np.int32)
            if counts_form
            else None
        )
        committed = np.zeros((n_years, self.draws))
        # the normals of a deferred line's money, in single precision (what it keeps)
        uniforms = np.empty((n_years, self.draws), np.float32) if plan.deferred else None
        scale = line.cap_wan or 0.0
        groups = year_groups(plan) if counts_form else []
        renewal_state: RenewalState | None = None
        earlier_renewals: RenewalState | None = None
        earlier: LineDraws | None = None
        if plan.derived_years:
            assert awards is not None  # re-recognition counts awards
            trials = np.zeros((n_years, self.draws), awards.dtype) if self.keep_draws else None
            renewal_state = RenewalState(trials, plan.renewal, list(plan.sums), awards)
            earlier = self.lines.get(plan.id) if self.results is not None else None
            if earlier is not None and earlier.committed.shape == committed.shape:
                earlier_renewals = earlier.renewals
        kept: set[int] = set()
        # a line paid from an indicator reuses its awards and normals (its money follows)
        if reuse is not None and (not plan.deferred or reuse[0].share_sum is not None):
            previous, kept = reuse
            for i in kept:
                if uniforms is not None:
                    assert previous.share_sum is not None  # checked above
                    uniforms[i] = previous.share_sum[i]
                else:
                    committed[i] = previous.committed[i]
                if awards is not None:
                    assert previous.awards is not None  # the same line: a count form too
                    awards[i] = previous.awards[i]
            groups = [
                (years_, c, t)
                for years_, c, t in ((unkept(years_, kept), c, t) for years_, c, t in groups)
                if years_
            ]

        def draw_chunk(chunk: tuple[int, int, range]) -> None:
            start, stop, blocks = chunk
            inputs = self._line_inputs(plan, start, stop, blocks)
            z = inputs.z
            part = slice(start, stop)
            if awards is None:  # an amount form
                for i in range(n_years):
                    mean = plan.amount_mean[i]
                    if mean > 0 and i not in kept:
                        sigma = plan.amount_sigma[i]
                        committed[i, part] = mean * np.exp(sigma * z[i] - sigma * sigma / 2)
                return
            same_money: set[int] = set()
            if renewal_state is not None:
                assert first_awards is not None  # derived years: the first line's awards
                reused = draw_renewals(
                    self.random,
                    plan,
                    blocks,
                    part,
                    first_awards,
                    awards,
                    earlier_renewals,
                    renewal_state,
                )
                if earlier_renewals is not None:
                    # years drawn as before, with the same award-size tables as before
                    same_money = {i for i in reused if earlier_renewals.sums[i] is plan.sums[i]}
            # Years that share tables are drawn in one call (fewer, larger operations).
            for years_, count_table_, sum_table in groups:
                if count_table_ is not None:
                    awards[years_, part] = count_table_.sample(z[years_], inputs.z_cells(years_))
                if sum_table is None:  # paid per award from an indicator: money later
                    assert uniforms is not None  # only deferred lines have no sum table
                    # the normals of the money's quantile (``award_rules``)
                    u = np.clip(inputs.u[years_], 1e-12, 1 - 1e-12)
                    uniforms[years_, part] = special.ndtri(u)
                    continue
                if same_money:
                    assert earlier is not None
                    for i in year_indices(years_):
                        if i in same_money:
                            committed[i, part] = earlier.committed[i, part]
                    years_ = [i for i in year_indices(years_) if i not in same_money]
                    if not years_:
                        continue
                n = awards[years_, part]
                money = sum_table.sample(n, inputs.u[years_], inputs.u_cells(years_))
                money *= scale
                committed[years_, part] = money

        # chunks are independent (their own blocks, their own slices): an update draws two at
        # once (numpy works without the interpreter lock); a run draws lines in parallel
        for _ in in_parallel(draw_chunk, list(self._chunks()), self.chunk_threads):
            pass
        if plan.deferred:
            assert awards is not None and uniforms is not None  # a count form, deferred
            if not finish:
                return LineDraws(
                    awards=awards,
                    committed=committed,
                    paid=committed,
                    after_horizon=np.zeros(self.draws),
                    share_sum=uniforms,
                    plan=plan,
                )
            return self._finish_deferred(plan, awards, uniforms)
        paid, after = disburse(committed, plan.disbursement)
        return LineDraws(
            awards=awards,
            committed=committed,
            paid=self._observed(plan.id, paid, committed),
            after_horizon=after,
            share_sum=None,
            renewals=renewal_state,
        )

    def _observed(self, line_id: str, paid: np.ndarray, committed: np.ndarray) -> np.ndarray:
        """Observed outlays replace simulated ones for their years, in every draw."""
        observed = self.overrides.get(line_id)
        if not observed:
            return paid
        if paid is committed:
            paid = paid.copy()
        for year_index, value in observed.items():
            paid[year_index] = value
        return paid

    def _absorb(
        self,
        plan: LinePlan,
        draws: LineDraws,
        aggregator: StreamingAggregator,
        keep_awards: bool,
        effects: bool = True,
        summary: dict[str, Any] | None = None,
    ) -> None:
        if effects:
            self._add_effects(plan.id, draws)
        aggregator.add(plan, draws, summary)
        if plan.id not in self.returns:
            self._note_returns(plan, draws)
        if self.keep_draws or keep_awards or plan.deferred:
            self.lines[plan.id] = draws
        else:
            self.lines.pop(plan.id, None)


def run_side_by_side(
    engines: list[Engine],
    started: float | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    between: Callable[[list[PartSink]], None] | None = None,
    more: Callable[[], bool] | None = None,
) -> list[Results]:
    """Run engines with the same draws in parts, part by part (see ``chunked``): each keeps
    summaries only. ``between(sinks)`` sees every engine's total outlay of each part (in
    ``sink.total``), e.g. for differences draw by draw; ``more`` as in ``run_in_parts``."""
    started = time.perf_counter() if started is None else started
    for engine in engines:
        catalogue = engine.scenario.catalogue
        engine.plans = {line.id: plan_line(engine.scenario, line) for line in catalogue.lines}
        engine.lines.clear()
        engine.indicator_paths = {}
    sinks = [PartSink(engine, 1.0 / len(engines)) for engine in engines]
    results = run_in_parts(
        engines,
        sinks,
        lambda index, first_block, draws: engines[index]._part(first_block, draws, sinks[index]),
        started,
        progress,
        cancelled,
        None if between is None else lambda: between(sinks),
        more,
    )
    for engine, result in zip(engines, results):
        engine.results = result
    return results
