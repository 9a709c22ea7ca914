"""The decision-support window: analyses in the worker, the appropriation editor, the goal
seek's Apply point as one undo step, Cancel, and the language switch.

Analyses run at 3,000 draws (sensitivity without the indicator model's assumptions, the goal
seek with two free lines: an exhaustive search), so the whole file takes a few seconds.
"""

from __future__ import annotations

import pytest

from simulator.analysis import ALL_TARGETS, OUTLAY
from simulator.present import chinese_font_available

DRAWS = 3000
TIMEOUT = 600_000  # a safety net only: each wait ends on the runner's own signal
FREE = ["m01-common-tech", "m14-first-recognition"]


@pytest.fixture
def decision(window):
    """The decision-support window of a fresh main window, at 3,000 draws."""
    dw = window.decision.open("sensitivity")
    dw.draws_spin.setValue(DRAWS)
    yield dw
    dw.shutdown()


def run(qtbot, dw, kind):
    with qtbot.waitSignal(dw.runner.finished, timeout=TIMEOUT):
        assert dw.run(kind)
        assert dw.runner.running
        assert dw.progress.isVisible() and dw.cancel_button.isVisible()
        assert not dw.tab(kind).run_button.isEnabled()
    assert not dw.progress.isVisible()
    assert dw.tab(kind).run_button.isEnabled()
    return dw.tab(kind).result


def test_sensitivity_runs_in_the_worker_and_fills_tornado_and_drivers(window, decision, qtbot):
    tab = decision.sensitivity
    tab.indicators_check.setChecked(False)
    assert tab.tornado.currentWidget() is tab.tornado.placeholder
    result = run(qtbot, decision, "sensitivity")
    assert result.draws == DRAWS and result.seed == window.document.scenario.seed
    assert "3,000 draws" in tab.info.text()
    assert not tab.stale.isVisible()
    # all five targets by default: the tornado's bars are the widest swings, widest on top
    assert tab.output == ALL_TARGETS
    data = tab.tornado.chart.data()
    assert tab.tornado.currentWidget() is tab.tornado.canvas
    assert data["factors"] == [s.factor.id for s in result.tornado(ALL_TARGETS, 10)]
    drivers = result.top_drivers(ALL_TARGETS)
    assert tab.drivers.rowCount() == len(drivers)
    assert tab.drivers.isColumnHidden(2)  # variance shares only exist for the outlay
    # the total outlay: the charts and the table follow the selector
    tab.output_combo.setCurrentIndex(tab.output_combo.findData(OUTLAY))
    assert tab.tornado.kind == f"tornado:{OUTLAY}"
    assert tab.tornado.chart.data()["output"] == OUTLAY
    assert tab.drivers_chart.chart.data()["output"] == OUTLAY
    assert not tab.drivers.isColumnHidden(2)
    top = result.top_drivers(OUTLAY)[0]
    assert tab.drivers.item(0, 2).text() == f"{100 * top.variance_share:.1f}%"
    # a change of the scenario marks it out of date; undo brings it back in step
    window.document.edit(("uptake_multiplier",), 1.2)
    assert not tab.stale.isHidden()
    window.document.undo_stack.undo()
    assert tab.stale.isHidden()


def test_a_change_during_the_run_marks_the_result_out_of_date(window, decision, qtbot):
    tab = decision.value
    with qtbot.waitSignal(decision.runner.finished, timeout=TIMEOUT):
        decision.run("value_for_money")
        window.document.edit(("name",), "changed while it ran")
    assert tab.result.scenario.name != "changed while it ran"  # it ran on the snapshot
    assert not tab.stale.isHidden()


def test_value_for_money_ranks_the_measures_for_the_chosen_target(decision, qtbot):
    decision.tabs.setCurrentWidget(decision.value)
    tab = decision.value
    result = run(qtbot, decision, "value_for_money")
    ranked = result.ranked(ALL_TARGETS)
    assert tab.table.rowCount() == len(ranked)
    catalogue = result.catalogue
    first = catalogue.measure(ranked[0].measure)
    assert tab.table.item(0, 1).text().startswith(f"{first.number}. ")
    assert tab.chart.chart.data()["measures"][0] == ranked[0].measure
    tab.target_combo.setCurrentIndex(tab.target_combo.findData("tech_brokers"))
    ranked = result.ranked("tech_brokers")
    assert tab.chart.chart.output == "tech_brokers"
    assert tab.chart.chart.data()["measures"][0] == ranked[0].measure
    value = ranked[0].per_block["tech_brokers"]
    assert tab.table.item(0, 3).text() == f"{100 * value:+.3f}"


def test_appropriation_editor_sets_the_scenario_and_undo_restores(window, decision, wait_idle):
    decision.tabs.setCurrentWidget(decision.envelope)
    env = decision.envelope
    before = window.document.scenario
    assert before.appropriation is None and env.none_radio.isChecked()
    assert env.table.rowCount() == 0
    wan = {
        "2024": 150_000.0,
        "2025": 160_000.0,
        "2026": 170_000.0,
        "2027": 180_000.0,
        "2028": 190_000.0,
    }
    env.set_yearly(wan)
    assert env.spins["2024"].value() == pytest.approx(15.0)  # shown in 亿元
    assert env.pending.text() == "Not applied yet"
    assert window.document.scenario.appropriation is None  # not before Apply
    env.apply_button.click()
    stack = window.document.undo_stack
    assert window.document.scenario.appropriation == wan
    assert stack.undoText() == (
        "Appropriation none → 15.00 / 16.00 / 17.00 / 18.00 / 19.00 100m yuan"
    )
    assert env.pending.text() == ""
    wait_idle(window)
    env.show_exceedance()
    exceedance = window.results.appropriation_exceedance()
    assert env.table.rowCount() == 5
    assert [env.table.item(r, 4).text() for r in range(5)] == [
        f"{100 * exceedance[y]:.1f}%" for y in sorted(wan)
    ]
    assert env.chart.chart.data()["exceedance"] == [[exceedance[y] for y in sorted(wan)]]
    # the main window's summary shows it too
    texts = [row[0] for row in window.summary.rows if row]
    assert "Outlay above the appropriation" in texts
    # the unit can change without changing the values
    env.unit_combo.setCurrentIndex(env.unit_combo.findData("万元"))
    assert env.spins["2028"].value() == pytest.approx(190_000.0)
    assert env.pending.text() == ""
    # undo restores the scenario exactly, and the editor follows
    stack.undo()
    assert window.document.scenario is before
    assert env.none_radio.isChecked()
    stack.redo()
    assert env.set_radio.isChecked() and env.spins["2025"].value() == pytest.approx(160_000.0)
    # "No appropriation" is an edit of its own
    env.none_radio.setChecked(True)
    env.apply()
    assert window.document.scenario.appropriation is None
    assert stack.undoText().startswith("Appropriation 15.00 / 16.00")


def test_goal_seek_applies_a_frontier_point_as_one_undo_step(window, decision, qtbot):
    decision.tabs.setCurrentWidget(decision.goal)
    tab = decision.goal
    tab.set_free(FREE)
    assert tab.free_lines() == FREE
    tab.levels_spin.setValue(5)
    result = run(qtbot, decision, "optimize")
    assert [b.line for b in result.lines] == FREE
    assert result.method == "exhaustive" and result.frontier
    assert tab.points.rowCount() == len(result.frontier) + 1  # and the scenario as it is
    assert len(tab.chart.chart.data()["outlay"]) == len(result.frontier)
    assert "Scenario as it is" in tab.message.text()
    # the goal point is selected; apply another one
    assert tab.selected_point()[1] is result.best
    n = 1 if result.best_index != 1 else len(result.frontier)
    tab.points.selectRow(n)
    assert tab.selected_point() == (n, result.frontier[n - 1])
    assert tab.detail.rowCount() == len(FREE)
    assert tab.apply_button.isEnabled()
    document = window.document
    before = document.scenario
    steps = document.undo_stack.count()
    tab.apply_button.click()
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText().startswith(
        f"Apply goal-seek point {n}: uptake of 2 lines"
    )
    point = result.frontier[n - 1]
    for line_id in FREE:
        assert document.scenario.get(("lines", line_id, "uptake")) == pytest.approx(
            point.uptake[line_id]
        )
    # the same derivation as `optimize --save`: a new name, how it was made, new bases
    assert document.scenario.name != before.name and "goal seek" in document.scenario.name
    assert f"Frontier point {n}:" in document.scenario.description
    for line_id in FREE:
        basis = document.scenario.get(("lines", line_id, "basis"))
        if point.uptake[line_id] != before.get(("lines", line_id, "uptake")):
            assert f"set by goal seek/optimize from '{before.name}'" in basis
        else:
            assert basis == before.get(("lines", line_id, "basis"))
    assert not tab.stale.isHidden() and not tab.apply_button.isEnabled()
    document.undo_stack.undo()
    assert document.scenario is before and document.scenario == result.scenario
    assert tab.stale.isHidden() and tab.apply_button.isEnabled()


def test_goal_seek_shows_bad_bounds_and_does_not_run(decision):
    tab = decision.goal
    tab.set_bounds("m01-common-tech", 20.0, 10.0)
    assert not decision.run("optimize")
    assert not decision.runner.running
    assert "min must not exceed max" in tab.error.text()
    tab.set_free([])
    assert not decision.run("optimize")
    assert tab.error.text() == "Choose at least one free line."


def test_cancel_leaves_the_window_usable(decision, qtbot):
    decision.draws_spin.setValue(200_000)
    with qtbot.waitSignal(decision.runner.cancelled, timeout=TIMEOUT):
        assert decision.run("sensitivity")
        decision.cancel_button.click()
    assert not decision.runner.running
    assert not decision.progress.isVisible() and not decision.cancel_button.isVisible()
    assert "cancelled" in decision.status.text()
    assert decision.sensitivity.result is None
    assert decision.sensitivity.run_button.isEnabled() and decision.draws_spin.isEnabled()
    decision.draws_spin.setValue(DRAWS)
    result = run(qtbot, decision, "value_for_money")
    assert result.draws == DRAWS


def test_language_switch_retitles_the_charts(window, decision, qtbot):
    decision.sensitivity.indicators_check.setChecked(False)
    run(qtbot, decision, "sensitivity")
    tornado = decision.sensitivity.tornado.chart
    assert tornado.title() == "Tornado: P(all five targets)"
    assert window.decision.menu.title() == "&Analysis"
    window.set_language("zh")
    assert window.decision.menu.title() == "分析(&A)"
    assert decision.tabs.tabText(0) == "敏感性分析"
    assert decision.tabs.tabText(3) == "目标求解"
    assert decision.sensitivity.run_button.text() == "运行"
    assert decision.windowTitle().startswith("决策支持")
    if chinese_font_available():
        assert decision.sensitivity.tornado.chart.title() == "龙卷风图：五项目标全部达成概率"
        texts = [t.get_text().strip() for t in decision.sensitivity.tornado.figure.texts]
        assert "龙卷风图：五项目标全部达成概率" in texts
    window.set_language("en")
    assert decision.sensitivity.tornado.chart.title() == "Tornado: P(all five targets)"
    assert decision.tabs.tabText(0) == "Sensitivity"
