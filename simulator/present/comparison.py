"""Scenario comparison as text and charts: the assumptions that differ, the outlays side by
side and the yearly difference to the reference (common random numbers), the target
probabilities."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from ..model import SPAN, Comparison, translate
from .assumption_rows import difference_rows
from .chart_files import FORMATS, write_figures
from .style import (
    CHART_SIZE,
    GRID_COLOUR,
    SCENARIO_COLOURS,
    WAN_PER_YI,
    Look,
    NumberFormatter,
    effective_language,
    in_unit,
    money_unit,
    sampler_name,
    style_axes,
    unit_name,
)

__all__ = ["comparison_figures", "render_table", "write_comparison_charts"]


def render_table(comparison: Comparison, language: str = "zh") -> str:
    names = comparison.names
    out = [
        translate(
            "Scenario comparison — {draws} draws, seed {seed}, sampler {sampler} "
            "(common random numbers)",
            language,
        ).format(
            draws=f"{comparison.draws:,}",
            seed=comparison.seed,
            sampler=sampler_name(comparison.sampler, language),
        )
    ]
    for i in range(1, len(names)):
        differences = _differences(comparison, i, language)
        out.append("")
        out.append(
            translate("Assumptions of {other} that differ from {reference} ({n})", language).format(
                other=names[i], reference=names[0], n=len(differences)
            )
        )
        for line in differences[:60]:
            out.append("  " + line)
        if len(differences) > 60:
            more = translate("… {n} more", language).format(n=len(differences) - 60)
            out.append("  " + more)
    totals = [r.outlay()["mean"] for r in comparison.results]
    unit = money_unit(np.concatenate([t[:-1] for t in totals]))
    labels = [str(y) for y in comparison.results[0].years] + [SPAN]
    out.append("")
    out.append(translate("Mean total outlay", language) + f" ({unit_name(unit, language)})")
    # the rows are named in full: a scenario's name is data, and two may share a beginning
    width = max(12, *(_columns("Δ " + name) for name in names))
    out.append("  " + " " * width + "".join(f"{label:>12}" for label in labels))
    for name, total in zip(names, totals):
        out.append(
            "  " + _padded(name, width) + "".join(f"{in_unit(v, unit):>12,.2f}" for v in total)
        )
    for i in range(1, len(names)):
        delta = comparison.outlay_difference(i)
        out.append(
            "  "
            + _padded("Δ " + names[i], width)
            + "".join(f"{in_unit(v, unit):>+12,.2f}" for v in delta["mean"])
        )
    out.append("")
    out.append(translate("Probability of reaching the 2028 targets", language))
    catalogue = comparison.results[0].catalogue
    column = max(16, *(_columns(n) + 2 for n in names))
    all_five = translate("all five", language)
    rows = [indicator.name(language) for indicator in catalogue.indicators] + [all_five]
    first = max(_columns(row) for row in rows) + 2
    header = "  " + " " * first + "".join(" " * (column - _columns(n)) + n for n in names)
    out.append(header)
    for indicator in catalogue.indicators:
        row = "".join(
            f"{r.target_probability(indicator.id):>{column}.1%}" for r in comparison.results
        )
        out.append("  " + _padded(indicator.name(language), first) + row)
    row = "".join(f"{r.all_targets_probability():>{column}.1%}" for r in comparison.results)
    out.append("  " + _padded(all_five, first) + row)
    return "\n".join(out)


def _differences(comparison: Comparison, index: int, language: str) -> list[str]:
    """The assumptions of scenario ``index`` that differ from the reference's, in words
    (as the report lists them: '2026 行业共性技术攻关项目 · 申报量（项/年）: 12 → 15'), then
    its observed values that differ (by their place in the file)."""
    reference, other = comparison.scenarios[0], comparison.scenarios[index]
    out = []
    for label, year, item, old, new in difference_rows(reference, other, language):
        where = " ".join(part for part in (year, item) if part)
        out.append(f"{where + ' · ' if where else ''}{label}: {old} → {new}")
    for d in comparison.differences(index):
        if d.path.startswith("actuals"):
            out.append(d.label(other, language))
    return out


def _columns(text: str) -> int:
    """Terminal columns of a text: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _padded(text: str, width: int) -> str:
    return text + " " * max(0, width - _columns(text))


def write_comparison_charts(
    comparison: Comparison,
    directory: str | Path,
    language: str = "zh",
    formats: Iterable[str] = FORMATS,
) -> list[Path]:
    """Overlaid total outlays, the yearly difference to the reference, and the target
    probabilities side by side, each as PNG, SVG and PDF."""
    figures = comparison_figures(comparison, language)
    return write_figures(figures, directory, formats)


def comparison_figures(
    comparison: Comparison, language: str = "zh"
) -> dict[str, tuple[Figure, Look]]:
    """{file stem: (Figure, Look)} of the comparison charts."""
    look = Look(effective_language(language))
    names = [look.scenario(r) or n for r, n in zip(comparison.results, comparison.names)]
    years = np.array(comparison.results[0].years)
    figures: dict[str, tuple[Figure, Look]] = {}
    colours = SCENARIO_COLOURS
    with look.rc():
        # 1. overlaid totals
        figure = Figure(figsize=CHART_SIZE, layout="constrained")
        ax = figure.add_subplot()
        style_axes(ax, look)
        for i, results in enumerate(comparison.results):
            stats = results.outlay()
            colour = colours[i % len(colours)]
            ax.fill_between(
                years,
                stats["p05"][:-1] / WAN_PER_YI,
                stats["p95"][:-1] / WAN_PER_YI,
                color=colour,
                alpha=0.15,
                linewidth=0,
            )
            ax.plot(
                years,
                stats["p50"][:-1] / WAN_PER_YI,
                marker="o",
                color=colour,
                linewidth=2,
                label=names[i],
            )
        ax.set_ylim(bottom=0)
        ax.set_xticks(years, [str(y) for y in years])
        ax.yaxis.set_major_formatter(NumberFormatter(look.minus))
        ax.set_ylabel(translate("Outlay (100m yuan)", look.language), fontproperties=look.font(10))
        ax.set_title(
            (translate("Total outlays: median and 90% range", look.language)),
            loc="left",
            fontproperties=look.font(12, "bold"),
        )
        ax.legend(prop=look.font(9), frameon=False, loc="lower right")
        figures["compare_total"] = (figure, look)
        # 2. difference to the reference, draw by draw (common random numbers)
        figure = Figure(figsize=CHART_SIZE, layout="constrained")
        ax = figure.add_subplot()
        style_axes(ax, look)
        n_other = len(comparison.results) - 1
        width = 0.8 / max(1, n_other)
        for j in range(1, len(comparison.results)):
            delta = comparison.outlay_difference(j)
            x = years + (j - 1 - (n_other - 1) / 2) * width
            mean = delta["mean"][:-1] / WAN_PER_YI
            ax.bar(
                x,
                mean,
                width=width * 0.9,
                color=colours[j % len(colours)],
                label=f"{names[j]} − {names[0]}",
            )
            ax.errorbar(
                x,
                mean,
                yerr=[mean - delta["p05"][:-1] / WAN_PER_YI, delta["p95"][:-1] / WAN_PER_YI - mean],
                fmt="none",
                ecolor="#333333",
                capsize=3,
                linewidth=1,
            )
        ax.axhline(0, color="#888888", linewidth=0.8)
        ax.set_xticks(years, [str(y) for y in years])
        ax.yaxis.set_major_formatter(NumberFormatter(look.minus))
        ax.set_ylabel(
            translate("Difference (100m yuan)", look.language), fontproperties=look.font(10)
        )
        ax.set_title(
            (
                translate(
                    "Difference in yearly outlay to the reference (mean; bars P5–P95)",
                    look.language,
                )
            ),
            loc="left",
            fontproperties=look.font(12, "bold"),
        )
        ax.legend(prop=look.font(9), frameon=False)
        figures["compare_difference"] = (figure, look)
        # 3. target probabilities side by side
        figure = Figure(figsize=CHART_SIZE, layout="constrained")
        ax = figure.add_subplot()
        style_axes(ax, look)
        catalogue = comparison.results[0].catalogue
        labels = [i.name(look.language) for i in catalogue.indicators] + (
            [translate("All five", look.language)]
        )
        y = np.arange(len(labels))
        height = 0.8 / len(comparison.results)
        for i, results in enumerate(comparison.results):
            values = [results.target_probability(ind.id) for ind in catalogue.indicators] + [
                results.all_targets_probability()
            ]
            ax.barh(
                y + (i - (len(comparison.results) - 1) / 2) * height,
                np.array(values) * 100,
                height=height * 0.9,
                color=colours[i % len(colours)],
                label=names[i],
            )
        ax.set_yticks(y, labels, fontproperties=look.font(9))
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_formatter(NumberFormatter(look.minus, "%"))
        ax.grid(axis="x", color=GRID_COLOUR)
        ax.set_title(
            translate("Probability of reaching the 2028 targets", look.language),
            loc="left",
            fontproperties=look.font(12, "bold"),
        )
        ax.legend(prop=look.font(9), frameon=False, loc="lower right")
        figures["compare_targets"] = (figure, look)
    return figures
