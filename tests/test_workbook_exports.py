"""Results and the actuals template as Excel workbooks (issue 12 §2), read back with
openpyxl: numbers stored as numbers in their units' formats, frozen header rows, columns as
wide as the Chinese names, no text cell a spreadsheet could take for a formula; the
template (.xlsx and CSV) with names and units beside each id, read back by the actuals
import with the CSV's strict number rules."""

from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl
import pytest

from simulator.cli import qdplan as cli
from simulator.model import (
    Engine,
    ScenarioError,
    add_own_line,
    apply_actuals_csv,
    load_scenario,
    own_line_entry,
    save_scenario,
    sheet_text_back,
    shipped_scenario_path,
)
from simulator.present import actuals_template_workbook, workbook_bytes

STARTERS = "=+-@\t\r"


def hostile_scenario():
    """The baseline renamed "=1+1", with an own line named "-3" and an appropriation."""
    scenario = load_scenario(shipped_scenario_path("baseline"))
    entry = own_line_entry(scenario, 19, {"department": "市科技局", "name_zh": "-3"})
    scenario = add_own_line(scenario, entry)
    data = scenario.data
    data["name"] = "=1+1"
    data["appropriation"] = {
        "basis": "@budget",
        "wan": {str(y): 160000.0 for y in range(2024, 2029)},
    }
    return scenario.with_data(data)


def text_cells(book):
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def width_of(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.fixture(scope="module")
def run_book(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    path = folder / "hostile.json"
    scenario = hostile_scenario()
    save_scenario(scenario, path)
    out = folder / "results.xlsx"
    code = cli.main(["run", str(path), "--draws", "400", "--xlsx", str(out), "--quiet"])
    assert code == 0
    results = Engine(scenario, draws=400).run()  # the scenario's seed: the same draws
    return openpyxl.load_workbook(out), results


def test_results_sheets_and_numbers(run_book):
    book, results = run_book
    assert book.sheetnames == ["汇总", "按项目", "按措施", "按篇章", "按部门", "合计", "指标"]
    summary = book["汇总"]
    rows = list(summary.iter_rows(values_only=True))
    total_2024 = next(r for r in rows if r[0] == "预算支出合计" and r[1] == 2024)
    assert total_2024[2] == pytest.approx(float(results.outlay()["mean"][0]), rel=1e-12)
    cell = next(c for row in summary.iter_rows() for c in row if c.value == total_2024[2])
    assert cell.data_type == "n" and cell.number_format == "#,##0.0"
    platforms = next(r for r in rows if r[0] == "省级以上科创平台数量")
    assert platforms[3] == pytest.approx(results.target_probability("platforms"))
    probability = next(
        c for row in summary.iter_rows() for c in row if c.value == platforms[3] and c.column == 4
    )
    assert probability.number_format == "0.0%"
    exceed = [r for r in rows if r[0] == "支出超出预算安排"]
    assert [r[1] for r in exceed] == [2024, 2025, 2026, 2027, 2028]
    assert all(r[2] == 160000.0 for r in exceed)


def test_per_line_sheet(run_book):
    book, results = run_book
    sheet = book["按项目"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["编号", "名称", "年份"] and header[3] == "均值 (万元)"
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    demo = [r for r in rows if r[0] == "m01-demo"]
    assert [r[2] for r in demo] == [2024, 2025, 2026, 2027, 2028, "2024–2028"]
    mean = results.outlay("line", "m01-demo")["mean"]
    assert [r[3] for r in demo] == pytest.approx([float(v) for v in mean], rel=1e-12)
    own = [r for r in rows if r[0] == "own-m19-1"]
    assert own and own[0][1] == "'-3"  # text starting with "-" is quoted; read back exactly
    assert sheet_text_back(own[0][1]) == "-3"
    for row in sheet.iter_rows(min_row=2, max_row=3):
        assert all(c.data_type == "n" for c in row[3:])
        assert all(c.number_format == "#,##0.0" for c in row[3:])


def test_indicator_sheet(run_book):
    book, results = run_book
    rows = list(book["指标"].iter_rows(min_row=2, values_only=True))
    rd = [r for r in rows if r[0] == "rd_expenditure"]
    assert [r[2] for r in rd] == [2023, 2024, 2025, 2026, 2027, 2028]
    assert {r[3] for r in rd} == {"亿元"}
    assert rd[-1][4] == pytest.approx(float(results.indicator("rd_expenditure")["mean"][-1]))


def test_frozen_headers_widths_and_no_formula_text(run_book):
    book, _ = run_book
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "C2"), sheet.title
    names = book["按项目"]
    longest = max(width_of(str(c.value)) for c in names["B"][1:])
    assert names.column_dimensions["B"].width >= min(80, longest)
    for title, coordinate, value in text_cells(book):
        assert value[:1] not in STARTERS, (title, coordinate, value)
    assert ("汇总", "B1", "'=1+1") in text_cells(book)


def test_english_results(tmp_path):
    scenario = load_scenario(shipped_scenario_path("baseline"))
    path = tmp_path / "b.json"
    save_scenario(scenario, path)
    out = tmp_path / "r.xlsx"
    assert (
        cli.main(
            ["run", str(path), "--draws", "200", "--xlsx", str(out), "--language", "en", "--quiet"]
        )
        == 0
    )
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Summary", "By line"]


def test_an_unwritable_results_file_is_exit_2(tmp_path, capsys):
    path = tmp_path / "b.json"
    save_scenario(load_scenario(shipped_scenario_path("baseline")), path)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert cli.main(["run", str(path), "--draws", "200", "--xlsx", str(folder), "--quiet"]) == 2
    assert "folder" in capsys.readouterr().err


# ------------------------------------------------------------------------------ template
def test_template_workbook_names_units_and_existing_values(tmp_path, capsys):
    scenario = load_scenario(shipped_scenario_path("baseline"))
    scenario = scenario.replace(
        ("actuals",),
        [{"kind": "measure", "id": "14", "year": 2025, "value": 5200.0, "source": "=决算"}],
    )
    path = tmp_path / "s.json"
    save_scenario(scenario, path)
    out = tmp_path / "t.xlsx"
    assert cli.main(["actuals-template", str(path), "--out", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["实际值"]
    assert [c.value for c in sheet[2]] == ["kind", "id", "year", "value", "source", "name", "unit"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert ("indicator", "tech_enterprises", 2023, None, None, "科技型企业数量", "家") in rows
    assert (
        "line",
        "m01-demo",
        2024,
        None,
        None,
        scenario.catalogue.line("m01-demo").name_zh,
        "万元",
    ) in rows
    filled = [r for r in rows if r[3] is not None]
    assert filled == [("measure", "14", 2025, 5200, "'=决算", filled[0][5], "万元")]
    assert filled[0][5].startswith("14. ")
    # the template reads back as the same actuals
    after, count = apply_actuals_csv(scenario, out.read_bytes(), "t.xlsx", replace=True)
    assert count == 1 and after.actuals == scenario.actuals


def test_template_csv_has_names_and_units_and_reads_back(tmp_path):
    scenario = load_scenario(shipped_scenario_path("baseline"))
    path = tmp_path / "s.json"
    save_scenario(scenario, path)
    out = tmp_path / "t.csv"
    assert cli.main(["actuals-template", str(path), "--out", str(out), "--language", "en"]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["kind", "id", "year", "value", "source", "name", "unit"]
    assert [
        "indicator",
        "rd_expenditure",
        "2023",
        "",
        "",
        "Total R&D expenditure",
        "100m yuan",
    ] in rows
    assert apply_actuals_csv(scenario, out.read_bytes(), "t.csv")[1] == 0


def filled_template(values: dict[int, tuple[object, object]]) -> bytes:
    """The baseline's template workbook with (value, source) put in rows."""
    scenario = load_scenario(shipped_scenario_path("baseline"))
    book = actuals_template_workbook(scenario)
    sheet = book.active
    for row, (value, source) in values.items():
        sheet.cell(row, 4).value = value
        sheet.cell(row, 5).value = source
    return workbook_bytes(book)


def test_xlsx_actuals_follow_the_strict_number_rules():
    scenario = load_scenario(shipped_scenario_path("baseline"))
    ok = filled_template({3: (11500, "统计"), 4: ("12,400", "统计"), 5: (" 12500.5 ", "统计")})
    after, count = apply_actuals_csv(scenario, ok, "a.xlsx")
    assert count == 3
    assert [a["value"] for a in after.actuals] == [11500.0, 12400.0, 12500.5]
    bad = filled_template({3: ("1,5", "x"), 4: ("=A1", "x"), 5: (-1, "x"), 6: (7, None)})
    with pytest.raises(ScenarioError) as caught:
        apply_actuals_csv(scenario, bad, "a.xlsx")
    text = [p.message for p in caught.value.problems]
    assert text[0].startswith('a.xlsx, sheet 实际值: row 3: value: must be a number, got "1,5"')
    assert text[1].startswith('a.xlsx, sheet 实际值: row 4: value: a formula ("=A1")')
    assert "row 5: value: must be >= 0, got -1" in text[2]
    assert "row 6: source: must say where the value comes from" in text[3]
    assert len(text) == 4


def test_a_workbook_without_the_columns_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["what", "ever"])
    with pytest.raises(ScenarioError) as caught:
        apply_actuals_csv(
            load_scenario(shipped_scenario_path("baseline")), workbook_bytes(book), "x.xlsx"
        )
    assert "row 1 or 2 must name the columns kind, id, year, value, source" in str(caught.value)
