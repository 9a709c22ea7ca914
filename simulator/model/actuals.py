"""Actuals as CSV: the columns ``kind,id,year,value,source``.

``kind`` is ``indicator``, ``line`` or ``measure``; ``id`` an indicator id, a line id or a
measure number; values in the catalogue's units (万元 for outlays, the indicator's own unit
for indicators). Rows with an empty value are skipped, so the template can be filled in
partly. Problems are reported per row, e.g. ``actuals.csv: row 5: year: must be between 2023
and 2028, got 2030``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from .numbers import parse_number
from .problems import Problem, ScenarioError
from .reading import check_size, read_input
from .scenario import Scenario
from .validation import MAX_ACTUALS
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


def parse_actuals_csv(content: bytes | str, source: str = "actuals.csv") -> list[dict[str, Any]]:
    """Rows of an actuals CSV as scenario ``actuals`` entries (not yet validated against a
    scenario). Raises ScenarioError for a file that is not such a CSV."""
    check_size(content, source)
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")  # Excel's default on Chinese Windows
            except UnicodeDecodeError:
                raise ScenarioError(
                    [Problem("", f"{source}: not UTF-8 or GB18030 text")], source
                ) from None
    else:
        text = content
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise ScenarioError([Problem("", f"{source}: the file is empty")], source) from None
    except csv.Error as exc:
        raise ScenarioError([Problem("", f"{source}: not a CSV file ({exc})")], source) from None
    if tuple(header[:5]) != COLUMNS:
        raise ScenarioError(
            [
                Problem(
                    "",
                    f"{source}: the first row must be {','.join(COLUMNS)}, got {','.join(header)}",
                )
            ],
            source,
        )
    entries: list[dict[str, Any]] = []
    try:
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            row = (row + [""] * 5)[:5]
            if not row[3].strip():
                continue  # not filled in
            if len(entries) == MAX_ACTUALS:
                message = f"{source}: at most {MAX_ACTUALS:,} rows can be filled in"
                raise ScenarioError(
                    [Problem("", f"{message}; row {row_number} is one more")], source
                )
            entries.append(
                {
                    "kind": row[0].strip(),
                    "id": row[1].strip(),
                    "year": parse_number(row[2]),
                    "value": parse_number(row[3]),
                    "source": row[4].strip(),
                    "_row": row_number,
                }
            )
    except csv.Error as exc:
        raise ScenarioError([Problem("", f"{source}: not a CSV file ({exc})")], source) from None
    return entries


def with_actuals(
    scenario: Scenario,
    entries: list[dict[str, Any]],
    source: str = "actuals.csv",
    replace: bool = False,
) -> Scenario:
    """The scenario with these actuals added (or replacing its own, with ``replace``); rows
    for the same kind, id and year as an existing actual replace it. Problems are reported
    with the CSV row."""
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
        return scenario.replace(("actuals",), kept + entries)
    except ScenarioError as exc:
        problems = []
        for problem in exc.problems:
            parts = problem.path.split(".")
            if (
                parts[0] == "actuals"
                and len(parts) >= 2
                and parts[1].isdigit()
                and int(parts[1]) >= len(kept)
            ):
                index = int(parts[1]) - len(kept)
                where = f"row {rows[index]}" if rows[index] else f"entry {index + 1}"
                field = f": {'.'.join(parts[2:])}" if len(parts) > 2 else ""
                problems.append(Problem("", f"{source}: {where}{field}: {problem.message}"))
            else:
                problems.append(Problem("", f"{source}: {problem}"))
        raise ScenarioError(problems, source) from None


def load_actuals(scenario: Scenario, path: str | Path, replace: bool = False) -> Scenario:
    """Read an actuals CSV file and apply it to the scenario (the file is not changed)."""
    path = Path(path)
    content = read_input(path)  # refuses files above reading.MAX_INPUT_BYTES unread
    return with_actuals(scenario, parse_actuals_csv(content, path.name), path.name, replace)
