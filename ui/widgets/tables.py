"""Read-only tables: cells, a table set up for reading and copying, its text, and copying
rows to the clipboard as tab-separated text (pastes into a spreadsheet cell by cell).

Every copy of table cells goes through ``copy_rows`` (``simulator.present.rows_to_tsv``: text a
spreadsheet would run as a formula gets a leading ``'``): the Copy buttons, and Ctrl+C in a
table or tree that ``safe_copy`` was applied to (Qt's own Ctrl+C would copy the current
cell's text as it is)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from simulator.present import rows_to_tsv

from ..i18n import QT_TR_NOOP, tr


def item(text: str, numeric: bool = False, tooltip: str = "") -> QTableWidgetItem:
    """A read-only cell, right-aligned when numeric."""
    cell = QTableWidgetItem(text)
    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    cell.setTextAlignment(
        (Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
        | Qt.AlignmentFlag.AlignVCenter
    )
    if tooltip:
        cell.setToolTip(tooltip)
    return cell


def cell_at(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The table's item at (row, column), made when there is none yet (refilling a table
    reuses its items)."""
    cell = table.item(row, column)
    if cell is None:
        cell = QTableWidgetItem()
        table.setItem(row, column, cell)
    return cell


def make_table(columns: int, stretch: int = 0) -> QTableWidget:
    """A read-only table with whole-row selection and alternating rows; column ``stretch``
    takes the width left."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    safe_copy(table)
    return table


def table_rows(table: QTableWidget) -> list[list[str]]:
    """The table's header and cells as text (to copy into a spreadsheet)."""
    rows = [
        [
            table.horizontalHeaderItem(c).text() if table.horizontalHeaderItem(c) else ""
            for c in range(table.columnCount())
        ]
    ]
    for r in range(table.rowCount()):
        rows.append(
            [
                table.item(r, c).text() if table.item(r, c) else ""
                for c in range(table.columnCount())
            ]
        )
    return rows


def copy_rows(rows: list[list[Any]]) -> None:
    """Rows to the clipboard as tab-separated text (``simulator.present.rows_to_tsv``: text
    a spreadsheet would run as a formula gets a leading ``'``, numbers stay numbers)."""
    QApplication.clipboard().setText(rows_to_tsv(rows))


def selected_cells(view: QAbstractItemView) -> list[list[str]]:
    """The selected cells' text, row by row in the model's order (the current cell when
    nothing is selected)."""
    selection = view.selectionModel()
    indexes = list(selection.selectedIndexes()) if selection is not None else []
    if not indexes and view.currentIndex().isValid():
        indexes = [view.currentIndex()]

    def place(index: QModelIndex) -> tuple[tuple[int, ...], int]:
        path, row = [], index.siblingAtColumn(0)
        while row.isValid():
            path.insert(0, row.row())
            row = row.parent()
        return tuple(path), index.column()

    rows: dict[tuple[int, ...], list[str]] = {}
    for index in sorted(indexes, key=place):
        text = index.data(Qt.ItemDataRole.DisplayRole)
        rows.setdefault(place(index)[0], []).append("" if text is None else str(text))
    return list(rows.values())


class _SafeCopy(QObject):
    """Ctrl+C (the platform's Copy key) on a table or tree: the selected cells through
    ``copy_rows``."""

    def eventFilter(self, watched, event) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Copy)
            and isinstance(watched, QAbstractItemView)
        ):
            rows = selected_cells(watched)
            if rows:
                copy_rows(rows)
            return True
        return False


View = TypeVar("View", bound=QAbstractItemView)


def safe_copy(view: View) -> View:
    """Make Ctrl+C in ``view`` copy the selected cells as formula-safe tab-separated text."""
    view.installEventFilter(_SafeCopy(view))
    return view


def copied_text(rows: int) -> str:
    """The status message after copying ``rows`` rows (headers not counted)."""
    return tr("Copied {rows} rows to the clipboard.").format(rows=rows)


def copy_button(table: QTableWidget, status: Callable[[str], None]) -> QPushButton:
    """A "Copy table" button: the table with its header to the clipboard; ``status`` hears
    how many rows. Its text is set on retranslation from its ``trKey`` property."""
    button = QPushButton()
    button.setProperty("trKey", QT_TR_NOOP("Copy table"))

    def copy():
        rows = table_rows(table)
        copy_rows(rows)
        status(copied_text(len(rows) - 1))

    button.clicked.connect(copy)
    return button
