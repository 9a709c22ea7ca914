"""The problems of a CSV that could not be imported (observed values, a history), listed by
row and column."""

from __future__ import annotations

from simulator.model import Message, text_of

from ...i18n import language, tr
from ...widgets.dialogs import ProblemListDialog

# The templates of a problem of a row (simulator.model.problems.row_problem) and of an
# entry the scenario refused (simulator.model.actuals): their parts fill the columns.
_BY_ROW = ("{source}: row {row}: {column}: {problem}", "{source}: row {row}: {problem}")
_BY_ENTRY = ("{source}: {where}: {field}: {problem}", "{source}: {where}: {problem}")


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


def import_problem_rows(problems, lang: str | None = None) -> list[tuple[str, str, str]]:
    """(row, column, message) of each problem ('row 5', 'year', 'must be …'), in ``lang``
    (default: the app's language)."""
    lang = lang or language()
    rows = []
    for problem in problems:
        what, params = problem.what, problem.what.params
        if not problem.path and what.template in _BY_ROW:
            where = tr("row {n}").format(n=params["row"])
            column = text_of(params.get("column", ""), lang)
            rows.append((where, column, text_of(params["problem"], lang)))
        elif not problem.path and what.template in _BY_ENTRY and _entry(params["where"]):
            place = params["where"]
            where = (
                tr("row {n}").format(n=place.params["row"])
                if place.template == "row {row}"
                else tr("entry {n}").format(n=place.params["number"])
            )
            rows.append((where, params.get("field", ""), text_of(params["problem"], lang)))
        else:
            rows.append((tr("(whole file)"), "", problem.text(lang)))
    return rows


def _entry(place: object) -> bool:
    return isinstance(place, Message) and place.template in ("row {row}", "entry {number}")


def show_import_problems(parent, source: str, problems, title: str | None = None) -> None:
    """Modal list of an import's problems (tests replace this function)."""
    ImportProblemDialog(source, problems, parent, title).exec()
