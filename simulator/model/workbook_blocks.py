"""Reading the scenario workbook's sheets of scenario-wide blocks that are not a row per
line and year: the departments sheet (``department_shares``: one row per measure and unit)
and the count-targets sheet (``count_targets``: one row per target), the investments sheet
(``investments.lines``: one row per line); their bases are on the settings sheet. And the
two rationing settings that are not plain cells: the priority order (measure numbers as
text, "14, 10, 1") and the backlog cap (blank: no cap). Used by ``workbook_read``."""

from __future__ import annotations

from typing import Any

from .catalogue import Catalogue
from .problems import Message
from .targets import target_keys
from .workbook_cells import BLANK, Where
from .workbook_fields import COUNT_TARGET_COLUMNS, DEPARTMENT_COLUMNS, INVESTMENT_COLUMNS
from .workbook_sheets import SheetReader

__all__ = ["read_count_targets", "read_departments", "read_investments", "read_rationing"]


def read_departments(reader: SheetReader, catalogue: Catalogue, raw: dict[str, Any]) -> None:
    """``department_shares.measures`` from the departments sheet (a row without a share is
    not read: its measure goes to its lead unit unless another unit has a share)."""
    block = raw.setdefault("department_shares", {})
    if not isinstance(block, dict):
        return
    measures: dict[str, dict[str, Any]] = {}
    block["measures"] = measures
    table = reader.fixed_table(
        "departments",
        Message("departments"),
        DEPARTMENT_COLUMNS,
        ("measure",),
        covered="department_shares.measures",
    )
    if table is None:
        return
    sheet, keys, rows = table
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
                "{unit} of measure {measure} is also in row {row}",
                path,
                unit=unit,
                measure=measure,
                row=reader.where[path + "." + unit].row,
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
    table = reader.fixed_table(
        "count_targets",
        Message("count targets"),
        COUNT_TARGET_COLUMNS,
        ("target",),
        covered="count_targets.targets",
    )
    if table is None:
        return
    sheet, keys, rows = table
    known = {t.id: t for t in catalogue.count_targets}
    for item in catalogue.count_targets:
        reader.where[f"count_targets.targets.{item.id}"] = Where(
            sheet.title, item=Message("target {id}", id=item.id)
        )
    for number, cells in rows:
        ident = reader.value(sheet, number, cells, keys["target"], "target", "text")
        if ident is None:
            continue
        ident = "" if ident is BLANK else str(ident).strip()
        where = Where(sheet.title, number, keys["target"], "target")
        if ident not in known:
            reader.add(where, "unknown count target id {id}", id=repr(ident))
            continue
        target = known[ident]
        path = f"count_targets.targets.{ident}"
        if ident in targets:
            reader.add(
                where, "{id} is also in row {row}", path, id=ident, row=reader.where[path].row
            )
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


def read_rationing(reader: SheetReader, raw: dict[str, Any]) -> None:
    """``rationing.priority`` from its text (blank: none) and a blank backlog cap as null."""
    block = raw.get("rationing")
    if not isinstance(block, dict):
        return
    block.setdefault("backlog_cap_wan", None)
    text = block.get("priority")
    if text is None:
        block["priority"] = []
        return
    parts = [p for p in str(text).replace("，", ",").replace(" ", ",").split(",") if p]
    numbers = [int(p) for p in parts if p.isdigit() and len(p) <= 4]
    if len(numbers) != len(parts):
        where = reader.where.get("rationing.priority")
        if where is not None:
            reader.add(
                where,
                "must be measure numbers separated by commas, e.g. 14, 10, 1; got {got}",
                "rationing.priority",
                got=repr(text),
            )
    block["priority"] = numbers


def read_investments(reader: SheetReader, raw: dict[str, Any]) -> None:
    """``investments.lines`` from the investments sheet (one row per line, in row order)."""
    block = raw.setdefault("investments", {})
    if not isinstance(block, dict):
        return
    lines: dict[str, Any] = {}
    block["lines"] = lines
    table = reader.fixed_table(
        "investments",
        Message("investments"),
        INVESTMENT_COLUMNS,
        ("line",),
        covered="investments.lines",
    )
    if table is None:
        return
    sheet, keys, rows = table
    reader.where.setdefault("investments.lines", Where(sheet.title))
    for number, cells in rows:
        ident = reader.value(sheet, number, cells, keys["line"], "line", "text")
        if ident is None:
            continue
        where = Where(sheet.title, number, keys["line"], "line")
        ident = "" if ident is BLANK else str(ident).strip()
        if not ident:
            reader.add(where, "empty: the row's line id")
            continue
        path = f"investments.lines.{ident}"
        if ident in lines:
            reader.add(
                where, "{id} is also in row {row}", path, id=ident, row=reader.where[path].row
            )
            continue
        reader.where[path] = Where(sheet.title, number)
        entry: dict[str, Any] = {}
        for column in INVESTMENT_COLUMNS:
            if column.editable and column.key != "line":
                reader.read_column(sheet, number, cells, keys, column, path, 0, True, entry)
        lines[ident] = entry
