"""Sums of a run's lines as they are drawn: measure, section, department and total series,
kept per draw (for live updates and lazy summaries) or summarised as soon as complete, or
sent to a sink (a part of a run drawn in parts; see ``results`` and ``chunked``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np

from .budget_results import NET
from .catalogue import Catalogue
from .plan import LineDraws, LinePlan
from .randomness import RandomSource
from .scenario import Scenario
from .stats import summarise

Key = tuple[str, str]


class SeriesSink(Protocol):
    """Where a run drawn in parts sends each complete series (see ``chunked``)."""

    def series(self, key: Key, paid: np.ndarray, after: np.ndarray) -> None: ...

    def awards(self, line_id: str, awards: np.ndarray) -> None: ...

    def count_targets(self, tallies: dict[str, Any]) -> None: ...
    def sums(self, name: str, values: np.ndarray) -> None: ...


#: The summary a line has when its draws went to a sink instead (see StreamingAggregator.add).
SUNK: dict[str, Any] = {}


class Run(Protocol):
    """What results read from a run (the engine, after drawing every line)."""

    scenario: Scenario
    years: tuple[int, ...]
    draws: int
    seed: int
    sampler: str
    plans: dict[str, LinePlan]
    indicator_paths: dict[str, np.ndarray]
    random: RandomSource
    first_block: int


def series_keys(plan: LinePlan, catalogue: Catalogue) -> list[Key]:
    """The series a line's outlay adds into (its departments by their shares, see
    ``series_weight``)."""
    measure = catalogue.measure(plan.line.measure)
    departments = plan.departments or {plan.department: 1.0}
    return [
        ("line", plan.id),
        ("measure", str(measure.number)),
        ("section", measure.section),
        *(("department", d) for d in departments),
        ("total", "total"),
    ]


def series_weight(plan: LinePlan, key: Key) -> float:
    """The share of a line's outlay a series takes: a department's share, else all of it."""
    if key[0] == "department" and plan.departments:
        return plan.departments.get(key[1], 0.0)
    return 1.0


EXCEEDANCE = ("exceedance", "total")
TARGETS = ("count_targets", "all")


#: An outlay counts as above the appropriation when it is above it by more than rounding (a
#: rationed year's payments add up to the appropriation, give or take a few units in the
#: last place).
ROUNDING = 1e-9


def above(outlay: np.ndarray, limit: float | np.ndarray) -> np.ndarray:
    """Where ``outlay`` is above ``limit`` by more than rounding."""
    return np.asarray(outlay > limit * (1.0 + ROUNDING) + ROUNDING)


def exceedance(
    total: np.ndarray, appropriation: dict[str, float], years: Iterable[int]
) -> dict[str, float]:
    """Share of draws whose yearly total outlay is above the year's appropriation."""
    return {
        str(year): float(np.mean(above(total[i], appropriation[str(year)])))
        for i, year in enumerate(years)
    }


def summarise_outlay(paid: np.ndarray, after: np.ndarray) -> dict[str, Any]:
    """Summary of a (years, draws) outlay array: one row per year and one for the span."""
    rows = np.vstack([paid, paid.sum(axis=0)])
    stats = summarise(rows)
    return {"rows": stats, "after_mean": float(after.mean())}


class StreamingAggregator:
    """Adds lines into measure, section, department and total series as they are drawn.

    keep=True: every series stays as per-draw arrays (for live updates and lazy summaries).
    keep=False: a series is summarised, and its draws freed, as soon as its last line is in;
    with a ``sink`` (a part of a run drawn in parts) it goes to the sink instead.
    """

    def __init__(self, engine: Run, keep: bool, sink: SeriesSink | None = None):
        self.keep = keep
        self.sink = sink
        self.catalogue = engine.scenario.catalogue
        self.appropriation = engine.scenario.appropriation
        self.years = engine.years
        self.changed: set[Key] = set()  # series changed by replace() since the last Results
        self._delta: np.ndarray | None = None
        self.arrays: dict[Key, np.ndarray] = {}
        self.after: dict[Key, np.ndarray] = {}
        self.summaries: dict[Key, dict[str, Any]] = {}
        self.awards_mean: dict[str, np.ndarray] = {}
        #: sums over the draws of figures given as means (rationing, investments: see
        #: ``budget_results``), by name
        self.sums: dict[str, np.ndarray] = {}
        #: the total's draws once complete (paid, after), for the net cost of investments
        self.total_draws: tuple[np.ndarray, np.ndarray] | None = None
        #: series made from others when asked: the net cost (total − returns)
        self.lazy: set[Key] = set()
        self.remaining: Counter[Key] = Counter()
        #: awards of the lines count targets follow (``targets``), per draw
        self.target_lines = {line for t in self.catalogue.count_targets for line in t.lines}
        self.target_awards: dict[str, np.ndarray] = {}
        #: lines of count targets replaced since the last Results; the targets' units added
        #: without an award, drawn once (keep mode)
        self.target_changed: set[str] = set()
        self.target_others: dict[tuple[str, float, float], np.ndarray] = {}
        #: a measure's series adds into its section's, a section's into the total, when
        #: complete (fewer sums of whole arrays than adding every line into each)
        self.parent: dict[Key, Key] = {}
        for plan in engine.plans.values():
            line, measure, section, *departments, total = series_keys(plan, self.catalogue)
            for key in (line, measure, *departments):
                self.remaining[key] += 1
            for child, parent in ((measure, section), (section, total)):
                if child not in self.parent:
                    self.parent[child] = parent
                    self.remaining[parent] += 1

    def add(self, plan: LinePlan, draws: LineDraws, summary: dict[str, Any] | None = None) -> None:
        """Add a line's draws; ``summary``: the line's own, if already made (SUNK: already
        sent to the sink)."""
        sunk = summary is SUNK
        if summary is not None and not sunk:
            self.summaries[("line", plan.id)] = summary
        if draws.awards is not None:
            if self.sink is not None:
                self.sink.awards(plan.id, draws.awards)
            else:
                self.awards_mean[plan.id] = draws.awards.mean(axis=1)
            if plan.id in self.target_lines:
                self.target_awards[plan.id] = draws.awards
        for key in series_keys(plan, self.catalogue):
            if key[0] not in ("section", "total"):  # those come from the measure's series
                self._take(key, draws.paid, draws.after_horizon, series_weight(plan, key), sunk)

    def _take(
        self, key: Key, paid: np.ndarray, after: np.ndarray, weight: float, sunk: bool
    ) -> None:
        """Add a line's (or a complete measure's or section's) draws into series ``key``;
        once the series is complete, into its parent's, then summarised or sent on unless
        its draws are kept."""
        if key[0] == "line":
            self.arrays[key] = paid
            self.after[key] = after
        elif weight != 1.0:
            if key not in self.arrays:
                self.arrays[key] = paid * weight
                self.after[key] = after * weight
            else:
                self.arrays[key] += paid * weight
                self.after[key] += after * weight
        elif key not in self.arrays:
            self.arrays[key] = paid.copy()
            self.after[key] = after.copy()
        else:
            self.arrays[key] += paid
            self.after[key] += after
        self.remaining[key] -= 1
        if self.remaining[key]:
            return
        parent = self.parent.get(key)
        if parent is not None:
            self._take(parent, self.arrays[key], self.after[key], 1.0, sunk)
        if self.keep:
            return
        paid, after = self.arrays.pop(key), self.after.pop(key)
        if key == ("total", "total"):
            self.total_draws = (paid, after)
        if self.sink is not None:
            if not (sunk and key[0] == "line"):
                self.sink.series(key, paid, after)
            return
        if key not in self.summaries:
            self.summaries[key] = summarise_outlay(paid, after)
        if key == ("total", "total") and self.appropriation is not None:
            self.summaries[EXCEEDANCE] = exceedance(paid, self.appropriation, self.years)

    def add_series(self, key: Key, paid: np.ndarray, after: np.ndarray) -> None:
        """A whole series made apart from the lines (returns, net cost, backlog)."""
        self.changed.add(key)
        self.summaries.pop(key, None)
        if self.keep:
            self.arrays[key], self.after[key] = paid, after
        elif self.sink is not None:
            self.sink.series(key, paid, after)
        else:
            self.summaries[key] = summarise_outlay(paid, after)

    def add_summary(self, key: Key, summary: dict[str, Any] | None) -> None:
        """A series known by its summary only (None: to be made when asked, e.g. the net
        cost from the total and the returns); marks it changed."""
        self.changed.add(key)
        self.summaries.pop(key, None)
        if summary is not None:
            self.summaries[key] = summary
        else:
            self.lazy.add(key)

    def add_sums(self, name: str, values: np.ndarray) -> None:
        """Sums over the draws of a figure reported as a mean (or, of 0/1, a probability)."""
        if self.sink is not None:
            self.sink.sums(name, values)
        else:
            self.sums[name] = values

    def replace(self, plan: LinePlan, old: LineDraws, new: LineDraws, since: int = 0) -> None:
        """Swap one line's draws (keep mode): the sums it belongs to are updated in place by
        the difference in the years that moved (no new arrays: a slider move allocates
        nothing large), and the series touched are recorded in ``changed``. ``since``: the
        first year (index) that can have moved (the awards and payments of earlier years
        are known to be those replaced, so they are not compared)."""
        if new.awards is not None:
            if new.awards is not old.awards:
                means = self.awards_mean.get(plan.id)
                if since and means is not None and means.shape[0] == new.awards.shape[0]:
                    means = means.copy()  # (a row's mean is the same taken alone)
                    means[since:] = new.awards[since:].mean(axis=1)
                else:
                    means = new.awards.mean(axis=1)
                self.awards_mean[plan.id] = means
            if plan.id in self.target_lines:
                self.target_awards[plan.id] = new.awards
                self.target_changed.add(plan.id)
                self.changed.add(TARGETS)
        if self._delta is None or self._delta.shape != new.paid.shape:
            self._delta = np.empty_like(new.paid)
        delta = self._delta
        rows = []
        if new.paid is not old.paid:  # the years that moved, and by how much
            for row in range(since, new.paid.shape[0]):
                np.subtract(new.paid[row], old.paid[row], out=delta[row])
                if delta[row].any():
                    rows.append(row)
        same_after = new.after_horizon is old.after_horizon or np.array_equal(
            new.after_horizon, old.after_horizon
        )
        delta_after = None if same_after else new.after_horizon - old.after_horizon
        if rows or not same_after:
            self.summaries.pop(EXCEEDANCE, None)
            self.changed.add(EXCEEDANCE)
        for key in series_keys(plan, self.catalogue):
            if key[0] == "line":
                self.arrays[key] = new.paid
                self.after[key] = new.after_horizon
            if not rows and same_after:
                continue
            self.summaries.pop(key, None)
            self.changed.add(key)
            if key[0] == "line":
                continue
            weight = series_weight(plan, key)
            for row in rows:
                if weight != 1.0:
                    self.arrays[key][row] += delta[row] * weight
                else:
                    self.arrays[key][row] += delta[row]
            if delta_after is not None:
                self.after[key] += delta_after * weight if weight != 1.0 else delta_after
        if NET in self.lazy and (rows or not same_after):  # made from the total, which moved
            self.summaries.pop(NET, None)
            self.changed.add(NET)


def moved_rows(old: np.ndarray, new: np.ndarray, since: int = 0) -> list[int]:
    """The rows (years) in which two (years, draws) arrays differ (from row ``since``: the
    earlier ones known to be equal)."""
    if new is old:
        return []
    return [i for i in range(since, new.shape[0]) if not np.array_equal(new[i], old[i])]
