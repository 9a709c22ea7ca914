"""The charts of a run: their kinds, ``make_chart`` and ``write_charts``.

figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
chart = make_chart("total_fan", figure, language="zh")
chart.draw(results)        # first results, or after a change of series
chart.update(new_results)  # same artists, new data
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from matplotlib.figure import Figure

from ..model import Catalogue, History, Results, load_catalogue
from .chart_base import Chart
from .chart_files import FORMATS, chart_file_stem, check_formats, write_figures
from .outlay_charts import StackChart, TotalFanChart
from .style import CHART_DPI, CHART_SIZE, Look, check_language
from .target_charts import IndicatorChart
from .targets_chart import TargetsChart

__all__ = ["CHART_KINDS", "chart_kinds", "make_chart", "write_charts"]

_STATIC_KINDS = ("total_fan", "by_section", "by_department")


def chart_kinds(catalogue: Catalogue | None = None) -> list[str]:
    """Every chart kind for a catalogue (the shipped one when None), in display order."""
    if catalogue is None:
        catalogue = load_catalogue()
    return list(_STATIC_KINDS) + [f"indicator:{i.id}" for i in catalogue.indicators] + ["targets"]


#: The older name of ``chart_kinds``: ``CHART_KINDS(catalogue)`` is ``chart_kinds(catalogue)``.
CHART_KINDS = chart_kinds


def make_chart(
    kind: str, figure: Figure, language: str = "zh", history: History | None = None
) -> Chart[Results]:
    """A chart of this kind drawing into figure; call draw(results) to show it. Indicator
    charts show ``history`` before the plan (the shipped history when None)."""
    if kind == "total_fan":
        return TotalFanChart(kind, figure, language)
    if kind in ("by_section", "by_department"):
        return StackChart(kind, figure, language)
    if kind == "targets":
        return TargetsChart(kind, figure, language)
    if kind.startswith("indicator:") and len(kind) > len("indicator:"):
        return IndicatorChart(kind, figure, language, history)
    raise ValueError(
        f"unknown chart kind {kind!r}; use one of {', '.join(_STATIC_KINDS)}, "
        f"'indicator:<indicator id>' or 'targets'"
    )


def write_charts(
    results: Results,
    directory: str | os.PathLike[str],
    language: str = "zh",
    formats: Iterable[str] = FORMATS,
    history: History | None = None,
) -> list[Path]:
    """Write every chart kind in every format into directory (created if its parent exists).

    Files are named after the kind (total_fan.png, by_section.svg, indicator_platforms.pdf);
    indicator charts show ``history`` before the plan (the shipped history when None).
    Raises ValueError for an unknown format and an OSError subclass (naming the path) when the
    directory cannot be made or a file cannot be written.
    """
    check_language(language)
    formats = check_formats(formats)
    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")

    def drawn() -> Iterator[tuple[str, tuple[Figure, Look]]]:
        # one figure, drawn anew for each kind as it is written
        for kind in chart_kinds(results.catalogue):
            chart = make_chart(kind, figure, language, history)
            chart.draw(results)
            yield chart_file_stem(kind), (figure, chart.look)

    return write_figures(drawn(), directory, formats, layout_once=True)
