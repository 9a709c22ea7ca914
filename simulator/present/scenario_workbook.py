"""A scenario's assumptions as an Excel workbook a planner can edit and import back
(``qdplan export-xlsx``; the layout is ``simulator.model`` workbook_fields, which the reader
follows too).

Editable cells are pale yellow and unlocked; the plan's figures (cap, rate, form, clause,
targets) and names are grey and locked, and cells a line has no value for are dark grey.
The sheets of catalogue lines, the indicators and the settings are protected (without a
password: it only prevents accidents); the own lines, indicator effects and actuals are
not, so that rows can be added. Row 1 holds the headers (with units), row 2 the column keys
the reader goes by; both stay in view when scrolling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import (
    ACTUAL_COLUMNS,
    COUNT_TARGET_COLUMNS,
    DEPARTMENT_COLUMNS,
    EFFECT_COLUMNS,
    INDICATOR_COLUMNS,
    INVESTMENT_COLUMNS,
    LINE_COLUMNS,
    OWN_COLUMNS,
    SETTINGS,
    WORKBOOK_YEAR,
    YEARS,
    Scenario,
    WorkbookColumn,
    column_applies,
    column_keys,
    count_target_keys,
    section_sheet_names,
    sheet_names,
    translate,
)
from .workbook import (
    EDITABLE_FILL,
    FIXED_FILL,
    NONE_FILL,
    fit_columns,
    new_sheet,
    new_workbook,
    protect,
    put,
    put_header,
    save_workbook,
)

__all__ = ["scenario_workbook", "write_scenario_workbook"]

KEY_ROW = 2
FIRST_ROW = 3
LIST_ROWS = 10_000  # the rows of a sheet's drop-down lists


def _get(entry: dict[str, Any], path: tuple[str, ...], year: int | None) -> Any:
    node: Any = entry
    for key in path:
        key = str(year) if key == WORKBOOK_YEAR else key
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _headers(columns: tuple[WorkbookColumn, ...], language: str) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    keys: list[str] = []
    for column in columns:
        cell_keys = column_keys(column)
        if len(cell_keys) == 1:
            texts.append(column.header(language))
        else:
            name = column.name(language)
            word = translate("year {n}", language)
            texts += [f"{name.split(' ')[0]} {word.format(n=i)}" for i in range(1, column.size + 1)]
        keys += cell_keys
    return texts, keys


def _write_row(
    sheet: Worksheet,
    row: int,
    columns: tuple[WorkbookColumn, ...],
    entry: dict[str, Any],
    item: Any,
    year: int | None,
    fits: Any,
    language: str,
) -> None:
    """One row: read-only columns from ``item`` (the plan), editable ones from ``entry``;
    ``fits(column)`` says whether the row has the column's value."""
    index = 1
    for column in columns:
        if not column.editable:
            value = (
                column.shown(item, year, language) if column.shown and item is not None else None
            )
            put(sheet, row, index, value, column.number_format, FIXED_FILL)
            index += 1
            continue
        value = _get(entry, column.path, year) if fits(column) else None
        values = (value or []) if column.size > 1 else [value]
        for i in range(column.size):
            cell_value = values[i] if i < len(values) else None
            if fits(column):
                put(sheet, row, index + i, cell_value, column.number_format, EDITABLE_FILL, True)
            else:
                put(sheet, row, index + i, None, fill=NONE_FILL)
        index += column.size


def _position(columns: tuple[WorkbookColumn, ...], key: str) -> int:
    """The number of the (first) cell of the column ``key``."""
    index = 1
    for column in columns:
        if column.key == key:
            return index
        index += column.size
    raise KeyError(key)


def _widths(columns: tuple[WorkbookColumn, ...]) -> dict[int, int]:
    fixed: dict[int, int] = {}
    index = 1
    for column in columns:
        for i in range(column.size):
            if column.width:
                fixed[index + i] = column.width
        index += column.size
    return fixed


def _table_sheet(
    book: Workbook, name: str, columns: tuple[WorkbookColumn, ...], language: str
) -> Worksheet:
    sheet = new_sheet(book, name)
    texts, keys = _headers(columns, language)
    put_header(sheet, 1, texts, keys)
    sheet.row_dimensions[1].height = 45
    return sheet


def _drop_down(sheet: Worksheet, cells: str, choices: tuple[str, ...]) -> None:
    """A list of choices on some cells (a typed value outside it gets a warning)."""
    check = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True, errorStyle="warning"
    )
    check.add(cells)
    sheet.add_data_validation(check)


def _finish(sheet: Worksheet, columns: tuple[WorkbookColumn, ...], freeze: str) -> None:
    fit_columns(sheet, _widths(columns))
    sheet.freeze_panes = freeze
    for column in columns:
        if column.choices:
            letter = get_column_letter(_position(columns, column.key))
            _drop_down(sheet, f"{letter}{FIRST_ROW}:{letter}{LIST_ROWS}", column.choices)


# ---------------------------------------------------------------------------------- sheets
def _about(book: Workbook, scenario: Scenario, language: str) -> None:
    sheet = new_sheet(book, sheet_names(language)["about"])
    lines = [
        (translate("qdplan scenario workbook", language)),
        translate("Scenario: {name}", language).format(name=scenario.name),
        "",
        (
            translate(
                "Pale yellow cells are the planner's assumptions: edit them. Grey cells are the plan's figures (caps, rates, clauses, targets) and names: read-only. Dark grey cells have no value for that line in that row: leave them empty.",
                language,
            )
        ),
        (
            translate(
                "Row 2 holds each column's key, by which the import finds the columns: leave it as it is; columns of your own may be added on the right (with row 2 empty). One row per line and year; the basis, the disbursement and other values of a whole line are given in its first row (2024).",
                language,
            )
        ),
        (
            translate(
                "Rows can be added to and removed from the own lines, indicator effects and actuals sheets.",
                language,
            )
        ),
        (
            translate(
                "Import: qdplan import-xlsx WORKBOOK.xlsx --save SCENARIO.json, or in the app: File ▸ Import ▸ Workbook. Every problem is listed by sheet, row and column; nothing changes while there is one.",
                language,
            )
        ),
        (translate("Formulas are not read: enter values only.", language)),
    ]
    for row, text in enumerate(lines, start=1):
        put(sheet, row, 1, text)
    sheet.column_dimensions["A"].width = 110
    for row in range(1, len(lines) + 1):
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    protect(sheet)


def _settings(book: Workbook, scenario: Scenario, language: str) -> None:
    sheet = new_sheet(book, sheet_names(language)["settings"])
    put_header(
        sheet,
        1,
        [
            translate("Key", language),
            translate("Setting", language),
            translate("Unit", language),
            translate("Value", language),
        ],
        ["key", "label", "unit", "value"],
    )
    data = scenario.data
    for row, setting in enumerate(SETTINGS, start=FIRST_ROW):
        put(sheet, row, 1, setting.key, fill=FIXED_FILL)
        put(sheet, row, 2, setting.name(language), fill=FIXED_FILL)
        put(sheet, row, 3, setting.unit_text(language), fill=FIXED_FILL)
        value = _get(data, setting.path, None)
        if isinstance(value, list):  # the rationing priority: measure numbers as text
            value = ", ".join(str(v) for v in value) or None
        fill = FIXED_FILL if setting.locked else EDITABLE_FILL
        put(sheet, row, 4, value, setting.number_format, fill, editable=not setting.locked)
        sheet.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
        if setting.choices:
            _drop_down(sheet, f"D{row}", setting.choices)
    fit_columns(sheet, {4: 60})
    sheet.freeze_panes = "A3"
    protect(sheet)


def _sections(book: Workbook, scenario: Scenario, language: str) -> None:
    catalogue = scenario.base_catalogue
    names = section_sheet_names(catalogue, language)
    for section in catalogue.sections:
        sheet = _table_sheet(book, names[section.id], LINE_COLUMNS, language)
        row = FIRST_ROW
        for line in catalogue.lines:
            if catalogue.measure(line.measure).section != section.id:
                continue
            entry = scenario.line_assumptions(line.id)
            for year in YEARS:

                def fits(column: WorkbookColumn, line: Any = line, year: int = year) -> bool:
                    return column_applies(column, line, year, year == YEARS[0])

                _write_row(sheet, row, LINE_COLUMNS, entry, line, year, fits, language)
                row += 1
        _finish(sheet, LINE_COLUMNS, "E3")
        protect(sheet)


def _own_lines(book: Workbook, scenario: Scenario, language: str) -> None:
    sheet = _table_sheet(book, sheet_names(language)["own_lines"], OWN_COLUMNS, language)
    row = FIRST_ROW
    for entry in scenario.data["own_lines"]:
        for year in YEARS:
            first = year == YEARS[0]

            def fits(column: WorkbookColumn, first: bool = first) -> bool:
                return first or column.scope != "first"

            _write_row(sheet, row, OWN_COLUMNS, entry, None, year, fits, language)
            put(sheet, row, _position(OWN_COLUMNS, "year"), year, fill=EDITABLE_FILL)
            row += 1
    _finish(sheet, OWN_COLUMNS, "C3")


def _indicators(book: Workbook, scenario: Scenario, language: str) -> None:
    sheet = _table_sheet(book, sheet_names(language)["indicators"], INDICATOR_COLUMNS, language)
    for row, indicator in enumerate(scenario.catalogue.indicators, start=FIRST_ROW):
        entry = scenario.indicator_assumptions(indicator.id)
        _write_row(sheet, row, INDICATOR_COLUMNS, entry, indicator, None, lambda c: True, language)
    _finish(sheet, INDICATOR_COLUMNS, "C3")
    protect(sheet)


def _effects(book: Workbook, scenario: Scenario, language: str) -> None:
    sheet = _table_sheet(book, sheet_names(language)["effects"], EFFECT_COLUMNS, language)
    catalogue = scenario.catalogue
    row = FIRST_ROW
    for indicator in catalogue.indicators:
        for effect in scenario.indicator_assumptions(indicator.id)["effects"]:
            _write_row(sheet, row, EFFECT_COLUMNS, effect, None, None, lambda c: True, language)
            put(
                sheet, row, _position(EFFECT_COLUMNS, "indicator"), indicator.id, fill=EDITABLE_FILL
            )
            put(sheet, row, _position(EFFECT_COLUMNS, "indicator_name"), indicator.name(language))
            line_id = effect.get("line")
            if isinstance(line_id, str) and catalogue.has_line(line_id):
                name = catalogue.line(line_id).name(language)
                put(sheet, row, _position(EFFECT_COLUMNS, "line_name"), name)
            row += 1
    _finish(sheet, EFFECT_COLUMNS, "B3")


def _departments(book: Workbook, scenario: Scenario, language: str) -> None:
    """One row per measure and responsible unit, with its share where the scenario gives
    one (a measure without shares goes to its lead unit in full)."""
    sheet = _table_sheet(book, sheet_names(language)["departments"], DEPARTMENT_COLUMNS, language)
    given = scenario.department_shares_block["measures"]
    row = FIRST_ROW
    for measure in scenario.base_catalogue.measures:
        shares = given.get(str(measure.number), {})
        title = measure.title_zh if language == "zh" else measure.title_en
        units = list(measure.departments) + [u for u in shares if u not in measure.departments]
        for unit in units:
            entry = {"measure": measure.number, "unit": unit, "share": shares.get(unit)}
            _write_row(sheet, row, DEPARTMENT_COLUMNS, entry, None, None, lambda c: True, language)
            put(sheet, row, _position(DEPARTMENT_COLUMNS, "measure_name"), title)
            row += 1
    _finish(sheet, DEPARTMENT_COLUMNS, "D3")


def _investments(book: Workbook, scenario: Scenario, language: str) -> None:
    """One row per line whose money is an investment that may return."""
    sheet = _table_sheet(book, sheet_names(language)["investments"], INVESTMENT_COLUMNS, language)
    catalogue = scenario.catalogue
    for row, (line_id, entry) in enumerate(scenario.investments.items(), start=FIRST_ROW):
        values = dict(entry, line=line_id)
        _write_row(sheet, row, INVESTMENT_COLUMNS, values, None, None, lambda c: True, language)
        if catalogue.has_line(line_id):
            name = catalogue.line(line_id).name(language)
            put(sheet, row, _position(INVESTMENT_COLUMNS, "name"), name)
    _finish(sheet, INVESTMENT_COLUMNS, "C3")


def _count_targets(book: Workbook, scenario: Scenario, language: str) -> None:
    """One row per count target of the plan; cells a target has no value for are dark grey."""
    name = sheet_names(language)["count_targets"]
    sheet = _table_sheet(book, name, COUNT_TARGET_COLUMNS, language)
    given = scenario.count_targets.get("targets", {})
    for row, target in enumerate(scenario.base_catalogue.count_targets, start=FIRST_ROW):
        wanted = count_target_keys(target)

        def fits(column: WorkbookColumn, wanted: tuple[str, ...] = wanted) -> bool:
            return column.path[0] in wanted

        entry = given.get(target.id, {})
        _write_row(sheet, row, COUNT_TARGET_COLUMNS, entry, target, None, fits, language)
    _finish(sheet, COUNT_TARGET_COLUMNS, "C3")
    protect(sheet)


def actual_labels(scenario: Scenario, kind: str, ident: str, language: str) -> tuple[str, str]:
    """The name and unit of an actual's item (empty when the scenario does not know it)."""
    catalogue = scenario.catalogue
    zh = language == "zh"
    money = translate("10k yuan", language)
    if kind == "indicator" and ident in catalogue.indicator_ids:
        item = catalogue.indicator(ident)
        return item.name(language), item.unit if zh else item.unit_en
    if kind == "line" and catalogue.has_line(ident):
        return catalogue.line(ident).name(language), money
    if kind == "measure" and ident.isdigit() and 1 <= int(ident) <= len(catalogue.measures):
        measure = catalogue.measure(int(ident))
        return f"{measure.number}. {measure.title_zh if zh else measure.title_en}", money
    return "", ""


def write_actual_rows(
    sheet: Worksheet, scenario: Scenario, entries: list[dict[str, Any]], language: str
) -> None:
    """Actuals (or template rows without a value), one per row, from row 3."""
    for row, entry in enumerate(entries, start=FIRST_ROW):
        _write_row(sheet, row, ACTUAL_COLUMNS, entry, None, None, lambda c: True, language)
        name, unit = actual_labels(scenario, str(entry["kind"]), str(entry["id"]), language)
        put(sheet, row, _position(ACTUAL_COLUMNS, "name"), name)
        put(sheet, row, _position(ACTUAL_COLUMNS, "unit"), unit)


def actuals_sheet(
    book: Workbook, scenario: Scenario, entries: list[dict[str, Any]], language: str
) -> Worksheet:
    sheet = _table_sheet(book, sheet_names(language)["actuals"], ACTUAL_COLUMNS, language)
    write_actual_rows(sheet, scenario, entries, language)
    _finish(sheet, ACTUAL_COLUMNS, "A3")
    return sheet


# ---------------------------------------------------------------------------------- workbook
def scenario_workbook(scenario: Scenario, language: str = "zh") -> Workbook:
    """The workbook of a scenario's assumptions (headers and sheet names in ``language``)."""
    book = new_workbook()
    _about(book, scenario, language)
    _settings(book, scenario, language)
    _sections(book, scenario, language)
    _own_lines(book, scenario, language)
    _indicators(book, scenario, language)
    _effects(book, scenario, language)
    _departments(book, scenario, language)
    _count_targets(book, scenario, language)
    _investments(book, scenario, language)
    actuals_sheet(book, scenario, scenario.actuals, language)
    book.active = 1
    return book


def write_scenario_workbook(scenario: Scenario, path: str | Path, language: str = "zh") -> None:
    """Write the workbook atomically; raises ScenarioSaveError on failure."""
    save_workbook(scenario_workbook(scenario, language), path)
