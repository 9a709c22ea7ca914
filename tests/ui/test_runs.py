"""Full runs in a worker thread: progress, Cancel, and the window stays usable."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QTimer


def test_long_run_can_be_cancelled(window, qtbot, wait_idle):
    old_results = window.results
    old_engine = window.controller.engine
    old_means = np.array(old_results.outlay()["mean"])
    with qtbot.waitSignal(window.controller.runStarted, timeout=600_000):
        window.document.edit(("simulation", "draws"), 2_000_000)
    assert window.controller.running
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    with qtbot.waitSignal(window.controller.runEnded, timeout=600_000) as ended:
        window.cancel_button.click()
    assert ended.args == ["cancelled"]
    assert not window.controller.running
    assert not window.progress.isVisible()
    # the previous results remain, marked out of date
    assert window.results is old_results
    assert window.controller.engine is old_engine
    np.testing.assert_allclose(window.results.outlay()["mean"], old_means)
    assert "out of date" in window.stale_label.text()
    assert "2,000 draws" in window.status_label.text()
    # still usable: undo brings the scenario back in step without a new long run
    window.document.undo_stack.undo()
    window.process_pending()
    assert not window.controller.running and not window.controller.stale
    assert window.stale_label.text() == ""


def test_window_responds_while_a_run_is_going(window, qtbot):
    window.document.edit(("simulation", "draws"), 1_000_000)
    window.controller.sync_now()
    assert window.controller.running
    # the event loop keeps turning while the worker runs: a timer fires before the run ends
    # (how fast is measured by benchmarks/ui_latency.py, not by a timed test)
    fired = []
    QTimer.singleShot(0, lambda: fired.append(window.controller.running))
    qtbot.waitUntil(lambda: bool(fired), timeout=600_000)
    assert fired == [True]
    window.select_line("m05-provincial-lab")
    assert window.line_editor.line_id == "m05-provincial-lab"
    window.controller.cancel()
    qtbot.waitUntil(lambda: not window.controller.running, timeout=600_000)


def test_new_seed_reruns_and_status_bar_shows_it(window, wait_idle):
    window.document.edit(("simulation", "seed"), 12345)
    window.controller.sync_now()
    assert window.controller.running
    wait_idle(window)
    assert window.results.seed == 12345
    assert "seed 12345" in window.status_label.text()
    assert "pseudo-random" in window.status_label.text()


def test_line_edit_during_a_run_is_applied_after_it(window, wait_idle):
    window.document.edit(("uptake_multiplier",), 1.1)
    window.controller.sync_now()
    assert window.controller.running
    window.document.edit(("lines", "m01-demo", "uptake", "2026"), 9.0)
    window.controller.sync_now()
    wait_idle(window)
    engine = window.controller.engine
    assert engine.scenario == window.document.scenario
    assert window.results.scenario.get(("lines", "m01-demo", "uptake", "2026")) == pytest.approx(
        9.0
    )
