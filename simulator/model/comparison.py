"""Scenario comparison: which assumptions differ, and what that does to outlays and targets.

Every scenario is run with the same draws, seed and sampler (the first scenario's unless
given). Random numbers are keyed by seed and line, so the differences between scenarios come
from their assumptions, not from noise: comparing a scenario with itself gives no difference
at all, in every draw.

Up to KEEP_DRAWS_LIMIT draws every scenario keeps its draws; above, the scenarios are drawn
side by side in parts (see ``chunked``), keeping summaries only, and the differences of
their total outlays are summarised draw by draw as the parts go (exact percentiles, as in
``streamed``), so memory stays bounded however many draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .chunked import PartSink
from .engine import KEEP_DRAWS_LIMIT, Engine, run_side_by_side
from .results import SPAN, Results
from .scenario import Scenario
from .stats import summarise
from .streamed import StreamedRow, StreamedRows, summary

#: Free-text fields: documentation, not assumptions.
TEXT_FIELDS = {"basis", "note", "source", "name", "description", "name_zh", "name_en"}
#: Settings of the run, not assumptions about the world (a comparison uses common ones).
SETTINGS = {"simulation", "schema_version", "catalogue_version"}


@dataclass(frozen=True)
class Difference:
    """One assumption that differs: where (path), for which line and year, old → new."""

    path: str
    line: str | None
    year: str | None
    field: str
    old: Any
    new: Any

    def label(self, scenario: Scenario, language: str = "zh") -> str:
        """e.g. '2026 行业共性技术攻关项目 · uptake: 12 → 15'."""
        parts = []
        if self.year:
            parts.append(self.year)
        if self.line and scenario.catalogue.has_line(self.line):
            parts.append(scenario.catalogue.line(self.line).name(language))
        elif self.line:
            parts.append(self.line)
        where = " ".join(parts)
        return (
            f"{where + ' · ' if where else ''}{self.field}: {_short(self.old)} → {_short(self.new)}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "year": self.year,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


def _short(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.6g}"
    if isinstance(value, (list, dict)):
        text = str(value)
        return text if len(text) <= 40 else text[:39] + "…"
    return str(value)


def assumption_differences(old: Scenario, new: Scenario) -> list[Difference]:
    """Every assumption (not free text) that differs between two scenarios, in file order."""
    out: list[Difference] = []

    def walk(a: Any, b: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in list(a) + [k for k in b if k not in a]:
                if key in TEXT_FIELDS or (not path and key in SETTINGS):
                    continue
                walk(a.get(key), b.get(key), path + (key,))
            return
        if isinstance(a, list) and isinstance(b, list) and path[-1:] != ("disbursement",):
            for i in range(max(len(a), len(b))):
                walk(a[i] if i < len(a) else None, b[i] if i < len(b) else None, path + (i,))
            return
        if a != b:
            out.append(_difference(path, a, b))

    walk(old.data, new.data, ())
    return out


def _difference(path: tuple[str | int, ...], old: Any, new: Any) -> Difference:
    text = ".".join(str(p) for p in path)
    line = year = None
    if len(path) >= 2 and path[0] == "lines":
        line = str(path[1])  # a key of the lines object
    year = next((str(p) for p in path if isinstance(p, str) and p.isdigit() and len(p) == 4), None)
    fields = [
        str(p)
        for p in path
        if not (isinstance(p, str) and p.isdigit())
        and not isinstance(p, int)
        and p != line
        and p != "lines"
    ]
    return Difference(text, line, year, ".".join(fields) or text, old, new)


@dataclass
class Comparison:
    """Several scenarios run with common random numbers; the first is the reference."""

    scenarios: list[Scenario]
    results: list[Results]
    draws: int
    seed: int
    sampler: str
    #: outlay_difference of each scenario after the first, when made as the draws went
    #: (runs in parts); otherwise computed from the draws when asked
    summarised_differences: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        names = [s.name for s in self.scenarios]
        return [f"{n} ({i + 1})" if names.count(n) > 1 else n for i, n in enumerate(names)]

    def differences(self, index: int) -> list[Difference]:
        """Assumptions of scenario ``index`` that differ from the reference (the first)."""
        return assumption_differences(self.scenarios[0], self.scenarios[index])

    def outlay_difference(self, index: int) -> dict[str, np.ndarray]:
        """Total outlay of scenario ``index`` minus the reference, draw by draw: mean and
        percentiles per year and for 2024–2028 (万元)."""
        if index in self.summarised_differences:
            return self.summarised_differences[index]
        a = self.results[0].outlay_draws("total")
        b = self.results[index].outlay_draws("total")
        delta = b - a
        return summarise(np.vstack([delta, delta.sum(axis=0)]))

    def target_difference(self, index: int) -> dict[str, float]:
        a, b = self.results[0], self.results[index]
        out = {
            i.id: b.target_probability(i.id) - a.target_probability(i.id)
            for i in a.catalogue.indicators
        }
        out["all"] = b.all_targets_probability() - a.all_targets_probability()
        return out

    def to_dict(self) -> dict[str, Any]:
        labels = [str(y) for y in self.results[0].years] + [SPAN]
        names = self.names

        def table(
            stats: dict[str, np.ndarray], keys: tuple[str, ...] = ("mean", "p05", "p50", "p95")
        ) -> dict[str, dict[str, float]]:
            return {
                label: {k: float(stats[k][i]) for k in keys if k in stats}
                for i, label in enumerate(labels)
            }

        return {
            "settings": {
                "draws": self.draws,
                "seed": self.seed,
                "sampler": self.sampler,
                "reference": names[0],
            },
            "scenarios": names,
            "assumption_differences": {
                names[i]: [d.to_dict() for d in self.differences(i)] for i in range(1, len(names))
            },
            "outlay_wan": {
                "total": {names[i]: table(r.outlay()) for i, r in enumerate(self.results)},
                "difference": {
                    names[i]: table(self.outlay_difference(i)) for i in range(1, len(names))
                },
            },
            "targets": {
                names[i]: {
                    **{ind.id: r.target_probability(ind.id) for ind in r.catalogue.indicators},
                    "all": r.all_targets_probability(),
                }
                for i, r in enumerate(self.results)
            },
            "target_difference": {
                names[i]: self.target_difference(i) for i in range(1, len(names))
            },
        }


def compare(
    scenarios: Iterable[Scenario],
    draws: int | None = None,
    seed: int | None = None,
    sampler: str | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    """Run every scenario with the same settings (the first one's unless given)."""
    scenarios = list(scenarios)
    if len(scenarios) < 2:
        raise ValueError("a comparison needs at least two scenarios")
    first = scenarios[0]
    draws = draws or first.draws
    seed = first.seed if seed is None else seed
    sampler = sampler or first.sampler
    if draws > KEEP_DRAWS_LIMIT:
        return _compare_in_parts(scenarios, draws, seed, sampler, progress, cancelled)
    results = []
    for i, scenario in enumerate(scenarios):

        def part(fraction: float, i: int = i) -> None:
            if progress is not None:
                progress((i + fraction) / len(scenarios))

        engine = Engine(scenario, draws=draws, seed=seed, sampler=sampler, keep_draws=True)
        results.append(engine.run(progress=part, cancelled=cancelled))
    return Comparison(scenarios, results, draws, seed, sampler)


def _compare_in_parts(
    scenarios: list[Scenario],
    draws: int,
    seed: int,
    sampler: str,
    progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Comparison:
    """The scenarios drawn side by side in parts; the differences of each part's total
    outlays from the first scenario's, draw by draw, streamed into summaries."""
    engines = [
        Engine(scenario, draws=draws, seed=seed, sampler=sampler, keep_draws=False)
        for scenario in scenarios
    ]
    n_years = len(engines[0].years)
    rows = StreamedRows((n_years + 1) * (len(scenarios) - 1))
    deltas: list[list[StreamedRow]] = [
        [rows.row() for _ in range(n_years + 1)] for _ in scenarios[1:]
    ]

    def between(sinks: list[PartSink]) -> None:
        reference = sinks[0].total
        assert reference is not None  # every part has a total
        for sink, delta_rows in zip(sinks[1:], deltas):
            if not (rows.first or any(row.pending for row in delta_rows)):
                continue
            assert sink.total is not None
            delta = sink.total - reference
            for row, values in zip(delta_rows, delta):
                rows.add(row, values)
            rows.add(delta_rows[-1], delta.sum(axis=0))

    results = run_side_by_side(
        engines, None, progress, cancelled, between=between, more=rows.finish_pass
    )
    differences = {i + 1: summary(delta_rows) for i, delta_rows in enumerate(deltas)}
    return Comparison(scenarios, results, draws, seed, sampler, differences)
