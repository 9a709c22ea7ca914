"""The mid-term review in the main window: the actuals tab, the Review menu (observed values,
CSV import and template, the published history on the indicator charts, the scenario
comparison, the briefing report), the observed markers on the indicator charts, and the
``--actuals`` / ``--history`` / ``--compare`` start options."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel

from simulator import ScenarioError, load_scenario, shipped_scenario_path
from simulator.cli import printable
from simulator.model import Problem, apply_actuals_csv, load_history, read_input

from ...core.actual_labels import observed_years
from ...core.geometry import fit_to_screen
from ...core.workers import worker_pool
from ...i18n import language, tr
from ...widgets.dialogs import show_error
from ...widgets.export import write_png
from ..compare import CompareWindow
from . import import_problems
from .actuals_panel import ActualsPanel
from .report import ReportJob, unwritable

BASELINE = shipped_scenario_path("baseline")


class ReviewTools(QObject):
    """Everything of the mid-term review in one main window."""

    reportWritten = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.panel = ActualsPanel(self.document)
        window.editor_tabs.addTab(self.panel, "")
        self.panel.editFailed.connect(lambda m: window.statusBar().showMessage(m, 8000))
        self.panel.statusMessage.connect(lambda m: window.statusBar().showMessage(m, 8000))
        self.compare_window = None
        self.report_job: ReportJob | None = None
        self._pool = worker_pool(self)
        self.open_folder = QLabel()
        self.open_folder.setVisible(False)
        self.open_folder.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        window.statusBar().addWidget(self.open_folder)
        self._hide_folder = QTimer(self)
        self._hide_folder.setSingleShot(True)
        self._hide_folder.setInterval(20_000)
        self._hide_folder.timeout.connect(lambda: self.open_folder.setVisible(False))
        self._make_menu()
        self.document.scenarioChanged.connect(self._mark_observed)
        self._mark_observed()

    def _make_menu(self) -> None:
        window = self.window
        self.menu = window.menuBar().addMenu("")
        window.menuBar().insertMenu(window.language_menu.menuAction(), self.menu)
        self.actuals_action = self.menu.addAction("")
        self.actuals_action.triggered.connect(self.show_actuals)
        self.import_action = self.menu.addAction("")
        self.import_action.triggered.connect(lambda: (self.show_actuals(), self.panel.import_csv()))
        self.template_action = self.menu.addAction("")
        self.template_action.triggered.connect(lambda: self.panel.export_template())
        self.template_xlsx_action = self.menu.addAction("")
        self.template_xlsx_action.triggered.connect(lambda: self.panel.export_template_workbook())
        self.menu.addSeparator()
        self.history_action = self.menu.addAction("")
        self.history_action.triggered.connect(lambda: self.load_history_file())
        self.shipped_history_action = self.menu.addAction("")
        self.shipped_history_action.triggered.connect(lambda: self.use_shipped_history())
        self.shipped_history_action.setEnabled(False)
        self.menu.addSeparator()
        self.compare_action = self.menu.addAction("")
        self.compare_action.triggered.connect(lambda: self.open_compare())
        self.report_action = self.menu.addAction("")
        self.report_action.triggered.connect(lambda: self.write_briefing())

    def retranslate(self) -> None:
        self.menu.setTitle(tr("Re&view"))
        self.actuals_action.setText(tr("Observed values and target flags"))
        self.import_action.setText(tr("Import observed values (CSV or Excel)…"))
        self.template_action.setText(tr("Export CSV template…"))
        self.history_action.setText(tr("Load history (CSV)…"))
        self.shipped_history_action.setText(tr("Use the published history"))
        self.template_xlsx_action.setText(tr("Export Excel template…"))
        self.compare_action.setText(tr("Compare scenarios…"))
        self.report_action.setText(tr("Briefing report (PDF)…"))
        index = self.window.editor_tabs.indexOf(self.panel)
        self.window.editor_tabs.setTabText(index, tr("Actuals"))
        self.panel.retranslate()
        self._mark_observed()
        open_folder = tr("Open folder")
        self.open_folder.setText(
            f"<a href='{self.open_folder.property('url') or ''}'>{open_folder}</a>"
        )
        if self.compare_window is not None:
            self.compare_window.retranslate()

    def _mark_observed(self) -> None:
        self.window.charts.set_observed(observed_years(self.document.scenario))

    def show_actuals(self) -> None:
        self.window.editor_tabs.setCurrentWidget(self.panel)

    # ------------------------------------------------------------------ history
    def load_history_file(self, path: str | Path | None = None, quiet: bool = False) -> bool:
        """Read a planner's own history CSV and show it on the indicator charts instead of
        the published one. On any problem, list them by row and column (``quiet``: on
        stderr) and change nothing. False when nothing was loaded."""
        window = self.window
        if path is None:
            start = str(self.document.path.parent) if self.document.path else str(Path.home())
            path, _ = QFileDialog.getOpenFileName(
                window, tr("Load history"), start, tr("CSV (*.csv);;All files (*)")
            )
            if not path:
                return False
        path = Path(path)
        try:
            history = load_history(path)
        except ScenarioError as exc:
            if quiet:
                for problem in exc.problems:
                    print(printable(problem.text(language())), file=sys.stderr)
            else:
                import_problems.show_import_problems(
                    window, path.name, exc.problems, tr("The history could not be loaded")
                )
            return False
        window.charts.set_history(history)
        self.shipped_history_action.setEnabled(True)
        window.statusBar().showMessage(
            tr("Indicator charts show the history of {file} ({n} figures)").format(
                file=path.name, n=len(history.rows)
            ),
            8000,
        )
        return True

    def use_shipped_history(self) -> None:
        """Show the published (shipped) history on the indicator charts again."""
        self.window.charts.set_history(None)
        self.shipped_history_action.setEnabled(False)
        self.window.statusBar().showMessage(tr("Indicator charts show the published history"), 8000)

    # ------------------------------------------------------------------ comparison
    def open_compare(self, paths=(), start: bool = False):
        """Open (or raise) the comparison window; the current scenario is the reference."""
        if self.compare_window is None:
            self.compare_window = CompareWindow(self.document, self.window)
        window = self.compare_window
        if paths:
            window.add_files(paths)
        window.show()
        window.raise_()
        window.activateWindow()
        if start:
            window.start()
        return window

    # ------------------------------------------------------------------ report
    def write_briefing(self, path: str | Path | None = None) -> bool:
        """Ask for a PDF path and write the briefing in the worker (UI language, the shipped
        baseline as the reference). False when nothing was started."""
        if self.report_job is not None:
            self.window.statusBar().showMessage(tr("A briefing report is being written…"), 5000)
            return False
        window = self.window
        if path is None:
            stem = self.document.file_stem()
            start = str(window.export_dir() / (stem + "-" + tr("briefing") + ".pdf"))
            path, _ = QFileDialog.getSaveFileName(
                window, tr("Write briefing report"), start, tr("PDF document (*.pdf)")
            )
            if not path:
                return False
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = (
                path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")
            )
        problem = unwritable(path)
        if problem:
            show_error(window, tr("Could not write the briefing report"), problem)
            return False
        window.line_editor.flush()
        controller = window.controller
        results = window.results if not controller.stale else None
        try:
            baseline = load_scenario(BASELINE)
        except ScenarioError as exc:
            show_error(window, tr("Could not write the briefing report"), exc.describe(language()))
            return False
        job = ReportJob(results, self.document.scenario, path, language(), baseline)
        job.signals.done.connect(lambda p, j=job: self._report_done(j, p))
        job.signals.failed.connect(lambda m, j=job: self._report_failed(j, m))
        self.report_job = job
        self.report_action.setEnabled(False)
        window.statusBar().showMessage(
            tr("Writing the briefing report {file}…").format(file=path.name)
        )
        self._pool.start(job)
        return True

    def _report_done(self, job: ReportJob, path: str) -> None:
        if job is not self.report_job:
            return
        self.report_job = None
        self.report_action.setEnabled(True)
        folder = Path(path).parent
        self.window.remember_export_dir(folder)
        self.window.statusBar().showMessage(tr("Wrote {file}").format(file=path), 20_000)
        url = QUrl.fromLocalFile(str(folder)).toString()
        self.open_folder.setProperty("url", url)
        open_folder = tr("Open folder")
        self.open_folder.setText(f"<a href='{url}'>{open_folder}</a>")
        self.open_folder.setVisible(True)
        self._hide_folder.start()
        self.reportWritten.emit(path)

    def _report_failed(self, job: ReportJob, message: str) -> None:
        if job is not self.report_job:
            return
        self.report_job = None
        self.report_action.setEnabled(True)
        self.window.statusBar().clearMessage()
        show_error(self.window, tr("Could not write the briefing report"), message)

    # ------------------------------------------------------------------ start options
    def start_options(
        self, actuals_csv=None, compare_files=None, quiet: bool = False, history_csv=None
    ) -> bool:
        """``qdplan gui --actuals CSV --history CSV --compare FILE…``: import observed values,
        show a planner's history, open the comparison. ``quiet`` (screenshots): problems go
        to stderr, not to a dialog. False when a file has problems."""
        if history_csv and not self.load_history_file(history_csv, quiet=quiet):
            return False
        if actuals_csv:
            if quiet:
                try:
                    after, count = apply_actuals_csv(
                        self.document.scenario,
                        read_input(actuals_csv),
                        Path(actuals_csv).name,
                    )
                except (OSError, ScenarioError) as exc:
                    problems = exc.problems if isinstance(exc, ScenarioError) else [exc]
                    for problem in problems:  # a problem names the file (as the CLI's do)
                        text = (
                            problem.text(language())
                            if isinstance(problem, Problem)
                            else f"{actuals_csv}: {problem}"
                        )
                        print(printable(text), file=sys.stderr)
                    return False
                self.document.edit(
                    ("actuals",),
                    after.actuals,
                    label=tr("Import {n} observed values from {file}").format(
                        n=count, file=Path(actuals_csv).name
                    ),
                )
            elif not self.panel.import_csv(actuals_csv):
                return False
            self.show_actuals()
        if compare_files:
            if quiet:
                for name in compare_files:
                    try:
                        load_scenario(name)
                    except ScenarioError as exc:
                        for problem in exc.problems:
                            text = problem.text(language())
                            print(printable(f"{name}: {text}"), file=sys.stderr)
                        return False
            self.open_compare(compare_files)
        return True

    def screenshot_compare(self, app, path: Path) -> int:
        """Run the comparison, render its window (charts tab) to a PNG, exit."""
        window = self.open_compare()
        fit_to_screen(window, QSize(1400, 900))
        status = {"code": 1}
        watchdog = QTimer(window)
        watchdog.setSingleShot(True)
        watchdog.timeout.connect(lambda: app.exit(1))

        def grab():
            if not watchdog.isActive():  # the screenshot already ended (in time or not)
                return
            window.tabs.setCurrentIndex(1)
            app.processEvents()
            for canvas in window.canvases.values():
                canvas.draw()
            app.processEvents()
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                write_png(window.grab(), path)
            except OSError as exc:
                print(f"qdplan: {exc}", file=sys.stderr)
            else:
                status["code"] = 0
            app.exit(status["code"])

        window.finished.connect(
            lambda how: QTimer.singleShot(400, grab) if how == "done" else app.exit(1)
        )
        QTimer.singleShot(0, window.start)
        watchdog.start(180_000)
        app.exec()
        watchdog.stop()
        self.shutdown()
        self.window.controller.shutdown()
        self.document.undo_stack.setClean()
        return status["code"]

    def shutdown(self) -> None:
        """Stop the comparison and wait for a report being written (on close)."""
        if self.compare_window is not None:
            self.compare_window.shutdown()
        self._pool.waitForDone()
