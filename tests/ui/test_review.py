"""Mid-term review in the app: the actuals table and CSV import, the flag thresholds, the
scenario comparison window (worker, Cancel, exports) and the briefing report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QStyleOptionViewItem

from simulator import save_scenario
from simulator.model import parse_actuals_csv

ROOT = Path(__file__).resolve().parents[2]
RESTRAINED = ROOT / "scenarios" / "restrained.json"

GOOD_CSV = """kind,id,year,value,source
indicator,tech_enterprises,2024,13500,统计公报 2024
indicator,tech_enterprises,2025,15800,统计公报 2025
indicator,contract_turnover,2025,840,技术市场统计
line,m14-first-recognition,2024,11200,财政决算 2024
measure,1,2025,5200,财政决算 2025
line,m01-demo,2026,,not yet known
"""


@pytest.fixture
def panel(window):
    window.review.show_actuals()
    return window.review.panel


def indicator_tab_text(window, indicator_id):
    kinds = [k for k in window.charts.canvases if k.startswith("indicator:")]
    return window.charts.indicator_tabs.tabText(kinds.index(f"indicator:{indicator_id}"))


# ------------------------------------------------------------------------------ actuals
def test_table_edit_updates_actuals_undo_and_redo(window, panel, wait_idle):
    stack = window.document.undo_stack
    row = panel.add_row()
    assert panel.draft[row]["value"] is None
    panel.set_cell(row, "id", "tech_enterprises")
    panel.set_cell(row, "year", 2025)
    panel.set_cell(row, "value", 15800)
    # no source yet: a draft, not applied, and no error shown
    assert window.document.scenario.actuals == [] and stack.count() == 0
    assert panel.error_label.text() == "" and "source" in panel.hint.text()
    assert panel.set_cell(row, "source", "统计公报 2025")
    assert window.document.scenario.actuals == [
        {
            "kind": "indicator",
            "id": "tech_enterprises",
            "year": 2025,
            "value": 15800,
            "source": "统计公报 2025",
        }
    ]
    assert stack.count() == 1
    assert (
        stack.undoText() == "Add observed value: 2025 Technology enterprises = 15,800 enterprises"
    )
    assert panel.table.item(row, 1).text() == "Technology enterprises"
    assert panel.table.item(row, 4).text() == "enterprises"
    wait_idle(window)
    stats = window.results.indicator("tech_enterprises")
    assert stats["p05"][2] == stats["p95"][2] == 15800  # 2023, 2024, 2025: conditioned
    assert indicator_tab_text(window, "tech_enterprises").endswith("●")
    assert panel.coverage.item(0, 2).text() == "●"

    panel.set_cell(row, "value", 16000)
    assert stack.undoText() == "Observed 2025 Technology enterprises: 15,800 → 16,000"
    stack.undo()
    assert window.document.scenario.actuals[0]["value"] == 15800
    assert panel.table.item(row, 3).text() == "15,800"
    stack.undo()
    assert window.document.scenario.actuals == []
    assert panel.table.rowCount() == 0
    assert not indicator_tab_text(window, "tech_enterprises").endswith("●")
    stack.redo()
    assert window.document.scenario.actuals[0]["value"] == 15800
    assert panel.table.rowCount() == 1
    wait_idle(window)
    assert window.results.indicator("tech_enterprises")["mean"][2] == 15800

    panel.table.selectRow(0)
    assert panel.remove_rows()
    assert window.document.scenario.actuals == []
    assert stack.undoText().startswith("Remove observed value: 2025 Technology")


def test_invalid_values_are_listed_with_their_path_and_kept(window, panel):
    row = panel.add_row(kind="line")
    panel.set_cell(row, "id", "m01-demo")
    panel.set_cell(row, "source", "财政决算")
    assert not panel.set_cell(row, "value", -3)
    assert window.document.scenario.actuals == []
    assert window.document.undo_stack.count() == 0
    assert panel.draft[row]["value"] == -3  # what the user typed stays
    assert panel.table.item(row, 3).text() == "-3"
    assert "row 1, Value: must be >= 0, got -3 (actuals.0.value)" in panel.error_label.text()
    assert panel.problem_rows == {row}
    assert panel.set_cell(row, "value", 30)  # corrected: applied
    assert window.document.scenario.actuals[0]["value"] == 30
    assert panel.error_label.text() == "" and panel.problem_rows == set()


def test_combo_editors_offer_only_valid_choices(window, panel, qtbot):
    from ui.windows.review.actuals_table import ITEM, KIND, YEAR

    row = panel.add_row()
    delegate = panel.table.itemDelegate()

    def editor(column):
        index = panel.table.model().index(row, column)
        box = delegate.createEditor(panel.table.viewport(), QStyleOptionViewItem(), index)
        delegate.setEditorData(box, index)
        return box, index

    box, index = editor(KIND)
    assert [box.itemData(i) for i in range(box.count())] == ["indicator", "line", "measure"]
    box.setCurrentIndex(2)
    delegate.setModelData(box, panel.table.model(), index)
    qtbot.waitUntil(lambda: panel.draft[row]["kind"] == "measure", timeout=600_000)
    assert panel.draft[row]["year"] in (2024, 2025)  # outlays start in 2024
    box, _ = editor(ITEM)
    ids = [box.itemData(i) for i in range(box.count())]
    assert "1" in ids and "14" in ids and "21" not in ids  # measure 21 has no money rule
    box, _ = editor(YEAR)
    assert [box.itemData(i) for i in range(box.count())] == [2024, 2025, 2026, 2027, 2028]
    assert panel.table.item(row, 0).text() == "Measure"


def test_import_csv_merges_and_conditions_projections(
    window, panel, tmp_path, wait_idle, monkeypatch
):
    path = tmp_path / "actuals.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    window.review.import_action.trigger()
    actuals = window.document.scenario.actuals
    assert len(actuals) == 5
    assert window.document.undo_stack.undoText() == "Import 5 observed values from actuals.csv"
    assert panel.table.rowCount() == 5
    wait_idle(window)
    results = window.results
    path_2024 = results.indicator("tech_enterprises")
    assert path_2024["p05"][1] == path_2024["p95"][1] == 13500
    assert results.indicator("contract_turnover")["mean"][2] == pytest.approx(840)
    np.testing.assert_allclose(results.outlay("measure", "1")["mean"][1], 5200, rtol=1e-9)
    # a second import with the same keys replaces them (merge), one more undo step
    path.write_text(
        "kind,id,year,value,source\nindicator,tech_enterprises,2025,16000,修订\n", encoding="utf-8"
    )
    assert panel.import_csv(path)
    actuals = window.document.scenario.actuals
    assert len(actuals) == 5
    assert {
        "kind": "indicator",
        "id": "tech_enterprises",
        "year": 2025,
        "value": 16000,
        "source": "修订",
    } in actuals
    window.document.undo_stack.undo()
    assert len(window.document.scenario.actuals) == 5
    window.document.undo_stack.undo()
    assert window.document.scenario.actuals == []


def test_bad_csv_lists_problems_by_row_and_changes_nothing(window, panel, tmp_path, monkeypatch):
    from ui.windows.review import import_problems as review

    shown = []
    monkeypatch.setattr(
        review,
        "show_import_problems",
        lambda parent, source, problems: shown.append((source, problems)),
    )
    path = tmp_path / "bad.csv"
    path.write_text(
        "kind,id,year,value,source\nindicator,platforms,2024,120,a\n"
        "indicator,platforms,2030,150,x\nline,m01-demo,2025,-3,y\n",
        encoding="utf-8",
    )
    assert not panel.import_csv(path)
    assert window.document.scenario.actuals == []
    assert window.document.undo_stack.count() == 0
    ((source, problems),) = shown
    assert source == "bad.csv"
    rows = review.import_problem_rows(problems)
    assert ("row 3", "year", "must be between 2023 and 2028, got 2030") in rows
    assert any(r[0] == "row 4" and r[1] == "value" and "must be >= 0" in r[2] for r in rows)
    # the dialog itself lists them by row
    dialog = review.ImportProblemDialog(source, problems, window)
    assert dialog.table.item(0, 0).text() == "row 3"
    dialog.deleteLater()
    # not a CSV of actuals at all
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    assert not panel.import_csv(path)
    assert "first row must be kind,id,year,value,source" in str(shown[-1][1][0])


def test_template_round_trip(window, panel, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    assert panel.import_csv(path)
    out = tmp_path / "template.csv"
    assert panel.export_template(out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["kind", "id", "year", "value", "source"]
    empty = next(r for r in rows if r[:3] == ["indicator", "platforms", "2023"])
    assert empty[3:5] == ["", ""] and empty[5].startswith("Provincial")  # name, ignored
    filled = parse_actuals_csv(data, "template.csv")  # the observed values are filled in

    def key(entry):
        return entry["kind"], entry["id"], entry["year"], float(entry["value"]), entry["source"]

    assert sorted(map(key, filled)) == sorted(map(key, window.document.scenario.actuals))


def test_flag_thresholds_are_edited_undoably(window, panel, wait_idle):
    stack = window.document.undo_stack
    panel.on_track_spin.setValue(80.0)
    assert window.document.scenario.flag_thresholds["on_track"] == pytest.approx(0.8)
    assert stack.undoText() == "on-track threshold 70% → 80%"
    panel.at_risk_spin.setValue(90.0)  # above on track: rejected, shown, reverted
    assert window.document.scenario.flag_thresholds["at_risk"] == pytest.approx(0.4)
    assert panel.at_risk_spin.value() == pytest.approx(40.0)
    assert "at_risk must not exceed on_track" in panel.error_label.text()
    panel.at_risk_spin.setValue(0.0)
    wait_idle(window)
    assert window.results.scenario.flag_thresholds["at_risk"] == 0.0
    summary = window.summary
    flags = [
        summary.table.item(r, summary.column_of(r, 4)).text()
        for r in range(summary.table.rowCount())
        if summary.rows[r] and len(summary.rows[r]) > 4
    ]
    assert "at risk" in flags or "on track" in flags  # the status column is read
    assert "off track" not in flags  # nothing is below 0%
    stack.undo()
    stack.undo()
    assert window.document.scenario.flag_thresholds == {"on_track": 0.7, "at_risk": 0.4}
    assert panel.on_track_spin.value() == pytest.approx(70.0)


# ------------------------------------------------------------------------------ comparison
def compare_with(window, qtbot, paths, draws=None):
    cw = window.review.open_compare(paths)
    if draws:
        cw.draws_spin.setValue(draws)
    with qtbot.waitSignal(cw.finished, timeout=600_000) as ended:
        assert cw.start()
    assert ended.args == ["done"]
    return cw


def test_scenario_compared_with_itself_shows_no_difference(window, qtbot, tmp_path):
    path = tmp_path / "same.json"
    save_scenario(window.document.scenario, path)
    cw = compare_with(window, qtbot, [path])
    assert cw.differences_table.rowCount() == 0
    assert cw.count_label.text() == "No assumption differs."
    comparison = cw.comparison
    assert comparison.draws == 2000
    for values in comparison.outlay_difference(1).values():
        assert np.all(values == 0)
    assert all(v == 0 for v in comparison.target_difference(1).values())
    delta_row = next(r for r in cw.totals_rows if r and r[0].startswith("Δ"))
    assert all(float(v.replace(",", "")) == 0 for v in delta_row[1:])
    cw.close()


def test_baseline_against_restrained(window, qtbot, tmp_path, monkeypatch):
    cw = compare_with(window, qtbot, [RESTRAINED])
    comparison = cw.comparison
    n = cw.differences_table.rowCount()
    assert n > 10
    rows = cw.difference_rows
    assert ["", "", "uptake multiplier", "1", "0.7"] in rows
    assert any(
        r[0] == "Industry-wide common technology projects"
        and r[1] == "2026"
        and r[2] == "award share mean"
        for r in rows
    )
    assert not any(r[2] == "draws" for r in rows)  # both ran with the reference's draws
    totals = [r.outlay()["mean"][-1] for r in comparison.results]
    assert totals[1] < totals[0]
    assert comparison.outlay_difference(1)["mean"][-1] < 0
    # filter
    cw.filter_box.setText("2026")
    shown = cw.visible_difference_rows()
    assert 0 < len(shown) < n and all("2026" in " ".join(r) for r in shown)
    assert "of" in cw.count_label.text()
    # clipboard and CSV carry what is shown
    assert cw.copy_differences()
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["Item", "Year", "Setting"]
    assert len(lines) == len(shown) + 1
    out = tmp_path / "differences.csv"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "differences"), "")),
    )
    assert cw.export_differences()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    cw.filter_box.setText("")
    # charts: overlaid totals, difference, target probabilities
    assert list(cw.canvases) == ["compare_total", "compare_difference", "compare_targets"]
    assert any("Total outlays" in t for t in cw.canvases["compare_total"].texts())
    folder = tmp_path / "charts"
    written = cw.export_charts(folder)
    assert len(written) == 9 and (folder / "compare_targets.svg").exists()
    assert cw.export_chart(cw.canvases["compare_difference"], tmp_path / "d.pdf")
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    # totals and targets table, with differences
    header = cw.totals_rows[0]
    assert header[1:] == ["2024", "2025", "2026", "2027", "2028", "2024–2028"]
    assert any(r and r[0] == "All five targets" for r in cw.totals_rows)
    # the language switch redraws the charts and retranslates the window
    window.set_language("zh")
    assert cw.tabs.tabText(0) == "假设差异"
    assert ["", "", "申报量乘数", "1", "0.7"] in cw.difference_rows
    from simulator.present import chinese_font_available

    if chinese_font_available():
        assert any("年度预算支出" in t for t in cw.canvases["compare_total"].texts())
    window.set_language("en")
    assert cw.tabs.tabText(0) == "Differences in assumptions"
    cw.close()


def test_observed_values_are_shared_with_the_compared_scenarios(window, panel, qtbot, tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    assert panel.import_csv(path)
    cw = compare_with(window, qtbot, [RESTRAINED])
    assert cw.shared_actuals.isEnabled() and cw.shared_actuals.isChecked()
    other = cw.comparison.results[1]
    assert other.indicator("tech_enterprises")["p95"][1] == 13500  # conditioned as well
    assert not any(r[0].startswith("Observed value") for r in cw.difference_rows)
    cw.shared_actuals.setChecked(False)
    with qtbot.waitSignal(cw.finished, timeout=600_000):
        cw.start()
    assert cw.comparison.results[1].indicator("tech_enterprises")["p95"][1] != 13500
    assert any(
        r[0].startswith("Observed value: Technology enterprises") for r in cw.difference_rows
    )
    cw.close()


def test_cancelled_comparison_leaves_the_window_usable(window, qtbot):
    cw = window.review.open_compare([RESTRAINED])
    cw.draws_spin.setValue(2_000_000)
    with qtbot.waitSignal(cw.finished, timeout=600_000) as ended:
        assert cw.start()
        assert cw.running and cw.cancel_button.isVisible()
        assert not cw.compare_button.isEnabled()
        cw.cancel_button.click()
    assert ended.args == ["cancelled"]
    assert not cw.running and not cw.cancel_button.isVisible()
    assert cw.compare_button.isEnabled() and cw.comparison is None
    assert "cancelled" in cw.status.text()
    cw.draws_spin.setValue(2000)
    with qtbot.waitSignal(cw.finished, timeout=600_000) as ended:
        cw.start()
    assert ended.args == ["done"] and cw.comparison is not None
    cw.close()


def test_reference_can_be_changed(window, qtbot):
    cw = window.review.open_compare([RESTRAINED])
    assert cw.scenario_table.item(0, 0).text() == "Reference"
    cw.make_reference(1)
    assert cw.entries[0]["path"] == RESTRAINED
    assert cw.scenarios()[1] is window.document.scenario
    cw.scenario_table.selectRow(1)
    cw.remove_selected()
    assert len(cw.entries) == 1 and not cw.compare_button.isEnabled()
    cw.add_current()
    assert len(cw.entries) == 2
    cw.close()


# ------------------------------------------------------------------------------ report
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_briefing_report_is_a_valid_pdf(
    make_window, small_scenario, qtbot, tmp_path, monkeypatch, lang
):
    window = make_window(small_scenario, language=lang)
    target = tmp_path / "briefing"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    with qtbot.waitSignal(window.review.reportWritten, timeout=600_000) as written:
        window.review.report_action.trigger()
        assert not window.review.report_action.isEnabled()
    assert written.args == [str(tmp_path / "briefing.pdf")]
    pdf = (tmp_path / "briefing.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert window.review.report_action.isEnabled()
    assert window.review.open_folder.isVisibleTo(window)


def test_briefing_report_to_an_unwritable_path(window, qtbot, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append((a[1], a[2])))
    )
    missing = tmp_path / "no" / "such" / "folder" / "r.pdf"
    assert not window.review.write_briefing(missing)  # said at once, nothing computed
    ((title, message),) = warned
    assert title == "Could not write the briefing report"
    assert str(missing) in message and "Traceback" not in message
    assert window.review.report_action.isEnabled()


def test_briefing_report_over_a_read_only_file_is_refused_at_once(window, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    assert not window.review.write_briefing(target)
    (message,) = warned
    assert str(target) in message and "read-only" in message
    assert target.read_bytes() == b"kept"


def test_review_menu_and_tab_are_translated(window):
    review = window.review
    assert review.menu.title() == "Re&view"
    window.set_language("zh")
    assert review.menu.title() == "中期评估(&V)"
    assert review.compare_action.text() == "情景比较…"
    assert window.editor_tabs.tabText(window.editor_tabs.indexOf(review.panel)) == "实际值"
    assert review.panel.table.horizontalHeaderItem(0).text() == "类别"


# ------------------------------------------------------------------------------ start options
@pytest.fixture
def restore_excepthook():
    import sys

    hook = sys.excepthook
    yield
    sys.excepthook = hook


def test_gui_options_import_actuals_and_screenshot_the_comparison(
    tmp_path, small_scenario, restore_excepthook, qapp, capsys
):
    from ui import i18n
    from ui.app import main

    scenario_file = tmp_path / "small.json"
    save_scenario(small_scenario, scenario_file)
    good = tmp_path / "actuals.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    shot = tmp_path / "compare.png"
    code = main(
        [
            str(scenario_file),
            "--screenshot",
            str(shot),
            "--language",
            "en",
            "--actuals",
            str(good),
            "--compare",
            str(scenario_file),
            str(RESTRAINED),
        ]
    )
    assert code == 0 and shot.read_bytes().startswith(b"\x89PNG")
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,id,year,value,source\nline,m01-demo,2031,3,x\n", encoding="utf-8")
    code = main(
        [str(scenario_file), "--screenshot", str(tmp_path / "x.png"), "--actuals", str(bad)]
    )
    assert code == 2 and "bad.csv: row 2: year" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
    i18n.set_language("en")


def test_typed_values_read_like_the_csv():
    """The table's values and the CSV's go through one parser (simulator.model)."""
    from simulator.model import parse_number
    from ui.windows.review.actuals_table import typed_value, value_problem

    for text in ("15,800", " 420.5 ", "1e3", "-3", "１５８００"):
        assert typed_value(text) == parse_number(text)
    assert typed_value("15,800") == 15800 and typed_value("  ") is None
    for text in ("1,5", "lots", "nan", "15_800"):  # refused: kept as typed, with the reason
        assert typed_value(text) == text
        assert value_problem(text).startswith("must be")
    assert value_problem(15) is None
