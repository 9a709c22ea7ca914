"""The decision-support window: four tabs (sensitivity, value for money, budget envelope,
goal seek), one analysis at a time in the worker (``worker``), on a snapshot of the scenario;
a result whose snapshot differs from the scenario is marked out of date. The analyses come
from ``simulator.analysis``; the tabs only lay out widgets and turn planner input into the
analyses' arguments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from simulator import analysis

from ...core.geometry import place_window, remember_geometry
from ...core.labels import format_seconds, sampler_name
from ...i18n import tr
from ...widgets.basic import wrap_label
from ...widgets.export import export_chart
from ...widgets.styles import NOTE_STYLE, TITLE_STYLE
from .base import AnalysisTab
from .envelope import EnvelopeTab
from .goal import GoalTab
from .sensitivity import SensitivityTab
from .value import ValueTab
from .worker import OPTIMIZE, SENSITIVITY, VALUE_FOR_MONEY, AnalysisRunner, Request

#: The window's size where the screen has room, and where it keeps its geometry.
PREFERRED_SIZE = QSize(1440, 940)
GEOMETRY_KEY = "decisionGeometry"


class DecisionWindow(QWidget):
    """The decision-support window: four tabs, one analysis at a time in the worker."""

    def __init__(self, main_window):
        super().__init__(main_window, Qt.WindowType.Window)
        self.main = main_window
        self.document = main_window.document
        self.runner = AnalysisRunner(self)
        self.results = main_window.results
        self.title = wrap_label(style=TITLE_STYLE)
        self.draws_label = QLabel()
        self.draws_spin = QSpinBox()
        self.draws_spin.setRange(1_000, 250_000)
        self.draws_spin.setSingleStep(5_000)
        self.draws_spin.setGroupSeparatorShown(True)
        self.draws_spin.setValue(analysis.DEFAULT_DRAWS)
        self.draws_note = wrap_label(style=NOTE_STYLE)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.draws_label)
        top.addWidget(self.draws_spin)
        self.tabs = QTabWidget()
        self.sensitivity = SensitivityTab(self)
        self.value = ValueTab(self)
        self.goal = GoalTab(self)
        self.envelope = EnvelopeTab(self)
        for tab in (self.sensitivity, self.value, self.envelope, self.goal):
            self.tabs.addTab(tab, "")
        for tab in self.analysis_tabs():
            tab.runRequested.connect(self.run)
        self.status = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.runner.cancel)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.draws_note)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.runner.started.connect(self._started)
        self.runner.progress.connect(lambda f: self.progress.setValue(int(1000 * f)))
        self.runner.finished.connect(self._finished)
        self.runner.cancelled.connect(lambda kind: self._ended(kind, "cancelled"))
        self.runner.failed.connect(lambda kind, message: self._ended(kind, "failed", message))
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.settings = getattr(main_window, "geometry_settings", None)
        place_window(self, PREFERRED_SIZE, self.settings, GEOMETRY_KEY)
        self.retranslate()
        self.set_results(main_window.results)

    def analysis_tabs(self) -> list[AnalysisTab]:
        return [self.sensitivity, self.value, self.goal]

    def tab(self, kind: str) -> AnalysisTab:
        return {SENSITIVITY: self.sensitivity, VALUE_FOR_MONEY: self.value, OPTIMIZE: self.goal}[
            kind
        ]

    # ------------------------------------------------------------------ running
    def run(self, kind: str) -> bool:
        """Start an analysis of the current scenario (a snapshot) in the worker."""
        if self.runner.running:
            return False
        tab = self.tab(kind)
        options = tab.options()
        if options is None:
            return False
        self.main.line_editor.flush()  # a slider value not yet applied belongs in the snapshot
        request = Request(kind, self.document.scenario, self.draws_spin.value(), options)
        return self.runner.start(request)

    def _kind_name(self, kind: str) -> str:
        return {
            SENSITIVITY: tr("Sensitivity"),
            VALUE_FOR_MONEY: tr("Value for money"),
            OPTIMIZE: tr("Goal seek"),
        }[kind]

    def _started(self, kind: str) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self._set_running(True)
        self.status.setText(
            tr("{analysis}: running on a snapshot of the scenario ({draws} draws)…").format(
                analysis=self._kind_name(kind), draws=f"{self.draws_spin.value():,}"
            )
        )

    def _set_running(self, running: bool) -> None:
        for tab in self.analysis_tabs():
            tab.run_button.setEnabled(not running)
        self.draws_spin.setEnabled(not running)
        self.goal._update_apply()

    def _stop_progress(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._set_running(False)

    def _finished(self, outcome) -> None:
        self._stop_progress()
        kind = outcome.request.kind
        self.tab(kind).set_outcome(outcome)
        self.status.setText(
            tr("{analysis} done in {seconds}.").format(
                analysis=self._kind_name(kind), seconds=format_seconds(outcome.seconds)
            )
        )

    def _ended(self, kind: str, how: str, message: str = "") -> None:
        self._stop_progress()
        if how == "cancelled":
            self.status.setText(
                tr("{analysis} cancelled; the previous result, if any, is still shown.").format(
                    analysis=self._kind_name(kind)
                )
            )
        else:
            self.status.setText(
                tr("{analysis} failed: {message}").format(
                    analysis=self._kind_name(kind), message=message
                )
            )
            if kind == OPTIMIZE:
                self.goal.error.setText(message)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def export_chart(self, view, path: str | Path | None = None) -> bool:
        """One chart to PNG, SVG or PDF (format from the file name or the chosen filter)."""
        written = export_chart(self, view, path, self.main.export_dir())
        if written is not None:
            self.main.remember_export_dir(written.parent)
            self.show_status(tr("Wrote {file}").format(file=str(written)))
        return written is not None

    # ------------------------------------------------------------------ following the app
    def scenario_changed(self) -> None:
        for tab in self.analysis_tabs():
            tab.update_state()
        self.envelope.load()
        self.envelope._values_changed()
        self.goal.mark_bounds_dirty()
        self._update_note()

    def set_results(self, results) -> None:
        self.results = results
        self.envelope.set_results(results)

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.envelope:
            self.envelope.show_exceedance()

    def _update_note(self) -> None:
        scenario = self.document.scenario
        self.draws_note.setText(
            tr(
                "Every analysis runs on a snapshot of “{scenario}” with its seed {seed} and "
                "{sampler} sampling, and these draws; variants are compared with the same random "
                "numbers."
            ).format(
                scenario=scenario.name, seed=scenario.seed, sampler=sampler_name(scenario.sampler)
            )
        )

    def retranslate(self) -> None:
        self.setWindowTitle(
            tr("Decision support — {name}").format(name=self.document.display_name())
        )
        self.title.setText(tr("Decision support"))
        self.draws_label.setText(tr("Draws for the analyses"))
        self.cancel_button.setText(tr("Cancel"))
        for index, text in enumerate(
            (tr("Sensitivity"), tr("Value for money"), tr("Budget envelope"), tr("Goal seek"))
        ):
            self.tabs.setTabText(index, text)
        for tab in (self.sensitivity, self.value, self.envelope, self.goal):
            tab.retranslate()
        self._update_note()

    def closeEvent(self, event) -> None:
        self.runner.cancel()  # an analysis nobody sees would only keep the processor busy
        self.remember_geometry()
        super().closeEvent(event)

    def remember_geometry(self) -> None:
        remember_geometry(self, self.settings, GEOMETRY_KEY)

    def shutdown(self) -> None:
        self.runner.shutdown()
