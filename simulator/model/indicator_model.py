"""The headline indicators of a run: their own start, trend and noise per draw, and the
effects of the lines' awards or money on them (a part of ``Engine``).

I(y) = I(y−1)·(1 + g + σ·ε_y) + Σ β·X(y), where g is the draw's trend, ε yearly noise, and each
effect adds β per award (X = awards) or per 万元 paid (X = outlay). An observed value (an
actual) replaces the projection of its year in every draw, and the projection starts again
from it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np

from .plan import EffectPlan, LineDraws, LinePlan
from .randomness import RandomSource, stream_key
from .results import Results, StreamingAggregator
from .scenario import Scenario


class IndicatorModel:
    """The indicator side of the engine (mixed into ``Engine``)."""

    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    years: tuple[int, ...]
    random: RandomSource
    first_block: int
    keep_draws: bool
    lines: dict[str, LineDraws]
    plans: dict[str, LinePlan]
    effects: list[EffectPlan]
    results: Results | None
    indicator_paths: dict[str, np.ndarray]
    run: Callable[[], Results]
    _replace_line: Callable[[LinePlan, StreamingAggregator], None]

    def update_indicators(self, scenario: Scenario, indicators: Iterable[str]) -> Results:
        """Recompute after the assumptions of some headline indicators changed (start, trend,
        noise, effects) and nothing else, with the same random numbers."""
        if self.results is None or not self.keep_draws:
            self.scenario = scenario
            return self.run()
        started = time.perf_counter()
        indicators = set(indicators)
        self.scenario = scenario
        self.effects = self._plan_effects()  # coefficients redrawn from the same streams
        self._coefficients.clear()
        for indicator in indicators:
            self.indicator_start.pop(indicator, None)
            self.indicator_growth.pop(indicator, None)
            self.indicator_added[indicator] = np.zeros((len(self.years), self.draws))
        for effect in self.effects:
            if effect.indicator in indicators:
                self.indicator_added[effect.indicator] += self._effect_input(
                    effect, self.lines[effect.line]
                ) * self._coefficient(effect)
        self._reevolve_indicators(indicators)
        for plan in self.plans.values():
            if plan.deferred and plan.line.driver_indicator in indicators:
                self._replace_line(plan, self.results.aggregator)
        results = Results.from_engine(
            self, self.results.aggregator, time.perf_counter() - started, previous=self.results
        )
        self.results = results
        return results

    def _plan_effects(self) -> list[EffectPlan]:
        effects = []
        for indicator in self.scenario.catalogue.indicator_ids:
            a = self.scenario.indicator_assumptions(indicator)
            for j, e in enumerate(a["effects"]):
                effects.append(
                    EffectPlan(
                        indicator,
                        e["line"],
                        e["per"],
                        e["mean"],
                        e["sd"],
                        stream_key("effect", indicator, e["line"], j),
                    )
                )
        return effects

    def _indicator_setup(self) -> None:
        """Prepare the effect accumulators. The indicators' own random numbers are drawn when
        they evolve (and kept only when draws are kept, for quick updates)."""
        n_years = len(self.years)
        self.observed_indicators: dict[str, dict[int, float]] = {}
        for actual in self.scenario.actuals:
            if actual["kind"] == "indicator":
                self.observed_indicators.setdefault(actual["id"], {})[actual["year"]] = actual[
                    "value"
                ]
        self.indicator_growth: dict[str, np.ndarray] = {}
        self.indicator_start: dict[str, np.ndarray] = {}
        self.indicator_added = {
            indicator: np.zeros((n_years, self.draws))
            for indicator in self.scenario.catalogue.indicator_ids
        }
        self.indicator_paths = {}
        self._coefficients: dict[int, np.ndarray] = {}

    def _indicator_own(self, indicator: str) -> tuple[np.ndarray, np.ndarray]:
        """(start value per draw, growth factor per year and draw) of an indicator."""
        if indicator in self.indicator_growth:
            return self.indicator_start[indicator], self.indicator_growth[indicator]
        a = self.scenario.indicator_assumptions(indicator)
        z = self.random.normals_for(
            stream_key("indicator", indicator), 2 + len(self.years), self.draws, self.first_block
        )
        start = a["start_2023"]["mean"] + a["start_2023"]["sd"] * z[0]
        growth = z[2:]
        growth *= a["noise_sd"]
        growth += (1.0 + a["trend"]["mean"]) + a["trend"]["sd"] * z[1]
        if self.keep_draws:
            self.indicator_start[indicator], self.indicator_growth[indicator] = start, growth
        return start, growth

    def _coefficient(self, effect: EffectPlan) -> np.ndarray:
        """The effect's coefficient per draw (kept when draws are kept)."""
        cached = self._coefficients.get(id(effect))
        if cached is not None:
            return cached
        values: np.ndarray = self.random.normals_for(effect.key, 1, self.draws, self.first_block)[0]
        values *= effect.sd
        values += effect.mean
        if self.keep_draws:
            self._coefficients[id(effect)] = values
        return values

    def _effect_input(self, effect: EffectPlan, draws: LineDraws) -> np.ndarray:
        if effect.per == "award":
            assert draws.awards is not None  # validation: effects per award need a count form
            return draws.awards
        return draws.paid

    def _add_effects(self, line_id: str, draws: LineDraws, sign: float = 1.0) -> None:
        for e in self.effects:
            if e.line == line_id:
                contribution = self._effect_input(e, draws) * self._coefficient(e)
                if sign > 0:
                    self.indicator_added[e.indicator] += contribution
                else:
                    self.indicator_added[e.indicator] -= contribution

    def _evolve_indicators(self) -> None:
        self._reevolve_indicators(set(self.scenario.catalogue.indicator_ids))

    def _reevolve_indicators(self, indicators: set[str]) -> set[str]:
        for indicator in indicators:
            start, growth = self._indicator_own(indicator)
            added = self.indicator_added[indicator]
            observed = self.observed_indicators.get(indicator, {})
            path = np.empty((len(self.years) + 1, self.draws))
            path[0] = observed.get(2023, start)
            for i, year in enumerate(self.years):
                if year in observed:
                    # a projection starts again from each observed year, in every draw
                    path[i + 1] = observed[year]
                    continue
                np.multiply(path[i], growth[i], out=path[i + 1])
                path[i + 1] += added[i]
            self.indicator_paths[indicator] = path
        return indicators
