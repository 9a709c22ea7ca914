"""Charts of the decision analyses (``simulator.analysis``), drawn into a matplotlib Figure the
caller owns, with the fonts, colours and number formats of ``simulator.present.style``.

    figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
    chart = make_decision_chart("tornado:all", figure, language="zh")
    chart.draw(sensitivity_result)     # or .draw(value_for_money_result), .draw(optimisation)

Kinds and what ``draw`` takes:

* ``tornado:<output>`` and ``drivers:<output>``: a ``Sensitivity`` (output: 'outlay', an
  indicator id or 'all');
* ``value_for_money``: a ``ValueForMoney``;
* ``frontier``: an ``Optimisation``;
* ``exceedance``: a ``Results`` (or a list of (label, Results) to compare) of a scenario with
  an appropriation.

Each chart's ``data()`` returns what is plotted, read back from the artists (for tests).
Nothing here touches pyplot or Qt.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from ..analysis import Optimisation, Sensitivity, ValueForMoney, outputs
from ..model import Catalogue
from .budget_charts import Exceedance, ExceedanceChart, FrontierChart, ValueForMoneyChart
from .chart_base import Chart
from .chart_files import FORMATS, chart_file_stem, check_formats, write_figures
from .sensitivity_charts import DriversChart, TornadoChart
from .style import CHART_DPI, CHART_SIZE, Look, check_language

__all__ = ["decision_chart_kinds", "make_decision_chart", "write_decision_charts"]


def decision_chart_kinds(
    catalogue: Catalogue,
    sensitivity: bool = True,
    value_for_money: bool = True,
    frontier: bool = True,
    exceedance: bool = False,
) -> list[str]:
    """The chart kinds of the analyses asked for, in display order."""
    kinds: list[str] = []
    if sensitivity:
        kinds += [f"tornado:{o}" for o in outputs(catalogue)]
        kinds += [f"drivers:{o}" for o in outputs(catalogue)]
    if value_for_money:
        kinds.append("value_for_money")
    if frontier:
        kinds.append("frontier")
    if exceedance:
        kinds.append("exceedance")
    return kinds


def make_decision_chart(kind: str, figure: Figure, language: str = "zh") -> Chart[Any]:
    """A chart of this kind drawing into ``figure``; call ``draw(result)`` to show it."""
    head, _, output = kind.partition(":")
    if head == "tornado" and output:
        return TornadoChart(kind, figure, language)
    if head == "drivers" and output:
        return DriversChart(kind, figure, language)
    if kind == "value_for_money":
        return ValueForMoneyChart(kind, figure, language)
    if kind == "frontier":
        return FrontierChart(kind, figure, language)
    if kind == "exceedance":
        return ExceedanceChart(kind, figure, language)
    raise ValueError(
        f"unknown decision chart kind {kind!r}; use 'tornado:<output>', "
        "'drivers:<output>', 'value_for_money', 'frontier' or 'exceedance'"
    )


def write_decision_charts(
    directory: str | os.PathLike[str],
    *,
    sensitivity: Sensitivity | None = None,
    value_for_money: ValueForMoney | None = None,
    optimisation: Optimisation | None = None,
    exceedance: Exceedance | None = None,
    language: str = "zh",
    formats: Iterable[str] = FORMATS,
) -> list[Path]:
    """Write the charts of whichever results are given (``exceedance``: a Results or a list of
    (label, Results) of a scenario with an appropriation) into ``directory`` (created if its
    parent exists), each in every format. Raises ValueError for an unknown format and an
    OSError (naming the path) when a file cannot be written."""
    check_language(language)
    formats = check_formats(formats)
    jobs: list[tuple[str, Any]] = []
    if sensitivity is not None:
        jobs += [
            (k, sensitivity)
            for k in decision_chart_kinds(
                sensitivity.catalogue, value_for_money=False, frontier=False
            )
        ]
    if value_for_money is not None:
        jobs.append(("value_for_money", value_for_money))
    if optimisation is not None:
        jobs.append(("frontier", optimisation))
    if exceedance is not None:
        jobs.append(("exceedance", exceedance))

    def drawn() -> Iterator[tuple[str, tuple[Figure, Look]]]:
        # a figure of its own for each chart, drawn as it is written
        for kind, result in jobs:
            figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
            chart = make_decision_chart(kind, figure, language)
            chart.draw(result)
            yield chart_file_stem(kind), (figure, chart.look)

    return write_figures(drawn(), directory, formats, layout_once=True)
