"""The goal seek's tables: each free line's effect at each multiplier level, measured with
the engine on common random numbers, and a combination of levels evaluated from them
(``Tables.evaluate``, and ``State`` for fast trial moves)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

import numpy as np

from ..model import Results, above
from .bounds import LineBounds
from .edits import scale_uptake
from .outcomes import ALL_TARGETS
from .probe import Probe
from .progress import Steps

#: Goal seek: refuse precomputed tables larger than this (bytes); fewer draws or levels help.
MAX_TABLE_BYTES = 3 * 2**30


class Scratch(TypedDict):
    """What ``State.trial`` computed, for ``State.commit``."""

    finals: dict[str, np.ndarray]
    reached: dict[str, np.ndarray]
    count: np.ndarray
    paid: np.ndarray | None


#: (probability, cost, violation, scratch) of a trial move.
Trial = tuple[float, float, float, Scratch]


class Tables:
    """Each free line's effect at each multiplier level, measured with the engine (one line
    changed, all else at the base, same draws): the change of the expected total outlay, of
    each indicator's 2028 value per draw and (with an appropriation) of the yearly total
    outlay per draw. Indicators are linear in what each line adds (the engine's model), so
    the effects of several lines add up; outlays add up too but for lines paid from an
    indicator's value (service points), which is why every reported point is checked."""

    def __init__(
        self,
        probe: Probe,
        lines: list[LineBounds],
        levels: int,
        target: str,
        tolerance: float | None,
        steps: Steps,
    ):
        results = probe.results
        catalogue = results.catalogue
        scenario = probe.scenario
        self.lines = lines
        self.multipliers = [b.levels(levels) for b in lines]
        self.indicators = list(catalogue.indicator_ids)
        self.targets = np.array([catalogue.indicator(i).target_2028 for i in self.indicators])
        self.objective = self.indicators if target == ALL_TARGETS else [target]
        self.base_final = {i: results.indicator_paths[i][-1].copy() for i in self.indicators}
        self.base_cost = probe.base.outlay_wan
        appropriation = scenario.appropriation
        self.tolerance = tolerance if appropriation is not None else None
        self.appropriation = (
            np.array([appropriation[str(y)] for y in results.years])[:, None]
            if appropriation is not None
            else None
        )
        self.base_paid = results.outlay_draws("total").copy() if appropriation is not None else None
        draws = probe.draws
        per_level = draws * 8 * 2 + (len(results.years) * draws * 4 if appropriation else 0)
        size = per_level * sum(len(m) for m in self.multipliers)
        if size > MAX_TABLE_BYTES:
            raise ValueError(
                f"the goal seek would need about {size / 2**30:.1f} GiB; use fewer "
                "draws, fewer levels or fewer free lines"
            )
        self.cost: list[np.ndarray] = []
        self.final: list[dict[str, np.ndarray]] = []  # per line: indicator -> (levels, draws)
        self.paid: list[np.ndarray | None] = []
        total_levels = sum(len(m) for m in self.multipliers)
        done = 0
        try:
            for bounds, multipliers in zip(lines, self.multipliers):
                costs = np.zeros(len(multipliers))
                finals: dict[str, list[np.ndarray]] = {}
                paid = (
                    np.zeros((len(multipliers),) + self.base_paid.shape, dtype=np.float32)
                    if self.base_paid is not None
                    else None
                )
                for k, multiplier in enumerate(multipliers):
                    variant = scale_uptake(scenario, {bounds.line: multiplier})
                    r = probe.apply(variant, [bounds.line])
                    costs[k] = outcome_outlay(r) - self.base_cost
                    for indicator in self.indicators:
                        delta = r.indicator_paths[indicator][-1] - self.base_final[indicator]
                        scale = max(1.0, float(np.abs(self.base_final[indicator]).max()))
                        if np.abs(delta).max() > 1e-9 * scale or indicator in finals:
                            finals.setdefault(indicator, [np.zeros(draws)] * k).append(delta)
                    if paid is not None:
                        paid[k] = r.outlay_draws("total") - self.base_paid
                    done += 1
                    steps(done / total_levels)
                probe.restore()
                self.cost.append(costs)
                self.final.append({i: np.vstack(v) for i, v in finals.items()})
                self.paid.append(paid)
        finally:
            probe.restore()

    # ---------------------------------------------------------------- evaluation
    def evaluate(self, index: Sequence[int]) -> tuple[float, float, float, dict[str, float]]:
        """(objective probability, expected cost, envelope violation, per-target
        probability) of one combination of levels, from the tables."""
        finals = {i: self.base_final[i].copy() for i in self.indicators}
        cost = self.base_cost
        paid = self.base_paid.copy() if self.base_paid is not None else None
        for n, k in enumerate(index):
            cost += self.cost[n][k]
            for indicator, table in self.final[n].items():
                finals[indicator] += table[k]
            if paid is not None:
                paid += self._paid(n)[k]
        reached = {i: finals[i] > t for i, t in zip(self.indicators, self.targets)}
        together = np.logical_and.reduce([reached[i] for i in self.objective])
        per_target = {i: float(r.mean()) for i, r in reached.items()}
        return float(together.mean()), float(cost), self._violation(paid), per_target

    def _paid(self, n: int) -> np.ndarray:
        """Line n's table of yearly outlay changes (there is one when ``base_paid`` is set)."""
        table = self.paid[n]
        assert table is not None
        return table

    def _violation(self, paid: np.ndarray | None) -> float:
        if paid is None or self.tolerance is None or self.appropriation is None:
            return 0.0
        exceed = np.mean(above(paid, self.appropriation), axis=1)
        return float(np.sum(np.maximum(0.0, exceed - self.tolerance)))


def outcome_outlay(results: Results) -> float:
    return float(results.outlay_draws("total").sum(axis=0).mean())


class State:
    """A combination of levels with its running sums, for fast trial moves."""

    def __init__(self, tables: Tables, index: Sequence[int], use_envelope: bool = True):
        self.t = tables
        self.use_envelope = (
            use_envelope and tables.base_paid is not None and tables.tolerance is not None
        )
        self.index = list(index)
        self.finals = {i: tables.base_final[i].copy() for i in tables.objective}
        self.cost = tables.base_cost
        self.paid = (
            tables.base_paid.copy() if self.use_envelope and tables.base_paid is not None else None
        )
        for n, k in enumerate(self.index):
            self.cost += tables.cost[n][k]
            for indicator, table in tables.final[n].items():
                if indicator in self.finals:
                    self.finals[indicator] += table[k]
            if self.paid is not None:
                self.paid += tables._paid(n)[k]
        self.targets = dict(zip(tables.indicators, tables.targets))
        self.reached = {i: self.finals[i] > self.targets[i] for i in self.finals}
        self.count = np.sum([r.astype(np.int16) for r in self.reached.values()], axis=0)
        self.need = len(self.finals)
        self.probability = float(np.mean(self.count == self.need))
        self.violation = self.t._violation(self.paid) if self.use_envelope else 0.0

    def trial(self, moves: Mapping[int, int]) -> Trial:
        """(probability, cost, violation, scratch) after moving lines to new levels."""
        t = self.t
        cost = self.cost
        touched: dict[str, np.ndarray] = {}
        paid = None
        for n, k in moves.items():
            old = self.index[n]
            if k == old:
                continue
            cost += t.cost[n][k] - t.cost[n][old]
            for indicator, table in t.final[n].items():
                if indicator in self.finals:
                    base = touched.get(indicator, self.finals[indicator])
                    touched[indicator] = base + (table[k] - table[old])
            if self.paid is not None:
                paid = (self.paid if paid is None else paid) + (t._paid(n)[k] - t._paid(n)[old])
        if touched:
            count = self.count.copy()
            new_reached: dict[str, np.ndarray] = {}
            for indicator, values in touched.items():
                reached = values > self.targets[indicator]
                new_reached[indicator] = reached
                count += reached.astype(np.int16) - self.reached[indicator].astype(np.int16)
            probability = float(np.mean(count == self.need))
        else:
            count, new_reached, probability = self.count, {}, self.probability
        violation = t._violation(paid) if paid is not None else self.violation
        return (
            probability,
            cost,
            violation,
            {"finals": touched, "reached": new_reached, "count": count, "paid": paid},
        )

    def commit(self, moves: Mapping[int, int], trial: Trial) -> None:
        probability, cost, violation, scratch = trial
        for n, k in moves.items():
            self.index[n] = k
        self.finals.update(scratch["finals"])
        self.reached.update(scratch["reached"])
        self.count = scratch["count"]
        if scratch["paid"] is not None:
            self.paid = scratch["paid"]
        self.probability, self.cost, self.violation = probability, cost, violation
