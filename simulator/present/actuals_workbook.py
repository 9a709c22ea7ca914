"""The actuals template (every id and year a value can be observed for, with the item's name
and unit beside its id, and the scenario's observed values filled in) as an Excel workbook
and as CSV. Both read back with the actuals import (the name and unit columns are ignored;
rows without a value are skipped)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ..model import Scenario, template
from .scenario_workbook import actual_labels, actuals_sheet
from .tables import write_csv
from .workbook import new_workbook, save_workbook

__all__ = [
    "actuals_template_rows",
    "actuals_template_workbook",
    "template_entries",
    "write_actuals_template",
]


def template_entries(scenario: Scenario) -> list[dict[str, Any]]:
    """The template's rows as actuals entries (kind, id, year, and the observed value and
    source where the scenario has one, else None)."""
    known = {(a["kind"], str(a["id"]), int(a["year"])): a for a in scenario.actuals}
    rows = csv.reader(io.StringIO(template(scenario)))
    next(rows)  # the header
    entries = []
    for kind, ident, year, *_ in rows:
        entry = known.get((kind, ident, int(year)), {})
        entries.append(
            {
                "kind": kind,
                "id": ident,
                "year": int(year),
                "value": entry.get("value"),
                "source": entry.get("source"),
            }
        )
    return entries


def actuals_template_rows(scenario: Scenario, language: str = "zh") -> list[list[Any]]:
    """The template as CSV rows: kind, id, year, value, source, then the name and unit."""
    rows: list[list[Any]] = [["kind", "id", "year", "value", "source", "name", "unit"]]
    for e in template_entries(scenario):
        name, unit = actual_labels(scenario, e["kind"], e["id"], language)
        rows.append([e["kind"], e["id"], e["year"], e["value"], e["source"], name, unit])
    return rows


def actuals_template_workbook(scenario: Scenario, language: str = "zh") -> Workbook:
    """The template as a workbook of one sheet, laid out as a scenario workbook's actuals."""
    book = new_workbook()
    actuals_sheet(book, scenario, template_entries(scenario), language)
    return book


def write_actuals_template(scenario: Scenario, path: str | Path, language: str = "zh") -> None:
    """The template to ``path``: a workbook for .xlsx, else CSV (UTF-8 with a byte-order
    mark); atomically, ScenarioSaveError on failure."""
    if Path(path).suffix.lower() == ".xlsx":
        save_workbook(actuals_template_workbook(scenario, language), path)
    else:
        write_csv(actuals_template_rows(scenario, language), path)
