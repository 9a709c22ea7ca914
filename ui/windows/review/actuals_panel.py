"""The actuals tab of the main window's editors (mid-term review): the two flag thresholds,
a table of observed values (kind, item, year, value, unit, source) edited in place, Import
CSV (merged) and Export CSV template, and a grid of the years observed so far.

The table is a draft: complete rows are sent to the scenario as one undoable edit of
``("actuals",)``; when the model rejects them the problems are listed with their paths and
the typed values stay, so nothing is lost. Rows without a value or a source wait until they
have both. Actuals change the model, so the controller reruns in full after each change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from simulator.model import ScenarioError, apply_actuals_csv, read_input
from simulator.present import write_actuals_template

from ...core.actual_labels import (
    actuals_label,
    entry_key,
    item_name,
    kind_name,
    template_rows,
    unit_of,
    value_text,
)
from ...i18n import language, tr
from ...widgets.basic import ColumnScrollArea, spin, wrap_label
from ...widgets.dialogs import show_error
from ...widgets.export import export_csv, export_workbook
from ...widgets.styles import ASSUMPTION_STYLE, BOLD_STYLE, ERROR_STYLE, NOTE_STYLE, TITLE_STYLE
from ...widgets.tables import safe_copy
from . import import_problems
from .actuals_table import (
    COLUMN_NAMES,
    FIELDS,
    ITEM,
    KIND,
    KINDS,
    SOURCE,
    UNIT,
    VALUE,
    YEAR,
    ActualsDelegate,
    id_choices,
    value_problem,
    years_of,
)
from .coverage import CoverageGrid

PENDING_COLOUR = "#fff4d6"
PROBLEM_COLOUR = "#f8d9cc"


def _complete(entry: dict) -> bool:
    value, source = entry.get("value"), entry.get("source")
    return value is not None and value != "" and bool(str(source or "").strip())


class ActualsPanel(ColumnScrollArea):
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
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.import_button, self.template_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(lambda: self.remove_rows())
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.template_button.clicked.connect(lambda: self.export_template())
        # two rows of buttons: the panel is a narrow column on small screens
        for pair in (
            (self.add_button, self.remove_button),
            (self.import_button, self.template_button),
        ):
            buttons = QHBoxLayout()
            for button in pair:
                buttons.addWidget(button)
            buttons.addStretch(1)
            observed.addLayout(buttons)
        self.table = safe_copy(QTableWidget(0, 6))
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegate(ActualsDelegate(self))
        header = self.table.horizontalHeader()
        for column in (KIND, YEAR, VALUE, UNIT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # the item and the source share what is left, so that the table fits a narrow
        # panel (names are elided in the middle; tooltips have them in full)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
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
        self.coverage_title.setStyleSheet(BOLD_STYLE)
        layout.addWidget(self.coverage_title)
        self.coverage = CoverageGrid()
        layout.addWidget(self.coverage)
        layout.addStretch(1)

        document.scenarioChanged.connect(self.refresh)
        self.retranslate()

    # ------------------------------------------------------------------ text
    def retranslate(self) -> None:
        self.title.setText(tr("Mid-term review: observed values"))
        self.intro.setText(
            tr(
                "Values observed for past years, each with its source. An observed indicator value "
                "restarts the projection from that year; observed outlays replace simulated ones. "
                "Results rerun after each change."
            )
        )
        self.flags.setTitle(tr("Target flags (planner's assumption)"))
        self.on_track_label.setText(tr("On track from"))
        self.at_risk_label.setText(tr("At risk from"))
        self.observed.setTitle(tr("Observed values"))
        self.add_button.setText(tr("Add row"))
        self.remove_button.setText(tr("Remove rows"))
        self.import_button.setText(tr("Import CSV…"))
        self.template_button.setText(tr("Export CSV template…"))
        self.table.setHorizontalHeaderLabels(
            [tr("Kind"), tr("Item"), tr("Year"), tr("Value"), tr("Unit"), tr("Source")]
        )
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
        self.flags_note.setText(
            tr(
                "A target is off track below the at-risk threshold. The "
                "flags are shown in the summary and on the indicator "
                "charts."
            )
            + (f"\n{tr('Basis')}: {basis}" if basis else "")
        )
        self._fill_table()
        self.coverage.show_scenario(self.document.scenario)

    def _fill_table(self) -> None:
        scenario = self.document.scenario
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(self.draft))
        pending = QBrush(QColor(PENDING_COLOUR))
        problem = QBrush(QColor(PROBLEM_COLOUR))
        for r, entry in enumerate(self.draft):
            kind, ident = entry.get("kind"), entry.get("id")
            texts = {
                KIND: kind_name(kind),
                ITEM: item_name(scenario, kind, ident),
                YEAR: "" if entry.get("year") is None else str(entry.get("year")),
                VALUE: value_text(entry.get("value")),
                UNIT: unit_of(scenario, kind, ident),
                SOURCE: str(entry.get("source") or ""),
            }
            brush = (
                problem
                if r in self.problem_rows
                else (pending if not _complete(entry) else QBrush())
            )
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
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c == ITEM:
                    item.setToolTip(f"{text}\n{kind}: {ident}")
                elif c == SOURCE:
                    item.setToolTip(text)
        table.setUpdatesEnabled(True)
        incomplete = [r + 1 for r, e in enumerate(self.draft) if not _complete(e)]
        self.hint.setText(
            tr(
                "Rows {rows}: enter a value and its source; the row is applied when it has both."
            ).format(rows=", ".join(map(str, incomplete)))
            if incomplete
            else tr(
                "Double-click a cell to edit it. Values are in the unit shown; money in 10k yuan."
            )
        )
        self._selection_changed()

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
        self.draft = self.draft[:row] + [entry] + self.draft[row + 1 :]
        return self.apply()

    def add_row(self, kind: str = "indicator") -> int:
        """A new row for an item and year not observed yet (applied once it has a value and
        a source). Returns its index."""
        taken = {entry_key(e) for e in self.draft}
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
            self.document.edit(("actuals",), entries, label=actuals_label(scenario, old, entries))
        except ScenarioError as exc:
            self.problem_rows = set()
            lines = []
            for problem in exc.problems:
                parts = problem.path.split(".")
                shown = problem.message_text(language())
                line = f"{problem.path or 'actuals'}: {shown}"
                if (
                    len(parts) >= 2
                    and parts[0] == "actuals"
                    and parts[1].isdigit()
                    and int(parts[1]) < len(complete)
                ):
                    row = complete[int(parts[1])]
                    self.problem_rows.add(row)
                    column = COLUMN_NAMES.get(parts[2], parts[2]) if len(parts) > 2 else ""
                    where = tr("row {n}").format(n=row + 1) + (f", {tr(column)}" if column else "")
                    message = shown
                    if parts[2:] == ["value"]:
                        message = value_problem(draft[row].get("value")) or message
                    line = f"{where}: {message} ({problem.path})"
                lines.append(line)
            message = tr("Not applied; the scenario is unchanged:") + "\n" + "\n".join(lines)
            self.error_label.setText(message)
            self.editFailed.emit(
                tr("Could not apply the change: {problem}").format(problem="; ".join(lines))
            )
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
        label = tr("{what} {old} → {new}").format(
            what=what, old=f"{100 * old:g}%", new=f"{100 * new:g}%"
        )
        try:
            self.document.edit(("flag_thresholds", key), new, label=label)
        except ScenarioError as exc:
            message = tr("Could not apply the change: {problem}").format(
                problem="; ".join(p.text(language()) for p in exc.problems)
            )
            self.error_label.setText(message)
            self.editFailed.emit(message)
            self.refresh(force=True)  # the spin boxes show the scenario's values again

    # ------------------------------------------------------------------ files
    def import_csv(self, path: str | Path | None = None) -> bool:
        """Merge an actuals CSV into the scenario (one undoable step). On any problem, list
        them by row and change nothing."""
        if path is None:
            start = str(self.document.path.parent) if self.document.path else str(Path.home())
            path, _ = QFileDialog.getOpenFileName(
                self,
                tr("Import observed values"),
                start,
                tr("CSV or Excel (*.csv *.xlsx);;All files (*)"),
            )
            if not path:
                return False
        path = Path(path)
        scenario = self.document.scenario
        try:
            content = read_input(path)  # refuses a file above the size limit unread
        except ScenarioError as exc:
            show_error(self, tr("Could not read the file"), exc.describe(language()))
            return False
        try:
            after, count = apply_actuals_csv(scenario, content, path.name)
        except ScenarioError as exc:
            import_problems.show_import_problems(self, path.name, exc.problems)
            return False
        if count == 0:
            self.statusMessage.emit(
                tr("{file} has no filled-in values; nothing was imported.").format(file=path.name)
            )
            return False
        self.document.edit(
            ("actuals",),
            after.actuals,
            label=tr("Import {n} observed values from {file}").format(n=count, file=path.name),
        )
        self.statusMessage.emit(
            tr("Imported {n} observed values from {file}").format(n=count, file=path.name)
        )
        return True

    def export_template(self, path: str | Path | None = None) -> bool:
        """The template as CSV (UTF-8 with BOM: Excel shows the Chinese names; the importer
        reads it back)."""
        folder = self.document.path.parent if self.document.path else Path.home()
        written = export_csv(
            self,
            template_rows(self.document.scenario),
            path,
            tr("Export CSV template"),
            folder / "actuals.csv",
        )
        if written is not None:
            self.statusMessage.emit(tr("Wrote {file}").format(file=str(written)))
        return written is not None

    def export_template_workbook(self, path: str | Path | None = None) -> bool:
        """The template as an Excel workbook (names and units beside the ids, the observed
        values filled in); the import reads it back."""
        scenario, lang = self.document.scenario, language()
        folder = self.document.path.parent if self.document.path else Path.home()
        written = export_workbook(
            self,
            lambda target: write_actuals_template(scenario, target, lang),
            path,
            tr("Export Excel template"),
            folder / "actuals.xlsx",
        )
        if written is not None:
            self.statusMessage.emit(tr("Wrote {file}").format(file=str(written)))
        return written is not None
