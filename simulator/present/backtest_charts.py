"""Backtest charts: for each indicator, the model's projections from every origin year (median
and 90 % band, business as usual) fanned against the observed series."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from ..analysis.backtest import DRAWS, Backtest
from ..model import N_, load_catalogue
from .chart_files import prepare_directory, save_figure
from .style import Look, effective_language, style_axes

TEXT = {
    "title": N_("{name}: backtest (data up to each origin only)"),
    "observed": N_("observed"),
    "fan": N_("from {origin} (median, 90% band)"),
    "none": N_("too few data: fewer than 3 observations or nothing later to score"),
}


def backtest_figure(
    result: Backtest,
    series: Mapping[str, Mapping[int, float]],
    indicator: str,
    language: str = "zh",
    figure: Figure | None = None,
) -> Figure:
    """One indicator's observed series and the fans from its origins (drawn again from the
    same fits as the backtest, every year to the last observation)."""
    look = Look(effective_language(language), TEXT)
    figure = figure or Figure(figsize=(8.0, 4.6))
    ax = figure.add_subplot()
    style_axes(ax, look)
    catalogue = load_catalogue()
    if indicator in catalogue.indicator_ids:
        info = catalogue.indicator(indicator)
        name = info.name_zh if look.language == "zh" else info.name_en
        unit = info.unit if look.language == "zh" else info.unit_en
    else:  # another series of the history
        name, unit = indicator, ""
    observed = dict(sorted(series.get(indicator, {}).items()))
    origins = result.origins(indicator)
    with look.rc():
        for k, origin in enumerate(origins):
            fit = result.fits[(indicator, origin)]
            horizon = max(observed) - origin
            paths = fit.project(horizon, DRAWS, 1 + k)
            years = np.arange(origin, origin + horizon + 1)
            low, mid, high = np.quantile(paths, (0.05, 0.5, 0.95), axis=1)
            color = f"C{k % 10}"
            ax.fill_between(years, low, high, color=color, alpha=0.15, linewidth=0)
            ax.plot(years, mid, color=color, linewidth=1.4, label=look.t("fan", origin=origin))
        if observed:
            ax.plot(
                list(observed),
                list(observed.values()),
                "o",
                color="black",
                markersize=5,
                label=look.t("observed"),
                zorder=5,
            )
        if not origins:
            ax.text(
                0.5,
                0.5,
                look.t("none"),
                transform=ax.transAxes,
                ha="center",
                fontproperties=look.font(10),
            )
        if observed:
            ax.set_yscale("log")  # growth: equal ratios at equal heights
        ax.set_title(look.t("title", name=name), fontproperties=look.font(11))
        ax.set_ylabel(unit, fontproperties=look.font(9))
        if origins or observed:
            ax.legend(prop=look.font(8), loc="upper left", frameon=False)
        figure.tight_layout()
    return figure


def write_backtest_charts(
    result: Backtest,
    series: Mapping[str, Mapping[int, float]],
    directory: str | os.PathLike[str],
    language: str = "zh",
) -> list[Path]:
    """backtest-<indicator>.png per indicator; returns the paths written."""
    folder = prepare_directory(directory)
    look = Look(effective_language(language), TEXT)
    written = []
    for indicator in result.indicators:
        path = folder / f"backtest-{indicator}.png"
        save_figure(backtest_figure(result, series, indicator, language), look, path)
        written.append(path)
    return written
