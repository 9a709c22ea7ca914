"""Reading the cells of an untrusted Excel workbook (.xlsx), and the one rule for text in
cells that both the readers and the writers of qdplan's workbooks follow.

``open_workbook`` refuses, before openpyxl parses anything: more than ``MAX_INPUT_BYTES``
(as every input file), and what ``workbook_scan`` refuses (not a zip archive, a zip bomb, XML
of too many elements or entity declarations). openpyxl then reads in read-only
mode (sheets are streamed, not held) with defusedxml guarding its XML parsing, and with
formulas kept as formulas, so that a formula cell is refused rather than its cached value
trusted. ``sheet_rows`` reads at most ``MAX_ROWS`` rows of ``MAX_COLUMNS`` columns, however
large the sheet says it is.

``cell_value`` turns one cell into a number, a whole number or a text, or says what is
wrong with it: text in a number cell is read by the strict ``parse_number`` (exactly, or
refused), a formula, an error value, a date or TRUE/FALSE is refused, a number is
converted to text where text is expected (an id typed as 15 is "15").

Text in cells (``sheet_text``): text that a spreadsheet could take as a formula (beginning
with = + - @, a tab or a line break, also after spaces or quotes, or their full-width forms)
gets a leading ``'``, and characters XML cannot hold (control characters, the carriage
return) are written as ``_xHHHH_``, as Excel does; ``sheet_text_back`` undoes both exactly.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .numbers import FORMULA_CHARACTERS, NumberError, parse_number
from .problems import InputError, Listed, Message, Problem, ScenarioError, short_repr
from .reading import check_size
from .workbook_scan import archive_problem

__all__ = [
    "BLANK",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "CellProblem",
    "Where",
    "cell_value",
    "open_workbook",
    "sheet_rows",
    "sheet_text",
    "sheet_text_back",
]

MAX_ROWS = 25_000
MAX_COLUMNS = 200
EXCEL_ROWS = 1_048_576


class _Blank:
    """An empty cell (no value, or only spaces)."""

    def __repr__(self) -> str:
        return "BLANK"


BLANK = _Blank()


class CellProblem(InputError):
    """What is wrong with one cell's value (the message only; the caller says where)."""


# ---------------------------------------------------------------------------------- text
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")


def _takes_as_formula(text: str) -> bool:
    core = text.lstrip("'")
    return bool(core) and (core[0] in FORMULA_CHARACTERS or core.lstrip()[:1] in FORMULA_CHARACTERS)


def sheet_text(text: str) -> str:
    """Text as it goes into a cell: never taken for a formula, every character kept."""
    escaped = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    escaped = _NOT_IN_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", escaped)
    return "'" + escaped if _takes_as_formula(escaped) else escaped


def sheet_text_back(text: str) -> str:
    """The text ``sheet_text`` was given (any other text: with ``_xHHHH_`` decoded, as Excel
    reads it)."""
    if text.startswith("'") and _takes_as_formula(text):
        text = text[1:]
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


# ---------------------------------------------------------------------------------- where
#: A place in a workbook, its parts joined (no words to translate: not in the catalogue).
PLACE = "{place}"


@dataclass(frozen=True)
class Where:
    """A place in a workbook: a sheet, and optionally a row and a column (with its key)."""

    sheet: str
    row: int | None = None
    column: int | None = None
    key: str = ""
    #: what the row holds, when there is no row (e.g. a line without rows)
    item: str | Message = ""

    def message(self) -> Message:
        """The place in words: "Sheet Lines, row 5, column C (key)"."""
        parts: list[str | Message] = [Message("Sheet {sheet}", sheet=self.sheet)]
        if self.row is not None:
            parts.append(Message("row {row}", row=self.row))
        elif self.item:
            parts.append(self.item)
        if self.column is not None:
            from openpyxl.utils import get_column_letter

            letter = get_column_letter(self.column)
            parts.append(
                Message("column {column} ({key})", column=letter, key=self.key)
                if self.key
                else Message("column {column}", column=letter)
            )
        return Message(PLACE, place=Listed(parts))

    def __str__(self) -> str:
        return self.message().text("en")


# ---------------------------------------------------------------------------------- opening
def open_workbook(content: bytes, source: str) -> Any:
    """The workbook in ``content`` (openpyxl, read-only); ScenarioError (its source
    ``source``) when it is too large, not an xlsx workbook, or cannot be read. Close it
    after use."""
    check_size(content, source)

    def refuse(message: Message) -> ScenarioError:
        return ScenarioError([Problem("", message)], source)

    problem = archive_problem(content)  # a zip bomb, an XML bomb, not a workbook at all
    if problem is not None:
        raise refuse(problem)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(
                io.BytesIO(content), read_only=True, data_only=False, keep_links=False
            )
    except Exception as exc:  # openpyxl raises anything on a damaged file: each is a problem
        raise refuse(
            Message("the workbook cannot be read: {reason}", reason=_reason(exc))
        ) from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def sheet_rows(sheet: Any, source: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) of a sheet's rows, at most ``MAX_COLUMNS`` cells each; a row past
    ``MAX_ROWS`` that holds anything is an error (reading stops there), as is a sheet
    openpyxl cannot read. The sheet's stated dimension is not trusted: every row of the file
    up to the last a spreadsheet can have (``EXCEL_ROWS``) is read."""
    empty: tuple[Any, ...] | None = None  # openpyxl yields one shared tuple for missing rows
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = sheet.iter_rows(min_row=1, max_row=EXCEL_ROWS, max_col=MAX_COLUMNS)
            for number, cells in enumerate(rows, start=1):
                if number <= MAX_ROWS:
                    yield number, tuple(cells)
                elif cells is not empty:
                    if any(c.value is not None for c in cells):
                        raise ScenarioError(
                            [
                                Problem(
                                    "",
                                    "sheet {sheet} has more than {limit:,} rows "
                                    "(row {row:,} holds a value); qdplan reads at most "
                                    "{limit:,}",
                                    sheet=sheet.title,
                                    limit=MAX_ROWS,
                                    row=number,
                                )
                            ],
                            source,
                        )
                    empty = cells
    except ScenarioError:
        raise
    except Exception as exc:  # a damaged sheet: any error of the parser is a problem
        raise ScenarioError(
            [
                Problem(
                    "",
                    "sheet {sheet} cannot be read: {reason}",
                    sheet=sheet.title,
                    reason=_reason(exc),
                )
            ],
            source,
        ) from None


# ---------------------------------------------------------------------------------- cells
_DATES = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)


def _formula_text(value: Any) -> str | Message:
    text = getattr(value, "text", value)
    return short_repr(str(text))


def cell_value(cell: Any, kind: str) -> Any:
    """The value of a cell as ``kind`` ('number', 'integer', 'text'), or ``BLANK``; raises
    CellProblem saying what is wrong with it."""
    value = getattr(cell, "value", None)
    data_type = getattr(cell, "data_type", "n")
    if value is None:
        return BLANK
    if data_type == "f":
        raise CellProblem(
            "a formula ({formula}); qdplan reads values only: replace the "
            "formula by its value (copy the cell, then Paste Special ▸ Values)",
            formula=_formula_text(value),
        )
    if data_type == "e":
        raise CellProblem("an error value ({got}), not a value", got=short_repr(str(value)))
    if isinstance(value, bool):
        raise CellProblem(
            Message("must be text, got {got}")
            if kind == "text"
            else Message("must be a number, got {got}"),
            got="TRUE" if value else "FALSE",  # as Excel shows a logical value
        )
    if isinstance(value, _DATES):
        raise CellProblem(
            Message("a date or time ({got}), not a text: format the cell as a number or as text")
            if kind == "text"
            else Message(
                "a date or time ({got}), not a number: format the cell as a number or as text"
            ),
            got=value,
        )
    if isinstance(value, str):
        if kind == "text":
            return sheet_text_back(value)
        if not value.strip():
            return BLANK
        try:
            return parse_number(value)
        except NumberError as exc:
            raise CellProblem(exc.what) from None
    if isinstance(value, (int, float)):
        if kind != "text":
            return value
        if isinstance(value, int):
            return str(value)
        if math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    raise CellProblem("cannot be read ({kind})", kind=type(value).__name__)
