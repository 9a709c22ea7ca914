"""Excel workbooks in the app: File ▸ Export/Import ▸ Workbook (the scenario's assumptions,
one undoable step, nothing changed on a problem), Export ▸ Results to Excel, and the actuals
template as .xlsx through the Review menu and the actuals import."""

from __future__ import annotations

import io

import openpyxl
from PySide6.QtWidgets import QFileDialog

from simulator.model import read_scenario_workbook


def section_row(scenario, line_id: str) -> tuple[int, int]:
    """The sheet of a line (the sections' sheets follow the About and Settings sheets, in
    the plan's order) and its first row (five rows per line, from row 3)."""
    catalogue = scenario.catalogue
    section = catalogue.measure(catalogue.line(line_id).measure).section
    lines = [ln.id for ln in catalogue.lines if catalogue.measure(ln.measure).section == section]
    index = [s.id for s in catalogue.sections].index(section)
    return 2 + index, 3 + 5 * lines.index(line_id)


def set_uptake(path, scenario, line_id: str, offset: int, value) -> None:
    book = openpyxl.load_workbook(path)
    index, first = section_row(scenario, line_id)
    sheet = book.worksheets[index]
    column = next(c.column for c in sheet[2] if c.value == "uptake")
    sheet.cell(first + offset, column).value = value
    book.save(path)


def test_menus(window):
    titles = [a.text() for a in window.file_menu.actions()]
    assert "&Import" in titles and "&Export" in titles
    assert titles.index("&Export") < titles.index("&Quit")
    assert window.import_workbook_action.text() == "Workbook (Excel)…"
    assert "Results to Excel…" in [a.text() for a in window.export_menu.actions()]
    assert "Export Excel template…" in [a.text() for a in window.review.menu.actions()]
    window.set_language("zh")
    assert window.import_file_menu.title() == "导入(&I)"
    assert window.export_results_xlsx_action.text() == "结果导出为 Excel…"


def test_export_then_import_an_edited_workbook(window, tmp_path):
    path = tmp_path / "plan.xlsx"
    before = window.document.scenario
    assert window.export_scenario_workbook(path)
    assert read_scenario_workbook(path.read_bytes(), "plan.xlsx") == before
    set_uptake(path, before, "m01-demo", 2, 9)  # 2026
    assert window.import_workbook(path)
    after = window.document.scenario
    expected = before.data
    expected["lines"]["m01-demo"]["uptake"]["2026"] = 9.0
    assert after.data == expected
    assert window.document.modified
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_a_workbook_with_problems_changes_nothing(window, tmp_path, monkeypatch):
    path = tmp_path / "plan.xlsx"
    assert window.export_scenario_workbook(path)
    before = window.document.scenario
    set_uptake(path, before, "m01-demo", 1, "=B7*2")
    shown = []
    from ui.widgets import dialogs

    monkeypatch.setattr(
        dialogs, "show_problems", lambda parent, source, p: shown.append((source, p))
    )
    assert not window.import_workbook(path)
    assert window.document.scenario is before and not window.document.modified
    ((source, problems),) = shown
    assert source == "plan.xlsx"
    (problem,) = problems
    index, first = section_row(before, "m01-demo")
    title = openpyxl.load_workbook(path).worksheets[index].title
    assert problem.path.startswith(f"Sheet {title}, row {first + 1}, column ")
    assert problem.path.endswith("(uptake)") and problem.message.startswith("a formula")


def test_export_workbook_through_the_dialog_adds_the_extension(window, tmp_path, monkeypatch):
    target = tmp_path / "mine"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.export_scenario_workbook()
    assert (tmp_path / "mine.xlsx").read_bytes().startswith(b"PK\x03\x04")


def test_results_to_excel(window, tmp_path):
    path = tmp_path / "results.xlsx"
    assert window.export_results_workbook(path)
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames[:2] == ["Summary", "By line"]
    assert book["By line"].freeze_panes == "C2"


def test_excel_actuals_template_round_trip(window, tmp_path):
    panel = window.review.panel
    path = tmp_path / "actuals.xlsx"
    assert panel.export_template_workbook(path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert [c.value for c in sheet[2]][:5] == ["kind", "id", "year", "value", "source"]
    row = next(
        r for r in sheet.iter_rows(min_row=3) if r[1].value == "platforms" and r[2].value == 2024
    )
    row[3].value, row[4].value = 130, "省科技厅"
    book.save(path)
    assert panel.import_csv(path)
    assert window.document.scenario.actuals == [
        {"kind": "indicator", "id": "platforms", "year": 2024, "value": 130.0, "source": "省科技厅"}
    ]
