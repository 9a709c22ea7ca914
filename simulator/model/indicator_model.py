"""The headline indicators of a run: their own start, trend and noise per draw, and the
effects of the lines' awards or money on them (a part of ``Engine``).

Log growth with persistent noise: per draw a trend μ ~ N(trend.mean, trend.sd²), yearly
shocks u_y = φ·u_{y−1} + σ·√(1−φ²)·ε_y (stationary, sd σ), and, when the sds are estimates
(``noise.df`` = ν), both sds scaled per draw by √(ν/χ²_ν) (``predictive``: Student-t bands), and

    I(y) = I(y−1)·exp(μ + u_y) + Σ β·max(X(y) − X_pre, 0)

from the start (the last observation, ``start.year`` ≤ 2023). Each effect adds β per award
(X = awards) or per 万元 paid (X = outlay) above the line's pre-plan level X_pre (the trend,
fitted on pre-plan years, already contains pre-plan support); β is lognormal with the
planner's mean and sd. An observed value (an actual) replaces the projection of its year in
every draw, and the projection starts again from it. The business-as-usual paths are the same
draws without the effects (``business_as_usual``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from .aggregator import StreamingAggregator, moved_rows
from .persistence import ar1
from .plan import EffectPlan, LineDraws, LinePlan
from .predictive import normal_sd_scales
from .randomness import RandomSource, stream_key
from .results import Results
from .scenario import Scenario
from .threads import in_parallel
from .years import YEARS

#: The year the plan's indicator paths start from (their first row).
BASE_YEAR = YEARS[0] - 1


def own_draws(
    random: RandomSource, indicator: str, a: dict[str, Any], draws: int, first_block: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(start value per draw, growth factor exp(μ + u_y) per year and draw) of an indicator
    whose assumptions are ``a``; the years run from start.year + 1 to the plan's last."""
    start, trend, noise = a["start"], a["trend"], a["noise"]
    n_years = YEARS[-1] - start["year"]
    z = random.normals_for(stream_key("indicator", indicator), 2 + n_years, draws, first_block)
    values = z[0]
    values *= start["sd"]
    values += start["value"]
    growth = ar1(z[2:], noise["persistence"])
    growth *= noise["sd"]
    deviation = z[1]
    deviation *= trend["sd"]
    df = noise.get("df")
    if df:  # estimated sds: one scale per draw for both (``predictive``)
        z_scale = random.normals_for(stream_key("sd-scale", indicator), 1, draws, first_block)
        scale = normal_sd_scales(z_scale[0], df, (trend["sd"], noise["sd"]))
        growth *= scale
        deviation *= scale
    deviation += trend["mean"]
    growth += deviation
    np.exp(growth, out=growth)
    return values, growth


def evolve(
    start_year: int,
    start: np.ndarray,
    growth: np.ndarray,
    added: np.ndarray | None,
    observed: dict[int, float],
    years: tuple[int, ...] = YEARS,
) -> np.ndarray:
    """Paths (BASE_YEAR and ``years``) × draws from the start; ``added`` (years × draws, or
    None for business as usual) is added after each plan year's growth; observed years
    replace the projection in every draw."""
    draws = growth.shape[1]
    level = start
    for k in range(BASE_YEAR - start_year):  # years before the plan: no effects
        level = level * growth[k]
    offset = BASE_YEAR - start_year
    path = np.empty((len(years) + 1, draws))
    path[0] = observed.get(BASE_YEAR, level)
    for i, year in enumerate(years):
        if year in observed:
            # a projection starts again from each observed year, in every draw
            path[i + 1] = observed[year]
            continue
        np.multiply(path[i], growth[offset + i], out=path[i + 1])
        if added is not None:
            path[i + 1] += added[i]
    return path


def reference_value(a: dict[str, Any]) -> float:
    """The indicator's BASE_YEAR reference: the start, carried to BASE_YEAR by the median
    trend when the last observation is older."""
    start = a["start"]
    return float(start["value"] * math.exp(a["trend"]["mean"] * (BASE_YEAR - start["year"])))


def lognormal_coefficients(z: np.ndarray, mean: float, sd: float) -> np.ndarray:
    """Lognormal values with the given mean and sd from standard normals ``z`` (in place);
    zero when the mean is zero."""
    if mean <= 0.0:
        z[:] = 0.0
        return z
    sigma2 = math.log1p((sd / mean) ** 2)
    z *= math.sqrt(sigma2)
    z += math.log(mean) - sigma2 / 2
    np.exp(z, out=z)
    return z


def _above(x: np.ndarray, level: float) -> np.ndarray:
    """max(x − level, 0) as a new float array (x itself when the level is not positive)."""
    if level <= 0.0:
        return x.astype(np.float64)
    above = x - level
    np.maximum(above, 0.0, out=above)
    return above


def observed_indicators(scenario: Scenario) -> dict[str, dict[int, float]]:
    observed: dict[str, dict[int, float]] = {}
    for actual in scenario.actuals:
        if actual["kind"] == "indicator":
            observed.setdefault(actual["id"], {})[actual["year"]] = actual["value"]
    return observed


def business_as_usual(
    scenario: Scenario,
    indicator: str,
    draws: int | None = None,
    seed: int | None = None,
    sampler: str | None = None,
) -> np.ndarray:
    """Business-as-usual paths of an indicator (BASE_YEAR … last year) × draws: the run's own
    draws of start, trend and noise (the same random numbers), without the lines' effects."""
    random = RandomSource(
        int(seed if seed is not None else scenario.seed), sampler or scenario.sampler
    )
    a = scenario.indicator_assumptions(indicator)
    n = int(draws if draws is not None else scenario.draws)
    start, growth = own_draws(random, indicator, a, n)
    observed = observed_indicators(scenario).get(indicator, {})
    return evolve(a["start"]["year"], start, growth, None, observed)


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
    threads: int
    lines: dict[str, LineDraws]
    plans: dict[str, LinePlan]
    effects: list[EffectPlan]
    results: Results | None
    indicator_paths: dict[str, np.ndarray]
    run: Callable[[], Results]
    _replace_line: Callable[[LinePlan, StreamingAggregator], set[str]]

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
                        e["above"]["value"],
                    )
                )
        return effects

    def _indicator_setup(self) -> None:
        """Prepare the effect accumulators. The indicators' own random numbers are drawn when
        they evolve (and kept only when draws are kept, for quick updates)."""
        n_years = len(self.years)
        self.observed_indicators = observed_indicators(self.scenario)
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
        start, growth = own_draws(self.random, indicator, a, self.draws, self.first_block)
        if self.keep_draws:
            self.indicator_start[indicator], self.indicator_growth[indicator] = start, growth
        return start, growth

    def _coefficient(self, effect: EffectPlan) -> np.ndarray:
        """The effect's coefficient per draw (kept when draws are kept)."""
        cached = self._coefficients.get(id(effect))
        if cached is not None:
            return cached
        z = self.random.normals_for(effect.key, 1, self.draws, self.first_block)[0]
        values = lognormal_coefficients(z, effect.mean, effect.sd)
        if self.keep_draws:
            self._coefficients[id(effect)] = values
        return values

    def _effect_input(self, effect: EffectPlan, draws: LineDraws) -> np.ndarray:
        """The awards (or 万元 paid) of each year above the line's pre-plan level."""
        if effect.per == "award":
            assert draws.awards is not None  # validation: effects per award need a count form
            x = draws.awards
        else:
            x = draws.paid
        if effect.above <= 0.0:
            return x
        above = x - effect.above
        np.maximum(above, 0.0, out=above)
        return above

    def _add_effects(self, line_id: str, draws: LineDraws, sign: float = 1.0) -> None:
        for e in self.effects:
            if e.line == line_id:
                contribution = self._effect_input(e, draws) * self._coefficient(e)
                if sign > 0:
                    self.indicator_added[e.indicator] += contribution
                else:
                    self.indicator_added[e.indicator] -= contribution

    def _move_effects(
        self,
        line_id: str,
        old: LineDraws,
        new: LineDraws,
        sums: dict[str, np.ndarray] | None = None,
        since: int = 0,
    ) -> set[str]:
        """Swap a line's contributions to the indicators (``sums``: default the run's
        effects) from ``old`` to ``new`` draws, in the years whose input moved (from year
        ``since``: earlier ones known not to have moved); returns the indicators that
        moved."""
        sums = self.indicator_added if sums is None else sums
        moved: set[str] = set()
        for e in self.effects:
            if e.line != line_id:
                continue
            if e.per == "award":
                assert old.awards is not None and new.awards is not None  # a count form
                before, after = old.awards, new.awards
            else:
                before, after = old.paid, new.paid
            rows = moved_rows(before, after, since)
            if not rows:
                continue
            moved.add(e.indicator)
            coefficient = self._coefficient(e)
            added = sums[e.indicator]
            for row in rows:
                change = _above(after[row], e.above)
                change -= _above(before[row], e.above)
                change *= coefficient
                added[row] += change
        return moved

    def _evolve_indicators(self) -> None:
        self._reevolve_indicators(set(self.scenario.catalogue.indicator_ids))

    def _reevolve_indicators(self, indicators: set[str]) -> set[str]:
        """The paths of these indicators again, two or more at once (each from its own
        random numbers and effects; numpy works without the interpreter lock)."""

        def path(indicator: str) -> np.ndarray:
            start, growth = self._indicator_own(indicator)
            return evolve(
                self.scenario.get(("indicators", indicator, "start", "year")),
                start,
                growth,
                self.indicator_added[indicator],
                self.observed_indicators.get(indicator, {}),
                self.years,
            )

        order = sorted(indicators)
        for indicator, drawn in zip(order, in_parallel(path, order, self.threads)):
            self.indicator_paths[indicator] = drawn
        return indicators

    def business_as_usual(self, indicator: str) -> np.ndarray:
        """The indicator's paths with the same draws and no effects (see module doc)."""
        start, growth = self._indicator_own(indicator)
        return evolve(
            self.scenario.indicator_assumptions(indicator)["start"]["year"],
            start,
            growth,
            None,
            self.observed_indicators.get(indicator, {}),
            self.years,
        )
