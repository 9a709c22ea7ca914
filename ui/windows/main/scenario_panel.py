"""Scenario-wide assumptions (uptake multiplier, common factor, name, description) and the
simulation settings (draws, seed, sampler); ``EditorPanel``, the base of the editor tabs that
apply each change at once.

Every change here is undoable and, except the name and description, needs a full run,
which the controller starts in its worker thread.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from simulator.model import MAX_DRAWS, SAMPLERS, ScenarioError

from ...core.labels import sampler_name
from ...i18n import language, tr
from ...widgets.basic import ColumnScrollArea, spin, wrap_label
from ...widgets.styles import ASSUMPTION_STYLE, ERROR_STYLE, NOTE_STYLE, TITLE_STYLE
from .rationing_box import RationingBox


class EditorPanel(ColumnScrollArea):
    """An editor tab whose widgets apply each change to the document at once; a rejected
    value is shown in ``error_label`` and the widgets show the scenario's values again."""

    editFailed = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        document.scenarioChanged.connect(self.refresh_values)

    def apply(self, path: tuple, value) -> None:
        try:
            self.document.edit(path, value)
        except ScenarioError as exc:
            message = tr("Could not apply the change: {problem}").format(
                problem="; ".join(p.message_text(language()) for p in exc.problems)
            )
            self.error_label.setText(message)
            self.editFailed.emit(message)
            self.refresh_values()
        else:
            self.error_label.setText("")

    def refresh_values(self) -> None:  # pragma: no cover - overridden
        pass


def set_quietly(widget, value) -> None:
    """Show a value without emitting the widget's change signals."""
    widget.blockSignals(True)
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    else:
        widget.setValue(value)
    widget.blockSignals(False)


class DescriptionEdit(QPlainTextEdit):
    """A few lines of text, applied when the field loses focus."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(72)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class ScenarioPanel(EditorPanel):
    """Name, description, uptake multiplier, common factor, simulation settings."""

    runRequested = Signal()

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        page = QWidget()
        self.setWidget(page)
        layout = QVBoxLayout(page)
        self.title = wrap_label(style=TITLE_STYLE)
        layout.addWidget(self.title)

        self.general = QGroupBox()
        self.general.setStyleSheet(ASSUMPTION_STYLE)
        general = QFormLayout(self.general)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.editingFinished.connect(lambda: self.apply(("name",), self.name_edit.text()))
        self.description_edit = DescriptionEdit()
        self.description_edit.editingFinished.connect(
            lambda: self.apply(("description",), self.description_edit.toPlainText())
        )
        self.name_label, self.description_label = QLabel(), QLabel()
        general.addRow(self.name_label, self.name_edit)
        general.addRow(self.description_label, self.description_edit)

        self.multiplier_slider = QSlider(Qt.Orientation.Horizontal)
        self.multiplier_slider.setRange(0, 300)
        self.multiplier_slider.setTracking(False)  # one full run per release, not per pixel
        self.multiplier_spin = spin(0.0, 1000.0, 5.0, 0, suffix=" %", width=80)
        self.multiplier_slider.sliderMoved.connect(
            lambda v: set_quietly(self.multiplier_spin, float(v))
        )
        self.multiplier_slider.valueChanged.connect(
            lambda v: self.apply(("uptake_multiplier",), round(v / 100.0, 4))
        )
        self.multiplier_spin.valueChanged.connect(
            lambda v: self.apply(("uptake_multiplier",), round(v / 100.0, 4))
        )
        row = QHBoxLayout()
        row.addWidget(self.multiplier_slider, 1)
        row.addWidget(self.multiplier_spin)
        self.multiplier_label = QLabel()
        self.multiplier_note = wrap_label(style=NOTE_STYLE)
        general.addRow(self.multiplier_label, row)
        general.addRow(self.multiplier_note)
        self.loading_spin = spin(0.0, 0.99, 0.05, 2, width=80)
        self.loading_spin.valueChanged.connect(
            lambda v: self.apply(("common_factor", "loading"), round(v, 4))
        )
        self.loading_label = QLabel()
        self.loading_note = wrap_label(style=NOTE_STYLE)
        general.addRow(self.loading_label, self.loading_spin)
        general.addRow(self.loading_note)
        self.persistence_spins = {}
        self.persistence_labels = {}
        for key in ("uptake", "common"):
            box = spin(0.0, 0.99, 0.05, 2, width=80)
            box.valueChanged.connect(lambda v, k=key: self.apply(("persistence", k), round(v, 4)))
            self.persistence_spins[key] = box
            self.persistence_labels[key] = QLabel()
            general.addRow(self.persistence_labels[key], box)
        self.persistence_note = wrap_label(style=NOTE_STYLE)
        general.addRow(self.persistence_note)
        layout.addWidget(self.general)
        self.rationing_box = RationingBox(self)
        layout.addWidget(self.rationing_box)

        self.simulation = QGroupBox()
        simulation = QFormLayout(self.simulation)
        self.draws_spin = QSpinBox()
        self.draws_spin.setRange(1000, MAX_DRAWS)
        self.draws_spin.setSingleStep(10_000)
        self.draws_spin.setGroupSeparatorShown(True)
        self.draws_spin.setKeyboardTracking(False)
        self.draws_spin.valueChanged.connect(lambda v: self.apply(("simulation", "draws"), v))
        self.seed_edit = QLineEdit()
        self.seed_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{1,18}"), self.seed_edit)
        )
        self.seed_edit.editingFinished.connect(self._seed_edited)
        self.new_seed = QPushButton()
        self.new_seed.clicked.connect(self.new_random_seed)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_edit, 1)
        seed_row.addWidget(self.new_seed)
        self.sampler_combo = QComboBox()
        for sampler in SAMPLERS:
            self.sampler_combo.addItem("", sampler)
        self.sampler_combo.currentIndexChanged.connect(
            lambda _i: self.apply(("simulation", "sampler"), self.sampler_combo.currentData())
        )
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.runRequested)
        self.draws_label, self.seed_label, self.sampler_label = QLabel(), QLabel(), QLabel()
        simulation.addRow(self.draws_label, self.draws_spin)
        simulation.addRow(self.seed_label, seed_row)
        simulation.addRow(self.sampler_label, self.sampler_combo)
        simulation.addRow(self.run_button)
        layout.addWidget(self.simulation)
        self.error_label = wrap_label(style=ERROR_STYLE)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.retranslate()
        self.refresh_values()

    def retranslate(self) -> None:
        self.title.setText(tr("Scenario-wide assumptions"))
        self.general.setTitle(tr("Assumptions (planner's, editable)"))
        self.name_label.setText(tr("Name"))
        self.description_label.setText(tr("Description"))
        self.multiplier_label.setText(tr("Uptake multiplier (all lines)"))
        self.multiplier_note.setText(
            tr("Scales the planned uptake of every line; 100% keeps the planned figures.")
        )
        self.loading_label.setText(tr("Common factor loading"))
        basis = self.document.scenario.get(("common_factor", "basis")) or ""
        self.loading_note.setText(
            tr("How strongly uptake moves together across lines (0 = independently).")
            + (f"\n{tr('Basis')}: {basis}" if basis else "")
        )
        self.persistence_labels["uptake"].setText(tr("Uptake persistence (year to year)"))
        self.persistence_labels["common"].setText(tr("Common factor persistence"))
        basis = self.document.scenario.get(("persistence", "basis")) or ""
        self.persistence_note.setText(
            tr("How much a year's surprise in uptake carries into the next (0 = not at all).")
            + (f"\n{tr('Basis')}: {basis}" if basis else "")
        )
        self.rationing_box.retranslate()
        self.simulation.setTitle(tr("Simulation"))
        self.draws_label.setText(tr("Draws"))
        self.seed_label.setText(tr("Seed"))
        self.sampler_label.setText(tr("Sampler"))
        self.new_seed.setText(tr("New seed"))
        self.run_button.setText(tr("Run again"))
        for i, sampler in enumerate(SAMPLERS):
            self.sampler_combo.setItemText(i, sampler_name(sampler))

    def refresh_values(self) -> None:
        sc = self.document.scenario
        set_quietly(self.name_edit, sc.name)
        self.name_edit.setCursorPosition(0)
        if self.description_edit.toPlainText() != sc.description:
            self.description_edit.blockSignals(True)
            self.description_edit.setPlainText(sc.description)
            self.description_edit.blockSignals(False)
        set_quietly(self.multiplier_slider, int(round(100 * min(sc.uptake_multiplier, 3.0))))
        set_quietly(self.multiplier_spin, 100 * sc.uptake_multiplier)
        set_quietly(self.loading_spin, sc.common_loading)
        for key, box in self.persistence_spins.items():
            set_quietly(box, sc.persistence[key])
        set_quietly(self.draws_spin, sc.draws)
        set_quietly(self.seed_edit, sc.seed)
        set_quietly(self.sampler_combo, sc.sampler)
        self.rationing_box.refresh_values()

    def _seed_edited(self) -> None:
        text = self.seed_edit.text().strip()
        if text.isdigit():
            self.apply(("simulation", "seed"), int(text))

    def new_random_seed(self) -> None:
        self.apply(("simulation", "seed"), random.SystemRandom().randrange(1, 2**31))
