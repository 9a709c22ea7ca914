"""The sheet-reading half of the workbook readers: finding sheets and their columns (by the
keys in row 2), reading cells into a document at the paths of ``workbook_fields``, and the
problems found on the way, each with its sheet, row and column. The problems of the
document's validation are mapped back to the cells their paths came from (``locate``).
``workbook_read`` (scenarios) and ``workbook_actuals`` (actuals) build on ``SheetReader``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NoReturn

from .problems import MAX_PROBLEMS, Listed, Message, Problem, ScenarioError, more_problems
from .workbook_cells import BLANK, CellProblem, Where, cell_value, sheet_rows
from .workbook_layout import LIST, YEAR, Column, column_keys, sheet_names

__all__ = ["KEY_ROW", "Cells", "SheetReader", "Table", "blank", "set_path"]

#: The row of the column keys; data starts below it.
KEY_ROW = 2
Cells = tuple[Any, ...]
Table = tuple[dict[str, int], list[tuple[int, Cells]]]


def blank(cell: Any) -> bool:
    value = getattr(cell, "value", None)
    return value is None or (isinstance(value, str) and not value.strip())


def set_path(target: dict[str, Any], path: Sequence[str | int], value: Any) -> None:
    """Put ``value`` at ``path`` in nested dicts, making the dicts on the way."""
    node = target
    for key in path[:-1]:
        node = node.setdefault(str(key), {})
    node[str(path[-1])] = value


#: The languages a workbook may be written in (sheet names are looked up in each).
LANGUAGES = ("zh", "en")


def _placed(where: Where, message: Message) -> Problem:
    """A problem at a place of the workbook (none: the whole workbook)."""
    return Problem(where.message() if where.sheet else "", message)


class SheetReader:
    """One reading: its problems, and where each path of the document came from."""

    def __init__(self, book: Any, source: str):
        self.book = book
        self.source = source
        self.problems: list[tuple[Where, Message]] = []
        self.where: dict[str, Where] = {}
        self.covered: set[str] = set()  # paths whose problems the reader already reported
        self.order = {name: i for i, name in enumerate(book.sheetnames)}

    # ------------------------------------------------------------------ problems
    def add_problem(
        self, where: Where, template: str | Message, path: str = "", **params: Any
    ) -> None:
        """Add the problem ``template`` (formatted with ``params``) at ``where``; ``path``
        (of the document) is then covered: validation does not report it again."""
        if len(self.problems) <= MAX_PROBLEMS:
            self.problems.append((where, Message(template, **params)))
        if path:
            self.covered.add(path)

    #: ``reader.add(where, "template", path, **params)``: the name the catalogue's extractor
    #: knows (scripts/translations.sh ``-k add:2``); a ``def add(`` would confuse it.
    add = add_problem

    def locate(self, path: str) -> Where | None:
        while path:
            if path in self.where:
                return self.where[path]
            path = path.rpartition(".")[0]
        return None

    def add_validation(self, problems: list[Problem]) -> None:
        for problem in problems:
            path = problem.path
            if any(path == c or path.startswith(c + ".") for c in self.covered):
                continue
            where = self.locate(path)
            if where is None:
                self.problems.append((Where(""), problem.located()))
                continue
            message = problem.what
            if message.template == "missing" and not message.params:
                message = (
                    Message("empty: a value is needed")
                    if where.row
                    else Message("has no rows on this sheet")
                )
            self.add(where, message)

    def fail(self) -> NoReturn:
        def order(item: tuple[Where, Message]) -> tuple[int, int, int]:
            where = item[0]
            return (self.order.get(where.sheet, -1), where.row or 0, where.column or 0)

        found = sorted(self.problems, key=order)
        problems = [_placed(where, message) for where, message in found][:MAX_PROBLEMS]
        if len(found) > MAX_PROBLEMS:
            problems.append(more_problems())
        raise ScenarioError(problems, self.source)

    # ------------------------------------------------------------------ sheets
    def sheet(self, names: Sequence[str], what: Message) -> Any:
        for name in names:
            if name in self.order:
                return self.book[name]
        alternatives = Listed(list(names), Message(" or "))
        self.add(
            Where(""), "the workbook has no sheet {names} ({what})", names=alternatives, what=what
        )
        return None

    def fixed_table(
        self,
        name: str,
        what: Message,
        columns: Sequence[Column],
        identity: tuple[str, ...] = (),
        covered: str | None = None,
    ) -> tuple[Any, dict[str, int], list[tuple[int, Cells]]] | None:
        """A fixed sheet (``name``: its key in ``sheet_names``, found in either language) read
        as a table: (sheet, keys, rows), or None when the sheet or a needed column is missing
        (the problem is reported; ``covered``, the scenario path it holds, is then marked as
        covered so that no second problem names it)."""
        sheet = self.sheet([sheet_names(lang)[name] for lang in LANGUAGES], what)
        table = None if sheet is None else self.table(sheet, columns, identity)
        if table is None:
            if covered is not None:
                self.covered.add(covered)
            return None
        return (sheet, *table)

    def table(
        self, sheet: Any, columns: Sequence[Column], identity: tuple[str, ...] = ()
    ) -> tuple[dict[str, int], list[tuple[int, Cells]]] | None:
        """{key: column number} from the key row, and the rows below it that hold anything;
        None (after a problem) when a needed column (``identity``, or an editable one that
        is not optional) has no key."""
        keys: dict[str, int] = {}
        rows: list[tuple[int, Cells]] = []
        known = {k for c in columns for k in column_keys(c)}
        for number, cells in sheet_rows(sheet, self.source):
            if number == KEY_ROW:
                for index, cell in enumerate(cells, start=1):
                    try:
                        key = cell_value(cell, "text")
                    except CellProblem:
                        key = BLANK
                    if key is BLANK or not str(key).strip():
                        continue
                    key = str(key).strip()
                    if key not in known:
                        self.add(
                            Where(sheet.title, KEY_ROW, index),
                            "unknown column key {key}",
                            key=repr(key),
                        )
                    elif key in keys:
                        self.add(
                            Where(sheet.title, KEY_ROW, index),
                            "duplicate column {key}",
                            key=repr(key),
                        )
                    else:
                        keys[key] = index
            elif number > KEY_ROW and any(c.value is not None for c in cells):
                rows.append((number, cells))
        needed = [column_keys(c)[0] for c in columns if c.editable and not c.optional]
        missing = [k for k in (*identity, *needed) if k not in keys]
        if missing:
            self.add(
                Where(sheet.title, KEY_ROW),
                "no column with the key {keys} (row {row} holds each "
                "column's key; copy it from an exported workbook)",
                keys=", ".join(missing),
                row=KEY_ROW,
            )
            return None
        return keys, rows

    def value(self, sheet: Any, number: int, cells: Cells, index: int, key: str, kind: str) -> Any:
        """A cell's value (BLANK when empty or outside the row); None after a problem."""
        if index > len(cells):
            return BLANK
        try:
            return cell_value(cells[index - 1], kind)
        except CellProblem as exc:
            self.add(Where(sheet.title, number, index, key), exc.what, f"cell:{number}:{index}")
            return None

    # ------------------------------------------------------------------ the document

    def read_column(
        self,
        sheet: Any,
        number: int,
        cells: Cells,
        keys: dict[str, int],
        column: Column,
        path: str,
        year: int,
        fits: bool,
        entry: dict[str, Any],
    ) -> None:
        where_path = [str(year) if p == YEAR else p for p in column.path]
        dotted = ".".join([path, *where_path])
        cell_keys = [k for k in column_keys(column) if k in keys]
        kind = "number" if column.kind == LIST else column.kind
        values = [(k, self.value(sheet, number, cells, keys[k], k, kind)) for k in cell_keys]
        if not fits:
            for k, v in values:
                if v is not BLANK and v is not None:
                    self.add(
                        Where(sheet.title, number, keys[k], k),
                        "this line has no such value in this row (the cell is grey): leave it empty",
                        dotted,
                    )
            return
        if not cell_keys:
            return
        self.where.setdefault(dotted, Where(sheet.title, number, keys[cell_keys[0]], cell_keys[0]))
        if any(v is None for _, v in values):
            self.covered.add(dotted)
            return
        if column.kind == LIST:
            self.read_list(sheet, number, keys, values, dotted, where_path, entry)
            return
        value = values[0][1]
        if value is BLANK:
            if column.optional:
                return
            value = "" if column.kind == "text" else None
            if value is None:
                self.add(self.where[dotted], "empty: a value is needed", dotted)
                return
        set_path(entry, where_path, value)

    def read_list(
        self,
        sheet: Any,
        number: int,
        keys: dict[str, int],
        values: list[tuple[str, Any]],
        dotted: str,
        where_path: list[str],
        entry: dict[str, Any],
    ) -> None:
        given = [i for i, (_, v) in enumerate(values) if v is not BLANK]
        if not given:
            self.add(self.where[dotted], "empty: at least the first year's share is needed", dotted)
            return
        for i in range(given[-1] + 1):
            key = values[i][0]
            self.where[f"{dotted}.{i}"] = Where(sheet.title, number, keys[key], key)
            if values[i][1] is BLANK:
                self.add(
                    self.where[f"{dotted}.{i}"], "empty between yearly shares: write 0", dotted
                )
        set_path(entry, where_path, [None if v is BLANK else v for _, v in values[: given[-1] + 1]])

    def check_repeat(
        self,
        sheet: Any,
        number: int,
        cells: Cells,
        keys: dict[str, int],
        column: Column,
        path: str,
        entry: dict[str, Any],
    ) -> None:
        """A value of the whole line (its basis, disbursement) in a row after the first: it
        may be left empty or repeat the first row's, nothing else."""
        cell_keys = [k for k in column_keys(column) if k in keys]
        kind = "number" if column.kind == LIST else column.kind
        values = [self.value(sheet, number, cells, keys[k], k, kind) for k in cell_keys]
        given = [v for v in values if v is not BLANK]
        if not given or None in given:
            return
        node: Any = entry
        for key in column.path:
            node = node.get(key) if isinstance(node, dict) else None
        first = node if isinstance(node, list) else [node]
        if column.kind == LIST:
            while values and values[-1] is BLANK:
                values.pop()
        if values != first:
            self.add(
                Where(sheet.title, number, keys[cell_keys[0]], cell_keys[0]),
                "a value of the whole line, given in its first row ({row}); "
                "leave it empty here or repeat that row's value",
                ".".join([path, *column.path]),
                row=self.where[path].row,
            )

    def check_fixed(
        self,
        sheet: Any,
        number: int,
        cells: Cells,
        keys: dict[str, int],
        column: Column,
        line: Any,
        year: int | None,
    ) -> None:
        """A read-only figure of the plan may not be edited (an empty cell is allowed)."""
        assert column.shown is not None
        index = keys[column.key]
        got = self.value(sheet, number, cells, index, column.key, column.kind)
        expected = column.shown(line, year, "en")
        if got is None or got is BLANK:
            return
        same = (
            isinstance(got, (int, float))
            and isinstance(expected, (int, float))
            and math.isclose(got, expected, rel_tol=1e-9)
        ) or got == expected
        if not same:
            shown: Message | str = (
                Message("none")
                if expected is None
                else f"{expected:g}"
                if isinstance(expected, float)
                else str(expected)
            )
            self.add(
                Where(sheet.title, number, index, column.key),
                "is fixed by the plan ({expected}) and cannot be changed in a scenario; got {got}",
                expected=shown,
                got=got,
            )
