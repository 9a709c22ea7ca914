"""Mid-term review in the app: observed values (actuals), flag thresholds, the briefing
report, and the menu that opens the scenario comparison (``compare_window``).

* ``ActualsPanel`` is an editor tab: the two flag thresholds, a table of observed values
  (kind, item, year, value, unit, source) edited in place, Import CSV (merged) and Export CSV
  template, and a grid of the years observed so far. The table is a draft: complete rows are
  sent to the scenario as one undoable edit of ``("actuals",)``; when the model rejects them
  the problems are listed with their paths and the typed values stay, so nothing is lost.
  Rows without a value or a source wait until they have both.
* ``ReviewTools`` hooks all of it into the main window (tab, "Review" menu, the observed
  markers on the indicator charts) and writes the briefing PDF in a worker thread.

Actuals change the model, so the controller reruns in full after each change.
"""
from __future__ import annotations

import csv
import io
import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QScrollArea,
                               QStyledItemDelegate, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from simulator import Engine, ScenarioError, ScenarioSaveError, load_scenario, shipped_scenario_path
from simulator.model.actuals import parse_actuals_csv, template, with_actuals
from simulator.present.report import write_report
from simulator.model.scenario import INDICATOR_YEARS, YEARS, atomic_write

from . import dialogs, i18n
from .i18n import language, pick, tr
from .labels import format_number, indicator_name, indicator_unit, line_name, measure_name
from .widgets import ASSUMPTION_STYLE, ERROR_STYLE, NOTE_STYLE, TITLE_STYLE, spin, wrap_label

log = logging.getLogger(__name__)

BASELINE = shipped_scenario_path("baseline")

KINDS = ("indicator", "line", "measure")
KIND_NAMES = {"indicator": "Indicator", "line": "Line", "measure": "Measure"}
FIELDS = ("kind", "id", "year", "value", "source")
KIND, ITEM, YEAR, VALUE, UNIT, SOURCE = range(6)
COLUMN_FIELDS = {KIND: "kind", ITEM: "id", YEAR: "year", VALUE: "value", SOURCE: "source"}
COLUMN_NAMES = {"kind": "Kind", "id": "Item", "year": "Year", "value": "Value",
                "source": "Source"}
OBSERVED_MARK = "●"
PENDING_COLOUR = "#fff4d6"
PROBLEM_COLOUR = "#f8d9cc"


# ============================================================================ naming
def kind_name(kind: str) -> str:
    return tr(KIND_NAMES.get(kind, str(kind)))


def years_of(kind: str) -> tuple[int, ...]:
    """Years an actual of this kind may have (indicators from 2023, outlays from 2024)."""
    return INDICATOR_YEARS if kind == "indicator" else YEARS


def id_choices(scenario, kind: str) -> list[tuple[str, str]]:
    """(id, shown name) of every item an actual of this kind may refer to."""
    catalogue = scenario.catalogue
    if kind == "indicator":
        return [(i.id, indicator_name(i)) for i in catalogue.indicators]
    if kind == "line":
        return [(line.id, line_name(line)) for line in catalogue.lines]
    if kind == "measure":
        return [(str(m.number), measure_name(m)) for m in catalogue.measures
                if catalogue.lines_of_measure(m.number)]
    return []


def item_name(scenario, kind: str, ident) -> str:
    """The shown name of an actual's item (its id when the scenario does not know it)."""
    catalogue = scenario.catalogue
    try:
        if kind == "indicator":
            return indicator_name(catalogue.indicator(ident))
        if kind == "line" and catalogue.has_line(ident):
            return line_name(catalogue.line(ident))
        if kind == "measure":
            return measure_name(catalogue.measure(int(ident)))
    except (KeyError, IndexError, StopIteration, ValueError, TypeError):
        pass
    return "" if ident is None else str(ident)


def unit_of(scenario, kind: str, ident) -> str:
    if kind == "indicator":
        try:
            return indicator_unit(scenario.catalogue.indicator(ident))
        except (KeyError, StopIteration):
            return ""
    return pick(None, "万元", "10k yuan")


def value_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def describe(scenario, entry: dict) -> str:
    """'2025 R&D expenditure = 420 (100 million yuan)'."""
    unit = unit_of(scenario, entry.get("kind"), entry.get("id"))
    return tr("{year} {item} = {value} {unit}").format(
        year=entry.get("year"), item=item_name(scenario, entry.get("kind"), entry.get("id")),
        value=value_text(entry.get("value")), unit=unit).strip()


def _key(entry: dict) -> tuple:
    return entry.get("kind"), entry.get("id"), entry.get("year")


def actuals_label(scenario, old: list[dict], new: list[dict]) -> str:
    """A readable undo label for changing the actuals from ``old`` to ``new``."""
    added = [e for e in new if e not in old]
    removed = [e for e in old if e not in new]
    if len(added) == 1 and not removed:
        return tr("Add observed value: {what}").format(what=describe(scenario, added[0]))
    if len(removed) == 1 and not added:
        return tr("Remove observed value: {what}").format(what=describe(scenario, removed[0]))
    if removed and not added:
        return tr("Remove {n} observed values").format(n=len(removed))
    if len(added) == 1 and len(removed) == 1:
        a, r = added[0], removed[0]
        if _key(a) == _key(r) and a.get("source") == r.get("source"):
            return tr("Observed {year} {item}: {old} → {new}").format(
                year=a["year"], item=item_name(scenario, a["kind"], a["id"]),
                old=value_text(r["value"]), new=value_text(a["value"]))
        return tr("Edit observed value: {what}").format(what=describe(scenario, a))
    return tr("Edit observed values")


def observed_years(scenario) -> dict[str, list[int]]:
    """{indicator id: sorted observed years}."""
    out: dict[str, set[int]] = {}
    for entry in scenario.actuals:
        if entry["kind"] == "indicator":
            out.setdefault(entry["id"], set()).add(entry["year"])
    return {k: sorted(v) for k, v in out.items()}


def _parse_value(text: str):
    """A typed value: a number where it is one, None when empty, else the text (the model
    then says it must be a number)."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        return text.strip()
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _complete(entry: dict) -> bool:
    value, source = entry.get("value"), entry.get("source")
    return value is not None and value != "" and bool(str(source or "").strip())


# ============================================================================ CSV problems
_ROW = re.compile(r"^(?:[^:]*: )?(?P<where>row \d+|entry \d+)(?:: (?P<field>[a-z_.]+))?: "
                  r"(?P<message>.*)$", re.S)


class ImportProblemDialog(QDialog):
    """The problems of an actuals CSV, by row; nothing was imported."""

    def __init__(self, source: str, problems, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("The observed values could not be imported"))
        self.problems = list(problems)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("{file} has {n} problem(s); nothing was imported.").format(
            file=source, n=len(self.problems)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(self.problems), 3)
        table.setHorizontalHeaderLabels([tr("Row"), tr("Column"), tr("Problem")])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        for r, (where, field, message) in enumerate(import_problem_rows(self.problems)):
            for c, text in enumerate((where, field, message)):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeRowsToContents()
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 360)


def import_problem_rows(problems) -> list[tuple[str, str, str]]:
    """(row, column, message) of each problem ('row 5', 'year', 'must be …')."""
    rows = []
    for problem in problems:
        text = problem.message if not problem.path else f"{problem.path}: {problem.message}"
        match = _ROW.match(text)
        if match:
            number = match["where"].split()[1]
            where = (tr("row {n}") if match["where"].startswith("row")
                     else tr("entry {n}")).format(n=number)
            rows.append((where, match["field"] or "", match["message"]))
        else:
            rows.append((tr("(whole file)"), "", text))
    return rows


def show_import_problems(parent, source: str, problems) -> None:
    """Modal list of an import's problems (tests replace this function)."""
    ImportProblemDialog(source, problems, parent).exec()


# ============================================================================ the table
class ActualsDelegate(QStyledItemDelegate):
    """Combo boxes for kind, item and year (only valid choices), text for value and source.
    Edits go to the panel's draft, never straight into the table."""

    def __init__(self, panel: "ActualsPanel"):
        super().__init__(panel.table)
        self.panel = panel

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        column = index.column()
        if column in (KIND, ITEM, YEAR):
            combo = QComboBox(parent)
            for value, text in self.panel.choices(index.row(), column):
                combo.addItem(text, value)
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if column in (VALUE, SOURCE):
            edit = QLineEdit(parent)
            if column == SOURCE:
                edit.setPlaceholderText(tr("e.g. 2025 statistical bulletin"))
            return edit
        return None

    def _commit(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index):  # noqa: N802 (Qt's name)
        entry = self.panel.draft[index.row()]
        field = COLUMN_FIELDS[index.column()]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(entry.get(field))))
        else:
            value = entry.get(field)
            if field == "value" and isinstance(value, (int, float)):
                editor.setText(f"{value:.12g}")
            else:
                editor.setText("" if value is None else str(value))

    def setModelData(self, editor, model, index):  # noqa: N802 (Qt's name)
        field = COLUMN_FIELDS[index.column()]
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif field == "value":
            value = _parse_value(editor.text())
        else:
            value = editor.text().strip()
        # after the editor has closed: applying may rebuild the table's rows
        QTimer.singleShot(0, lambda: self.panel.set_cell(index.row(), field, value))


class ActualsPanel(QScrollArea):
    """Flag thresholds, the observed values and the years observed so far."""

    editFailed = Signal(str)
    statusMessage = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.draft: list[dict] = document.scenario.actuals
        self._seen = document.scenario.actuals
        self._thresholds = None
        self.problem_rows: set[int] = set()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        page = QWidget()
        self.setWidget(page)
        layout = QVBoxLayout(page)
        self.title = wrap_label(style=TITLE_STYLE)
        layout.addWidget(self.title)
        self.intro = wrap_label(style=NOTE_STYLE)
        layout.addWidget(self.intro)

        # ---- flag thresholds (a planner's assumption)
        self.flags = QGroupBox()
        self.flags.setStyleSheet(ASSUMPTION_STYLE)
        form = QFormLayout(self.flags)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.on_track_spin = spin(0.0, 100.0, 5.0, 0, " %", width=80)
        self.at_risk_spin = spin(0.0, 100.0, 5.0, 0, " %", width=80)
        self.on_track_spin.valueChanged.connect(lambda v: self._threshold("on_track", v))
        self.at_risk_spin.valueChanged.connect(lambda v: self._threshold("at_risk", v))
        self.on_track_label, self.at_risk_label = QLabel(), QLabel()
        self.flags_note = wrap_label(style=NOTE_STYLE, selectable=True)
        form.addRow(self.on_track_label, self.on_track_spin)
        form.addRow(self.at_risk_label, self.at_risk_spin)
        form.addRow(self.flags_note)
        layout.addWidget(self.flags)

        # ---- observed values
        self.observed = QGroupBox()
        observed = QVBoxLayout(self.observed)
        buttons = QHBoxLayout()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.import_button, self.template_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(lambda: self.remove_rows())
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.template_button.clicked.connect(lambda: self.export_template())
        for button in (self.add_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.import_button, self.template_button):
            buttons.addWidget(button)
        observed.addLayout(buttons)
        self.table = QTableWidget(0, 6)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setItemDelegate(ActualsDelegate(self))
        header = self.table.horizontalHeader()
        for column in (KIND, YEAR, VALUE, UNIT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(SOURCE, 130)  # the item's name matters more; tooltips have all
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(220)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        observed.addWidget(self.table)
        self.hint = wrap_label(style=NOTE_STYLE)
        observed.addWidget(self.hint)
        self.error_label = wrap_label(style=ERROR_STYLE, selectable=True)
        observed.addWidget(self.error_label)
        layout.addWidget(self.observed)

        # ---- coverage
        self.coverage_title = QLabel()
        self.coverage_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.coverage_title)
        self.coverage = QTableWidget(0, len(INDICATOR_YEARS))
        self.coverage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.coverage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.coverage.verticalHeader().setDefaultSectionSize(22)
        self.coverage.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.coverage.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.coverage.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.coverage.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.coverage)
        layout.addStretch(1)

        document.scenarioChanged.connect(self.refresh)
        self.retranslate()

    # ------------------------------------------------------------------ text
    def retranslate(self) -> None:
        self.title.setText(tr("Mid-term review: observed values"))
        self.intro.setText(tr(
            "Values observed for past years, each with its source. An observed indicator value "
            "restarts the projection from that year; observed outlays replace simulated ones. "
            "Results rerun after each change."))
        self.flags.setTitle(tr("Target flags (planner's assumption)"))
        self.on_track_label.setText(tr("On track from"))
        self.at_risk_label.setText(tr("At risk from"))
        self.observed.setTitle(tr("Observed values"))
        self.add_button.setText(tr("Add row"))
        self.remove_button.setText(tr("Remove rows"))
        self.import_button.setText(tr("Import CSV…"))
        self.template_button.setText(tr("Export CSV template…"))
        self.table.setHorizontalHeaderLabels([tr("Kind"), tr("Item"), tr("Year"), tr("Value"),
                                              tr("Unit"), tr("Source")])
        self.coverage_title.setText(tr("Years observed so far"))
        self.refresh(force=True)

    # ------------------------------------------------------------------ syncing
    def refresh(self, force: bool = False) -> None:
        """Show the document's values. The draft is kept while the document's actuals are
        the ones it was built on (edits elsewhere), and replaced when they change (undo,
        redo, open, import)."""
        scenario = self.document.scenario
        actuals = scenario.actuals
        thresholds = scenario.flag_thresholds
        if not force and actuals == self._seen and thresholds == self._thresholds:
            return  # another setting changed (e.g. a slider): nothing to show here
        self._thresholds = thresholds
        if actuals != self._seen:
            self._seen = actuals
            self.draft = actuals
            self.problem_rows = set()
            self.error_label.setText("")
        for box, key in ((self.on_track_spin, "on_track"), (self.at_risk_spin, "at_risk")):
            box.blockSignals(True)
            box.setValue(round(100 * thresholds[key], 4))
            box.blockSignals(False)
        basis = scenario.get(("flag_thresholds",)).get("basis") or ""
        self.flags_note.setText(tr("A target is off track below the at-risk threshold. The "
                                   "flags are shown in the summary and on the indicator "
                                   "charts.") + (f"\n{tr('Basis')}: {basis}" if basis else ""))
        self._fill_table()
        self._fill_coverage()

    def _fill_table(self) -> None:
        scenario = self.document.scenario
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(self.draft))
        pending = QBrush(QColor(PENDING_COLOUR))
        problem = QBrush(QColor(PROBLEM_COLOUR))
        for r, entry in enumerate(self.draft):
            kind, ident = entry.get("kind"), entry.get("id")
            texts = {KIND: kind_name(kind), ITEM: item_name(scenario, kind, ident),
                     YEAR: "" if entry.get("year") is None else str(entry.get("year")),
                     VALUE: value_text(entry.get("value")), UNIT: unit_of(scenario, kind, ident),
                     SOURCE: str(entry.get("source") or "")}
            brush = problem if r in self.problem_rows else \
                (pending if not _complete(entry) else QBrush())
            for c, text in texts.items():
                item = table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(r, c, item)
                item.setText(text)
                item.setBackground(brush)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if c != UNIT:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if c == VALUE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if c == ITEM:
                    item.setToolTip(f"{text}\n{kind}: {ident}")
        table.setUpdatesEnabled(True)
        incomplete = [r + 1 for r, e in enumerate(self.draft) if not _complete(e)]
        self.hint.setText(tr("Rows {rows}: enter a value and its source; the row is applied "
                             "when it has both.").format(rows=", ".join(map(str, incomplete)))
                          if incomplete else
                          tr("Double-click a cell to edit it. Values are in the unit shown; "
                             "money in 万元."))
        self._selection_changed()

    def _fill_coverage(self) -> None:
        scenario = self.document.scenario
        catalogue = scenario.catalogue
        rows = [(indicator_name(i), ("indicator", i.id)) for i in catalogue.indicators]
        rows.append((tr("Outlays (lines or measures)"), ("outlay", None)))
        table = self.coverage
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels([str(y) for y in INDICATOR_YEARS])
        table.setVerticalHeaderLabels([name for name, _ in rows])
        outlays: dict[int, int] = {}
        indicators = observed_years(scenario)
        for entry in scenario.actuals:
            if entry["kind"] in ("line", "measure"):
                outlays[entry["year"]] = outlays.get(entry["year"], 0) + 1
        mark_brush = QBrush(QColor("#d8f0e6"))
        for r, (_name, (what, ident)) in enumerate(rows):
            for c, year in enumerate(INDICATOR_YEARS):
                item = table.item(r, c) or QTableWidgetItem()
                if table.item(r, c) is None:
                    table.setItem(r, c, item)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if what == "indicator":
                    observed = year in indicators.get(ident, ())
                    item.setText(OBSERVED_MARK if observed else "")
                    item.setToolTip(tr("observed") if observed else "")
                elif year == INDICATOR_YEARS[0]:
                    observed = False
                    item.setText("—")
                    item.setToolTip(tr("Outlays start in 2024."))
                else:
                    n = outlays.get(year, 0)
                    observed = n > 0
                    item.setText(OBSERVED_MARK if n else "")
                    item.setToolTip(tr("{n} observed outlays").format(n=n) if n else "")
                item.setBackground(mark_brush if observed else QBrush())
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + 22 * len(rows) + 2 * table.frameWidth() + 2)

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.selected_rows()))

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})

    # ------------------------------------------------------------------ editing
    def choices(self, row: int, column: int) -> list[tuple[object, str]]:
        """What a cell's combo box offers: every kind; the items of the row's kind; the
        years of the row's kind."""
        entry = self.draft[row]
        if column == KIND:
            return [(kind, kind_name(kind)) for kind in KINDS]
        if column == ITEM:
            return id_choices(self.document.scenario, entry.get("kind"))
        if column == YEAR:
            return [(year, str(year)) for year in years_of(entry.get("kind"))]
        return []

    def set_cell(self, row: int, field: str, value) -> bool:
        """Change one field of one row of the draft, then apply the draft. True when the
        scenario now holds the draft."""
        if not 0 <= row < len(self.draft) or field not in FIELDS:
            return False
        entry = dict(self.draft[row])
        if entry.get(field) == value:
            return True
        entry[field] = value
        if field == "kind":
            ids = [i for i, _ in id_choices(self.document.scenario, value)]
            if entry.get("id") not in ids:
                entry["id"] = ids[0] if ids else None
            if entry.get("year") not in years_of(value):
                entry["year"] = years_of(value)[0]
        self.draft = self.draft[:row] + [entry] + self.draft[row + 1:]
        return self.apply()

    def add_row(self, kind: str = "indicator") -> int:
        """A new row for an item and year not observed yet (applied once it has a value and
        a source). Returns its index."""
        taken = {_key(e) for e in self.draft}
        ids = [i for i, _ in id_choices(self.document.scenario, kind)]
        preferred = (2025, 2024, 2026, 2023, 2027, 2028)
        years = [y for y in preferred if y in years_of(kind)]
        entry = {"kind": kind, "id": ids[0], "year": years[0], "value": None, "source": ""}
        for year in years:
            free = next((i for i in ids if (kind, i, year) not in taken), None)
            if free is not None:
                entry.update(id=free, year=year)
                break
        self.draft = self.draft + [entry]
        self._fill_table()
        row = len(self.draft) - 1
        self.table.scrollToBottom()
        self.table.setCurrentCell(row, VALUE)
        return row

    def remove_rows(self, rows: list[int] | None = None) -> bool:
        rows = self.selected_rows() if rows is None else rows
        if not rows:
            return False
        self.draft = [e for i, e in enumerate(self.draft) if i not in set(rows)]
        self.problem_rows = set()
        self.table.clearSelection()
        return self.apply()

    def apply(self) -> bool:
        """Send the draft's complete rows to the scenario as one undoable edit. On problems,
        list them with their paths and keep the draft. True when applied."""
        draft = self.draft
        complete = [i for i, e in enumerate(draft) if _complete(e)]
        entries = [dict(draft[i]) for i in complete]
        scenario = self.document.scenario
        old = scenario.actuals
        try:
            self.document.edit(("actuals",), entries, label=actuals_label(scenario, old,
                                                                          entries))
        except ScenarioError as exc:
            self.problem_rows = set()
            lines = []
            for problem in exc.problems:
                parts = problem.path.split(".")
                line = f"{problem.path or 'actuals'}: {problem.message}"
                if len(parts) >= 2 and parts[0] == "actuals" and parts[1].isdigit() \
                        and int(parts[1]) < len(complete):
                    row = complete[int(parts[1])]
                    self.problem_rows.add(row)
                    column = COLUMN_NAMES.get(parts[2], parts[2]) if len(parts) > 2 else ""
                    where = tr("row {n}").format(n=row + 1) + (f", {tr(column)}" if column
                                                               else "")
                    line = f"{where}: {problem.message} ({problem.path})"
                lines.append(line)
            message = tr("Not applied; the scenario is unchanged:") + "\n" + "\n".join(lines)
            self.error_label.setText(message)
            self.editFailed.emit(tr("Could not apply the change: {problem}").format(
                problem="; ".join(lines)))
            self._fill_table()
            return False
        self.problem_rows = set()
        self.error_label.setText("")
        if len(complete) != len(draft):
            # the document's change replaced the draft: put the incomplete rows back
            merged = self.document.scenario.actuals
            for i, entry in enumerate(draft):
                if not _complete(entry):
                    merged.insert(i, entry)
            self.draft = merged
            self._fill_table()
        return True

    def _threshold(self, key: str, percent: float) -> None:
        scenario = self.document.scenario
        old = scenario.flag_thresholds[key]
        new = round(percent / 100.0, 6)
        what = tr("on-track threshold") if key == "on_track" else tr("at-risk threshold")
        label = tr("{what} {old} → {new}").format(what=what, old=f"{100 * old:g}%",
                                                   new=f"{100 * new:g}%")
        try:
            self.document.edit(("flag_thresholds", key), new, label=label)
        except ScenarioError as exc:
            message = tr("Could not apply the change: {problem}").format(
                problem="; ".join(str(p) for p in exc.problems))
            self.error_label.setText(message)
            self.editFailed.emit(message)
            self.refresh(force=True)  # the spin boxes show the scenario's values again

    # ------------------------------------------------------------------ files
    def import_csv(self, path: str | Path | None = None) -> bool:
        """Merge an actuals CSV into the scenario (one undoable step). On any problem, list
        them by row and change nothing."""
        if path is None:
            start = str(self.document.path.parent) if self.document.path else str(Path.home())
            path, _ = QFileDialog.getOpenFileName(self, tr("Import observed values"), start,
                                                  tr("CSV (*.csv);;All files (*)"))
            if not path:
                return False
        path = Path(path)
        scenario = self.document.scenario
        try:
            content = path.read_bytes()
        except OSError as exc:
            dialogs.show_error(self, tr("Could not read the file"),
                               f"{path}: {exc.strerror or exc}")
            return False
        try:
            entries = parse_actuals_csv(content, path.name)
            count = len(entries)
            after = with_actuals(scenario, entries, path.name)
        except ScenarioError as exc:
            show_import_problems(self, path.name, exc.problems)
            return False
        if count == 0:
            self.statusMessage.emit(tr("{file} has no filled-in values; nothing was "
                                       "imported.").format(file=path.name))
            return False
        self.document.edit(("actuals",), after.actuals, label=tr(
            "Import {n} observed values from {file}").format(n=count, file=path.name))
        self.statusMessage.emit(tr("Imported {n} observed values from {file}").format(
            n=count, file=path.name))
        return True

    def template_text(self) -> str:
        """The model's CSV template with the scenario's observed values filled in, and the
        item's name and unit as extra columns (ignored on import)."""
        scenario = self.document.scenario
        known = {(e["kind"], str(e["id"]), str(e["year"])): e for e in scenario.actuals}
        reader = csv.reader(io.StringIO(template(scenario)))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        header = next(reader)
        writer.writerow(header + [tr("name (ignored on import)"), tr("unit")])
        for row in reader:
            if not row:
                continue
            kind, ident, year = row[0], row[1], row[2]
            entry = known.get((kind, ident, year))
            if entry is not None:
                row[3], row[4] = f"{entry['value']:.12g}", entry["source"]
            writer.writerow(row + [item_name(scenario, kind, ident),
                                   unit_of(scenario, kind, ident)])
        return out.getvalue()

    def export_template(self, path: str | Path | None = None) -> bool:
        if path is None:
            path = dialogs.csv_save_path(self, tr("Export CSV template"),
                                         (self.document.path.parent if self.document.path
                                          else Path.home()) / "actuals.csv")
            if path is None:
                return False
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            # UTF-8 with BOM: Excel shows the Chinese names; the importer reads it back
            atomic_write(path, ("\ufeff" + self.template_text()).encode("utf-8"))
        except ScenarioSaveError as exc:
            dialogs.show_error(self, tr("Could not write the file"), str(exc))
            return False
        self.statusMessage.emit(tr("Wrote {file}").format(file=str(path)))
        return True


# ============================================================================ report
def _unwritable(path: Path) -> str:
    """Why a file cannot be written at ``path`` ('' when it looks writable), so that the
    planner hears it at once rather than after the report has been computed."""
    folder = path.parent
    if not folder.is_dir():
        return tr("{file}: the folder {folder} does not exist.").format(file=path,
                                                                      folder=folder)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return tr("{file}: permission denied.").format(file=path)
    return ""


class ReportSignals(QObject):
    done = Signal(str)
    failed = Signal(str)


class ReportJob(QRunnable):
    """Write the briefing PDF in a worker thread (running the scenario first when the
    results shown are not up to date)."""

    def __init__(self, results, scenario, path: Path, lang: str, baseline):
        super().__init__()
        self.setAutoDelete(False)
        self.results = results
        self.scenario = scenario
        self.path = path
        self.language = lang
        self.baseline = baseline
        self.signals = ReportSignals()

    def run(self) -> None:
        try:
            results = self.results
            if results is None:
                results = Engine(self.scenario).run()
            write_report(results, self.path, self.language, baseline=self.baseline)
        except ScenarioSaveError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # shown to the user, logged in full
            log.exception("briefing report failed")
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.signals.done.emit(str(self.path))


# ============================================================================ main window
class ReviewTools(QObject):
    """Everything of the mid-term review in one main window."""

    reportWritten = Signal(str)
    reportFailed = Signal(str)

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
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.open_folder = QLabel()
        self.open_folder.setVisible(False)
        self.open_folder.linkActivated.connect(
            lambda url: QDesktopServices.openUrl(QUrl(url)))
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
        self.import_action.triggered.connect(lambda: (self.show_actuals(),
                                                      self.panel.import_csv()))
        self.template_action = self.menu.addAction("")
        self.template_action.triggered.connect(lambda: self.panel.export_template())
        self.menu.addSeparator()
        self.compare_action = self.menu.addAction("")
        self.compare_action.triggered.connect(lambda: self.open_compare())
        self.report_action = self.menu.addAction("")
        self.report_action.triggered.connect(lambda: self.write_briefing())

    def retranslate(self) -> None:
        self.menu.setTitle(tr("Re&view"))
        self.actuals_action.setText(tr("Observed values and target flags"))
        self.import_action.setText(tr("Import observed values (CSV)…"))
        self.template_action.setText(tr("Export CSV template…"))
        self.compare_action.setText(tr("Compare scenarios…"))
        self.report_action.setText(tr("Briefing report (PDF)…"))
        index = self.window.editor_tabs.indexOf(self.panel)
        self.window.editor_tabs.setTabText(index, tr("Actuals"))
        self.panel.retranslate()
        self._mark_observed()
        self.open_folder.setText(f"<a href='{self.open_folder.property('url') or ''}'>"
                                 f"{tr('Open folder')}</a>")
        if self.compare_window is not None:
            self.compare_window.retranslate()

    def _mark_observed(self) -> None:
        charts = self.window.charts
        if hasattr(charts, "set_observed"):
            charts.set_observed(observed_years(self.document.scenario))

    def show_actuals(self) -> None:
        self.window.editor_tabs.setCurrentWidget(self.panel)

    # ------------------------------------------------------------------ comparison
    def open_compare(self, paths=(), start: bool = False):
        """Open (or raise) the comparison window; the current scenario is the reference."""
        from .compare_window import CompareWindow
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
            self.window.statusBar().showMessage(tr("A briefing report is being written…"),
                                                5000)
            return False
        window = self.window
        if path is None:
            stem = Path(self.document.display_name()).stem
            start = str(window._export_dir() / f"{stem}-{tr('briefing')}.pdf")
            path, _ = QFileDialog.getSaveFileName(window, tr("Write briefing report"), start,
                                                  tr("PDF document (*.pdf)"))
            if not path:
                return False
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(path.suffix + ".pdf") if path.suffix else \
                path.with_suffix(".pdf")
        problem = _unwritable(path)
        if problem:
            dialogs.show_error(window, tr("Could not write the briefing report"), problem)
            return False
        window.line_editor.flush()
        controller = window.controller
        results = window.results if not controller.stale else None
        try:
            baseline = load_scenario(BASELINE)
        except ScenarioError as exc:
            dialogs.show_error(window, tr("Could not write the briefing report"),
                               exc.describe())
            return False
        job = ReportJob(results, self.document.scenario, path, language(), baseline)
        job.signals.done.connect(lambda p, j=job: self._report_done(j, p))
        job.signals.failed.connect(lambda m, j=job: self._report_failed(j, m))
        self.report_job = job
        self.report_action.setEnabled(False)
        window.statusBar().showMessage(tr("Writing the briefing report {file}…").format(
            file=path.name))
        self._pool.start(job)
        return True

    def _report_done(self, job: ReportJob, path: str) -> None:
        if job is not self.report_job:
            return
        self.report_job = None
        self.report_action.setEnabled(True)
        folder = Path(path).parent
        self.window.settings.setValue("exportDir", str(folder))
        self.window.statusBar().showMessage(tr("Wrote {file}").format(file=path), 20_000)
        url = QUrl.fromLocalFile(str(folder)).toString()
        self.open_folder.setProperty("url", url)
        self.open_folder.setText(f"<a href='{url}'>{tr('Open folder')}</a>")
        self.open_folder.setVisible(True)
        self._hide_folder.start()
        self.reportWritten.emit(path)

    def _report_failed(self, job: ReportJob, message: str) -> None:
        if job is not self.report_job:
            return
        self.report_job = None
        self.report_action.setEnabled(True)
        self.window.statusBar().clearMessage()
        self.reportFailed.emit(message)
        dialogs.show_error(self.window, tr("Could not write the briefing report"), message)

    # ------------------------------------------------------------------ start options
    def start_options(self, actuals_csv=None, compare_files=None, quiet: bool = False) -> bool:
        """``qdplan gui --actuals CSV --compare FILE…``: import observed values, open the
        comparison. ``quiet`` (screenshots): problems go to stderr, not to a dialog.
        False when a file has problems."""
        import sys
        if actuals_csv:
            if quiet:
                try:
                    scenario = self.document.scenario
                    entries = parse_actuals_csv(Path(actuals_csv).read_bytes(),
                                                Path(actuals_csv).name)
                    after = with_actuals(scenario, entries, Path(actuals_csv).name)
                except (OSError, ScenarioError) as exc:
                    for problem in getattr(exc, "problems", [exc]):
                        print(f"{actuals_csv}: {problem}", file=sys.stderr)
                    return False
                self.document.edit(("actuals",), after.actuals, label=tr(
                    "Import {n} observed values from {file}").format(
                        n=len(entries), file=Path(actuals_csv).name))
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
                            print(f"{name}: {problem}", file=sys.stderr)
                        return False
            self.open_compare(compare_files)
        return True

    def screenshot_compare(self, app, path: Path) -> int:
        """Run the comparison, render its window (charts tab) to a PNG, exit."""
        window = self.open_compare()
        window.resize(1400, 900)
        status = {"code": 1}

        def grab():
            window.tabs.setCurrentIndex(1)
            app.processEvents()
            for canvas in window.canvases.values():
                canvas.draw()
            app.processEvents()
            path.parent.mkdir(parents=True, exist_ok=True)
            status["code"] = 0 if window.grab().save(str(path), "PNG") else 1
            app.exit(status["code"])

        window.finished.connect(lambda how: QTimer.singleShot(400, grab) if how == "done"
                                else app.exit(1))
        QTimer.singleShot(0, window.start)
        QTimer.singleShot(180_000, lambda: app.exit(1))
        app.exec()
        self.shutdown()
        self.window.controller.shutdown()
        self.document.undo_stack.setClean()
        return status["code"]

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Stop the comparison and wait for a report being written (on close)."""
        if self.compare_window is not None:
            self.compare_window.shutdown()
        self._pool.waitForDone()


# ============================================================================ Chinese
ZH = {
    "Re&view": "中期评估(&V)",
    "Observed values and target flags": "实际值与目标状态阈值",
    "Import observed values (CSV)…": "导入实际值(CSV)…",
    "Export CSV template…": "导出 CSV 模板…",
    "Compare scenarios…": "情景比较…",
    "Briefing report (PDF)…": "简报(PDF)…",
    "Actuals": "实际值",
    "Mid-term review: observed values": "中期评估:实际值",
    "Values observed for past years, each with its source. An observed indicator value "
    "restarts the projection from that year; observed outlays replace simulated ones. "
    "Results rerun after each change.":
        "已发生年份的实际值,每项须注明来源。指标的实际值使预测从该年份重新起步;"
        "实际支出替代模拟支出。每次修改后结果会重新计算。",
    "Target flags (planner's assumption)": "目标状态阈值(规划者假设)",
    "On track from": "有望达成:概率不低于",
    "At risk from": "存在风险:概率不低于",
    "A target is off track below the at-risk threshold. The flags are shown in the summary "
    "and on the indicator charts.":
        "达成概率低于“存在风险”阈值即为偏离目标。状态显示在汇总表和指标图表中。",
    "Observed values": "实际值",
    "Add row": "添加行",
    "Remove rows": "删除行",
    "Import CSV…": "导入 CSV…",
    "Kind": "类别",
    "Value": "数值",
    "Source": "来源",
    "Years observed so far": "已有实际值的年份",
    "Outlays (lines or measures)": "支出(支持政策或措施)",
    "observed": "实际值",
    "Outlays start in 2024.": "支出从2024年开始。",
    "{n} observed outlays": "{n} 项实际支出",
    "Rows {rows}: enter a value and its source; the row is applied when it has both.":
        "第 {rows} 行:请填写数值和来源;两者都填写后该行才会生效。",
    "Double-click a cell to edit it. Values are in the unit shown; money in 万元.":
        "双击单元格进行编辑。数值按所示单位填写;金额单位为万元。",
    "e.g. 2025 statistical bulletin": "例如 2025年统计公报",
    "row {n}": "第 {n} 行",
    "entry {n}": "第 {n} 项",
    "Row": "行",
    "Column": "列",
    "Not applied; the scenario is unchanged:": "未应用,情景保持不变:",
    "on-track threshold": "有望达成阈值",
    "at-risk threshold": "存在风险阈值",
    "{year} {item} = {value} {unit}": "{year}年 {item} = {value} {unit}",
    "Add observed value: {what}": "添加实际值:{what}",
    "Remove observed value: {what}": "删除实际值:{what}",
    "Remove {n} observed values": "删除 {n} 项实际值",
    "Observed {year} {item}: {old} → {new}": "{year}年 {item} 实际值 {old} → {new}",
    "Edit observed value: {what}": "修改实际值:{what}",
    "Edit observed values": "修改实际值",
    "Import {n} observed values from {file}": "从 {file} 导入 {n} 项实际值",
    "Imported {n} observed values from {file}": "已从 {file} 导入 {n} 项实际值",
    "{file} has no filled-in values; nothing was imported.":
        "{file} 中没有填写数值;未导入任何内容。",
    "Import observed values": "导入实际值",
    "CSV (*.csv);;All files (*)": "CSV 文件 (*.csv);;所有文件 (*)",
    "Could not read the file": "无法读取文件",
    "The observed values could not be imported": "无法导入实际值",
    "{file} has {n} problem(s); nothing was imported.": "{file} 有 {n} 处问题;未导入任何内容。",
    "name (ignored on import)": "名称(导入时忽略)",
    "unit": "单位",
    "Export CSV template": "导出 CSV 模板",
    "Open folder": "打开所在文件夹",
    "briefing": "简报",
    "Write briefing report": "生成简报",
    "PDF document (*.pdf)": "PDF 文档 (*.pdf)",
    "A briefing report is being written…": "正在生成简报…",
    "Writing the briefing report {file}…": "正在生成简报 {file}…",
    "Could not write the briefing report": "无法生成简报",
    "Observed: {years}": "已有实际值:{years}年",
    "{file}: the folder {folder} does not exist.": "{file}:文件夹 {folder} 不存在。",
    "{file}: permission denied.": "{file}:没有写入权限。",
}
i18n.ZH.update(ZH)

from . import compare_window  # noqa: E402,F401 (its window opens from here; registers its Chinese)
