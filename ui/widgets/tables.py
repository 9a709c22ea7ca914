"""Read-only tables: cells, a table set up for reading and copying, its text, and copying
rows to the clipboard as tab-separated text (pastes into a spreadsheet cell by cell)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from simulator.present import rows_to_tsv

from ..i18n import tr


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


def copied_text(rows: int) -> str:
    """The status message after copying ``rows`` rows (headers not counted)."""
    return tr("Copied {rows} rows to the clipboard.").format(rows=rows)


def copy_button(table: QTableWidget, status: Callable[[str], None]) -> QPushButton:
    """A "Copy table" button: the table with its header to the clipboard; ``status`` hears
    how many rows. Its text is set on retranslation from its ``trKey`` property."""
    button = QPushButton()
    button.setProperty("trKey", "Copy table")

    def copy():
        rows = table_rows(table)
        copy_rows(rows)
        status(copied_text(len(rows) - 1))

    button.clicked.connect(copy)
    return button
