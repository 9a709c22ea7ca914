"""The chart of a run's target probabilities: the chance of reaching each 2028 target and all
of them together, its row labels fitted to the room the chart gets."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FixedFormatter, MultipleLocator

from ..model import (
    N_,
    Results,
)
from .chart_base import CHINESE_NUMERALS, TEXT, Chart
from .fitting import FittingLayout
from .style import (
    FLAG_COLOURS,
    GRID_COLOUR,
    Look,
    NumberFormatter,
    bottom_legend,
)

__all__ = ["LABEL_FITS", "TARGETS_TEXT", "TargetsChart"]


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
        bottom_legend(self.figure, handles, legend_labels, look, 9, ncols=3, handlelength=1.2)

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
