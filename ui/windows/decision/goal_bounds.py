"""The goal seek's free lines and their bounds: a table of candidate lines (tick to free),
their planned uptake, and min and max per year. Bounds the planner has not edited follow the
scenario's planned uptake (``simulator.analysis.default_award_bounds``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator import analysis

from ...core.labels import line_name, uptake_unit
from ...i18n import tr
from ...widgets.basic import spin, wrap_label
from ...widgets.elide import DistinctElideDelegate, first_column_texts
from ...widgets.styles import ASSUMPTION_STYLE, NOTE_STYLE
from ...widgets.tables import item, make_table
from .texts import uptake_text


class BoundsEditor(QGroupBox):
    """Which lines the goal seek may move, and within which bounds (awards, or 万元, per
    year)."""

    COLUMNS = 4  # line (ticked when free), planned per year with its unit, min, max

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.setStyleSheet(ASSUMPTION_STYLE)
        bounds_layout = QVBoxLayout(self)
        self.bounds_note = wrap_label(style=NOTE_STYLE)
        self.bounds = make_table(self.COLUMNS, stretch=0)
        self.bounds.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.bounds.setWordWrap(False)  # else a name wraps and shows its first words only
        # similar names ("Technology demonstration projects (…)") elided apart, as in the tree
        self.names_delegate = DistinctElideDelegate(self.bounds, first_column_texts(self.bounds))
        self.bounds.setItemDelegate(self.names_delegate)
        for column in (2, 3):
            self.bounds.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Fixed
            )
            self.bounds.setColumnWidth(column, 96)
        self.bounds.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bounds.setAlternatingRowColors(False)
        self.bounds.itemChanged.connect(self._bound_checked)
        self.all_lines_check = QCheckBox()
        self.all_lines_check.toggled.connect(lambda _c: self.refresh(rebuild=True))
        self.select_all = QPushButton()
        self.select_all.clicked.connect(lambda: self.set_free(None))
        self.select_none = QPushButton()
        self.select_none.clicked.connect(lambda: self.set_free([]))
        self.reset_bounds = QPushButton()
        self.reset_bounds.clicked.connect(self.reset_to_defaults)
        # the buttons, which the goal tab keeps in view below its scrolling page
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.select_all)
        row.addWidget(self.select_none)
        row.addWidget(self.reset_bounds)
        bounds_layout.addWidget(self.bounds_note)
        bounds_layout.addWidget(self.bounds, 1)
        bounds_layout.addWidget(self.all_lines_check)
        # rows of the table: line id -> {"free", "min", "max", "edited"}
        self.rows: dict[str, dict] = {}
        self._row_lines: list[str] = []
        self._bounds_dirty = True

    @property
    def document(self):
        return self.window_.document

    def retranslate(self) -> None:
        self.bounds_note.setText(
            tr(
                "Awards per year (10k yuan per year for amount lines). Each free line's planned uptake "
                "is scaled by one multiplier, so every planned year stays within its bounds. "
                "Defaults: half the smallest to 1.5 times the largest planned year. Lines not "
                "free stay as they are."
            )
        )
        self.bounds.setHorizontalHeaderLabels(
            [
                tr("Line (tick to free)"),
                tr("Planned per year"),
                tr("Min per year"),
                tr("Max per year"),
            ]
        )
        self.all_lines_check.setText(tr("Also list lines that do not move a target"))
        self.select_all.setText(tr("Free all"))
        self.select_none.setText(tr("Free none"))
        self.reset_bounds.setText(tr("Reset to defaults"))
        self._bounds_dirty = True
        self._row_lines = []  # names and units in the new language
        self.refresh()

    def mark_dirty(self) -> None:
        self._bounds_dirty = True
        if self.isVisible():
            QTimer.singleShot(0, self.refresh)

    def refresh(self, rebuild: bool = False) -> None:
        """Rows for the candidate lines; bounds the planner has not edited follow the
        scenario's planned uptake."""
        if not (self._bounds_dirty or rebuild):
            return
        self._bounds_dirty = False
        scenario = self.document.scenario
        catalogue = scenario.catalogue
        defaults_free = set(analysis.default_free_lines(scenario))
        # the default free lines; with the check box, every line with planned uptake
        lines = analysis.candidate_lines(scenario, self.all_lines_check.isChecked())
        for line_id in lines:
            planned = dict(scenario.line_assumptions(line_id)["uptake"])
            row = self.rows.get(line_id)
            low, high = analysis.default_award_bounds(planned)
            if row is None:
                self.rows[line_id] = {
                    "free": line_id in defaults_free,
                    "min": low,
                    "max": high,
                    "edited": False,
                }
            elif not row["edited"]:
                row.update(min=low, max=high)
        table = self.bounds
        table.blockSignals(True)
        if lines != self._row_lines:
            table.setRowCount(len(lines))
            for r, line_id in enumerate(lines):
                line = catalogue.line(line_id)
                check = item(line_name(line), tooltip=f"{line_name(line)}\n{line_id}")
                check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                check.setData(Qt.ItemDataRole.UserRole, line_id)
                table.setItem(r, 0, check)
                for column, key in ((2, "min"), (3, "max")):
                    box = spin(0.0, 1e9, 1.0, 2)
                    box.setFrame(False)
                    box.valueChanged.connect(
                        lambda v, line=line_id, k=key: self._bound_edited(line, k, v)
                    )
                    table.setCellWidget(r, column, box)
            self._row_lines = list(lines)
            self.names_delegate.forget()
        for r, line_id in enumerate(lines):
            line = catalogue.line(line_id)
            row = self.rows[line_id]
            planned = dict(scenario.line_assumptions(line_id)["uptake"])
            table.item(r, 0).setCheckState(
                Qt.CheckState.Checked if row["free"] else Qt.CheckState.Unchecked
            )
            table.setItem(r, 1, item(f"{uptake_text(planned)} {uptake_unit(line)}", numeric=True))
            for column, key in ((2, "min"), (3, "max")):
                box = table.cellWidget(r, column)
                box.blockSignals(True)
                box.setValue(row[key])
                box.setEnabled(row["free"])
                box.blockSignals(False)
        table.blockSignals(False)
        self._update_bounds_title()

    def _update_bounds_title(self) -> None:
        free = len(self.free_lines())
        self.setTitle(tr("Free lines and their bounds ({n} free)").format(n=free))

    def _bound_checked(self, cell: QTableWidgetItem) -> None:
        line_id = cell.data(Qt.ItemDataRole.UserRole)
        if line_id is None or line_id not in self.rows:
            return
        free = cell.checkState() == Qt.CheckState.Checked
        self.rows[line_id]["free"] = free
        r = self._row_lines.index(line_id)
        for column in (2, 3):
            self.bounds.cellWidget(r, column).setEnabled(free)
        self._update_bounds_title()

    def _bound_edited(self, line_id: str, key: str, value: float) -> None:
        row = self.rows[line_id]
        row[key] = value
        row["edited"] = True

    def free_lines(self) -> list[str]:
        return [line for line in self._row_lines if self.rows[line]["free"]]

    def set_free(self, lines: list[str] | None) -> None:
        """Free exactly these lines (None: every line in the table)."""
        self.refresh()
        for line_id in self._row_lines:
            self.rows[line_id]["free"] = lines is None or line_id in lines
        self._bounds_dirty = True
        self.refresh()

    def set_bounds(self, line_id: str, low: float, high: float) -> None:
        """Bounds of one line in awards (or 万元) per year; frees it."""
        self.refresh()
        self.rows[line_id].update(min=low, max=high, edited=True, free=True)
        self._bounds_dirty = True
        self.refresh()

    def reset_to_defaults(self) -> None:
        self.rows = {}
        self._row_lines = []
        self.refresh(rebuild=True)

    def bounds_dict(self) -> dict[str, list[float]]:
        return {
            line: [self.rows[line]["min"], self.rows[line]["max"]] for line in self.free_lines()
        }
