"""Scenario comparison: which assumptions differ, and what that does to outlays and targets.

Every scenario is run with the same draws, seed and sampler (the first scenario's unless
given). Random numbers are keyed by seed and line, so the differences between scenarios come
from their assumptions, not from noise: comparing a scenario with itself gives no difference
at all, in every draw.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

from .engine import Engine
from .results import SPAN, Results
from .scenario import Scenario
from .stats import summarise

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
        return f"{where + ' · ' if where else ''}{self.field}: {_short(self.old)} → {_short(self.new)}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "year": self.year, "field": self.field,
                "old": self.old, "new": self.new}


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

    def walk(a: Any, b: Any, path: tuple) -> None:
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


def _difference(path: tuple, old: Any, new: Any) -> Difference:
    text = ".".join(str(p) for p in path)
    line = year = None
    if len(path) >= 2 and path[0] == "lines":
        line = path[1]
    year = next((str(p) for p in path if isinstance(p, str) and p.isdigit() and len(p) == 4),
                None)
    fields = [str(p) for p in path if not (isinstance(p, str) and p.isdigit())
              and not isinstance(p, int) and p != line and p != "lines"]
    return Difference(text, line, year, ".".join(fields) or text, old, new)


@dataclass
class Comparison:
    """Several scenarios run with common random numbers; the first is the reference."""
    scenarios: list[Scenario]
    results: list[Results]
    draws: int
    seed: int
    sampler: str

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
        a = self.results[0].outlay_draws("total")
        b = self.results[index].outlay_draws("total")
        delta = b - a
        return summarise(np.vstack([delta, delta.sum(axis=0)]))

    def target_difference(self, index: int) -> dict[str, float]:
        a, b = self.results[0], self.results[index]
        out = {i.id: b.target_probability(i.id) - a.target_probability(i.id)
               for i in a.catalogue.indicators}
        out["all"] = b.all_targets_probability() - a.all_targets_probability()
        return out

    def to_dict(self) -> dict[str, Any]:
        labels = [str(y) for y in self.results[0].years] + [SPAN]
        names = self.names

        def table(stats, keys=("mean", "p05", "p50", "p95")):
            return {label: {k: float(stats[k][i]) for k in keys if k in stats}
                    for i, label in enumerate(labels)}

        return {
            "settings": {"draws": self.draws, "seed": self.seed, "sampler": self.sampler,
                         "reference": names[0]},
            "scenarios": names,
            "assumption_differences": {names[i]: [d.to_dict() for d in self.differences(i)]
                                       for i in range(1, len(names))},
            "outlay_wan": {
                "total": {names[i]: table(r.outlay()) for i, r in enumerate(self.results)},
                "difference": {names[i]: table(self.outlay_difference(i))
                               for i in range(1, len(names))},
            },
            "targets": {names[i]: {**{ind.id: r.target_probability(ind.id)
                                      for ind in r.catalogue.indicators},
                                   "all": r.all_targets_probability()}
                        for i, r in enumerate(self.results)},
            "target_difference": {names[i]: self.target_difference(i)
                                  for i in range(1, len(names))},
        }


def compare(scenarios: Iterable[Scenario], draws: int | None = None, seed: int | None = None,
            sampler: str | None = None, progress: Callable[[float], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Comparison:
    """Run every scenario with the same settings (the first one's unless given)."""
    scenarios = list(scenarios)
    if len(scenarios) < 2:
        raise ValueError("a comparison needs at least two scenarios")
    first = scenarios[0]
    draws = draws or first.draws
    seed = first.seed if seed is None else seed
    sampler = sampler or first.sampler
    results = []
    for i, scenario in enumerate(scenarios):
        def part(fraction, i=i):
            if progress is not None:
                progress((i + fraction) / len(scenarios))
        engine = Engine(scenario, draws=draws, seed=seed, sampler=sampler, keep_draws=True)
        results.append(engine.run(progress=part, cancelled=cancelled))
    return Comparison(scenarios, results, draws, seed, sampler)


# ------------------------------------------------------------------------------ output
def render_table(comparison: Comparison, language: str = "zh") -> str:
    from .export import in_unit, money_unit
    zh = language == "zh"
    names = comparison.names
    out = [("情景比较" if zh else "Scenario comparison")
           + f" — {comparison.draws:,} draws, seed {comparison.seed}, "
             f"sampler {comparison.sampler} " + ("(共同随机数)" if zh else "(common random numbers)")]
    for i in range(1, len(names)):
        differences = comparison.differences(i)
        out.append("")
        out.append((f"{names[i]} 与 {names[0]} 不同的假设 ({len(differences)})" if zh
                    else f"Assumptions of {names[i]} that differ from {names[0]} "
                         f"({len(differences)})"))
        for d in differences[:60]:
            out.append("  " + d.label(comparison.scenarios[i], language))
        if len(differences) > 60:
            out.append(f"  … {len(differences) - 60} more")
    totals = [r.outlay()["mean"] for r in comparison.results]
    unit = money_unit(np.concatenate([t[:-1] for t in totals]))
    labels = [str(y) for y in comparison.results[0].years] + [SPAN]
    out.append("")
    out.append(("预算支出合计均值" if zh else "Mean total outlay") + f" ({unit})")
    out.append("  " + f"{'':12}" + "".join(f"{label:>12}" for label in labels))
    for name, total in zip(names, totals):
        out.append("  " + f"{name[:12]:12}" + "".join(f"{in_unit(v, unit):>12,.2f}"
                                                       for v in total))
    for i in range(1, len(names)):
        delta = comparison.outlay_difference(i)
        out.append("  " + f"{('Δ ' + names[i])[:12]:12}" +
                   "".join(f"{in_unit(v, unit):>+12,.2f}" for v in delta["mean"]))
    out.append("")
    out.append("2028年目标达成概率" if zh else "Probability of reaching the 2028 targets")
    catalogue = comparison.results[0].catalogue
    header = "  " + f"{'':22}" + "".join(f"{n[:14]:>16}" for n in names)
    out.append(header)
    for indicator in catalogue.indicators:
        row = "".join(f"{r.target_probability(indicator.id):>16.1%}" for r in comparison.results)
        out.append("  " + f"{indicator.name(language)[:20]:22}" + row)
    row = "".join(f"{r.all_targets_probability():>16.1%}" for r in comparison.results)
    out.append("  " + f"{('五项全部达成' if zh else 'all five'):22}" + row)
    return "\n".join(out)


def write_comparison_charts(comparison: Comparison, directory: str | Path,
                            language: str = "zh", formats: Iterable[str] = ("png", "svg", "pdf")
                            ) -> list[Path]:
    """Overlaid total outlays, the yearly difference to the reference, and the target
    probabilities side by side, each as PNG, SVG and PDF."""
    from .charts import write_figures
    figures = comparison_figures(comparison, language)
    return write_figures(figures, directory, formats)


def comparison_figures(comparison: Comparison, language: str = "zh") -> dict[str, Any]:
    """{file stem: (Figure, _Look)} of the comparison charts."""
    from matplotlib.figure import Figure

    from .charts import CHART_SIZE, _Look, _NumberFormatter, _style_axes, effective_language
    look = _Look(effective_language(language))
    zh = look.language == "zh"
    names = [look.scenario(r) or n for r, n in zip(comparison.results, comparison.names)]
    years = np.array(comparison.results[0].years)
    figures: dict[str, Any] = {}
    colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    with look.rc():
        # 1. overlaid totals
        figure = Figure(figsize=CHART_SIZE, layout="constrained")
        ax = figure.add_subplot()
        _style_axes(ax, look)
        for i, results in enumerate(comparison.results):
            stats = results.outlay()
            colour = colours[i % len(colours)]
            ax.fill_between(years, stats["p05"][:-1] / 1e4, stats["p95"][:-1] / 1e4,
                            color=colour, alpha=0.15, linewidth=0)
            ax.plot(years, stats["p50"][:-1] / 1e4, marker="o", color=colour, linewidth=2,
                    label=names[i])
        ax.set_ylim(bottom=0)
        ax.set_xticks(years, [str(y) for y in years])
        ax.yaxis.set_major_formatter(_NumberFormatter(look.minus))
        ax.set_ylabel("预算支出(亿元)" if zh else "Outlay (100 million yuan)",
                      fontproperties=look.font(10))
        ax.set_title(("年度预算支出:中位数与90%区间" if zh
                      else "Total outlays: median and 90% range"),
                     loc="left", fontproperties=look.font(12, "bold"))
        ax.legend(prop=look.font(9), frameon=False, loc="lower right")
        figures["compare_total"] = (figure, look)
        # 2. difference to the reference, draw by draw (common random numbers)
        figure = Figure(figsize=CHART_SIZE, layout="constrained")
        ax = figure.add_subplot()
        _style_axes(ax, look)
        n_other = len(comparison.results) - 1
        width = 0.8 / max(1, n_other)
        for j in range(1, len(comparison.results)):
            delta = comparison.outlay_difference(j)
            x = years + (j - 1 - (n_other - 1) / 2) * width
            mean = delta["mean"][:-1] / 1e4
            ax.bar(x, mean, width=width * 0.9, color=colours[j % len(colours)],
                   label=f"{names[j]} − {names[0]}")
            ax.errorbar(x, mean, yerr=[mean - delta["p05"][:-1] / 1e4,
                                       delta["p95"][:-1] / 1e4 - mean],
                        fmt="none", ecolor="#333333", capsize=3, linewidth=1)
        ax.axhline(0, color="#888888", linewidth=0.8)
        ax.set_xticks(years, [str(y) for y in years])
        ax.yaxis.set_major_formatter(_NumberFormatter(look.minus))
        ax.set_ylabel("差额(亿元)" if zh else "Difference (100 million yuan)",
                      fontproperties=look.font(10))
        ax.set_title(("与参照情景的年度支出差额(均值,误差线为P5–P95)" if zh
                      else "Difference in yearly outlay to the reference (mean; bars P5–P95)"),
                     loc="left", fontproperties=look.font(12, "bold"))
        ax.legend(prop=look.font(9), frameon=False)
        figures["compare_difference"] = (figure, look)
        # 3. target probabilities side by side
        figure = Figure(figsize=CHART_SIZE, layout="constrained")
        ax = figure.add_subplot()
        _style_axes(ax, look)
        catalogue = comparison.results[0].catalogue
        labels = [i.name(look.language) for i in catalogue.indicators] + \
            (["五项全部达成"] if zh else ["All five"])
        y = np.arange(len(labels))
        height = 0.8 / len(comparison.results)
        for i, results in enumerate(comparison.results):
            values = [results.target_probability(ind.id) for ind in catalogue.indicators] + \
                [results.all_targets_probability()]
            ax.barh(y + (i - (len(comparison.results) - 1) / 2) * height, np.array(values) * 100,
                    height=height * 0.9, color=colours[i % len(colours)], label=names[i])
        ax.set_yticks(y, labels, fontproperties=look.font(9))
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_formatter(_NumberFormatter(look.minus, "%"))
        ax.grid(axis="x", color="#DDDDDD")
        ax.set_title("2028年目标达成概率" if zh else "Probability of reaching the 2028 targets",
                     loc="left", fontproperties=look.font(12, "bold"))
        ax.legend(prop=look.font(9), frameon=False, loc="lower right")
        figures["compare_targets"] = (figure, look)
    return figures
