"""The rationing policy in the scenario panel (issue 10 §1): each change is an undoable
model edit; a policy the model refuses (no appropriation) is shown as a message; a rationed
run keeps every year's outlay within the appropriation, and the summary shows the figures."""

from __future__ import annotations

import numpy as np


def _with_appropriation(window, wan=140_000.0):
    window.document.edit(
        ("appropriation",),
        {"basis": "assumption: test", "wan": {str(y): wan for y in window.results.years}},
    )


def test_a_policy_needs_an_appropriation(window):
    box = window.scenario_panel.rationing_box
    box.policy_combo.setCurrentIndex(box.policy_combo.findData("proportional"))
    assert window.document.scenario.rationing["policy"] == "none"
    assert "needs an appropriation" in window.scenario_panel.error_label.text()
    assert box.policy_combo.currentData() == "none"  # the widget shows the scenario again


def test_priority_rationing_from_the_panel_and_undo(window, wait_idle):
    _with_appropriation(window)
    box = window.scenario_panel.rationing_box
    box.priority_edit.setText("14, 10")
    box.priority_edit.editingFinished.emit()
    assert window.document.scenario.rationing["priority"] == [14, 10]
    box.policy_combo.setCurrentIndex(box.policy_combo.findData("priority"))
    assert window.document.scenario.rationing["policy"] == "priority"
    window.controller.sync_now()
    wait_idle(window)
    total = window.results.outlay_draws("total")
    assert total.max() <= 140_000.0 * (1 + 1e-12)
    items = {row[0] for row in window.summary.rows if row}
    assert any(str(item).startswith("Paid within the appropriation") for item in items)
    window.document.undo_stack.undo()
    assert window.document.scenario.rationing["policy"] == "none"
    assert box.policy_combo.currentData() == "none"


def test_a_bad_priority_text_is_a_message(window):
    box = window.scenario_panel.rationing_box
    box.priority_edit.setText("14, ten")
    box.priority_edit.editingFinished.emit()
    assert window.document.scenario.rationing["priority"] == []
    assert "comma" in window.scenario_panel.error_label.text()
    box.cap_check.setChecked(True)
    assert window.document.scenario.rationing["backlog_cap_wan"] == 0.0
    box.cap_spin.setValue(5000.0)
    assert window.document.scenario.rationing["backlog_cap_wan"] == 5000.0
    assert np.isfinite(box.cap_spin.value())
