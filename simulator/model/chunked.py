"""Runs too large to hold in memory: drawn in parts, their summaries streamed.

The engine draws a large run as consecutive parts (``PART_DRAWS`` draws each, an engine of
their own that starts at its own block of random numbers), so every draw has exactly the
numbers it has in a run drawn at once. Each part sends every complete series (lines and
their sums, and the indicators' paths) to a ``PartSink``, which keeps only:

* sums, for the means (of outlays, of money paid after 2028, of awards), and counts, for
  the probabilities (targets, all targets, outlay above the appropriation): exact;
* per row, what ``streamed`` needs to find each percentile exactly: the parts are drawn
  again (usually once) to gather the few values around each percentile.

Memory is that of one part plus the rows' histograms (≤ ``streamed.HISTOGRAM_BUDGET``) and the
values gathered (≤ ``streamed.GATHER_BUDGET`` × 8 bytes), whatever the number of draws.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from .aggregator import EXCEEDANCE, Key, StreamingAggregator, above, series_keys
from .investments import budget_keys
from .plan import LinePlan
from .randomness import BLOCK, RandomSource
from .results import Results
from .scenario import Scenario
from .streamed import StreamedRow, StreamedRows, summary


class _Whole(Protocol):
    """The engine of the whole run, as the parts need it."""

    scenario: Scenario
    years: tuple[int, ...]
    draws: int
    seed: int
    sampler: str
    part_draws: int
    plans: dict[str, LinePlan]
    indicator_paths: dict[str, np.ndarray]
    random: RandomSource
    first_block: int


class _Part(Protocol):
    indicator_paths: dict[str, np.ndarray]

    def run(
        self,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Results: ...


class PartSink:
    """What a run drawn in parts keeps of each series: sums, counts, percentile rows."""

    def __init__(self, engine: _Whole, share: float = 1.0):
        """``share``: of the histogram and gathering budgets (runs drawn side by side)."""
        scenario = engine.scenario
        self.catalogue = scenario.catalogue
        self.years = engine.years
        self.appropriation = scenario.appropriation
        keys: list[Key] = []
        for plan in engine.plans.values():
            keys += [key for key in series_keys(plan, self.catalogue) if key not in keys]
        keys += budget_keys(scenario, engine.years)
        indicators = list(self.catalogue.indicator_ids)
        width = len(self.years) + 1  # the years and their sum; 2023 and the years
        self.rows = StreamedRows(width * (len(keys) + len(indicators)), share)
        #: the total outlay of the latest part (years × its draws)
        self.total: np.ndarray | None = None
        self.outlays: dict[Key, list[StreamedRow]] = {
            key: [self.rows.row() for _ in range(width)] for key in keys
        }
        self.after: dict[Key, float] = dict.fromkeys(keys, 0.0)
        self.paths: dict[str, list[StreamedRow]] = {
            i: [self.rows.row() for _ in range(width)] for i in indicators
        }
        self.award_sums: dict[str, np.ndarray] = {}
        self.sum_of: dict[str, np.ndarray] = {}  # sums over draws of the budget figures
        self.exceeding = np.zeros(len(self.years), dtype=np.int64)
        self.reached: dict[str, int] = dict.fromkeys(indicators, 0)
        self.all_reached = 0
        self.target_tallies: dict[str, Any] = {}

    # ------------------------------------------------------------------ from the parts
    def series(self, key: Key, paid: np.ndarray, after: np.ndarray) -> None:
        """A series of one part complete (called from the engine's threads: one key at a
        time, and each key's rows are its own)."""
        rows = self.outlays[key]
        first = self.rows.first
        if key == ("total", "total"):
            self.total = paid
        if first:
            self.after[key] += float(after.sum())
            if key == ("total", "total") and self.appropriation is not None:
                for i, year in enumerate(self.years):
                    self.exceeding[i] += np.count_nonzero(
                        above(paid[i], self.appropriation[str(year)])
                    )
        for i in range(len(self.years)):
            if first or rows[i].pending:
                self.rows.add(rows[i], paid[i])
        if first or rows[-1].pending:
            self.rows.add(rows[-1], paid.sum(axis=0))

    def awards(self, line_id: str, awards: np.ndarray) -> None:
        if self.rows.first:
            sums = awards.sum(axis=1, dtype=np.int64 if awards.dtype.kind in "iu" else None)
            if line_id in self.award_sums:
                self.award_sums[line_id] += sums
            else:
                self.award_sums[line_id] = sums

    def count_targets(self, tallies: dict[str, Any]) -> None:
        """A part's count-target tallies (``targets``), added up over the parts."""
        if not self.rows.first:
            return
        for target, tally in tallies.items():
            total = self.target_tallies.setdefault(
                target, {"sum": 0.0, "reached_by_year": 0, "reached": 0}
            )
            for key in ("sum", "reached_by_year", "reached"):
                total[key] = total[key] + tally[key]

    def sums(self, name: str, values: np.ndarray) -> None:
        if self.rows.first:
            if name in self.sum_of:
                self.sum_of[name] = self.sum_of[name] + values
            else:
                self.sum_of[name] = values.copy()

    def indicators(self, paths: dict[str, np.ndarray]) -> None:
        first = self.rows.first
        reached: np.ndarray | None = None
        for indicator, rows in self.paths.items():
            path = paths[indicator]
            for row, values in zip(rows, path):
                if first or row.pending:
                    self.rows.add(row, values)
            if first:
                above = path[-1] > self.catalogue.indicator(indicator).target_2028
                self.reached[indicator] += int(np.count_nonzero(above))
                reached = above if reached is None else reached & above
        if first and reached is not None:
            self.all_reached += int(np.count_nonzero(reached))

    # ------------------------------------------------------------------ the run
    def finish_pass(self) -> bool:
        return self.rows.finish_pass()

    def results(self, engine: _Whole, elapsed: float) -> Results:
        draws = engine.draws
        summaries = {
            key: {"rows": summary(rows), "after_mean": self.after[key] / draws}
            for key, rows in self.outlays.items()
        }
        if self.appropriation is not None:
            summaries[EXCEEDANCE] = {
                str(year): float(self.exceeding[i] / draws) for i, year in enumerate(self.years)
            }
        return Results(
            scenario=engine.scenario,
            years=engine.years,
            draws=draws,
            seed=engine.seed,
            sampler=engine.sampler,
            elapsed=elapsed,
            arrays={},
            after={},
            summaries=summaries,
            awards_mean={line: sums / draws for line, sums in self.award_sums.items()},
            indicator_paths={},
            aggregator=StreamingAggregator(engine, keep=False),
            indicator_summaries={i: summary(rows) for i, rows in self.paths.items()},
            target_probabilities={i: n / draws for i, n in self.reached.items()},
            all_targets_probability=self.all_reached / draws,
            count_target_tallies=self.target_tallies,
            sums=self.sum_of,
        )


def run_in_parts(
    engines: Sequence[_Whole],
    sinks: Sequence[PartSink],
    part: Callable[[int, int, int], _Part],
    started: float,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    between: Callable[[], None] | None = None,
    more: Callable[[], bool] | None = None,
) -> list[Results]:
    """Run engines of the same draws part by part, each part made by ``part(engine index,
    first block, draws)`` and sending its series to the engine's sink, as many passes as
    the percentiles need (two, nearly always; progress assumes two). ``between`` is called
    once every engine has drawn a part (their sinks hold its totals); ``more`` after each
    pass, for other rows fed there: whether they need another pass."""
    draws, part_draws = engines[0].draws, engines[0].part_draws
    per_part = part_draws // BLOCK
    n_blocks = (draws + BLOCK - 1) // BLOCK
    parts = [
        (first, min(draws, (first + per_part) * BLOCK) - first * BLOCK)
        for first in range(0, n_blocks, per_part)
    ]
    expected = 2 * len(parts) * len(engines)
    done = 0
    while True:
        for first_block, width in parts:
            for index, sink in enumerate(sinks):

                def report(fraction: float, done: int = done) -> None:
                    if progress is not None:
                        progress(min(0.99, (done + fraction) / expected))

                drawn = part(index, first_block, width)
                drawn.run(progress=report, cancelled=cancelled)
                sink.indicators(drawn.indicator_paths)
                del drawn  # before the next part draws
                done += 1
            if between is not None:
                between()
        again = [sink.finish_pass() for sink in sinks]
        if more is not None:
            again.append(more())
        if not any(again):
            break
    elapsed = time.perf_counter() - started
    results = [sink.results(engine, elapsed) for engine, sink in zip(engines, sinks)]
    if progress is not None:
        progress(1.0)
    return results
