"""Decision support: what drives the budget, which yuan buys the most progress towards the
2028 targets, and the cheapest uptake levels that still reach them.

Every analysis here compares variants of one scenario run with **common random numbers**
(CRN): the same seed and draws, so two variants differ only by what was changed, never by
sampling noise. A ``Probe`` keeps one base run in memory and moves single lines with the
engine's fast one-line update (about 15 ms at 20,000 draws); changes to indicator
assumptions need a full run with the same seed, which is CRN too (every random stream is
keyed by seed and name).

* ``sensitivity``: a tornado (one assumption at a time swung from its low to its high value,
  everything else at its central value) for the expected total outlay 2024–2028 and the
  probability of each 2028 target; and a global, variance-based view over the draws: for
  each uncertain quantity, its first-order Sobol index (given-data estimate), its rank
  correlation with the output, and, for the total outlay, its exact share of the variance.
* ``value_for_money``: per measure, the change of each target's probability per extra
  1,000 万元 (10,000,000 yuan) spent through it (central finite difference on the measure's
  uptake), and its share of the variance of the total outlay.
* ``optimize``: the uptake levels (one multiplier per line, within the planner's bounds)
  that maximise the probability of reaching the targets, or reach a chosen probability at
  the lowest expected cost, within the yearly appropriation; and the frontier of expected
  cost against probability. ``apply_point`` puts a point of it into the scenario.

All three take ``progress(fraction)`` and ``cancelled()`` callables (for a worker thread) and
raise ``Cancelled`` when asked to stop. Money is in 万元 throughout. Pure numpy/scipy.
"""
from __future__ import annotations

import itertools
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import stats

from ..model.catalogue import AMOUNT_FORMS, Line
from ..model.engine import KEEP_DRAWS_LIMIT, Cancelled, Engine
from ..model.results import Results
from ..model.scenario import Problem, Scenario, uptake_years

__all__ = [
    "ALL_TARGETS", "BoundsError", "Cancelled", "DEFAULT_BOUNDS", "DEFAULT_DRAWS",
    "DEFAULT_LEVELS", "DEFAULT_TOLERANCE", "Driver", "Factor", "LineBounds", "MeasureValue",
    "Optimisation", "Outcome", "OUTLAY", "Point", "Probe", "Sensitivity", "Swing",
    "ValueForMoney", "apply_point", "check_bounds", "default_free_lines", "line_bounds",
    "load_bounds", "optimize", "outcome", "outputs", "scale_uptake", "sensitivity",
    "sensitivity_factors", "value_for_money",
]

#: Draws used by the analyses unless the caller says otherwise: enough for the probability of
#: a target to be smooth under CRN (one draw moves it by 1/20,000), fast on two cores.
DEFAULT_DRAWS = 20_000
#: The output names: expected total outlay 2024–2028, each indicator id, and all together.
OUTLAY = "outlay"
ALL_TARGETS = "all"
#: Tornado ranges where the scenario states an uncertainty: its 10th and 90th percentiles.
STATED_RANGE = (0.10, 0.90)
#: Tornado range (relative) for assumptions without a stated uncertainty of their own
#: (award size, renewal rate), and for every assumption when a relative swing is asked for.
DEFAULT_RELATIVE_SWING = 0.20
#: Value for money: relative step of a measure's uptake (central difference, ±15 %) and the
#: money block the result is quoted for (1,000 万元 = 10,000,000 yuan).
VFM_STEP = 0.15
VFM_BLOCK_WAN = 1_000.0
#: Goal seek: default bounds of a free line, as multipliers of the scenario's own uptake.
DEFAULT_BOUNDS = (0.5, 1.5)
#: Goal seek: multiplier levels tried per line (8 equal steps between the bounds).
DEFAULT_LEVELS = 9
#: Goal seek: the appropriation may be exceeded in at most this share of draws, each year.
DEFAULT_TOLERANCE = 0.10
#: Goal seek: search every combination of levels when there are at most this many.
EXHAUSTIVE_LIMIT = 10_000
#: Goal seek: at most this many points are reported on the frontier.
MAX_FRONTIER_POINTS = 16
#: Goal seek: refuse precomputed tables larger than this (bytes); fewer draws or levels help.
MAX_TABLE_BYTES = 3 * 2**30

Progress = Callable[[float], None] | None
CancelCheck = Callable[[], bool] | None


# ================================================================================ plumbing
class _Steps:
    """Progress of a long analysis (monotone fractions 0…1) and its cancellation."""

    def __init__(self, progress: Progress, cancelled: CancelCheck, start: float = 0.0,
                 end: float = 1.0, _last: list[float] | None = None):
        self.progress, self.cancelled = progress, cancelled
        self.start, self.end = start, end
        self._last = _last if _last is not None else [-1.0]

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()

    def __call__(self, fraction: float) -> None:
        value = self.start + (self.end - self.start) * min(1.0, max(0.0, fraction))
        if self.progress is not None and value > self._last[0]:
            self._last[0] = value
            self.progress(value)
        self.check()

    def part(self, start: float, end: float) -> "_Steps":
        """The sub-range [start, end] of this one (fractions of it)."""
        span = self.end - self.start
        return _Steps(self.progress, self.cancelled, self.start + span * start,
                      self.start + span * end, self._last)


def outputs(catalogue) -> list[str]:
    """The outputs the analyses report: 'outlay', each indicator id, then 'all'."""
    return [OUTLAY] + list(catalogue.indicator_ids) + [ALL_TARGETS]


@dataclass(frozen=True)
class Outcome:
    """What the analyses read from a run: the expected total outlay 2024–2028 (万元), the
    probability of reaching each 2028 target and all of them, and, when the scenario has an
    appropriation, the probability that each year's outlay exceeds it."""
    outlay_wan: float
    probabilities: dict[str, float]
    exceedance: dict[str, float] | None = None

    def value(self, output: str) -> float:
        return self.outlay_wan if output == OUTLAY else self.probabilities[output]


def outcome(results: Results) -> Outcome:
    """The Outcome of a run (the expected outlay from the draws when they were kept)."""
    if results.has_draws:
        outlay = float(results.outlay_draws("total").sum(axis=0).mean())
    else:
        outlay = float(results.outlay("total")["mean"][-1])
    probabilities = {i: results.target_probability(i) for i in results.catalogue.indicator_ids}
    probabilities[ALL_TARGETS] = results.all_targets_probability()
    return Outcome(outlay, probabilities, results.appropriation_exceedance())


def _line_path(scenario: Scenario, line_id: str) -> tuple:
    """Where a line's assumptions live in the scenario's data."""
    line = scenario.catalogue.line(line_id)  # KeyError for an unknown line
    if not line.own:
        return ("lines", line_id)
    for index, entry in enumerate(scenario.get(("own_lines",))):
        if entry["id"] == line_id:
            return ("own_lines", index)
    raise KeyError(line_id)


def _scaled(value: float, multiplier: float) -> float:
    """Planned uptake times a multiplier, rounded so that a saved file stays readable (the
    same rounding is used for every evaluation, so what is reported is what is applied)."""
    return round(value * multiplier, 6)


def planned_uptake(scenario: Scenario, line_id: str) -> dict[str, float]:
    """The uptake the planner sets for a line, by year (only planned years; awards per year,
    or 万元 per year for amount lines)."""
    return dict(scenario.line_assumptions(line_id)["uptake"])


def scale_uptake(scenario: Scenario, multipliers: Mapping[str, float]) -> Scenario:
    """A new scenario with each named line's uptake multiplied in all its planned years."""
    data = scenario.data
    for line_id, multiplier in multipliers.items():
        node = data
        for key in _line_path(scenario, line_id):
            node = node[key]
        node["uptake"] = {year: _scaled(value, multiplier)
                          for year, value in node["uptake"].items()}
    return scenario.with_data(data)


def _edit(scenario: Scenario, edits: Iterable[tuple[tuple, Any]]) -> Scenario:
    """Several edits at once, validated once."""
    data = scenario.data
    for path, value in edits:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return scenario.with_data(data)


# ================================================================================ the probe
class Probe:
    """A base run kept in memory, to try changes of single lines with common random numbers.

    ``apply(variant, lines)`` moves the engine to a scenario that differs from the current
    one only in the assumptions of ``lines``; ``restore()`` moves it back to the base. Not
    thread-safe: one analysis at a time, and each restores the base before it returns.
    """

    def __init__(self, scenario: Scenario, draws: int | None = DEFAULT_DRAWS,
                 seed: int | None = None, sampler: str | None = None,
                 progress: Progress = None, cancelled: CancelCheck = None):
        draws = int(draws if draws is not None else scenario.draws)
        if draws > KEEP_DRAWS_LIMIT:
            raise ValueError(f"decision analyses keep every draw in memory: use at most "
                             f"{KEEP_DRAWS_LIMIT:,} draws, got {draws:,}")
        self.scenario = scenario
        started = time.perf_counter()
        self.engine = Engine(scenario, draws=draws, seed=seed, sampler=sampler, keep_draws=True)
        self.results = self.engine.run(progress=progress, cancelled=cancelled)
        self.base = outcome(self.results)
        self.elapsed = time.perf_counter() - started
        self._dirty: set[str] = set()
        self._dirty_indicators: set[str] = set()

    @property
    def draws(self) -> int:
        return self.engine.draws

    @property
    def seed(self) -> int:
        return self.engine.seed

    @property
    def sampler(self) -> str:
        return self.engine.sampler

    def apply(self, variant: Scenario, lines: Iterable[str]) -> Results:
        """Recompute ``lines`` for ``variant`` (same random numbers); returns the Results."""
        results = self.engine.results
        for line_id in lines:
            results = self.engine.update(variant, line_id)
            self._dirty.add(line_id)
        return results

    def apply_indicators(self, variant: Scenario, indicators: Iterable[str]) -> Results:
        """Recompute for ``variant`` whose indicator assumptions differ (same random
        numbers); returns the Results."""
        indicators = set(indicators)
        self._dirty_indicators |= indicators
        return self.engine.update_indicators(variant, indicators)

    def restore(self) -> None:
        """Back to the base scenario."""
        for line_id in sorted(self._dirty):
            self.engine.update(self.scenario, line_id)
        self._dirty.clear()
        if self._dirty_indicators:
            self.engine.update_indicators(self.scenario, self._dirty_indicators)
            self._dirty_indicators = set()

    def run_variant(self, variant: Scenario, progress: Progress = None,
                    cancelled: CancelCheck = None) -> Results:
        """A full run of another scenario with this probe's seed, draws and sampler."""
        return Engine(variant, draws=self.draws, seed=self.seed, sampler=self.sampler
                      ).run(progress=progress, cancelled=cancelled)


def _probe(scenario, probe, draws, seed, sampler, steps: _Steps) -> Probe:
    if probe is not None:
        if probe.scenario != scenario:
            raise ValueError("the probe was made for another scenario")
        return probe
    return Probe(scenario, draws, seed, sampler, progress=steps, cancelled=steps.cancelled)


def _line_name(catalogue, line_id: str, language: str) -> str:
    return catalogue.line(line_id).name(language)


def _indicator_name(catalogue, indicator_id: str, language: str) -> str:
    return catalogue.indicator(indicator_id).name(language)


# ================================================================================ sensitivity
FACTOR_KINDS = ("uptake", "award_size", "renewal", "trend", "start", "effects")
LINE_KINDS = ("uptake", "award_size", "renewal")


@dataclass(frozen=True)
class Factor:
    """One assumption of the tornado and its low and high values.

    For line factors (uptake, award size, renewal rate) ``low``/``central``/``high`` are
    multipliers of the scenario's own value (uptake: averaged over the planned years when the
    per-year multipliers differ); for indicator factors they are values: the trend as a
    yearly growth rate, the 2023 start in the indicator's unit; for ``effects`` they are
    shifts of every effect on the indicator, in its own standard deviations.
    """
    id: str
    kind: str
    subject: str
    central: float
    low: float
    high: float
    basis: str  # "stated" (P10–P90 of the scenario's own uncertainty) or "relative"
    per_year: tuple[tuple[str, float, float], ...] = ()  # uptake: (year, low ×, high ×)

    @property
    def is_line(self) -> bool:
        return self.kind in LINE_KINDS

    def name(self, catalogue, language: str = "en") -> str:
        """The line's or indicator's name."""
        if self.is_line:
            return _line_name(catalogue, self.subject, language)
        return _indicator_name(catalogue, self.subject, language)

    def what(self, language: str = "en") -> str:
        """Which of its assumptions, in a word or two."""
        return {"uptake": ("申报量", "uptake"), "award_size": ("单项金额", "award size"),
                "renewal": ("续认定率", "renewal rate"), "trend": ("自身增长趋势", "own trend"),
                "start": ("2023年起点", "2023 start"),
                "effects": ("政策效应系数", "policy effects")}[self.kind][language != "zh"]

    def label(self, catalogue, language: str = "en") -> str:
        name, what = self.name(catalogue, language), self.what(language)
        return f"{name}·{what}" if language == "zh" else f"{name}: {what}"

    def range_text(self, catalogue, language: str = "en") -> str:
        """The low and high values in words, e.g. '×0.62–×1.38' or '6.2%–13.8%'."""
        if self.is_line:
            return f"×{self.low:.2f}–×{self.high:.2f}"
        if self.kind == "trend":
            return f"{100 * self.low:.1f}%–{100 * self.high:.1f}%"
        if self.kind == "start":
            indicator = catalogue.indicator(self.subject)
            unit = indicator.unit if language == "zh" else indicator.unit_en
            space = "" if language == "zh" else " "
            return f"{self.low:,.0f}–{self.high:,.0f}{space}{unit}".rstrip()
        if self.basis == "relative":
            return f"×{1 + self.low:.2f}–×{1 + self.high:.2f}"
        z = self.high
        return f"均值±{z:.2f}标准差" if language == "zh" else f"mean ±{z:.2f} sd"

    def to_dict(self, catalogue) -> dict[str, Any]:
        out = {"id": self.id, "kind": self.kind, "subject": self.subject,
               "label_zh": self.label(catalogue, "zh"), "label_en": self.label(catalogue, "en"),
               "central": self.central, "low": self.low, "high": self.high,
               "range_en": self.range_text(catalogue, "en"), "basis": self.basis}
        if self.per_year:
            out["per_year"] = {year: {"low": lo, "high": hi} for year, lo, hi in self.per_year}
        return out


def _rate_quantile_multipliers(line: Line, cv: float, probabilities=STATED_RANGE
                               ) -> tuple[float, float]:
    """P10 and P90 of an uptake rate relative to its mean, by the engine's own model: a
    Gamma rate for counted awards, a lognormal amount for amount lines (mean 1 both)."""
    if cv <= 0:
        return 1.0, 1.0
    if line.form in AMOUNT_FORMS:
        sigma = math.sqrt(math.log1p(cv * cv))
        return tuple(math.exp(sigma * stats.norm.ppf(p) - sigma * sigma / 2)
                     for p in probabilities)
    shape = 1.0 / (cv * cv)
    return tuple(float(stats.gamma.ppf(p, shape, scale=1.0 / shape)) for p in probabilities)


def sensitivity_factors(scenario: Scenario, swing: float | None = None,
                        indicator_assumptions: bool = True) -> list[Factor]:
    """The tornado's assumptions and their ranges.

    With ``swing`` None: each line's uptake between the 10th and 90th percentile of its own
    stated spread (``uptake_cv``, by the engine's Gamma/lognormal model), award size and
    renewal rate ±20 % (the scenario states no uncertainty of their means), and each
    indicator's trend, 2023 start and effects between the 10th and 90th percentile of their
    stated normal uncertainty (mean ± 1.28 sd). With ``swing`` r: every assumption ±r.
    """
    catalogue = scenario.catalogue
    relative = swing is not None
    r = float(swing) if relative else DEFAULT_RELATIVE_SWING
    if not 0 < r < 1:
        raise ValueError(f"swing must be between 0 and 1, got {r}")
    z = float(stats.norm.ppf(STATED_RANGE[1]))
    factors: list[Factor] = []
    for line in catalogue.lines:
        a = scenario.line_assumptions(line.id)
        planned = [str(y) for y in uptake_years(line)]
        per_year = []
        for year in planned:
            lo, hi = (1 - r, 1 + r) if relative else \
                _rate_quantile_multipliers(line, a["uptake_cv"][year])
            per_year.append((year, lo, hi))
        weights = np.array([a["uptake"][y] for y in planned])
        if weights.sum() > 0:
            lo = float(np.average([p[1] for p in per_year], weights=weights))
            hi = float(np.average([p[2] for p in per_year], weights=weights))
            factors.append(Factor(f"uptake:{line.id}", "uptake", line.id, 1.0, lo, hi,
                                  "relative" if relative else "stated", tuple(per_year)))
        if line.form not in AMOUNT_FORMS:
            factors.append(Factor(f"award_size:{line.id}", "award_size", line.id, 1.0,
                                  *_award_size_range(scenario, line, r), "relative"))
        if line.form == "re_recognition":
            rate = a["renewal_rate"]
            if rate > 0:
                factors.append(Factor(f"renewal:{line.id}", "renewal", line.id, 1.0,
                                      1 - r, min(1 + r, 1.0 / rate), "relative"))
    if not indicator_assumptions:
        return factors
    for indicator in catalogue.indicator_ids:
        a = scenario.indicator_assumptions(indicator)
        trend = a["trend"]
        if relative:
            lo, hi = trend["mean"] * (1 - r), trend["mean"] * (1 + r)
        else:
            lo, hi = trend["mean"] - z * trend["sd"], trend["mean"] + z * trend["sd"]
        lo, hi = max(lo, -0.5), min(hi, 1.0)  # the scenario's own limits
        factors.append(Factor(f"trend:{indicator}", "trend", indicator, trend["mean"],
                              min(lo, hi), max(lo, hi), "relative" if relative else "stated"))
        start = a["start_2023"]
        delta = r * start["mean"] if relative else z * start["sd"]
        factors.append(Factor(f"start:{indicator}", "start", indicator, start["mean"],
                              max(start["mean"] - delta, 1e-9 * start["mean"]),
                              start["mean"] + delta, "relative" if relative else "stated"))
        if a["effects"]:
            factors.append(Factor(f"effects:{indicator}", "effects", indicator, 0.0,
                                  -(r if relative else z), r if relative else z,
                                  "relative" if relative else "stated"))
    return factors


def _award_size_range(scenario: Scenario, line: Line, r: float) -> tuple[float, float]:
    """Award-size multipliers ×(1−r) and ×(1+r), the high one cut where a share would pass
    the cap (a share of the cap is at most 1)."""
    a = scenario.line_assumptions(line.id)
    if line.form == "share_of_cost":
        return 1 - r, 1 + r
    top = max(s["mean"] for s in a["award_share"].values())
    return 1 - r, min(1 + r, 1.0 / top)


def _share(mean: float, sd: float, multiplier: float) -> dict[str, float]:
    """An award-size Beta moved to mean × multiplier, its sd scaled alike and kept valid."""
    new_mean = min(1.0, mean * multiplier)
    new_sd = sd * multiplier
    limit = math.sqrt(max(new_mean * (1 - new_mean) * 0.999, 0.0)) * 0.99
    return {"mean": new_mean, "sd": min(new_sd, limit)}


def factor_scenario(scenario: Scenario, factor: Factor, side: str) -> Scenario:
    """The scenario with one assumption at its 'low' or 'high' value."""
    if side not in ("low", "high"):
        raise ValueError(side)
    value = factor.low if side == "low" else factor.high
    if factor.is_line:
        path = _line_path(scenario, factor.subject)
        a = scenario.line_assumptions(factor.subject)
        if factor.kind == "uptake":
            multipliers = {year: (lo if side == "low" else hi) for year, lo, hi in factor.per_year}
            uptake = {year: _scaled(v, multipliers[year]) for year, v in a["uptake"].items()}
            return _edit(scenario, [(path + ("uptake",), uptake)])
        if factor.kind == "renewal":
            return _edit(scenario, [(path + ("renewal_rate",),
                                     min(1.0, a["renewal_rate"] * value))])
        if "cost" in a:
            cost = {year: {"mean_wan": c["mean_wan"] * value, "cv": c["cv"]}
                    for year, c in a["cost"].items()}
            return _edit(scenario, [(path + ("cost",), cost)])
        share = {year: _share(s["mean"], s["sd"], value) for year, s in a["award_share"].items()}
        return _edit(scenario, [(path + ("award_share",), share)])
    path = ("indicators", factor.subject)
    a = scenario.indicator_assumptions(factor.subject)
    if factor.kind == "trend":
        return _edit(scenario, [(path + ("trend", "mean"), value)])
    if factor.kind == "start":
        return _edit(scenario, [(path + ("start_2023", "mean"), value)])
    shift = value
    effects = [dict(e, mean=e["mean"] + shift * e["sd"]) if factor.basis == "stated"
               else dict(e, mean=e["mean"] * (1 + shift)) for e in a["effects"]]
    return _edit(scenario, [(path + ("effects",), effects)])


@dataclass(frozen=True)
class Swing:
    """One tornado bar: the outputs with the factor at its low and at its high value."""
    factor: Factor
    low: Outcome
    high: Outcome

    def width(self, output: str) -> float:
        return abs(self.high.value(output) - self.low.value(output))


@dataclass(frozen=True)
class Driver:
    """A global measure of one uncertain quantity's influence over the draws.

    ``first_order``: Var(E[output | quantity]) / Var(output), estimated from the draws by
    equal-count bins (a first-order Sobol index, bias-corrected); ``rank_correlation``:
    Spearman's ρ; ``variance_share`` (total outlay only): Cov(quantity, total) / Var(total),
    which adds up to 1 over the lines because the total is their sum.
    """
    id: str  # "line:<id>", "growth:<indicator>", "start:<indicator>"
    kind: str
    subject: str
    first_order: float
    rank_correlation: float
    variance_share: float | None = None

    def name(self, catalogue, language: str = "en") -> str:
        if self.kind == "line":
            return _line_name(catalogue, self.subject, language)
        return _indicator_name(catalogue, self.subject, language)

    def what(self, language: str = "en") -> str:
        return {"line": ("支出", "outlay"), "growth": ("自身增长(趋势与波动)",
                                                     "own growth (trend, noise)"),
                "start": ("2023年起点", "2023 start")}[self.kind][language != "zh"]

    def label(self, catalogue, language: str = "en") -> str:
        name, what = self.name(catalogue, language), self.what(language)
        return f"{name}·{what}" if language == "zh" else f"{name}: {what}"


def _bins(draws: int) -> int:
    return int(min(50, max(8, round(math.sqrt(draws) / 4))))


def first_order_index(x: np.ndarray, y: np.ndarray, bins: int | None = None) -> float:
    """First-order Sobol index of y on x from given draws: the variance of y's mean in
    equal-count bins of x over y's variance, less the part that sampling noise alone would
    give ((bins − 1)/n × the within-bin variance). Clipped to [0, 1]."""
    y = np.asarray(y, dtype=float)
    n = y.size
    var_y = float(y.var())
    if var_y <= 0 or n < 4:
        return 0.0
    bins = bins or _bins(n)
    order = np.argsort(x, kind="stable")
    which = np.empty(n, dtype=np.int64)
    which[order] = np.arange(n) * bins // n
    counts = np.bincount(which, minlength=bins).astype(float)
    means = np.bincount(which, weights=y, minlength=bins) / counts
    between = float(np.sum(counts * (means - y.mean()) ** 2) / n)
    within = float((np.sum(y * y) - np.sum(counts * means * means)) / (n - bins))
    index = (between - (bins - 1) / n * within) / var_y
    return float(min(1.0, max(0.0, index)))


def _ranks(x: np.ndarray) -> np.ndarray:
    return stats.rankdata(x)


def _rank_correlation(rank_x: np.ndarray, rank_y: np.ndarray) -> float:
    sx, sy = rank_x.std(), rank_y.std()
    if sx == 0 or sy == 0:
        return 0.0
    return float(np.mean((rank_x - rank_x.mean()) * (rank_y - rank_y.mean())) / (sx * sy))


def global_drivers(probe: Probe) -> dict[str, list[Driver]]:
    """For each output, every uncertain quantity of the base run with its first-order index,
    rank correlation and (outlay) variance share, most influential first.

    Quantities: each line's outlay 2024–2028 (it carries the line's awards, award sizes and
    the common factor's share) and each indicator's own compounded growth (trend and yearly
    noise) and 2023 start. Lines are correlated through the common factor, so first-order
    indices need not add up to 1; what they leave is due to interactions and joint effects
    (reported as ``interaction_share`` by ``Sensitivity``)."""
    engine, results = probe.engine, probe.results
    catalogue = results.catalogue
    quantities: list[tuple[str, str, str, np.ndarray]] = []
    for line in catalogue.lines:
        quantities.append((f"line:{line.id}", "line", line.id,
                           results.outlay_draws("line", line.id).sum(axis=0)))
    growth = getattr(engine, "indicator_growth", {})
    start = getattr(engine, "indicator_start", {})
    for indicator in catalogue.indicator_ids:
        if indicator in growth:
            quantities.append((f"growth:{indicator}", "growth", indicator,
                               np.prod(growth[indicator], axis=0)))
        if indicator in start and np.ndim(start[indicator]):
            quantities.append((f"start:{indicator}", "start", indicator,
                               np.asarray(start[indicator])))
    total = results.outlay_draws("total").sum(axis=0)
    reached = {i.id: (results.indicator_paths[i.id][-1] > i.target_2028).astype(float)
               for i in catalogue.indicators}
    reached[ALL_TARGETS] = np.logical_and.reduce([r > 0 for r in reached.values()]).astype(float)
    values = {OUTLAY: total, **reached}
    ranked_values = {name: _ranks(v) for name, v in values.items()}
    var_total = float(total.var())
    out: dict[str, list[Driver]] = {name: [] for name in values}
    bins = _bins(probe.draws)
    for ident, kind, subject, x in quantities:
        rank_x = _ranks(x)
        for name, y in values.items():
            share = None
            if name == OUTLAY and kind == "line":
                share = float(np.mean((x - x.mean()) * (total - total.mean())) / var_total) \
                    if var_total > 0 else 0.0
            out[name].append(Driver(ident, kind, subject, first_order_index(x, y, bins),
                                    _rank_correlation(rank_x, ranked_values[name]), share))
    for name, drivers in out.items():
        if name == OUTLAY:
            drivers.sort(key=lambda d: -(d.variance_share if d.variance_share is not None
                                         else d.first_order))
        else:
            drivers.sort(key=lambda d: (-d.first_order, -abs(d.rank_correlation)))
    return out


@dataclass
class Sensitivity:
    """A tornado per output and the global drivers, for one scenario."""
    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    central: Outcome
    swings: list[Swing]
    drivers: dict[str, list[Driver]]
    elapsed: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def catalogue(self):
        return self.scenario.catalogue

    def tornado(self, output: str, top: int | None = None) -> list[Swing]:
        """The swings for one output, widest first (zero-width swings left out)."""
        swings = [s for s in self.swings if s.width(output) > 0]
        swings.sort(key=lambda s: (-s.width(output), s.factor.id))
        return swings[:top] if top else swings

    def top_drivers(self, output: str, top: int | None = None) -> list[Driver]:
        drivers = self.drivers[output]
        return drivers[:top] if top else list(drivers)

    def interaction_share(self, output: str) -> float:
        """1 − Σ first-order indices (at least 0): variance no single quantity explains."""
        return max(0.0, 1.0 - sum(d.first_order for d in self.drivers[output]))

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        catalogue = self.catalogue
        result: dict[str, Any] = {
            "scenario": self.scenario.name, "draws": self.draws, "seed": self.seed,
            "sampler": self.sampler, "elapsed_seconds": round(self.elapsed, 3),
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
            "units": {"outlay": "万元 (expected total 2024–2028)",
                      "probability": "share of draws reaching the 2028 target"},
            "central": _outcome_dict(self.central),
            "tornado": {}, "global": {},
        }
        for output in outputs(catalogue):
            result["tornado"][output] = [
                {**s.factor.to_dict(catalogue), "output_low": s.low.value(output),
                 "output_high": s.high.value(output), "swing": s.width(output)}
                for s in self.tornado(output, top)]
            result["global"][output] = {
                "method": "first-order Sobol index from the draws (equal-count bins, "
                          "bias-corrected) and Spearman rank correlation"
                          + ("; variance share = Cov(line, total) / Var(total)"
                             if output == OUTLAY else ""),
                "interaction_share": self.interaction_share(output),
                "drivers": [{"id": d.id, "kind": d.kind, "subject": d.subject,
                             "label_zh": d.label(catalogue, "zh"),
                             "label_en": d.label(catalogue, "en"),
                             "first_order": d.first_order,
                             "rank_correlation": d.rank_correlation,
                             **({"variance_share": d.variance_share}
                                if d.variance_share is not None else {})}
                            for d in self.top_drivers(output, top)]}
        return result


def _outcome_dict(o: Outcome) -> dict[str, Any]:
    return {"expected_outlay_2024_2028_wan": o.outlay_wan, "probabilities": dict(o.probabilities),
            "appropriation_exceedance": o.exceedance}


def sensitivity(scenario: Scenario, *, draws: int | None = DEFAULT_DRAWS,
                seed: int | None = None, sampler: str | None = None,
                swing: float | None = None, indicator_assumptions: bool = True,
                probe: Probe | None = None, progress: Progress = None,
                cancelled: CancelCheck = None) -> Sensitivity:
    """Tornado and global drivers of a scenario (see the module docstring).

    Line assumptions are swung with the engine's one-line update (CRN); indicator
    assumptions need a full run each (about 1 s at 20,000 draws), so
    ``indicator_assumptions=False`` makes the tornado much faster. Raises Cancelled.
    """
    started = time.perf_counter()
    steps = _Steps(progress, cancelled)
    factors = sensitivity_factors(scenario, swing, indicator_assumptions)
    line_factors = [f for f in factors if f.is_line]
    other_factors = [f for f in factors if not f.is_line]
    # Weights by the expected time of each phase: a line swing ~ 3 updates, a full run ~ 60.
    work = np.array([60.0 if probe is None else 0.0, 3.0 * len(line_factors),
                     120.0 * len(other_factors), 20.0])
    edges = np.concatenate([[0.0], np.cumsum(work) / work.sum()])
    probe = _probe(scenario, probe, draws, seed, sampler, steps.part(edges[0], edges[1]))
    timings = {"base_run": probe.elapsed if probe else 0.0}
    swings: list[Swing] = []
    t = time.perf_counter()
    line_steps = steps.part(edges[1], edges[2])
    try:
        for n, factor in enumerate(line_factors):
            ends = []
            for side in ("low", "high"):
                variant = factor_scenario(scenario, factor, side)
                ends.append(outcome(probe.apply(variant, [factor.subject])))
            probe.restore()
            swings.append(Swing(factor, *ends))
            line_steps((n + 1) / max(1, len(line_factors)))
    finally:
        probe.restore()
    timings["line_swings"] = time.perf_counter() - t
    t = time.perf_counter()
    other_steps = steps.part(edges[2], edges[3])
    try:
        for n, factor in enumerate(other_factors):
            ends = []
            for side in ("low", "high"):
                variant = factor_scenario(scenario, factor, side)
                ends.append(outcome(probe.apply_indicators(variant, [factor.subject])))
                probe.restore()
            swings.append(Swing(factor, *ends))
            other_steps((n + 1) / max(1, len(other_factors)))
    finally:
        probe.restore()
    timings["indicator_swings"] = time.perf_counter() - t
    t = time.perf_counter()
    drivers = global_drivers(probe)
    timings["global"] = time.perf_counter() - t
    steps(1.0)
    return Sensitivity(scenario, probe.draws, probe.seed, probe.sampler, probe.base, swings,
                       drivers, time.perf_counter() - started, timings)


# ================================================================================ value for money
@dataclass(frozen=True)
class MeasureValue:
    """Value for money of one measure (all its lines scaled together, in proportion).

    ``per_block[output]``: change of the probability per extra 1,000 万元 of the measure's
    expected outlay 2024–2028 (None when the step moves no money); ``variance_share``: the
    measure's share of the variance of the total outlay."""
    measure: int
    lines: tuple[str, ...]
    outlay_wan: float
    step_outlay_wan: float
    per_block: dict[str, float | None]
    variance_share: float

    def value(self, output: str) -> float:
        v = self.per_block.get(output)
        return v if v is not None else 0.0


@dataclass
class ValueForMoney:
    scenario: Scenario
    draws: int
    seed: int
    sampler: str
    step: float
    measures: list[MeasureValue]
    elapsed: float

    @property
    def catalogue(self):
        return self.scenario.catalogue

    def ranked(self, output: str = ALL_TARGETS) -> list[MeasureValue]:
        """Measures by value for money for one output, best first (ties: by the expected
        number of targets reached per 1,000 万元, then by measure number)."""
        return sorted(self.measures, key=lambda m: (-m.value(output), -m.value("targets"),
                                                    m.measure))

    def to_dict(self, output: str = ALL_TARGETS) -> dict[str, Any]:
        catalogue = self.catalogue
        return {
            "scenario": self.scenario.name, "draws": self.draws, "seed": self.seed,
            "sampler": self.sampler, "elapsed_seconds": round(self.elapsed, 3),
            "method": f"central difference: the measure's uptake ×(1 ± {self.step:g}) in all "
                      "planned years, common random numbers; Δprobability / Δexpected outlay "
                      "of the measure 2024–2028 × 1,000 万元",
            "block_wan": VFM_BLOCK_WAN, "ranked_by": output,
            "measures": [
                {"measure": m.measure, "title_zh": catalogue.measure(m.measure).title_zh,
                 "title_en": catalogue.measure(m.measure).title_en, "lines": list(m.lines),
                 "expected_outlay_2024_2028_wan": m.outlay_wan,
                 "step_outlay_wan": m.step_outlay_wan,
                 "probability_change_per_1000_wan": dict(m.per_block),
                 "variance_share": m.variance_share}
                for m in self.ranked(output)],
        }


def value_for_money(scenario: Scenario, *, draws: int | None = DEFAULT_DRAWS,
                    seed: int | None = None, sampler: str | None = None,
                    step: float = VFM_STEP, probe: Probe | None = None,
                    progress: Progress = None, cancelled: CancelCheck = None) -> ValueForMoney:
    """Value for money of every measure with a money line (see ``MeasureValue``).

    ``per_block`` also holds 'targets': the change in the expected number of targets reached
    (the sum over the five) per 1,000 万元. Raises Cancelled."""
    if not 0 < step < 1:
        raise ValueError(f"step must be between 0 and 1, got {step}")
    started = time.perf_counter()
    steps = _Steps(progress, cancelled)
    probe = _probe(scenario, probe, draws, seed, sampler,
                   steps.part(0.0, 0.3 if probe is None else 0.0))
    catalogue = scenario.catalogue
    results = probe.results
    total = results.outlay_draws("total").sum(axis=0)
    var_total = float(total.var())
    indicators = list(catalogue.indicator_ids)
    measures = sorted({line.measure for line in catalogue.lines})
    rest = steps.part(0.3 if probe is None else 0.0, 1.0)
    values: list[MeasureValue] = []
    try:
        for n, number in enumerate(measures):
            lines = tuple(line.id for line in catalogue.lines if line.measure == number)
            base_draws = results.outlay_draws("measure", str(number)).sum(axis=0)
            share = float(np.mean((base_draws - base_draws.mean()) * (total - total.mean()))
                          / var_total) if var_total > 0 else 0.0
            ends = []
            for multiplier in (1 - step, 1 + step):
                variant = scale_uptake(scenario, {line: multiplier for line in lines})
                r = probe.apply(variant, lines)
                spent = float(r.outlay_draws("measure", str(number)).sum(axis=0).mean())
                ends.append((spent, outcome(r)))
            probe.restore()
            extra = ends[1][0] - ends[0][0]
            per_block: dict[str, float | None] = {}
            for output in indicators + [ALL_TARGETS]:
                change = ends[1][1].value(output) - ends[0][1].value(output)
                per_block[output] = change / extra * VFM_BLOCK_WAN if extra > 1e-9 else None
            per_block["targets"] = (sum(per_block[i] for i in indicators)
                                    if extra > 1e-9 else None)
            values.append(MeasureValue(number, lines, float(base_draws.mean()), extra,
                                       per_block, share))
            rest((n + 1) / len(measures))
    finally:
        probe.restore()
    return ValueForMoney(scenario, probe.draws, probe.seed, probe.sampler, step, values,
                         time.perf_counter() - started)


# ================================================================================ goal seek
class BoundsError(ValueError):
    """A bounds file is not valid; ``problems`` lists every problem, each with its path."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class LineBounds:
    """A free line of the goal seek: its multiplier range (of the scenario's own uptake in
    all planned years) and where the range comes from."""
    line: str
    low: float
    high: float
    source: str  # "bounds" (the planner's file) or "default"

    def levels(self, count: int) -> np.ndarray:
        if self.high - self.low <= 1e-12 or count <= 1:
            return np.array([self.low])
        return np.linspace(self.low, self.high, count)


def default_free_lines(scenario: Scenario) -> list[str]:
    """Lines the indicator model links to a headline indicator (a non-zero effect) and with
    planned uptake: the levers of the targets. Other lines only cost money, so a goal seek
    would simply cut them to their minimum; they stay as the scenario has them unless the
    bounds file frees them."""
    linked = set()
    for indicator in scenario.catalogue.indicator_ids:
        for effect in scenario.indicator_assumptions(indicator)["effects"]:
            if effect["mean"] != 0 or effect["sd"] != 0:
                linked.add(effect["line"])
    return [line.id for line in scenario.catalogue.lines
            if line.id in linked and sum(planned_uptake(scenario, line.id).values()) > 0]


def default_award_bounds(planned: Mapping[str, float]) -> tuple[float, float]:
    """Awards (or 万元) per year equivalent to the default multipliers 0.5×–1.5×: the
    smallest positive planned year halved, the largest one and a half times (every year then
    stays within them, and the multiplier range is exactly the default)."""
    positive = [v for v in planned.values() if v > 0] or [0.0]
    low, high = DEFAULT_BOUNDS
    return round(low * min(positive), 6), round(high * max(planned.values()), 6)


def candidate_lines(scenario: Scenario, every_line: bool = False) -> list[str]:
    """The lines a goal seek may free: the default free lines, or with ``every_line`` also
    every other line with planned uptake, in catalogue order."""
    free = default_free_lines(scenario)
    if not every_line:
        return free
    return [line.id for line in scenario.catalogue.lines
            if line.id in free or any(v > 0 for v in planned_uptake(scenario, line.id).values())]


def check_bounds(raw: Any, scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Validate a decoded bounds document {line_id: [min, max]} (awards per year, or 万元 per
    year for amount lines); raise BoundsError listing every problem."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise BoundsError([Problem("", "must be an object {line id: [min, max]}")])
    out: dict[str, tuple[float, float]] = {}
    catalogue = scenario.catalogue
    for key, value in raw.items():
        if not isinstance(key, str) or not catalogue.has_line(key):
            problems.append(Problem(str(key), "unknown line id"))
            continue
        if (not isinstance(value, list) or len(value) != 2
                or any(isinstance(v, bool) or not isinstance(v, (int, float))
                       or not math.isfinite(v) for v in value)):
            problems.append(Problem(key, f"must be [min, max], two numbers, got "
                                         f"{json.dumps(value, ensure_ascii=False)[:60]}"))
            continue
        low, high = float(value[0]), float(value[1])
        if low < 0:
            problems.append(Problem(key, f"min must be >= 0, got {low:g}"))
            continue
        if low > high:
            problems.append(Problem(key, f"min must not exceed max, got [{low:g}, {high:g}]"))
            continue
        planned = planned_uptake(scenario, key)
        if not any(v > 0 for v in planned.values()):
            problems.append(Problem(key, "the scenario plans no uptake for this line; set one "
                                         "before bounding it (the goal seek scales the "
                                         "planned uptake)"))
            continue
        multipliers = _bounds_to_multipliers(planned, low, high)
        if multipliers is None:
            problems.append(Problem(key, f"[{low:g}, {high:g}] cannot hold in every planned year "
                                         f"for uptake from {min(planned.values()):g} to "
                                         f"{max(planned.values()):g} scaled by one multiplier"))
            continue
        out[key] = (low, high)
    if problems:
        raise BoundsError(problems)
    return out


def _bounds_to_multipliers(planned: Mapping[str, float], low: float, high: float
                           ) -> tuple[float, float] | None:
    """The multiplier range keeping every planned year's uptake within [low, high]."""
    values = [v for v in planned.values() if v > 0]
    lo = max(low / v for v in values)
    hi = min(high / v for v in values)
    if lo > hi * (1 + 1e-12):
        return None
    return lo, max(lo, hi)


def load_bounds(path: str | Path, scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Read and check a bounds file; BoundsError (problems prefixed by nothing: the caller
    names the file) for bad content, OSError when it cannot be read."""
    text = Path(path).read_text(encoding="utf-8-sig")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BoundsError([Problem("", f"not valid JSON: {exc.msg} at line {exc.lineno} "
                                       f"column {exc.colno}")]) from None
    return check_bounds(raw, scenario)


def line_bounds(scenario: Scenario, bounds: Mapping[str, Sequence[float]] | None = None,
                default: tuple[float, float] | None = DEFAULT_BOUNDS) -> list[LineBounds]:
    """The free lines of a goal seek: every line in ``bounds`` (awards or 万元 per year), and,
    unless ``default`` is None, every other line of ``default_free_lines`` with multipliers
    ``default`` (0.5×–1.5× of the scenario's own uptake)."""
    bounds = check_bounds({k: list(v) for k, v in (bounds or {}).items()}, scenario)
    out = []
    listed = set(bounds)
    for line in scenario.catalogue.lines:
        if line.id in bounds:
            lo, hi = _bounds_to_multipliers(planned_uptake(scenario, line.id), *bounds[line.id])
            out.append(LineBounds(line.id, lo, hi, "bounds"))
    if default is not None:
        lo, hi = float(default[0]), float(default[1])
        if not 0 <= lo <= hi:
            raise ValueError(f"default bounds must satisfy 0 <= low <= high, got {default}")
        for line_id in default_free_lines(scenario):
            if line_id not in listed:
                out.append(LineBounds(line_id, lo, hi, "default"))
    order = {line.id: i for i, line in enumerate(scenario.catalogue.lines)}
    return sorted(out, key=lambda b: order[b.line])


@dataclass
class Point:
    """Uptake levels of the free lines and what they give (engine figures, CRN).

    ``multipliers``: of the scenario's own uptake; ``uptake``: the resulting planned uptake
    per line and year (what ``apply_point`` writes); ``outlay_wan``: expected total outlay
    2024–2028 of the whole scenario; ``probabilities``: per indicator and 'all';
    ``exceedance``: P(outlay > appropriation) per year, or None."""
    multipliers: dict[str, float]
    uptake: dict[str, dict[str, float]]
    outlay_wan: float
    probabilities: dict[str, float]
    exceedance: dict[str, float] | None
    estimate: float | None = None  # the search's own figure for the objective, before checking

    def probability(self, target: str = ALL_TARGETS) -> float:
        return self.probabilities[target]

    def within_envelope(self, tolerance: float | None) -> bool:
        if self.exceedance is None or tolerance is None:
            return True
        return all(p <= tolerance + 1e-12 for p in self.exceedance.values())

    def to_dict(self) -> dict[str, Any]:
        return {"multipliers": dict(self.multipliers), "uptake": self.uptake,
                "expected_outlay_2024_2028_wan": self.outlay_wan,
                "probabilities": dict(self.probabilities),
                "appropriation_exceedance": self.exceedance}


@dataclass
class Optimisation:
    """The result of a goal seek: the frontier of expected cost against probability, the
    point that meets the goal (None when it cannot be met), and the scenario as it is."""
    scenario: Scenario
    target: str
    goal: str  # "max_probability" or "min_cost"
    probability_goal: float | None
    tolerance: float | None  # None: no appropriation in the scenario
    lines: list[LineBounds]
    levels: int
    method: str  # "exhaustive" or "coordinate"
    baseline: Point
    frontier: list[Point]
    best: Point | None
    envelope_feasible: bool
    message: str
    draws: int
    seed: int
    sampler: str
    elapsed: float
    timings: dict[str, float] = field(default_factory=dict)
    largest_check_difference: float = 0.0

    @property
    def catalogue(self):
        return self.scenario.catalogue

    @property
    def best_index(self) -> int | None:
        """The goal point's number on the frontier (1 = cheapest), or None."""
        for n, point in enumerate(self.frontier, 1):
            if point is self.best:
                return n
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.name, "draws": self.draws, "seed": self.seed,
            "sampler": self.sampler, "elapsed_seconds": round(self.elapsed, 3),
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
            "goal": self.goal, "target": self.target,
            "probability_goal": self.probability_goal,
            "appropriation_wan": self.scenario.appropriation,
            "exceedance_tolerance": self.tolerance,
            "envelope": ("P(outlay in a year > appropriation) <= tolerance, every year"
                         if self.tolerance is not None else None),
            "cost": "expected total outlay 2024–2028 of all lines (万元)",
            "method": self.method, "levels": self.levels,
            "free_lines": [{"line": b.line, "multiplier_low": b.low, "multiplier_high": b.high,
                            "uptake_low": {y: _scaled(v, b.low) for y, v in
                                           planned_uptake(self.scenario, b.line).items()},
                            "uptake_high": {y: _scaled(v, b.high) for y, v in
                                            planned_uptake(self.scenario, b.line).items()},
                            "source": b.source} for b in self.lines],
            "envelope_feasible": self.envelope_feasible, "message": self.message,
            "largest_check_difference": self.largest_check_difference,
            "baseline": self.baseline.to_dict(),
            "best": self.best.to_dict() if self.best is not None else None,
            "best_frontier_point": self.best_index,
            "frontier": [p.to_dict() for p in self.frontier],
        }


def apply_point(scenario: Scenario, point: Point) -> Scenario:
    """A new scenario with the point's uptake for each of its lines (planned years only);
    the given scenario is unchanged. The app wraps this in an undoable command."""
    edits = []
    for line_id, uptake in point.uptake.items():
        path = _line_path(scenario, line_id)
        planned = planned_uptake(scenario, line_id)
        if set(uptake) != set(planned):
            raise ValueError(f"{line_id}: the point sets years {sorted(uptake)}, the scenario "
                             f"plans {sorted(planned)}")
        edits.append((path + ("uptake",), {year: float(uptake[year]) for year in planned}))
    return _edit(scenario, edits)


class _Tables:
    """Each free line's effect at each multiplier level, measured with the engine (one line
    changed, all else at the base, same draws): the change of the expected total outlay, of
    each indicator's 2028 value per draw and (with an appropriation) of the yearly total
    outlay per draw. Indicators are linear in what each line adds (the engine's model), so
    the effects of several lines add up; outlays add up too but for lines paid from an
    indicator's value (service points), which is why every reported point is checked."""

    def __init__(self, probe: Probe, lines: list[LineBounds], levels: int, target: str,
                 tolerance: float | None, steps: _Steps):
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
        self.appropriation = (np.array([appropriation[str(y)] for y in results.years])[:, None]
                              if appropriation is not None else None)
        self.base_paid = (results.outlay_draws("total").copy() if appropriation is not None
                          else None)
        draws = probe.draws
        per_level = draws * 8 * 2 + (len(results.years) * draws * 4 if appropriation else 0)
        size = per_level * sum(len(m) for m in self.multipliers)
        if size > MAX_TABLE_BYTES:
            raise ValueError(f"the goal seek would need about {size / 2**30:.1f} GiB; use fewer "
                             "draws, fewer levels or fewer free lines")
        self.cost: list[np.ndarray] = []
        self.final: list[dict[str, np.ndarray]] = []  # per line: indicator -> (levels, draws)
        self.paid: list[np.ndarray | None] = []
        total_levels = sum(len(m) for m in self.multipliers)
        done = 0
        try:
            for bounds, multipliers in zip(lines, self.multipliers):
                costs = np.zeros(len(multipliers))
                finals: dict[str, list[np.ndarray]] = {}
                paid = (np.zeros((len(multipliers),) + self.base_paid.shape, dtype=np.float32)
                        if self.base_paid is not None else None)
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
                paid += self.paid[n][k]
        reached = {i: finals[i] > t for i, t in zip(self.indicators, self.targets)}
        together = np.logical_and.reduce([reached[i] for i in self.objective])
        per_target = {i: float(r.mean()) for i, r in reached.items()}
        return float(together.mean()), float(cost), self._violation(paid), per_target

    def _violation(self, paid: np.ndarray | None) -> float:
        if paid is None or self.tolerance is None:
            return 0.0
        exceed = np.mean(paid > self.appropriation, axis=1)
        return float(np.sum(np.maximum(0.0, exceed - self.tolerance)))


def outcome_outlay(results: Results) -> float:
    return float(results.outlay_draws("total").sum(axis=0).mean())


class _State:
    """A combination of levels with its running sums, for fast trial moves."""

    def __init__(self, tables: _Tables, index: Sequence[int], use_envelope: bool = True):
        self.t = tables
        self.use_envelope = use_envelope and tables.base_paid is not None \
            and tables.tolerance is not None
        self.index = list(index)
        self.finals = {i: tables.base_final[i].copy() for i in tables.objective}
        self.cost = tables.base_cost
        self.paid = tables.base_paid.copy() if self.use_envelope else None
        for n, k in enumerate(self.index):
            self.cost += tables.cost[n][k]
            for indicator, table in tables.final[n].items():
                if indicator in self.finals:
                    self.finals[indicator] += table[k]
            if self.paid is not None:
                self.paid += tables.paid[n][k]
        self.targets = dict(zip(tables.indicators, tables.targets))
        self.reached = {i: self.finals[i] > self.targets[i] for i in self.finals}
        self.count = np.sum([r.astype(np.int16) for r in self.reached.values()], axis=0)
        self.need = len(self.finals)
        self.probability = float(np.mean(self.count == self.need))
        self.violation = self.t._violation(self.paid) if self.use_envelope else 0.0

    def trial(self, moves: Mapping[int, int]) -> tuple[float, float, float, dict]:
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
                paid = (self.paid if paid is None else paid) + (t.paid[n][k] - t.paid[n][old])
        if touched:
            count = self.count.copy()
            new_reached = {}
            for indicator, values in touched.items():
                reached = values > self.targets[indicator]
                new_reached[indicator] = reached
                count += reached.astype(np.int16) - self.reached[indicator].astype(np.int16)
            probability = float(np.mean(count == self.need))
        else:
            count, new_reached, probability = self.count, {}, self.probability
        violation = t._violation(paid) if paid is not None else self.violation
        return probability, cost, violation, {"finals": touched, "reached": new_reached,
                                              "count": count, "paid": paid}

    def commit(self, moves: Mapping[int, int], trial) -> None:
        probability, cost, violation, scratch = trial
        for n, k in moves.items():
            self.index[n] = k
        self.finals.update(scratch["finals"])
        self.reached.update(scratch["reached"])
        self.count = scratch["count"]
        if scratch["paid"] is not None:
            self.paid = scratch["paid"]
        self.probability, self.cost, self.violation = probability, cost, violation


#: A violation of the envelope (in probability above the tolerance) weighs like this much
#: objective probability: any reduction of a violation beats any gain elsewhere.
_PENALTY = 1e3


def _score(probability: float, cost: float, violation: float, price: float) -> float:
    """What the coordinate search maximises: probability − price × cost (price in
    probability per 万元), with the envelope's violation as a heavy penalty."""
    return probability - price * cost - _PENALTY * violation


def _ascend(state: _State, price: float, steps: _Steps, max_rounds: int = 200) -> None:
    """Coordinate search: move one line to its best level, the others fixed, in turn; when no
    single move helps, try pairs (one line a level up, another a level down). Stops when no
    move raises the score. Every accepted move raises it, so it ends."""
    sizes = [len(m) for m in state.t.multipliers]
    for _ in range(max_rounds):
        steps.check()
        improved = False
        for n, size in enumerate(sizes):
            steps.check()  # cancelling answers within one line's trials
            current = _score(state.probability, state.cost, state.violation, price)
            best, best_trial = None, None
            for k in range(size):
                if k == state.index[n]:
                    continue
                trial = state.trial({n: k})
                value = _score(*trial[:3], price)
                if value > current + 1e-12:
                    current, best, best_trial = value, k, trial
            if best is not None:
                state.commit({n: best}, best_trial)
                improved = True
        if improved:
            continue
        for a, b in itertools.permutations(range(len(sizes)), 2):
            steps.check()
            up, down = state.index[a] + 1, state.index[b] - 1
            if up >= sizes[a] or down < 0:
                continue
            moves = {a: up, b: down}
            trial = state.trial(moves)
            if _score(*trial[:3], price) > _score(state.probability, state.cost,
                                                  state.violation, price) + 1e-12:
                state.commit(moves, trial)
                improved = True
        if not improved:
            return


def _cheapen(state: _State, goal: float, steps: _Steps, max_rounds: int = 200) -> None:
    """From a state that reaches ``goal`` within the envelope, lower the cost while keeping
    both: single lines down any number of levels, or one line one or two levels down and
    another one level up, whichever saves most, until nothing saves."""
    sizes = [len(m) for m in state.t.multipliers]
    for _ in range(max_rounds):
        steps.check()
        best, best_trial, best_cost = None, None, state.cost - 1e-9
        candidates: list[dict[int, int]] = [{n: k} for n in range(len(sizes))
                                            for k in range(state.index[n])]
        candidates += [{a: state.index[a] - d, b: state.index[b] + 1}
                       for a, b in itertools.permutations(range(len(sizes)), 2)
                       for d in (1, 2) if d <= state.index[a] and state.index[b] + 1 < sizes[b]]
        for moves in candidates:
            steps.check()
            trial = state.trial(moves)
            probability, cost, violation, _ = trial
            if cost < best_cost and probability >= goal and violation <= 0:
                best, best_trial, best_cost = moves, trial, cost
        if best is None:
            return
        state.commit(best, best_trial)


def _greedy(tables: _Tables, start: Sequence[int], direction: int, use_envelope: bool,
            steps: _Steps) -> list[tuple[tuple[int, ...], float, float]]:
    """A path of states from ``start``: upwards (direction +1), each step raises one line by
    one or two levels or to its top, whichever adds most probability per 万元; downwards
    (−1), each step lowers one line, whichever loses least probability per 万元 saved.
    Where probability − price × cost is not concave (all five targets must be reached
    together), these paths reach the parts of the frontier that no single price finds."""
    state = _State(tables, start, use_envelope)
    if state.violation > 0:
        return []
    sizes = [len(m) for m in tables.multipliers]
    path = [(tuple(state.index), state.probability, state.cost)]
    while True:
        steps.check()
        best, best_trial, best_key = None, None, -math.inf
        for n, size in enumerate(sizes):
            current = state.index[n]
            if direction > 0:
                moves = {current + 1, current + 2, size - 1}
            else:
                moves = {current - 1, current - 2, 0}
            for k in sorted(m for m in moves if 0 <= m < size and m != current):
                trial = state.trial({n: k})
                probability, cost, violation, _ = trial
                if violation > 0:
                    continue
                gained, spent = probability - state.probability, cost - state.cost
                if direction > 0:
                    if gained <= 0:
                        continue
                    key = gained / spent if spent > 1e-9 else math.inf
                else:
                    if spent >= -1e-9:
                        continue
                    key = gained / -spent  # the loss per 万元 saved, negated
                if key > best_key:
                    best, best_trial, best_key = {n: k}, trial, key
        if best is None:
            return path
        state.commit(best, best_trial)
        path.append((tuple(state.index), state.probability, state.cost))


def _evolve(tables: _Tables, start: Sequence[int], goal: float | None, use_envelope: bool,
            seed: int, steps: _Steps, generations: int = 30, popsize: int = 5
            ) -> tuple[tuple[int, ...], float, float] | None:
    """scipy.optimize.differential_evolution over one integer level per free line, on the
    tables: maximise the probability (cheapest on ties) or, with a goal, minimise the cost
    while reaching it; the envelope as a penalty. Returns (levels, probability, cost) of the
    best admissible point found, or None."""
    from scipy.optimize import differential_evolution
    sizes = [len(m) for m in tables.multipliers]
    scale = max(abs(tables.base_cost), 1.0)

    def objective(x: np.ndarray) -> float:
        steps.check()
        p, cost, violation, _ = tables.evaluate(tuple(int(round(v)) for v in x))
        penalty = 1e3 * violation if use_envelope else 0.0
        if goal is None:
            return -p + 1e-6 * cost / scale + penalty
        return cost / scale + 1e3 * max(0.0, goal - p) + penalty

    generation = [0]

    def callback(intermediate_result=None) -> None:
        generation[0] += 1
        steps(generation[0] / generations)  # raises Cancelled when asked to stop

    result = differential_evolution(
        objective, [(0, s - 1) for s in sizes], integrality=[True] * len(sizes),
        x0=np.asarray(start, dtype=float), seed=seed % 2**32, popsize=popsize,
        maxiter=generations, tol=0.0, polish=False, callback=callback)
    index = tuple(int(round(v)) for v in result.x)
    p, cost, violation, _ = tables.evaluate(index)
    if use_envelope and violation > 0:
        return None
    return index, p, cost


def _pareto(points: list[tuple[tuple[int, ...], float, float]]
            ) -> list[tuple[tuple[int, ...], float, float]]:
    """(index, probability, cost) points that no other point beats on both (cheapest first)."""
    out = []
    best_probability = -1.0
    for index, probability, cost in sorted(points, key=lambda p: (p[2], -p[1])):
        if probability > best_probability + 1e-12:
            out.append((index, probability, cost))
            best_probability = probability
    return out


def _thin(points: list, keep: int, always: Iterable = ()) -> list:
    """At most about ``keep`` (index, probability, cost) points, spread evenly in
    probability; the first, the last and those in ``always`` are kept."""
    if len(points) <= keep:
        return points
    probabilities = np.array([p[1] for p in points])
    wanted = np.linspace(probabilities[0], probabilities[-1], keep)
    chosen = {int(np.argmin(np.abs(probabilities - w))) for w in wanted}
    chosen |= {0, len(points) - 1}
    always = set(always)
    return [p for i, p in enumerate(points) if i in chosen or p[0] in always]


def optimize(scenario: Scenario, *, bounds: Mapping[str, Sequence[float]] | None = None,
             default_bounds: tuple[float, float] | None = DEFAULT_BOUNDS,
             probability: float | None = None, target: str = ALL_TARGETS,
             tolerance: float = DEFAULT_TOLERANCE, levels: int = DEFAULT_LEVELS,
             draws: int | None = DEFAULT_DRAWS, seed: int | None = None,
             sampler: str | None = None, exhaustive_limit: int = EXHAUSTIVE_LIMIT,
             probe: Probe | None = None, progress: Progress = None,
             cancelled: CancelCheck = None) -> Optimisation:
    """Goal seek over one uptake multiplier per free line (see ``line_bounds``).

    Goal: with ``probability`` None, the levels that maximise the probability of reaching
    ``target`` ('all' five, or one indicator id), the cheapest such; else the cheapest
    levels whose probability is at least ``probability``. Both keep P(outlay in a year >
    appropriation) ≤ ``tolerance`` in every year when the scenario has an appropriation (a
    chance constraint: the budget holds in at least 90 % of draws by default).

    Method: each line's effect is measured with the engine at ``levels`` equal steps between
    its bounds (CRN), the effects are added up (exact for the indicators), and the search
    runs on these tables: every combination when there are at most ``exhaustive_limit``,
    else a coordinate search on probability − price × cost over a ladder of prices (the
    frontier) and a cost-cutting search for a probability goal. Every reported point is then
    recomputed by the engine, and the reported figures are the engine's.
    """
    started = time.perf_counter()
    steps = _Steps(progress, cancelled)
    catalogue = scenario.catalogue
    if target != ALL_TARGETS and target not in catalogue.indicator_ids:
        raise ValueError(f"unknown target {target!r}; use 'all' or one of "
                         f"{', '.join(catalogue.indicator_ids)}")
    if probability is not None and not 0 <= probability <= 1:
        raise ValueError(f"probability must be between 0 and 1, got {probability}")
    if not 0 <= tolerance <= 1:
        raise ValueError(f"tolerance must be between 0 and 1, got {tolerance}")
    if levels < 2:
        raise ValueError(f"levels must be at least 2, got {levels}")
    free = line_bounds(scenario, bounds, default_bounds)
    if not free:
        raise ValueError("no line is free to move: give bounds for at least one line")
    timings: dict[str, float] = {}
    probe = _probe(scenario, probe, draws, seed, sampler,
                   steps.part(0.0, 0.15 if probe is None else 0.0))
    timings["base_run"] = probe.elapsed
    tolerance_used = tolerance if scenario.appropriation is not None else None
    t = time.perf_counter()
    tables = _Tables(probe, free, levels, target, tolerance_used, steps.part(0.15, 0.6))
    timings["tables"] = time.perf_counter() - t
    t = time.perf_counter()
    sizes = [len(m) for m in tables.multipliers]
    combinations = math.prod(sizes)
    cheapest = tuple(0 for _ in sizes)
    envelope_feasible = tables.evaluate(cheapest)[2] <= 0
    use_envelope = envelope_feasible and tolerance_used is not None
    search = steps.part(0.6, 0.85)
    candidates: list[tuple[tuple[int, ...], float, float]] = []
    goal_index: tuple[int, ...] | None = None
    if combinations <= exhaustive_limit:
        method = "exhaustive"
        feasible = []
        for n, index in enumerate(itertools.product(*[range(s) for s in sizes])):
            p, cost, violation, _ = tables.evaluate(index)
            if violation <= 0 or not use_envelope:
                feasible.append((index, p, cost))
            if n % 256 == 0:
                search(n / combinations)
        candidates = _pareto(feasible)
        if probability is None:
            goal_index = candidates[-1][0] if candidates else None
        else:
            reaching = [c for c in candidates if c[1] >= probability]
            goal_index = reaching[0][0] if reaching else None
    else:
        method = "coordinate"
        top = tuple(s - 1 for s in sizes)
        p_low, c_low = tables.evaluate(cheapest)[:2]
        p_high, c_high = tables.evaluate(top)[:2]
        slope = max((p_high - p_low) / max(c_high - c_low, 1e-9), 1e-12)
        prices = [slope * 2.0 ** (3 - j) for j in range(12)] + [slope * 1e-6]
        state = _State(tables, cheapest, use_envelope)
        for j, price in enumerate(prices):
            _ascend(state, price, search.part(0.5 * j / len(prices),
                                              0.5 * (j + 1) / len(prices)))
            candidates.append((tuple(state.index), state.probability, state.cost))
        candidates += _greedy(tables, cheapest, +1, use_envelope, search.part(0.5, 0.65))
        candidates += _greedy(tables, top, -1, use_envelope, search.part(0.65, 0.8))
        # Down again from the best point so far: the top may break the envelope, and a
        # path down from the best fills gaps that the path up leapt over.
        highest = _pareto(candidates)[-1][0]
        if highest != top:
            candidates += _greedy(tables, highest, -1, use_envelope, search.part(0.8, 0.9))
        candidates = _pareto(candidates)
        polish = search.part(0.9, 0.95)
        if probability is None:
            state = _State(tables, candidates[-1][0], use_envelope)
            _ascend(state, slope * 1e-6, polish)
            candidates = _pareto(candidates + [(tuple(state.index), state.probability,
                                                state.cost)])
            start = candidates[-1][0]
        else:
            reaching = [c for c in candidates if c[1] >= probability]
            start = reaching[0][0] if reaching else candidates[-1][0]
            if reaching:
                state = _State(tables, reaching[0][0], use_envelope)
                _cheapen(state, probability, polish)
                candidates = _pareto(candidates + [(tuple(state.index), state.probability,
                                                    state.cost)])
                start = [c for c in candidates if c[1] >= probability][0][0]
        # Differential evolution (scipy.optimize) over the integer levels, started from the
        # best point of the coordinate search, may still find a better one.
        method = "coordinate search + differential evolution"
        evolved = _evolve(tables, start, probability, use_envelope, probe.seed,
                          search.part(0.95, 1.0))
        if evolved is not None:
            candidates = _pareto(candidates + [evolved])
        if probability is None:
            goal_index = candidates[-1][0]
        else:
            reaching = [c for c in candidates if c[1] >= probability]
            goal_index = reaching[0][0] if reaching else None
    timings["search"] = time.perf_counter() - t
    t = time.perf_counter()
    shown = _thin(candidates, MAX_FRONTIER_POINTS, [goal_index] if goal_index else [])
    indices = [c[0] for c in shown]
    if goal_index is not None and goal_index not in indices:
        indices.append(goal_index)
    checked = _check_points(probe, tables, indices, steps.part(0.85, 1.0))
    timings["check"] = time.perf_counter() - t
    largest = max((abs(p.estimate - p.probability(target)) for p in checked.values()
                   if p.estimate is not None), default=0.0)
    frontier = sorted(checked.values(), key=lambda p: p.outlay_wan)
    # The engine has the last word: drop points it shows to be dominated.
    kept, best_probability = [], -1.0
    for point in frontier:
        if point.probability(target) > best_probability + 1e-12:
            kept.append(point)
            best_probability = point.probability(target)
    frontier = kept
    admissible = [p for p in frontier if p.within_envelope(tolerance_used if use_envelope
                                                           else None)]
    best: Point | None
    if probability is None:
        best = max(admissible, key=lambda p: (p.probability(target), -p.outlay_wan),
                   default=None)
        goal = "max_probability"
    else:
        reaching = [p for p in admissible if p.probability(target) >= probability]
        best = min(reaching, key=lambda p: p.outlay_wan, default=None)
        goal = "min_cost"
    message = _message(goal, probability, target, best, frontier, envelope_feasible,
                       tolerance_used)
    baseline_multipliers = {b.line: 1.0 for b in free}
    baseline = Point(baseline_multipliers,
                     {b.line: planned_uptake(scenario, b.line) for b in free},
                     probe.base.outlay_wan, dict(probe.base.probabilities),
                     probe.base.exceedance)
    steps(1.0)
    return Optimisation(scenario, target, goal, probability, tolerance_used, free, levels,
                        method, baseline, frontier, best, envelope_feasible, message,
                        probe.draws, probe.seed, probe.sampler,
                        time.perf_counter() - started, timings, largest)


def _check_points(probe: Probe, tables: _Tables, indices: list[tuple[int, ...]],
                  steps: _Steps) -> dict[tuple[int, ...], Point]:
    """Recompute each point with the engine (moving only the lines that differ from the
    point before), so that every reported figure is the engine's own."""
    scenario = probe.scenario
    out: dict[tuple[int, ...], Point] = {}
    current = None
    try:
        for n, index in enumerate(indices):
            multipliers = {b.line: float(m[k]) for b, m, k in
                           zip(tables.lines, tables.multipliers, index)}
            changed = [b.line for i, b in enumerate(tables.lines)
                       if current is None or current[i] != index[i]]
            variant = scale_uptake(scenario, multipliers)
            results = probe.apply(variant, changed) if changed else probe.engine.results
            current = index
            result = outcome(results)
            uptake = {line: planned_uptake(variant, line) for line in multipliers}
            out[index] = Point(multipliers, uptake, result.outlay_wan,
                               dict(result.probabilities), result.exceedance,
                               estimate=tables.evaluate(index)[0])
            steps((n + 1) / len(indices))
    finally:
        probe.restore()
    return out


def _message(goal, probability, target, best, frontier, envelope_feasible, tolerance) -> str:
    if not envelope_feasible:
        return (f"even the lowest levels exceed the appropriation in more than "
                f"{tolerance:.0%} of draws in some year; the frontier ignores the envelope")
    if best is None:
        top = max((p.probability(target) for p in frontier), default=0.0)
        return (f"no levels within the bounds reach {probability:.1%}; the highest is "
                f"{top:.1%}")
    if goal == "min_cost":
        return (f"cheapest levels reaching {probability:.1%}: {best.probability(target):.1%} "
                f"at {best.outlay_wan / 1e4:,.2f} 亿元 expected")
    return (f"highest probability {best.probability(target):.1%} at "
            f"{best.outlay_wan / 1e4:,.2f} 亿元 expected")
