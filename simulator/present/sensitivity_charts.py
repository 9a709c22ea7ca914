"""Charts of the sensitivity analysis: the tornado (one assumption at a time) and the drivers
(the sources of uncertainty over the draws)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..analysis import OUTLAY, Sensitivity
from ..model import translate
from .decision_base import (
    TOP_FACTORS,
    DecisionChart,
    empty_note,
    fit_rows,
    output_name,
    shorten,
)
from .style import (
    FAN_COLOUR,
    GRID_COLOUR,
    HIGH_COLOUR,
    LOW_COLOUR,
    MEAN_COLOUR,
    WAN_PER_YI,
    Look,
    NumberFormatter,
    bottom_legend,
    money_scale,
    nice_top,
)

__all__ = ["DriversChart", "TornadoChart"]

#: Drivers explaining less of the variance than this are not drawn (unless fewer than 3 are).
MIN_SHARE = 0.005


def probability_decimals(values: list[float]) -> int:
    """Decimals of a percentage label that show the largest of these probabilities (shares,
    0–1) with a significant digit: 1 from 0.1 % up, 2 from 0.01 %, 3 from 0.001 % (one draw
    in 20,000 is 0.005 %), at most 4."""
    top = max((abs(v) for v in values), default=0.0) * 100.0
    if top <= 0.0 or top >= 1.0:
        return 1
    return max(1, min(4, math.ceil(-math.log10(top))))


# ---------------------------------------------------------------------------------- tornado
class TornadoChart(DecisionChart[Sensitivity]):
    """Bars from the central value to the output with each assumption at its low (blue) and
    high (orange) value; the widest swing on top."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh", top: int = TOP_FACTORS):
        super().__init__(kind, figure, language)
        self.output = kind.split(":", 1)[1]
        self.top = top

    def _title(self, language: str) -> str:
        catalogue = self._results.catalogue if self._results is not None else None
        name = (
            output_name(catalogue, self.output, language) if catalogue is not None else self.output
        )
        return translate(self.TEXT["tornado"], language).format(output=name)

    def _build(self, result: Sensitivity, ax: Axes, look: Look) -> None:
        catalogue = result.catalogue
        output = self.output
        fmt: Callable[[float], str]
        swings = result.tornado(output, self.top)[::-1]  # widest at the top
        central = result.central.value(output)
        if output == OUTLAY:
            scale, unit = money_scale(
                max([central] + [max(s.low.value(output), s.high.value(output)) for s in swings])
            )
            decimals = 2 if scale == WAN_PER_YI else 0
            axis = look.t("axis_outlay", unit=look.t(unit))
            fmt = lambda v: look.number(v, decimals)  # noqa: E731
        else:
            scale = 0.01
            decimals = probability_decimals(
                [central] + [v for s in swings for v in (s.low.value(output), s.high.value(output))]
            )
            axis = look.t("axis_probability", output=output_name(catalogue, output, look.language))
            fmt = lambda v: f"{v:.{decimals}f}%"  # noqa: E731
        y = np.arange(len(swings), dtype=float)
        low = np.array([s.low.value(output) for s in swings]) / scale
        high = np.array([s.high.value(output) for s in swings]) / scale
        c = central / scale
        self._low_bars = ax.barh(
            y, low - c, left=c, height=0.62, color=LOW_COLOUR, label=look.t("low")
        )
        self._high_bars = ax.barh(
            y, high - c, left=c, height=0.62, color=HIGH_COLOUR, label=look.t("high")
        )
        self._central_line = ax.axvline(c, color=MEAN_COLOUR, linewidth=1.2, zorder=3)
        labels = [
            shorten(s.factor.name(catalogue, look.language), look.language, 50)
            + "\n"
            + s.factor.what(look.language)
            + " "
            + s.factor.range_text(catalogue, look.language)
            for s in swings
        ]
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=7.6)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        values = np.concatenate([low, high, [c]]) if len(swings) else np.array([c])
        span = float(values.max() - values.min()) or max(abs(c), 1.0) * 0.1
        ax.set_xlim(values.min() - 0.16 * span, values.max() + 0.16 * span)
        fit_rows(ax, len(swings))
        self._value_texts = []
        for yi, lo, hi in zip(y, low, high):
            for value in (lo, hi):
                right = value >= c
                self._value_texts.append(
                    ax.annotate(
                        fmt(value),
                        xy=(value, yi),
                        xytext=(3 if right else -3, 0),
                        textcoords="offset points",
                        ha="left" if right else "right",
                        va="center",
                        fontproperties=look.font(7.4),
                        color="#333333",
                    )
                )
        ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(NumberFormatter(look.minus))
        ax.set_xlabel(axis, fontproperties=look.font(9))
        self._empty = None if swings else empty_note(ax, look.t("no_swing", value=fmt(c)), look)
        self._set_titles(look)
        subtitle = "sub_tornado"
        swing = next(
            (
                s.factor
                for s in result.swings
                if s.factor.basis == "relative" and s.factor.kind == "uptake"
            ),
            None,
        )
        if swing is not None:
            subtitle = "sub_tornado_relative"
        self._subtitle.set_text(
            look.t(
                subtitle,
                scenario=look.scenario(result),
                draws=look.draws(result),
                swing=f"{(1 - swing.low):.0%}" if swing else "",
            )
        )
        handles = [Patch(color=LOW_COLOUR), Patch(color=HIGH_COLOUR), self._central_line]
        legend = [look.t("low"), look.t("high"), look.t("central", value=fmt(c))]
        bottom_legend(self.figure, handles, legend, look, 8.8, ncols=3, handlelength=1.6)
        self._data = {
            "output": output,
            "central": c,
            "scale": scale,
            "factors": [s.factor.id for s in swings][::-1],
            "low": low[::-1],
            "high": high[::-1],
            "labels": labels[::-1],
            "note": None if self._empty is None else self._empty.get_text(),
        }

    def data(self) -> dict[str, Any]:
        return dict(self._data)


# ---------------------------------------------------------------------------------- drivers
class DriversChart(DecisionChart[Sensitivity]):
    """The largest first-order indices (total outlay: variance shares) over the draws."""

    def __init__(self, kind: str, figure: Figure, language: str = "zh", top: int = TOP_FACTORS):
        super().__init__(kind, figure, language)
        self.output = kind.split(":", 1)[1]
        self.top = top

    def _title(self, language: str) -> str:
        catalogue = self._results.catalogue if self._results is not None else None
        name = (
            output_name(catalogue, self.output, language) if catalogue is not None else self.output
        )
        return translate(self.TEXT["drivers"], language).format(output=name)

    def _build(self, result: Sensitivity, ax: Axes, look: Look) -> None:
        catalogue = result.catalogue
        outlay = self.output == OUTLAY
        drivers = result.top_drivers(self.output, self.top)
        # Quantities explaining under half a percent are left out (the tables list them).
        shown = [
            d
            for d in drivers
            if (d.variance_share if outlay and d.variance_share is not None else d.first_order)
            >= MIN_SHARE
        ]
        drivers = (shown if len(shown) >= 3 else drivers[:3])[::-1]
        values = (
            np.array(
                [
                    (d.variance_share if outlay and d.variance_share is not None else d.first_order)
                    for d in drivers
                ]
            )
            * 100.0
        )
        y = np.arange(len(drivers), dtype=float)
        self._bars = ax.barh(y, values, height=0.62, color=FAN_COLOUR)
        labels = [
            shorten(d.name(catalogue, look.language), look.language, 50)
            + "\n"
            + d.what(look.language)
            for d in drivers
        ]
        ax.set_yticks(y, labels)
        ax.tick_params(axis="y", length=0, labelsize=7.6)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color=GRID_COLOUR, linewidth=0.8)
        top = nice_top(max(float(values.max()) if len(values) else 1.0, 1.0) * 1.25)
        ax.set_xlim(0, top)
        fit_rows(ax, len(drivers))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.xaxis.set_major_formatter(NumberFormatter(look.minus, suffix="%"))
        self._notes = [
            ax.annotate(
                f"{v:.1f}% · ρ {look.number(d.rank_correlation, 2)}",
                xy=(v, yi),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontproperties=look.font(7.6),
                color="#333333",
            )
            for yi, v, d in zip(y, values, drivers)
        ]
        ax.set_xlabel(
            look.t("axis_share" if outlay else "axis_first_order"), fontproperties=look.font(9)
        )
        self._empty = None
        if not result.varies(self.output):
            value = result.central.value(self.output)
            shown_value = look.number(value, 0) if outlay else f"{100 * value:.1f}%"
            self._empty = empty_note(ax, look.t("constant", value=shown_value), look)
        self._set_titles(look)
        share = result.interaction_share(self.output)
        if share is None:  # nothing varies: no variance to share out
            subtitle = look.t(
                "sub_drivers_constant", scenario=look.scenario(result), draws=look.draws(result)
            )
        elif outlay:
            subtitle = look.t(
                "sub_drivers_outlay", scenario=look.scenario(result), draws=look.draws(result)
            )
        else:
            subtitle = look.t(
                "sub_drivers",
                scenario=look.scenario(result),
                rest=look.percent(share),
                draws=look.draws(result),
            )
        self._subtitle.set_text(subtitle)
        self._data = {
            "output": self.output,
            "drivers": [d.id for d in drivers][::-1],
            "percent": values[::-1],
            "labels": labels[::-1],
            "note": None if self._empty is None else self._empty.get_text(),
        }

    def data(self) -> dict[str, Any]:
        return dict(self._data)
