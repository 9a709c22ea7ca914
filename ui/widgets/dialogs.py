"""Dialogs: the problems of a scenario file, unsaved changes, write errors (the file
dialogs of exports are in ``export``).

Tests replace these functions (or QMessageBox) so that no modal dialog blocks them.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..i18n import tr


class ProblemDialog(QDialog):
    """Lists every problem of a scenario file that failed to load, each with its path."""

    def __init__(self, source: str, problems, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("The scenario could not be opened"))
        self.problems = list(problems)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr("{file} has {n} problem(s); the current scenario is unchanged.").format(
                file=source, n=len(self.problems)
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(self.problems), 2)
        table.setHorizontalHeaderLabels([tr("Where"), tr("Problem")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)
        for row, problem in enumerate(self.problems):
            table.setItem(row, 0, QTableWidgetItem(problem.path or tr("(whole file)")))
            table.setItem(row, 1, QTableWidgetItem(problem.message))
        table.resizeRowsToContents()
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 360)


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
