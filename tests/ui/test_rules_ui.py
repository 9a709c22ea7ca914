"""The app's editors for the plan's rules: a measure's department shares (one undoable
change, the by-department results follow), a share line's rate capped at the plan's figure."""

from PySide6.QtWidgets import QDoubleSpinBox, QGroupBox, QLabel, QPushButton


def shares_group(window):
    for group in window.line_editor.page.findChildren(QGroupBox):
        if group.findChildren(QPushButton) and "%" in group.title():
            return group
    raise AssertionError("no department-shares group on the measure page")


def test_department_shares_are_edited_on_the_measure_page(window, wait_idle):
    window.tree.select("measure", 10)
    group = shares_group(window)
    boxes = group.findChildren(QDoubleSpinBox)
    assert [round(b.value()) for b in boxes] == [100, 0, 0, 0]  # lead unit 100 %
    boxes[0].setValue(60.0)
    boxes[1].setValue(40.0)
    apply = next(
        b for b in group.findChildren(QPushButton) if b.text() in ("Apply shares", "应用比例")
    )
    apply.click()
    window.controller.sync_now()
    wait_idle(window)
    line = window.document.scenario.catalogue.line("m10-contract-service-point")
    assert window.document.scenario.department_shares(line) == {
        "市科技局": 0.6,
        "市工业和信息化局": 0.4,
    }
    assert "市工业和信息化局" in window.results.series("department")
    window.document.undo_stack.undo()
    assert window.document.scenario.department_shares(line) == {"市科技局": 1.0}


def test_shares_that_do_not_add_up_are_refused_with_a_message(window):
    window.tree.select("measure", 10)
    group = shares_group(window)
    boxes = group.findChildren(QDoubleSpinBox)
    boxes[0].setValue(50.0)
    apply = next(
        b for b in group.findChildren(QPushButton) if b.text() in ("Apply shares", "应用比例")
    )
    before = window.document.scenario
    apply.click()
    assert window.document.scenario is before
    texts = " ".join(label.text() for label in group.findChildren(QLabel))
    assert "shares must add up to 1, got 0.5" in texts


def test_a_share_line_rate_stops_at_the_plans_ceiling(window):
    window.tree.select("line", "m16-intl-activity")
    path = ("lines", "m16-intl-activity", "rate")
    kind, box = window.line_editor.rows[path]
    assert kind == "percent" and box.maximum() == 50.0 and box.value() == 50.0
