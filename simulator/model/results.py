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

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import numpy as np

from .aggregator import (
    EXCEEDANCE,
    TARGETS,
    Key,
    Run,
    StreamingAggregator,
    exceedance,
    summarise_outlay,
)
from .budget_results import NET, RETURNS, budget_figures
from .result_rows import SERIES_KINDS as _SERIES_KINDS
from .result_rows import SPAN as _SPAN
from .result_rows import STAT_NAMES as _STAT_NAMES
from .result_rows import result_rows
from .scenario import Scenario
from .stats import summarise
from .targets import count_target_draws, summarise_tallies, target_tallies
from .version import __version__

SPAN = _SPAN
SERIES_KINDS = _SERIES_KINDS
STAT_NAMES = _STAT_NAMES


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
        count_target_tallies: dict[str, Any] | None = None,
        sums: dict[str, np.ndarray] | None = None,
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
        self._count_target_tallies = count_target_tallies or {}
        self.sums = dict(aggregator.sums if sums is None else sums)
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
        tallies: dict[str, Any] | None = None
        if previous is not None and TARGETS not in aggregator.changed:
            tallies = previous._count_target_tallies
        elif aggregator.catalogue.count_targets:
            # after a one-line update, only the targets that follow the lines replaced
            values = count_target_draws(
                aggregator.catalogue,
                engine.scenario.count_targets,
                aggregator.target_awards,
                engine.random,
                engine.draws,
                engine.first_block,
                None if previous is None else aggregator.target_changed,
                aggregator.target_others if aggregator.keep else None,
            )
            tallies = dict(previous._count_target_tallies) if previous is not None else {}
            tallies.update(target_tallies(aggregator.catalogue, values))
            if aggregator.sink is not None:
                aggregator.sink.count_targets(tallies)
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
            count_target_tallies=tallies,
        )
        aggregator.changed.clear()
        aggregator.target_changed.clear()
        return results

    # ------------------------------------------------------------------ draws
    @property
    def has_draws(self) -> bool:
        """Whether per-draw arrays were kept (runs up to KEEP_DRAWS_LIMIT draws)."""
        return bool(self._arrays) and ("total", "total") in self._arrays

    def outlay_draws(self, kind: str, key: str = "total") -> np.ndarray:
        """Per-draw outlay (万元) of a series, shape (years, draws)."""
        return self._draws((kind, str(key)))[0]

    def _draws(self, key: Key) -> tuple[np.ndarray, np.ndarray]:
        """(paid, after) of a series; the net cost is the total less the returns."""
        if key in self._arrays:
            return self._arrays[key], self._after[key]
        if key == NET and key in self.aggregator.lazy:
            total, returns = ("total", "total"), RETURNS
            return (
                self._arrays[total] - self._arrays[returns],
                self._after[total] - self._after[returns],
            )
        raise KeyError(key)

    def series(self, kind: str) -> list[str]:
        """Keys of every series of a kind, in catalogue order."""
        every = list(self._arrays) + list(self._summaries) + list(self.aggregator.lazy)
        keys = set(k for (kd, k) in every if kd == kind)
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
            self._summaries[k] = summarise_outlay(*self._draws(k))
        return self._summaries[k]

    def outlay(self, kind: str = "total", key: str = "total") -> dict[str, np.ndarray]:
        """{'mean', 'p05', 'p25', 'p50', 'p75', 'p95'}, each an array over the years and then
        the 2024–2028 sum (len(years) + 1), in 万元."""
        return cast("dict[str, np.ndarray]", self._summary(kind, key)["rows"])

    def outlay_mean(self, kind: str = "total", key: str = "total") -> np.ndarray:
        """The mean of ``outlay`` alone (the same numbers), without its percentiles unless
        they are known already: the rationing figures of every line after a slider move."""
        k = (kind, str(key))
        if k in self._summaries:
            return cast(np.ndarray, self._summaries[k]["rows"]["mean"])
        paid = self._draws(k)[0]
        span = paid.sum(axis=0)
        return np.append(paid.mean(axis=1), span.mean())

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

    def count_targets(self) -> dict[str, dict[str, Any]]:
        """Per count target of the plan (``targets``): the target, the mean count per year,
        the probability of reaching it (count ≥ target) and of reaching it each year, and
        its flag."""
        out = summarise_tallies(self.catalogue, self._count_target_tallies, self.draws)
        for summary in out.values():
            summary["flag"] = self.flag(summary["probability"])
        return out

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
        missing = [
            k for k in list(self._arrays) + list(self.aggregator.lazy) if k not in self._summaries
        ]
        indicators = [i for i in self.indicator_paths if i not in self._indicator_summaries]
        with ThreadPoolExecutor(max(1, threads)) as pool:
            outlays = pool.map(lambda k: summarise_outlay(*self._draws(k)), missing)
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
            "count_targets": self.count_targets(),
            "appropriation_wan": self.scenario.appropriation,
            "appropriation_exceedance_probability": self.appropriation_exceedance(),
            **budget_figures(self),
        }

    def rows(self) -> Iterator[dict[str, Any]]:
        """Flat rows for CSV: one per series and year (incl. the 2024–2028 span)."""
        return result_rows(self)
