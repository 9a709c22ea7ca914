"""Charts of a run's 2028 targets: one headline indicator from its 2023 start to 2028 against
its target (with the published history before the plan as points, and the years axis from
the first of them), and the probability of reaching each target and all of them together."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch
from matplotlib.ticker import FixedFormatter, MultipleLocator

from ..model import (
    N_,
    Catalogue,
    History,
    Results,
    business_as_usual_summary,
    load_catalogue,
    shipped_history,
    translate,
)
from .chart_base import CHINESE_NUMERALS, TEXT, Chart, band_bounds, band_vertices
from .history_text import observed_label
from .style import (
    BAU_COLOUR,
    FAN_COLOUR,
    FLAG_COLOURS,
    GRID_COLOUR,
    HISTORY_COLOUR,
    START_COLOUR,
    TARGET_COLOUR,
    Look,
    NumberFormatter,
    nice_top,
    set_value_axis,
)

__all__ = ["IndicatorChart", "TargetsChart"]


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
            legend = self.figure.legend(
                handles,
                labels,
                loc="outside lower center",
                ncols=columns,
                frameon=False,
                prop=look.font(9),
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


#: How the targets chart writes its row labels, tried in turn until no two overlap on the
#: axis (a short axis on a small screen): lines per label (a name over its target, or both
#: on one line) and the font size in points. The last is used when none fits.
LABEL_FITS: tuple[tuple[int, float], ...] = ((2, 9.0), (2, 8.0), (1, 8.5), (1, 7.5), (1, 6.5))


#: The run charts' words and the targets chart's one-line row label.
TARGETS_TEXT: dict[str, str] = {**TEXT, "target_line": N_("{name} (target > {quantity})")}


class TargetsChart(Chart[Results]):
    """The probability of reaching each 2028 target, and all of them together. Its row labels
    shrink to fit a short axis (``LABEL_FITS``) each time the figure is laid out, so that they
    never overlap."""

    ALL = "all"
    TEXT: dict[str, str] = TARGETS_TEXT

    def _signature_of(self, results: Results) -> Any:
        thresholds = results.scenario.flag_thresholds
        return (
            tuple(i.id for i in results.catalogue.indicators),
            thresholds["on_track"],
            thresholds["at_risk"],
        )

    def _build(self, results: Results, ax: Axes, look: Look) -> None:
        catalogue = results.catalogue
        indicators = list(catalogue.indicators)
        self._ids = [i.id for i in indicators] + [self.ALL]
        self._y = np.array(list(range(len(indicators))) + [len(indicators) + 0.35])
        labels = []
        one_line = []
        for indicator in indicators:
            target = indicator.target_2028
            value = look.number(target, 0 if float(target).is_integer() else 1)
            unit = indicator.unit if look.language == "zh" else indicator.unit_en
            words = {
                "name": indicator.name(look.language),
                "quantity": look.quantity(value, unit),
            }
            labels.append(look.t("target_tick", **words))
            one_line.append(look.t("target_line", **words))
        count = len(indicators)
        n_text = CHINESE_NUMERALS[count] if look.language == "zh" and count <= 10 else str(count)
        labels.append(look.t("all_targets", n=n_text))
        one_line.append(labels[-1])
        self._labels = labels
        self._label_texts = {2: labels, 1: one_line}
        self.label_fit = LABEL_FITS[0]
        self._bars = ax.barh(
            self._y, np.zeros(len(self._y)), height=0.62, color=FLAG_COLOURS["off_track"]
        )
        self._value_labels = [
            ax.annotate(
                "",
                xy=(0, y),
                xytext=(4, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontproperties=look.font(9, "bold"),
            )
            for y in self._y
        ]
        thresholds = results.scenario.flag_thresholds
        for level in (thresholds["at_risk"], thresholds["on_track"]):
            ax.axvline(100 * level, color="#999999", linestyle=(0, (2, 2)), linewidth=1, zorder=0)
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_locator(MultipleLocator(20))
        ax.xaxis.set_major_formatter(NumberFormatter(look.minus, suffix="%"))
        ax.set_yticks(self._y, labels)
        ax.set_ylim(self._y[-1] + 0.6, -0.6)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        ax.tick_params(axis="y", length=0, labelsize=9)
        ax.get_yticklabels()[-1].set_fontweight("bold")
        self.figure.set_layout_engine(FittingLayout(self._fit_labels, w_pad=0.06, h_pad=0.06))
        ax.set_xlabel(look.t("probability_axis"), fontproperties=look.font(9.5))
        self._set_titles(look)
        pct: Callable[[float], str] = lambda p: f"{100 * p:.0f}%"  # noqa: E731
        handles = [Patch(color=FLAG_COLOURS[f]) for f in ("on_track", "at_risk", "off_track")]
        legend_labels = [
            look.t("flag_on", hi=pct(thresholds["on_track"])),
            look.t("flag_risk", lo=pct(thresholds["at_risk"]), hi=pct(thresholds["on_track"])),
            look.t("flag_off", lo=pct(thresholds["at_risk"])),
        ]
        self.figure.legend(
            handles,
            legend_labels,
            loc="outside lower center",
            ncols=3,
            frameon=False,
            prop=look.font(9),
            handlelength=1.2,
        )

    def _set_label_fit(self, fit: tuple[int, float]) -> None:
        assert self.axes is not None  # made by draw()
        self.label_fit = fit
        lines, size = fit
        self.axes.yaxis.set_major_formatter(FixedFormatter(self._label_texts[lines]))
        self.axes.tick_params(axis="y", labelsize=size)

    def _fit_labels(self, layout: Callable[[], None]) -> None:
        """Lay the figure out with the first row labels of ``LABEL_FITS`` that neither
        overlap nor leave the figure at its present size (``layout`` lays it out); the axis
        title, when wider than the figure right of its centre, ends at the axis's end."""
        assert self.axes is not None  # made by draw()
        title = self.axes.xaxis.label
        title.set_x(0.5)
        title.set_horizontalalignment("center")
        for fit in LABEL_FITS:
            self._set_label_fit(fit)
            layout()
            if not self.labels_overlap() and self._inside(self.axes.get_yticklabels()):
                break
        if not self._inside([title]):
            title.set_x(1.0)
            title.set_horizontalalignment("right")
            layout()

    def _inside(self, texts: list[Any]) -> bool:
        """Whether these texts are drawn within the figure's width."""
        renderer = self.figure._get_renderer()  # type: ignore[attr-defined]  # as layouts do
        width = self.figure.bbox.width
        boxes = [text.get_window_extent(renderer) for text in texts if text.get_text()]
        return all(box.x0 >= -0.5 and box.x1 <= width + 0.5 for box in boxes)

    def labels_overlap(self) -> bool:
        """Whether any two row labels overlap (or touch) as the figure is laid out now."""
        assert self.axes is not None  # made by draw()
        renderer = self.figure._get_renderer()  # type: ignore[attr-defined]  # as layouts do
        boxes = sorted(
            (label.get_window_extent(renderer) for label in self.axes.get_yticklabels()),
            key=lambda box: box.y0,
        )
        return any(low.y1 >= high.y0 for low, high in pairwise(boxes))

    def _move(self, results: Results, look: Look) -> None:
        probabilities = [results.target_probability(i) for i in self._ids[:-1]]
        probabilities.append(results.all_targets_probability())
        self._probabilities = probabilities
        self._flags = [results.flag(p) for p in probabilities]
        for rect, text, p, flag in zip(
            self._bars.patches, self._value_labels, probabilities, self._flags
        ):
            width = 100.0 * p
            rect.set_width(width)
            rect.set_color(FLAG_COLOURS[flag])
            inside = width >= 88
            text.xy = (width, text.xy[1])
            text.set_text(look.percent(p))
            text.set_horizontalalignment(
                "right" if inside else "left"
            )  # = set_ha, not in the stubs
            text.set_position((-5, 0) if inside else (4, 0))
            text.set_color("white" if inside else "#222222")
        self._subtitle.set_text(
            look.t("sub_targets", scenario=look.scenario(results), draws=look.draws(results))
        )

    def data(self) -> dict[str, Any]:
        widths = np.array([rect.get_width() for rect in self._bars.patches])
        return {
            "ids": list(self._ids),
            "labels": list(self._labels),
            "percent": widths,
            "probabilities": widths / 100.0,
            "flags": list(self._flags),
            "colours": [rect.get_facecolor() for rect in self._bars.patches],
            "value_labels": [t.get_text() for t in self._value_labels],
        }


class FittingLayout(ConstrainedLayoutEngine):
    """Constrained layout that lets ``fit`` change the figure's text and lay it out again
    (``fit(layout)`` calls ``layout()`` as often as it needs)."""

    def __init__(self, fit: Callable[[Callable[[], None]], None], **kwargs: Any):
        super().__init__(**kwargs)
        self._fit = fit

    def execute(self, fig: Any) -> Any:  # Any: as matplotlib's own signature
        laid_out: list[Any] = [None]

        def layout() -> None:
            laid_out[0] = ConstrainedLayoutEngine.execute(self, fig)

        self._fit(layout)
        return laid_out[0]


def fits_width(figure: Figure, artist: Artist) -> bool:
    """Whether ``artist`` is as narrow as the figure (True where no renderer can tell)."""
    renderer = getattr(figure.canvas, "get_renderer", None)
    if renderer is None:
        return True
    return bool(artist.get_window_extent(renderer()).width <= figure.bbox.width)
