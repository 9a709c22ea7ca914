"""The main window: catalogue tree, assumption editors, result charts and summary table.

Undo and redo, the status bar, the language switch, and the window's size (it fits the
screen it opens on, ``ui.core.geometry``) live here; files and recovery in ``files``,
exports in ``exports``, the computation in ``SimulationController`` and the model in
``simulator``. The review and analysis menus come from ``windows.review`` and
``windows.decision``.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.controller import SimulationController
from ...core.document import ScenarioDocument
from ...core.geometry import fit_to_screen, place_window, remember_geometry
from ...core.labels import format_seconds, sampler_name
from ...i18n import language, set_language, tr
from ...widgets.catalogue_tree import CatalogueTree
from ..decision import DecisionSupport
from ..review import ReviewTools
from .exports import ExportActions
from .files import AUTOSAVE_DELAY_MS, FileActions
from .indicator_panel import IndicatorPanel
from .line_editor import LineEditor
from .results import ChartTabs, SummaryTable
from .scenario_panel import ScenarioPanel

#: The main window's size where the screen has room; smaller screens get what fits.
PREFERRED_SIZE = QSize(1600, 1000)
GEOMETRY_KEY = "geometry"


def split_widths(total: int, editor_minimum: int) -> list[int]:
    """Widths of the catalogue tree, the editor and the results in a window ``total`` wide:
    the editor never below what its pages need, the results get the rest."""
    tree = max(240, min(370, round(0.21 * total)))
    editor = max(editor_minimum, min(570, round(0.35 * total)))
    return [tree, editor, max(0, total - tree - editor)]


class MainWindow(FileActions, ExportActions, QMainWindow):
    """One scenario document in one window."""

    def __init__(
        self,
        scenario,
        path: str | Path | None = None,
        settings: QSettings | None = None,
        recovery_dir: Path | None = None,
        autosave_delay_ms: int = AUTOSAVE_DELAY_MS,
        origin: str | Path | None = None,
    ):
        """``origin``: the shipped file ``scenario`` was read from when ``path`` is None
        (the baseline the app starts with); the title names it."""
        super().__init__()
        self.settings = settings if settings is not None else QSettings("qdplan", "qdplan")
        #: Where this window and its comparison and decision windows keep their geometry;
        #: None (screenshots) neither restores nor saves it.
        self.geometry_settings: QSettings | None = self.settings
        self.document = ScenarioDocument(scenario, path, self, origin=origin)
        self._setup_recovery(recovery_dir, autosave_delay_ms)  # own file, autosave after edits
        self.controller = SimulationController(self.document, self)
        self.results = None
        self._last_run_at: str = ""
        self._own_signature = self._own_lines_signature()

        # ---- panes
        self.tree = CatalogueTree()
        self.tree_title = QLabel()
        self.tree_title.setStyleSheet("font-weight: bold; padding: 2px;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(self.tree_title)
        left_layout.addWidget(self.tree)

        self.line_editor = LineEditor(self.document)
        self.scenario_panel = ScenarioPanel(self.document)
        self.indicator_panel = IndicatorPanel(self.document)
        self.editor_tabs = QTabWidget()
        self.editor_tabs.addTab(self.line_editor, "")
        self.editor_tabs.addTab(self.scenario_panel, "")
        self.editor_tabs.addTab(self.indicator_panel, "")

        self.charts = ChartTabs(scenario.catalogue)
        self.summary = SummaryTable()
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(self.charts)
        self.right.addWidget(self.summary)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.right.setSizes([560, 360])
        self._summary_placed = False  # the summary's height follows its rows until moved
        self.right.splitterMoved.connect(lambda *_a: setattr(self, "_summary_placed", True))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor_tabs)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.splitter)

        # ---- status bar
        self.status_label = QLabel()
        self.stale_label = QLabel()
        self.stale_label.setStyleSheet("color: #8a5a00;")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.controller.cancel)
        bar = self.statusBar()
        bar.addWidget(self.stale_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.status_label)

        self._make_actions()
        self._make_workbook_actions()  # Excel workbooks (files.py)
        self._connect()
        self.review = ReviewTools(self)  # mid-term review: actuals tab, menu, report
        self.decision = DecisionSupport(self)  # Analysis menu: the decision-support window
        self.tree.set_catalogue(scenario.catalogue)
        if scenario.catalogue.lines:
            self.select_line(scenario.catalogue.lines[0].id)
            self.tree.tree.scrollToTop()
        self.retranslate()
        fit_to_screen(self, PREFERRED_SIZE)
        self._split()
        self.controller.schedule()

    # ================================================================== building
    def _make_actions(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self.edit_menu = menu.addMenu("")
        self.simulation_menu = menu.addMenu("")
        self.export_menu = menu.addMenu("")
        self.language_menu = menu.addMenu("")
        self.help_menu = menu.addMenu("")

        def action(menu_, slot, shortcut=None) -> QAction:
            act = QAction(self)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                act.setShortcut(shortcut)
            menu_.addAction(act)
            return act

        self.new_action = action(self.file_menu, self.new_file, QKeySequence.StandardKey.New)
        self.open_action = action(self.file_menu, self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.save_action = action(self.file_menu, self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = action(self.file_menu, self.save_as, QKeySequence.StandardKey.SaveAs)
        self.file_menu.addSeparator()
        self.quit_action = action(self.file_menu, self.close, QKeySequence.StandardKey.Quit)

        stack = self.document.undo_stack
        self.undo_action = action(self.edit_menu, stack.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = action(self.edit_menu, stack.redo, QKeySequence.StandardKey.Redo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_texts)
        stack.redoTextChanged.connect(self._undo_texts)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

        self.run_action = action(self.simulation_menu, self.run_again, "F5")
        self.reseed_action = action(self.simulation_menu, self.scenario_panel.new_random_seed)
        self.cancel_action = action(self.simulation_menu, self.controller.cancel, "Esc")
        self.cancel_action.setEnabled(False)

        self.export_chart_action = action(self.export_menu, self.export_current_chart)
        self.export_all_action = action(self.export_menu, self.export_all_charts)
        self.export_menu.addSeparator()
        self.export_csv_action = action(self.export_menu, self.export_summary_csv)
        self.copy_summary_action = action(
            self.export_menu, self.copy_summary, QKeySequence("Ctrl+Shift+C")
        )

        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions = {}
        for lang in ("zh", "en"):
            act = QAction(self)
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, language=lang: self.set_language(language))
            group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[lang] = act
        self.about_action = action(self.help_menu, self.about)

    def _connect(self) -> None:
        doc = self.document
        doc.scenarioChanged.connect(self._scenario_changed)
        doc.modifiedChanged.connect(lambda _m: self._update_title())
        doc.fileChanged.connect(self._update_title)
        self.tree.selected.connect(self._tree_selected)
        self.line_editor.lineSelected.connect(lambda line_id: self.select_line(line_id))
        for panel in (self.line_editor, self.scenario_panel, self.indicator_panel):
            panel.editFailed.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.scenario_panel.runRequested.connect(self.run_again)
        self.line_editor.dragStarted.connect(lambda: self.charts.set_live(True))
        self.line_editor.dragEnded.connect(lambda: self.charts.set_live(False))
        c = self.controller
        c.resultsReady.connect(self._results_ready)
        c.runStarted.connect(self._run_started)
        c.runProgress.connect(lambda f: self.progress.setValue(int(1000 * f)))
        c.runEnded.connect(self._run_ended)
        c.runFailed.connect(
            lambda m: self.statusBar().showMessage(
                tr("Run failed: {message}").format(message=m), 15000
            )
        )
        c.staleChanged.connect(lambda _s: self._update_stale())
        self.charts.exportRequested.connect(lambda canvas: self.export_chart(canvas))
        self.summary.copyRequested.connect(self.copy_summary)
        # the indicator shown in the charts and the one edited follow each other
        self.charts.indicator_tabs.currentChanged.connect(
            lambda i: self.indicator_panel.combo.setCurrentIndex(i)
        )
        self.indicator_panel.combo.currentIndexChanged.connect(
            lambda i: self.charts.indicator_tabs.setCurrentIndex(i)
        )
        self.summary.exportRequested.connect(self.export_summary_csv)

    # ================================================================== language
    def set_language(self, lang: str) -> None:
        """Switch between Chinese and English without a restart."""
        set_language(lang)
        self.settings.setValue("language", lang)
        self.retranslate()

    def retranslate(self) -> None:
        lang = language()
        self.file_menu.setTitle(tr("&File"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.simulation_menu.setTitle(tr("&Simulation"))
        self.export_menu.setTitle(tr("E&xport"))
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.new_action.setText(tr("&New"))
        self.open_action.setText(tr("&Open…"))
        self.recent_menu.setTitle(tr("Open &Recent"))
        self.save_action.setText(tr("&Save"))
        self.save_as_action.setText(tr("Save &As…"))
        self.quit_action.setText(tr("&Quit"))
        self._undo_texts()
        self.run_action.setText(tr("Run again"))
        self.reseed_action.setText(tr("Run again with a new seed"))
        self.cancel_action.setText(tr("Cancel run"))
        self.cancel_button.setText(tr("Cancel run"))
        self.export_chart_action.setText(tr("Current chart…"))
        self.export_all_action.setText(tr("All charts to a folder…"))
        self.export_csv_action.setText(tr("Summary table to CSV…"))
        self.copy_summary_action.setText(tr("Copy summary table"))
        self.language_actions["zh"].setText(tr("中文"))
        self.language_actions["en"].setText(tr("English"))
        self.language_actions[lang].setChecked(True)
        self.about_action.setText(tr("About qdplan"))
        self._retranslate_workbook_actions()
        self.tree_title.setText(tr("Plan catalogue"))
        self.editor_tabs.setTabText(0, tr("Subsidy line"))
        self.editor_tabs.setTabText(1, tr("Scenario"))
        self.editor_tabs.setTabText(2, tr("Indicators"))
        self.tree.retranslate()
        self.line_editor.retranslate()
        self.scenario_panel.retranslate()
        self.indicator_panel.retranslate()
        self.charts.set_language(lang)
        self.summary.retranslate()
        self.review.retranslate()
        self.decision.retranslate()
        self._update_title()
        self._update_status()
        self._update_stale()

    def _undo_texts(self, *_args) -> None:
        try:
            stack = self.document.undo_stack
            undo, redo = stack.undoText(), stack.redoText()
        except RuntimeError:  # the window is being destroyed
            return
        self.undo_action.setText(tr("Undo {action}").format(action=undo) if undo else tr("&Undo"))
        self.redo_action.setText(tr("Redo {action}").format(action=redo) if redo else tr("&Redo"))

    # ================================================================== state display
    def _update_title(self) -> None:
        app_name = tr("qdplan")
        self.setWindowTitle(f"{self.document.display_name()}[*] — {app_name}")
        self.setWindowModified(self.document.modified)

    def _update_status(self) -> None:
        results = self.results
        if results is None:
            self.status_label.setText(tr("Results are being computed…"))
            return
        self.status_label.setText(
            tr("{draws} draws · {sampler} · seed {seed} · {elapsed} · {time}").format(
                draws=f"{results.draws:,}",
                sampler=sampler_name(results.sampler),
                seed=results.seed,
                elapsed=format_seconds(results.elapsed),
                time=self._last_run_at,
            )
        )

    def _update_stale(self) -> None:
        c = self.controller
        if c.running:
            text = tr("Results are being computed…")
        elif c.stale and self.results is not None:
            text = tr("Results are out of date: press Run again.")
        else:
            text = ""
        self.stale_label.setText(text)

    def _own_lines_signature(self):
        return tuple(
            (line.id, line.name_zh, line.name_en, line.measure)
            for line in self.document.scenario.catalogue.lines
            if line.own
        )

    def _scenario_changed(self) -> None:
        signature = self._own_lines_signature()
        if signature != self._own_signature:
            self._own_signature = signature
            self.tree.set_catalogue(self.document.scenario.catalogue)
        self._update_title()
        self._update_stale()

    def _tree_selected(self, kind: str, key) -> None:
        self.editor_tabs.setCurrentWidget(self.line_editor)
        self.line_editor.show_item(kind, key)
        if kind == "line":
            self.controller.prepare(key)

    def select_line(self, line_id: str) -> bool:
        """Select a line in the tree and open its assumptions."""
        if not self.tree.select("line", line_id):
            return False
        self._tree_selected("line", line_id)
        return True

    def _results_ready(self, results, kind: str) -> None:
        self.results = results
        if kind == "full" and self.line_editor.line_id is not None:
            self.controller.prepare(self.line_editor.line_id)  # a new engine: ready it too
        self._last_run_at = time.strftime("%H:%M:%S")  # of a full run or a line update
        self.charts.set_results(results)
        self.summary.set_results(results)
        self._fit_summary()
        self.line_editor.set_results(results)
        self._update_status()
        self._update_stale()

    def _run_started(self, draws: int) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_action.setEnabled(True)
        self.statusBar().showMessage(tr("Running {draws} draws…").format(draws=f"{draws:,}"))
        self._update_stale()

    def _run_ended(self, how: str) -> None:
        if not self.controller.running:
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.cancel_action.setEnabled(False)
        self.statusBar().clearMessage()
        if how == "cancelled" and not self.controller.running:
            self.statusBar().showMessage(
                tr("Run cancelled; the previous results are still shown."), 10000
            )
        self._update_stale()

    def run_again(self) -> None:
        self.line_editor.flush()
        self.controller.start_run()

    def process_pending(self) -> None:
        """Apply queued edits, recompute and repaint the visible charts synchronously
        (benchmarks and tests)."""
        self.charts.synchronous = True
        try:
            self.line_editor.flush()
            self.controller.sync_now()
            self.charts.refresh_visible(now=True)
        finally:
            self.charts.synchronous = False

    # ================================================================== closing
    def restore_geometry(self) -> bool:
        """The size and place of the last session, if they fit a current screen."""
        restored = place_window(self, PREFERRED_SIZE, self.geometry_settings, GEOMETRY_KEY)
        self._split()
        return restored

    def _fit_summary(self) -> None:
        """Give the summary table the height of its rows (the targets included), as far as
        the charts keep their minimum height; not once the planner has moved the divider."""
        if self._summary_placed:
            return
        total = sum(self.right.sizes())
        if total <= 0:
            total = self.right.height()
        charts = self.charts.minimumSizeHint().height()
        summary = max(0, min(self.summary.content_height(), total - charts))
        self.right.setSizes([total - summary, summary])

    def _split(self) -> None:
        """Share the window's width between the tree, the editor and the results."""
        self.splitter.setSizes(
            split_widths(self.width(), self.editor_tabs.minimumSizeHint().width())
        )

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosave_timer.stop()
        self.controller.shutdown()
        self.review.shutdown()
        self.decision.shutdown()
        self.recovery.remove()
        for child in (self.review.compare_window, self.decision.window):
            if child is not None and child.isVisible():
                child.remember_geometry()
        remember_geometry(self, self.geometry_settings, GEOMETRY_KEY)
        self.settings.sync()
        event.accept()

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("About qdplan"),
            tr(
                "qdplan simulates the budget of Qingdao's science and technology action plan "
                "2024–2028 (青政字〔2024〕20号). Caps, rates, clauses and targets come from the "
                "plan; every other number is a planner's assumption."
            ),
        )
