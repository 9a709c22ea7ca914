"""Helpers of the workbook tests: scenarios to export (the shipped ones, and a rich one with
own lines, actuals, an appropriation and hostile texts), editing a workbook as a spreadsheet
program saves it, and locating a line's rows independently of the writer: a section sheet
holds its lines in catalogue order, five rows each (2024–2028) from row 3; columns are found
by the keys in row 2."""

from __future__ import annotations

import io

import openpyxl
import pytest

from simulator.model import (
    ScenarioError,
    add_own_line,
    load_scenario,
    own_line_entry,
    read_scenario_workbook,
    shipped_scenario_path,
)
from simulator.present import scenario_workbook, workbook_bytes

YEARS = (2024, 2025, 2026, 2027, 2028)
SHIPPED = ("baseline", "accelerated", "restrained")


def shipped(name: str = "baseline"):
    return load_scenario(shipped_scenario_path(name))


def rich_scenario(texts: tuple[str, ...] = ()):
    """The baseline with two own lines (one with an indicator effect), actuals of every
    kind, an appropriation, notes, and hostile texts (formula starters, control characters,
    a carriage return, a literal _x0041_, leading quotes and spaces)."""
    scenario = shipped()
    for measure, amount in ((19, 1500.0), (5, 250.5)):
        entry = own_line_entry(scenario, measure, {"department": "市科技局", "amount": amount})
        scenario = add_own_line(scenario, entry)
    texts = texts or ("=1+1", "-3", "@SUM(A1)", "a\r\nb\x01c", "_x0041_", "'=x", "  +1 ", "")
    data = scenario.data
    data["name"] = texts[0]
    data["description"] = texts[1 % len(texts)]
    data["own_lines"][0]["name_zh"] = texts[2 % len(texts)]
    data["own_lines"][0]["note"] = texts[3 % len(texts)] or "n"
    data["own_lines"][1]["uptake"]["2026"] = 99.25
    data["own_lines"][1]["disbursement"] = [0.25, 0.25, 0.5]
    data["lines"]["m01-demo"]["note"] = texts[4 % len(texts)] or "n"
    data["lines"]["m01-demo"]["basis"] = texts[5 % len(texts)]
    data["indicators"]["platforms"]["note"] = "指标备注"
    data["indicators"]["tech_enterprises"]["effects"].append(
        {
            "line": "own-m19-1",
            "per": "wan",
            "mean": 0.001,
            "sd": 0.0,
            "above": {"value": 0.0, "basis": "no support of this kind before the plan"},
            "basis": texts[6 % len(texts)],
        }
    )
    data["appropriation"] = {"basis": "预算草案", "wan": {str(y): 150000.0 + y for y in YEARS}}
    data["actuals"] = [
        {
            "kind": "indicator",
            "id": "rd_expenditure",
            "year": 2023,
            "value": 401.5,
            "source": "公报",
        },
        {"kind": "line", "id": "m01-demo", "year": 2024, "value": 1200.0, "source": "决算"},
        {"kind": "measure", "id": "14", "year": 2025, "value": 5200.0, "source": "=A1"},
        {"kind": "line", "id": "own-m05-1", "year": 2024, "value": 240.0, "source": "-x"},
    ]
    data["simulation"]["seed"] = 2**63 - 1  # beyond what a spreadsheet number holds exactly
    return scenario.with_data(data)


def export(scenario, language: str = "zh") -> bytes:
    return workbook_bytes(scenario_workbook(scenario, language))


def edit(content: bytes, change) -> bytes:
    """The workbook after ``change(book)`` (openpyxl, as a spreadsheet program saves it)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def keys(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[2] if cell.value}


def section_sheet(book, scenario, line_id: str):
    """The section sheet of a line and the row of its first year (independent reckoning)."""
    catalogue = scenario.catalogue
    section = catalogue.measure(catalogue.line(line_id).measure).section
    lines = [ln.id for ln in catalogue.lines if catalogue.measure(ln.measure).section == section]
    sheet = next(s for s in book.worksheets if s.title.startswith(f"{section}、"))
    return sheet, 3 + 5 * lines.index(line_id)


def problems_of(content: bytes) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        read_scenario_workbook(content, "book.xlsx")
    return [str(p) for p in caught.value.problems]
