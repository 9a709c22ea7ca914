"""The budget-envelope tab: the scenario's yearly appropriation (an undoable edit of
``("appropriation",)``) and the chance that each year's outlay exceeds it, read from the
main window's results."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from simulator.model import MAX_AMOUNT_WAN, YEARS, ScenarioError
from simulator.present import WAN_PER_YI

from ... import i18n
from ...core.labels import format_percent
from ...i18n import QT_TR_NOOP, language, pick, tr
from ...widgets.basic import ColumnScrollArea, spin, wrap_label
from ...widgets.styles import (
    ASSUMPTION_STYLE,
    BOLD_STYLE,
    ERROR_STYLE,
    FLAG_COLOURS,
    NOTE_STYLE,
    STALE_STYLE,
    TITLE_STYLE,
)
from ...widgets.tables import copy_button, item, make_table
from .base import decision_chart
from .texts import appropriation_text, money_yi, yi_unit

DEFAULT_BASIS = QT_TR_NOOP("assumption: yearly appropriation set by the planner")
GOOD, WARN, BAD = FLAG_COLOURS["on_track"], FLAG_COLOURS["at_risk"], FLAG_COLOURS["off_track"]


class EnvelopeTab(ColumnScrollArea):
    """The yearly appropriation (an undoable scenario edit) and the chance of exceeding it;
    it scrolls vertically on a small screen."""

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.results = None
        self._loaded: Any = object()  # the appropriation the editor last showed
        self.title = wrap_label(style=TITLE_STYLE)
        self.editor = QGroupBox()
        self.editor.setStyleSheet(ASSUMPTION_STYLE)
        grid = QGridLayout(self.editor)
        self.none_radio = QRadioButton()
        self.set_radio = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.none_radio)
        group.addButton(self.set_radio)
        self.none_radio.toggled.connect(lambda _c: self._mode_changed())
        self.unit_label = QLabel()
        self.unit_combo = QComboBox()
        self.unit_combo.addItem("", "亿元")
        self.unit_combo.addItem("", "万元")
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._unit_changed())
        self._unit = "亿元"
        radios = QHBoxLayout()
        radios.addWidget(self.none_radio)
        radios.addWidget(self.set_radio)
        radios.addStretch(1)
        radios.addWidget(self.unit_label)
        radios.addWidget(self.unit_combo)
        grid.addLayout(radios, 0, 0, 1, len(YEARS) + 1)
        self.spins: dict[str, Any] = {}
        for c, year in enumerate(YEARS):
            label = QLabel(str(year))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = spin(0.0, MAX_AMOUNT_WAN / WAN_PER_YI, 0.1, 2, width=110)
            box.valueChanged.connect(lambda _v: self._values_changed())
            self.spins[str(year)] = box
            grid.addWidget(label, 1, c)
            grid.addWidget(box, 2, c)
        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total_title = QLabel()
        self.total_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.total_title, 1, len(YEARS))
        grid.addWidget(self.total_label, 2, len(YEARS))
        self.basis_label = QLabel()
        self.basis_edit = QLineEdit()
        self.basis_edit.textEdited.connect(lambda _t: self._values_changed())
        basis_row = QHBoxLayout()
        basis_row.addWidget(self.basis_label)
        basis_row.addWidget(self.basis_edit, 1)
        grid.addLayout(basis_row, 3, 0, 1, len(YEARS) + 1)
        self.fill_button = QPushButton()
        self.fill_button.clicked.connect(self.fill_from_outlay)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(lambda: self.load(force=True))
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply)
        self.pending = QLabel()
        self.pending.setStyleSheet(STALE_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fill_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pending)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.apply_button)
        grid.addLayout(buttons, 4, 0, 1, len(YEARS) + 1)
        self.error = wrap_label(style=ERROR_STYLE)
        grid.addWidget(self.error, 5, 0, 1, len(YEARS) + 1)

        self.table_title = QLabel()
        self.table_title.setStyleSheet(BOLD_STYLE)
        self.table = make_table(5)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setMinimumHeight(5 * 22 + 30)
        self.table.setMaximumHeight(5 * 22 + 34)
        self.note = wrap_label(style=NOTE_STYLE)
        self.chart = decision_chart("exceedance", window)
        page = QWidget()
        self.setWidget(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self.title)
        layout.addWidget(self.editor)
        head = QHBoxLayout()
        head.addWidget(self.table_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.table, window.show_status))
        layout.addLayout(head)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(150)
        self._redraw.timeout.connect(self.show_exceedance)
        self.load(force=True)

    @property
    def document(self):
        return self.window_.document

    # ------------------------------------------------------------------ editor
    def _scale(self) -> float:
        return WAN_PER_YI if self.unit_combo.currentData() == "亿元" else 1.0

    def load(self, force: bool = False) -> None:
        """Show the scenario's appropriation (unless it is what the editor already shows)."""
        current = self.document.scenario.get(("appropriation",))
        if not force and current == self._loaded:
            return
        self._loaded = current
        self.error.setText("")
        self.none_radio.blockSignals(True)
        self.set_radio.blockSignals(True)
        (self.set_radio if current else self.none_radio).setChecked(True)
        self.none_radio.blockSignals(False)
        self.set_radio.blockSignals(False)
        if current:
            self._set_spins({y: current["wan"][y] for y in self.spins})
            self.basis_edit.setText(current.get("basis", ""))
        else:
            if not self.basis_edit.text():
                self.basis_edit.setText(self.default_basis())
        self._mode_changed()
        self._values_changed()

    def default_basis(self) -> str:
        return tr(DEFAULT_BASIS)

    def _set_spins(self, wan: dict[str, float]) -> None:
        scale = self._scale()
        for year, box in self.spins.items():
            box.blockSignals(True)
            box.setValue(wan.get(year, 0.0) / scale)
            box.blockSignals(False)

    def _unit_changed(self) -> None:
        values = {
            y: box.value() * (WAN_PER_YI if self._unit == "亿元" else 1.0)
            for y, box in self.spins.items()
        }
        self._unit = self.unit_combo.currentData()
        yi = self._unit == "亿元"
        for box in self.spins.values():
            box.blockSignals(True)
            box.setDecimals(2 if yi else 0)
            box.setSingleStep(0.1 if yi else 100.0)
            box.setMaximum(MAX_AMOUNT_WAN / (WAN_PER_YI if yi else 1.0))
            box.blockSignals(False)
        self._set_spins(values)
        self._values_changed()

    def _mode_changed(self) -> None:
        on = self.set_radio.isChecked()
        for box in self.spins.values():
            box.setEnabled(on)
        self.basis_edit.setEnabled(on)
        self.fill_button.setEnabled(on and self.window_.results is not None)
        self._values_changed()

    def edited_value(self) -> dict | None:
        """The appropriation as the editor shows it (万元), or None for none."""
        if not self.set_radio.isChecked():
            return None
        scale = self._scale()
        basis = self.basis_edit.text().strip() or self.default_basis()
        return {
            "basis": basis,
            "wan": {y: round(box.value() * scale, 2) for y, box in self.spins.items()},
        }

    def _values_changed(self) -> None:
        value = self.edited_value()
        if value is None:
            self.total_label.setText("—")
        else:
            self.total_label.setText(money_yi(sum(value["wan"].values())))
        changed = value != self.document.scenario.get(("appropriation",))
        self.pending.setText(tr("Not applied yet") if changed else "")
        self.apply_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)

    def set_yearly(self, wan: dict[str, float], basis: str | None = None) -> None:
        """Put yearly amounts (万元) into the editor (not applied yet)."""
        self.set_radio.setChecked(True)
        self._set_spins(wan)
        if basis is not None:
            self.basis_edit.setText(basis)
        self._values_changed()

    def fill_from_outlay(self) -> None:
        """Start from each year's expected outlay, rounded up to 0.1 亿元 (or 100 万元)."""
        results = self.window_.results
        if results is None:
            return
        means = results.outlay()["mean"]
        step = 1_000.0 if self.unit_combo.currentData() == "亿元" else 100.0
        self.set_yearly(
            {str(y): math.ceil(means[i] / step) * step for i, y in enumerate(results.years)}
        )

    def apply(self) -> bool:
        """Set the scenario's appropriation to what the editor shows (one undoable step)."""
        value = self.edited_value()
        old = self.document.scenario.get(("appropriation",))
        label = tr("Appropriation {old} → {new}").format(
            old=appropriation_text(old), new=appropriation_text(value)
        )
        try:
            self.document.edit(("appropriation",), value, label=label)
        except ScenarioError as exc:
            self.error.setText(
                tr("Could not apply the change: {problem}").format(
                    problem="; ".join(p.text(language()) for p in exc.problems)
                )
            )
            return False
        self.error.setText("")
        self._loaded = value
        self._values_changed()
        return True

    # ------------------------------------------------------------------ exceedance
    def set_results(self, results) -> None:
        self.results = results
        self.fill_button.setEnabled(self.set_radio.isChecked() and results is not None)
        if self.isVisible():
            self._redraw.start()
        else:
            self.show_exceedance()

    def show_exceedance(self) -> None:
        results = self.results
        table = self.table
        table.setHorizontalHeaderLabels(
            [
                tr("Year"),
                tr("Appropriation ({unit})").format(unit=yi_unit()),
                tr("Expected outlay ({unit})").format(unit=yi_unit()),
                tr("P95 outlay ({unit})").format(unit=yi_unit()),
                tr("P(outlay > appropriation)"),
            ]
        )
        appropriation = results.scenario.appropriation if results is not None else None
        exceedance = results.appropriation_exceedance() if results is not None else None
        if (
            results is None
            or appropriation is None
            or exceedance is None
            or appropriation != self.document.scenario.appropriation
        ):
            table.setRowCount(0)
            self.chart.show_note(
                tr(
                    "No appropriation is set. Choose “Yearly appropriation”, "
                    "enter the amounts and press Apply to see the chance "
                    "that each year's outlay exceeds it."
                )
                if self.document.scenario.appropriation is None
                else tr("Results are being computed…")
            )
            self.note.setText("")
            return
        stats = results.outlay()
        tolerance = self.window_.goal.tolerance()
        table.setRowCount(len(results.years))
        for r, year in enumerate(results.years):
            key = str(year)
            p = exceedance[key]
            table.setItem(r, 0, item(key))
            table.setItem(r, 1, item(f"{appropriation[key] / WAN_PER_YI:,.2f}", numeric=True))
            table.setItem(r, 2, item(f"{stats['mean'][r] / WAN_PER_YI:,.2f}", numeric=True))
            table.setItem(r, 3, item(f"{stats['p95'][r] / WAN_PER_YI:,.2f}", numeric=True))
            cell = item(format_percent(p), numeric=True)
            cell.setBackground(
                QBrush(QColor(GOOD if p <= tolerance + 1e-12 else WARN if p <= 0.5 else BAD))
            )
            table.setItem(r, 4, cell)
        self.note.setText(
            tr(
                "Share of the {draws} draws of the main results in which the "
                "year's outlay is above its appropriation. Green: at most {tol} "
                "(the goal seek's tolerance); amber: up to 50%; red: above."
            ).format(draws=f"{results.draws:,}", tol=format_percent(tolerance))
        )
        self.chart.show_result(results)

    def retranslate(self) -> None:
        old_default = self.basis_edit.text()
        self.title.setText(tr("Budget envelope: the yearly appropriation"))
        self.editor.setTitle(tr("Appropriation (planner's assumption, editable)"))
        self.none_radio.setText(tr("No appropriation"))
        self.set_radio.setText(tr("Yearly appropriation"))
        self.unit_label.setText(tr("Unit"))
        self.unit_combo.setItemText(0, pick(None, "亿元", "100m yuan"))
        self.unit_combo.setItemText(1, pick(None, "万元", "10k yuan"))
        self.total_title.setText(tr("2024–2028"))
        self.basis_label.setText(tr("Basis"))
        self.fill_button.setText(tr("Fill with the expected outlay"))
        self.fill_button.setToolTip(
            tr("Each year's expected outlay from the current results, rounded up")
        )
        self.revert_button.setText(tr("Revert"))
        self.apply_button.setText(tr("Apply"))
        self.table_title.setText(tr("Chance that the outlay exceeds the appropriation"))
        for button in self.findChildren(QPushButton):
            key = button.property("trKey")
            if key:
                button.setText(tr(key))
        defaults = {"", *i18n.in_every_language(DEFAULT_BASIS)}
        if self.document.scenario.appropriation is None and old_default in defaults:
            self.basis_edit.setText(self.default_basis())
        self._values_changed()
        self.chart.set_language(language())
        self.show_exceedance()
