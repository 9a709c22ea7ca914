"""The problems of a CSV that could not be imported (observed values, a history), listed by
row and column."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...i18n import tr

_ROW = re.compile(
    r"^(?:[^:]*: )?(?P<where>row \d+|entry \d+)(?:: (?P<field>[a-z_.]+))?: "
    r"(?P<message>.*)$",
    re.S,
)


class ImportProblemDialog(QDialog):
    """The problems of an actuals CSV, by row; nothing was imported."""

    def __init__(self, source: str, problems, parent=None, title: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title or tr("The observed values could not be imported"))
        self.problems = list(problems)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr("{file} has {n} problem(s); nothing was imported.").format(
                file=source, n=len(self.problems)
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(self.problems), 3)
        table.setHorizontalHeaderLabels([tr("Row"), tr("Column"), tr("Problem")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, (where, field, message) in enumerate(import_problem_rows(self.problems)):
            for c, text in enumerate((where, field, message)):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeRowsToContents()
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 360)


def import_problem_rows(problems) -> list[tuple[str, str, str]]:
    """(row, column, message) of each problem ('row 5', 'year', 'must be …')."""
    rows = []
    for problem in problems:
        text = problem.message if not problem.path else f"{problem.path}: {problem.message}"
        match = _ROW.match(text)
        if match:
            number = match["where"].split()[1]
            where = (tr("row {n}") if match["where"].startswith("row") else tr("entry {n}")).format(
                n=number
            )
            rows.append((where, match["field"] or "", match["message"]))
        else:
            rows.append((tr("(whole file)"), "", text))
    return rows


def show_import_problems(parent, source: str, problems, title: str | None = None) -> None:
    """Modal list of an import's problems (tests replace this function)."""
    ImportProblemDialog(source, problems, parent, title).exec()
