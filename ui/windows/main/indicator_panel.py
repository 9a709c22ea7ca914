"""The indicator model's assumptions, one headline indicator at a time: its 2023 start, trend,
yearly noise and the effects of funded awards. Changing them reruns the whole simulation."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.labels import indicator_name, indicator_unit, line_name
from ...i18n import tr
from ...widgets.basic import decimals_for, nice_step, spin, wrap_label
from ...widgets.elide import DistinctElideDelegate
from ...widgets.styles import (
    ASSUMPTION_STYLE,
    BOLD_STYLE,
    ERROR_STYLE,
    FIXED_STYLE,
    HEADER_COLOUR,
    NOTE_STYLE,
)
from ...widgets.tables import safe_copy
from .scenario_panel import EditorPanel, set_quietly


class IndicatorPanel(EditorPanel):
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
        self.fixed_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addWidget(self.fixed)
        self.assumptions = QGroupBox()
        self.assumptions.setStyleSheet(ASSUMPTION_STYLE)
        self.form = QFormLayout(self.assumptions)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
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
        self.fixed_form.addRow(
            wrap_label(
                tr("These values come from the plan and cannot be changed here."), style=NOTE_STYLE
            )
        )
        target = f"> {indicator.target_2028:,g} {unit}"
        self.fixed_form.addRow(QLabel(tr("Target 2028")), wrap_label(target, selectable=True))
        self.fixed_form.addRow(
            QLabel(tr("Clause")), wrap_label(f"「{indicator.clause.quote}」", selectable=True)
        )
        self.assumptions.setTitle(tr("Indicator model assumptions"))
        self._clear(self.form)
        self.widgets = {}
        base = ("indicators", indicator.id)
        if a.get("basis"):
            self.form.addRow(
                wrap_label(f"{tr('Basis')}: {a['basis']}", selectable=True, style=NOTE_STYLE)
            )
        start_step = nice_step(max(a["start"]["value"], 1.0) / 100)
        decimals = decimals_for(start_step)
        self.form.addRow(
            QLabel(tr("Start {year} ({unit})").format(year=a["start"]["year"], unit=unit)),
            self._pair(
                base + ("start",),
                spin(0.001, 1e9, start_step, decimals, width=90),
                spin(0.0, 1e9, start_step, decimals, width=90),
                scale=1.0,
                keys=("value", "sd"),
            ),
        )
        self.form.addRow(
            QLabel(tr("Trend per year")),
            self._pair(
                base + ("trend",),
                spin(-70.0, 70.0, 0.5, 2, " %", width=90),  # log growth (validation's range)
                spin(0.0, 100.0, 0.5, 2, " %", width=90),
                scale=100.0,
            ),
        )
        noise = spin(0.0, 100.0, 0.5, 2, " %", width=90)
        self._bind(noise, base + ("noise", "sd"), 100.0)
        self.form.addRow(QLabel(tr("Yearly noise (sd)")), noise)
        persistence = spin(-0.9, 0.99, 0.05, 2, width=90)
        self._bind(persistence, base + ("noise", "persistence"), 1.0)
        self.form.addRow(QLabel(tr("Noise persistence")), persistence)
        df = a["noise"].get("df")
        estimated = QLabel(
            tr("ν = {df}, Student-t bands").format(df=df) if df else tr("no: taken as known")
        )
        estimated.setToolTip(
            tr(
                "The trend and noise sds are estimates from the history with ν degrees of "
                "freedom: each draw scales both by √(ν/χ²ν), so the bands are Student-t."
            )
            if df
            else ""
        )
        self.form.addRow(QLabel(tr("Sds estimated")), estimated)
        effects = a.get("effects") or []
        # each line's name on a row of its own across the table (elided in the middle, and
        # apart from similar names, with the full name as tooltip), its figures below it
        table = safe_copy(QTableWidget(2 * len(effects), 4))
        table.setHorizontalHeaderLabels([tr("Per"), tr("Mean"), tr("SD"), tr("Pre-plan level")])
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        names = [line_name(catalogue.line(effect["line"])) for effect in effects]
        self.effects_delegate = DistinctElideDelegate(
            table, lambda: names, applies=lambda index: index.row() % 2 == 0
        )
        table.setItemDelegate(self.effects_delegate)
        box_width = 0
        self._effect_lines = []
        for i, effect in enumerate(effects):
            self._effect_lines.append(effect["line"])
            table.setSpan(2 * i, 0, 1, table.columnCount())
            item = QTableWidgetItem(names[i])
            item.setToolTip(f"{names[i]}\n{tr('Basis')}: {effect.get('basis', '')}")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setBackground(QBrush(QColor(HEADER_COLOUR)))
            table.setItem(2 * i, 0, item)
            row = 2 * i + 1
            per = QTableWidgetItem(
                tr("per award") if effect["per"] == "award" else tr("per 10k yuan paid")
            )
            per.setFlags(per.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, per)
            step = nice_step(max(abs(effect["mean"]), 1e-6) / 10)
            digits = min(8, decimals_for(step) + 1)
            for column, key in ((1, "mean"), (2, "sd")):
                box = spin(0.0, 1e6, step, digits, chars=7)
                box_width = max(box_width, box.minimumWidth())
                self._bind(box, base + ("effects", i, key), 1.0)
                table.setCellWidget(row, column, box)
            # effects count only awards (or 万元) above the line's pre-plan level
            above = spin(0.0, 1e12, nice_step(max(effect["above"]["value"], 1.0) / 10), 1, chars=7)
            above.setToolTip(f"{tr('Basis')}: {effect['above'].get('basis', '')}")
            box_width = max(box_width, above.minimumWidth())
            self._bind(above, base + ("effects", i, "above", "value"), 1.0)
            table.setCellWidget(row, 3, above)
        for column in (1, 2, 3):  # as wide as seven digits, not as the largest value allowed
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(box_width, header.sectionSizeHint(column)))
        name_height = table.fontMetrics().height() + 6
        for i in range(len(effects)):
            table.setRowHeight(2 * i, name_height)
            table.setRowHeight(2 * i + 1, 30)
        shown = min(6, len(effects))
        table.setMinimumHeight(header.sizeHint().height() + shown * (name_height + 30) + 8)
        self.effects_table = table
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.form.addRow(wrap_label(tr("Effects of funded awards"), style=BOLD_STYLE))
        self.form.addRow(table)
        self.refresh_values()

    def _pair(
        self, path: tuple, mean_box, sd_box, scale: float, keys: tuple[str, str] = ("mean", "sd")
    ) -> QWidget:
        self._bind(mean_box, path + (keys[0],), scale)
        self._bind(sd_box, path + (keys[1],), scale)
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
            with contextlib.suppress(KeyError, IndexError, RuntimeError):
                set_quietly(box, sc.get(path) * scale)
