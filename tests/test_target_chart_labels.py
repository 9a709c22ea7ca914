"""The targets chart's row labels never overlap: on a short axis (a small screen) they are
written smaller or on one line. Checked on the labels' boxes after a draw, as drawn."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from simulator import load_scenario, simulate
from simulator.present import chinese_font_available, make_chart

ROOT = Path(__file__).resolve().parents[1]

#: Canvas sizes in pixels (at 100 dpi, as the app composes charts, and at the 80 dpi it
#: draws a narrower canvas with): the result panel at 1280x720 and 1366x768 (about
#: 540-590 x 250-280), a squat one, and the composed 800x450.
SIZES = [(550, 240, 86), (590, 270, 92), (700, 230, 100), (800, 450, 100)]


@pytest.fixture(scope="module")
def baseline():
    scenario = load_scenario(ROOT / "scenarios" / "baseline.json")
    return simulate(scenario, draws=2000, seed=3)


def _chart(results, language: str, width: int, height: int, dpi: int):
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    chart = make_chart("targets", figure, language)
    chart.draw(results)
    figure.canvas.draw()
    return chart


def _boxes(chart):
    renderer = chart.figure.canvas.get_renderer()
    labels = [label for label in chart.axes.get_yticklabels() if label.get_text()]
    assert len(labels) == 6  # five targets and all of them together
    return sorted((label.get_window_extent(renderer) for label in labels), key=lambda b: b.y0)


def _languages():
    return ["en", "zh"] if chinese_font_available() else ["en"]


@pytest.mark.parametrize("language", _languages())
@pytest.mark.parametrize(("width", "height", "dpi"), SIZES)
def test_no_two_row_labels_overlap(baseline, language, width, height, dpi):
    chart = _chart(baseline, language, width, height, dpi)
    boxes = _boxes(chart)
    for low, high in pairwise(boxes):
        assert low.y1 < high.y0, (chart.label_fit, low, high)
    # and every label, and the axis title, is inside the figure (not cut off at an edge)
    renderer = chart.figure.canvas.get_renderer()
    title = chart.axes.xaxis.label.get_window_extent(renderer)
    for box in [*boxes, title]:
        assert box.x0 >= -0.5 and box.x1 <= width + 0.5, (chart.label_fit, box)


@pytest.mark.parametrize("language", _languages())
def test_a_tall_chart_keeps_the_two_line_labels_and_a_short_one_shrinks_them(baseline, language):
    tall = _chart(baseline, language, 800, 450, 100)
    assert tall.label_fit[0] == 2
    assert "\n" in tall.axes.get_yticklabels()[0].get_text()
    short = _chart(baseline, language, 550, 240, 86)
    assert short.label_fit != tall.label_fit
    # the same labels: a name and its target, on one line when there is no room for two
    text = short.axes.get_yticklabels()[0].get_text()
    name, target = tall.axes.get_yticklabels()[0].get_text().split("\n")
    assert name in text
    assert target.split(">")[1].strip() in text.replace("\n", " ")
    # data() keeps the full two-line labels whatever is shown
    assert short.data()["labels"] == tall.data()["labels"]


def test_the_labels_follow_the_figure_when_it_grows_again(baseline):
    chart = _chart(baseline, "en", 550, 240, 86)
    small_fit = chart.label_fit
    chart.figure.set_size_inches(8.0, 4.5)
    chart.figure.set_dpi(100)
    chart.figure.canvas.draw()
    assert chart.label_fit[0] == 2 and chart.label_fit != small_fit
    assert not chart.labels_overlap()
