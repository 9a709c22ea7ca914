"""The goal-seek tab: the objective, the free lines and their bounds (``goal_bounds``), the
frontier of expected cost against probability, and "Apply point" as one undoable step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from simulator import analysis
from simulator.present import WAN_PER_YI

from ...core.labels import format_percent, line_name, uptake_unit
from ...i18n import language, tr
from ...widgets.basic import spin, wrap_label
from ...widgets.elide import DistinctElideDelegate, first_column_texts
from ...widgets.styles import BOLD_STYLE, ERROR_STYLE, FLAG_COLOURS, NOTE_STYLE
from ...widgets.tables import copy_button, item, make_table
from .base import AnalysisTab, decision_chart
from .goal_bounds import BoundsEditor
from .texts import goal_message, money_yi, output_name, short_output, uptake_text, yi_unit
from .worker import OPTIMIZE

BAD = FLAG_COLOURS["off_track"]
BEST_BRUSH = "#e3ecf7"


class GoalTab(AnalysisTab):
    """Bounds per free line, the objective, the frontier and Apply point."""

    kind = OPTIMIZE

    def __init__(self, window):
        super().__init__(window)
        # ---- settings (left)
        self.target_combo = QComboBox()
        self.target_combo.setMinimumContentsLength(20)
        self.max_radio = QRadioButton()
        self.min_radio = QRadioButton()
        self.max_radio.setChecked(True)
        objective = QButtonGroup(self)
        objective.addButton(self.max_radio)
        objective.addButton(self.min_radio)
        self.probability_spin = spin(1.0, 100.0, 5.0, 1, suffix=" %", width=90)
        self.probability_spin.setValue(30.0)
        self.min_radio.toggled.connect(self.probability_spin.setEnabled)
        self.probability_spin.setEnabled(False)
        self.tolerance_spin = spin(0.0, 100.0, 1.0, 1, suffix=" %", width=90)
        self.tolerance_spin.setValue(100 * analysis.DEFAULT_TOLERANCE)
        self.tolerance_spin.valueChanged.connect(lambda _v: window.envelope.show_exceedance())
        self.tolerance_note = wrap_label(style=NOTE_STYLE)
        self.levels_spin = QSpinBox()
        self.levels_spin.setRange(2, 21)
        self.levels_spin.setValue(analysis.DEFAULT_LEVELS)
        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.target_label, self.objective_label = QLabel(), QLabel()
        self.tolerance_label, self.levels_label = QLabel(), QLabel()
        form.addRow(self.target_label, self.target_combo)
        form.addRow(self.objective_label, self.max_radio)
        reach = QHBoxLayout()
        reach.addWidget(self.min_radio)
        reach.addWidget(self.probability_spin)
        reach.addStretch(1)
        form.addRow("", reach)
        form.addRow(self.tolerance_label, self.tolerance_spin)
        form.addRow(self.tolerance_note)
        form.addRow(self.levels_label, self.levels_spin)

        self.bounds_editor = BoundsEditor(window)
        # the bounds, as the window and callers (tests) use them
        self.free_lines = self.bounds_editor.free_lines
        self.set_free = self.bounds_editor.set_free
        self.set_bounds = self.bounds_editor.set_bounds
        self.mark_bounds_dirty = self.bounds_editor.mark_dirty
        self.error = wrap_label(style=ERROR_STYLE)
        # the bounds' buttons, Run and its error below the scrolling page: in view on any
        # screen
        footer = QWidget()
        run_row = QHBoxLayout(footer)
        run_row.setContentsMargins(9, 4, 9, 4)
        run_row.addWidget(self.bounds_editor.buttons)
        run_row.addWidget(self.error, 1)
        run_row.addWidget(self.run_button)
        self.set_footer(footer)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(self.settings_box)
        left_layout.addWidget(self.bounds_editor, 1)

        # ---- results (right)
        self.message = wrap_label(selectable=True, style=BOLD_STYLE)
        self.chart = decision_chart("frontier", window)
        self.points_title = QLabel()
        self.points_title.setStyleSheet(BOLD_STYLE)
        self.points = make_table(6, stretch=0)
        self.points.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.points.itemSelectionChanged.connect(self._point_selected)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(lambda: self.apply_point())
        head = QHBoxLayout()
        head.addWidget(self.points_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.points, window.show_status))
        head.addWidget(self.apply_button)
        self.detail_title = QLabel()
        self.detail_title.setStyleSheet(BOLD_STYLE)
        self.detail = make_table(4, stretch=0)
        self.detail.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.detail.setWordWrap(False)
        self.detail_delegate = DistinctElideDelegate(self.detail, first_column_texts(self.detail))
        self.detail.setItemDelegate(self.detail_delegate)
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 4, 0, 0)
        tables_layout.addLayout(head)
        tables_layout.addWidget(self.points, 3)
        tables_layout.addWidget(self.detail_title)
        tables_layout.addWidget(self.detail, 2)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.chart)
        right_split.addWidget(tables)
        right_split.setStretchFactor(0, 1)
        right_split.setStretchFactor(1, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.stale)
        right_layout.addWidget(self.message)
        right_layout.addWidget(right_split, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([640, 780])
        layout = QVBoxLayout(self.page)
        layout.addWidget(splitter)

        self.fill_targets()

    # ------------------------------------------------------------------ settings
    @property
    def target(self) -> str:
        return self.target_combo.currentData() or analysis.ALL_TARGETS

    def tolerance(self) -> float:
        return self.tolerance_spin.value() / 100.0

    def fill_targets(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for output in analysis.outputs(catalogue):
            if output != analysis.OUTLAY:
                self.target_combo.addItem(output_name(catalogue, output), output)
        index = self.target_combo.findData(current if current else analysis.ALL_TARGETS)
        self.target_combo.setCurrentIndex(max(0, index))
        self.target_combo.blockSignals(False)

    def options(self) -> dict[str, Any] | None:
        self.bounds_editor.refresh()
        scenario = self.document.scenario
        bounds = self.bounds_editor.bounds_dict()
        if not bounds:
            self.error.setText(tr("Choose at least one free line."))
            return None
        try:
            analysis.check_bounds(bounds, scenario)
        except analysis.BoundsError as exc:
            catalogue = scenario.catalogue
            self.error.setText(
                "\n".join(
                    f"{line_name(catalogue.line(p.path)) if catalogue.has_line(p.path) else p.path}"
                    f": {p.message_text(language())}"
                    for p in exc.problems
                )
            )
            return None
        self.error.setText("")
        return {
            "bounds": bounds,
            "default_bounds": None,
            "target": self.target,
            "probability": (
                self.probability_spin.value() / 100.0 if self.min_radio.isChecked() else None
            ),
            "tolerance": self.tolerance(),
            "levels": self.levels_spin.value(),
        }

    # ------------------------------------------------------------------ results
    def empty_text(self) -> str:
        return tr(
            "Not run yet. Press Run: 10–30 s at 20,000 draws with every default "
            "line free; a few seconds with a handful of lines."
        )

    def show_result(self) -> None:
        result = self.result
        if result is None:
            self.chart.show_note(
                tr(
                    "Set the bounds and the objective, then press Run to see "
                    "the frontier of expected cost against probability."
                )
            )
            self.points.setRowCount(0)
            self.detail.setRowCount(0)
            self.message.setText("")
            self._update_apply()
            return
        self.chart.show_result(result)
        self.message.setText(self.message_text(result))
        self.fill_points()
        index = result.chosen_index  # the goal point, or the closest one
        self.points.selectRow(index if index is not None else 0)
        self._point_selected()

    def message_text(self, result) -> str:
        return goal_message(result)

    def fill_points(self) -> None:
        result = self.result
        catalogue = result.catalogue
        target = result.target
        envelope = result.tolerance is not None
        headers = [
            tr("Point"),
            tr("Outlay 2024–2028"),
            tr("vs. now"),
            short_output(catalogue, target),
            short_output(catalogue, analysis.ALL_TARGETS),
            tr("Max. P(over budget)"),
        ]
        tips = [
            "",
            tr("Expected total outlay 2024–2028 of all lines ({unit})").format(unit=yi_unit()),
            tr("Change from the scenario as it is ({unit})").format(unit=yi_unit()),
            output_name(catalogue, target),
            output_name(catalogue, analysis.ALL_TARGETS),
            tr("Highest yearly P(outlay > appropriation)"),
        ]
        table = self.points
        table.setHorizontalHeaderLabels(headers)
        for c, tip in enumerate(tips):
            table.horizontalHeaderItem(c).setToolTip(tip)
        table.setColumnHidden(4, target == analysis.ALL_TARGETS)
        table.setColumnHidden(5, not envelope)
        rows = [(tr("Scenario as it is"), result.baseline)] + [
            (str(n), p) for n, p in enumerate(result.frontier, 1)
        ]
        table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, (label, point) in enumerate(rows):
            if point is result.best:
                label = tr("{n} (goal)").format(n=label)
            cells = [
                item(label),
                item(f"{point.outlay_wan / WAN_PER_YI:,.2f}", numeric=True),
                item(
                    f"{(point.outlay_wan - result.baseline.outlay_wan) / WAN_PER_YI:+,.2f}",
                    numeric=True,
                ),
                item(format_percent(point.probability(target)), numeric=True),
                item(format_percent(point.probability(analysis.ALL_TARGETS)), numeric=True),
                item(
                    format_percent(max(point.exceedance.values())) if point.exceedance else "—",
                    numeric=True,
                ),
            ]
            for c, cell in enumerate(cells):
                if point is result.best:
                    cell.setFont(bold)
                    cell.setBackground(QBrush(QColor(BEST_BRUSH)))
                if r == 0:
                    cell.setForeground(QBrush(QColor("#6b4a7a")))
                table.setItem(r, c, cell)
            if envelope and point.exceedance and not point.within_envelope(result.tolerance):
                table.item(r, 5).setBackground(QBrush(QColor(BAD)))

    def selected_point(self) -> tuple[int, Any] | None:
        """(frontier number, Point) of the selected row; number 0 is the scenario as it is."""
        result = self.result
        rows = self.points.selectionModel().selectedRows() if result is not None else []
        if not rows:
            return None
        r = rows[0].row()
        return (r, result.baseline if r == 0 else result.frontier[r - 1])

    def _point_selected(self) -> None:
        selected = self.selected_point()
        table = self.detail
        table.setHorizontalHeaderLabels(
            [
                tr("Line"),
                tr("Planned now (per year)"),
                tr("At this point (per year)"),
                tr("Multiplier"),
            ]
        )
        if selected is None:
            table.setRowCount(0)
            self.detail_title.setText(tr("Uptake at the selected point"))
            self._update_apply()
            return
        n, point = selected
        result = self.result
        catalogue = result.catalogue
        self.detail_title.setText(
            tr("Uptake at point {n}").format(n=n) if n else tr("Uptake of the scenario as it is")
        )
        lines = list(point.uptake)
        table.setRowCount(len(lines))
        self.detail_delegate.forget()  # names of these lines
        for r, line_id in enumerate(lines):
            line = catalogue.line(line_id)
            name = f"{line_name(line)} ({uptake_unit(line)})"
            planned = result.baseline.uptake[line_id]
            multiplier = point.multipliers[line_id]
            table.setItem(r, 0, item(name, tooltip=name))
            table.setItem(r, 1, item(uptake_text(planned), numeric=True))
            at = item(uptake_text(point.uptake[line_id]), numeric=True)
            if abs(multiplier - 1.0) > 1e-9:
                at.setForeground(QBrush(QColor("#0b5394" if multiplier > 1 else "#a14a00")))
            table.setItem(r, 2, at)
            table.setItem(r, 3, item(f"×{multiplier:.2f}", numeric=True))
        self._update_apply()

    def _update_apply(self) -> None:
        selected = self.selected_point()
        n = selected[0] if selected else None
        self.apply_button.setText(
            tr("Apply point {n} to the scenario").format(n=n)
            if n
            else tr("Apply point to the scenario")
        )
        ok = bool(n) and not self.is_stale() and not self.window_.runner.running
        self.apply_button.setEnabled(ok)
        if n and self.is_stale():
            self.apply_button.setToolTip(
                tr("The scenario has changed since the goal seek ran: run it again first.")
            )
        else:
            self.apply_button.setToolTip(
                tr(
                    "Sets the uptake of the free lines to this point's "
                    "levels, as one step you can undo."
                )
            )

    def apply_point(self, n: int | None = None) -> bool:
        """Put frontier point n (1 = cheapest; default: the selected one) into the scenario
        as one undoable step."""
        result = self.result
        if result is None or self.is_stale():
            return False
        if n is None:
            selected = self.selected_point()
            if not selected or not selected[0]:
                return False
            n = selected[0]
        point = result.frontier[n - 1]
        catalogue = result.catalogue
        path = self.document.path
        # the one derivation of the command line's `optimize --save`: new name, description
        # of how it was made, bases of the changed lines
        changed = analysis.derive_scenario(
            result,
            point,
            source=path.name if path is not None else self.document.scenario.name,
            base=self.document.scenario,
        )
        label = tr("Apply goal-seek point {n}: uptake of {k} lines ({what} {p}, {cost})").format(
            n=n,
            k=len(point.uptake),
            what=short_output(catalogue, result.target),
            p=format_percent(point.probability(result.target)),
            cost=money_yi(point.outlay_wan),
        )
        self.document.replace_scenario(changed, label)
        self.window_.show_status(
            tr("Applied point {n} to the scenario. Undo restores the previous uptake.").format(n=n)
        )
        return True

    def update_state(self) -> None:
        super().update_state()
        self._update_apply()
        appropriation = self.document.scenario.appropriation
        self.tolerance_spin.setEnabled(appropriation is not None)
        self.tolerance_note.setText(
            tr("The appropriation may be exceeded in at most this share of draws, every year.")
            if appropriation is not None
            else tr(
                "No appropriation is set, so the budget envelope is not checked (set one in the "
                "Budget envelope tab)."
            )
        )

    def retranslate(self) -> None:
        self.settings_box.setTitle(tr("Goal"))
        self.target_label.setText(tr("Target"))
        self.objective_label.setText(tr("Objective"))
        self.max_radio.setText(tr("Highest probability (the cheapest such levels)"))
        self.min_radio.setText(tr("Cheapest levels reaching"))
        self.tolerance_label.setText(tr("Tolerance"))
        self.levels_label.setText(tr("Levels per line"))
        self.levels_spin.setToolTip(
            tr("Uptake levels tried per line, in equal steps between its bounds")
        )
        self.points_title.setText(
            tr("Frontier points, cheapest first (money in {unit})").format(unit=yi_unit())
        )
        super().retranslate()
        self.fill_targets()
        self.bounds_editor.retranslate()
        self.chart.set_language(language())
        self.show_result()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.bounds_editor.refresh()
