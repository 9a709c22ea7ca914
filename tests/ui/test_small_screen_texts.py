"""Text that must stay readable on a small screen (issue 12 §4): the targets chart's row labels
never overlap; in the tables, each name is shown in full or elided in the middle with the full
name as its tooltip, and no two read the same; the decision window's buttons stay in view.

The window's client area on a 1280x720 laptop is 1264x640 (tests/ui/test_small_screens.py);
on a 1366x768 one 1350x688."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QSize

from simulator.present import summary_rows

LAPTOP_CLIENT = QSize(1264, 640)
WIDE_LAPTOP_CLIENT = QSize(1350, 688)
TARGETS_TAB = 4


def _at(window, size: QSize, qapp) -> None:
    window.resize(size)
    window._split()
    qapp.processEvents()


# ---------------------------------------------------------------------------- targets chart
@pytest.mark.parametrize(
    ("language", "size"),
    [("en", LAPTOP_CLIENT), ("zh", WIDE_LAPTOP_CLIENT), ("en", WIDE_LAPTOP_CLIENT)],
)
def test_the_targets_chart_labels_do_not_overlap_on_a_laptop(
    make_window, small_scenario, language, size, qapp
):
    window = make_window(small_scenario, language=language)
    _at(window, size, qapp)
    window.charts.select_tab(TARGETS_TAB)
    qapp.processEvents()
    view = window.charts.canvases["targets"]
    view.canvas.draw()
    figure = view.figure
    renderer = view.canvas.get_renderer()
    labels = [label for label in view.chart.axes.get_yticklabels() if label.get_text()]
    assert len(labels) == 6
    boxes = sorted((label.get_window_extent(renderer) for label in labels), key=lambda b: b.y0)
    for low, high in pairwise(boxes):
        assert low.y1 < high.y0, (figure.bbox, low, high)
    title = view.chart.axes.xaxis.label.get_window_extent(renderer)
    for box in [*boxes, title]:  # none cut off at an edge
        assert box.x0 >= -0.5 and box.x1 <= figure.bbox.width + 0.5, box


# ---------------------------------------------------------------------------- count units
def test_a_yearly_count_target_says_every_year_once(window):
    """The plan's yearly count targets (measure 10): "项（每年）", not "项/年(每年)"."""
    yearly = [t for t in window.results.catalogue.count_targets if t.per_year]
    assert yearly
    for language, unit in (("zh", "项（每年）"), ("en", "items a year")):
        rows = {row[0]: row for row in summary_rows(window.results, language) if row}
        for target in yearly:
            name = target.name_zh if language == "zh" else target.name_en
            assert rows[name][2] == unit
