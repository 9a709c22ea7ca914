"""Reading a scenario back from an Excel workbook (the layout of ``workbook_fields``).

The reader builds the raw scenario document from the cells and hands it to the scenario
validation, the same as a scenario file's; every problem is named with its sheet, row and
column, e.g. ``Sheet 二、…, row 7, column J (uptake): must be >= 0, got -3``: the problems of
the cells themselves (text in a number cell, a formula, a date, a value where the line has
no such field, an edited figure of the plan), of the rows (a line or a year without a row,
a duplicate row), of the sheets (missing, without their key row) and the validation's, whose
paths are mapped back to the cells they came from. Nothing is returned unless everything is
valid. Columns are found by their key in row 2, sheets by their name in Chinese or English;
other sheets and columns without a key are the planner's own and are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .catalogue import CATALOGUE_VERSION, Catalogue, Line, load_catalogue
from .line_checks import line_keys
from .problems import Message, ScenarioError
from .scenario import Scenario, scenario_from_dict
from .workbook_blocks import (
    read_count_targets,
    read_departments,
    read_investments,
    read_rationing,
)
from .workbook_cells import BLANK, Where, open_workbook, sheet_rows
from .workbook_fields import (
    ACTUAL_COLUMNS,
    EFFECT_COLUMNS,
    INDICATOR_COLUMNS,
    LINE_COLUMNS,
    OWN_COLUMNS,
)
from .workbook_layout import FIRST, Column, applies, section_sheet_names, sheet_names
from .workbook_settings import NULLABLE, SETTINGS
from .workbook_sheets import KEY_ROW, LANGUAGES, Cells, SheetReader, blank, set_path
from .years import YEARS

__all__ = ["read_scenario_workbook"]

#: Sheets are found by their name in either language.


def read_scenario_workbook(content: bytes, source: str = "workbook.xlsx") -> Scenario:
    """The scenario in an exported (and edited) workbook; ScenarioError listing every
    problem, each with its sheet, row and column."""
    book = open_workbook(content, source)
    try:
        reader = _Reader(book, source)
        raw = reader.read()
    finally:
        book.close()
    if raw is None:
        reader.fail()
    try:
        scenario = scenario_from_dict(raw)
    except ScenarioError as exc:
        reader.add_validation(exc.problems)
        reader.fail()
    if reader.problems:
        reader.fail()
    return scenario


class _Reader(SheetReader):
    """One reading of a scenario workbook."""

    def read(self) -> dict[str, Any] | None:
        raw: dict[str, Any] = {}
        settings = self.sheet(
            [sheet_names(lang)["settings"] for lang in LANGUAGES],
            Message("settings; is this a scenario workbook written by qdplan export-xlsx?"),
        )
        if settings is None:
            return None
        self.read_settings(settings, raw)
        read_rationing(self, raw)
        version = raw.get("catalogue_version")
        try:
            catalogue = load_catalogue(str(version))
        except KeyError:
            if "catalogue_version" not in self.covered:
                where = self.where.get("catalogue_version", Where(settings.title))
                self.add(
                    where,
                    "unknown catalogue version {got}; this qdplan knows {known}",
                    got=repr(version),
                    known=repr(CATALOGUE_VERSION),
                )
            return None
        raw["lines"] = {}
        for section in catalogue.sections:
            names = [section_sheet_names(catalogue, lang)[section.id] for lang in LANGUAGES]
            sheet = self.sheet(
                names, Message("the assumptions of section {section}", section=section.id)
            )
            table = None if sheet is None else self.table(sheet, LINE_COLUMNS, ("line", "year"))
            for line in catalogue.lines:
                if catalogue.measure(line.measure).section == section.id:
                    path = f"lines.{line.id}"
                    self.where[path] = Where(
                        sheet.title if sheet else names[0],
                        item=Message("line {id}", id=line.id),
                    )
                    if table is None:
                        self.covered.add(path)  # the sheet's problem is reported
            if table is not None:
                self.read_lines(sheet, table, catalogue, raw["lines"])
        self.read_own_lines(raw)
        self.read_indicators(catalogue, raw)
        read_departments(self, catalogue, raw)
        read_count_targets(self, catalogue, raw)
        read_investments(self, raw)
        self.read_actuals(raw)
        for key in NULLABLE:
            raw.setdefault(key, None)
        return raw

    def read_settings(self, sheet: Any, raw: dict[str, Any]) -> None:
        by_key = {s.key: s for s in SETTINGS}
        seen: dict[str, int] = {}
        key_column, value_column = 1, 4
        for number, cells in sheet_rows(sheet, self.source):
            if number <= KEY_ROW or not cells:
                continue
            key = self.value(sheet, number, cells, key_column, "key", "text")
            if key is BLANK or key is None:
                if any(c.value is not None for c in cells[value_column - 1 : value_column]):
                    self.add(Where(sheet.title, number, key_column, "key"), "no setting key")
                continue
            key = str(key).strip()
            setting = by_key.get(key)
            if setting is None:
                self.add(
                    Where(sheet.title, number, key_column, "key"),
                    "unknown setting {key}",
                    key=repr(key),
                )
                continue
            if key in seen:
                self.add(
                    Where(sheet.title, number, key_column, "key"),
                    "the setting {key} is also in row {row}",
                    key,
                    key=key,
                    row=seen[key],
                )
                continue
            seen[key] = number
            where = Where(sheet.title, number, value_column, key)
            for i in range(1, len(setting.path) + 1):
                self.where.setdefault(".".join(setting.path[:i]), where)
            value = self.value(sheet, number, cells, value_column, key, setting.kind)
            if value is None:
                self.covered.add(key)
            elif value is not BLANK:
                set_path(raw, setting.path, value)
            elif not setting.optional:
                set_path(raw, setting.path, "" if setting.kind == "text" else None)
                if setting.kind != "text":
                    self.add(where, "empty: a value is needed", key)
        for setting in SETTINGS:
            if setting.key not in seen and not setting.optional:
                self.add(
                    Where(sheet.title),
                    "no row for the setting {key}",
                    setting.key,
                    key=setting.key,
                )

    # ------------------------------------------------------------------ rows of items
    def rows_by_item(
        self,
        sheet: Any,
        keys: dict[str, int],
        rows: list[tuple[int, Cells]],
        id_key: str,
        known: Callable[[str], bool] | None,
    ) -> dict[str, dict[int, tuple[int, Cells]]]:
        """{item id: {year: (row number, cells)}}, items in the order of their first row."""
        items: dict[str, dict[int, tuple[int, Cells]]] = {}
        for number, cells in rows:
            ident = self.value(sheet, number, cells, keys[id_key], id_key, "text")
            year = self.value(sheet, number, cells, keys["year"], "year", "integer")
            if ident is None or year is None:
                continue
            if ident is BLANK or not str(ident).strip():
                self.add(Where(sheet.title, number, keys[id_key], id_key), "empty: the row's id")
                continue
            ident = str(ident).strip()
            if known is not None and not known(ident):
                self.add(
                    Where(sheet.title, number, keys[id_key], id_key),
                    "unknown id {id}",
                    id=repr(ident),
                )
                continue
            if year is BLANK or year not in YEARS:
                self.add(
                    Where(sheet.title, number, keys["year"], "year"),
                    "must be one of {first}–{last}, got {got}",
                    first=YEARS[0],
                    last=YEARS[-1],
                    got=year if year is not BLANK else Message("nothing"),
                )
                continue
            rows_of = items.setdefault(ident, {})
            if year in rows_of:
                self.add(
                    Where(sheet.title, number, keys[id_key], id_key),
                    "{id} {year} is also in row {row}",
                    id=ident,
                    year=year,
                    row=rows_of[year][0],
                )
                continue
            rows_of[int(year)] = (number, cells)
        return items

    def read_item(
        self,
        sheet: Any,
        keys: dict[str, int],
        columns: Sequence[Column],
        path: str,
        years: dict[int, tuple[int, Cells]],
        line: Line | None,
    ) -> dict[str, Any]:
        """One line's (or own line's) assumptions from its rows, one per year."""
        entry: dict[str, Any] = {}
        missing = [y for y in YEARS if y not in years]
        first_row = min(n for n, _ in years.values())
        self.where.setdefault(path, Where(sheet.title, first_row))
        if missing:
            self.add(
                Where(sheet.title, first_row),
                "{id} has no row for {years} (one row per year {first}–{last})",
                path,
                id=path.split(".")[-1],
                years=", ".join(map(str, missing)),
                first=YEARS[0],
                last=YEARS[-1],
            )  # the rows there are still read, for the problems of their cells
        for year, (number, cells) in sorted(years.items()):
            first = year == YEARS[0]
            for column in columns:
                if not column.editable:
                    if line is not None and column.checked and column.key in keys:
                        self.check_fixed(sheet, number, cells, keys, column, line, year)
                    continue
                if (
                    column.scope == FIRST
                    and not first
                    and (line is None or applies(column, line, YEARS[0], True))
                ):
                    self.check_repeat(sheet, number, cells, keys, column, path, entry)
                    continue
                fits = applies(column, line, year, first) if line is not None else True
                self.read_column(sheet, number, cells, keys, column, path, year, fits, entry)
        if line is not None:
            for column in columns:  # a yearly value the line has in no year (re-recognition)
                yearly = column.years is not None and column.path[0] in line_keys(line)[0]
                if yearly and column.years is not None and not column.years(line):
                    entry.setdefault(column.path[0], {})
        return entry

    def read_lines(
        self,
        sheet: Any,
        table: tuple[dict[str, int], list[tuple[int, Cells]]],
        catalogue: Catalogue,
        lines: dict[str, Any],
    ) -> None:
        keys, rows = table
        items = self.rows_by_item(sheet, keys, rows, "line", catalogue.has_line)
        for line_id, years in items.items():
            path = f"lines.{line_id}"
            if line_id in lines:
                first_row = min(n for n, _ in years.values())
                self.add(
                    Where(sheet.title, first_row),
                    "{id} is also on another sheet",
                    path,
                    id=line_id,
                )
                continue
            line = catalogue.line(line_id)
            self.where[path] = Where(sheet.title, min(n for n, _ in years.values()))
            lines[line_id] = self.read_item(sheet, keys, LINE_COLUMNS, path, years, line)

    def read_own_lines(self, raw: dict[str, Any]) -> None:
        raw["own_lines"] = []
        table = self.fixed_table("own_lines", Message("own lines"), OWN_COLUMNS, ("id", "year"))
        if table is None:
            return
        sheet, keys, rows = table
        items = self.rows_by_item(sheet, keys, rows, "id", None)
        for i, (ident, years) in enumerate(items.items()):
            entry = self.read_item(sheet, keys, OWN_COLUMNS, f"own_lines.{i}", years, None)
            entry["id"] = ident
            raw["own_lines"].append(entry)

    def read_indicators(self, catalogue: Catalogue, raw: dict[str, Any]) -> None:
        indicators: dict[str, Any] = {}
        raw["indicators"] = indicators
        table = self.fixed_table(
            "indicators",
            Message("indicators"),
            INDICATOR_COLUMNS,
            ("indicator",),
            covered="indicators",
        )
        if table is None:
            return
        sheet, keys, rows = table
        for indicator in catalogue.indicators:
            path = f"indicators.{indicator.id}"
            self.where[path] = Where(sheet.title, item=Message("indicator {id}", id=indicator.id))
        for number, cells in rows:
            ident = self.value(sheet, number, cells, keys["indicator"], "indicator", "text")
            if ident is None:
                continue
            ident = "" if ident is BLANK else str(ident).strip()
            where = Where(sheet.title, number, keys["indicator"], "indicator")
            if ident not in catalogue.indicator_ids:
                self.add(where, "unknown indicator id {id}", id=repr(ident))
                continue
            path = f"indicators.{ident}"
            if ident in indicators:
                self.add(
                    where, "{id} is also in row {row}", path, id=ident, row=self.where[path].row
                )
                continue
            self.where[path] = Where(sheet.title, number)
            entry: dict[str, Any] = {}
            item = catalogue.indicator(ident)
            for column in INDICATOR_COLUMNS:
                if column.checked and column.key in keys:
                    self.check_fixed(sheet, number, cells, keys, column, item, None)
                elif column.editable:
                    self.read_column(sheet, number, cells, keys, column, path, 0, True, entry)
            entry["effects"] = []
            indicators[ident] = entry
        self.read_effects(catalogue, indicators)

    def read_effects(self, catalogue: Catalogue, indicators: dict[str, Any]) -> None:
        table = self.fixed_table(
            "effects", Message("indicator effects"), EFFECT_COLUMNS, ("indicator",)
        )
        if table is None:
            return
        sheet, keys, rows = table
        for number, cells in rows:
            ident = self.value(sheet, number, cells, keys["indicator"], "indicator", "text")
            if ident is None:
                continue
            ident = "" if ident is BLANK else str(ident).strip()
            if ident not in indicators:
                known = ident in catalogue.indicator_ids
                self.add(
                    Where(sheet.title, number, keys["indicator"], "indicator"),
                    Message("indicator {id} has no row on the indicators sheet")
                    if known
                    else Message("unknown indicator id {id}"),
                    id=repr(ident),
                )
                continue
            effects = indicators[ident]["effects"]
            path = f"indicators.{ident}.effects.{len(effects)}"
            self.where[path] = Where(sheet.title, number)
            entry: dict[str, Any] = {}
            for column in EFFECT_COLUMNS:
                if column.editable:
                    self.read_column(sheet, number, cells, keys, column, path, 0, True, entry)
            effects.append(entry)

    def read_actuals(self, raw: dict[str, Any]) -> None:
        actuals: list[dict[str, Any]] = []
        raw["actuals"] = actuals
        table = self.fixed_table("actuals", Message("actuals"), ACTUAL_COLUMNS)
        if table is None:
            return
        sheet, keys, rows = table
        for number, cells in rows:
            index = keys["value"]
            if index > len(cells) or blank(cells[index - 1]):
                continue  # not filled in (as in the template)
            path = f"actuals.{len(actuals)}"
            self.where[path] = Where(sheet.title, number)
            entry: dict[str, Any] = {}
            for column in ACTUAL_COLUMNS:
                if column.editable:
                    self.read_column(sheet, number, cells, keys, column, path, 0, True, entry)
            actuals.append(entry)
