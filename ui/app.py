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

Without a display (on Linux and other X11/Wayland systems: neither DISPLAY nor
WAYLAND_DISPLAY set, and no QT_QPA_PLATFORM chosen) the app says so in one line and suggests
``xvfb-run -a qdplan gui`` (exit 2), instead of Qt's abort about its platform plugin.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from simulator import ScenarioError, load_scenario, scenario_source
from simulator.cli import NO_DISPLAY, no_display_text, printable  # noqa: F401 (NO_DISPLAY: tests)

from . import i18n
from .core.errors import install_excepthook, setup_logging
from .widgets import dialogs
from .widgets.export import write_png

EXIT_OK = 0
EXIT_BAD_FILE = 2
EXIT_NO_DISPLAY = 2
EXIT_CODES_HELP = (
    "exit codes: 0 done; 2 bad input (a bad option; with --screenshot, a file that cannot be "
    "read) or no display; 1 internal error or a screenshot that failed"
)
#: The editor tabs ``--editor N`` shows (the fourth, observed values, is the review's).
EDITOR_TABS = ("line", "scenario", "indicators", "actuals")
SCREENSHOT_TIMEOUT_MS = 120_000
DECISION_TABS = ("sensitivity", "value", "envelope", "goal")


class _Parser(argparse.ArgumentParser):
    """Usage errors quote the command line: shown with control characters escaped."""

    def _print_message(self, message, file=None) -> None:
        super()._print_message(printable(message), file)


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``qdplan gui``'s arguments."""
    parser = _Parser(
        prog="qdplan gui",
        description=(
            "Scenario planner for Qingdao's science and technology action plan 2024-2028."
        ),
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument(
        "file",
        nargs="?",
        help="scenario file to open, or the name of a shipped scenario (baseline, restrained, "
        "accelerated); default: the shipped baseline",
    )
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
        help="result tab to show: 0 total outlay, 1 by section, 2 by department, "
        "3 indicators, 4 targets; or 3.K for indicator K (0-4)",
    )
    parser.add_argument(
        "--editor",
        metavar="N",
        type=int,
        choices=range(len(EDITOR_TABS)),
        default=None,
        help="editor tab to show, 0-3: 0 subsidy line, 1 scenario, 2 indicators, "
        "3 observed values (actuals)",
    )
    parser.add_argument(
        "--decision", choices=DECISION_TABS, help="open the decision-support window at this tab"
    )
    parser.add_argument(
        "--actuals",
        metavar="CSV",
        help="import observed values at start (kind,id,year,value,source)",
    )
    parser.add_argument(
        "--history", metavar="CSV", help="show this history CSV on the indicator charts"
    )
    parser.add_argument(
        "--compare",
        metavar="FILE",
        nargs="+",
        help="compare the scenario with these scenario files",
    )
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


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


def no_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """True when Qt would find no display to open: on an X11/Wayland system (not Windows or
    macOS), neither DISPLAY nor WAYLAND_DISPLAY is set and QT_QPA_PLATFORM picks no other
    platform (offscreen, vnc, …)."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin"):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    if QApplication.instance() is None and no_display():
        print(no_display_text(args.language or i18n.system_language()), file=sys.stderr)
        return EXIT_NO_DISPLAY
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "qdplan"])
    app.setOrganizationName("qdplan")
    app.setApplicationName("qdplan")
    log_file = setup_logging()
    install_excepthook(log_file, show_dialog=not args.screenshot)
    settings = QSettings("qdplan", "qdplan")
    lang = args.language or settings.value("language", "") or i18n.system_language()
    i18n.set_language(lang if lang in i18n.LANGUAGES else "en")

    from .windows.main import BASELINE, MainWindow, load_baseline  # after the translator

    problems = None
    scenario, path = None, None
    if args.file:
        try:
            source = scenario_source(args.file)
            scenario = load_scenario(source)
            # a shipped scenario named on the command line opens untitled, as the baseline
            path = source if source == Path(args.file) else None
        except ScenarioError as exc:
            if args.screenshot:
                for problem in exc.problems:
                    text = problem.text(i18n.language())
                    print(printable(f"{args.file}: {text}"), file=sys.stderr)
                return EXIT_BAD_FILE
            problems = exc.problems
    origin = None
    if scenario is None:
        scenario, origin = load_baseline(), BASELINE
    window = MainWindow(scenario, path, settings=settings, origin=origin)
    if args.screenshot:
        window.autosave_enabled = False  # a screenshot leaves no recovery file
        window.geometry_settings = None  # and the windows' sizes fit the screen, unsaved
    else:
        window.restore_geometry()
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
