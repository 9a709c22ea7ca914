"""The published history in the app: the indicator charts show it before the plan, the
Review menu loads a planner's own history CSV (problems by row in a dialog, nothing changed)
and goes back to the published one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from simulator.model import HISTORY_COLUMNS, load_history

HEADER = ",".join(HISTORY_COLUMNS)
KIND = "indicator:contract_turnover"


def shown_history(window) -> dict[int, float]:
    canvas = window.charts.canvases[KIND]
    window.charts.select_indicator(3)
    window.charts.refresh_visible(now=True)
    return canvas.chart.data()["history"]


def published() -> dict[int, float]:
    return {y: v for y, v in load_history().series("contract_turnover").items() if y < 2024}


def test_the_charts_show_the_published_history(window):
    assert shown_history(window) == published()
    assert not window.review.shipped_history_action.isEnabled()


def test_load_history_replaces_it_and_the_published_one_comes_back(window, tmp_path, monkeypatch):
    path = tmp_path / "own.csv"
    path.write_text(
        HEADER
        + "\ncontract_turnover,2022,431.5,亿元,技术合同成交额,市科技局,内部统计,2023,,yes,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    window.review.history_action.trigger()
    assert shown_history(window) == {2022: 431.5}
    assert window.review.shipped_history_action.isEnabled()
    assert "own.csv" in window.statusBar().currentMessage()
    # a hidden indicator chart shows it too once drawn
    rd = window.charts.canvases["indicator:rd_expenditure"]
    assert rd.chart.history.source == "own.csv"
    window.review.shipped_history_action.trigger()
    assert shown_history(window) == published()
    assert not window.review.shipped_history_action.isEnabled()


@pytest.mark.parametrize("cancel", [True, False])
def test_a_bad_history_lists_problems_by_row_and_changes_nothing(
    window, tmp_path, monkeypatch, cancel
):
    from ui.windows.review import import_problems

    shown = []
    monkeypatch.setattr(
        import_problems,
        "show_import_problems",
        lambda parent, source, problems, title=None: shown.append((source, problems, title)),
    )
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "\ncontract_turnover,2022,431.5,万元,d,p,t,2023,,yes,\n", encoding="utf-8"
    )
    answer = ("", "") if cancel else (str(path), "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: answer))
    assert not window.review.load_history_file()
    assert shown_history(window) == published()
    if cancel:
        assert shown == []
        return
    ((source, problems, title),) = shown
    assert source == "bad.csv" and title == "The history could not be loaded"
    rows = import_problems.import_problem_rows(problems)
    assert rows == [("row 2", "unit", "must be '亿元' (the unit of contract_turnover), got '万元'")]
