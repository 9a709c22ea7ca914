"""The published history on the indicator charts: the used figures before the plan as points,
the years axis from the first of them, a legend entry naming the source; a planner's own
history replaces the shipped one. Checked through what the chart plots."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from simulator import load_scenario, simulate
from simulator.model import HISTORY_COLUMNS, load_history, parse_history_csv
from simulator.present import chinese_font_available, make_chart, style

ROOT = Path(__file__).resolve().parents[1]
HEADER = ",".join(HISTORY_COLUMNS)


@pytest.fixture(scope="module")
def baseline():
    return simulate(load_scenario(ROOT / "scenarios" / "baseline.json"), draws=500, seed=3)


def drawn(kind, results, language="en", history=None):
    figure = Figure(figsize=style.CHART_SIZE, dpi=style.CHART_DPI)
    FigureCanvasAgg(figure)
    chart = make_chart(kind, figure, language, history)
    chart.draw(results)
    return chart


def legend_texts(chart) -> list[str]:
    return [t.get_text() for legend in chart.figure.legends for t in legend.get_texts()]


def own(rows: str):
    return parse_history_csv((HEADER + "\n" + rows).encode("utf-8"), "own.csv")


def test_the_shipped_history_is_drawn_before_the_plan(baseline):
    chart = drawn("indicator:rd_expenditure", baseline)
    data = chart.data()
    shipped = load_history().series("rd_expenditure")
    assert data["history"] == {y: v for y, v in shipped.items() if y < 2024}
    assert data["history"] == {2011: 164.3, 2015: 263.7, 2016: 286.4, 2020: 300.9}
    assert data["x_range"] == (2010.5, 2028.5)  # from the first observed year
    assert data["years"] == [2023, *baseline.years]  # the projection itself is unchanged
    assert "observed (source: Business Wire +2)" in legend_texts(chart)


def test_an_indicator_without_history_says_so_and_keeps_its_axis(baseline):
    chart = drawn("indicator:tech_enterprises", baseline)
    assert chart.data()["history"] == {}
    assert chart.data()["x_range"] == (2022.5, 2028.5)
    assert "observed: no published figures found" in legend_texts(chart)


def test_a_planners_history_replaces_the_shipped_one(baseline):
    history = own(
        "contract_turnover,2019,150,亿元,d,市科技局,内部统计,2020,,yes,\n"
        "contract_turnover,2019,999,亿元,d,other,t,2020,,no,\n"  # kept, not used: not drawn
        "contract_turnover,2025,800,亿元,d,市科技局,内部统计,2026,,yes,\n"  # in the plan
        "contract_turnover,2021,3000,亿元,d,市科技局,内部统计,2022,,yes,\n"
    )
    chart = drawn("indicator:contract_turnover", baseline, history=history)
    data = chart.data()
    assert data["history"] == {2019: 150.0, 2021: 3000.0}
    assert data["x_range"] == (2018.5, 2028.5)
    assert chart.axes.get_ylim()[1] >= 3000  # every point is inside the axes
    assert "observed (source: 市科技局)" in legend_texts(chart)
    # back to the shipped history: redrawn at once
    chart.set_history(None)
    assert chart.data()["history"] == {
        y: v for y, v in load_history().series("contract_turnover").items() if y < 2024
    }
    # and updating to new results keeps the points
    chart.set_history(history)
    chart.update(baseline)
    assert chart.data()["history"] == {2019: 150.0, 2021: 3000.0}


def test_the_chinese_legend_names_the_source_and_no_glyph_is_missing(baseline):
    if not chinese_font_available():
        pytest.skip("no CJK font")
    chart = drawn("indicator:contract_turnover", baseline, "zh")
    assert any(t.startswith("历史实际值（来源：Business Wire 等") for t in legend_texts(chart))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart.figure.canvas.draw()
    assert not [w for w in caught if "missing from" in str(w.message)]


@pytest.mark.parametrize("width, columns", [(6.0, 2), (14.0, 3)])
def test_the_indicator_legend_takes_two_columns_when_three_are_wider_than_the_chart(
    baseline, width, columns
):
    figure = Figure(figsize=(width, 4.0), dpi=100)
    FigureCanvasAgg(figure)
    chart = make_chart("indicator:rd_expenditure", figure, "en", None)
    chart.draw(baseline)
    (legend,) = figure.legends
    assert legend._ncols == columns
    renderer = figure.canvas.get_renderer()
    assert legend.get_window_extent(renderer).width <= figure.bbox.width
