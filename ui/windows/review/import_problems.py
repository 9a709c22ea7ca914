"""The problems of a CSV that could not be imported (observed values, a history), listed by
row and column."""

from __future__ import annotations

import re

from ...i18n import tr
from ...widgets.dialogs import ProblemListDialog

_ROW = re.compile(
    r"^(?:[^:]*: )?(?P<where>row \d+|entry \d+)(?:: (?P<field>[a-z_.]+))?: "
    r"(?P<message>.*)$",
    re.S,
)


class ImportProblemDialog(ProblemListDialog):
    """The problems of an actuals CSV, by row; nothing was imported."""

    def __init__(self, source: str, problems, parent=None, title: str | None = None):
        self.problems = list(problems)
        super().__init__(
            title or tr("The observed values could not be imported"),
            tr("{file} has {n} problem(s); nothing was imported.").format(
                file=source, n=len(self.problems)
            ),
            [tr("Row"), tr("Column"), tr("Problem")],
            import_problem_rows(self.problems),
            parent,
        )


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
