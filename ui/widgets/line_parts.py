"""Pieces of the line editor: a year's uptake as slider and spin box, the dialog for a new
own budget line, and the table of a line's projected outlay."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSlider,
)

from simulator.model import MAX_AMOUNT_WAN, OWN_LINE_AMOUNT_WAN, YEARS, own_line_names
from simulator.present import in_unit, money_unit

from ..core.labels import department_name
from ..i18n import pick, tr
from .basic import bold_label, decimals_for, spin


class UptakeRow:
    """Slider + spin box for one year's uptake; the slider moves in ``step`` units. Edits go
    to the editor's queue; a drag is one undo step."""

    def __init__(
        self, editor, path: tuple, value: float, maximum: float, step: float, hard_max: float
    ):
        self.editor = editor
        self.path = path
        self.step = step
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, max(1, round(maximum / step)))
        self.slider.setMinimumWidth(48)
        self.slider.setPageStep(max(1, round(maximum / step / 10)))
        self.spin = spin(0.0, hard_max, step, decimals_for(step), chars=6)
        self.set_value(value)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderPressed.connect(editor.dragStarted)
        self.slider.sliderReleased.connect(self._released)
        self.spin.valueChanged.connect(self._spin_changed)

    def set_value(self, value: float) -> None:
        position = round(value / self.step)
        if position > self.slider.maximum():
            self.slider.blockSignals(True)
            self.slider.setMaximum(position)
            self.slider.blockSignals(False)
        self.slider.blockSignals(True)
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)

    def value_at(self, position: int) -> float:
        return round(position * self.step, decimals_for(self.step) + 2)

    def _slider_moved(self, position: int) -> None:
        value = self.value_at(position)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        down = self.slider.isSliderDown()
        if not down:
            self.editor.burst()  # keyboard or wheel steps: live until they pause
        self.editor.queue_edit(self.path, value, open_=down)

    def _spin_changed(self, value: float) -> None:
        self.set_value(value)
        self.editor.queue_edit(self.path, value)

    def _released(self) -> None:
        self.editor.flush()
        self.editor.document.close_merge()
        self.editor.dragEnded.emit()


class OwnLineDialog(QDialog):
    """Ask for the name, department and yearly amount of an own budget line."""

    def __init__(self, catalogue, measure, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Add own budget line"))
        form = QFormLayout(self)
        name_zh, name_en = own_line_names(measure)
        self.name_zh = QLineEdit(name_zh)
        self.name_en = QLineEdit(name_en)
        self.department = QComboBox()
        for department in measure.departments:
            self.department.addItem(department_name(catalogue, department), department)
        self.amount = spin(0.0, MAX_AMOUNT_WAN, 100.0, 0, width=120)
        self.amount.setValue(OWN_LINE_AMOUNT_WAN)
        form.addRow(tr("Name (Chinese)"), self.name_zh)
        form.addRow(tr("Name (English)"), self.name_en)
        form.addRow(tr("Department"), self.department)
        form.addRow(tr("Amount per year (10k yuan)"), self.amount)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def values(self) -> dict:
        """What ``simulator.model.own_line_entry`` takes (blank names: its defaults)."""
        return {
            "name_zh": self.name_zh.text(),
            "name_en": self.name_en.text(),
            "department": self.department.currentData(),
            "amount": self.amount.value(),
        }


class OutlayTable(QGroupBox):
    """A line's projected outlay per year and in total: mean and P5–P95, read from the
    results, every figure in one unit (万元 or 亿元 by the size of the yearly means), which
    the column headers name."""

    def __init__(self, parent=None):
        super().__init__(tr("Projected outlay of this line"), parent)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(12)
        self.labels: dict[tuple[str, int], QLabel] = {}
        self.unit = ""
        self.mean_header = bold_label(tr("Mean"))
        self.range_header = bold_label(tr("P5–P95"))
        grid.addWidget(bold_label(tr("Year")), 0, 0)
        grid.addWidget(self.mean_header, 0, 1, alignment=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.range_header, 0, 2, alignment=Qt.AlignmentFlag.AlignRight)
        for r, label in enumerate([str(y) for y in YEARS] + ["2024–2028"], start=1):
            grid.addWidget(QLabel(label), r, 0)
            for c, key in ((1, "mean"), (2, "range")):
                value = QLabel("…")
                value.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(value, r, c)
                self.labels[(key, r - 1)] = value
        grid.setColumnStretch(3, 1)

    def show_line(self, results, line_id: str) -> None:
        try:
            stats = results.outlay("line", line_id)
        except KeyError:  # results from before this (own) line existed
            return
        unit = money_unit(stats["mean"][:-1])
        decimals = 2 if unit == "亿元" else 0
        self.unit = unit
        shown = pick(None, unit, "100m yuan" if unit == "亿元" else "10k yuan")
        try:
            self.mean_header.setText(tr("Mean ({unit})").format(unit=shown))
            self.range_header.setText(tr("P5–P95 ({unit})").format(unit=shown))
            for c in range(len(stats["mean"])):
                mean = in_unit(float(stats["mean"][c]), unit)
                low = in_unit(float(stats["p05"][c]), unit)
                high = in_unit(float(stats["p95"][c]), unit)
                self.labels[("mean", c)].setText(f"{mean:,.{decimals}f}")
                self.labels[("range", c)].setText(f"{low:,.{decimals}f}–{high:,.{decimals}f}")
        except RuntimeError:  # the page is being replaced
            pass


def profile_text(fractions: list[float]) -> str:
    """A disbursement profile as the planner types it: '40 / 30 / 30'."""
    return " / ".join(f"{100 * f:g}" for f in fractions)
