"""Actuals as CSV: the columns ``kind,id,year,value,source``.

``kind`` is ``indicator``, ``line`` or ``measure``; ``id`` an indicator id, a line id or a
measure number; values in the catalogue's units (万元 for outlays, the indicator's own unit
for indicators). Rows with an empty value are skipped, so the template can be filled in
partly. Numbers are read by ``parse_number`` (exactly, or refused); every row must have as
many cells as the first row, and a double quote left open is an error. Problems are reported
per row and column, all at once, e.g. ``actuals.csv: row 5: year: must be between 2023 and
2028, got 2030``. Text cells lose the ``'`` that qdplan's exports put before text a
spreadsheet would run as a formula (``formula_unquoted``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .numbers import NumberError, formula_unquoted, parse_number
from .problems import Listed, Message, Problem, ScenarioError, row_problem
from .reading import check_size, read_input
from .scenario import Scenario
from .validation import MAX_ACTUALS
from .workbook_actuals import is_workbook, read_actuals_workbook
from .years import INDICATOR_YEARS, YEARS

COLUMNS = ("kind", "id", "year", "value", "source")


def template(scenario: Scenario) -> str:
    """An empty actuals CSV with a row for every id and year (values to fill in)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    catalogue = scenario.catalogue
    for indicator in catalogue.indicators:
        for year in INDICATOR_YEARS:
            writer.writerow(["indicator", indicator.id, year, "", ""])
    for line in catalogue.lines:
        for year in YEARS:
            writer.writerow(["line", line.id, year, "", ""])
    for measure in catalogue.measures:
        if catalogue.lines_of_measure(measure.number):
            for year in YEARS:
                writer.writerow(["measure", measure.number, year, "", ""])
    return buffer.getvalue()


def decode_csv(content: bytes | str, source: str) -> str:
    """The text of a CSV file's bytes: UTF-8 (with or without a BOM), else GB18030 (Excel's
    default on Chinese Windows); ScenarioError when it is neither or above the size limit."""
    check_size(content, source)
    if not isinstance(content, bytes):
        return content[1:] if content.startswith("\ufeff") else content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("gb18030")  # Excel's default on Chinese Windows
        except UnicodeDecodeError:
            raise ScenarioError(
                [Problem("", "{source}: not UTF-8 or GB18030 text", source=source)], source
            ) from None


_CELL_END = re.compile(r"[,\r\n]")
_UNCLOSED = "unclosed"
_AFTER_QUOTE = "after quote"


def csv_records(text: str) -> Iterator[tuple[list[str], tuple[int, str] | None]]:
    """The records of CSV text as Excel writes it (RFC 4180): cells separated by commas,
    records by CR LF, LF or CR; a cell in double quotes may hold commas, line breaks and
    doubled double quotes. Yields (cells, problem): problem is None or (the 0-based column,
    ``_UNCLOSED`` for a quote never closed, ``_AFTER_QUOTE`` for text after a closing
    quote). Unlike the csv module, a quote left open at the end of the file is reported."""
    i, n = 0, len(text)
    while i < n:
        cells: list[str] = []
        problem: tuple[int, str] | None = None
        while True:
            if i < n and text[i] == '"':
                column, parts, j = len(cells), [], i + 1
                while True:
                    k = text.find('"', j)
                    if k < 0:
                        parts.append(text[j:])
                        problem = problem or (column, _UNCLOSED)
                        i = n
                        break
                    parts.append(text[j:k])
                    if text.startswith('"', k + 1):
                        parts.append('"')
                        j = k + 2
                        continue
                    i = k + 1
                    break
                cell = "".join(parts)
                if i < n and text[i] not in ",\r\n":
                    problem = problem or (column, _AFTER_QUOTE)
                    match = _CELL_END.search(text, i)
                    end = match.start() if match else n
                    cell, i = cell + text[i:end], end
            else:
                match = _CELL_END.search(text, i)
                end = match.start() if match else n
                cell, i = text[i:end], end
            cells.append(cell)
            if i < n and text[i] == ",":
                i += 1
                continue
            i += 2 if text.startswith("\r\n", i) else 1
            break
        yield cells, problem


def broken_cell(what: str) -> Message:
    """The problem of a cell that ``csv_records`` reports as broken (``what``)."""
    if what == _UNCLOSED:
        return Message(
            "the double quote that opens this cell is never closed, so the rest of the file "
            "would be this one cell"
        )
    return Message(
        "text after the closing double quote (a double quote inside a quoted cell is "
        'written twice: "")'
    )


#: A problem found while reading: (row, column or -1, the problem), to list them in order.
_Found = tuple[int, int, Problem]


def _read(content: bytes | str, source: str) -> tuple[list[dict[str, Any]], list[_Found]]:
    """The filled-in rows of an actuals CSV as entries, and the problems of the rows that
    could not be read. Raises ScenarioError when the file is not an actuals CSV at all."""
    records = enumerate(csv_records(decode_csv(content, source)), start=1)
    first = next(records, None)
    if first is None:
        raise ScenarioError([Problem("", "{source}: the file is empty", source=source)], source)
    header = [cell.strip().lower() for cell in first[1][0]]
    if tuple(header[:5]) != COLUMNS or first[1][1] is not None:
        raise ScenarioError(
            [
                Problem(
                    "",
                    "{source}: the first row must be {expected}, got {got}",
                    source=source,
                    expected=",".join(COLUMNS),
                    got=",".join(header),
                )
            ],
            source,
        )
    repeated = [(c, h) for c, h in enumerate(header) if c >= len(COLUMNS) and h in COLUMNS]
    if repeated:  # a second "value" column would be ignored without a word
        column, heading = repeated[0]
        raise ScenarioError(
            [
                Problem(
                    "",
                    "{source}: column {number} of the first row repeats the heading {name} "
                    "(only the first {name} column would be read); rename or remove it",
                    source=source,
                    number=column + 1,
                    name=heading,
                )
            ],
            source,
        )
    width = len(header)

    def name(column: int) -> str | Message:
        if column < width and header[column]:
            return header[column]
        return Message("column {number}", number=column + 1)

    entries: list[dict[str, Any]] = []
    found: list[_Found] = []

    def problem(row: int, column: int, message: Message) -> None:
        found.append(
            (row, column, row_problem(source, row, name(column) if column >= 0 else None, message))
        )

    for row, (cells, broken) in records:
        if broken is not None:
            column, what = broken
            problem(row, column, broken_cell(what))
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        if len(cells) != width:
            if len(cells) > width:
                problem(
                    row,
                    -1,
                    Message(
                        "{count} cells, but the first row has {width}: the cells from column "
                        "{next} on have no heading (an unquoted comma, e.g. a thousands "
                        "separator or a comma in a text, splits a cell; put such a cell in "
                        "double quotes)",
                        count=len(cells),
                        width=width,
                        next=width + 1,
                    ),
                )
            else:
                missing = [
                    Message("{name} (column {number})", name=name(c), number=c + 1)
                    for c in range(len(cells), width)
                ]
                problem(
                    row,
                    -1,
                    Message(
                        "{count} cells, but the first row has {width}: missing {missing}",
                        count=len(cells),
                        width=width,
                        missing=Listed(missing),
                    ),
                )
            continue
        if not cells[3].strip():
            continue  # not filled in
        if len(entries) == MAX_ACTUALS:
            raise ScenarioError(
                [
                    Problem(
                        "",
                        "{source}: at most {limit:,} rows can be filled in; row {row} is one more",
                        source=source,
                        limit=MAX_ACTUALS,
                        row=row,
                    )
                ],
                source,
            )
        numbers: dict[str, int | float] = {}
        for column in (2, 3):
            try:
                numbers[COLUMNS[column]] = parse_number(cells[column])
            except NumberError as exc:
                problem(row, column, exc.what)
        if len(numbers) < 2:
            continue
        entries.append(
            {
                "kind": formula_unquoted(cells[0].strip()),
                "id": formula_unquoted(cells[1].strip()),
                "year": numbers["year"],
                "value": numbers["value"],
                "source": formula_unquoted(cells[4].strip()),
                "_row": row,
            }
        )
    return entries, found


def _raise(found: list[_Found], source: str) -> None:
    if found:
        raise ScenarioError([p for _, _, p in sorted(found, key=lambda f: f[:2])], source)


def parse_actuals_csv(content: bytes | str, source: str = "actuals.csv") -> list[dict[str, Any]]:
    """Rows of an actuals CSV as scenario ``actuals`` entries (not yet validated against a
    scenario). Raises ScenarioError listing every row that cannot be read exactly: a number
    not in an accepted form (``parse_number``), a row with more or fewer cells than the first
    row, a double quote never closed; each with its row and column."""
    entries, found = _read(content, source)
    _raise(found, source)
    return entries


def _apply(
    scenario: Scenario, entries: list[dict[str, Any]], source: str | Message, replace: bool
) -> tuple[Scenario | None, list[_Found]]:
    rows = [entry.pop("_row", None) for entry in entries]
    kept = (
        []
        if replace
        else [
            a
            for a in scenario.actuals
            if not any(
                (a["kind"], a["id"], a["year"]) == (e["kind"], e["id"], e["year"]) for e in entries
            )
        ]
    )
    try:
        return scenario.replace(("actuals",), kept + entries), []
    except ScenarioError as exc:
        found: list[_Found] = []
        for problem in exc.problems:
            parts = problem.path.split(".")
            if (
                parts[0] == "actuals"
                and len(parts) >= 2
                and parts[1].isdigit()
                and int(parts[1]) >= len(kept)
            ):
                index = int(parts[1]) - len(kept)
                row = rows[index]
                where = (
                    Message("row {row}", row=row)
                    if row
                    else Message("entry {number}", number=index + 1)
                )
                column = COLUMNS.index(parts[2]) if len(parts) > 2 and parts[2] in COLUMNS else -1
                found.append(
                    (
                        row or 0,
                        column,
                        Problem(
                            "",
                            Message("{source}: {where}: {field}: {problem}")
                            if len(parts) > 2
                            else Message("{source}: {where}: {problem}"),
                            source=source,
                            where=where,
                            field=".".join(parts[2:]),
                            problem=problem.what,
                        ),
                    )
                )
            else:
                found.append(
                    (
                        0,
                        -1,
                        Problem(
                            "", "{source}: {problem}", source=source, problem=problem.located()
                        ),
                    )
                )
        return None, found


def with_actuals(
    scenario: Scenario,
    entries: list[dict[str, Any]],
    source: str = "actuals.csv",
    replace: bool = False,
) -> Scenario:
    """The scenario with these actuals added (or replacing its own, with ``replace``); rows
    for the same kind, id and year as an existing actual replace it. Problems are reported
    with the CSV row."""
    after, found = _apply(scenario, entries, source, replace)
    _raise(found, source)
    assert after is not None
    return after


def apply_actuals_csv(
    scenario: Scenario, content: bytes | str, source: str = "actuals.csv", replace: bool = False
) -> tuple[Scenario, int]:
    """The scenario with the observed values of an actuals CSV (or an .xlsx workbook, see
    ``workbook_actuals``) applied, and how many rows were filled in. Raises ScenarioError
    listing every problem at once, by row: the rows that cannot be read and the values the
    scenario's checks refuse."""
    where: str | Message = source
    if is_workbook(content):  # an .xlsx workbook: the same rules, cell by cell
        assert isinstance(content, bytes)
        entries, found, where = read_actuals_workbook(content, source)
    else:
        entries, found = _read(content, source)
    after, refused = _apply(scenario, entries, where, replace)
    _raise(found + refused, str(where))
    assert after is not None
    return after, len(entries)


def load_actuals(scenario: Scenario, path: str | Path, replace: bool = False) -> Scenario:
    """Read an actuals CSV file (or workbook) and apply it to the scenario (the file is not
    changed)."""
    path = Path(path)
    content = read_input(path)  # refuses files above reading.MAX_INPUT_BYTES unread
    return apply_actuals_csv(scenario, content, path.name, replace)[0]
