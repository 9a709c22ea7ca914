"""Charts of the budget analyses: value for money per measure, the frontier of expected cost
against probability, and the yearly outlay against the appropriation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, MaxNLocator

from ..analysis import ALL_TARGETS, Optimisation, ValueForMoney
from ..model import Results
from .decision_base import DecisionChart, fit_rows, output_name, tick_label
from .fitting import FittingLayout
from .style import (
    BASELINE_COLOUR,
    COMPARE_COLOURS,
    FAN_COLOUR,
    FLAG_COLOURS,
    GRID_COLOUR,
    MUTED_TEXT,
    SHARE_COLOUR,
    TARGET_COLOUR,
    Look,
    NumberFormatter,
    bottom_legend,
    money_scale,
    nice_top,
    style_axes,
)

__all__ = ["ExceedanceChart", "FrontierChart", "ValueForMoneyChart"]

#: Measures shown in the value-for-money chart.
TOP_MEASURES = 12

#: What the exceedance chart draws: one run, or a list (or tuple) of (label, run) pairs.
Exceedance = Results | list[tuple[str, Results]] | tuple[tuple[str, Results], ...]


# ---------------------------------------------------------------------------------- value for money
class ValueForMoneyChart(DecisionChart[ValueForMoney]):
    """Measures ranked by the change of P(all targets) per 1,000 万元, with their share of the
    outlay's variance beside."""

    output = ALL_TARGETS

    def draw(self, result: ValueForMoney) -> None:
        self._look = self._new_look()
        self._results = result
        figure = self.figure
        figure.clear()
        figure.set_layout_engine("constrained", w_pad=0.06, h_pad=0.06)
        with self._look.rc():
            grid = figure.add_gridspec(1, 2, width_ratios=(3.2, 1.0), wspace=0.04)
            self.axes = figure.add_subplot(grid[0, 0])
            self.share_axes = figure.add_subplot(grid[0, 1], sharey=self.axes)
            for ax in (self.axes, self.share_axes):
                style_axes(ax, self._look)
            self._build(result, self.axes, self._look)
            self._signature = self._signature_of(result)

    def _build(self, result: ValueForMoney, ax: Axes, look: Look) -> None:
        catalogue = result.catalogue
        ranked = result.ranked(self.output)
        shown = ranked[:TOP_MEASURES][::-1]
        y = np.arange(len(shown), dtype=float)
        values = np.array([100.0 * m.value(self.output) for m in shown])
        shares = np.array([100.0 * m.variance_share for m in shown])
        self._bars = ax.barh(y, values, height=0.62, color=FLAG_COLOURS["on_track"])
        width = 32 if look.language == "zh" else 34
        labels = []
        for m in shown:
            measure = catalogue.measure(m.measure)
            title = measure.title_zh if look.language == "zh" else measure.title_en
            labels.append(tick_label(f"{m.measure}. {title}", look.language, width))
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=8)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        low = min(0.0, float(values.min()) if len(values) else 0.0)
        high = max(float(values.max()) if len(values) else 0.0, 1e-6)
        ax.set_xlim(low * 1.3 if low < 0 else 0.0, nice_top(high * 1.3))
        fit_rows(ax, len(shown))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(NumberFormatter(look.minus))
        self._value_texts = [
            ax.annotate(
                look.number(v, 3),
                xy=(max(v, 0.0), yi),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontproperties=look.font(7.6),
                color="#333333",
            )
            for yi, v in zip(y, values)
        ]
        ax.set_xlabel(
            look.t("axis_vfm", output=output_name(catalogue, self.output, look.language)),
            fontproperties=look.font(8.8),
        )
        share_ax = self.share_axes
        self._share_bars = share_ax.barh(y, shares, height=0.62, color=SHARE_COLOUR)
        share_ax.tick_params(axis="y", left=False, labelleft=False)
        share_ax.grid(axis="y", visible=False)
        share_ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        share_ax.set_xlim(0, nice_top(max(float(shares.max()) if len(shares) else 1.0, 1.0) * 1.35))
        share_ax.xaxis.set_major_locator(MaxNLocator(nbins=3))
        share_ax.xaxis.set_major_formatter(NumberFormatter(look.minus, suffix="%"))
        for yi, v in zip(y, shares):
            share_ax.annotate(
                f"{v:.1f}%",
                xy=(v, yi),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontproperties=look.font(7.4),
                color="#333333",
            )
        share_ax.set_xlabel(look.t("axis_vfm_share"), fontproperties=look.font(8.8))
        self._set_titles(look)
        self._subtitle.set_text(
            look.t(
                "sub_vfm",
                scenario=look.scenario(result),
                step=f"{result.step:.0%}",
                n=len(shown),
                total=len(ranked),
                draws=look.draws(result),
            )
        )
        self._data = {
            "measures": [m.measure for m in shown][::-1],
            "points_per_block": values[::-1],
            "variance_share_percent": shares[::-1],
            "labels": labels[::-1],
        }

    def data(self) -> dict[str, Any]:
        return dict(self._data)


# ---------------------------------------------------------------------------------- frontier
class FrontierChart(DecisionChart[Optimisation]):
    """Expected total outlay against the probability of the goal's target, per frontier
    point; the scenario as it is, the goal point and the probability goal marked."""

    def _build(self, result: Optimisation, ax: Axes, look: Look) -> None:
        catalogue = result.catalogue
        target = result.target
        points = result.frontier
        every = [p.outlay_wan for p in points] + [result.baseline.outlay_wan]
        scale, unit = money_scale(max(every))
        x = np.array([p.outlay_wan for p in points]) / scale
        y = np.array([100.0 * p.probability(target) for p in points])
        (self._line,) = ax.plot(
            x,
            y,
            color=FAN_COLOUR,
            linewidth=1.8,
            marker="o",
            markersize=5,
            markeredgecolor="white",
            markeredgewidth=0.8,
            drawstyle="steps-post",
            zorder=3,
        )
        ax.plot(
            x,
            y,
            linestyle="none",
            marker="o",
            markersize=5,
            color=FAN_COLOUR,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=4,
        )
        self._numbers = []
        bx = result.baseline.outlay_wan / scale
        by = 100.0 * result.baseline.probability(target)
        (self._baseline,) = ax.plot(
            [bx],
            [by],
            linestyle="none",
            marker="D",
            markersize=7,
            color=BASELINE_COLOUR,
            markeredgecolor="white",
            zorder=5,
        )
        handles = [self._line, self._baseline]
        labels = [look.t("frontier_line"), look.t("baseline")]
        self._best = None
        chosen = result.chosen  # the goal point, or the closest when the goal is out of reach
        if chosen is not None:
            (self._best,) = ax.plot(
                [chosen.outlay_wan / scale],
                [100.0 * chosen.probability(target)],
                linestyle="none",
                marker="o",
                markersize=13,
                markerfacecolor="none",
                markeredgecolor=TARGET_COLOUR,
                markeredgewidth=2.0,
                zorder=6,
            )
            handles.append(self._best)
            labels.append(look.t("best" if result.goal_reached else "closest"))
        if result.probability_goal is not None:
            goal_line = ax.axhline(
                100.0 * result.probability_goal,
                color=TARGET_COLOUR,
                linestyle=(0, (5, 3)),
                linewidth=1.1,
            )
            handles.append(goal_line)
            labels.append(look.t("goal", p=look.percent(result.probability_goal)))
        all_x = np.concatenate([x, [bx]])
        all_y = np.concatenate([y, [by]])
        span = float(all_x.max() - all_x.min()) or 1.0
        ax.set_xlim(all_x.min() - 0.05 * span, all_x.max() + 0.05 * span)
        top = max(float(all_y.max()), 100.0 * (result.probability_goal or 0.0))
        ax.set_ylim(0, nice_top(top * 1.12 if top > 0 else 1.0))
        # Number the points (for `qdplan optimize --point N`), skipping a number that would
        # touch the one before it.
        x_span = np.diff(ax.get_xlim())[0]
        y_span = np.diff(ax.get_ylim())[0]
        last = None
        for n, (xi, yi) in enumerate(zip(x, y)):
            here = np.array([xi / x_span, yi / y_span])
            if last is not None and np.hypot(*(here - last)) < 0.035 and n != len(x) - 1:
                continue
            last = here
            self._numbers.append(
                ax.annotate(
                    str(n + 1),
                    xy=(xi, yi),
                    xytext=(-4, 5),
                    textcoords="offset points",
                    ha="right",
                    va="bottom",
                    fontproperties=look.font(7.2),
                    color=MUTED_TEXT,
                )
            )
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8))
        ax.xaxis.set_major_formatter(NumberFormatter(look.minus))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(NumberFormatter(look.minus, suffix="%"))
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        ax.set_xlabel(look.t("axis_outlay", unit=look.t(unit)), fontproperties=look.font(9))
        self._ylabel = look.t(
            "axis_probability", output=output_name(catalogue, target, look.language)
        )
        ax.set_ylabel(self._ylabel, fontproperties=look.font(9))
        self.figure.set_layout_engine(FittingLayout(self._fit_ylabel, w_pad=0.06, h_pad=0.06))
        self._set_titles(look)
        if result.tolerance is None:
            envelope = look.t("no_envelope")
        elif not result.envelope_feasible:
            envelope = look.t("envelope_infeasible")
        else:
            envelope = look.t("envelope", tol=look.percent(result.tolerance))
        self._subtitle.set_text(
            look.t(
                "sub_frontier",
                scenario=look.scenario(result),
                n=len(result.lines),
                envelope=envelope,
                draws=look.draws(result),
            )
        )
        bottom_legend(self.figure, handles, labels, look, 8.8, ncols=len(handles), handlelength=1.8)
        self._data = {
            "outlay": x,
            "probability_percent": y,
            "scale": scale,
            "baseline": (bx, by),
            "best": (
                (chosen.outlay_wan / scale, 100.0 * chosen.probability(target))
                if chosen is not None
                else None
            ),
        }

    def _fit_ylabel(self, layout: Callable[[], None]) -> None:
        """Lay the figure out with the axis title on as few lines and at as large a size
        (``YLABEL_FITS``) as let it stand within the axes' height: a taller one would run
        into the subtitle above (a short chart in the app at 1280×720)."""
        assert self.axes is not None  # made by draw()
        label = self.axes.yaxis.label
        for lines, size in YLABEL_FITS:
            label.set_text(wrapped(self._ylabel, lines))
            label.set_fontsize(size)
            layout()
            renderer = getattr(self.figure.canvas, "get_renderer", None)
            if renderer is None:
                return
            if label.get_window_extent(renderer()).height <= self.axes.bbox.height + 0.5:
                return

    def data(self) -> dict[str, Any]:
        out = dict(self._data)
        if self.axes is not None:
            label = self.axes.yaxis.label
            out["ylabel"] = (label.get_text(), label.get_fontsize())
        return out


#: (lines, font size) of the frontier's axis title, tried in turn (the last is kept).
YLABEL_FITS = ((1, 9.0), (1, 8.0), (2, 8.0), (2, 7.0), (3, 7.0))


def wrapped(text: str, lines: int) -> str:
    """``text`` on ``lines`` lines of about equal length, broken at spaces (a text without
    enough spaces, such as Chinese, between characters)."""
    if lines <= 1:
        return text
    words = text.split(" ")
    if 1 < len(words) < lines:  # fewer words than lines: a word a line
        return "\n".join(words)
    if len(words) < lines:  # no space at all: break between characters
        step = -(-len(text) // lines)
        return "\n".join(text[i : i + step] for i in range(0, len(text), step))
    out: list[str] = []
    rest = words
    for left in range(lines, 1, -1):  # each line about the rest's length / lines left
        goal = len(" ".join(rest)) / left
        taken = 1
        while taken < len(rest) - (left - 1) and len(" ".join(rest[: taken + 1])) <= goal + 0.5:
            taken += 1
        out.append(" ".join(rest[:taken]))
        rest = rest[taken:]
    out.append(" ".join(rest))
    return "\n".join(out)


# ---------------------------------------------------------------------------------- exceedance
class ExceedanceChart(DecisionChart[Exceedance]):
    """Each year's total outlay (median, 50 % and 90 % ranges) against the appropriation, with
    the probability of exceeding it; one or two runs side by side."""

    def _series(self, data: Exceedance) -> list[tuple[str, Results]]:
        if isinstance(data, (list, tuple)):
            return list(data)
        return [("", data)]

    def _signature_of(self, data: Exceedance) -> Any:
        return tuple(id(r) for _, r in self._series(data))

    def _build(self, data: Exceedance, ax: Axes, look: Look) -> None:
        series = self._series(data)
        first = series[0][1]
        appropriation = first.scenario.appropriation
        if appropriation is None:
            raise ValueError("the scenario has no appropriation to compare the outlay with")
        years = list(first.years)
        n = len(years)
        x = np.arange(n, dtype=float)
        stats = [r.outlay("total") for _, r in series]
        top_value = max(max(float(s["p95"][:n].max()) for s in stats), max(appropriation.values()))
        scale, unit = money_scale(top_value)
        width = 0.7 / len(series)
        offsets = (np.arange(len(series)) - (len(series) - 1) / 2) * width
        # Probability labels sit above the highest of the year's ranges and appropriation.
        label_height = (
            np.maximum(
                np.max([np.asarray(s["p95"][:n]) for s in stats], axis=0),
                np.array([appropriation[str(y)] for y in years]),
            )
            / scale
        )
        self._exceedance = []
        handles: list[Artist] = []
        labels: list[str] = []
        for (label, results), s, offset, colour in zip(series, stats, offsets, COMPARE_COLOURS):
            xs = x + offset
            p05, p25, p50, p75, p95 = (
                np.asarray(s[k][:n]) / scale for k in ("p05", "p25", "p50", "p75", "p95")
            )
            ax.vlines(xs, p05, p95, color=colour, linewidth=1.4, alpha=0.8)
            ax.bar(
                xs, p75 - p25, bottom=p25, width=width * 0.55, color=colour, alpha=0.45, linewidth=0
            )
            ax.plot(
                xs,
                p50,
                linestyle="none",
                marker="_",
                markersize=14,
                markeredgewidth=2.2,
                color=colour,
            )
            exceed = results.appropriation_exceedance()
            if exceed is None:  # a run of a scenario without one
                raise ValueError("the scenario has no appropriation to compare the outlay with")
            self._exceedance.append([exceed[str(y)] for y in years])
            for xi, yi, year in zip(xs, label_height, years):
                ax.annotate(
                    look.t("exceed", p=look.percent(exceed[str(year)])),
                    xy=(xi, yi),
                    xytext=(0, 4),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontproperties=look.font(7.4),
                    color="#222222",
                    linespacing=1.0,
                )
            if label:
                handles.append(Patch(color=colour, alpha=0.6))
                labels.append(label)
        appropriation_values = np.array([appropriation[str(y)] for y in years]) / scale
        self._appropriation = ax.hlines(
            appropriation_values,
            x - 0.45,
            x + 0.45,
            color=TARGET_COLOUR,
            linewidth=2.0,
            linestyles=(0, (4, 2)),
            zorder=4,
        )
        ax.xaxis.set_major_locator(FixedLocator(list(x)))
        ax.set_xticks(x, [str(y) for y in years])
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(0, nice_top(top_value / scale * 1.22))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_formatter(NumberFormatter(look.minus))
        ax.set_ylabel(look.t("axis_year_outlay", unit=look.t(unit)), fontproperties=look.font(9))
        self._set_titles(look)
        self._subtitle.set_text(
            look.t("sub_exceedance", scenario=look.scenario(first), draws=look.draws(first))
        )
        grey = "#777777"
        handles += [
            Line2D([], [], color=TARGET_COLOUR, linestyle=(0, (4, 2)), linewidth=2),
            Line2D(
                [], [], color=grey, marker="_", linestyle="none", markersize=12, markeredgewidth=2
            ),
            Patch(color=grey, alpha=0.45),
            Line2D([], [], color=grey, linewidth=1.4),
        ]
        labels += [look.t("appropriation"), look.t("median"), look.t("band50"), look.t("band90")]
        bottom_legend(self.figure, handles, labels, look, 8.8, ncols=len(handles), handlelength=1.6)
        self._data = {
            "years": years,
            "appropriation": appropriation_values,
            "scale": scale,
            "exceedance": self._exceedance,
        }

    def data(self) -> dict[str, Any]:
        return dict(self._data)
