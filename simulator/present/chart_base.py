"""The base of every chart: a ``Chart`` draws one kind into a matplotlib ``Figure`` that the
caller owns, and the words of the charts of a run.

The Qt app passes the Figure of its ``FigureCanvasQTAgg``; the CLI and ``write_charts`` use a
plain Figure (Agg). Nothing here touches pyplot's global state or Qt. A chart builds its
artists once (``draw``) and then moves them to new results in place (``update``), so the app
can redraw while a slider moves; the caller redraws the canvas (``canvas.draw_idle()``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.ticker import FixedLocator, Formatter

from ..model import N_, translate
from .chart_files import ChartFile, save_figure
from .style import (
    EXPORT_DPI,
    MUTED_TEXT,
    Look,
    check_language,
    effective_language,
    style_axes,
)

__all__ = ["CHINESE_NUMERALS", "TEXT", "Chart", "band_bounds", "band_vertices"]

TEXT: dict[str, str] = {
    "total_fan": N_("Total outlays by year"),
    "by_section": N_("Outlays by year and section of the plan"),
    "by_department": N_("Outlays by year and responsible department"),
    "indicator": N_("{name}: projection 2023–2028"),
    "targets": N_("Probability of reaching the 2028 targets"),
    "wan": N_("10k yuan"),
    "yi": N_("100m yuan"),
    "outlay_axis": N_("Outlay ({unit})"),
    "median": N_("Median"),
    "mean": N_("Mean"),
    "appropriation_line": N_("Appropriation"),
    "net_mean": N_("Net fiscal cost (less returns, mean)"),
    "band50": N_("50% range (P25–P75)"),
    "band90": N_("90% range (P5–P95)"),
    "start": N_("2023 (projection start)"),
    "bau": N_("without the plan: median, 90%"),
    "observed": N_("Observed"),
    "no_history": N_("observed: no published figures found"),
    "target": N_("2028 target (the plan): > {quantity}"),
    "target_side": N_("Target\n{value}"),
    "probability_box": N_("Chance of reaching the 2028 target: {p} ({flag})"),
    "all_targets": N_("All {n} targets together"),
    "target_tick": N_("{name}\ntarget > {quantity}"),
    "probability_axis": N_("Probability (share of draws above the 2028 target)"),
    "on_track": N_("on track"),
    "at_risk": N_("at risk"),
    "off_track": N_("off track"),
    "flag_on": N_("On track (≥{hi})"),
    "flag_risk": N_("At risk ({lo}–{hi})"),
    "flag_off": N_("Off track (<{lo})"),
    "other": N_("Other"),
    "draws": N_("{draws} draws"),
    "sub_total": N_(
        "{scenario} · 2024–2028 total: median {median}, 90% range {p05}–{p95} ({unit}) · {draws}"
    ),
    "sub_section": N_("{scenario} · mean per year by section, totals on top · {draws}"),
    "sub_department": N_(
        "{scenario} · mean per year by department, each measure split by the scenario's shares (lead unit in full where none are set: an assumption), totals on top · {draws}"
    ),
    "sub_indicator": N_(
        "{scenario} · start calibrated on the history or assumed (see its basis); the target is the plan's · {draws}"
    ),
    "sub_targets": N_("{scenario} · colours by the scenario's flag thresholds · {draws}"),
    "sep": N_(" "),
}


CHINESE_NUMERALS = "零一二三四五六七八九十"

#: What a chart draws: a run's Results, or the result of an analysis.
R = TypeVar("R")


def band_vertices(x: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The outline of a band between two lines over x (for a PolyCollection)."""
    return np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([low, high[::-1]])])


def band_bounds(band: PolyCollection, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The low and high lines of a band of n points, read back from its outline."""
    vertices = np.asarray(band.get_paths()[0].vertices)  # an array; typed ArrayLike
    return vertices[:n, 1].copy(), vertices[n : 2 * n, 1][::-1].copy()


class Chart(Generic[R]):
    """One chart kind drawn into a Figure it does not own (R: what it draws).

    ``draw`` builds every artist (clearing the figure); ``update`` moves them to new results
    and falls back to ``draw`` when the series set differs; the caller redraws the canvas.
    """

    kind: str
    #: The words of the chart family by language (``Look.t``): the run charts' here.
    TEXT: dict[str, str] = TEXT

    def __init__(self, kind: str, figure: Figure, language: str = "zh"):
        self.kind = kind
        self.figure = figure
        self.language = check_language(language)
        self.axes: Axes | None = None
        self._results: R | None = None
        self._signature: Any = None
        self._look: Look | None = None

    # -- public API
    @property
    def shown_language(self) -> str:
        """The language the chart is drawn in ('en' when Chinese was asked but no CJK font)."""
        return effective_language(self.language)

    def draw(self, results: R) -> None:
        """Build all artists for these results (first time, or after a language change)."""
        self._look = self._new_look()
        self._results = results
        figure = self.figure
        figure.clear()
        figure.set_layout_engine("constrained", w_pad=0.06, h_pad=0.06)
        with self._look.rc():
            self.axes = figure.add_subplot()
            style_axes(self.axes, self._look)
            self._build(results, self.axes, self._look)
            self._signature = self._signature_of(results)
            self._move(results, self._look)

    def update(self, results: R) -> None:
        """Move the existing artists to new results; draw() when the series set changed."""
        if (
            self._results is None
            or self._look is None
            or self._look.language != self.shown_language
            or self._signature_of(results) != self._signature
        ):
            self.draw(results)
            return
        self._results = results
        with self._look.rc():  # a text made while moving is plain text too
            self._move(results, self._look)

    def set_language(self, language: str) -> None:
        """'zh' or 'en'; redraws all text (the whole chart) when results are known."""
        self.language = check_language(language)
        if self._results is not None:
            self.draw(self._results)

    def title(self) -> str:
        """The chart's title in the language it is shown in."""
        return self._title(self.shown_language)

    def data(self) -> dict[str, Any]:
        """What is plotted, read back from the artists, in the displayed units."""
        raise NotImplementedError

    @property
    def look(self) -> Look:
        """The fonts, words and number formats the chart is drawn with."""
        return self._look or self._new_look()

    def savefig(self, path: ChartFile, format: str | None = None, dpi: float = EXPORT_DPI) -> None:
        """Save the figure (with this chart's fonts and reproducible metadata) in ``format``
        (else the one of the file name's suffix); OSError subclasses name the path."""
        save_figure(self.figure, self.look, path, format, dpi)

    # -- for subclasses
    def _new_look(self) -> Look:
        return Look(self.shown_language, self.TEXT)

    def _title(self, language: str) -> str:
        return translate(self.TEXT[self.kind], language)

    def _signature_of(self, results: Any) -> Any:  # here: a run's Results
        return tuple(results.years)

    def _build(self, results: R, ax: Axes, look: Look) -> None:
        raise NotImplementedError

    def _move(self, results: R, look: Look) -> None:
        raise NotImplementedError

    def _set_titles(self, look: Look) -> None:
        # Title and subtitle span the whole figure, above the axes and any legend on the
        # right. The title's empty second line makes constrained layout reserve room for
        # the subtitle, which hangs from it (and stays out of the layout itself).
        self._title_text = self.figure.suptitle(
            self._title(look.language) + "\n",
            x=0.012,
            ha="left",
            va="top",
            linespacing=1.05,
            fontproperties=look.font(12.5, "bold"),
            color="#111111",
        )
        self._subtitle = Annotation(
            "",
            xy=(0, 0),
            xycoords=self._title_text,
            xytext=(0, 2),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontproperties=look.font(8.8),
            color=MUTED_TEXT,
        )
        self._subtitle.set_in_layout(False)
        self.figure.add_artist(self._subtitle)

    def _set_year_axis(self, ax: Axes, years: Iterable[int]) -> None:
        years = list(years)
        ax.xaxis.set_major_locator(FixedLocator(years))
        ax.xaxis.set_major_formatter(_YearFormatter())
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)


class _YearFormatter(Formatter):
    def __call__(self, value: float, pos: int | None = None) -> str:
        return f"{int(round(value))}"
