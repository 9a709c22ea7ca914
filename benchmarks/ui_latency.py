"""Latency from a slider move to repainted charts in the desktop app.

For each draw count, opens the main window on the baseline, selects a subsidy line and moves
its 2026 uptake slider ~20 times, once as a mouse drag (the handle held down) and once as
keyboard steps. Either way the charts keep their layout while the slider moves and are laid
out again when it is released or the steps pause (not timed here). Each move is timed from ``slider.setValue`` to the end of
``canvas.draw()`` of every visible chart, processed synchronously: the coalesced edit is
applied (validated scenario, undo step), the engine recomputes the line with common random
numbers, the summary table and the visible chart move in place, and the canvas redraws.

    .venv/bin/python benchmarks/ui_latency.py [--draws 20000 100000] [--moves 20]
        [--line m01-common-tech] [--tab 0] [--rationed]

``--rationed``: the baseline with the appropriation and proportional rationing of
``benchmarks/core.py`` (160,000 万元 a year). Target: median ≤ 100 ms at 100,000 draws.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from core import rationed  # noqa: E402  (benchmarks/core.py)
from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from simulator import load_scenario  # noqa: E402


def measure(
    app, draws: int, moves: int, line: str, tab: int, tmp: Path, drag: bool, with_rationing: bool
) -> dict:
    from ui import i18n
    from ui.windows.main import MainWindow

    i18n.set_language("en")
    scenario = load_scenario(ROOT / "scenarios" / "baseline.json")
    if with_rationing:
        scenario = rationed(scenario)
    scenario = scenario.replace(("simulation", "draws"), draws)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(scenario, settings=settings, recovery_dir=tmp / "recovery")
    window.resize(1600, 1000)
    window.show()
    deadline = time.perf_counter() + 120
    while (window.results is None or window.controller.running) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)
    window.charts.select_tab(tab)
    window.select_line(line)
    row = window.line_editor.rows[("lines", line, "uptake", "2026")]
    start = row.slider.value()
    unit = max(1, round(1 / row.step))
    window.process_pending()
    app.processEvents()
    latencies, engine_times = [], []
    if drag:
        row.slider.setSliderDown(True)  # as while the mouse holds the handle
    for k in range(moves + 2):  # two warm-up moves
        target = start + unit * (1 + k % 7) * (1 if k % 2 else -1) // 1
        target = max(0, target)
        t0 = time.perf_counter()
        row.slider.setValue(target)
        window.process_pending()  # apply the edit, recompute, draw the visible charts
        elapsed = time.perf_counter() - t0
        app.processEvents()  # let the rest of the window repaint (not timed)
        if k >= 2:
            latencies.append(elapsed)
            engine_times.append(window.results.elapsed)
    if drag:
        row.slider.setSliderDown(False)
        app.processEvents()
    window.controller.shutdown()
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()
    return {
        "draws": draws,
        "median_ms": 1000 * statistics.median(latencies),
        "max_ms": 1000 * max(latencies),
        "engine_median_ms": 1000 * statistics.median(engine_times),
        "charts": [c.kind for c in window.charts.visible_canvases()],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draws", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--line", default="m01-common-tech")
    parser.add_argument("--tab", type=int, default=0, help="result tab shown (0-4)")
    parser.add_argument("--rationed", action="store_true", help="proportional rationing on")
    args = parser.parse_args(argv)
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([])
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"slider → repainted charts, line {args.line}, {args.moves} moves, "
            f"result tab {args.tab}" + (", rationing on (proportional)" if args.rationed else "")
        )
        print(
            f"{'draws':>9}  {'move':>14}  {'median':>9}  {'max':>9}  {'engine.update median':>21}"
        )
        for draws in args.draws:
            for drag, how in ((True, "mouse drag"), (False, "keyboard step")):
                r = measure(
                    app, draws, args.moves, args.line, args.tab, Path(tmp), drag, args.rationed
                )
                print(
                    f"{r['draws']:>9,}  {how:>14}  {r['median_ms']:>7.1f}ms  "
                    f"{r['max_ms']:>7.1f}ms  {r['engine_median_ms']:>19.1f}ms"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
