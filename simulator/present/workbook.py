"""What every Excel workbook qdplan writes shares: cells written safely, the look (headers,
editable and read-only cells), column widths that fit Chinese text, and the atomic save.

* ``put`` writes one cell: numbers as numbers (numpy's too; whole numbers beyond 2^53,
  which a spreadsheet would round, as text), text through ``simulator.model.sheet_text``
  (never taken for a formula: a leading ``'`` where it could be; characters XML cannot hold
  as ``_xHHHH_``), nothing for None.
* ``fit_columns`` sets each column's width from its contents, a CJK character counting two.
* ``save_workbook`` writes the workbook with ``simulator.model.atomic_write``.
"""

from __future__ import annotations

import io
import math
import numbers
import unicodedata
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import atomic_write, sheet_text

__all__ = [
    "EDITABLE_FILL",
    "FIXED_FILL",
    "NONE_FILL",
    "display_width",
    "fit_columns",
    "new_sheet",
    "new_workbook",
    "protect",
    "put",
    "put_header",
    "save_workbook",
    "workbook_bytes",
]

#: Cells a planner edits, read-only figures (of the plan, names), cells without a value.
EDITABLE_FILL = PatternFill("solid", fgColor="FFF7D6")
FIXED_FILL = PatternFill("solid", fgColor="EEEEEE")
NONE_FILL = PatternFill("solid", fgColor="C8C8C8")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
HEADER_FONT = Font(bold=True)
KEY_FONT = Font(size=8, color="7F7F7F")
UNLOCKED = Protection(locked=False)
EXACT_INTEGER = 2**53
MIN_WIDTH, MAX_WIDTH = 6, 80


def new_sheet(book: Workbook, name: str) -> Worksheet:
    """A new worksheet at the end of the workbook."""
    return cast(Worksheet, book.create_sheet(name))


def new_workbook() -> Workbook:
    """An empty workbook (no sheet yet)."""
    book = Workbook()
    for sheet in list(book.worksheets):
        book.remove(sheet)
    return book


def cell_content(value: Any) -> Any:
    """What goes into a cell for ``value`` (see the module's description)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return sheet_text(str(value))
    if isinstance(value, numbers.Integral):
        whole = int(value)
        return whole if abs(whole) < EXACT_INTEGER else sheet_text(str(whole))
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else sheet_text(str(number))
    return sheet_text(str(value))


def put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: Any,
    number_format: str | None = None,
    fill: PatternFill | None = None,
    editable: bool = False,
) -> None:
    """Write one cell (see ``cell_content``), with its format, fill and protection."""
    cell = sheet.cell(row=row, column=column)
    content = cell_content(value)
    cell.value = content
    if isinstance(content, str):
        cell.data_type = "s"  # text stays text, whatever it begins with
    if number_format and isinstance(content, (int, float)):
        cell.number_format = number_format
    if fill is not None:
        cell.fill = fill
    if editable:
        cell.protection = UNLOCKED


def put_header(sheet: Worksheet, row: int, texts: list[str], keys: list[str] | None = None) -> None:
    """A header row (bold, wrapped), and below it, when given, the row of column keys."""
    for column, text in enumerate(texts, start=1):
        put(sheet, row, column, text, fill=HEADER_FILL)
        cell = sheet.cell(row=row, column=column)
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, key in enumerate(keys or [], start=1):
        put(sheet, row + 1, column, key)
        sheet.cell(row=row + 1, column=column).font = KEY_FONT


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _shown(value: Any, number_format: str) -> str:
    if isinstance(value, (int, float)):
        if "%" in number_format:
            return f"{value:.1%}"
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return str(value)


def fit_columns(
    sheet: Worksheet, fixed: dict[int, int] | None = None, header_rows: int = 1
) -> None:
    """Set column widths from the contents: the longest value (a CJK character counts two;
    a wrapped header counts by its longest word), between 6 and 80 characters; ``fixed``
    gives some columns their width."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            text = _shown(cell.value, cell.number_format)
            if cell.row <= header_rows:
                width = max((display_width(w) for w in text.split()), default=0)
            else:
                width = max((display_width(line) for line in text.splitlines()), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
    for column, width in widths.items():
        width = (fixed or {}).get(column) or min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width


def protect(sheet: Worksheet) -> None:
    """Sheet protection without a password: only the unlocked (editable) cells can be
    changed; columns and rows can still be resized."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def save_workbook(book: Workbook, path: str | Path) -> None:
    """Write the workbook atomically; raises ScenarioSaveError on failure."""
    atomic_write(path, workbook_bytes(book))
