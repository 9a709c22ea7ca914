"""Scenario-wide assumptions (uptake multiplier, common factor, name, description), the
simulation settings (draws, seed, sampler), and the indicator model's assumptions.

Every change here is undoable and, except the name and description, needs a full run,
which the controller starts in its worker thread.
"""
from __future__ import annotations

import random

from PySide6.QtCore import Qt, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QScrollArea,
                               QSizePolicy, QSlider, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from simulator import ScenarioError
from simulator.model.scenario import MAX_DRAWS, SAMPLERS

from .i18n import tr
from .labels import indicator_name, indicator_unit, line_name, sampler_name
from .widgets import (ASSUMPTION_STYLE, ERROR_STYLE, FIXED_STYLE, NOTE_STYLE, TITLE_STYLE,
                      decimals_for, nice_step, spin, wrap_label)


class _Panel(QScrollArea):
    editFailed = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        document.scenarioChanged.connect(self.refresh_values)

    def apply(self, path: tuple, value) -> None:
        try:
            self.document.edit(path, value)
        except ScenarioError as exc:
            message = tr("Could not apply the change: {problem}").format(
                problem="; ".join(p.message for p in exc.problems))
            self.error_label.setText(message)
            self.editFailed.emit(message)
            self.refresh_values()
        else:
            self.error_label.setText("")

    def refresh_values(self) -> None:  # pragma: no cover - overridden
        pass


def _set(widget, value) -> None:
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

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.editingFinished.emit()


class ScenarioPanel(_Panel):
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
        self.name_edit.editingFinished.connect(
            lambda: self.apply(("name",), self.name_edit.text()))
        self.description_edit = DescriptionEdit()
        self.description_edit.editingFinished.connect(
            lambda: self.apply(("description",), self.description_edit.toPlainText()))
        self.name_label, self.description_label = QLabel(), QLabel()
        general.addRow(self.name_label, self.name_edit)
        general.addRow(self.description_label, self.description_edit)

        self.multiplier_slider = QSlider(Qt.Orientation.Horizontal)
        self.multiplier_slider.setRange(0, 300)
        self.multiplier_slider.setTracking(False)  # one full run per release, not per pixel
        self.multiplier_spin = spin(0.0, 1000.0, 5.0, 0, suffix=" %", width=80)
        self.multiplier_slider.sliderMoved.connect(
            lambda v: _set(self.multiplier_spin, float(v)))
        self.multiplier_slider.valueChanged.connect(
            lambda v: self.apply(("uptake_multiplier",), round(v / 100.0, 4)))
        self.multiplier_spin.valueChanged.connect(
            lambda v: self.apply(("uptake_multiplier",), round(v / 100.0, 4)))
        row = QHBoxLayout()
        row.addWidget(self.multiplier_slider, 1)
        row.addWidget(self.multiplier_spin)
        self.multiplier_label = QLabel()
        self.multiplier_note = wrap_label(style=NOTE_STYLE)
        general.addRow(self.multiplier_label, row)
        general.addRow(self.multiplier_note)
        self.loading_spin = spin(0.0, 0.99, 0.05, 2, width=80)
        self.loading_spin.valueChanged.connect(
            lambda v: self.apply(("common_factor", "loading"), round(v, 4)))
        self.loading_label = QLabel()
        self.loading_note = wrap_label(style=NOTE_STYLE)
        general.addRow(self.loading_label, self.loading_spin)
        general.addRow(self.loading_note)
        layout.addWidget(self.general)

        self.simulation = QGroupBox()
        simulation = QFormLayout(self.simulation)
        self.draws_spin = QSpinBox()
        self.draws_spin.setRange(1000, MAX_DRAWS)
        self.draws_spin.setSingleStep(10_000)
        self.draws_spin.setGroupSeparatorShown(True)
        self.draws_spin.setKeyboardTracking(False)
        self.draws_spin.valueChanged.connect(lambda v: self.apply(("simulation", "draws"), v))
        self.seed_edit = QLineEdit()
        self.seed_edit.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"\d{1,18}"), self.seed_edit))
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
            lambda _i: self.apply(("simulation", "sampler"), self.sampler_combo.currentData()))
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
        self.multiplier_note.setText(tr("Scales the planned uptake of every line; 100% keeps "
                                        "the planned figures."))
        self.loading_label.setText(tr("Common factor loading"))
        basis = self.document.scenario.get(("common_factor", "basis")) or ""
        self.loading_note.setText(tr("How strongly uptake moves together across lines "
                                     "(0 = independently).") + (f"\n{tr('Basis')}: {basis}"
                                                                if basis else ""))
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
        _set(self.name_edit, sc.name)
        self.name_edit.setCursorPosition(0)
        if self.description_edit.toPlainText() != sc.description:
            self.description_edit.blockSignals(True)
            self.description_edit.setPlainText(sc.description)
            self.description_edit.blockSignals(False)
        _set(self.multiplier_slider, int(round(100 * min(sc.uptake_multiplier, 3.0))))
        _set(self.multiplier_spin, 100 * sc.uptake_multiplier)
        _set(self.loading_spin, sc.common_loading)
        _set(self.draws_spin, sc.draws)
        _set(self.seed_edit, sc.seed)
        _set(self.sampler_combo, sc.sampler)

    def _seed_edited(self) -> None:
        text = self.seed_edit.text().strip()
        if text.isdigit():
            self.apply(("simulation", "seed"), int(text))

    def new_random_seed(self) -> None:
        self.apply(("simulation", "seed"), random.SystemRandom().randrange(1, 2**31))


class IndicatorPanel(_Panel):
    """The indicator model's assumptions for one headline indicator at a time."""

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        page = QWidget()
        self.setWidget(page)
        layout = QVBoxLayout(page)
        self.combo = QComboBox()
        self.combo.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.indicator_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.indicator_label)
        top.addWidget(self.combo, 1)
        layout.addLayout(top)
        self.fixed = QGroupBox()
        self.fixed.setStyleSheet(FIXED_STYLE)
        self.fixed_form = QFormLayout(self.fixed)
        layout.addWidget(self.fixed)
        self.assumptions = QGroupBox()
        self.assumptions.setStyleSheet(ASSUMPTION_STYLE)
        self.form = QFormLayout(self.assumptions)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout.addWidget(self.assumptions)
        self.note = wrap_label(style=NOTE_STYLE)
        layout.addWidget(self.note)
        self.error_label = wrap_label(style=ERROR_STYLE)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.widgets: dict[tuple, object] = {}
        self._effect_lines: list[str] = []
        self.retranslate()

    @property
    def indicator_id(self) -> str:
        return self.combo.currentData()

    def retranslate(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for indicator in catalogue.indicators:
            self.combo.addItem(indicator_name(indicator), indicator.id)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.combo.blockSignals(False)
        self.indicator_label.setText(tr("Indicator"))
        self.note.setText(tr("Changing the indicator model reruns the whole simulation."))
        self.rebuild()

    def select(self, indicator_id: str) -> None:
        self.combo.setCurrentIndex(self.combo.findData(indicator_id))

    def _clear(self, form: QFormLayout) -> None:
        while form.rowCount():
            form.removeRow(0)

    def rebuild(self) -> None:
        sc = self.document.scenario
        catalogue = sc.catalogue
        indicator = catalogue.indicator(self.indicator_id)
        a = sc.indicator_assumptions(indicator.id)
        unit = indicator_unit(indicator)
        self.fixed.setTitle(tr("Fixed by the plan"))
        self._clear(self.fixed_form)
        self.fixed_form.addRow(wrap_label(tr("These values come from the plan and cannot be "
                                             "changed here."), style=NOTE_STYLE))
        target = f"> {indicator.target_2028:,g} {unit}"
        self.fixed_form.addRow(QLabel(tr("Target 2028")), wrap_label(target, selectable=True))
        self.fixed_form.addRow(QLabel(tr("Clause")),
                               wrap_label(f"「{indicator.clause.quote}」", selectable=True))
        self.assumptions.setTitle(tr("Indicator model assumptions"))
        self._clear(self.form)
        self.widgets = {}
        base = ("indicators", indicator.id)
        if a.get("basis"):
            self.form.addRow(wrap_label(f"{tr('Basis')}: {a['basis']}", selectable=True,
                                        style=NOTE_STYLE))
        start_step = nice_step(max(a["start_2023"]["mean"], 1.0) / 100)
        decimals = decimals_for(start_step)
        self.form.addRow(QLabel(f"{tr('Start 2023')} ({unit})"), self._pair(
            base + ("start_2023",), spin(0.001, 1e9, start_step, decimals, width=90),
            spin(0.0, 1e9, start_step, decimals, width=90), scale=1.0))
        self.form.addRow(QLabel(tr("Trend per year")), self._pair(
            base + ("trend",), spin(-50.0, 100.0, 0.5, 2, " %", width=90),
            spin(0.0, 50.0, 0.5, 2, " %", width=90), scale=100.0))
        noise = spin(0.0, 50.0, 0.5, 2, " %", width=90)
        self._bind(noise, base + ("noise_sd",), 100.0)
        self.form.addRow(QLabel(tr("Yearly noise (sd)")), noise)
        effects = a.get("effects") or []
        table = QTableWidget(len(effects), 4)
        table.setHorizontalHeaderLabels([tr("Line"), tr("Per"), tr("Mean"), tr("SD")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            table.horizontalHeader().setSectionResizeMode(
                c, QHeaderView.ResizeMode.ResizeToContents)
        self._effect_lines = []
        for i, effect in enumerate(effects):
            line = catalogue.line(effect["line"])
            self._effect_lines.append(effect["line"])
            item = QTableWidgetItem(line_name(line))
            item.setToolTip(f"{line_name(line)}\n{tr('Basis')}: {effect.get('basis', '')}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(i, 0, item)
            per = QTableWidgetItem(tr("per award") if effect["per"] == "award"
                                   else tr("per 万元 paid"))
            per.setFlags(per.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(i, 1, per)
            step = nice_step(max(abs(effect["mean"]), 1e-6) / 10)
            digits = min(8, decimals_for(step) + 1)
            for column, key in ((2, "mean"), (3, "sd")):
                box = spin(-1e6 if key == "mean" else 0.0, 1e6, step, digits, width=90)
                self._bind(box, base + ("effects", i, key), 1.0)
                table.setCellWidget(i, column, box)
        table.setMinimumHeight(min(8, len(effects) + 1) * 30 + 8)
        self.effects_table = table
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.form.addRow(wrap_label(tr("Effects of funded awards"), style="font-weight: bold;"))
        self.form.addRow(table)
        self.refresh_values()

    def _pair(self, path: tuple, mean_box, sd_box, scale: float) -> QWidget:
        self._bind(mean_box, path + ("mean",), scale)
        self._bind(sd_box, path + ("sd",), scale)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("mean")))
        row.addWidget(mean_box)
        row.addWidget(QLabel(tr("sd")))
        row.addWidget(sd_box)
        row.addStretch(1)
        return box

    def _bind(self, box, path: tuple, scale: float) -> None:
        box.valueChanged.connect(lambda v, p=path, s=scale: self.apply(p, round(v / s, 10)))
        self.widgets[path] = (box, scale)

    def refresh_values(self) -> None:
        sc = self.document.scenario
        if self.indicator_id is None:
            return
        effects = sc.get(("indicators", self.indicator_id, "effects")) or []
        if [e["line"] for e in effects] != self._effect_lines:
            self.rebuild()
            return
        for path, (box, scale) in self.widgets.items():
            try:
                _set(box, sc.get(path) * scale)
            except (KeyError, IndexError, RuntimeError):
                pass


__all__ = ["IndicatorPanel", "ScenarioPanel"]
