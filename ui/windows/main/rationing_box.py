"""The rationing policy in the scenario panel: what happens when the payments due in a year
exceed the appropriation (none, proportional, by priority), the measures' order and the
backlog cap. Each change is an undoable edit of ``("rationing", …)`` through the panel's
``apply`` (the model checks it: e.g. a policy needs an appropriation)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
)

from simulator.model import RATIONING_POLICIES

from ...i18n import QT_TR_NOOP, tr
from ...widgets.basic import spin, wrap_label
from ...widgets.styles import ASSUMPTION_STYLE, NOTE_STYLE

POLICY_NAMES = {
    "none": QT_TR_NOOP("No rationing (only the chance of exceeding)"),
    "proportional": QT_TR_NOOP("Proportional: every payment scaled alike"),
    "priority": QT_TR_NOOP("By priority: measures in order, the rest waits"),
}


def parse_priority(text: str) -> list[int] | None:
    """Measure numbers from '14, 10, 1' (None when a part is not a whole number)."""
    parts = [p for p in text.replace("，", ",").replace(" ", ",").split(",") if p]
    if not all(p.isdigit() and len(p) <= 4 for p in parts):
        return None
    return [int(p) for p in parts]


class RationingBox(QGroupBox):
    """The policy, the priority order and the backlog cap, applied through ``panel.apply``."""

    def __init__(self, panel, parent=None):
        super().__init__(parent)
        self.panel = panel
        self.setStyleSheet(ASSUMPTION_STYLE)
        form = QFormLayout(self)
        # labels above their fields, wrapped: the box must fit a 1280x720 editor panel
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.policy_combo = QComboBox()
        self.policy_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.policy_combo.setMinimumContentsLength(12)
        for policy in RATIONING_POLICIES:
            self.policy_combo.addItem("", policy)
        self.policy_combo.currentIndexChanged.connect(
            lambda _i: panel.apply(("rationing", "policy"), self.policy_combo.currentData())
        )
        self.priority_edit = QLineEdit()
        self.priority_edit.editingFinished.connect(self._priority_edited)
        self.cap_check = QCheckBox()
        self.cap_check.toggled.connect(self._cap_toggled)
        self.cap_spin = spin(0.0, 1e9, 1000.0, 0, width=120)
        self.cap_spin.valueChanged.connect(
            lambda v: panel.apply(("rationing", "backlog_cap_wan"), float(v))
        )
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.cap_check)
        cap_row.addWidget(self.cap_spin, 1)
        self.policy_label, self.priority_label, self.cap_label = (
            wrap_label(),
            wrap_label(),
            wrap_label(),
        )
        self.note = wrap_label(style=NOTE_STYLE)
        form.addRow(self.policy_label, self.policy_combo)
        form.addRow(self.priority_label, self.priority_edit)
        form.addRow(self.cap_label, cap_row)
        form.addRow(self.note)

    def retranslate(self) -> None:
        self.setTitle(tr("Rationing under the appropriation"))
        self.policy_label.setText(tr("When the money runs out"))
        for i, policy in enumerate(RATIONING_POLICIES):
            self.policy_combo.setItemText(i, tr(POLICY_NAMES[policy]))
        self.priority_label.setText(tr("Priority (measure numbers, first served first)"))
        self.priority_edit.setPlaceholderText("14, 10, 1")
        self.cap_label.setText(tr("Backlog cap (10k yuan)"))
        self.cap_check.setText(tr("Cap"))
        basis = self.panel.document.scenario.rationing.get("basis") or ""
        self.note.setText(
            tr(
                "Payments that do not fit in the year's appropriation wait for the next year "
                "(waiting ones are paid first); beyond the cap they are refused. Set the "
                "appropriation in the decision window's Budget envelope tab."
            )
            + (f"\n{tr('Basis')}: {basis}" if basis else "")
        )

    def refresh_values(self) -> None:
        rationing = self.panel.document.scenario.rationing
        for widget, value in (
            (self.policy_combo, self.policy_combo.findData(rationing["policy"])),
            (self.cap_check, rationing["backlog_cap_wan"] is not None),
            (self.cap_spin, rationing["backlog_cap_wan"] or 0.0),
        ):
            widget.blockSignals(True)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, value))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            else:
                widget.setValue(value)
            widget.blockSignals(False)
        self.priority_edit.setText(", ".join(str(n) for n in rationing["priority"]))
        self.cap_spin.setEnabled(rationing["backlog_cap_wan"] is not None)

    def _priority_edited(self) -> None:
        order = parse_priority(self.priority_edit.text())
        if order is None:
            self.panel.error_label.setText(
                tr("Priority: give measure numbers separated by commas, e.g. 14, 10, 1")
            )
            return
        self.panel.apply(("rationing", "priority"), order)

    def _cap_toggled(self, on: bool) -> None:
        self.panel.apply(
            ("rationing", "backlog_cap_wan"), float(self.cap_spin.value()) if on else None
        )
