"""Sliders update results live; undo and redo restore them; a drag is one undo step."""

from __future__ import annotations

import numpy as np
import pytest

LINE = "m01-common-tech"
PATH = ("lines", LINE, "uptake", "2026")


def total_means(window):
    return np.array(window.results.outlay()["mean"])


def uptake_row(window, line=LINE, year="2026"):
    assert window.select_line(line)
    return window.line_editor.rows[("lines", line, "uptake", year)]


def test_slider_change_updates_table_and_chart(window):
    engine = window.controller.engine
    before = total_means(window)
    canvas = window.charts.current_canvas()
    chart_before = canvas.chart.data()["mean"].copy() if "mean" in canvas.chart.data() else None
    table_before = window.summary.table.item(3, 3).text()  # 2026 mean
    row = uptake_row(window)
    assert row.spin.value() == pytest.approx(12.0)
    row.slider.setValue(row.slider.value() + round(6 / row.step))  # 12 -> 18 projects
    window.process_pending()
    assert window.document.scenario.get(PATH) == pytest.approx(18.0)
    assert row.spin.value() == pytest.approx(18.0)
    after = total_means(window)
    assert after[2] > before[2] and after[3] > before[3]  # paid 50/50 over 2026 and 2027
    assert after[0] == pytest.approx(before[0])  # 2024 untouched (common random numbers)
    assert window.controller.engine is engine  # a fast update, not a new run
    assert window.summary.table.item(3, 3).text() != table_before
    if chart_before is not None:
        assert not np.allclose(canvas.chart.data()["mean"], chart_before)
    assert window.isWindowModified()


def test_undo_and_redo_restore_results(window):
    before = total_means(window)
    row = uptake_row(window)
    row.spin.setValue(15.0)
    window.process_pending()
    changed = total_means(window)
    stack = window.document.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "2026 Industry-wide common technology projects: awards 12 → 15"
    assert "Undo 2026 Industry-wide" in window.undo_action.text()
    stack.undo()
    window.process_pending()
    np.testing.assert_allclose(total_means(window), before, rtol=1e-9)
    assert row.spin.value() == pytest.approx(12.0)
    assert not window.isWindowModified()
    stack.redo()
    window.process_pending()
    np.testing.assert_allclose(total_means(window), changed, rtol=1e-9)
    assert row.spin.value() == pytest.approx(15.0)


def test_slider_drag_is_one_undo_step(window):
    row = uptake_row(window)
    start = row.slider.value()
    row.slider.setSliderDown(True)
    for k in range(1, 8):
        row.slider.setValue(start + k * round(1 / row.step))
        window.process_pending()
    row.slider.setSliderDown(False)  # emits sliderReleased
    stack = window.document.undo_stack
    assert stack.count() == 1
    assert stack.undoText().endswith("12 → 19")
    # the next drag is a new step
    row.slider.setSliderDown(True)
    row.slider.setValue(row.slider.value() + round(1 / row.step))
    row.slider.setSliderDown(False)
    window.process_pending()
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert window.document.scenario.get(PATH) == pytest.approx(12.0)


def test_rapid_slider_moves_are_coalesced(window, qtbot, wait_idle):
    row = uptake_row(window)
    calls = []
    window.controller.resultsReady.connect(lambda r, k: calls.append(k))
    with qtbot.waitSignal(window.controller.resultsReady, timeout=600_000):
        for _k in range(1, 11):  # no event is processed between the moves
            row.slider.setValue(row.slider.value() + round(1 / row.step))
    wait_idle(window)
    assert len(calls) == 1  # ten moves, one computation
    assert window.document.scenario.get(PATH) == pytest.approx(22.0)


def test_invalid_value_is_rejected_with_a_message(window):
    assert window.select_line(LINE)
    sd = window.line_editor.rows[("lines", LINE, "award_share", "2026", "sd")]
    mean = window.line_editor.rows[("lines", LINE, "award_share", "2026", "mean")]
    mean.setValue(0.95)
    window.process_pending()
    sd.setValue(0.45)  # too wide for a share with mean 0.95
    window.process_pending()
    assert window.document.scenario.get(
        ("lines", LINE, "award_share", "2026", "sd")
    ) == pytest.approx(0.2)
    assert sd.value() == pytest.approx(0.2)
    assert "must be <" in window.line_editor.error_label.text()


def test_disbursement_profile_and_derived_years(window):
    assert window.select_line("m14-re-recognition")
    editor = window.line_editor
    assert set(editor.derived_labels) == {2024, 2025, 2026, 2027, 2028}  # every year renews
    assert "≈" in editor.derived_labels[2027].text()
    editor.disbursement_edit.setText("60 / 40")
    editor.disbursement_edit.editingFinished.emit()
    window.process_pending()
    assert window.document.scenario.get(
        ("lines", "m14-re-recognition", "disbursement")
    ) == pytest.approx([0.6, 0.4])
    editor.disbursement_edit.setText("60 / 30")
    editor.disbursement_edit.editingFinished.emit()
    assert "100" in editor.error_label.text()


def test_multiplier_change_runs_in_full(window, qtbot, wait_idle):
    before = total_means(window)
    old_engine = window.controller.engine
    window.editor_tabs.setCurrentWidget(window.scenario_panel)
    window.scenario_panel.multiplier_spin.setValue(120.0)
    assert window.document.scenario.uptake_multiplier == pytest.approx(1.2)
    window.controller.sync_now()
    wait_idle(window)
    assert window.controller.engine is not old_engine
    assert total_means(window)[-1] > before[-1]


def test_indicator_assumption_edit(window, qtbot, wait_idle):
    panel = window.indicator_panel
    panel.select("rd_expenditure")
    p_before = window.results.target_probability("rd_expenditure")
    path = ("indicators", "rd_expenditure", "trend", "mean")
    before = window.document.scenario.get(path)
    box, _scale = panel.widgets[path]
    box.setValue(box.value() + 3.0)  # +3 percentage points of log growth a year
    # the box shows 2 decimals of a percentage
    assert window.document.scenario.get(path) == pytest.approx(before + 0.03, abs=1e-4)
    window.controller.sync_now()
    wait_idle(window)
    assert window.results.target_probability("rd_expenditure") > p_before
    assert "R&D" in window.document.undo_stack.undoText()


def test_own_budget_line_for_a_measure_without_money(window, monkeypatch, wait_idle):
    from ui.widgets.line_parts import OwnLineDialog

    monkeypatch.setattr(OwnLineDialog, "exec", lambda self: OwnLineDialog.DialogCode.Accepted)
    before = total_means(window)[-1]
    window.tree.select("measure", 19)
    line_id = window.line_editor.add_own_line(19)
    assert line_id == "own-m19-1"
    assert window.tree.select("line", line_id)
    window.controller.sync_now()
    wait_idle(window)
    assert total_means(window)[-1] > before
    window.document.undo_stack.undo()
    window.controller.sync_now()
    wait_idle(window)
    assert not window.tree.select("line", line_id)


def test_filter_box(window):
    tree = window.tree
    tree.filter_box.setText("voucher")
    visible = []
    for kind_key, item in tree._items.items():
        if not item.isHidden() and kind_key[0] == "line":
            visible.append(kind_key[1])
    assert visible == ["m23-innovation-voucher"]
    tree.filter_box.setText("")
    assert not tree._items[("measure", 8)].isHidden()  # measures without money are listed


def test_mouse_drag_on_a_slider(window, qtbot, wait_idle):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    row = uptake_row(window)
    slider = row.slider
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    start = handle.center()
    live_seen = []
    window.controller.resultsReady.connect(lambda r, k: live_seen.append(window.charts.live))
    QTest.mousePress(slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert window.charts.live
    with qtbot.waitSignal(window.controller.resultsReady, timeout=600_000):
        QTest.mouseMove(slider, start + QPoint(10, 0))  # the first move computes while held
    for dx in (20, 30, 40):
        QTest.mouseMove(slider, start + QPoint(dx, 0))
    QTest.mouseRelease(
        slider, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(40, 0)
    )
    wait_idle(window)
    assert not window.charts.live
    assert window.document.scenario.get(PATH) > 12.0
    assert window.document.undo_stack.count() == 1  # the whole drag is one step
    assert live_seen and live_seen[0] is True  # charts moved while the handle was held


def test_selecting_a_line_gets_its_first_slider_move_ready(window, qtbot):
    """Selecting a line draws its random inputs ahead (``Engine.prepare``) once the event
    loop is idle, so the first move of its sliders is as quick as the next; the move then
    gives the same figures as a fresh run of the moved scenario."""
    engine = window.controller.engine
    line = "m05-provincial-lab"
    assert line not in engine._input_cache
    row = uptake_row(window, line)  # selects the line
    qtbot.waitUntil(lambda: line in engine._input_cache)
    assert len(engine._input_cache[line]) == len(list(engine._chunks()))
    before = total_means(window)
    row.slider.setValue(row.slider.value() + round(2 / row.step))
    window.process_pending()
    assert not np.allclose(total_means(window), before)
    assert window.controller.engine is engine  # a fast update
    from simulator import Engine

    fresh = Engine(window.document.scenario, draws=engine.draws, seed=engine.seed).run()
    np.testing.assert_allclose(total_means(window), fresh.outlay()["mean"], rtol=1e-9)
