"""Start the desktop app: ``qdplan gui [FILE] [--screenshot PATH] [--language zh|en]``.

Opens the main window on FILE or on the shipped baseline. ``--screenshot PATH`` renders the
window after its first simulation to a PNG and exits (``--select LINE_ID`` and ``--tab N``
choose what it shows; N is a result tab 0–4, or 3.K for the K-th indicator).
``--decision TAB`` opens the decision-support window at a tab; with ``--screenshot`` it runs
that tab's analysis first and renders the decision-support window instead.
``--actuals CSV`` imports observed values at start; ``--history CSV`` shows a planner's own
history on the indicator charts instead of the published one; ``--compare FILE…`` opens the
comparison window (the scenario opened is the reference) and, with ``--screenshot``, renders
it once the comparison is done.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from simulator import ScenarioError, load_scenario
from simulator.cli import printable

from . import i18n
from .core.errors import install_excepthook, setup_logging
from .widgets import dialogs
from .widgets.export import write_png

EXIT_OK = 0
EXIT_BAD_FILE = 2
SCREENSHOT_TIMEOUT_MS = 120_000
DECISION_TABS = ("sensitivity", "value", "envelope", "goal")


class _Parser(argparse.ArgumentParser):
    """Usage errors quote the command line: shown with control characters escaped."""

    def _print_message(self, message, file=None) -> None:
        super()._print_message(printable(message), file)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(
        prog="qdplan gui",
        description=(
            "Scenario planner for Qingdao's science and technology action plan 2024-2028."
        ),
    )
    parser.add_argument("file", nargs="?", help="scenario file to open (default: the baseline)")
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        help="render the window after its first simulation to a PNG and exit",
    )
    parser.add_argument(
        "--language", choices=i18n.LANGUAGES, help="zh or en (default: the system's language)"
    )
    parser.add_argument("--select", metavar="LINE_ID", help="select a subsidy line at start")
    parser.add_argument(
        "--tab",
        metavar="N",
        type=_tab,
        default=None,
        help="result tab to show: 0-4, or 3.K for the K-th indicator",
    )
    parser.add_argument(
        "--editor",
        metavar="N",
        type=int,
        choices=(0, 1, 2),
        default=None,
        help="editor tab to show: 0 line, 1 scenario, 2 indicators",
    )
    parser.add_argument(
        "--decision", choices=DECISION_TABS, help="open the decision-support window at this tab"
    )
    parser.add_argument("--actuals", metavar="CSV", help="import observed values at start")
    parser.add_argument(
        "--history", metavar="CSV", help="show this history CSV on the indicator charts"
    )
    parser.add_argument(
        "--compare",
        metavar="FILE",
        nargs="+",
        help="compare the scenario with these scenario files",
    )
    return parser.parse_args(argv)


def _tab(text: str) -> str:
    """``--tab``: N (0-4) or 3.K (K-th indicator); small numbers only (Qt takes a C int)."""
    if not re.fullmatch(r"[0-4](\.[0-9]{1,2})?", text):
        raise argparse.ArgumentTypeError(f"expects N (0-4) or 3.K, got {text[:40]!r}")
    return text


def _apply_view_options(window, args) -> None:
    if args.select and not window.select_line(args.select):
        print(f"qdplan: no subsidy line {args.select[:80]!r}", file=sys.stderr)
    if args.tab is not None:
        top, _, sub = args.tab.partition(".")
        if sub:
            window.charts.select_indicator(int(sub))
        else:
            window.charts.select_tab(int(top))
    if args.editor is not None:
        window.editor_tabs.setCurrentIndex(args.editor)
    if args.decision:
        window.decision.open(args.decision)


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "qdplan"])
    app.setOrganizationName("qdplan")
    app.setApplicationName("qdplan")
    log_file = setup_logging()
    install_excepthook(log_file, show_dialog=not args.screenshot)
    settings = QSettings("qdplan", "qdplan")
    lang = args.language or settings.value("language", "") or i18n.system_language()
    i18n.set_language(lang if lang in i18n.LANGUAGES else "en")

    from .windows.main import MainWindow, load_baseline  # after the translator is installed

    problems = None
    scenario, path = None, None
    if args.file:
        try:
            scenario, path = load_scenario(args.file), Path(args.file)
        except ScenarioError as exc:
            if args.screenshot:
                for problem in exc.problems:
                    print(printable(f"{args.file}: {problem}"), file=sys.stderr)
                return EXIT_BAD_FILE
            problems = exc.problems
    if scenario is None:
        scenario = load_baseline()
    window = MainWindow(scenario, path, settings=settings)
    if args.screenshot:
        window.autosave_enabled = False  # a screenshot leaves no recovery file
    else:
        geometry = settings.value("geometry")
        if geometry:
            window.restoreGeometry(geometry)
    window.show()
    _apply_view_options(window, args)

    if (
        (args.actuals or args.compare or args.history)
        and not window.review.start_options(
            args.actuals, args.compare, quiet=bool(args.screenshot), history_csv=args.history
        )
        and args.screenshot
    ):
        window.controller.shutdown()
        window.close()
        return EXIT_BAD_FILE
    if args.screenshot and args.compare:
        return window.review.screenshot_compare(app, Path(args.screenshot))
    if args.screenshot:
        return _screenshot(app, window, Path(args.screenshot), args.decision)

    def after_start():
        if problems:
            dialogs.show_problems(window, args.file, problems)
        window.offer_recovery()

    QTimer.singleShot(0, after_start)
    return app.exec()


def _watchdog(app, parent) -> QTimer:
    """A running timer that ends a screenshot run with exit 1 if it takes longer than
    SCREENSHOT_TIMEOUT_MS. The caller stops it when the run ends, so it can never end an
    event loop that runs later in the same process."""
    watchdog = QTimer(parent)
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: app.exit(1))
    watchdog.start(SCREENSHOT_TIMEOUT_MS)
    return watchdog


def _screenshot(app, window, path: Path, decision_tab: str | None = None) -> int:
    status = {"code": 1}
    analyses = {"sensitivity": "sensitivity", "value": "value_for_money", "goal": "optimize"}
    watchdog = _watchdog(app, window)

    def grab():
        if not watchdog.isActive():  # the screenshot already ended (in time or not)
            return
        window.charts.refresh_visible(now=True)
        app.processEvents()
        image = window.decision.window.grab() if decision_tab else window.grab()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            write_png(image, path)
        except OSError as exc:
            print(f"qdplan: {exc}", file=sys.stderr)
        else:
            status["code"] = EXIT_OK
        app.exit(status["code"])

    def on_results(_results, _kind):
        if window.controller.running:
            return
        window.controller.resultsReady.disconnect(on_results)
        if decision_tab in analyses:
            decision = window.decision.window
            decision.runner.finished.connect(lambda _outcome: QTimer.singleShot(600, grab))
            decision.runner.failed.connect(lambda _kind, message: app.exit(1))
            decision.run(analyses[decision_tab])
        else:
            QTimer.singleShot(400, grab)

    window.controller.resultsReady.connect(on_results)
    app.exec()
    watchdog.stop()
    window.controller.shutdown()
    window.decision.shutdown()
    window.document.undo_stack.setClean()
    return status["code"]


if __name__ == "__main__":
    raise SystemExit(main())
