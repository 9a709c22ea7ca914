"""The chart of one headline indicator from its 2023 start to 2028 against its 2028 target
(with the published history before the plan as points, and the years axis from the first of
them); the target probabilities are in ``targets_chart``."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from ..model import (
    Catalogue,
    History,
    Results,
    business_as_usual_summary,
    load_catalogue,
    shipped_history,
    translate,
)
from .chart_base import Chart, band_bounds, band_vertices
from .fitting import fits_width
from .history_text import observed_label
from .style import (
    BAU_COLOUR,
    FAN_COLOUR,
    FLAG_COLOURS,
    HISTORY_COLOUR,
    START_COLOUR,
    TARGET_COLOUR,
    Look,
    bottom_legend,
    nice_top,
    set_value_axis,
)

__all__ = ["IndicatorChart"]


class IndicatorChart(Chart[Results]):
    """One headline indicator, 2023 (start) to 2028, with its 2028 target; the figures of
    ``history`` (the shipped history when None) for the years before the plan as points."""

    def __init__(
        self, kind: str, figure: Figure, language: str = "zh", history: History | None = None
    ):
        super().__init__(kind, figure, language)
        self.indicator_id = kind.split(":", 1)[1]
        self.history = history if history is not None else shipped_history()

    def set_history(self, history: History | None) -> None:
        """Show this history (the shipped one when None); redraws when results are known."""
        self.history = history if history is not None else shipped_history()
        if self._results is not None:
            self.draw(self._results)

    def _history_points(self, results: Results) -> tuple[list[int], list[float]]:
        """Years and values the model uses from the history, before the first plan year."""
        series = self.history.series(self.indicator_id)
        points = [(y, v) for y, v in series.items() if y < results.years[0]]
        return [y for y, _ in points], [v for _, v in points]

    # Any: the catalogue's Indicator, which simulator.model does not export
    def _indicator(self, catalogue: Catalogue | None = None) -> Any:
        if catalogue is None:
            catalogue = self._results.catalogue if self._results is not None else None
        if catalogue is None:
            catalogue = load_catalogue()
        try:
            return catalogue.indicator(self.indicator_id)
        except StopIteration:
            raise KeyError(
                f"chart {self.kind!r}: the catalogue has no indicator {self.indicator_id!r}"
            ) from None

    def _title(self, language: str) -> str:
        indicator = self._indicator()
        return translate(self.TEXT["indicator"], language).format(name=indicator.name(language))

    def _signature_of(self, results: Results) -> Any:
        years, values = self._history_points(results)
        return (
            tuple(results.years),
            self._indicator(results.catalogue).target_2028,
            bool(self._observed_points(results)[0]),
            tuple(years),
            tuple(values),
            self.history.source,
        )

    def _observed_points(self, results: Results) -> tuple[list[int], list[float]]:
        """Years and values of this indicator's actuals in the scenario (sorted by year)."""
        points = sorted(
            (a["year"], a["value"])
            for a in results.scenario.actuals
            if a["kind"] == "indicator" and a["id"] == self.indicator_id
        )
        return [y for y, _ in points], [v for _, v in points]

    def _unit(self, indicator: Any, look: Look) -> str:
        unit: str = indicator.unit if look.language == "zh" else indicator.unit_en
        return unit

    def _build(self, results: Results, ax: Axes, look: Look) -> None:
        indicator = self._indicator(results.catalogue)
        years = [results.years[0] - 1] + list(results.years)
        self._x = np.asarray(years, dtype=float)
        history_years, history_values = self._history_points(results)
        axis_years = list(range(min([years[0]] + history_years), years[-1] + 1))
        n = len(years)
        zeros = np.zeros(n)
        self._band90 = PolyCollection(
            [band_vertices(self._x, zeros, zeros)], facecolors=FAN_COLOUR, alpha=0.16, linewidths=0
        )
        self._band50 = PolyCollection(
            [band_vertices(self._x, zeros, zeros)], facecolors=FAN_COLOUR, alpha=0.34, linewidths=0
        )
        ax.add_collection(self._band90, autolim=False)
        ax.add_collection(self._band50, autolim=False)
        # business as usual: the same draws without the plan's effects (outlined, no fill)
        bau_style: dict[str, Any] = {"color": BAU_COLOUR, "linewidth": 1.3, "zorder": 3}
        (self._bau_median,) = ax.plot(self._x, zeros, linestyle=(0, (5, 2.5)), **bau_style)
        (self._bau_low,) = ax.plot(self._x, zeros, linestyle=(0, (1.5, 2)), **bau_style)
        (self._bau_high,) = ax.plot(self._x, zeros, linestyle=(0, (1.5, 2)), **bau_style)
        unit = self._unit(indicator, look)
        target = indicator.target_2028
        decimals = 0 if float(target).is_integer() else 1
        self._target_line = ax.axhline(
            target, color=TARGET_COLOUR, linestyle=(0, (6, 3)), linewidth=1.5
        )
        (self._median,) = ax.plot(
            self._x[1:],
            zeros[1:],
            color=FAN_COLOUR,
            linewidth=2.2,
            marker="o",
            markersize=5.5,
            markeredgecolor="white",
            markeredgewidth=1,
        )
        (self._link,) = ax.plot(
            self._x[:2], zeros[:2], color=FAN_COLOUR, linewidth=1.6, linestyle=(0, (2, 2))
        )
        (self._start,) = ax.plot(
            self._x[:1],
            zeros[:1],
            linestyle="none",
            marker="D",
            markersize=7,
            markerfacecolor="white",
            markeredgewidth=1.8,
            markeredgecolor=START_COLOUR,
            zorder=4,
        )
        (self._history,) = ax.plot(
            history_years,
            history_values,
            linestyle="none",
            marker="o",
            markersize=6.5,
            markerfacecolor="white",
            markeredgecolor=HISTORY_COLOUR,
            markeredgewidth=1.8,
            zorder=5,
        )
        (self._observed,) = ax.plot(
            [],
            [],
            linestyle="none",
            marker="s",
            markersize=7.5,
            markerfacecolor=START_COLOUR,
            markeredgecolor="white",
            markeredgewidth=1,
            zorder=5,
        )
        self._target_text = ax.annotate(
            look.t("target_side", value=look.number(target, decimals)),
            xy=(1, target),
            xycoords=("axes fraction", "data"),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=TARGET_COLOUR,
            fontproperties=look.font(8.8, "bold"),
        )
        self._probability_text = ax.annotate(
            "",
            xy=(0.015, 0.97),
            xycoords="axes fraction",
            ha="left",
            va="top",
            fontproperties=look.font(9.5, "bold"),
            color="#222222",
            bbox={
                "boxstyle": "round,pad=0.45",
                "facecolor": "white",
                "linewidth": 1.6,
                "edgecolor": FLAG_COLOURS["on_track"],
            },
        )
        self._set_year_axis(ax, axis_years)
        if len(axis_years) > 12:  # every other year, counted back from the last
            ax.set_xticks([y for y in axis_years if (axis_years[-1] - y) % 2 == 0])
        set_value_axis(ax, look)
        ax.set_ylabel(
            translate("Unit: {unit}", look.language).format(unit=unit),
            fontproperties=look.font(10),
        )
        self._set_titles(look)
        target_label = look.t(
            "target",
            value=look.number(target, decimals),
            quantity=look.quantity(look.number(target, decimals), unit),
        )
        history_label = (
            observed_label(self.history, self.indicator_id, look.language)
            if history_years
            else look.t("no_history")
        )
        if not history_years:
            self._history.set_marker("None")  # an entry without a symbol
        # filled column by column: the path and its start, the bands, the history and the
        # target (the two longest entries share a column, so the legend stays narrow)
        entries: list[tuple[Artist, str]] = [
            (self._median, look.t("median")),
            (self._start, look.t("start")),
        ]
        if self._observed_points(results)[0]:
            entries.append((self._observed, look.t("observed")))
        entries += [
            (self._band50, look.t("band50")),
            (self._band90, look.t("band90")),
            (self._bau_median, look.t("bau")),
            (self._history, history_label),
            (self._target_line, target_label),
        ]
        handles = [handle for handle, _ in entries]
        labels = [label for _, label in entries]
        for columns in (3, 2):  # two columns when three do not fit the figure's width
            legend = bottom_legend(
                self.figure,
                handles,
                labels,
                look,
                9,
                ncols=columns,
                handlelength=1.9,
                columnspacing=1.0,
            )
            if columns == 2 or fits_width(self.figure, legend):
                break
            legend.remove()

    def _move(self, results: Results, look: Look) -> None:
        indicator = self._indicator(results.catalogue)
        stats = results.indicator(indicator.id)
        values = {
            name: np.asarray(stats[name], dtype=float)
            for name in ("p05", "p25", "p50", "p75", "p95")
        }
        self._band90.set_verts([band_vertices(self._x, values["p05"], values["p95"])])
        self._band50.set_verts([band_vertices(self._x, values["p25"], values["p75"])])
        self._median.set_ydata(values["p50"][1:])
        self._link.set_ydata(values["p50"][:2])
        self._start.set_ydata(values["p50"][:1])
        self._observed.set_data(*self._observed_points(results))
        bau = business_as_usual_summary(
            results.scenario, indicator.id, results.draws, results.seed, results.sampler
        )
        self._bau_median.set_ydata(bau["p50"])
        self._bau_low.set_ydata(bau["p05"])
        self._bau_high.set_ydata(bau["p95"])
        self._bau = bau
        target = indicator.target_2028
        # Keep the target at most at 80% of the height, clear of the probability box.
        assert self.axes is not None  # made by draw()
        highest = max([1.05 * values["p95"].max(), target / 0.8] + self._history_points(results)[1])
        self.axes.set_ylim(0, nice_top(highest))
        probability = results.target_probability(indicator.id)
        self._probability = probability
        flag = results.flag(probability)
        self._probability_text.set_text(
            look.t("probability_box", p=look.percent(probability), flag=look.t(flag))
        )
        box = self._probability_text.get_bbox_patch()
        assert box is not None  # the annotation was made with a bbox
        box.set_edgecolor(FLAG_COLOURS[flag])
        self._subtitle.set_text(
            look.t("sub_indicator", scenario=look.scenario(results), draws=look.draws(results))
        )

    def data(self) -> dict[str, Any]:
        n = len(self._x)
        p05, p95 = band_bounds(self._band90, n)
        p25, p75 = band_bounds(self._band50, n)
        median = np.concatenate(
            [
                np.asarray(self._start.get_ydata(), dtype=float),
                np.asarray(self._median.get_ydata(), dtype=float),
            ]
        )
        assert self.axes is not None  # made by draw()
        return {
            "years": [int(x) for x in self._x],
            "indicator": self.indicator_id,
            "unit": self.axes.yaxis.label.get_text(),
            "median": median,
            "start": float(np.asarray(self._start.get_ydata())[0]),
            "observed": dict(
                zip(
                    [int(x) for x in np.asarray(self._observed.get_xdata())],
                    [float(y) for y in np.asarray(self._observed.get_ydata())],
                )
            ),
            "history": dict(
                zip(
                    [int(x) for x in np.asarray(self._history.get_xdata())],
                    [float(y) for y in np.asarray(self._history.get_ydata())],
                )
            ),
            "x_range": tuple(float(v) for v in self.axes.get_xlim()),
            "p05": p05,
            "p25": p25,
            "p75": p75,
            "p95": p95,
            "bau_p05": np.asarray(self._bau["p05"], dtype=float),
            "bau_p50": np.asarray(self._bau["p50"], dtype=float),
            "bau_p95": np.asarray(self._bau["p95"], dtype=float),
            "target": float(np.asarray(self._target_line.get_ydata())[0]),
            "probability": self._probability,
            "annotation": self._probability_text.get_text(),
        }
