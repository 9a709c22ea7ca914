"""The comparison's first tab: which assumptions differ between the reference and one other
scenario, filterable, to the clipboard or a CSV file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...i18n import tr
from ...widgets.export import export_csv
from ...widgets.tables import cell_at, copied_text, copy_rows, safe_copy
from .differences import difference_row


class DifferencesTab(QWidget):
    """The differences of one compared scenario (chosen when there are several) from the
    reference; the filter hides rows that do not contain its text."""

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.comparison = None
        self.rows: list[list[str]] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.other_label = QLabel()
        self.other_combo = QComboBox()
        self.other_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.other_combo.currentIndexChanged.connect(lambda _i: self.fill())
        self.filter_box = QLineEdit()
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(lambda _t: self.apply_filter())
        self.count_label = QLabel()
        self.copy_button = QPushButton()
        self.export_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.copy())
        self.export_button.clicked.connect(lambda: self.export())
        top.addWidget(self.other_label)
        top.addWidget(self.other_combo)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.copy_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.table = safe_copy(QTableWidget(0, 5))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSortingEnabled(False)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            h.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        h.setMaximumSectionSize(420)  # long values are elided; the tooltip has them
        layout.addWidget(self.table)

    def retranslate(self) -> None:
        self.other_label.setText(tr("Scenario"))
        self.filter_box.setPlaceholderText(tr("Filter: line, year, setting…"))
        self.copy_button.setText(tr("Copy"))
        self.export_button.setText(tr("Export CSV…"))
        self.table.setHorizontalHeaderLabels(
            [tr("Item"), tr("Year"), tr("Setting"), tr("Reference"), tr("This scenario")]
        )

    # ------------------------------------------------------------------ showing
    def show_comparison(self, comparison) -> None:
        self.comparison = comparison
        names = comparison.names
        current = self.other_combo.currentIndex()
        self.other_combo.blockSignals(True)
        self.other_combo.clear()
        for i in range(1, len(names)):
            self.other_combo.addItem(f"{names[i]} ↔ {names[0]}", i)
        self.other_combo.setCurrentIndex(max(0, min(current, len(names) - 2)))
        self.other_combo.blockSignals(False)
        self.other_combo.setVisible(len(names) > 2)
        self.other_label.setVisible(len(names) > 2)
        self.fill()

    def _other_index(self) -> int:
        return self.other_combo.currentData() or 1

    def fill(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        i = self._other_index()
        reference, other = comparison.scenarios[0], comparison.scenarios[i]
        # every scenario ran with the reference's simulation settings: theirs do not count
        self.rows = [
            difference_row(d, reference, other)
            for d in comparison.differences(i)
            if not d.path.startswith("simulation.")
        ]
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                item = cell_at(table, r, c)
                item.setText(text)
                item.setToolTip(text)
                if c in (3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
        table.setUpdatesEnabled(True)
        table.setHorizontalHeaderLabels(
            [tr("Item"), tr("Year"), tr("Setting"), comparison.names[0], comparison.names[i]]
        )
        self.apply_filter()

    def apply_filter(self) -> None:
        needle = self.filter_box.text().strip().lower()
        shown = 0
        for r, row in enumerate(self.rows):
            hide = bool(needle) and not any(needle in text.lower() for text in row)
            self.table.setRowHidden(r, hide)
            shown += not hide
        total = len(self.rows)
        if self.comparison is None:
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText(tr("No assumption differs."))
        elif shown == total:
            self.count_label.setText(tr("{n} differences").format(n=total))
        else:
            self.count_label.setText(
                tr("{shown} of {n} differences shown").format(shown=shown, n=total)
            )

    def visible_rows(self) -> list[list[str]]:
        return [row for r, row in enumerate(self.rows) if not self.table.isRowHidden(r)]

    # ------------------------------------------------------------------ copy and export
    def table_with_header(self) -> list[list[str]]:
        comparison = self.comparison
        i = self._other_index()
        return [
            [tr("Item"), tr("Year"), tr("Setting"), comparison.names[0], comparison.names[i]]
        ] + self.visible_rows()

    def copy(self) -> bool:
        """The differences shown (after the filter) to the clipboard, tab-separated."""
        if self.comparison is None:
            return False
        rows = self.table_with_header()
        copy_rows(rows)
        self.window_.show_status(copied_text(len(rows) - 1))
        return True

    def export(self, path: str | Path | None = None) -> bool:
        """The differences shown (after the filter) as CSV (UTF-8 with BOM, for Excel)."""
        if self.comparison is None:
            return False
        written = export_csv(
            self,
            self.table_with_header(),
            path,
            tr("Export differences"),
            self.window_.export_dir() / "differences.csv",
        )
        if written is not None:
            self.window_.wrote(written)
        return written is not None
