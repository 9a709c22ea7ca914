"""Scenarios side by side: which assumptions differ, and what that does to outlays and to
the chance of reaching the targets.

The window lists the scenarios to compare (the first is the reference; by default the
scenario being edited), runs ``simulator.model.compare`` in a worker thread with progress
and Cancel (every scenario is a full run, all with the reference's seed and sampler, so the
differences come from the assumptions alone), and shows three tabs: the differences
(``differences_tab``), the comparison charts (``charts_tab``) and the totals per year and
target probabilities with their differences (``totals_tab``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from simulator import ScenarioError, load_scenario, shipped_scenario_path
from simulator.model import MAX_DRAWS

from ...core.geometry import place_window, remember_geometry
from ...core.labels import is_shipped, shipped_label
from ...core.workers import worker_pool
from ...i18n import tr
from ...widgets.basic import wrap_label
from ...widgets.dialogs import show_problems
from ...widgets.styles import MUTED_STYLE, NOTE_STYLE, TITLE_STYLE
from ...widgets.tables import cell_at, safe_copy
from .charts_tab import ChartsTab
from .differences_tab import DifferencesTab
from .totals_tab import TotalsTab
from .worker import CompareJob

#: The window's size where the screen has room, and where it keeps its geometry.
PREFERRED_SIZE = QSize(1280, 860)
GEOMETRY_KEY = "compareGeometry"


class CompareWindow(QWidget):
    """Choose scenarios, compare them in a worker, read and export the comparison."""

    finished = Signal(str)  # 'done', 'cancelled' or 'failed'

    def __init__(self, document, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.document = document
        self.entries: list[dict] = [{"current": True, "path": None, "scenario": None}]
        self.comparison = None
        self.job: CompareJob | None = None
        self._pool = worker_pool(self)

        # ---- scenarios to compare
        self.title = wrap_label(style=TITLE_STYLE)
        self.scenario_table = safe_copy(QTableWidget(0, 3))
        self.scenario_table.verticalHeader().setVisible(False)
        self.scenario_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.scenario_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.scenario_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.scenario_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.scenario_table.verticalHeader().setDefaultSectionSize(24)
        self.scenario_table.setMaximumHeight(128)
        self.add_button, self.add_current_button = QPushButton(), QPushButton()
        self.remove_button, self.reference_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.add_files())
        self.add_current_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reference_button.clicked.connect(self.make_reference)
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.add_current_button,
            self.remove_button,
            self.reference_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        for button in (
            self.add_button,
            self.add_current_button,
            self.remove_button,
            self.reference_button,
        ):
            button.setMinimumWidth(210)
        top = QHBoxLayout()
        top.addWidget(self.scenario_table, 1)
        top.addLayout(side)
        self.draws_label = QLabel()
        self.draws_spin = QSpinBox()
        self.draws_spin.setRange(1000, MAX_DRAWS)
        self.draws_spin.setSingleStep(5000)
        self.draws_spin.setGroupSeparatorShown(True)
        self.draws_spin.setValue(document.scenario.draws)
        self.compare_button, self.cancel_button = QPushButton(), QPushButton()
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setStyleSheet(MUTED_STYLE)
        run_row = QHBoxLayout()
        run_row.addWidget(self.draws_label)
        run_row.addWidget(self.draws_spin)
        run_row.addWidget(self.compare_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.status, 2)
        self.settings_note = wrap_label(style=NOTE_STYLE)
        self.shared_actuals = QCheckBox()
        self.shared_actuals.setChecked(True)
        self.kept_own_actuals: list[str] = []
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(6, 6, 6, 0)
        upper_layout.addWidget(self.title)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.shared_actuals)
        upper_layout.addLayout(run_row)
        upper_layout.addWidget(self.settings_note)

        # ---- the comparison: differences, charts, totals and targets
        self.tabs = QTabWidget()
        self.differences = DifferencesTab(self)
        self.charts = ChartsTab(self)
        self.totals = TotalsTab(self)
        for tab in (self.differences, self.charts, self.totals):
            self.tabs.addTab(tab, "")
        # what callers (tests, the app's screenshot) read and call
        self.differences_table = self.differences.table
        self.filter_box = self.differences.filter_box
        self.count_label = self.differences.count_label
        self.visible_difference_rows = self.differences.visible_rows
        self.copy_differences = self.differences.copy
        self.export_differences = self.differences.export
        self.export_chart = self.charts.export
        self.export_charts = self.charts.export_all
        self.copy_totals = self.totals.copy

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 630])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.scenario_table.itemSelectionChanged.connect(self._update_buttons)
        document.scenarioChanged.connect(self._fill_scenarios)
        document.fileChanged.connect(self._fill_scenarios)  # saved: its file, its state
        document.modifiedChanged.connect(lambda _modified: self._fill_scenarios())
        self.retranslate()
        self.settings = getattr(parent, "geometry_settings", None)
        place_window(self, PREFERRED_SIZE, self.settings, GEOMETRY_KEY)

    # ------------------------------------------------------------------ text
    def retranslate(self) -> None:
        self.setWindowTitle(tr("Compare scenarios") + f" — {tr('qdplan')}")
        self.title.setText(tr("Scenarios to compare (the first is the reference)"))
        self.scenario_table.setHorizontalHeaderLabels([tr("Role"), tr("Scenario"), tr("File")])
        self.add_button.setText(tr("Add scenario files…"))
        self.add_current_button.setText(tr("Add the current scenario"))
        self.remove_button.setText(tr("Remove"))
        self.reference_button.setText(tr("Make reference"))
        self.draws_label.setText(tr("Draws"))
        self.compare_button.setText(tr("Compare"))
        self.shared_actuals.setText(tr("Give every scenario the reference's observed values"))
        self.shared_actuals.setToolTip(
            tr(
                "Observed values are facts, not assumptions: with this on, the scenarios differ in "
                "their assumptions only."
            )
        )
        self.cancel_button.setText(tr("Cancel"))
        self.settings_note.setText(
            tr(
                "Every scenario runs with the reference's seed and sampler and the same number of "
                "draws (common random numbers), so the differences come from the assumptions, "
                "not from chance."
            )
        )
        self.tabs.setTabText(0, tr("Differences in assumptions"))
        self.tabs.setTabText(1, tr("Charts"))
        self.tabs.setTabText(2, tr("Totals and targets"))
        for tab in (self.differences, self.charts, self.totals):
            tab.retranslate()
        self._fill_scenarios()
        if self.comparison is not None:
            self._show_comparison()

    # ------------------------------------------------------------------ scenarios
    def scenarios(self) -> list:
        """The scenarios to compare, reference first (the current one as it is now). With
        "shared actuals" on, every scenario gets the reference's observed values: they are
        facts, so the scenarios then differ in their assumptions only."""
        scenarios = [
            self.document.scenario if e["current"] else e["scenario"] for e in self.entries
        ]
        self.kept_own_actuals = []
        observed = scenarios[0].actuals if scenarios else []
        if not (observed and self.shared_actuals.isChecked()):
            return scenarios
        out = scenarios[:1]
        for scenario in scenarios[1:]:
            try:
                out.append(
                    scenario
                    if scenario.actuals == observed
                    else scenario.replace(("actuals",), observed)
                )
            except ScenarioError:  # e.g. an observed own line this scenario does not have
                out.append(scenario)
                self.kept_own_actuals.append(scenario.name)
        return out

    def _fill_scenarios(self) -> None:
        table = self.scenario_table
        table.setRowCount(len(self.entries))
        bold = QFont()
        bold.setBold(True)
        for r, entry in enumerate(self.entries):
            scenario = self.document.scenario if entry["current"] else entry["scenario"]
            role = tr("Reference") if r == 0 else tr("Compared")
            name = scenario.name
            if entry["current"]:
                state = (
                    tr("current, unsaved changes included")
                    if self.document.modified
                    else tr("current scenario")
                )
                name += f" ({state})"
            if entry["current"]:
                path = self.document.file_label()
            elif entry["path"]:
                path = (
                    shipped_label(entry["path"])
                    if is_shipped(entry["path"])
                    else str(entry["path"])
                )
            else:
                path = ""
            if r == 0:
                self.shared_actuals.setEnabled(bool(scenario.actuals))
            for c, text in enumerate((role, name, path)):
                item = cell_at(table, r, c)
                item.setText(text)
                item.setToolTip(text)
                item.setFont(bold if r == 0 else QFont())
        self._update_buttons()

    def _selected(self) -> int | None:
        rows = {i.row() for i in self.scenario_table.selectionModel().selectedIndexes()}
        return min(rows) if rows else None

    def _update_buttons(self) -> None:
        running = self.job is not None
        selected = self._selected()
        self.add_button.setEnabled(not running)
        self.add_current_button.setEnabled(
            not running and not any(e["current"] for e in self.entries)
        )
        self.remove_button.setEnabled(not running and selected is not None)
        self.reference_button.setEnabled(not running and bool(selected))
        self.compare_button.setEnabled(not running and len(self.entries) >= 2)
        self.draws_spin.setEnabled(not running)
        if len(self.entries) < 2 and not running:
            self.status.setText(tr("Add at least one more scenario to compare."))
        elif not running and self.status.text() == tr("Add at least one more scenario to compare."):
            self.status.setText("")

    def add_files(self, paths=None) -> int:
        """Add scenario files (a file dialog when none are given); problems of a file are
        listed and that file is left out. Returns how many were added."""
        if paths is None:
            start = (
                str(self.document.path.parent)
                if self.document.path
                else str(shipped_scenario_path().parent)
            )
            paths, _ = QFileDialog.getOpenFileNames(
                self,
                tr("Add scenarios to compare"),
                start,
                tr("Scenario files (*.json);;All files (*)"),
            )
            if not paths:
                return 0
        added = 0
        for path in paths:
            path = Path(path)
            try:
                scenario = load_scenario(path)
            except ScenarioError as exc:
                show_problems(self, str(path), exc.problems)
                continue
            self.entries.append({"current": False, "path": path, "scenario": scenario})
            added += 1
        self._fill_scenarios()
        return added

    def add_current(self) -> None:
        if not any(e["current"] for e in self.entries):
            self.entries.append({"current": True, "path": None, "scenario": None})
            self._fill_scenarios()

    def remove_selected(self) -> None:
        row = self._selected()
        if row is not None:
            del self.entries[row]
            self._fill_scenarios()

    def make_reference(self, row: int | None = None) -> None:
        row = self._selected() if row is None else row
        if row:
            self.entries.insert(0, self.entries.pop(row))
            self._fill_scenarios()
            self.scenario_table.selectRow(0)

    # ------------------------------------------------------------------ running
    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self) -> bool:
        """Compare in the worker; False when there is nothing to compare or a run is on."""
        if self.job is not None or len(self.entries) < 2:
            return False
        job = CompareJob(self.scenarios(), self.draws_spin.value())
        job.kept_own_actuals = list(self.kept_own_actuals)
        job.signals.progress.connect(lambda f, j=job: self._progress(j, f))
        job.signals.done.connect(lambda c, j=job: self._done(j, c))
        job.signals.cancelled.connect(lambda j=job: self._ended(j, "cancelled"))
        job.signals.failed.connect(lambda m, j=job: self._ended(j, "failed", m))
        self.job = job
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status.setText(
            tr("Comparing {n} scenarios, {draws} draws each…").format(
                n=len(self.entries), draws=f"{job.draws:,}"
            )
        )
        self._update_buttons()
        self._pool.start(job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress(self, job, fraction: float) -> None:
        if job is self.job:
            self.progress.setValue(int(1000 * fraction))

    def _finish(self, job) -> bool:
        if job is not self.job:
            return False
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()
        return True

    def _done(self, job, comparison) -> None:
        if not self._finish(job):
            return
        self.comparison = comparison
        self.status.setText(
            tr("Compared {n} scenarios: {draws} draws, seed {seed}.").format(
                n=len(comparison.scenarios), draws=f"{comparison.draws:,}", seed=comparison.seed
            )
            + (
                " "
                + tr(
                    "Kept their own observed values (the reference's do not fit): {names}."
                ).format(names=", ".join(job.kept_own_actuals))
                if job.kept_own_actuals
                else ""
            )
        )
        self._show_comparison()
        self.finished.emit("done")

    def _ended(self, job, how: str, message: str = "") -> None:
        if not self._finish(job):
            return
        if how == "cancelled":
            self.status.setText(
                tr("Comparison cancelled.")
                + (
                    " " + tr("The previous comparison is still shown.")
                    if self.comparison is not None
                    else ""
                )
            )
        else:
            self.status.setText(tr("Comparison failed: {message}").format(message=message))
        self.finished.emit(how)

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone()

    def closeEvent(self, event) -> None:
        self.cancel()
        self.remember_geometry()
        super().closeEvent(event)

    def remember_geometry(self) -> None:
        remember_geometry(self, self.settings, GEOMETRY_KEY)

    # ------------------------------------------------------------------ showing
    def _show_comparison(self) -> None:
        for tab in (self.differences, self.charts, self.totals):
            tab.show_comparison(self.comparison)

    @property
    def difference_rows(self) -> list[list[str]]:
        return self.differences.rows

    @property
    def canvases(self) -> dict:
        return self.charts.canvases

    @property
    def totals_rows(self) -> list[list]:
        return self.totals.rows

    # ------------------------------------------------------------------ status and export
    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def export_dir(self) -> Path:
        parent = self.parent()
        return parent.export_dir() if parent is not None else Path.home()

    def remember_export_dir(self, folder: Path) -> None:
        parent = self.parent()
        if parent is not None:
            parent.remember_export_dir(folder)

    def wrote(self, path: Path) -> None:
        self.remember_export_dir(path.parent)
        self.show_status(tr("Wrote {file}").format(file=str(path)))
