"""Text that must stay readable on a small screen (issue 12 §4): the targets chart's row labels
never overlap; in the tables, each name is shown in full or elided in the middle with the full
name as its tooltip, and no two read the same; the decision window's buttons stay in view.

The window's client area on a 1280x720 laptop is 1264x640 (tests/ui/test_small_screens.py);
on a 1366x768 one 1350x688."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from simulator.present import summary_rows
from ui.widgets.elide import ELLIPSIS

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


# ---------------------------------------------------------------------------- elision helpers
def _assert_readable(shown: dict[str, str], tips: dict[str, str]) -> None:
    """Each text (full text → as shown) is in full, or elided in the middle (its first
    and last characters kept) with the full text as its tooltip; no two read the same."""
    for full, text in shown.items():
        if text != full:
            assert ELLIPSIS in text, (full, text)
            assert text[0] == full[0] and not text.endswith(ELLIPSIS), (full, text)
            assert tips[full] == full, full
    assert len(set(shown.values())) == len(shown), shown


# ---------------------------------------------------------------------------- summary table
@pytest.mark.parametrize("size", [LAPTOP_CLIENT, WIDE_LAPTOP_CLIENT])
def test_the_target_names_in_the_summary_can_be_read(make_window, small_scenario, size, qapp):
    window = make_window(small_scenario, language="en")
    _at(window, size, qapp)
    summary = window.summary
    table = summary.table
    model = table.model()
    names, tips, cells = {}, {}, {}
    for r, row in enumerate(summary.rows):
        # the entries of the target blocks (the headline targets, the count targets)
        if not row or not summary.rows[r - 1] or summary.shifts[r] == 0:
            continue
        item = table.item(r, 0)
        names[item.text()] = summary.delegate.displayed_text(model.index(r, 0))
        tips[item.text()] = item.toolTip()
        assert item.text() == row[0]
        assert summary.column_of(r, len(row) - 1) == table.columnCount() - 1  # no blank end
        for k in range(1, len(row)):
            cell = table.item(r, summary.column_of(r, k))
            if cell.text():
                cells[cell.text()] = summary.delegate.displayed_text(
                    model.index(cell.row(), cell.column())
                )
                tips[cell.text()] = cell.toolTip()
    assert len(names) >= 8  # five targets, all together, the count targets
    # drawn on one line as measured: a wrapped cell would show its first word only
    wrap = QStyleOptionViewItem.ViewItemFeature.WrapText
    for r, row in enumerate(summary.rows):
        if row and summary.rows[r - 1] and summary.shifts[r]:
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            assert option.features & wrap  # the table wraps (its header rows may)
            option.rect = table.visualRect(model.index(r, summary.column_of(r, 2)))
            summary.delegate.initStyleOption(option, model.index(r, summary.column_of(r, 2)))
            assert not option.features & wrap, (row, option.rect, option.fontMetrics.lineSpacing())
    _assert_readable(names, tips)
    for full, text in cells.items():  # units, statuses: in full or elided in the middle
        _assert_readable({full: text}, tips)
    targets = [i.name("en") for i in window.results.catalogue.indicators]
    # the five headline targets' names are the ones to read: at most one elided
    assert sum(names[name] == name for name in targets) >= len(targets) - 1
    # and the outlay block's names are in full
    assert summary.delegate.displayed_text(model.index(1, 0)) == summary.rows[1][0]


# ---------------------------------------------------------------------------- indicator effects
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_lines_of_the_award_effects_can_be_read(make_window, small_scenario, language, qapp):
    window = make_window(small_scenario, language=language)
    _at(window, LAPTOP_CLIENT, qapp)
    window.editor_tabs.setCurrentIndex(2)
    panel = window.indicator_panel
    seen = 0
    for indicator in window.results.catalogue.indicators:
        panel.select(indicator.id)
        qapp.processEvents()
        table = panel.effects_table
        effects = window.document.scenario.get(("indicators", indicator.id, "effects")) or []
        names, tips = {}, {}
        for i, effect in enumerate(effects):
            line = window.results.catalogue.line(effect["line"])
            full = line.name_zh if language == "zh" else line.name_en
            item = table.item(2 * i, 0)
            assert item.text() == full
            index = table.model().index(2 * i, 0)
            # the name has the table's whole width, not a column squeezed by spin boxes
            assert table.visualRect(index).width() >= table.viewport().width() - 2
            names[full] = panel.effects_delegate.displayed_text(index)
            tips[full] = item.toolTip().split("\n")[0]
            assert table.cellWidget(2 * i + 1, 1) is not None  # its mean below it
        _assert_readable(names, tips)
        seen += len(effects)
    assert seen >= 3


# ---------------------------------------------------------------------------- goal seek
def _goal_tab(make_window, small_scenario, qapp):
    window = make_window(small_scenario, language="en")
    decision = window.decision.open("goal")
    decision.resize(LAPTOP_CLIENT)
    qapp.processEvents()
    tab = decision.tabs.currentWidget()
    assert tab is decision.goal
    return decision, tab


def test_the_goal_seek_bounds_show_the_line_names_apart(make_window, small_scenario, qapp):
    decision, tab = _goal_tab(make_window, small_scenario, qapp)
    table = tab.bounds_editor.bounds
    delegate = tab.bounds_editor.names_delegate
    names, tips = {}, {}
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        names[item.text()] = delegate.displayed_text(table.model().index(r, 0))
        tips[item.text()] = item.toolTip().split("\n")[0]
    assert len(names) >= 10
    assert sum(ELLIPSIS in text for text in names.values()) >= 2  # the case in question
    _assert_readable(names, tips)
    # the text fits the room the style leaves beside the check box
    metrics = QFontMetrics(table.font())
    for r in range(table.rowCount()):
        text = names[table.item(r, 0).text()]
        assert metrics.horizontalAdvance(text) <= table.columnWidth(0) - 20, text
    decision.close()


def test_the_goal_seek_buttons_are_in_view_at_1280x720(make_window, small_scenario, qapp):
    decision, tab = _goal_tab(make_window, small_scenario, qapp)
    editor = tab.bounds_editor
    visible = decision.rect()
    buttons = [tab.run_button, editor.select_all, editor.select_none, editor.reset_bounds]
    for button in buttons:
        assert button.isVisible(), button.text()
        rect = button.rect()
        top_left = button.mapTo(decision, rect.topLeft())
        bottom_right = button.mapTo(decision, rect.bottomRight())
        assert visible.contains(top_left) and visible.contains(bottom_right), button.text()
        # outside the scrolling page: scrolling does not move them out of view
        assert not tab.page.isAncestorOf(button), button.text()
    page_scroll = tab.verticalScrollBar()
    page_scroll.setValue(page_scroll.maximum())
    qapp.processEvents()
    for button in buttons:
        assert visible.contains(button.mapTo(decision, button.rect().bottomRight()))
    decision.close()
