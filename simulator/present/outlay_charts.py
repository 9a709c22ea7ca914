"""Charts of a run's outlays: the total per year as a fan (median, mean, 50 % and 90 %
ranges) and the mean per year stacked by section or by department (the scenario's shares)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from ..model import Results
from .chart_base import CHINESE_NUMERALS, Chart, band_bounds, band_vertices
from .style import (
    APPROPRIATION_COLOUR,
    FAN_COLOUR,
    MEAN_COLOUR,
    NET_COLOUR,
    OTHER_COLOUR,
    STACK_COLOURS,
    Look,
    bottom_legend,
    money_decimals,
    money_scale,
    nice_top,
    set_value_axis,
    wrap,
)

__all__ = ["MAX_STACK_SERIES", "StackChart", "TotalFanChart"]

#: Stacked charts show at most this many series; smaller ones are summed into "other".
MAX_STACK_SERIES = 8
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class TotalFanChart(Chart[Results]):
    """Total outlay per year: median, mean and the 50% and 90% ranges over the draws; with
    an appropriation, its line (with rationing no draw is above it); with investments, the
    mean net fiscal cost (gross outlay less the money returned) beside the gross."""

    def _signature_of(self, results: Any) -> Any:
        return (tuple(results.years), *_extras(results))

    def _build(self, results: Results, ax: Axes, look: Look) -> None:
        n = len(results.years)
        self._x = np.asarray(results.years, dtype=float)
        zeros = np.zeros(n)
        self._band90 = PolyCollection(
            [band_vertices(self._x, zeros, zeros)], facecolors=FAN_COLOUR, alpha=0.16, linewidths=0
        )
        self._band50 = PolyCollection(
            [band_vertices(self._x, zeros, zeros)], facecolors=FAN_COLOUR, alpha=0.34, linewidths=0
        )
        ax.add_collection(self._band90, autolim=False)
        ax.add_collection(self._band50, autolim=False)
        (self._mean,) = ax.plot(
            self._x, zeros, linestyle=(0, (5, 3)), color=MEAN_COLOUR, linewidth=1.4
        )
        (self._median,) = ax.plot(
            self._x,
            zeros,
            color=FAN_COLOUR,
            linewidth=2.2,
            marker="o",
            markersize=5.5,
            markeredgecolor="white",
            markeredgewidth=1,
        )
        has_appropriation, has_net = _extras(results)
        self._appropriation = self._net = None
        if has_appropriation:
            (self._appropriation,) = ax.plot(
                self._x, zeros, color=APPROPRIATION_COLOUR, linewidth=1.6, linestyle=(0, (1, 1.5))
            )
        if has_net:
            (self._net,) = ax.plot(
                self._x, zeros, color=NET_COLOUR, linewidth=1.6, marker="s", markersize=4
            )
        self._set_year_axis(ax, results.years)
        set_value_axis(ax, look)
        ax.set_ylabel("", fontproperties=look.font(10))
        self._set_titles(look)
        handles: list[Any] = [self._median, self._mean, self._band50, self._band90]
        labels = [look.t("median"), look.t("mean"), look.t("band50"), look.t("band90")]
        for line, key in ((self._appropriation, "appropriation_line"), (self._net, "net_mean")):
            if line is not None:
                handles.append(line)
                labels.append(look.t(key))
        bottom_legend(
            self.figure,
            handles,
            labels,
            look,
            9,
            ncols=4 if len(handles) <= 4 else 3,
            handlelength=2.2,
        )

    def _move(self, results: Results, look: Look) -> None:
        n = len(results.years)
        stats = results.outlay("total")
        scale, unit = money_scale(float(np.max(stats["p95"][:n])))
        self._scale, self._unit = scale, look.t(unit)
        values = {
            name: np.asarray(stats[name][:n], dtype=float) / scale
            for name in ("mean", "p05", "p25", "p50", "p75", "p95")
        }
        self._band90.set_verts([band_vertices(self._x, values["p05"], values["p95"])])
        self._band50.set_verts([band_vertices(self._x, values["p25"], values["p75"])])
        self._median.set_ydata(values["p50"])
        self._mean.set_ydata(values["mean"])
        top = max(values["p95"].max(), values["mean"].max())
        appropriation = results.scenario.appropriation
        if self._appropriation is not None and appropriation is not None:
            line = np.array([appropriation[str(y)] for y in results.years]) / scale
            self._appropriation.set_ydata(line)
            top = max(top, float(line.max()))
        if self._net is not None:
            self._net.set_ydata(np.asarray(results.outlay("net")["mean"][:n]) / scale)
        ax = self.axes
        assert ax is not None  # made by draw()
        ax.set_ylim(0, nice_top(1.05 * top))
        ax.yaxis.label.set_text(look.t("outlay_axis", unit=self._unit))
        span = {name: float(stats[name][n]) / scale for name in ("p05", "p50", "p95")}
        decimals = money_decimals(span["p95"], scale)
        self._subtitle.set_text(
            look.t(
                "sub_total",
                scenario=look.scenario(results),
                unit=self._unit,
                median=look.number(span["p50"], decimals),
                p05=look.number(span["p05"], decimals),
                p95=look.number(span["p95"], decimals),
                draws=look.draws(results),
            )
        )

    def data(self) -> dict[str, Any]:
        n = len(self._x)
        p05, p95 = band_bounds(self._band90, n)
        p25, p75 = band_bounds(self._band50, n)
        return {
            "years": [int(x) for x in self._x],
            "unit": self._unit,
            "scale": self._scale,
            "median": np.asarray(self._median.get_ydata(), dtype=float).copy(),
            "mean": np.asarray(self._mean.get_ydata(), dtype=float).copy(),
            "p05": p05,
            "p25": p25,
            "p75": p75,
            "p95": p95,
            **{
                name: np.asarray(line.get_ydata(), dtype=float).copy()
                for name, line in (("appropriation", self._appropriation), ("net_mean", self._net))
                if line is not None
            },
        }


def _extras(results: Results) -> tuple[bool, bool]:
    """(an appropriation line, a net cost line) for these results."""
    return results.scenario.appropriation is not None, "total" in results.series("net")


class StackChart(Chart[Results]):
    """Mean outlay per year, stacked by section or by department (the scenario's shares)."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh"):
        super().__init__(kind, figure, language)
        self.level = "section" if kind == "by_section" else "department"

    # Groups: (group key, member series keys). Departments beyond MAX_STACK_SERIES are
    # summed into one "other" group (the smallest by their 2024–2028 mean).
    def _groups(self, results: Results) -> list[tuple[str, tuple[str, ...]]]:
        keys = results.series(self.level)
        if len(keys) <= MAX_STACK_SERIES:
            return [(key, (key,)) for key in keys]
        n = len(results.years)
        size = {key: float(self._series_mean(results, key)[:n].sum()) for key in keys}
        kept = set(sorted(keys, key=lambda k: -size[k])[: MAX_STACK_SERIES - 1])
        others = tuple(k for k in keys if k not in kept)
        return [(key, (key,)) for key in keys if key in kept] + [("__other__", others)]

    def _series_mean(self, results: Results, key: str) -> np.ndarray:
        # Only means are plotted: from the draws when kept (cheap), else from the summary.
        if results.has_draws:
            means: np.ndarray = results.outlay_draws(self.level, key).mean(axis=1)
            return means
        return np.asarray(results.outlay(self.level, key)["mean"], dtype=float)

    def _signature_of(self, results: Results) -> Any:
        return (tuple(results.years), tuple(self._groups(results)))

    def _label(self, results: Results, key: str, look: Look) -> str:
        catalogue = results.catalogue
        if key == "__other__":
            return look.t("other")
        if self.level == "section":
            section = catalogue.section(key)
            if look.language == "zh":
                short = re.split("[,;\uff0c\uff1b\u3001]", section.title_zh)[0]
                return f"{section.id}{look.t('sep')}{short}"
            number = CHINESE_NUMERALS.find(section.id)
            prefix = f"{_ROMAN[number]}. " if 0 < number < len(_ROMAN) else ""
            return wrap(prefix + section.title_en, 30)
        if look.language == "zh":
            return key
        return wrap(catalogue.departments.get(key, key), 30)

    def _colour(self, results: Results, key: str) -> str:
        if key == "__other__":
            return OTHER_COLOUR
        catalogue = results.catalogue
        order = (
            [s.id for s in catalogue.sections]
            if self.level == "section"
            else list(catalogue.departments)
        )
        index = order.index(key) if key in order else len(order)
        return STACK_COLOURS[index % len(STACK_COLOURS)]

    def _build(self, results: Results, ax: Axes, look: Look) -> None:
        n = len(results.years)
        self._x = np.asarray(results.years, dtype=float)
        self._groups_drawn = self._groups(results)
        self._bars = []
        for key, _members in self._groups_drawn:
            bars = ax.bar(
                self._x,
                np.zeros(n),
                width=0.62,
                bottom=0.0,
                color=self._colour(results, key),
                edgecolor="white",
                linewidth=0.7,
                label=self._label(results, key, look),
            )
            self._bars.append(bars)
        self._total_labels = [
            ax.annotate(
                "",
                xy=(x, 0),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontproperties=look.font(8.8),
                color="#222222",
            )
            for x in self._x
        ]
        self._set_year_axis(ax, results.years)
        set_value_axis(ax, look)
        ax.set_ylabel("", fontproperties=look.font(10))
        self._set_titles(look)
        handles = [bars.patches[0] for bars in self._bars][::-1]  # top of the stack first
        labels = [self._label(results, key, look) for key, _ in self._groups_drawn][::-1]
        self.figure.legend(
            handles,
            labels,
            loc="outside right upper",
            frameon=False,
            prop=look.font(8.8),
            handlelength=1.2,
            handleheight=1.2,
            labelspacing=0.7,
        )

    def _move(self, results: Results, look: Look) -> None:
        n = len(results.years)
        heights = []
        for _key, members in self._groups_drawn:
            total = np.zeros(n)
            for member in members:
                total = total + self._series_mean(results, member)[:n]
            heights.append(total)
        totals = np.sum(heights, axis=0) if heights else np.zeros(n)
        scale, unit = money_scale(float(totals.max()) if n else 0.0)
        self._scale, self._unit = scale, look.t(unit)
        bottom = np.zeros(n)
        for bars, height in zip(self._bars, heights):
            shown = height / scale
            for rect, b, h in zip(bars.patches, bottom, shown):
                rect.set_y(b)
                rect.set_height(h)
            bottom = bottom + shown
        for label, x, top in zip(self._total_labels, self._x, bottom):
            label.xy = (x, top)
            label.set_text(look.number(top, money_decimals(top, scale)))
        ax = self.axes
        assert ax is not None  # made by draw()
        ax.set_ylim(0, nice_top(1.1 * float(bottom.max()) if n else 1.0))
        ax.yaxis.label.set_text(look.t("outlay_axis", unit=self._unit))
        sub = "sub_section" if self.level == "section" else "sub_department"
        self._subtitle.set_text(
            look.t(sub, scenario=look.scenario(results), unit=self._unit, draws=look.draws(results))
        )

    def data(self) -> dict[str, Any]:
        series = [key for key, _ in self._groups_drawn]
        stacks = {
            key: np.array([r.get_height() for r in bars.patches])
            for key, bars in zip(series, self._bars)
        }
        bottoms = {
            key: np.array([r.get_y() for r in bars.patches])
            for key, bars in zip(series, self._bars)
        }
        totals = np.sum(list(stacks.values()), axis=0) if stacks else np.zeros(len(self._x))
        return {
            "years": [int(x) for x in self._x],
            "unit": self._unit,
            "scale": self._scale,
            "series": series,
            "members": {k: list(m) for k, m in self._groups_drawn},
            "labels": [bars.get_label() for bars in self._bars],
            "stacks": stacks,
            "bottoms": bottoms,
            "totals": totals,
        }
