"""Results of a run: outlays per line, measure, section, department and in total, and the
headline indicators, as distributions over draws (mean and percentiles), plus the chance of
reaching each 2028 target.

With draws kept (runs up to ``KEEP_DRAWS_LIMIT``) summaries are computed on first use and
cached; after a one-line update, summaries of series that did not change are reused. Larger
runs summarise each series as soon as it is complete and keep only the summaries; runs drawn
in parts (``chunked``) send each part's series to a sink, and their Results are made from
the sink's summaries and probabilities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, cast

import numpy as np

from .catalogue import Catalogue
from .messages import translate
from .plan import LineDraws, LinePlan
from .scenario import Scenario
from .stats import QUANTILE_NAMES, summarise
from .version import __version__

SPAN = "2024-2028"
SERIES_KINDS = ("line", "measure", "section", "department", "total")
STAT_NAMES = ("mean",) + QUANTILE_NAMES

Key = tuple[str, str]


class SeriesSink(Protocol):
    """Where a run drawn in parts sends each complete series (see ``chunked``)."""

    def series(self, key: Key, paid: np.ndarray, after: np.ndarray) -> None: ...

    def awards(self, line_id: str, awards: np.ndarray) -> None: ...


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


def series_keys(plan: LinePlan, catalogue: Catalogue) -> list[Key]:
    """The series a line's outlay adds into."""
    measure = catalogue.measure(plan.line.measure)
    return [
        ("line", plan.id),
        ("measure", str(measure.number)),
        ("section", measure.section),
        ("department", plan.department),
        ("total", "total"),
    ]


EXCEEDANCE = ("exceedance", "total")


def exceedance(
    total: np.ndarray, appropriation: dict[str, float], years: Iterable[int]
) -> dict[str, float]:
    """Share of draws whose yearly total outlay is above the year's appropriation."""
    return {
        str(year): float(np.mean(total[i] > appropriation[str(year)]))
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
        self.remaining: Counter[Key] = Counter()
        for plan in engine.plans.values():
            for key in series_keys(plan, self.catalogue):
                self.remaining[key] += 1

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
        for key in series_keys(plan, self.catalogue):
            if key[0] == "line":
                self.arrays[key] = draws.paid
                self.after[key] = draws.after_horizon
            elif key not in self.arrays:
                self.arrays[key] = draws.paid.copy()
                self.after[key] = draws.after_horizon.copy()
            else:
                self.arrays[key] += draws.paid
                self.after[key] += draws.after_horizon
            self.remaining[key] -= 1
            if not self.keep and self.remaining[key] == 0:
                paid, after = self.arrays.pop(key), self.after.pop(key)
                if self.sink is not None:
                    if not (sunk and key[0] == "line"):
                        self.sink.series(key, paid, after)
                    continue
                if key not in self.summaries:
                    self.summaries[key] = summarise_outlay(paid, after)
                if key == ("total", "total") and self.appropriation is not None:
                    self.summaries[EXCEEDANCE] = exceedance(paid, self.appropriation, self.years)

    def replace(self, plan: LinePlan, old: LineDraws, new: LineDraws) -> None:
        """Swap one line's draws (keep mode): the sums it belongs to are updated in place by
        the difference (no new arrays: a slider move allocates nothing large), and the
        series touched are recorded in ``changed``."""
        if new.awards is not None:
            self.awards_mean[plan.id] = new.awards.mean(axis=1)
        if self._delta is None or self._delta.shape != new.paid.shape:
            self._delta = np.empty_like(new.paid)
        delta = np.subtract(new.paid, old.paid, out=self._delta)
        delta_after = new.after_horizon - old.after_horizon
        self.summaries.pop(EXCEEDANCE, None)
        self.changed.add(EXCEEDANCE)
        for key in series_keys(plan, self.catalogue):
            self.summaries.pop(key, None)
            self.changed.add(key)
            if key[0] == "line":
                self.arrays[key] = new.paid
                self.after[key] = new.after_horizon
            else:
                self.arrays[key] += delta
                self.after[key] += delta_after


class Results:
    """Distributions of outlays (万元) and indicators over the draws of one run.

    After ``Engine.update`` the engine's sums change in place: per-draw arrays of an earlier
    Results of the same engine then show the new numbers (summaries it already computed
    stay). Keep the latest Results, or copy what you need before updating."""

    def __init__(
        self,
        *,
        scenario: Scenario,
        years: Iterable[int],
        draws: int,
        seed: int,
        sampler: str,
        elapsed: float,
        arrays: dict[Key, np.ndarray],
        after: dict[Key, np.ndarray],
        summaries: dict[Key, dict[str, Any]],
        awards_mean: dict[str, np.ndarray],
        indicator_paths: dict[str, np.ndarray],
        aggregator: StreamingAggregator,
        previous: Results | None = None,
        indicator_summaries: dict[str, dict[str, np.ndarray]] | None = None,
        target_probabilities: dict[str, float] | None = None,
        all_targets_probability: float | None = None,
    ) -> None:
        """Without per-draw indicator paths (a run drawn in parts), the indicator summaries
        and target probabilities are given instead."""
        self.scenario = scenario
        self.catalogue = scenario.catalogue
        self.years = tuple(years)
        self.draws = draws
        self.seed = seed
        self.sampler = sampler
        self.elapsed = elapsed
        self._arrays = arrays
        self._after = after
        self._summaries: dict[Key, dict[str, Any]] = dict(summaries)
        self.awards_mean = awards_mean
        self.indicator_paths = indicator_paths
        self.aggregator = aggregator
        self._indicator_summaries: dict[str, dict[str, np.ndarray]] = dict(
            indicator_summaries or {}
        )
        self._target_probabilities = target_probabilities
        self._all_targets_probability = all_targets_probability
        if previous is not None:
            # Reuse the summaries of series that did not change since the previous results.
            changed = aggregator.changed
            for key, summary in previous._summaries.items():
                if key not in changed and key not in self._summaries:
                    self._summaries[key] = summary
            for name, path in indicator_paths.items():
                if (
                    previous.indicator_paths.get(name) is path
                    and name in previous._indicator_summaries
                ):
                    self._indicator_summaries[name] = previous._indicator_summaries[name]

    @classmethod
    def from_engine(
        cls,
        engine: Run,
        aggregator: StreamingAggregator,
        elapsed: float,
        previous: Results | None = None,
    ) -> Results:
        results = cls(
            scenario=engine.scenario,
            years=engine.years,
            draws=engine.draws,
            seed=engine.seed,
            sampler=engine.sampler,
            elapsed=elapsed,
            arrays=dict(aggregator.arrays),
            after=dict(aggregator.after),
            summaries=aggregator.summaries,
            awards_mean=dict(aggregator.awards_mean),
            indicator_paths=dict(engine.indicator_paths),
            aggregator=aggregator,
            previous=previous,
        )
        aggregator.changed.clear()
        return results

    # ------------------------------------------------------------------ draws
    @property
    def has_draws(self) -> bool:
        """Whether per-draw arrays were kept (runs up to KEEP_DRAWS_LIMIT draws)."""
        return bool(self._arrays) and ("total", "total") in self._arrays

    def outlay_draws(self, kind: str, key: str = "total") -> np.ndarray:
        """Per-draw outlay (万元) of a series, shape (years, draws)."""
        return self._arrays[(kind, str(key))]

    def series(self, kind: str) -> list[str]:
        """Keys of every series of a kind, in catalogue order."""
        keys = set(k for (kd, k) in list(self._arrays) + list(self._summaries) if kd == kind)
        if kind == "line":
            return [line.id for line in self.catalogue.lines if line.id in keys]
        if kind == "measure":
            return sorted(keys, key=int)
        if kind == "section":
            return [s.id for s in self.catalogue.sections if s.id in keys]
        if kind == "department":
            return [d for d in self.catalogue.departments if d in keys]
        return sorted(keys)

    # ------------------------------------------------------------------ summaries
    def _summary(self, kind: str, key: str) -> dict[str, Any]:
        k = (kind, str(key))
        if k not in self._summaries:
            self._summaries[k] = summarise_outlay(self._arrays[k], self._after[k])
        return self._summaries[k]

    def outlay(self, kind: str = "total", key: str = "total") -> dict[str, np.ndarray]:
        """{'mean', 'p05', 'p25', 'p50', 'p75', 'p95'}, each an array over the years and then
        the 2024–2028 sum (len(years) + 1), in 万元."""
        return cast("dict[str, np.ndarray]", self._summary(kind, key)["rows"])

    def after_horizon_mean(self, kind: str = "total", key: str = "total") -> float:
        """Mean money committed in 2024–2028 but paid after 2028 (万元)."""
        return cast(float, self._summary(kind, key)["after_mean"])

    def indicator(self, indicator_id: str) -> dict[str, np.ndarray]:
        """Summary of an indicator over 2023 (start) … 2028, in its own unit."""
        if indicator_id not in self._indicator_summaries:
            self._indicator_summaries[indicator_id] = summarise(self.indicator_paths[indicator_id])
        return self._indicator_summaries[indicator_id]

    def target_probability(self, indicator_id: str) -> float:
        """P(indicator in 2028 > its target): the plan says 超过 (more than)."""
        if self._target_probabilities is not None:
            return self._target_probabilities[indicator_id]
        target = self.catalogue.indicator(indicator_id).target_2028
        return float(np.mean(self.indicator_paths[indicator_id][-1] > target))

    def all_targets_probability(self) -> float:
        if self._all_targets_probability is not None:
            return self._all_targets_probability
        reached = np.ones(self.draws, dtype=bool)
        for indicator in self.catalogue.indicators:
            reached &= self.indicator_paths[indicator.id][-1] > indicator.target_2028
        return float(reached.mean())

    def appropriation_exceedance(self) -> dict[str, float] | None:
        """P(outlay in a year > that year's appropriation), by year, or None without one."""
        appropriation = self.scenario.appropriation
        if appropriation is None:
            return None
        if EXCEEDANCE not in self._summaries:
            self._summaries[EXCEEDANCE] = exceedance(
                self._arrays[("total", "total")], appropriation, self.years
            )
        return dict(self._summaries[EXCEEDANCE])

    def flag(self, probability: float) -> str:
        thresholds = self.scenario.flag_thresholds
        if probability >= thresholds["on_track"]:
            return "on_track"
        if probability >= thresholds["at_risk"]:
            return "at_risk"
        return "off_track"

    # ------------------------------------------------------------------ export
    def _year_table(self, stats: dict[str, np.ndarray], labels: list[str]) -> dict[str, Any]:
        return {
            label: {name: float(stats[name][i]) for name in STAT_NAMES}
            for i, label in enumerate(labels)
        }

    def summarise_all(self, threads: int = 2) -> None:
        """Compute every summary now, on ``threads`` threads (numpy releases the GIL)."""
        missing = [k for k in self._arrays if k not in self._summaries]
        indicators = [i for i in self.indicator_paths if i not in self._indicator_summaries]
        with ThreadPoolExecutor(max(1, threads)) as pool:
            outlays = pool.map(lambda k: summarise_outlay(self._arrays[k], self._after[k]), missing)
            paths = pool.map(lambda i: summarise(self.indicator_paths[i]), indicators)
            self._summaries.update(zip(missing, outlays))
            self._indicator_summaries.update(zip(indicators, paths))

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready data (the shape `qdplan run --format json` prints)."""
        self.summarise_all()
        labels = [str(y) for y in self.years] + [SPAN]
        outlays: dict[str, Any] = {
            "total": self._year_table(self.outlay(), labels),
            "total_after_2028_mean": self.after_horizon_mean(),
        }
        for kind, name in (
            ("line", "by_line"),
            ("measure", "by_measure"),
            ("section", "by_section"),
            ("department", "by_department"),
        ):
            outlays[name] = {
                key: self._year_table(self.outlay(kind, key), labels) for key in self.series(kind)
            }
        indicator_labels = ["2023"] + [str(y) for y in self.years]
        return {
            "qdplan_version": __version__,
            "scenario": self.scenario.name,
            "catalogue_version": self.catalogue.version,
            "draws": self.draws,
            "seed": self.seed,
            "sampler": self.sampler,
            "elapsed_seconds": round(self.elapsed, 4),
            "years": list(self.years),
            "units": {
                "outlay": "万元",
                "indicators": {i.id: i.unit for i in self.catalogue.indicators},
            },
            "outlay_wan": outlays,
            "awards_mean": {
                line_id: {str(y): float(v) for y, v in zip(self.years, values)}
                for line_id, values in self.awards_mean.items()
            },
            "indicators": {
                i.id: self._year_table(self.indicator(i.id), indicator_labels)
                for i in self.catalogue.indicators
            },
            "targets": {
                i.id: {
                    "target": i.target_2028,
                    "unit": i.unit,
                    "probability": self.target_probability(i.id),
                    "flag": self.flag(self.target_probability(i.id)),
                }
                for i in self.catalogue.indicators
            },
            "all_targets_probability": self.all_targets_probability(),
            "appropriation_wan": self.scenario.appropriation,
            "appropriation_exceedance_probability": self.appropriation_exceedance(),
        }

    def rows(self) -> Iterator[dict[str, Any]]:
        """Flat rows for CSV: one per series and year (incl. the 2024–2028 span)."""
        labels = [str(y) for y in self.years] + [SPAN]
        for kind in SERIES_KINDS:
            for key in self.series(kind):
                stats = self.outlay(kind, key)
                for i, label in enumerate(labels):
                    yield {
                        "quantity": "outlay_wan",
                        "level": kind,
                        "id": key,
                        "name_zh": self._name(kind, key, "zh"),
                        "name_en": self._name(kind, key, "en"),
                        "year": label,
                        **{n: float(stats[n][i]) for n in STAT_NAMES},
                    }
        for indicator in self.catalogue.indicators:
            stats = self.indicator(indicator.id)
            for i, label in enumerate(["2023"] + [str(y) for y in self.years]):
                yield {
                    "quantity": f"indicator_{indicator.unit}",
                    "level": "indicator",
                    "id": indicator.id,
                    "name_zh": indicator.name_zh,
                    "name_en": indicator.name_en,
                    "year": label,
                    **{n: float(stats[n][i]) for n in STAT_NAMES},
                }

    def _name(self, kind: str, key: str, language: str) -> str:
        catalogue = self.catalogue
        zh = language == "zh"
        if kind == "line":
            return catalogue.line(key).name(language)
        if kind == "measure":
            m = catalogue.measure(int(key))
            return f"{m.number}. {m.title_zh if zh else m.title_en}"
        if kind == "section":
            s = catalogue.section(key)
            return f"{s.id}、{s.title_zh}" if zh else s.title_en
        if kind == "department":
            return key if zh else catalogue.departments.get(key, key)
        return translate("Total", language)
