"""Scenarios side by side: which assumptions differ, and what that does to outlays and to
the chance of reaching the targets.

The window lists the scenarios to compare (the first is the reference; by default the
scenario being edited), runs ``simulator.compare.compare`` in a worker thread with progress
and Cancel (every scenario is a full run, all with the reference's seed and sampler, so the
differences come from the assumptions alone), and shows three tabs: the differences
(filterable table, CSV / clipboard), the comparison charts (redrawn on a language switch,
exported as PNG, SVG and PDF), and the totals per year and target probabilities with their
differences.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
                               QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QProgressBar, QPushButton, QSizePolicy, QSpinBox, QSplitter,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
                               QWidget)
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

from simulator import Cancelled, ScenarioError, load_scenario, shipped_scenario_path
from simulator.present.charts import effective_language, save_figure
from simulator.model.comparison import compare
from simulator.present.comparison import comparison_figures, write_comparison_charts
from simulator.present.tables import in_unit, money_unit, rows_to_tsv, write_csv
from simulator.model.scenario import MAX_DRAWS, ScenarioSaveError

from . import dialogs, i18n
from .i18n import language, tr
from .labels import format_number, format_percent, indicator_name, line_name
from .results_view import FLAG_COLOURS
from .review import describe, item_name
from .widgets import NOTE_STYLE, TITLE_STYLE, wrap_label

log = logging.getLogger(__name__)

CHART_STEMS = ("compare_total", "compare_difference", "compare_targets")
LINE_FIELDS = {"uptake_cv": "spread", "disbursement": "disbursement",
               "renewal_rate": "renewal rate"}
ACTUAL_FIELDS = {"kind": "Kind", "id": "Item", "year": "Year", "value": "Value",
                 "source": "Source"}


# ============================================================================ differences
def _format(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_format(v)}" for k, v in value.items() if k != "basis")
    if isinstance(value, (list, tuple)) and not all(isinstance(v, (int, float))
                                                    for v in value):
        return "; ".join(_format(v) for v in value)
    return format_number(value)


def _line_setting(line, rest: list[str]) -> str:
    field = rest[0] if rest else ""
    if field == "uptake":
        return tr("awards") if line is None or line.counts_awards else tr("amount")
    if field == "award_share":
        return tr("award share mean") if rest[-1] == "mean" else tr("award share sd")
    if field == "cost":
        return tr("cost mean") if rest[-1] == "mean_wan" else tr("cost CV")
    return tr(LINE_FIELDS.get(field, field))


def difference_row(difference, reference, other) -> list[str]:
    """[item, year, setting, reference value, other value] of one Difference, in words."""
    parts = difference.path.split(".")
    head = parts[0]
    year = difference.year or ""
    rest = [p for p in parts[2:] if not (p.isdigit() and len(p) == 4)]
    item, setting = "", difference.field
    if head == "lines" and len(parts) > 1:
        catalogue = other.catalogue
        line = catalogue.line(parts[1]) if catalogue.has_line(parts[1]) else None
        item = line_name(line) if line is not None else parts[1]
        setting = _line_setting(line, rest)
    elif head == "own_lines" and len(parts) > 1 and parts[1].isdigit():
        index = int(parts[1])
        entry = None
        for scenario in (other, reference):
            own = scenario.get(("own_lines",))
            if index < len(own):
                entry = own[index]
                break
        line = other.catalogue.line(entry["id"]) if entry and \
            other.catalogue.has_line(entry["id"]) else None
        item = (line_name(line) if line is not None else (entry or {}).get("id", "")) + \
            f" ({tr('own budget line')})"
        setting = _line_setting(line, rest[1:] if rest and rest[0].isdigit() else rest) \
            if len(parts) > 2 else tr("own budget line")
    elif head == "indicators" and len(parts) > 1:
        try:
            item = indicator_name(other.catalogue.indicator(parts[1]))
        except (KeyError, StopIteration):
            item = parts[1]
        field = parts[2] if len(parts) > 2 else ""
        if field == "effects":
            index = int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else None
            effects = other.get(("indicators", parts[1], "effects"))
            effect_line = effects[index]["line"] if index is not None and index < len(effects) \
                else None
            name = line_name(other.catalogue.line(effect_line)) if effect_line and \
                other.catalogue.has_line(effect_line) else (effect_line or "")
            key = "effect of {line} (mean)" if parts[-1] == "mean" else \
                "effect of {line} (sd)"
            setting = tr(key).format(line=name)
        elif field == "start_2023":
            setting = tr("start 2023 mean") if parts[-1] == "mean" else tr("start 2023 sd")
        elif field == "trend":
            setting = tr("trend mean") if parts[-1] == "mean" else tr("trend sd")
        elif field == "noise_sd":
            setting = tr("noise sd")
    elif head == "uptake_multiplier":
        setting = tr("uptake multiplier")
    elif head == "common_factor":
        setting = tr("common factor loading")
    elif head == "simulation" and len(parts) > 1:
        setting = tr(parts[1])
    elif head == "flag_thresholds" and len(parts) > 1:
        setting = tr("on-track threshold") if parts[1] == "on_track" else \
            tr("at-risk threshold")
    elif head == "appropriation":
        setting = tr("yearly appropriation (万元)")
    elif head == "actuals":
        index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        entry = None
        for scenario in (other, reference):
            actuals = scenario.actuals
            if index is not None and index < len(actuals):
                entry = actuals[index]
                break
        item = tr("Observed value")
        if entry is not None:
            item += ": " + item_name(other, entry["kind"], entry["id"])
            year = str(entry["year"])
        setting = tr("observed value") if len(parts) <= 2 else \
            tr(ACTUAL_FIELDS.get(parts[2], parts[2]))
    old, new = difference.old, difference.new
    if head == "actuals" and len(parts) <= 2:
        old = describe(reference, old) if isinstance(old, dict) else old
        new = describe(other, new) if isinstance(new, dict) else new
    if head == "flag_thresholds":
        old = format_percent(old) if isinstance(old, (int, float)) else old
        new = format_percent(new) if isinstance(new, (int, float)) else new
    return [item, year, setting,
            old if isinstance(old, str) else _format(old),
            new if isinstance(new, str) else _format(new)]


# ============================================================================ the worker
class CompareSignals(QObject):
    progress = Signal(float)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(str)


class CompareJob(QRunnable):
    """``compare`` in a worker thread; it checks ``cancel_requested`` between chunks."""

    def __init__(self, scenarios, draws: int):
        super().__init__()
        self.setAutoDelete(False)
        self.scenarios = scenarios
        self.draws = draws
        self.signals = CompareSignals()
        self.cancel_requested = False
        self.kept_own_actuals: list[str] = []  # names of scenarios not given shared actuals

    def cancel(self) -> None:
        self.cancel_requested = True

    def run(self) -> None:
        try:
            comparison = compare(self.scenarios, draws=self.draws,
                                 progress=self.signals.progress.emit,
                                 cancelled=lambda: self.cancel_requested)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown as a message, logged in full
            log.exception("comparison failed")
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(comparison)


# ============================================================================ charts
class ComparisonCanvas(FigureCanvasQTAgg):
    """One comparison figure; drawn with its language's fonts; right-click to export."""

    exportRequested = Signal(object)

    def __init__(self, stem: str, figure, look):
        super().__init__(figure)
        self.stem = stem
        self.look = look
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def draw(self) -> None:
        with self.look.rc():
            super().draw()

    def _menu(self, position) -> None:
        menu = QMenu(self)
        action = QAction(tr("Export chart…"), menu)
        action.triggered.connect(lambda: self.exportRequested.emit(self))
        menu.addAction(action)
        menu.exec(self.mapToGlobal(position))

    def texts(self) -> list[str]:
        from matplotlib.text import Text
        return [t.get_text() for t in self.figure.findobj(Text) if t.get_text()]


# ============================================================================ the window
class CompareWindow(QWidget):
    """Choose scenarios, compare them in a worker, read and export the comparison."""

    finished = Signal(str)  # 'done', 'cancelled' or 'failed'

    def __init__(self, document, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.document = document
        self.entries: list[dict] = [{"current": True, "path": None, "scenario": None}]
        self.comparison = None
        self.job: CompareJob | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.canvases: dict[str, ComparisonCanvas] = {}
        self.difference_rows: list[list[str]] = []

        # ---- scenarios to compare
        self.title = wrap_label(style=TITLE_STYLE)
        self.scenario_table = QTableWidget(0, 3)
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
        for button in (self.add_button, self.add_current_button, self.remove_button,
                       self.reference_button):
            side.addWidget(button)
        side.addStretch(1)
        for button in (self.add_button, self.add_current_button, self.remove_button,
                       self.reference_button):
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
        self.status.setStyleSheet("color: #555555;")
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

        # ---- differences
        self.tabs = QTabWidget()
        differences = QWidget()
        d_layout = QVBoxLayout(differences)
        d_top = QHBoxLayout()
        self.other_label = QLabel()
        self.other_combo = QComboBox()
        self.other_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.other_combo.currentIndexChanged.connect(lambda _i: self._fill_differences())
        self.filter_box = QLineEdit()
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(lambda _t: self._apply_filter())
        self.count_label = QLabel()
        self.copy_differences_button = QPushButton()
        self.export_differences_button = QPushButton()
        self.copy_differences_button.clicked.connect(lambda: self.copy_differences())
        self.export_differences_button.clicked.connect(lambda: self.export_differences())
        d_top.addWidget(self.other_label)
        d_top.addWidget(self.other_combo)
        d_top.addWidget(self.filter_box, 1)
        d_top.addWidget(self.count_label)
        d_top.addWidget(self.copy_differences_button)
        d_top.addWidget(self.export_differences_button)
        d_layout.addLayout(d_top)
        self.differences_table = QTableWidget(0, 5)
        self.differences_table.verticalHeader().setVisible(False)
        self.differences_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.differences_table.setSelectionMode(
            QAbstractItemView.SelectionMode.ContiguousSelection)
        self.differences_table.setAlternatingRowColors(True)
        self.differences_table.verticalHeader().setDefaultSectionSize(22)
        self.differences_table.setSortingEnabled(False)
        h = self.differences_table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            h.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        h.setMaximumSectionSize(420)  # long values are elided; the tooltip has them
        d_layout.addWidget(self.differences_table)
        self.tabs.addTab(differences, "")

        # ---- charts
        charts = QWidget()
        c_layout = QVBoxLayout(charts)
        c_top = QHBoxLayout()
        c_top.addStretch(1)
        self.export_charts_button = QPushButton()
        self.export_charts_button.clicked.connect(lambda: self.export_charts())
        c_top.addWidget(self.export_charts_button)
        c_layout.addLayout(c_top)
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setDocumentMode(True)
        c_layout.addWidget(self.chart_tabs)
        self.tabs.addTab(charts, "")

        # ---- totals and targets
        totals = QWidget()
        t_layout = QVBoxLayout(totals)
        t_top = QHBoxLayout()
        self.totals_note = wrap_label(style=NOTE_STYLE)
        t_top.addWidget(self.totals_note, 1)
        self.copy_totals_button = QPushButton()
        self.copy_totals_button.clicked.connect(lambda: self.copy_totals())
        t_top.addWidget(self.copy_totals_button)
        t_layout.addLayout(t_top)
        self.totals_table = QTableWidget(0, 7)
        self.totals_table.verticalHeader().setVisible(False)
        self.totals_table.horizontalHeader().setVisible(False)
        self.totals_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.totals_table.setShowGrid(False)
        self.totals_table.verticalHeader().setDefaultSectionSize(22)
        self.totals_table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        t_layout.addWidget(self.totals_table)
        self.tabs.addTab(totals, "")

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
        self.retranslate()
        self.resize(1280, 860)

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
        self.shared_actuals.setToolTip(tr(
            "Observed values are facts, not assumptions: with this on, the scenarios differ in "
            "their assumptions only."))
        self.cancel_button.setText(tr("Cancel"))
        self.settings_note.setText(tr(
            "Every scenario runs with the reference's seed and sampler and the same number of "
            "draws (common random numbers), so the differences come from the assumptions, "
            "not from chance."))
        self.tabs.setTabText(0, tr("Differences in assumptions"))
        self.tabs.setTabText(1, tr("Charts"))
        self.tabs.setTabText(2, tr("Totals and targets"))
        self.other_label.setText(tr("Scenario"))
        self.filter_box.setPlaceholderText(tr("Filter: line, year, setting…"))
        self.copy_differences_button.setText(tr("Copy"))
        self.export_differences_button.setText(tr("Export CSV…"))
        self.export_charts_button.setText(tr("Export charts…"))
        self.copy_totals_button.setText(tr("Copy"))
        self.totals_note.setText(tr(
            "Differences are computed draw by draw against the reference: Δ mean is the mean "
            "of the differences."))
        self.differences_table.setHorizontalHeaderLabels(
            [tr("Item"), tr("Year"), tr("Setting"), tr("Reference"), tr("This scenario")])
        self._fill_scenarios()
        if self.comparison is not None:
            self._show_comparison()

    # ------------------------------------------------------------------ scenarios
    def scenarios(self) -> list:
        """The scenarios to compare, reference first (the current one as it is now). With
        "shared actuals" on, every scenario gets the reference's observed values: they are
        facts, so the scenarios then differ in their assumptions only."""
        scenarios = [self.document.scenario if e["current"] else e["scenario"]
                     for e in self.entries]
        self.kept_own_actuals = []
        observed = scenarios[0].actuals if scenarios else []
        if not (observed and self.shared_actuals.isChecked()):
            return scenarios
        out = scenarios[:1]
        for scenario in scenarios[1:]:
            try:
                out.append(scenario if scenario.actuals == observed
                           else scenario.replace(("actuals",), observed))
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
            name = scenario.name + (f" ({tr('current, unsaved changes included')})"
                                    if entry["current"] else "")
            path = str(entry["path"]) if entry["path"] else \
                (str(self.document.path) if entry["current"] and self.document.path
                 else tr("(not saved)") if entry["current"] else "")
            if r == 0:
                self.shared_actuals.setEnabled(bool(scenario.actuals))
            for c, text in enumerate((role, name, path)):
                item = table.item(r, c) or QTableWidgetItem()
                if table.item(r, c) is None:
                    table.setItem(r, c, item)
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
        self.add_current_button.setEnabled(not running and not any(
            e["current"] for e in self.entries))
        self.remove_button.setEnabled(not running and selected is not None)
        self.reference_button.setEnabled(not running and bool(selected))
        self.compare_button.setEnabled(not running and len(self.entries) >= 2)
        self.draws_spin.setEnabled(not running)
        if len(self.entries) < 2 and not running:
            self.status.setText(tr("Add at least one more scenario to compare."))
        elif not running and self.status.text() == tr(
                "Add at least one more scenario to compare."):
            self.status.setText("")

    def add_files(self, paths=None) -> int:
        """Add scenario files (a file dialog when none are given); problems of a file are
        listed and that file is left out. Returns how many were added."""
        if paths is None:
            start = str(self.document.path.parent) if self.document.path else \
                str(shipped_scenario_path().parent)
            paths, _ = QFileDialog.getOpenFileNames(
                self, tr("Add scenarios to compare"), start,
                tr("Scenario files (*.json);;All files (*)"))
            if not paths:
                return 0
        added = 0
        for path in paths:
            path = Path(path)
            try:
                scenario = load_scenario(path)
            except ScenarioError as exc:
                dialogs.show_problems(self, str(path), exc.problems)
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
        self.status.setText(tr("Comparing {n} scenarios, {draws} draws each…").format(
            n=len(self.entries), draws=f"{job.draws:,}"))
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
        self.status.setText(tr("Compared {n} scenarios: {draws} draws, seed {seed}.").format(
            n=len(comparison.scenarios), draws=f"{comparison.draws:,}", seed=comparison.seed)
            + (" " + tr("Kept their own observed values (the reference's do not fit): "
                        "{names}.").format(names=", ".join(job.kept_own_actuals))
               if job.kept_own_actuals else ""))
        self._show_comparison()
        self.finished.emit("done")

    def _ended(self, job, how: str, message: str = "") -> None:
        if not self._finish(job):
            return
        if how == "cancelled":
            self.status.setText(tr("Comparison cancelled.") + (
                " " + tr("The previous comparison is still shown.")
                if self.comparison is not None else ""))
        else:
            self.status.setText(tr("Comparison failed: {message}").format(message=message))
        self.finished.emit(how)

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        self.cancel()
        self._pool.waitForDone()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.cancel()
        super().closeEvent(event)

    # ------------------------------------------------------------------ showing
    def _show_comparison(self) -> None:
        comparison = self.comparison
        names = comparison.names
        current = self.other_combo.currentIndex()
        self.other_combo.blockSignals(True)
        self.other_combo.clear()
        for i in range(1, len(names)):
            self.other_combo.addItem(f"{names[i]} ↔ {names[0]}", i)
        self.other_combo.setCurrentIndex(max(0, min(current, len(names) - 2)))
        self.other_combo.blockSignals(False)
        self.other_combo.setVisible(len(names) > 2)
        self.other_label.setVisible(len(names) > 2)
        self._fill_differences()
        self._fill_charts()
        self._fill_totals()

    def _other_index(self) -> int:
        return self.other_combo.currentData() or 1

    def _fill_differences(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        i = self._other_index()
        reference, other = comparison.scenarios[0], comparison.scenarios[i]
        # every scenario ran with the reference's simulation settings: theirs do not count
        self.difference_rows = [difference_row(d, reference, other)
                                for d in comparison.differences(i)
                                if not d.path.startswith("simulation.")]
        table = self.differences_table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(self.difference_rows))
        for r, row in enumerate(self.difference_rows):
            for c, text in enumerate(row):
                item = table.item(r, c) or QTableWidgetItem()
                if table.item(r, c) is None:
                    table.setItem(r, c, item)
                item.setText(text)
                item.setToolTip(text)
                if c in (3, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
        table.setUpdatesEnabled(True)
        self.differences_table.setHorizontalHeaderLabels(
            [tr("Item"), tr("Year"), tr("Setting"), comparison.names[0],
             comparison.names[i]])
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.filter_box.text().strip().lower()
        shown = 0
        for r, row in enumerate(self.difference_rows):
            hide = bool(needle) and not any(needle in text.lower() for text in row)
            self.differences_table.setRowHidden(r, hide)
            shown += not hide
        total = len(self.difference_rows)
        if self.comparison is None:
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText(tr("No assumption differs."))
        elif shown == total:
            self.count_label.setText(tr("{n} differences").format(n=total))
        else:
            self.count_label.setText(tr("{shown} of {n} differences shown").format(
                shown=shown, n=total))

    def visible_difference_rows(self) -> list[list[str]]:
        return [row for r, row in enumerate(self.difference_rows)
                if not self.differences_table.isRowHidden(r)]

    def _fill_charts(self) -> None:
        lang = effective_language(language())
        figures = comparison_figures(self.comparison, lang)
        current = self.chart_tabs.currentIndex()
        while self.chart_tabs.count():
            widget = self.chart_tabs.widget(0)
            self.chart_tabs.removeTab(0)
            widget.deleteLater()
        self.canvases = {}
        names = {"compare_total": tr("Total outlays"),
                 "compare_difference": tr("Difference to the reference"),
                 "compare_targets": tr("Target probabilities")}
        for stem in CHART_STEMS:
            figure, look = figures[stem]
            canvas = ComparisonCanvas(stem, figure, look)
            canvas.exportRequested.connect(lambda c: self.export_chart(c))
            self.canvases[stem] = canvas
            self.chart_tabs.addTab(canvas, names[stem])
        self.chart_tabs.setCurrentIndex(max(0, current))

    def _fill_totals(self) -> None:
        comparison = self.comparison
        names = comparison.names
        results = comparison.results
        n = len(names)
        years = results[0].years
        labels = [str(y) for y in years] + [f"{years[0]}–{years[-1]}"]
        totals = [r.outlay()["mean"] for r in results]
        unit = money_unit([v for t in totals for v in t[:-1]])
        unit_label = unit if language() == "zh" else {"亿元": "100m yuan",
                                                      "万元": "10k yuan"}[unit]
        decimals = 2 if unit == "亿元" else 0
        rows: list[list] = []
        kinds: list[str] = []  # header, value, delta, blank, probability, pdelta
        rows.append([tr("Mean total outlay ({unit})").format(unit=unit_label)] + labels)
        kinds.append("header")
        for name, total in zip(names, totals):
            rows.append([name] + [f"{in_unit(v, unit):,.{decimals}f}" for v in total])
            kinds.append("value")
        for i in range(1, n):
            delta = comparison.outlay_difference(i)
            rows.append([tr("Δ {name} − {reference}").format(name=names[i],
                                                             reference=names[0])]
                        + [f"{in_unit(v, unit):+,.{decimals}f}" for v in delta["mean"]])
            kinds.append("delta")
        rows.append([])
        kinds.append("blank")
        header = [tr("Probability of reaching the 2028 target")] + list(names) + \
            [tr("Δ {name}").format(name=names[i]) for i in range(1, n)]
        rows.append(header)
        kinds.append("header")
        catalogue = results[0].catalogue
        flags: dict[tuple[int, int], str] = {}
        for indicator in list(catalogue.indicators) + [None]:
            if indicator is None:
                probabilities = [r.all_targets_probability() for r in results]
                label = tr("All five targets")
                deltas = [comparison.target_difference(i)["all"] for i in range(1, n)]
            else:
                probabilities = [r.target_probability(indicator.id) for r in results]
                label = indicator_name(indicator)
                deltas = [comparison.target_difference(i)[indicator.id] for i in range(1, n)]
            for c, (r, p) in enumerate(zip(results, probabilities), start=1):
                flags[(len(rows), c)] = r.flag(p)
            rows.append([label] + [format_percent(p) for p in probabilities]
                        + [tr("{value} pp").format(value=f"{100 * d:+.1f}")
                           for d in deltas])
            kinds.append("probability")
        self.totals_rows = rows
        table = self.totals_table
        columns = max(len(r) for r in rows)
        table.setColumnCount(columns)
        table.setRowCount(len(rows))
        header_brush = QBrush(QColor("#e8edf3"))
        bold = QFont()
        bold.setBold(True)
        for r, (row, kind) in enumerate(zip(rows, kinds)):
            for c in range(columns):
                text = row[c] if c < len(row) else ""
                item = table.item(r, c) or QTableWidgetItem()
                if table.item(r, c) is None:
                    table.setItem(r, c, item)
                item.setText(text)
                item.setFont(bold if kind == "header" else QFont())
                brush = header_brush if kind == "header" and row else QBrush()
                flag = flags.get((r, c))
                if flag is not None:
                    brush = QBrush(QColor(FLAG_COLOURS[flag]))
                item.setBackground(brush)
                item.setTextAlignment((Qt.AlignmentFlag.AlignLeft if c == 0
                                       else Qt.AlignmentFlag.AlignRight)
                                      | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(text if c == 0 else "")
        h = table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # ------------------------------------------------------------------ export
    def _export_dir(self) -> Path:
        parent = self.parent()
        if parent is not None and hasattr(parent, "_export_dir"):
            return parent._export_dir()
        return Path.home()

    def _remember_dir(self, folder: Path) -> None:
        parent = self.parent()
        if parent is not None and hasattr(parent, "settings"):
            parent.settings.setValue("exportDir", str(folder))

    def export_chart(self, canvas: ComparisonCanvas, path: str | Path | None = None) -> bool:
        if path is None:
            start = str(self._export_dir() / f"{canvas.stem}.png")
            path, selected = QFileDialog.getSaveFileName(
                self, tr("Export chart"), start,
                tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"))
            if not path:
                return False
            path = Path(path)
            if path.suffix.lower() not in (".png", ".svg", ".pdf"):
                ext = next((e for e in ("png", "svg", "pdf") if f"*.{e}" in selected), "png")
                path = path.with_suffix(f".{ext}")
        path = Path(path)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("png", "svg", "pdf"):
            fmt, path = "png", path.with_suffix(".png")
        try:
            save_figure(canvas.figure, canvas.look, path, fmt)
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, tr("Could not write the file"), str(exc))
            return False
        finally:
            canvas.draw_idle()
        self._remember_dir(path.parent)
        self.status.setText(tr("Wrote {file}").format(file=str(path)))
        return True

    def export_charts(self, directory: str | Path | None = None) -> list[Path]:
        """The three comparison charts as PNG, SVG and PDF into a folder."""
        if self.comparison is None:
            return []
        if directory is None:
            directory = QFileDialog.getExistingDirectory(
                self, tr("Choose a folder for the charts"), str(self._export_dir()))
            if not directory:
                return []
        directory = Path(directory)
        try:
            written = write_comparison_charts(self.comparison, directory,
                                              effective_language(language()))
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, tr("Could not write the charts"), str(exc))
            return []
        self._remember_dir(directory)
        self.status.setText(tr("Wrote {n} files to {folder}").format(n=len(written),
                                                                     folder=str(directory)))
        return written

    def _difference_table(self) -> list[list[str]]:
        comparison = self.comparison
        i = self._other_index()
        return [[tr("Item"), tr("Year"), tr("Setting"), comparison.names[0],
                 comparison.names[i]]] + self.visible_difference_rows()

    def copy_differences(self) -> bool:
        """The differences shown (after the filter) to the clipboard, tab-separated."""
        if self.comparison is None:
            return False
        rows = self._difference_table()
        QApplication.clipboard().setText(rows_to_tsv(rows))
        self.status.setText(tr("Copied {rows} rows to the clipboard.").format(
            rows=len(rows) - 1))
        return True

    def export_differences(self, path: str | Path | None = None) -> bool:
        """The differences shown (after the filter) as CSV (UTF-8 with BOM, for Excel)."""
        if self.comparison is None:
            return False
        if path is None:
            path = dialogs.csv_save_path(self, tr("Export differences"),
                                         self._export_dir() / "differences.csv")
            if path is None:
                return False
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            write_csv(self._difference_table(), path)
        except (ScenarioSaveError, OSError) as exc:
            dialogs.show_error(self, tr("Could not write the file"), str(exc))
            return False
        self._remember_dir(path.parent)
        self.status.setText(tr("Wrote {file}").format(file=str(path)))
        return True

    def copy_totals(self) -> bool:
        if self.comparison is None:
            return False
        QApplication.clipboard().setText(rows_to_tsv(self.totals_rows))
        self.status.setText(tr("Copied {rows} rows to the clipboard.").format(
            rows=len(self.totals_rows)))
        return True


ZH = {
    "Compare scenarios": "情景比较",
    "Scenarios to compare (the first is the reference)": "参与比较的情景(第一个为参照情景)",
    "Role": "角色",
    "File": "文件",
    "Reference": "参照情景",
    "Compared": "比较情景",
    "current, unsaved changes included": "当前情景,含未保存的修改",
    "(not saved)": "(未保存)",
    "Add scenario files…": "添加情景文件…",
    "Add the current scenario": "添加当前情景",
    "Remove": "移除",
    "Make reference": "设为参照情景",
    "Compare": "开始比较",
    "Cancel": "取消",
    "Every scenario runs with the reference's seed and sampler and the same number of draws "
    "(common random numbers), so the differences come from the assumptions, not from chance.":
        "所有情景均使用参照情景的随机种子、抽样方法和相同的抽样次数(共同随机数),"
        "因此差异来自假设本身,而非随机波动。",
    "Differences in assumptions": "假设差异",
    "Charts": "图表",
    "Totals and targets": "支出与目标",
    "Filter: line, year, setting…": "筛选:支持政策、年份、设置…",
    "Export charts…": "导出图表…",
    "Differences are computed draw by draw against the reference: Δ mean is the mean of the "
    "differences.":
        "差额按每次抽样与参照情景逐一相减计算:Δ 为差额的均值。",
    "Setting": "设置",
    "This scenario": "本情景",
    "Add at least one more scenario to compare.": "请至少再添加一个情景进行比较。",
    "Add scenarios to compare": "添加要比较的情景",
    "Comparing {n} scenarios, {draws} draws each…": "正在比较 {n} 个情景,每个 {draws} 次抽样…",
    "Compared {n} scenarios: {draws} draws, seed {seed}.":
        "已比较 {n} 个情景:{draws} 次抽样,随机种子 {seed}。",
    "Comparison cancelled.": "已取消比较。",
    "The previous comparison is still shown.": "仍显示上一次的比较结果。",
    "Comparison failed: {message}": "比较失败:{message}",
    "No assumption differs.": "没有不同的假设。",
    "{n} differences": "{n} 处差异",
    "{shown} of {n} differences shown": "显示 {shown} / {n} 处差异",
    "Total outlays": "支出总额",
    "Difference to the reference": "与参照情景的差额",
    "Target probabilities": "目标达成概率",
    "Mean total outlay ({unit})": "预算支出合计均值({unit})",
    "Δ {name} − {reference}": "Δ {name} − {reference}",
    "Δ {name}": "Δ {name}",
    "Probability of reaching the 2028 target": "2028年目标达成概率",
    "All five targets": "五项目标全部达成",
    "Copied {rows} rows to the clipboard.": "已复制 {rows} 行到剪贴板。",
    "Export differences": "导出假设差异",
    "yearly appropriation (万元)": "年度预算额度(万元)",
    "Observed value": "实际值",
    "observed value": "实际值",
    "{value} pp": "{value} 个百分点",
    "Give every scenario the reference's observed values": "所有情景均采用参照情景的实际值",
    "Observed values are facts, not assumptions: with this on, the scenarios differ in their "
    "assumptions only.": "实际值是事实而非假设:选中后各情景之间只有假设不同。",
    "Kept their own observed values (the reference's do not fit): {names}.":
        "以下情景保留了自己的实际值(参照情景的实际值不适用):{names}。",
}
i18n.ZH.update(ZH)
