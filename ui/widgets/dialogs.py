"""Dialogs: the problems of a scenario file, unsaved changes, write errors (the file
dialogs of exports are in ``export``).

Tests replace these functions (or QMessageBox) so that no modal dialog blocks them.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..i18n import language, tr


class ProblemListDialog(QDialog):
    """A file's problems as a table (one row each, the last column stretched): the dialog of
    a scenario that could not be opened and of a CSV that could not be imported."""

    def __init__(self, title: str, intro: str, headers: list[str], rows, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        rows = [list(row) for row in rows]
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        for column in range(len(headers) - 1):
            table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeRowsToContents()
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 360)


class ProblemDialog(ProblemListDialog):
    """Lists every problem of a scenario file that failed to load, each with its path."""

    def __init__(self, source: str, problems, parent=None):
        self.problems = list(problems)
        super().__init__(
            tr("The scenario could not be opened"),
            tr("{file} has {n} problem(s); the current scenario is unchanged.").format(
                file=source, n=len(self.problems)
            ),
            [tr("Where"), tr("Problem")],
            [
                (p.place_text(language()) or tr("(whole file)"), p.message_text(language()))
                for p in self.problems
            ],
            parent,
        )


def show_problems(parent, source: str, problems) -> None:
    ProblemDialog(source, problems, parent).exec()


def ask_save_changes(parent, name: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel."""
    buttons = QMessageBox.StandardButton
    return QMessageBox.question(
        parent,
        tr("Unsaved changes"),
        tr("“{name}” has unsaved changes. Save them first?").format(name=name),
        buttons.Save | buttons.Discard | buttons.Cancel,
        buttons.Save,
    )


def show_error(parent, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)
