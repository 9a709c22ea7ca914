"""Decision support (决策支持): what drives the budget, value for money, the budget envelope
and the goal seek, in one window opened from the Analysis menu.

* **Sensitivity**: the tornado (one assumption at a time, low to high) and the global drivers
  over the draws, for the total outlay 2024–2028, each target or all five.
* **Value for money**: measures ranked by the change of a target's probability per extra
  1,000 万元 spent through them, with their share of the outlay's variance.
* **Budget envelope**: the scenario's yearly appropriation (an undoable edit of
  ``("appropriation",)``) and the chance that each year's outlay exceeds it, read from the main
  window's results.
* **Goal seek**: bounds per free line (awards per year), the objective, the frontier of
  expected cost against probability, and "Apply point" as one undoable step.

The analyses come from ``simulator.decision`` and run in ``decision_worker`` on a snapshot of
the scenario; a result whose snapshot differs from the scenario is marked out of date. This
module only lays out widgets and turns planner input into the model's arguments.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QButtonGroup, QCheckBox,
                               QComboBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QProgressBar, QPushButton, QRadioButton, QSizePolicy, QSpinBox,
                               QSplitter, QStackedWidget, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from simulator import ScenarioError
from simulator.analysis import decision
from simulator.present.charts import CHART_DPI, CHART_SIZE, effective_language
from simulator.present.decision_charts import make_decision_chart
from simulator.present.tables import rows_to_tsv, summary_rows
from simulator.model.scenario import MAX_AMOUNT_WAN, YEARS

from . import dialogs, i18n
from .decision_worker import OPTIMIZE, SENSITIVITY, VALUE_FOR_MONEY, AnalysisRunner, Request
from .i18n import language, pick, tr
from .labels import (format_number, format_percent, format_seconds, indicator_name, line_name,
                     measure_name, sampler_name, uptake_unit)
from .widgets import (ASSUMPTION_STYLE, ERROR_STYLE, NOTE_STYLE, TITLE_STYLE, spin,
                      wrap_label)

WAN_PER_YI = 10_000.0
TAB_KEYS = ("sensitivity", "value", "envelope", "goal")
DEFAULT_BASIS = "assumption: yearly appropriation set by the planner"
STALE_STYLE = "color: #8a5a00; font-weight: bold;"
GOOD, WARN, BAD = "#d8f0e6", "#fbecc8", "#f8d9cc"  # the summary table's flag colours
BEST_BRUSH = "#e3ecf7"


# ============================================================================ helpers
def yi_unit() -> str:
    return pick(None, "亿元", "100m yuan")


def money_yi(wan: float) -> str:
    """A money figure in 亿元 with two decimals and its unit."""
    return f"{wan / WAN_PER_YI:,.2f} {yi_unit()}"


def appropriation_text(value: Any) -> str:
    """A yearly appropriation in words: 'none' or '15.00 / 16.00 / … 亿元'."""
    if not value or not value.get("wan"):
        return tr("none")
    wan = value["wan"]
    return " / ".join(f"{wan[y] / WAN_PER_YI:,.2f}" for y in sorted(wan)) + f" {yi_unit()}"


def summary_table_rows(results, lang: str) -> list[list[Any]]:
    """The main window's summary: ``simulator.export.summary_rows`` (which includes the
    chance of exceeding the appropriation when the scenario has one)."""
    return summary_rows(results, lang)


def output_name(catalogue, output: str) -> str:
    """'Total outlay 2024–2028', 'P(all five targets)' or 'P(<indicator> target)'."""
    if output == decision.OUTLAY:
        return tr("Total outlay 2024–2028 (expected)")
    if output == decision.ALL_TARGETS:
        return tr("Probability of reaching all five targets")
    return tr("Probability of reaching the target: {indicator}").format(
        indicator=indicator_name(catalogue.indicator(output)))


def short_output(catalogue, output: str) -> str:
    if output == decision.ALL_TARGETS:
        return tr("P(all five)")
    return tr("P({indicator})").format(indicator=indicator_name(catalogue.indicator(output)))


def uptake_text(values: dict[str, float]) -> str:
    """Uptake by year, compact: '12' when every year is the same, else '10 / 12 / 15 / 15 /
    15'."""
    texts = [format_number(round(values[y], 2)) for y in sorted(values)]
    return texts[0] if len(set(texts)) == 1 else " / ".join(texts)


def item(text: str, numeric: bool = False, tooltip: str = "") -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    cell.setTextAlignment((Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                          | Qt.AlignmentFlag.AlignVCenter)
    if tooltip:
        cell.setToolTip(tooltip)
    return cell


def make_table(columns: int, stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(22)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return table


def table_rows(table: QTableWidget) -> list[list[str]]:
    """The table's header and cells as text (to copy into a spreadsheet)."""
    rows = [[table.horizontalHeaderItem(c).text() if table.horizontalHeaderItem(c) else ""
             for c in range(table.columnCount())]]
    for r in range(table.rowCount()):
        rows.append([table.item(r, c).text() if table.item(r, c) else ""
                     for c in range(table.columnCount())])
    return rows


def copy_button(table: QTableWidget, status) -> QPushButton:
    button = QPushButton()
    button.setProperty("trKey", "Copy table")

    def copy():
        rows = table_rows(table)
        QApplication.clipboard().setText(rows_to_tsv(rows))
        status(tr("Copied {rows} rows to the clipboard.").format(rows=len(rows) - 1))
    button.clicked.connect(copy)
    return button


class ChartView(QStackedWidget):
    """One decision chart (``make_decision_chart``) on a canvas, or a note until there is a
    result to draw. Right-click exports it."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.result = None
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #666666; font-size: 14px; padding: 24px;")
        self.figure = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(360, 240)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._menu)
        self.chart = make_decision_chart(kind, self.figure, effective_language(language()))
        self.addWidget(self.placeholder)
        self.addWidget(self.canvas)
        self.setMinimumHeight(260)

    def set_kind(self, kind: str) -> None:
        if kind == self.kind:
            return
        self.kind = kind  # the caller draws (show_result) or shows a note next
        self.chart = make_decision_chart(kind, self.figure, effective_language(language()))

    def show_result(self, result) -> None:
        self.result = result
        self._draw()
        self.setCurrentWidget(self.canvas)

    def show_note(self, text: str) -> None:
        self.result = None
        self.placeholder.setText(text)
        self.setCurrentWidget(self.placeholder)

    def _draw(self) -> None:
        self.chart.draw(self.result)
        self.canvas.draw_idle()

    def set_language(self, lang: str) -> None:
        self.chart.set_language(effective_language(lang))  # redraws when it has a result
        if self.result is not None:
            self.canvas.draw_idle()

    def _menu(self, position) -> None:
        if self.result is None:
            return
        menu = QMenu(self)
        action = QAction(tr("Export chart…"), menu)
        action.triggered.connect(lambda: self.export())
        menu.addAction(action)
        menu.exec(self.canvas.mapToGlobal(position))

    def export(self, path: str | Path | None = None) -> bool:
        """The chart to PNG, SVG or PDF (by the file name's extension)."""
        if self.result is None:
            return False
        if path is None:
            start = str(Path.home() / f"{self.kind.replace(':', '_')}.png")
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Export chart"), start,
                tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"))
            if not path:
                return False
        path = Path(path)
        if path.suffix.lower() not in (".png", ".svg", ".pdf"):
            path = path.with_suffix(".png")
        try:
            self.chart.savefig(path, path.suffix.lower().lstrip("."))
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, tr("Could not write the file"), str(exc))
            return False
        finally:
            self.canvas.draw_idle()
        return True


# ============================================================================ tabs
class _AnalysisTab(QWidget):
    """A tab showing one analysis: a Run button, an info line saying what it was computed
    with and whether it is out of date, and its charts and tables."""

    kind = ""
    runRequested = Signal(str)

    def __init__(self, window: "DecisionWindow"):
        super().__init__()
        self.window_ = window
        self.outcome = None  # decision_worker.Outcome
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda: self.runRequested.emit(self.kind))
        self.info = wrap_label(style=NOTE_STYLE)
        self.stale = wrap_label(style=STALE_STYLE)
        self.stale.setVisible(False)

    @property
    def document(self):
        return self.window_.document

    @property
    def result(self):
        return self.outcome.result if self.outcome is not None else None

    def is_stale(self) -> bool:
        return self.outcome is not None and \
            self.outcome.request.scenario != self.document.scenario

    def options(self) -> dict[str, Any] | None:
        """The analysis's keyword arguments, or None when the input is not valid."""
        return {}

    def set_outcome(self, outcome) -> None:
        self.outcome = outcome
        self.show_result()
        self.update_state()

    def update_state(self) -> None:
        outcome = self.outcome
        if outcome is None:
            self.info.setText(self.empty_text())
        else:
            result = outcome.result
            self.info.setText(tr("{scenario} · {draws} draws · seed {seed} · {sampler} · "
                                 "{seconds} · at {time}").format(
                scenario=outcome.request.scenario.name, draws=f"{result.draws:,}",
                seed=result.seed, sampler=sampler_name(result.sampler),
                seconds=format_seconds(outcome.seconds), time=outcome.finished_at))
        stale = self.is_stale()
        self.stale.setVisible(stale)
        self.stale.setText(tr("Out of date: the scenario has changed since this analysis ran. "
                              "Press Run to bring it up to date."))

    def empty_text(self) -> str:
        return ""

    def show_result(self) -> None:  # pragma: no cover - overridden
        pass

    def retranslate(self) -> None:
        self.run_button.setText(tr("Run"))
        for button in self.findChildren(QPushButton):
            key = button.property("trKey")
            if key:
                button.setText(tr(key))
        self.update_state()


class SensitivityTab(_AnalysisTab):
    """Tornado and global drivers for one output."""

    kind = SENSITIVITY

    def __init__(self, window):
        super().__init__(window)
        self.output_label = QLabel()
        self.output_combo = QComboBox()
        self.output_combo.setMinimumContentsLength(28)
        self.output_combo.currentIndexChanged.connect(lambda _i: self.show_result())
        self.indicators_check = QCheckBox()
        self.indicators_check.setChecked(True)
        top = QHBoxLayout()
        top.addWidget(self.output_label)
        top.addWidget(self.output_combo, 1)
        top.addWidget(self.indicators_check)
        top.addWidget(self.run_button)
        self.charts = QTabWidget()
        self.tornado = ChartView("tornado:all")
        self.drivers_chart = ChartView("drivers:all")
        self.charts.addTab(self.tornado, "")
        self.charts.addTab(self.drivers_chart, "")
        self.drivers_title = QLabel()
        self.drivers_title.setStyleSheet("font-weight: bold;")
        self.drivers = make_table(5)
        self.interactions = wrap_label(style=NOTE_STYLE)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.drivers_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.drivers, window.show_status))
        table_layout.addLayout(head)
        table_layout.addWidget(self.drivers)
        table_layout.addWidget(self.interactions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.charts)
        splitter.addWidget(table_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.stale)
        layout.addWidget(splitter, 1)
        self.fill_outputs()

    @property
    def output(self) -> str:
        return self.output_combo.currentData() or decision.ALL_TARGETS

    def fill_outputs(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.output_combo.currentData()
        self.output_combo.blockSignals(True)
        self.output_combo.clear()
        for output in decision.outputs(catalogue):
            self.output_combo.addItem(output_name(catalogue, output), output)
        index = self.output_combo.findData(current if current else decision.ALL_TARGETS)
        self.output_combo.setCurrentIndex(max(0, index))
        self.output_combo.blockSignals(False)

    def options(self):
        return {"indicator_assumptions": self.indicators_check.isChecked()}

    def empty_text(self) -> str:
        return tr("Not run yet. Press Run: about 6 s at 20,000 draws (4 s without the "
                  "indicator model's assumptions).")

    def show_result(self) -> None:
        result = self.result
        output = self.output
        self.tornado.set_kind(f"tornado:{output}")
        self.drivers_chart.set_kind(f"drivers:{output}")
        if result is None:
            note = tr("Press Run to see which assumptions move the outlay and the targets "
                      "most.")
            self.tornado.show_note(note)
            self.drivers_chart.show_note(note)
            self.drivers.setRowCount(0)
            self.interactions.setText("")
            return
        self.tornado.show_result(result)
        self.drivers_chart.show_result(result)
        self.fill_drivers()

    def fill_drivers(self) -> None:
        result, output = self.result, self.output
        catalogue = result.catalogue
        outlay = output == decision.OUTLAY
        headers = [tr("Uncertain quantity"), tr("Which part"),
                   tr("Share of outlay variance"), tr("First-order index"),
                   tr("Rank correlation ρ")]
        table = self.drivers
        table.setHorizontalHeaderLabels(headers)
        table.setColumnHidden(2, not outlay)
        drivers = result.top_drivers(output)
        table.setRowCount(len(drivers))
        for r, d in enumerate(drivers):
            name = d.name(catalogue, effective_language(language()))
            table.setItem(r, 0, item(name, tooltip=name))
            table.setItem(r, 1, item(d.what(effective_language(language()))))
            share = d.variance_share
            table.setItem(r, 2, item(format_percent(share) if share is not None else "—",
                                     numeric=True))
            table.setItem(r, 3, item(format_percent(d.first_order), numeric=True))
            table.setItem(r, 4, item(f"{d.rank_correlation:+.2f}", numeric=True))
        if outlay:
            self.interactions.setText(tr("Variance share: each line's covariance with the "
                                         "total over the total's variance (all lines add up "
                                         "to 100%). First-order index: the share of the "
                                         "variance the quantity explains alone."))
        else:
            self.interactions.setText(tr("First-order index: the share of the variance the "
                                         "quantity explains alone. Interactions and joint "
                                         "effects: {share}.").format(
                share=format_percent(result.interaction_share(output))))

    def retranslate(self) -> None:
        super().retranslate()
        self.output_label.setText(tr("Output"))
        self.indicators_check.setText(tr("Include the indicator model's assumptions (slower)"))
        self.indicators_check.setToolTip(tr("Trend, 2023 start and effects of each indicator: "
                                            "each needs a full run."))
        self.charts.setTabText(0, tr("Tornado"))
        self.charts.setTabText(1, tr("Global drivers"))
        self.drivers_title.setText(tr("Global drivers over the draws"))
        self.fill_outputs()
        lang = language()
        self.tornado.set_language(lang)
        self.drivers_chart.set_language(lang)
        self.show_result()


class ValueTab(_AnalysisTab):
    """Measures ranked by value for money for one target."""

    kind = VALUE_FOR_MONEY

    def __init__(self, window):
        super().__init__(window)
        self.target_label = QLabel()
        self.target_combo = QComboBox()
        self.target_combo.setMinimumContentsLength(28)
        self.target_combo.currentIndexChanged.connect(lambda _i: self.show_result())
        top = QHBoxLayout()
        top.addWidget(self.target_label)
        top.addWidget(self.target_combo, 1)
        top.addWidget(self.run_button)
        self.chart = ChartView("value_for_money")
        self.table_title = QLabel()
        self.table_title.setStyleSheet("font-weight: bold;")
        self.table = make_table(6, stretch=1)
        self.method = wrap_label(style=NOTE_STYLE)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.table_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.table, window.show_status))
        box_layout.addLayout(head)
        box_layout.addWidget(self.table)
        box_layout.addWidget(self.method)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.stale)
        layout.addWidget(splitter, 1)
        self.fill_targets()

    @property
    def target(self) -> str:
        return self.target_combo.currentData() or decision.ALL_TARGETS

    def fill_targets(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for output in decision.outputs(catalogue):
            if output != decision.OUTLAY:
                self.target_combo.addItem(output_name(catalogue, output), output)
        index = self.target_combo.findData(current if current else decision.ALL_TARGETS)
        self.target_combo.setCurrentIndex(max(0, index))
        self.target_combo.blockSignals(False)

    def empty_text(self) -> str:
        return tr("Not run yet. Press Run: a few seconds at 20,000 draws.")

    def show_result(self) -> None:
        result = self.result
        if result is None:
            self.chart.show_note(tr("Press Run to rank the measures by the change in a "
                                    "target's probability per extra 1,000 万元."))
            self.table.setRowCount(0)
            self.method.setText("")
            return
        self.chart.chart.output = self.target  # the chart ranks by this output
        self.chart.show_result(result)
        self.fill_table()

    def fill_table(self) -> None:
        result, target = self.result, self.target
        catalogue = result.catalogue
        table = self.table
        table.setHorizontalHeaderLabels([
            tr("Rank"), tr("Measure"), tr("Outlay 2024–2028 ({unit})").format(unit=yi_unit()),
            tr("Δ {output} (points)").format(output=short_output(catalogue, target)),
            tr("Δ targets reached"), tr("Share of outlay variance")])
        tips = ["", "", tr("Expected outlay of the measure 2024–2028"),
                tr("Change in {output} per extra 1,000 万元 (points)").format(
                    output=short_output(catalogue, target)),
                tr("Change in targets reached per extra 1,000 万元"),
                tr("The measure's share of the variance of the total outlay")]
        for c, tip in enumerate(tips):
            table.horizontalHeaderItem(c).setToolTip(tip)
        ranked = result.ranked(target)
        table.setRowCount(len(ranked))
        for r, m in enumerate(ranked):
            name = measure_name(catalogue.measure(m.measure))
            value = m.per_block.get(target)
            targets = m.per_block.get("targets")
            table.setItem(r, 0, item(str(r + 1), numeric=True))
            table.setItem(r, 1, item(name, tooltip=name))
            table.setItem(r, 2, item(f"{m.outlay_wan / WAN_PER_YI:,.2f}", numeric=True))
            table.setItem(r, 3, item(f"{100 * value:+.3f}" if value is not None else "—",
                                     numeric=True))
            table.setItem(r, 4, item(f"{targets:+.4f}" if targets is not None else "—",
                                     numeric=True))
            table.setItem(r, 5, item(format_percent(m.variance_share), numeric=True))
        self.method.setText(tr(
            "Each measure's uptake is moved ±{step} in all its lines with the same random "
            "draws; the change in probability is divided by the change in the measure's "
            "expected outlay and quoted in percentage points per 1,000 万元 (10 million "
            "yuan). “—”: the step moves no money.").format(step=f"{result.step:.0%}"))

    def retranslate(self) -> None:
        super().retranslate()
        self.target_label.setText(tr("Target"))
        self.table_title.setText(tr("Measures ranked by value for money (Δ: change per extra "
                                    "1,000 万元 spent through the measure)"))
        self.fill_targets()
        self.chart.set_language(language())
        self.show_result()


class EnvelopeTab(QWidget):
    """The yearly appropriation (an undoable scenario edit) and the chance of exceeding it."""

    def __init__(self, window: "DecisionWindow"):
        super().__init__()
        self.window_ = window
        self.results = None
        self._loaded: Any = object()  # the appropriation the editor last showed
        self.title = wrap_label(style=TITLE_STYLE)
        self.editor = QGroupBox()
        self.editor.setStyleSheet(ASSUMPTION_STYLE)
        grid = QGridLayout(self.editor)
        self.none_radio = QRadioButton()
        self.set_radio = QRadioButton()
        group = QButtonGroup(self)
        group.addButton(self.none_radio)
        group.addButton(self.set_radio)
        self.none_radio.toggled.connect(lambda _c: self._mode_changed())
        self.unit_label = QLabel()
        self.unit_combo = QComboBox()
        self.unit_combo.addItem("", "亿元")
        self.unit_combo.addItem("", "万元")
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._unit_changed())
        self._unit = "亿元"
        radios = QHBoxLayout()
        radios.addWidget(self.none_radio)
        radios.addWidget(self.set_radio)
        radios.addStretch(1)
        radios.addWidget(self.unit_label)
        radios.addWidget(self.unit_combo)
        grid.addLayout(radios, 0, 0, 1, len(YEARS) + 1)
        self.spins: dict[str, Any] = {}
        for c, year in enumerate(YEARS):
            label = QLabel(str(year))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = spin(0.0, MAX_AMOUNT_WAN / WAN_PER_YI, 0.1, 2, width=110)
            box.valueChanged.connect(lambda _v: self._values_changed())
            self.spins[str(year)] = box
            grid.addWidget(label, 1, c)
            grid.addWidget(box, 2, c)
        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.total_title = QLabel()
        self.total_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self.total_title, 1, len(YEARS))
        grid.addWidget(self.total_label, 2, len(YEARS))
        self.basis_label = QLabel()
        self.basis_edit = QLineEdit()
        self.basis_edit.textEdited.connect(lambda _t: self._values_changed())
        basis_row = QHBoxLayout()
        basis_row.addWidget(self.basis_label)
        basis_row.addWidget(self.basis_edit, 1)
        grid.addLayout(basis_row, 3, 0, 1, len(YEARS) + 1)
        self.fill_button = QPushButton()
        self.fill_button.clicked.connect(self.fill_from_outlay)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(lambda: self.load(force=True))
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply)
        self.pending = QLabel()
        self.pending.setStyleSheet(STALE_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fill_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pending)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.apply_button)
        grid.addLayout(buttons, 4, 0, 1, len(YEARS) + 1)
        self.error = wrap_label(style=ERROR_STYLE)
        grid.addWidget(self.error, 5, 0, 1, len(YEARS) + 1)

        self.table_title = QLabel()
        self.table_title.setStyleSheet("font-weight: bold;")
        self.table = make_table(5)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.setMinimumHeight(5 * 22 + 30)
        self.table.setMaximumHeight(5 * 22 + 34)
        self.note = wrap_label(style=NOTE_STYLE)
        self.chart = ChartView("exceedance")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.editor)
        head = QHBoxLayout()
        head.addWidget(self.table_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.table, window.show_status))
        layout.addLayout(head)
        layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(150)
        self._redraw.timeout.connect(self.show_exceedance)
        self.load(force=True)

    @property
    def document(self):
        return self.window_.document

    # ------------------------------------------------------------------ editor
    def _scale(self) -> float:
        return WAN_PER_YI if self.unit_combo.currentData() == "亿元" else 1.0

    def load(self, force: bool = False) -> None:
        """Show the scenario's appropriation (unless it is what the editor already shows)."""
        current = self.document.scenario.get(("appropriation",))
        if not force and current == self._loaded:
            return
        self._loaded = current
        self.error.setText("")
        self.none_radio.blockSignals(True)
        self.set_radio.blockSignals(True)
        (self.set_radio if current else self.none_radio).setChecked(True)
        self.none_radio.blockSignals(False)
        self.set_radio.blockSignals(False)
        if current:
            self._set_spins({y: current["wan"][y] for y in self.spins})
            self.basis_edit.setText(current.get("basis", ""))
        else:
            if not self.basis_edit.text():
                self.basis_edit.setText(self.default_basis())
        self._mode_changed()
        self._values_changed()

    def default_basis(self) -> str:
        return tr(DEFAULT_BASIS)

    def _set_spins(self, wan: dict[str, float]) -> None:
        scale = self._scale()
        for year, box in self.spins.items():
            box.blockSignals(True)
            box.setValue(wan.get(year, 0.0) / scale)
            box.blockSignals(False)

    def _unit_changed(self) -> None:
        values = {y: box.value() * (WAN_PER_YI if self._unit == "亿元" else 1.0)
                  for y, box in self.spins.items()}
        self._unit = self.unit_combo.currentData()
        yi = self._unit == "亿元"
        for box in self.spins.values():
            box.blockSignals(True)
            box.setDecimals(2 if yi else 0)
            box.setSingleStep(0.1 if yi else 100.0)
            box.setMaximum(MAX_AMOUNT_WAN / (WAN_PER_YI if yi else 1.0))
            box.blockSignals(False)
        self._set_spins(values)
        self._values_changed()

    def _mode_changed(self) -> None:
        on = self.set_radio.isChecked()
        for box in self.spins.values():
            box.setEnabled(on)
        self.basis_edit.setEnabled(on)
        self.fill_button.setEnabled(on and self.window_.results is not None)
        self._values_changed()

    def edited_value(self) -> dict | None:
        """The appropriation as the editor shows it (万元), or None for none."""
        if not self.set_radio.isChecked():
            return None
        scale = self._scale()
        basis = self.basis_edit.text().strip() or self.default_basis()
        return {"basis": basis,
                "wan": {y: round(box.value() * scale, 2) for y, box in self.spins.items()}}

    def _values_changed(self) -> None:
        value = self.edited_value()
        if value is None:
            self.total_label.setText("—")
        else:
            self.total_label.setText(money_yi(sum(value["wan"].values())))
        changed = value != self.document.scenario.get(("appropriation",))
        self.pending.setText(tr("Not applied yet") if changed else "")
        self.apply_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)

    def set_yearly(self, wan: dict[str, float], basis: str | None = None) -> None:
        """Put yearly amounts (万元) into the editor (not applied yet)."""
        self.set_radio.setChecked(True)
        self._set_spins(wan)
        if basis is not None:
            self.basis_edit.setText(basis)
        self._values_changed()

    def fill_from_outlay(self) -> None:
        """Start from each year's expected outlay, rounded up to 0.1 亿元 (or 100 万元)."""
        results = self.window_.results
        if results is None:
            return
        means = results.outlay()["mean"]
        step = 1_000.0 if self.unit_combo.currentData() == "亿元" else 100.0
        self.set_yearly({str(y): math.ceil(means[i] / step) * step
                         for i, y in enumerate(results.years)})

    def apply(self) -> bool:
        """Set the scenario's appropriation to what the editor shows (one undoable step)."""
        value = self.edited_value()
        old = self.document.scenario.get(("appropriation",))
        label = tr("Appropriation {old} → {new}").format(old=appropriation_text(old),
                                                         new=appropriation_text(value))
        try:
            self.document.edit(("appropriation",), value, label=label)
        except ScenarioError as exc:
            self.error.setText(tr("Could not apply the change: {problem}").format(
                problem="; ".join(str(p) for p in exc.problems)))
            return False
        self.error.setText("")
        self._loaded = value
        self._values_changed()
        return True

    # ------------------------------------------------------------------ exceedance
    def set_results(self, results) -> None:
        self.results = results
        self.fill_button.setEnabled(self.set_radio.isChecked() and results is not None)
        if self.isVisible():
            self._redraw.start()
        else:
            self.show_exceedance()

    def show_exceedance(self) -> None:
        results = self.results
        table = self.table
        table.setHorizontalHeaderLabels([
            tr("Year"), tr("Appropriation ({unit})").format(unit=yi_unit()),
            tr("Expected outlay ({unit})").format(unit=yi_unit()),
            tr("P95 outlay ({unit})").format(unit=yi_unit()),
            tr("P(outlay > appropriation)")])
        appropriation = results.scenario.appropriation if results is not None else None
        exceedance = results.appropriation_exceedance() if results is not None else None
        if results is None or appropriation is None or exceedance is None \
                or appropriation != self.document.scenario.appropriation:
            table.setRowCount(0)
            self.chart.show_note(tr("No appropriation is set. Choose “Yearly appropriation”, "
                                    "enter the amounts and press Apply to see the chance "
                                    "that each year's outlay exceeds it.")
                                 if self.document.scenario.appropriation is None else
                                 tr("Results are being computed…"))
            self.note.setText("")
            return
        stats = results.outlay()
        tolerance = self.window_.goal.tolerance()
        table.setRowCount(len(results.years))
        for r, year in enumerate(results.years):
            key = str(year)
            p = exceedance[key]
            table.setItem(r, 0, item(key))
            table.setItem(r, 1, item(f"{appropriation[key] / WAN_PER_YI:,.2f}", numeric=True))
            table.setItem(r, 2, item(f"{stats['mean'][r] / WAN_PER_YI:,.2f}", numeric=True))
            table.setItem(r, 3, item(f"{stats['p95'][r] / WAN_PER_YI:,.2f}", numeric=True))
            cell = item(format_percent(p), numeric=True)
            cell.setBackground(QBrush(QColor(GOOD if p <= tolerance + 1e-12 else
                                             WARN if p <= 0.5 else BAD)))
            table.setItem(r, 4, cell)
        self.note.setText(tr("Share of the {draws} draws of the main results in which the "
                             "year's outlay is above its appropriation. Green: at most {tol} "
                             "(the goal seek's tolerance); amber: up to 50%; red: above."
                             ).format(draws=f"{results.draws:,}",
                                      tol=format_percent(tolerance)))
        self.chart.show_result(results)

    def retranslate(self) -> None:
        old_default = self.basis_edit.text()
        self.title.setText(tr("Budget envelope: the yearly appropriation"))
        self.editor.setTitle(tr("Appropriation (planner's assumption, editable)"))
        self.none_radio.setText(tr("No appropriation"))
        self.set_radio.setText(tr("Yearly appropriation"))
        self.unit_label.setText(tr("Unit"))
        self.unit_combo.setItemText(0, pick(None, "亿元", "亿元 (100 million yuan)"))
        self.unit_combo.setItemText(1, pick(None, "万元", "万元 (10,000 yuan)"))
        self.total_title.setText(tr("2024–2028"))
        self.basis_label.setText(tr("Basis"))
        self.fill_button.setText(tr("Fill with the expected outlay"))
        self.fill_button.setToolTip(tr("Each year's expected outlay from the current results, "
                                       "rounded up"))
        self.revert_button.setText(tr("Revert"))
        self.apply_button.setText(tr("Apply"))
        self.table_title.setText(tr("Chance that the outlay exceeds the appropriation"))
        for button in self.findChildren(QPushButton):
            key = button.property("trKey")
            if key:
                button.setText(tr(key))
        defaults = {"", DEFAULT_BASIS, i18n.ZH.get(DEFAULT_BASIS)}
        if self.document.scenario.appropriation is None and old_default in defaults:
            self.basis_edit.setText(self.default_basis())
        self._values_changed()
        self.chart.set_language(language())
        self.show_exceedance()


class GoalTab(_AnalysisTab):
    """Bounds per free line, the objective, the frontier and Apply point."""

    kind = OPTIMIZE
    COLUMNS = 4  # line (ticked when free), planned per year with its unit, min, max

    def __init__(self, window):
        super().__init__(window)
        # ---- settings (left)
        self.target_combo = QComboBox()
        self.target_combo.setMinimumContentsLength(20)
        self.max_radio = QRadioButton()
        self.min_radio = QRadioButton()
        self.max_radio.setChecked(True)
        objective = QButtonGroup(self)
        objective.addButton(self.max_radio)
        objective.addButton(self.min_radio)
        self.probability_spin = spin(1.0, 100.0, 5.0, 1, suffix=" %", width=90)
        self.probability_spin.setValue(30.0)
        self.min_radio.toggled.connect(self.probability_spin.setEnabled)
        self.probability_spin.setEnabled(False)
        self.tolerance_spin = spin(0.0, 100.0, 1.0, 1, suffix=" %", width=90)
        self.tolerance_spin.setValue(100 * decision.DEFAULT_TOLERANCE)
        self.tolerance_spin.valueChanged.connect(lambda _v: window.envelope.show_exceedance())
        self.tolerance_note = wrap_label(style=NOTE_STYLE)
        self.levels_spin = QSpinBox()
        self.levels_spin.setRange(2, 21)
        self.levels_spin.setValue(decision.DEFAULT_LEVELS)
        self.settings_box = QGroupBox()
        form = QFormLayout(self.settings_box)
        self.target_label, self.objective_label = QLabel(), QLabel()
        self.tolerance_label, self.levels_label = QLabel(), QLabel()
        form.addRow(self.target_label, self.target_combo)
        form.addRow(self.objective_label, self.max_radio)
        reach = QHBoxLayout()
        reach.addWidget(self.min_radio)
        reach.addWidget(self.probability_spin)
        reach.addStretch(1)
        form.addRow("", reach)
        form.addRow(self.tolerance_label, self.tolerance_spin)
        form.addRow(self.tolerance_note)
        form.addRow(self.levels_label, self.levels_spin)

        self.bounds_box = QGroupBox()
        self.bounds_box.setStyleSheet(ASSUMPTION_STYLE)
        bounds_layout = QVBoxLayout(self.bounds_box)
        self.bounds_note = wrap_label(style=NOTE_STYLE)
        self.bounds = make_table(self.COLUMNS, stretch=0)
        self.bounds.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for column in (2, 3):
            self.bounds.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Fixed)
            self.bounds.setColumnWidth(column, 96)
        self.bounds.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.bounds.setAlternatingRowColors(False)
        self.bounds.itemChanged.connect(self._bound_checked)
        self.all_lines_check = QCheckBox()
        self.all_lines_check.toggled.connect(lambda _c: self.refresh_bounds(rebuild=True))
        self.select_all = QPushButton()
        self.select_all.clicked.connect(lambda: self.set_free(None))
        self.select_none = QPushButton()
        self.select_none.clicked.connect(lambda: self.set_free([]))
        self.reset_bounds = QPushButton()
        self.reset_bounds.clicked.connect(self.reset_to_defaults)
        row = QHBoxLayout()
        row.addWidget(self.select_all)
        row.addWidget(self.select_none)
        row.addWidget(self.reset_bounds)
        row.addStretch(1)
        bounds_layout.addWidget(self.bounds_note)
        bounds_layout.addWidget(self.bounds, 1)
        bounds_layout.addWidget(self.all_lines_check)
        bounds_layout.addLayout(row)
        self.error = wrap_label(style=ERROR_STYLE)
        run_row = QHBoxLayout()
        run_row.addWidget(self.error, 1)
        run_row.addWidget(self.run_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(self.settings_box)
        left_layout.addWidget(self.bounds_box, 1)
        left_layout.addLayout(run_row)

        # ---- results (right)
        self.message = wrap_label(selectable=True, style="font-weight: bold;")
        self.chart = ChartView("frontier")
        self.points_title = QLabel()
        self.points_title.setStyleSheet("font-weight: bold;")
        self.points = make_table(6, stretch=0)
        self.points.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.points.itemSelectionChanged.connect(self._point_selected)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(lambda: self.apply_point())
        head = QHBoxLayout()
        head.addWidget(self.points_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.points, window.show_status))
        head.addWidget(self.apply_button)
        self.detail_title = QLabel()
        self.detail_title.setStyleSheet("font-weight: bold;")
        self.detail = make_table(4, stretch=0)
        self.detail.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 4, 0, 0)
        tables_layout.addLayout(head)
        tables_layout.addWidget(self.points, 3)
        tables_layout.addWidget(self.detail_title)
        tables_layout.addWidget(self.detail, 2)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.chart)
        right_split.addWidget(tables)
        right_split.setStretchFactor(0, 1)
        right_split.setStretchFactor(1, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.info)
        right_layout.addWidget(self.stale)
        right_layout.addWidget(self.message)
        right_layout.addWidget(right_split, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([640, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        # rows of the bounds table: line id -> {"free", "min", "max", "edited"}
        self.rows: dict[str, dict[str, Any]] = {}
        self._row_lines: list[str] = []
        self._bounds_dirty = True
        self.fill_targets()

    # ------------------------------------------------------------------ settings
    @property
    def target(self) -> str:
        return self.target_combo.currentData() or decision.ALL_TARGETS

    def tolerance(self) -> float:
        return self.tolerance_spin.value() / 100.0

    def fill_targets(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for output in decision.outputs(catalogue):
            if output != decision.OUTLAY:
                self.target_combo.addItem(output_name(catalogue, output), output)
        index = self.target_combo.findData(current if current else decision.ALL_TARGETS)
        self.target_combo.setCurrentIndex(max(0, index))
        self.target_combo.blockSignals(False)

    def _candidate_lines(self, scenario) -> list[str]:
        """The default free lines; with the check box, every line with planned uptake."""
        return decision.candidate_lines(scenario, self.all_lines_check.isChecked())

    @staticmethod
    def _defaults(planned: dict[str, float]) -> tuple[float, float]:
        return decision.default_award_bounds(planned)

    def mark_bounds_dirty(self) -> None:
        self._bounds_dirty = True
        if self.isVisible():
            QTimer.singleShot(0, self.refresh_bounds)

    def refresh_bounds(self, rebuild: bool = False) -> None:
        """Rows for the candidate lines; bounds the planner has not edited follow the
        scenario's planned uptake."""
        if not (self._bounds_dirty or rebuild):
            return
        self._bounds_dirty = False
        scenario = self.document.scenario
        catalogue = scenario.catalogue
        defaults_free = set(decision.default_free_lines(scenario))
        lines = self._candidate_lines(scenario)
        for line_id in lines:
            planned = dict(scenario.line_assumptions(line_id)["uptake"])
            row = self.rows.get(line_id)
            low, high = self._defaults(planned)
            if row is None:
                self.rows[line_id] = {"free": line_id in defaults_free, "min": low,
                                      "max": high, "edited": False}
            elif not row["edited"]:
                row.update(min=low, max=high)
        table = self.bounds
        table.blockSignals(True)
        if lines != self._row_lines:
            table.setRowCount(len(lines))
            for r, line_id in enumerate(lines):
                line = catalogue.line(line_id)
                check = item(line_name(line), tooltip=f"{line_name(line)}\n{line_id}")
                check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                check.setData(Qt.ItemDataRole.UserRole, line_id)
                table.setItem(r, 0, check)
                for column, key in ((2, "min"), (3, "max")):
                    box = spin(0.0, 1e9, 1.0, 2)
                    box.setFrame(False)
                    box.valueChanged.connect(lambda v, l=line_id, k=key: self._bound_edited(
                        l, k, v))
                    table.setCellWidget(r, column, box)
            self._row_lines = list(lines)
        for r, line_id in enumerate(lines):
            line = catalogue.line(line_id)
            row = self.rows[line_id]
            planned = dict(scenario.line_assumptions(line_id)["uptake"])
            table.item(r, 0).setCheckState(Qt.CheckState.Checked if row["free"]
                                           else Qt.CheckState.Unchecked)
            table.setItem(r, 1, item(f"{uptake_text(planned)} {uptake_unit(line)}",
                                     numeric=True))
            for column, key in ((2, "min"), (3, "max")):
                box = table.cellWidget(r, column)
                box.blockSignals(True)
                box.setValue(row[key])
                box.setEnabled(row["free"])
                box.blockSignals(False)
        table.blockSignals(False)
        self._update_bounds_title()

    def _update_bounds_title(self) -> None:
        free = len(self.free_lines())
        self.bounds_box.setTitle(tr("Free lines and their bounds ({n} free)").format(n=free))

    def _bound_checked(self, cell: QTableWidgetItem) -> None:
        line_id = cell.data(Qt.ItemDataRole.UserRole)
        if line_id is None or line_id not in self.rows:
            return
        free = cell.checkState() == Qt.CheckState.Checked
        self.rows[line_id]["free"] = free
        r = self._row_lines.index(line_id)
        for column in (2, 3):
            self.bounds.cellWidget(r, column).setEnabled(free)
        self._update_bounds_title()

    def _bound_edited(self, line_id: str, key: str, value: float) -> None:
        row = self.rows[line_id]
        row[key] = value
        row["edited"] = True

    def free_lines(self) -> list[str]:
        return [l for l in self._row_lines if self.rows[l]["free"]]

    def set_free(self, lines: list[str] | None) -> None:
        """Free exactly these lines (None: every line in the table)."""
        self.refresh_bounds()
        for line_id in self._row_lines:
            self.rows[line_id]["free"] = lines is None or line_id in lines
        self._bounds_dirty = True
        self.refresh_bounds()

    def set_bounds(self, line_id: str, low: float, high: float) -> None:
        """Bounds of one line in awards (or 万元) per year; frees it."""
        self.refresh_bounds()
        self.rows[line_id].update(min=low, max=high, edited=True, free=True)
        self._bounds_dirty = True
        self.refresh_bounds()

    def reset_to_defaults(self) -> None:
        self.rows = {}
        self._row_lines = []
        self.refresh_bounds(rebuild=True)

    def bounds_dict(self) -> dict[str, list[float]]:
        return {l: [self.rows[l]["min"], self.rows[l]["max"]] for l in self.free_lines()}

    def options(self) -> dict[str, Any] | None:
        self.refresh_bounds()
        scenario = self.document.scenario
        bounds = self.bounds_dict()
        if not bounds:
            self.error.setText(tr("Choose at least one free line."))
            return None
        try:
            decision.check_bounds(bounds, scenario)
        except decision.BoundsError as exc:
            catalogue = scenario.catalogue
            self.error.setText("\n".join(
                f"{line_name(catalogue.line(p.path)) if catalogue.has_line(p.path) else p.path}"
                f": {p.message}" for p in exc.problems))
            return None
        self.error.setText("")
        return {"bounds": bounds, "default_bounds": None, "target": self.target,
                "probability": (self.probability_spin.value() / 100.0
                                if self.min_radio.isChecked() else None),
                "tolerance": self.tolerance(), "levels": self.levels_spin.value()}

    # ------------------------------------------------------------------ results
    def empty_text(self) -> str:
        return tr("Not run yet. Press Run: 10–30 s at 20,000 draws with every default "
                  "line free; a few seconds with a handful of lines.")

    def show_result(self) -> None:
        result = self.result
        if result is None:
            self.chart.show_note(tr("Set the bounds and the objective, then press Run to see "
                                    "the frontier of expected cost against probability."))
            self.points.setRowCount(0)
            self.detail.setRowCount(0)
            self.message.setText("")
            self._update_apply()
            return
        self.chart.show_result(result)
        self.message.setText(self.message_text(result))
        self.fill_points()
        index = result.best_index
        self.points.selectRow(index if index is not None else 0)
        self._point_selected()

    def message_text(self, result) -> str:
        catalogue = result.catalogue
        target = result.target
        what = short_output(catalogue, target)
        base = result.baseline
        text = tr("Scenario as it is: {what} {p} at {cost} expected.").format(
            what=what, p=format_percent(base.probability(target)), cost=money_yi(base.outlay_wan))
        if result.tolerance is not None and result.envelope_feasible and base.exceedance \
                and not base.within_envelope(result.tolerance):
            text += " " + tr("It exceeds the appropriation in {p} of draws in its worst year "
                             "(tolerance {tol}), so the frontier keeps below it.").format(
                p=format_percent(max(base.exceedance.values())),
                tol=format_percent(result.tolerance))
        if not result.envelope_feasible:
            return text + " " + tr("Even the lowest levels exceed the appropriation in more "
                                   "than {tol} of draws in some year: the frontier ignores "
                                   "the envelope.").format(tol=format_percent(result.tolerance))
        best = result.best
        if best is None:
            top = max((p.probability(target) for p in result.frontier), default=0.0)
            return text + " " + tr("No levels within the bounds reach {goal}; the highest "
                                   "is {top}.").format(
                goal=format_percent(result.probability_goal), top=format_percent(top))
        key = ("Cheapest levels reaching {goal}: point {n}, {what} {p} at {cost} expected."
               if result.goal == "min_cost" else
               "Highest probability: point {n}, {what} {p} at {cost} expected.")
        return text + " " + tr(key).format(
            goal=format_percent(result.probability_goal or 0.0), n=result.best_index,
            what=what, p=format_percent(best.probability(target)), cost=money_yi(best.outlay_wan))

    def fill_points(self) -> None:
        result = self.result
        catalogue = result.catalogue
        target = result.target
        envelope = result.tolerance is not None
        headers = [tr("Point"), tr("Outlay 2024–2028"), tr("vs. now"),
                   short_output(catalogue, target),
                   short_output(catalogue, decision.ALL_TARGETS), tr("Max. P(over budget)")]
        tips = ["", tr("Expected total outlay 2024–2028 of all lines ({unit})").format(
                    unit=yi_unit()),
                tr("Change from the scenario as it is ({unit})").format(unit=yi_unit()),
                output_name(catalogue, target), output_name(catalogue, decision.ALL_TARGETS),
                tr("Highest yearly P(outlay > appropriation)")]
        table = self.points
        table.setHorizontalHeaderLabels(headers)
        for c, tip in enumerate(tips):
            table.horizontalHeaderItem(c).setToolTip(tip)
        table.setColumnHidden(4, target == decision.ALL_TARGETS)
        table.setColumnHidden(5, not envelope)
        rows = [(tr("Scenario as it is"), result.baseline)] + \
            [(str(n), p) for n, p in enumerate(result.frontier, 1)]
        table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, (label, point) in enumerate(rows):
            if point is result.best:
                label = tr("{n} (goal)").format(n=label)
            cells = [item(label), item(f"{point.outlay_wan / WAN_PER_YI:,.2f}", numeric=True),
                     item(f"{(point.outlay_wan - result.baseline.outlay_wan) / WAN_PER_YI:+,.2f}",
                          numeric=True),
                     item(format_percent(point.probability(target)), numeric=True),
                     item(format_percent(point.probability(decision.ALL_TARGETS)),
                          numeric=True),
                     item(format_percent(max(point.exceedance.values()))
                          if point.exceedance else "—", numeric=True)]
            for c, cell in enumerate(cells):
                if point is result.best:
                    cell.setFont(bold)
                    cell.setBackground(QBrush(QColor(BEST_BRUSH)))
                if r == 0:
                    cell.setForeground(QBrush(QColor("#6b4a7a")))
                table.setItem(r, c, cell)
            if envelope and point.exceedance and not point.within_envelope(result.tolerance):
                table.item(r, 5).setBackground(QBrush(QColor(BAD)))

    def selected_point(self) -> tuple[int, Any] | None:
        """(frontier number, Point) of the selected row; number 0 is the scenario as it is."""
        result = self.result
        rows = self.points.selectionModel().selectedRows() if result is not None else []
        if not rows:
            return None
        r = rows[0].row()
        return (r, result.baseline if r == 0 else result.frontier[r - 1])

    def _point_selected(self) -> None:
        selected = self.selected_point()
        table = self.detail
        table.setHorizontalHeaderLabels([tr("Line"), tr("Planned now (per year)"),
                                         tr("At this point (per year)"), tr("Multiplier")])
        if selected is None:
            table.setRowCount(0)
            self.detail_title.setText(tr("Uptake at the selected point"))
            self._update_apply()
            return
        n, point = selected
        result = self.result
        catalogue = result.catalogue
        self.detail_title.setText(
            tr("Uptake at point {n}").format(n=n) if n else tr("Uptake of the scenario as it is"))
        lines = list(point.uptake)
        table.setRowCount(len(lines))
        for r, line_id in enumerate(lines):
            line = catalogue.line(line_id)
            name = f"{line_name(line)} ({uptake_unit(line)})"
            planned = result.baseline.uptake[line_id]
            multiplier = point.multipliers[line_id]
            table.setItem(r, 0, item(name, tooltip=name))
            table.setItem(r, 1, item(uptake_text(planned), numeric=True))
            at = item(uptake_text(point.uptake[line_id]), numeric=True)
            if abs(multiplier - 1.0) > 1e-9:
                at.setForeground(QBrush(QColor("#0b5394" if multiplier > 1 else "#a14a00")))
            table.setItem(r, 2, at)
            table.setItem(r, 3, item(f"×{multiplier:.2f}", numeric=True))
        self._update_apply()

    def _update_apply(self) -> None:
        selected = self.selected_point()
        n = selected[0] if selected else None
        self.apply_button.setText(tr("Apply point {n} to the scenario").format(n=n) if n
                                  else tr("Apply point to the scenario"))
        ok = bool(n) and not self.is_stale() and not self.window_.runner.running
        self.apply_button.setEnabled(ok)
        if n and self.is_stale():
            self.apply_button.setToolTip(tr("The scenario has changed since the goal seek ran: "
                                            "run it again first."))
        else:
            self.apply_button.setToolTip(tr("Sets the uptake of the free lines to this point's "
                                            "levels, as one step you can undo."))

    def apply_point(self, n: int | None = None) -> bool:
        """Put frontier point n (1 = cheapest; default: the selected one) into the scenario
        as one undoable step."""
        result = self.result
        if result is None or self.is_stale():
            return False
        if n is None:
            selected = self.selected_point()
            if not selected or not selected[0]:
                return False
            n = selected[0]
        point = result.frontier[n - 1]
        catalogue = result.catalogue
        changed = decision.apply_point(self.document.scenario, point)
        label = tr("Apply goal-seek point {n}: uptake of {k} lines ({what} {p}, {cost})").format(
            n=n, k=len(point.uptake), what=short_output(catalogue, result.target),
            p=format_percent(point.probability(result.target)), cost=money_yi(point.outlay_wan))
        self.document.replace_data(changed.data, label)
        self.window_.show_status(tr("Applied point {n} to the scenario. Undo restores the "
                                    "previous uptake.").format(n=n))
        return True

    def update_state(self) -> None:
        super().update_state()
        self._update_apply()
        appropriation = self.document.scenario.appropriation
        self.tolerance_spin.setEnabled(appropriation is not None)
        self.tolerance_note.setText(
            tr("The appropriation may be exceeded in at most this share of draws, every year.")
            if appropriation is not None else
            tr("No appropriation is set, so the budget envelope is not checked (set one in the "
               "Budget envelope tab)."))

    def retranslate(self) -> None:
        self.settings_box.setTitle(tr("Goal"))
        self.target_label.setText(tr("Target"))
        self.objective_label.setText(tr("Objective"))
        self.max_radio.setText(tr("Highest probability (the cheapest such levels)"))
        self.min_radio.setText(tr("Cheapest levels reaching"))
        self.tolerance_label.setText(tr("Tolerance"))
        self.levels_label.setText(tr("Levels per line"))
        self.levels_spin.setToolTip(tr("Uptake levels tried per line, in equal steps between "
                                       "its bounds"))
        self.bounds_note.setText(tr(
            "Awards per year (万元 per year for amount lines). Each free line's planned uptake "
            "is scaled by one multiplier, so every planned year stays within its bounds. "
            "Defaults: half the smallest to 1.5 times the largest planned year. Lines not "
            "free stay as they are."))
        self.bounds.setHorizontalHeaderLabels([tr("Line (tick to free)"),
                                               tr("Planned per year"), tr("Min per year"),
                                               tr("Max per year")])
        self.all_lines_check.setText(tr("Also list lines that do not move a target"))
        self.select_all.setText(tr("Free all"))
        self.select_none.setText(tr("Free none"))
        self.reset_bounds.setText(tr("Reset to defaults"))
        self.points_title.setText(tr("Frontier points, cheapest first (money in {unit})").format(
            unit=yi_unit()))
        super().retranslate()
        self.fill_targets()
        self._bounds_dirty = True
        self._row_lines = []  # names and units in the new language
        self.refresh_bounds()
        self.chart.set_language(language())
        self.show_result()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh_bounds()


# ============================================================================ the window
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
        self.draws_spin.setValue(decision.DEFAULT_DRAWS)
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
        self.resize(1440, 940)
        self.retranslate()
        self.set_results(main_window.results)

    def analysis_tabs(self) -> list[_AnalysisTab]:
        return [self.sensitivity, self.value, self.goal]

    def tab(self, kind: str) -> _AnalysisTab:
        return {SENSITIVITY: self.sensitivity, VALUE_FOR_MONEY: self.value,
                OPTIMIZE: self.goal}[kind]

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

    def cancel(self) -> None:
        self.runner.cancel()

    def _kind_name(self, kind: str) -> str:
        return {SENSITIVITY: tr("Sensitivity"), VALUE_FOR_MONEY: tr("Value for money"),
                OPTIMIZE: tr("Goal seek")}[kind]

    def _started(self, kind: str) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self._set_running(True)
        self.status.setText(tr("{analysis}: running on a snapshot of the scenario "
                               "({draws} draws)…").format(analysis=self._kind_name(kind),
                                                         draws=f"{self.draws_spin.value():,}"))

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
        self.status.setText(tr("{analysis} done in {seconds}.").format(
            analysis=self._kind_name(kind), seconds=format_seconds(outcome.seconds)))

    def _ended(self, kind: str, how: str, message: str = "") -> None:
        self._stop_progress()
        if how == "cancelled":
            self.status.setText(tr("{analysis} cancelled; the previous result, if any, is "
                                   "still shown.").format(analysis=self._kind_name(kind)))
        else:
            self.status.setText(tr("{analysis} failed: {message}").format(
                analysis=self._kind_name(kind), message=message))
            if kind == OPTIMIZE:
                self.goal.error.setText(message)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

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
        self.draws_note.setText(tr(
            "Every analysis runs on a snapshot of “{scenario}” with its seed {seed} and "
            "{sampler} sampling, and these draws; variants are compared with the same random "
            "numbers.").format(scenario=scenario.name, seed=scenario.seed,
                               sampler=sampler_name(scenario.sampler)))

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Decision support — {name}").format(
            name=self.document.display_name()))
        self.title.setText(tr("Decision support"))
        self.draws_label.setText(tr("Draws for the analyses"))
        self.cancel_button.setText(tr("Cancel"))
        for index, text in enumerate((tr("Sensitivity"), tr("Value for money"),
                                      tr("Budget envelope"), tr("Goal seek"))):
            self.tabs.setTabText(index, text)
        for tab in (self.sensitivity, self.value, self.envelope, self.goal):
            tab.retranslate()
        self._update_note()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.runner.cancel()  # an analysis nobody sees would only keep the processor busy
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.runner.shutdown()


class DecisionSupport(QObject):
    """The main window's hook: the Analysis menu and the decision-support window (made when
    first opened). ``MainWindow`` calls ``retranslate`` and ``shutdown``."""

    def __init__(self, main_window):
        super().__init__(main_window)
        self.main = main_window
        self.window: DecisionWindow | None = None
        self.menu = QMenu(main_window)
        main_window.menuBar().insertMenu(main_window.language_menu.menuAction(), self.menu)
        self.actions: list[QAction] = []
        for index in range(len(TAB_KEYS)):
            act = QAction(main_window)
            act.triggered.connect(lambda _checked=False, i=index: self.open(i))
            self.menu.addAction(act)
            self.actions.append(act)
        self.actions[0].setShortcut("Ctrl+Shift+D")
        main_window.controller.resultsReady.connect(self._results)
        main_window.document.scenarioChanged.connect(self._scenario_changed)
        main_window.document.fileChanged.connect(self._file_changed)

    def open(self, tab: int | str = 0) -> DecisionWindow:
        """Show the window at a tab (index or one of TAB_KEYS)."""
        if self.window is None:
            self.window = DecisionWindow(self.main)
        index = TAB_KEYS.index(tab) if isinstance(tab, str) else int(tab)
        self.window.tabs.setCurrentIndex(index)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window

    def _results(self, results, _kind) -> None:
        if self.window is not None:
            self.window.set_results(results)

    def _scenario_changed(self) -> None:
        if self.window is not None:
            self.window.scenario_changed()

    def _file_changed(self) -> None:
        if self.window is not None:
            self.window.setWindowTitle(tr("Decision support — {name}").format(
                name=self.main.document.display_name()))

    def retranslate(self) -> None:
        self.menu.setTitle(tr("&Analysis"))
        texts = (tr("Decision support: sensitivity…"), tr("Value for money…"),
                 tr("Budget envelope…"), tr("Goal seek…"))
        for act, text in zip(self.actions, texts):
            act.setText(text)
        if self.window is not None:
            self.window.retranslate()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.shutdown()


# ============================================================================ Chinese
ZH_DECISION: dict[str, str] = {
    # menu and window
    "&Analysis": "分析(&A)",
    "Decision support: sensitivity…": "决策支持：敏感性分析…",
    "Value for money…": "性价比…",
    "Budget envelope…": "预算约束…",
    "Goal seek…": "目标求解…",
    "Decision support": "决策支持",
    "Decision support — {name}": "决策支持 — {name}",
    "Draws for the analyses": "分析用抽样次数",
    "Every analysis runs on a snapshot of “{scenario}” with its seed {seed} and {sampler} "
    "sampling, and these draws; variants are compared with the same random numbers.":
        "每项分析都基于“{scenario}”当前的快照，使用其随机种子{seed}、{sampler}抽样和此处的抽样次数；"
        "各方案使用相同的随机数比较。",
    "Sensitivity": "敏感性分析",
    "Value for money": "性价比",
    "Budget envelope": "预算约束",
    "Goal seek": "目标求解",
    "Cancel": "取消",
    "Run": "运行",
    "Copy table": "复制表格",
    "Copied {rows} rows to the clipboard.": "已将{rows}行复制到剪贴板。",
    "{analysis}: running on a snapshot of the scenario ({draws} draws)…":
        "{analysis}：正在基于情景快照运行（{draws}次抽样）…",
    "{analysis} done in {seconds}.": "{analysis}完成，用时{seconds}。",
    "{analysis} cancelled; the previous result, if any, is still shown.":
        "{analysis}已取消；仍显示此前的结果（如有）。",
    "{analysis} failed: {message}": "{analysis}失败：{message}",
    "{scenario} · {draws} draws · seed {seed} · {sampler} · {seconds} · at {time}":
        "{scenario} · {draws}次抽样 · 随机种子{seed} · {sampler} · 用时{seconds} · {time}完成",
    "Out of date: the scenario has changed since this analysis ran. Press Run to bring it "
    "up to date.": "已过期：此分析运行后情景已有改动。请点击“运行”更新。",
    # outputs
    "Total outlay 2024–2028 (expected)": "2024–2028年预算支出合计（期望值）",
    "Probability of reaching all five targets": "五项目标全部达成的概率",
    "Probability of reaching the target: {indicator}": "目标达成概率：{indicator}",
    "P(all five)": "五项全部达成概率",
    "P({indicator})": "{indicator}达成概率",
    # sensitivity
    "Output": "分析对象",
    "Include the indicator model's assumptions (slower)": "包括指标模型的假设（较慢）",
    "Trend, 2023 start and effects of each indicator: each needs a full run.":
        "各指标的趋势、2023年起点和政策效应：每项都需要一次完整模拟。",
    "Not run yet. Press Run: about 6 s at 20,000 draws (4 s without the indicator model's "
    "assumptions).": "尚未运行。请点击“运行”：20,000次抽样约需6秒（不含指标模型假设约4秒）。",
    "Press Run to see which assumptions move the outlay and the targets most.":
        "点击“运行”，查看哪些假设对预算支出和目标影响最大。",
    "Tornado": "龙卷风图",
    "Global drivers": "全局驱动因素",
    "Global drivers over the draws": "全局驱动因素（基于全部抽样）",
    "Uncertain quantity": "不确定量",
    "Which part": "哪一部分",
    "Share of outlay variance": "占支出方差份额",
    "First-order index": "一阶指数",
    "Rank correlation ρ": "秩相关系数ρ",
    "Variance share: each line's covariance with the total over the total's variance (all "
    "lines add up to 100%). First-order index: the share of the variance the quantity "
    "explains alone.": "方差份额：各条目与合计的协方差除以合计的方差（全部条目合计100%）。"
                       "一阶指数：该量单独可解释的方差份额。",
    "First-order index: the share of the variance the quantity explains alone. Interactions "
    "and joint effects: {share}.": "一阶指数：该量单独可解释的方差份额。交互与联合效应：{share}。",
    # value for money
    "Target": "目标",
    "Not run yet. Press Run: a few seconds at 20,000 draws.":
        "尚未运行。请点击“运行”：20,000次抽样需数秒。",
    "Press Run to rank the measures by the change in a target's probability per extra "
    "1,000 万元.": "点击“运行”，按每多投入1,000万元带来的目标达成概率变化对各项措施排序。",
    "Measures ranked by value for money (Δ: change per extra 1,000 万元 spent through the "
    "measure)": "各项措施按性价比排序（Δ：通过该措施每多投入1,000万元带来的变化）",
    "Outlay 2024–2028 ({unit})": "2024–2028年支出（{unit}）",
    "Δ {output} (points)": "Δ{output}（百分点）",
    "Δ targets reached": "Δ可达成目标数",
    "Expected outlay of the measure 2024–2028": "该措施2024–2028年预算支出期望值",
    "The measure's share of the variance of the total outlay": "该措施占预算支出合计方差的份额",
    "Rank": "排名",
    "Expected outlay 2024–2028 ({unit})": "2024–2028年预算支出期望值（{unit}）",
    "Change in {output} per extra 1,000 万元 (points)": "每多投入1,000万元{output}的变化（百分点）",
    "Change in targets reached per extra 1,000 万元": "每多投入1,000万元可达成目标数的变化",
    "Each measure's uptake is moved ±{step} in all its lines with the same random draws; the "
    "change in probability is divided by the change in the measure's expected outlay and "
    "quoted in percentage points per 1,000 万元 (10 million yuan). “—”: the step moves no "
    "money.": "每项措施的全部资金条目申报量在相同随机抽样下变动±{step}；目标达成概率的变化除以该措施"
              "预算支出期望值的变化，以每1,000万元的百分点表示。“—”表示该变动不涉及资金。",
    # budget envelope
    "Budget envelope: the yearly appropriation": "预算约束：年度预算安排",
    "Appropriation (planner's assumption, editable)": "预算安排（规划者设定的假设，可修改）",
    "No appropriation": "不设预算安排",
    "Yearly appropriation": "按年设定预算安排",
    "2024–2028": "2024–2028年合计",
    "Fill with the expected outlay": "按预算支出期望值填入",
    "Each year's expected outlay from the current results, rounded up":
        "取当前模拟结果中各年的预算支出期望值（向上取整）",
    "Revert": "还原",
    "Apply": "应用",
    "Not applied yet": "尚未应用",
    DEFAULT_BASIS: "假设：规划者设定的年度预算安排",
    "none": "无",
    "Appropriation {old} → {new}": "预算安排 {old} → {new}",
    "Appropriation": "预算安排",
    "Outlay above the appropriation": "支出超出预算安排",
    "Chance that the outlay exceeds the appropriation": "预算支出超出预算安排的概率",
    "Appropriation ({unit})": "预算安排（{unit}）",
    "Expected outlay ({unit})": "预算支出期望值（{unit}）",
    "P95 outlay ({unit})": "预算支出P95（{unit}）",
    "P(outlay > appropriation)": "支出超出预算安排的概率",
    "No appropriation is set. Choose “Yearly appropriation”, enter the amounts and press "
    "Apply to see the chance that each year's outlay exceeds it.":
        "尚未设定预算安排。选择“按年设定预算安排”，输入各年金额并点击“应用”，即可看到各年预算支出"
        "超出预算安排的概率。",
    "Share of the {draws} draws of the main results in which the year's outlay is above its "
    "appropriation. Green: at most {tol} (the goal seek's tolerance); amber: up to 50%; red: "
    "above.": "主窗口{draws}次抽样中当年预算支出高于预算安排的比例。绿色：不超过{tol}（目标求解的"
              "容许度）；黄色：不超过50%；红色：超过50%。",
    # goal seek
    "Goal": "目标设定",
    "Objective": "求解目标",
    "Highest probability (the cheapest such levels)": "达成概率最高（其中成本最低的方案）",
    "Cheapest levels reaching": "成本最低且达成概率不低于",
    "Tolerance": "容许度",
    "The appropriation may be exceeded in at most this share of draws, every year.":
        "每年超出预算安排的抽样比例不得高于此值。",
    "No appropriation is set, so the budget envelope is not checked (set one in the Budget "
    "envelope tab).": "尚未设定预算安排，因此不检查预算约束（可在“预算约束”页设定）。",
    "Levels per line": "每条目取值档数",
    "Uptake levels tried per line, in equal steps between its bounds":
        "每个条目在上下限之间等距尝试的申报量档数",
    "Free lines and their bounds ({n} free)": "可调整条目及其上下限（{n}条可调整）",
    "Awards per year (万元 per year for amount lines). Each free line's planned uptake is "
    "scaled by one multiplier, so every planned year stays within its bounds. Defaults: half "
    "the smallest to 1.5 times the largest planned year. Lines not free stay as they are.":
        "单位为每年申报数（金额类条目为每年万元）。每个可调整条目的计划申报量按同一乘数缩放，使各计划"
        "年份都在上下限之内。默认：计划最少年份的一半至最多年份的1.5倍。未勾选的条目保持不变。",
    "Line (tick to free)": "支持政策（勾选即可调整）",
    "Planned per year": "各年计划",
    "Min per year": "每年下限",
    "Max per year": "每年上限",
    "Also list lines that do not move a target": "同时列出不影响目标的条目",
    "Free all": "全部勾选",
    "Free none": "全部取消",
    "Reset to defaults": "恢复默认",
    "Choose at least one free line.": "请至少勾选一个可调整条目。",
    "Not run yet. Press Run: 10–30 s at 20,000 draws with every default line free; a "
    "few seconds with a handful of lines.": "尚未运行。请点击“运行”：20,000次抽样、默认条目全部可调整时"
                                            "约需10–30秒；只调整少数条目时需数秒。",
    "Set the bounds and the objective, then press Run to see the frontier of expected cost "
    "against probability.": "设定上下限和求解目标后点击“运行”，查看预算支出期望值与达成概率的前沿。",
    "Scenario as it is: {what} {p} at {cost} expected.": "当前情景：{what}{p}，预算支出期望值{cost}。",
    "Even the lowest levels exceed the appropriation in more than {tol} of draws in some "
    "year: the frontier ignores the envelope.": "即使全部取下限，某些年份超出预算安排的抽样比例仍高于"
                                                "{tol}：前沿未考虑预算约束。",
    "No levels within the bounds reach {goal}; the highest is {top}.":
        "上下限内没有方案能达到{goal}；最高为{top}。",
    "Cheapest levels reaching {goal}: point {n}, {what} {p} at {cost} expected.":
        "达到{goal}的最低成本方案：第{n}点，{what}{p}，预算支出期望值{cost}。",
    "Highest probability: point {n}, {what} {p} at {cost} expected.":
        "最高达成概率：第{n}点，{what}{p}，预算支出期望值{cost}。",
    "Frontier points, cheapest first (money in {unit})": "前沿各点，按成本从低到高（金额单位：{unit}）",
    "Outlay 2024–2028": "2024–2028年支出",
    "vs. now": "与当前相比",
    "Max. P(over budget)": "超预算概率最大值",
    "Expected total outlay 2024–2028 of all lines ({unit})": "全部条目2024–2028年预算支出期望值（{unit}）",
    "Change from the scenario as it is ({unit})": "与当前情景相比的变化（{unit}）",
    "It exceeds the appropriation in {p} of draws in its worst year (tolerance {tol}), so "
    "the frontier keeps below it.": "当前情景在最不利年份有{p}的抽样超出预算安排（容许度{tol}），"
                                     "因此前沿各点都控制在预算安排之内。",
    "Point": "点",
    "Change in cost ({unit})": "成本变化（{unit}）",
    "Highest yearly P(outlay > appropriation)": "各年超出预算安排概率的最大值",
    "Scenario as it is": "当前情景",
    "{n} (goal)": "{n}（目标方案）",
    "Uptake at the selected point": "所选点的申报量",
    "Uptake at point {n}": "第{n}点的申报量",
    "Uptake of the scenario as it is": "当前情景的申报量",
    "Planned now (per year)": "当前计划（各年）",
    "At this point (per year)": "此点（各年）",
    "Multiplier": "乘数",
    "Apply point to the scenario": "将所选点应用到情景",
    "Apply point {n} to the scenario": "将第{n}点应用到情景",
    "The scenario has changed since the goal seek ran: run it again first.":
        "目标求解运行后情景已有改动：请先重新运行。",
    "Sets the uptake of the free lines to this point's levels, as one step you can undo.":
        "将可调整条目的申报量设为此点的取值，作为可撤销的一步操作。",
    "Apply goal-seek point {n}: uptake of {k} lines ({what} {p}, {cost})":
        "应用目标求解第{n}点：{k}个条目的申报量（{what}{p}，{cost}）",
    "Applied point {n} to the scenario. Undo restores the previous uptake.":
        "已将第{n}点应用到情景。撤销可恢复原来的申报量。",
}

i18n.ZH.update(ZH_DECISION)
