"""Reading the scenario workbook's sheets of scenario-wide blocks that are not a row per
line and year: the departments sheet (``department_shares``: one row per measure and unit)
and the count-targets sheet (``count_targets``: one row per target). Their bases are on the
settings sheet. Used by ``workbook_read``."""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue
from .targets import target_keys
from .workbook_cells import BLANK, Where
from .workbook_fields import COUNT_TARGET_COLUMNS, DEPARTMENT_COLUMNS
from .workbook_layout import sheet_names
from .workbook_sheets import SheetReader

__all__ = ["read_count_targets", "read_departments"]

LANGUAGES = ("zh", "en")


def read_departments(reader: SheetReader, catalogue: Catalogue, raw: dict[str, Any]) -> None:
    """``department_shares.measures`` from the departments sheet (a row without a share is
    not read: its measure goes to its lead unit unless another unit has a share)."""
    block = raw.setdefault("department_shares", {})
    if not isinstance(block, dict):
        return
    measures: dict[str, dict[str, Any]] = {}
    block["measures"] = measures
    sheet = reader.sheet([sheet_names(lang)["departments"] for lang in LANGUAGES], "departments")
    table = None if sheet is None else reader.table(sheet, DEPARTMENT_COLUMNS, ("measure",))
    if table is None:
        reader.covered.add("department_shares.measures")  # the sheet's problem is reported
        return
    keys, rows = table
    reader.where.setdefault("department_shares.measures", Where(sheet.title))
    for number, cells in rows:
        index = keys["share"]
        if index > len(cells) or cells[index - 1].value is None:
            continue
        share = reader.value(sheet, number, cells, index, "share", "number")
        if share is BLANK:
            continue
        measure = reader.value(sheet, number, cells, keys["measure"], "measure", "integer")
        unit = reader.value(sheet, number, cells, keys["unit"], "unit", "text")
        if measure is None or unit is None or share is None:
            continue
        where = Where(sheet.title, number, keys["measure"], "measure")
        if measure is BLANK:
            reader.add(where, "empty: the row's measure")
            continue
        unit = "" if unit is BLANK else str(unit).strip()
        path = f"department_shares.measures.{measure}"
        reader.where.setdefault(path, where)
        units = measures.setdefault(str(measure), {})
        if unit in units:
            reader.add(
                Where(sheet.title, number, keys["unit"], "unit"),
                f"{unit} of measure {measure} is also in row {reader.where[path + '.' + unit].row}",
                path,
            )
            continue
        reader.where[f"{path}.{unit}"] = Where(sheet.title, number, index, "share")
        units[unit] = share


def read_count_targets(reader: SheetReader, catalogue: Catalogue, raw: dict[str, Any]) -> None:
    """``count_targets.targets`` from the count-targets sheet (one row per target)."""
    block = raw.setdefault("count_targets", {})
    if not isinstance(block, dict):
        return
    targets: dict[str, Any] = {}
    block["targets"] = targets
    sheet = reader.sheet(
        [sheet_names(lang)["count_targets"] for lang in LANGUAGES], "count targets"
    )
    table = None if sheet is None else reader.table(sheet, COUNT_TARGET_COLUMNS, ("target",))
    if table is None:
        reader.covered.add("count_targets.targets")  # the sheet's problem is reported
        return
    keys, rows = table
    known = {t.id: t for t in catalogue.count_targets}
    for item in catalogue.count_targets:
        reader.where[f"count_targets.targets.{item.id}"] = Where(
            sheet.title, item=f"target {item.id}"
        )
    for number, cells in rows:
        ident = reader.value(sheet, number, cells, keys["target"], "target", "text")
        if ident is None:
            continue
        ident = "" if ident is BLANK else str(ident).strip()
        where = Where(sheet.title, number, keys["target"], "target")
        if ident not in known:
            reader.add(where, f"unknown count target id {ident!r}")
            continue
        target = known[ident]
        path = f"count_targets.targets.{ident}"
        if ident in targets:
            reader.add(where, f"{ident} is also in row {reader.where[path].row}", path)
            continue
        reader.where[path] = Where(sheet.title, number)
        entry: dict[str, Any] = {}
        wanted = target_keys(target)
        for column in COUNT_TARGET_COLUMNS:
            if column.checked and column.key in keys:
                reader.check_fixed(sheet, number, cells, keys, column, target, None)
            elif column.editable:
                fits = column.path[0] in wanted
                reader.read_column(sheet, number, cells, keys, column, path, 0, fits, entry)
        targets[ident] = entry
