"""Observed values (actuals) from an Excel workbook: the actuals template as .xlsx, the
actuals sheet of a scenario workbook, or any workbook whose first or second row holds the
column names ``kind, id, year, value, source`` (other columns, such as the name and unit
beside each id, are ignored).

The sheet read is the one named 实际值 or Actuals, else the first. The cells follow the same
strict rules as the CSV: numbers in number cells as they are, text in them by
``parse_number`` (exactly, or refused), formulas, error values and dates refused; rows
without a value are skipped. Problems are reported per row and column, as for the CSV,
e.g. ``actuals.xlsx, sheet 实际值: row 5: value: must be a number, got "1,5": …``.
"""

from __future__ import annotations

from typing import Any

from .problems import Message, Problem, ScenarioError, row_problem
from .validation import MAX_ACTUALS
from .workbook_cells import BLANK, CellProblem, cell_value, open_workbook, sheet_rows
from .workbook_layout import sheet_names

__all__ = ["is_workbook", "read_actuals_workbook"]

COLUMNS = ("kind", "id", "year", "value", "source")
KINDS = {"kind": "text", "id": "text", "year": "integer", "value": "number", "source": "text"}
#: A problem found while reading: (row, column or -1, the problem), to list them in order.
Found = tuple[int, int, Problem]


def is_workbook(content: bytes | str) -> bool:
    """Whether the content is a zip archive (an .xlsx workbook), not text."""
    return isinstance(content, bytes) and content.startswith(b"PK\x03\x04")


def _header(cells: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        value = cell.value
        if isinstance(value, str) and value.strip().lower() in COLUMNS:
            found.setdefault(value.strip().lower(), index)
    return found


def read_actuals_workbook(
    content: bytes, source: str
) -> tuple[list[dict[str, Any]], list[Found], Message]:
    """(entries, problems, where): the filled-in rows as actuals entries (each with its
    ``_row``), the problems of the rows that cannot be read, and the file and sheet they
    were read from. Raises ScenarioError when the workbook is unreadable or has no sheet of
    actuals."""
    try:
        return _read(content, source)
    except ScenarioError as exc:  # problems of the whole file: named with the file
        problems = [
            Problem("", "{source}: {problem}", source=source, problem=p.what) for p in exc.problems
        ]
        raise ScenarioError(problems, source) from None


def _read(content: bytes, source: str) -> tuple[list[dict[str, Any]], list[Found], Message]:
    book = open_workbook(content, source)
    try:
        names = [sheet_names(lang)["actuals"] for lang in ("zh", "en")]
        title = next((n for n in names if n in book.sheetnames), None)
        sheet = book[title] if title else (book.worksheets[0] if book.worksheets else None)
        if sheet is None:
            raise ScenarioError([Problem("", "the workbook has no sheet")], source)
        where = Message("{source}, sheet {sheet}", source=source, sheet=sheet.title)
        entries, found = _rows(sheet, where, source)
    finally:
        book.close()
    return entries, found, where


def _rows(sheet: Any, where: Message, source: str) -> tuple[list[dict[str, Any]], list[Found]]:
    columns: dict[str, int] = {}
    entries: list[dict[str, Any]] = []
    found: list[Found] = []
    for row, cells in sheet_rows(sheet, source):
        if not columns:
            columns = _header(cells)
            if len(columns) == len(COLUMNS):
                continue
            columns = {}
            if row >= 2:
                raise ScenarioError(
                    [
                        Problem(
                            "",
                            "sheet {sheet}: row 1 or 2 must name the columns "
                            "{columns} (other columns are ignored)",
                            sheet=sheet.title,
                            columns=", ".join(COLUMNS),
                        )
                    ],
                    source,
                )
            continue
        value_index = columns["value"]
        value_cell = cells[value_index] if value_index < len(cells) else None
        raw = getattr(value_cell, "value", None)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # not filled in
        if len(entries) == MAX_ACTUALS:
            raise ScenarioError(
                [
                    Problem(
                        "",
                        "sheet {sheet}: at most {limit:,} rows can be filled in; "
                        "row {row} is one more",
                        sheet=sheet.title,
                        limit=MAX_ACTUALS,
                        row=row,
                    )
                ],
                source,
            )
        entry: dict[str, Any] = {"_row": row}
        for name in COLUMNS:
            index = columns[name]
            cell = cells[index] if index < len(cells) else None
            try:
                value = cell_value(cell, KINDS[name])
            except CellProblem as exc:
                found.append((row, index, row_problem(where, row, name, exc.what)))
                continue
            if value is BLANK:
                value = "" if KINDS[name] == "text" else None
            entry[name] = value.strip() if isinstance(value, str) else value
        if len(entry) == len(COLUMNS) + 1:
            entries.append(
                {
                    "kind": entry["kind"],
                    "id": entry["id"],
                    "year": entry["year"],
                    "value": entry["value"],
                    "source": entry["source"],
                    "_row": row,
                }
            )
    if not columns:
        raise ScenarioError(
            [
                Problem(
                    "",
                    "sheet {sheet}: row 1 or 2 must name the columns {columns}",
                    sheet=sheet.title,
                    columns=", ".join(COLUMNS),
                )
            ],
            source,
        )
    return entries, found
