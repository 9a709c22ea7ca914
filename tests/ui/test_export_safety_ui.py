"""The app's exports cannot carry a formula, and its actuals editor and import read numbers
exactly or refuse them (issue 11). Every CSV export goes through ``widgets.export.export_csv``
and every clipboard copy through ``widgets.tables.copy_rows``; both end in
``simulator.present`` (``rows_to_csv_bytes``, ``rows_to_tsv``), whose rule the non-Qt
tests (tests/test_export_safety.py) check on arbitrary text. Here each of the app's paths is
driven with a scenario whose planner text is hostile."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QFileDialog

from simulator import load_scenario, save_scenario
from simulator.model import add_own_line, formula_unquoted, own_line_entry

ROOT = Path(__file__).resolve().parents[2]
RESTRAINED = ROOT / "scenarios" / "restrained.json"

STARTERS = "=+-@\t\r\n＝＋－＠"
NUMBER = re.compile(r"\s*[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?\s*")
LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")

NAME = '=HYPERLINK("http://example.invalid","x")'
OTHER_NAME = "-2+3 restrained"
OWN_ZH = "@SUM(1+1)*cmd"
OWN_EN = "+cmd|' /C calc'!A0"
SOURCE = "\t=1+1 财政决算"


def could_run(cell: str) -> bool:
    starts = any(c in STARTERS for c in (cell[:1], cell.lstrip()[:1]) if c)
    return starts and not NUMBER.fullmatch(cell)


def assert_safe(rows) -> None:
    bad = [cell for row in rows for cell in row if could_run(cell)]
    assert not bad, bad


def clipboard_cells() -> list[list[str]]:
    text = QApplication.clipboard().text()
    return [line.split("\t") for line in LINE_BREAK.split(text.rstrip("\n"))]


def csv_cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.fixture
def hostile(small_scenario):
    entry = own_line_entry(
        small_scenario, 19, {"name_zh": "x", "name_en": "x", "department": "市科技局"}
    )
    entry.update(name_zh=OWN_ZH, name_en=OWN_EN)
    scenario = add_own_line(small_scenario, entry)
    scenario = scenario.replace(("name",), NAME).replace(("description",), "=cmd")
    actual = {"kind": "line", "id": entry["id"], "year": 2024, "value": 480, "source": SOURCE}
    return scenario.replace(("actuals",), [actual])


@pytest.fixture
def hostile_window(make_window, hostile):
    return make_window(hostile)


def test_summary_csv_and_clipboard(hostile_window, tmp_path):
    window = hostile_window
    assert window.export_summary_csv(tmp_path / "summary.csv")
    rows = csv_cells(tmp_path / "summary.csv")
    assert_safe(rows)
    assert float(rows[1][3]) > 0  # numbers stay numbers
    assert window.copy_summary()
    assert_safe(clipboard_cells())


def test_actuals_template_export_is_safe_and_reads_back(hostile_window, tmp_path):
    window = hostile_window
    panel = window.review.panel
    out = tmp_path / "template.csv"
    assert panel.export_template(out)
    rows = csv_cells(out)
    assert_safe(rows)
    own = next(r for r in rows if r[:3] == ["line", "own-m19-1", "2024"])
    assert own[3] == "480" and own[4] == "'" + SOURCE  # the source, quoted
    assert formula_unquoted(own[5]) == OWN_EN  # the item's name (English app)
    # nothing is lost: the importer takes the quote off again
    window.document.edit(("actuals",), [], label="clear")
    assert panel.import_csv(out)
    assert window.document.scenario.actuals == [
        {"kind": "line", "id": "own-m19-1", "year": 2024, "value": 480, "source": SOURCE}
    ]


def test_comparison_copies_and_export(hostile_window, qtbot, tmp_path, monkeypatch):
    other = load_scenario(RESTRAINED).replace(("name",), OTHER_NAME)
    path = tmp_path / "other.json"
    save_scenario(other, path)
    cw = hostile_window.review.open_compare([path])
    cw.draws_spin.setValue(500)
    with qtbot.waitSignal(cw.finished, timeout=60_000) as ended:
        assert cw.start()
    assert ended.args == ["done"]
    assert any(OWN_EN in " ".join(r) for r in cw.difference_rows)  # the own line differs
    assert cw.copy_differences()
    copied = clipboard_cells()
    assert copied[0][3:] == ["'" + NAME, "'" + OTHER_NAME]
    assert_safe(copied)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "differences"), "")),
    )
    assert cw.export_differences()
    assert_safe(csv_cells(tmp_path / "differences.csv"))
    assert cw.copy_totals()
    totals = clipboard_cells()
    assert_safe(totals)
    delta = next(r for r in totals if r[0].startswith("Δ"))
    assert all(NUMBER.fullmatch(v) for v in delta[1:])  # the differences stay numbers
    cw.close()


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                st.sampled_from(["=1", "-2+3", "@x", "\t=1", "'=1", "-5", "+1.2 pp"]),
            ),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_the_decision_tabs_copy_button(qtbot, rows):
    """The decision windows' tables copy through ``copy_button``: arbitrary cell text."""
    from ui.widgets.tables import copy_button, item, make_table

    table = make_table(2)
    qtbot.addWidget(table)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, item(text))
    heard = []
    button = copy_button(table, heard.append)
    qtbot.addWidget(button)
    button.click()
    copied = clipboard_cells()
    assert_safe(copied)
    assert len(copied) == len(rows) + 1 and heard
    table.selectAll()  # and Ctrl+C in the table
    press_copy(qtbot, table)
    copied = clipboard_cells()
    assert_safe(copied)
    assert len(copied) == len(rows)


# ------------------------------------------------------------------ numbers typed and imported
@pytest.fixture
def panel(window):
    window.review.show_actuals()
    return window.review.panel


def test_a_decimal_comma_typed_in_the_table_is_refused_with_the_reason(window, panel):
    # before: "1,5" was taken as 15 and applied
    from ui.windows.review.actuals_table import typed_value

    row = panel.add_row(kind="line")
    panel.set_cell(row, "id", "m01-demo")
    panel.set_cell(row, "source", "财政决算")
    assert not panel.set_cell(row, "value", typed_value("1,5"))
    assert window.document.scenario.actuals == []
    assert panel.draft[row]["value"] == "1,5"  # what the planner typed stays
    assert (
        'row 1, Value: must be a number, got "1,5": a comma is read only between groups of '
        "three digits" in panel.error_label.text()
    )
    assert panel.set_cell(row, "value", typed_value("1.5"))
    assert window.document.scenario.actuals[0]["value"] == 1.5


def test_the_import_dialog_lists_each_unclear_cell(window, panel, tmp_path, monkeypatch):
    from ui.windows.review import import_problems as review

    shown = []
    monkeypatch.setattr(
        review, "show_import_problems", lambda parent, source, problems: shown.append(problems)
    )
    path = tmp_path / "bad.csv"
    path.write_text(
        "kind,id,year,value,source\n"
        'line,m01-demo,2024,"1,5",a\n'
        "line,m01-demo,2025,15,800,b\n"
        "indicator,platforms,2030,150,c\n"
        'line,m01-demo,2026,100,"d\n',
        encoding="utf-8",
    )
    assert not panel.import_csv(path)
    assert window.document.scenario.actuals == [] and window.document.undo_stack.count() == 0
    (problems,) = shown
    rows = review.import_problem_rows(problems)
    assert [(r[0], r[1]) for r in rows] == [
        ("row 2", "value"),
        ("row 3", ""),
        ("row 4", "year"),
        ("row 5", "source"),
    ]
    assert rows[0][2].startswith('must be a number, got "1,5"')
    assert rows[1][2].startswith("6 cells, but the first row has 5")
    assert "never closed" in rows[3][2]


# ------------------------------------------------------------------ Ctrl+C in tables and trees
def press_copy(qtbot, view) -> None:
    from PySide6.QtCore import Qt

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_c_copies_the_selection_formula_safe(qtbot):
    """Qt's own Ctrl+C copies the current cell's text as it is ("=1+1" pastes as a
    formula); ``safe_copy`` copies the selected cells through ``copy_rows`` instead."""
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QTableWidgetSelectionRange

    from ui.widgets.tables import safe_copy

    table = safe_copy(QTableWidget(2, 3))
    qtbot.addWidget(table)
    for r, row in enumerate([["=1+1", "-5", "a"], ["x", "@y", "-2+3"]]):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.setRangeSelected(QTableWidgetSelectionRange(0, 0, 1, 1), True)
    press_copy(qtbot, table)
    assert QApplication.clipboard().text() == "'=1+1\t-5\nx\t'@y\n"
    table.clearSelection()
    table.setCurrentCell(1, 2, QItemSelectionModel.SelectionFlag.NoUpdate)
    press_copy(qtbot, table)
    assert QApplication.clipboard().text() == "'-2+3\n"  # nothing selected: the current cell


def test_ctrl_c_in_the_windows_tables(hostile_window, qtbot):
    window = hostile_window
    tree = window.tree
    assert tree.select("line", "own-m19-1", emit=False)
    press_copy(qtbot, tree.tree)
    copied = clipboard_cells()
    assert_safe(copied)
    assert copied[0][0] == "'" + OWN_EN
    panel = window.review.panel
    window.review.show_actuals()
    panel.table.setCurrentCell(0, 5)
    press_copy(qtbot, panel.table)
    assert clipboard_cells() == [  # the whole row (rows are selected); the tab became a space
        ["Line", "'" + OWN_EN, "2024", "480", "10k yuan", "' =1+1 财政决算"]
    ]
    window.summary.table.selectAll()
    press_copy(qtbot, window.summary.table)
    assert_safe(clipboard_cells())


def test_a_failed_export_says_why_in_the_apps_language(make_window, small_scenario, tmp_path):
    """The system's words for a common error, translated, with the file named: "Permission
    denied" reads 没有权限 in the Chinese app (it was the C library's English)."""
    import errno
    import os

    from ui.widgets.export import reason

    make_window(small_scenario, language="zh")
    path = tmp_path / "表.csv"
    said = reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES)), path)
    assert said == f"{path}：没有权限"
    # the file the system names (here another one), once, with the reason translated
    other = tmp_path / "other.csv"
    named = reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(other)), path)
    assert named == f"{other}：没有权限"
