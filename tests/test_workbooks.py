"""Scenario workbooks (issue 12 §2): a scenario's assumptions exported to .xlsx and imported
back. An unchanged workbook gives the identical scenario (the whole canonical data, so a
field the workbook does not carry fails here); an edited cell changes exactly its field;
every problem names its sheet, row and column.

Rows and columns are located independently of the writer: a section sheet holds its lines
in catalogue order, five rows each (2024–2028) from row 3; columns are found by the keys in
row 2, which is the layout the README and the workbook's About sheet describe.
"""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbook_helpers import (
    SHIPPED,
    YEARS,
    edit,
    export,
    keys,
    problems_of,
    rich_scenario,
    section_sheet,
    shipped,
)

from simulator.cli import qdplan as cli
from simulator.model import load_scenario, read_scenario_workbook, save_scenario


# ------------------------------------------------------------------------------ round trip
@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_shipped_scenarios_round_trip_unchanged(name, language):
    scenario = shipped(name)
    back = read_scenario_workbook(export(scenario, language), "x.xlsx")
    assert back.data == scenario.data
    assert back.to_json() == scenario.to_json()  # byte for byte, key order included


def test_own_lines_actuals_appropriation_and_hostile_texts_round_trip():
    scenario = rich_scenario()
    content = export(scenario)
    back = read_scenario_workbook(content, "x.xlsx")
    assert back.data == scenario.data
    assert back.seed == 2**63 - 1
    # the same after a spreadsheet program (openpyxl) opened and saved it
    assert read_scenario_workbook(edit(content, lambda b: None), "x.xlsx").data == scenario.data


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.tuples(*[st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=15)] * 7)
)
def test_any_text_round_trips(texts):
    scenario = rich_scenario(texts)
    assert read_scenario_workbook(export(scenario), "x.xlsx").data == scenario.data


def test_a_workbook_of_an_older_schema_version_is_migrated():
    """A workbook whose settings say schema version 1 (exported before version 2) reads
    as its scenario migrated, as a version 1 file does."""
    from pathlib import Path

    v1 = Path(__file__).parent / "data" / "v1" / "baseline.json"
    scenario = load_scenario(v1)

    def change(book):
        for row in book["情景设置"].iter_rows(min_row=3):
            if row[0].value == "schema_version":
                row[3].value = 1

    assert read_scenario_workbook(edit(export(scenario), change), "x.xlsx") == scenario


def test_cli_export_then_import_saves_the_identical_file(tmp_path, capsys):
    source = tmp_path / "rich.json"
    save_scenario(rich_scenario(), source)
    book, back = tmp_path / "rich.xlsx", tmp_path / "back.json"
    assert cli.main(["export-xlsx", str(source), str(book), "--language", "en"]) == 0
    assert cli.main(["import-xlsx", str(book), "--save", str(back)]) == 0
    assert back.read_bytes() == source.read_bytes()
    assert cli.main(["import-xlsx", str(book), "--language", "en"]) == 0
    assert "valid" in capsys.readouterr().out


# ------------------------------------------------------------------------------ edits
def test_edits_change_exactly_those_fields():
    scenario = rich_scenario()
    expected = scenario.data

    def change(book):
        sheet, first = section_sheet(book, scenario, "m02-key-tech")
        k = keys(sheet)
        sheet.cell(first + 2, k["uptake"]).value = 17  # 2026
        sheet.cell(first + 4, k["award_share.sd"]).value = 0.15  # 2028
        sheet.cell(first, k["basis"]).value = "新依据"
        sheet.cell(first, k["disbursement.1"]).value = 0.2
        sheet.cell(first, k["disbursement.2"]).value = 0.3
        sheet.cell(first, k["disbursement.3"]).value = "0.5"  # text, read strictly
        settings_sheet = book["情景设置"]
        for row in settings_sheet.iter_rows(min_row=3):
            if row[0].value == "simulation.draws":
                row[3].value = 5000
        indicators = book["指标假设"]
        ik = keys(indicators)
        row = 3 + [i.id for i in scenario.catalogue.indicators].index("platforms")
        indicators.cell(row, ik["trend.mean"]).value = 0.12
        actuals = book["实际值"]
        actuals.cell(3 + 1, keys(actuals)["value"]).value = 1300
        actuals.delete_rows(3 + 3)  # the last actual
        own = book["自定预算项目"]
        own.cell(3, keys(own)["name_en"]).value = "Renamed"

    back = read_scenario_workbook(edit(export(scenario), change), "x.xlsx")
    line = expected["lines"]["m02-key-tech"]
    line["uptake"]["2026"] = 17.0
    line["award_share"]["2028"]["sd"] = 0.15
    line["basis"] = "新依据"
    line["disbursement"] = [0.2, 0.3, 0.5]
    expected["simulation"]["draws"] = 5000
    expected["indicators"]["platforms"]["trend"]["mean"] = 0.12
    expected["actuals"][1]["value"] = 1300.0
    del expected["actuals"][3]
    expected["own_lines"][0]["name_en"] = "Renamed"
    assert back.data == expected


def test_rows_added_to_the_list_sheets_become_entries():
    scenario = shipped()

    def change(book):
        actuals = book["实际值"]
        for column, value in enumerate(["line", "m01-demo", 2024, 800, "决算"], start=1):
            actuals.cell(3, column).value = value
        own = book["自定预算项目"]
        for i, year in enumerate(YEARS):
            values = ["own-new", year, 7, "新项目", "New line", "市科技局", 100 + i, 0.1]
            for column, value in enumerate(values, start=1):
                own.cell(3 + i, column).value = value
        k = keys(own)
        own.cell(3, k["disbursement.1"]).value = 1
        own.cell(3, k["basis"]).value = "assumption"

    back = read_scenario_workbook(edit(export(scenario), change), "x.xlsx")
    assert back.actuals == [
        {"kind": "line", "id": "m01-demo", "year": 2024, "value": 800.0, "source": "决算"}
    ]
    (own,) = back.data["own_lines"]
    assert own["id"] == "own-new" and own["measure"] == 7
    assert own["uptake"] == {str(y): 100.0 + i for i, y in enumerate(YEARS)}
    assert own["disbursement"] == [1.0]


# ------------------------------------------------------------------------------ problems
def test_a_value_out_of_range_names_sheet_row_and_column():
    scenario = shipped()
    content = export(scenario)
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet, first = section_sheet(book, scenario, "m01-demo")
    column = keys(sheet)["uptake"]
    letter = openpyxl.utils.get_column_letter(column)

    def change(b):
        b[sheet.title].cell(first + 2, column).value = -3

    assert problems_of(edit(content, change)) == [
        f"Sheet {sheet.title}, row {first + 2}, column {letter} (uptake): must be >= 0, got -3"
    ]


def cell_problem(value, data_type: str | None = None) -> str:
    """The one problem of the baseline's workbook with m01-demo's 2025 uptake set to value."""
    scenario = shipped()

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        cell = sheet.cell(first + 1, keys(sheet)["uptake"])
        cell.value = value
        if data_type:
            cell.data_type = data_type

    (problem,) = problems_of(edit(export(scenario), change))
    assert ", row " in problem and "(uptake): " in problem
    return problem.split("(uptake): ", 1)[1]


@pytest.mark.parametrize(
    ("value", "data_type", "start"),
    [
        ("12,5", None, 'must be a number, got "12,5"'),
        ("lots", None, 'must be a number, got "lots"'),
        ("=A1*2", None, 'a formula ("=A1*2")'),
        (True, None, "must be a number, got TRUE"),  # as Excel shows it
        (datetime.datetime(2025, 3, 1), None, "a date or time"),
        ("#DIV/0!", "e", 'an error value ("#DIV/0!")'),
        (None, None, "empty: a value is needed"),
        ("1e999", None, 'must be a number, got "1e999": too large'),
    ],
)
def test_a_bad_cell_is_refused_with_the_reason(value, data_type, start):
    assert cell_problem(value, data_type).startswith(start)


def with_raw_value(text: str) -> bytes:
    """The baseline's workbook with m01-demo's 2025 uptake written as ``<v>text</v>`` in
    the sheet's XML (what no spreadsheet program writes, but a file can hold)."""
    import zipfile

    scenario = shipped()
    marker = "123456.789"

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        sheet.cell(first + 1, keys(sheet)["uptake"]).value = float(marker)

    source = zipfile.ZipFile(io.BytesIO(edit(export(scenario), change)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(
                info, data.replace(f"<v>{marker}</v>".encode(), f"<v>{text}</v>".encode())
            )
    return buffer.getvalue()


def test_numbers_no_spreadsheet_writes():
    (problem,) = problems_of(with_raw_value("1e999"))
    assert problem.endswith("(uptake): must be a finite number, got inf")
    (problem,) = problems_of(with_raw_value("nan"))
    assert problem.startswith("sheet 二、") and "cannot be read: ValueError" in problem


def test_text_numbers_are_read_strictly():
    scenario = shipped()

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        sheet.cell(first, keys(sheet)["uptake"]).value = " 1,234.5 "

    back = read_scenario_workbook(edit(export(scenario), change), "x.xlsx")
    assert back.line_assumptions("m01-demo")["uptake"]["2024"] == 1234.5


def test_structure_problems(tmp_path):
    scenario = shipped()
    content = export(scenario)
    names = openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    second = names[3]  # the sheet of section 三

    def damage(book):
        del book["指标效应"]
        sheet = book[second]
        k = keys(sheet)
        sheet.cell(2, k["uptake_cv"]).value = "uptake_kv"  # a key misspelt: column missing
        sheet = book[names[2]]
        sheet.cell(2, 40).value = "surprise"
        sheet.cell(4, 1).value = "m99-none"  # an unknown line (and m01's 2025 row lost)
        sheet.cell(5, keys(sheet)["cap_wan"]).value = 999  # the plan's cap, edited
        sheet.cell(6, keys(sheet)["cost.mean_wan"]).value = 5  # a value the line has not
        book.create_sheet("我的计算")  # the planner's own sheet: ignored

    problems = problems_of(edit(content, damage))
    text = "\n".join(problems)
    assert "the workbook has no sheet 指标效应 or Indicator effects" in text
    assert f"Sheet {second}, row 2: no column with the key uptake_cv" in text
    assert "column AN: unknown column key 'surprise'" in text
    assert f"Sheet {names[2]}, row 4, column A (line): unknown id 'm99-none'" in text
    assert "m01-common-tech has no row for 2025" in text
    assert "column F (cap_wan): is fixed by the plan (500)" in text
    assert "row 6, column M (cost.mean_wan): this line has no such value" in text
    assert "我的计算" not in text


def test_duplicate_rows_and_misplaced_values():
    scenario = shipped()

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        k = keys(sheet)
        sheet.cell(first + 1, k["year"]).value = 2024  # two 2024 rows, no 2025
        sheet.cell(first + 3, k["basis"]).value = "not here"  # basis only in the first row

    text = "\n".join(problems_of(edit(export(scenario), change)))
    assert "m01-demo 2024 is also in row" in text
    assert "(basis): a value of the whole line, given in its first row" in text
