"""The problem dialogs of the Chinese app show the problems in Chinese: a scenario file that
cannot be opened (ProblemDialog) and an actuals CSV that cannot be imported
(ImportProblemDialog, by row and column). ``QDPLAN_SHOTS=DIR`` also saves each dialog as a
PNG there, to look at."""

from __future__ import annotations

import json
import os
from pathlib import Path

from simulator.model import ScenarioError, apply_actuals_csv
from tests.test_problem_language import english_runs
from ui.widgets import dialogs
from ui.windows.review import import_problems as review


def _shot(widget, name: str) -> None:
    folder = os.environ.get("QDPLAN_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / name))


def _cells(dialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_chinese_problem_dialog_shows_chinese_problems(
    make_window, small_scenario, tmp_path, monkeypatch
):
    window = make_window(small_scenario, language="zh")
    shown = []
    monkeypatch.setattr(dialogs.ProblemDialog, "exec", lambda self: shown.append(self) or 0)
    data = json.loads(window.document.scenario.to_json())
    data["lines"]["m01-demo"]["uptake"]["2026"] = -3
    data["uptake_multiplier"] = "lots"
    data["lines"]["no-such-line"] = {}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_file(bad) is False
    (dialog,) = shown
    dialog.show()
    rows = dict((where, problem) for where, problem in _cells(dialog))
    assert rows["lines.m01-demo.uptake.2026"] == "须 >= 0，当前为 -3"
    assert rows["uptake_multiplier"] == '须为数值，当前为 "lots"'
    assert rows["lines.no-such-line"].startswith("未知的支持条目编号")
    for problem in rows.values():
        assert english_runs(problem, ["qingdao-2024-2028"]) == [], problem
    _shot(dialog, "problem-dialog-zh.png")
    dialog.close()


def test_the_chinese_import_dialog_lists_chinese_problems_by_row(
    make_window, small_scenario, monkeypatch
):
    window = make_window(small_scenario, language="zh")
    csv = (
        "kind,id,year,value,source\n"
        'line,m01-demo,2025,"1,5",x\n'
        "line,m01-demo,2026,3,x,extra\n"
        "line,m01-demo,2030,3,x\n"
    )
    try:
        apply_actuals_csv(window.document.scenario, csv.encode(), "bad.csv")
    except ScenarioError as exc:
        problems = exc.problems
    dialog = review.ImportProblemDialog("bad.csv", problems, window)
    dialog.show()
    rows = _cells(dialog)
    assert rows[0][:2] == ["第 2 行", "value"] and rows[0][2].startswith('须为数值，当前为 "1,5"')
    assert rows[1][:2] == ["第 3 行", ""] and rows[1][2].startswith("有 6 个单元格")
    assert rows[2][:2] == ["第 4 行", "year"]
    assert rows[2][2] == "须在 2024 至 2028 之间（支出自 2024 年起），当前为 2030"
    for _, column, problem in rows:
        assert english_runs(problem, [column]) == [], problem
    _shot(dialog, "import-problems-zh.png")
    dialog.close()
    dialog.deleteLater()
