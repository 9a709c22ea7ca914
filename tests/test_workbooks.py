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
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli import qdplan as cli
from simulator.model import (
    ScenarioError,
    add_own_line,
    load_scenario,
    own_line_entry,
    read_scenario_workbook,
    save_scenario,
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


def test_cli_export_then_import_saves_the_identical_file(tmp_path, capsys):
    source = tmp_path / "rich.json"
    save_scenario(rich_scenario(), source)
    book, back = tmp_path / "rich.xlsx", tmp_path / "back.json"
    assert cli.main(["export-xlsx", str(source), str(book), "--language", "en"]) == 0
    assert cli.main(["import-xlsx", str(book), "--save", str(back)]) == 0
    assert back.read_bytes() == source.read_bytes()
    assert cli.main(["import-xlsx", str(book)]) == 0
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
        (True, None, "must be a number, got True"),
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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"kind,id\n", "not a zip archive"),
        (b"PK\x03\x04 not really", "not an Excel workbook"),
    ],
)
def test_files_that_are_not_workbooks(content, message):
    assert message in problems_of(content)[0]


def test_zip_without_a_workbook_and_zip_bombs():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "no xl/workbook.xml" in problems_of(buffer.getvalue())[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/big.xml", b"\0" * (101 * 2**20))  # 101 MB of zeros: ~100 kB
    assert len(buffer.getvalue()) < 2**20
    assert "unpacks to 101 MB" in problems_of(buffer.getvalue())[0]


def with_part(name: str, xml: bytes) -> bytes:
    """The baseline's workbook with one XML part replaced."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(export(shipped())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, xml if info.filename == name else source.read(info))
    return buffer.getvalue()


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    + SHEET
    + b'<sheetData><row><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (LAUGHS, "declares XML entities"),
        (SHEET + b"<a>" * 100 + b"</a>" * 100 + b"</worksheet>", "nested more than 64 deep"),
        (
            SHEET + b"<sheetData><row>" + b"<c/>" * 20_000 + b"</row></sheetData></worksheet>",
            "a row of more than 16,384 cells",
        ),
        (SHEET + b"<x/>" * 3_000_001 + b"</worksheet>", "more than 3,000,000 XML elements"),
        (SHEET + b"<sheetData>", "is not well-formed XML"),
    ],
)
def test_xml_bombs_are_refused_before_parsing(xml, message):
    (problem,) = problems_of(with_part("xl/worksheets/sheet1.xml", xml))
    assert problem.startswith("the part xl/worksheets/sheet1.xml ") and message in problem


def test_huge_sheets_are_refused_without_reading_them_all():
    scenario = shipped()

    def change(book):
        book["实际值"].cell(1_000_000, 1).value = "far away"

    (problem,) = problems_of(edit(export(scenario), change))
    assert "sheet 实际值 has more than 25,000 rows" in problem


def test_too_large_files_are_refused_unread(tmp_path, capsys):
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (10 * 2**20 + 1))
    assert cli.main(["import-xlsx", str(big), "--save", str(tmp_path / "out.json")]) == 2
    assert "too large" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_nothing_is_saved_on_error(tmp_path, capsys):
    scenario = shipped()
    target = tmp_path / "keep.json"
    target.write_text("old", encoding="utf-8")

    def change(book):
        sheet, first = section_sheet(book, scenario, "m01-demo")
        sheet.cell(first, keys(sheet)["uptake_cv"]).value = -1

    path = tmp_path / "bad.xlsx"
    path.write_bytes(edit(export(scenario), change))
    assert cli.main(["import-xlsx", str(path), "--save", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}: Sheet 二、") and "(uptake_cv)" in err[0]
    assert target.read_text(encoding="utf-8") == "old"


# ------------------------------------------------------------------------------ hostile
CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["=1/0", "=SUM(A:A)", "#N/A", "1,5", "2025", "own-x", "award", "x" * 5000]),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
)
BASE: dict[str, Any] = {}


def base_workbook() -> bytes:
    if "content" not in BASE:
        BASE["content"] = export(rich_scenario())
    return BASE["content"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 13), st.integers(1, 30), st.integers(1, 30), CELL_VALUES),
        min_size=1,
        max_size=6,
    ),
    drop=st.sets(st.integers(0, 13), max_size=2),
)
def test_any_edited_workbook_gives_a_scenario_or_exit_2(tmp_path_factory, edits, drop):
    def change(book):
        titles = book.sheetnames
        for index, row, column, value in edits:
            sheet = book[titles[index]]
            sheet.protection.sheet = False
            sheet.cell(row, column).value = value
        for index in drop:
            del book[titles[index]]

    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "fuzz.xlsx"
    try:
        path.write_bytes(edit(base_workbook(), change))
    except (ValueError, TypeError):
        return  # openpyxl refuses to write such a cell: nothing for qdplan to read
    out = folder / "out.json"
    assert cli.main(["import-xlsx", str(path), "--save", str(out)]) in (0, 2)
    if out.exists():
        load_scenario(out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_bytes_give_a_scenario_or_exit_2(tmp_path_factory, flips):
    content = bytearray(base_workbook())
    for position, byte in flips:
        content[position % len(content)] = byte
    path = tmp_path_factory.mktemp("bytes") / "damaged.xlsx"
    path.write_bytes(bytes(content))
    assert cli.main(["import-xlsx", str(path)]) in (0, 2)
