"""The detail panel for what is selected in the catalogue tree.

For a subsidy line: what the plan fixes (cap or rate, form, clause, read-only and labelled as
such), then the planner's assumptions: awards (or amounts) per year with a slider and a spin
box each, their spread, the award size as a share of the cap (or the eligible cost), the
disbursement profile and, for re-recognition, the renewal rate.
For a measure: its departments, its lines, and a button to attach an own budget line.

Edits go through ``ScenarioDocument.edit`` (undoable). Slider moves are coalesced with a
0-ms timer so only the latest value is computed; a drag is one undo step.
"""

from __future__ import annotations

import contextlib
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from simulator.model import (
    MAX_AMOUNT_WAN,
    MAX_AWARDS_PER_YEAR,
    YEARS,
    ScenarioError,
    add_own_line,
    own_line_entry,
    remove_own_line,
    uptake_years,
)

from ...core.labels import (
    department_name,
    form_name,
    format_number,
    line_name,
    measure_name,
    uptake_unit,
)
from ...i18n import language, pick, tr
from ...widgets.basic import (
    ColumnScrollArea,
    bold_label,
    nice_ceiling,
    nice_step,
    small_label,
    spin,
    wrap_label,
)
from ...widgets.line_parts import OutlayTable, OwnLineDialog, UptakeRow, profile_text
from ...widgets.styles import ASSUMPTION_STYLE, ERROR_STYLE, NOTE_STYLE
from . import rule_parts
from .item_pages import fixed_group, header, measure_page, new_page, section_page


class LineEditor(ColumnScrollArea):
    """Detail and assumptions of the selected catalogue item."""

    editFailed = Signal(str)
    lineSelected = Signal(str)  # a line chosen from a measure's list
    dragStarted = Signal()  # a slider is held: charts may skip relayout while it moves
    dragEnded = Signal()

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.results = None
        self.stack = QStackedWidget()
        self.setWidget(self.stack)
        self.placeholder = wrap_label("", style=NOTE_STYLE)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)
        self.page: QWidget | None = None
        self.outlay: OutlayTable | None = None  # on a line's page
        self.selection: tuple[str, object] | None = None
        self.rows: dict[tuple, object] = {}  # path -> UptakeRow or spin box
        self.derived_labels: dict[int, QLabel] = {}
        self._pending: dict[tuple, tuple[float, bool]] = {}
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self.dragging = False  # while a slider is held, only the charts and table follow
        self.dragStarted.connect(lambda: setattr(self, "dragging", True))
        self.dragEnded.connect(self._drag_ended)
        self._burst_timer = QTimer(self)  # ends a burst of keyboard steps on a slider
        self._burst_timer.setSingleShot(True)
        self._burst_timer.setInterval(400)
        self._burst_timer.timeout.connect(self.dragEnded)
        document.scenarioChanged.connect(self.refresh_values)
        self.retranslate()

    # ------------------------------------------------------------------ selection
    def retranslate(self) -> None:
        self.placeholder.setText(
            tr("Select a subsidy line in the catalogue to edit its assumptions.")
        )
        if self.selection is not None:
            self.show_item(*self.selection)

    def show_item(self, kind: str, key) -> None:
        self.flush()
        self.selection = (kind, key)
        catalogue = self.document.scenario.catalogue
        if kind == "line" and catalogue.has_line(key):
            page = self._line_page(catalogue.line(key))
        elif kind == "measure":
            page = measure_page(
                catalogue, catalogue.measure(int(key)), self.lineSelected.emit, self.add_own_line
            )
            rule_parts.add_department_shares(self, page, catalogue.measure(int(key)))
        elif kind == "section":
            page = section_page(catalogue, catalogue.section(key))
        else:
            self.selection = None
            page = None
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
        self.page = page
        if page is not None:
            self.stack.addWidget(page)
            self.stack.setCurrentWidget(page)
        else:
            self.stack.setCurrentWidget(self.placeholder)
        self.updateGeometry()  # the panel is never narrower than the page can be

    @property
    def line_id(self) -> str | None:
        return self.selection[1] if self.selection and self.selection[0] == "line" else None

    # ------------------------------------------------------------------ pages
    def _line_page(self, line) -> QWidget:
        scenario = self.document.scenario
        catalogue = scenario.catalogue
        measure = catalogue.measure(line.measure)
        lang = language()
        page, layout = new_page()
        other = line.name_en if lang == "zh" else line.name_zh
        header(layout, line_name(line), other)
        departments = (
            "、".join(department_name(catalogue, d) for d in measure.departments)
            if lang == "zh"
            else "; ".join(department_name(catalogue, d) for d in measure.departments)
        )
        if line.own:
            group = fixed_group(
                [
                    (tr("Measure"), measure_name(measure)),
                    (tr("Responsible departments"), departments),
                ],
                tr("Own budget line (not from the plan)"),
            )
        else:
            group = fixed_group(
                [
                    (tr("Measure"), measure_name(measure)),
                    (tr("Responsible departments"), departments),
                    (tr("Money rule (cap or rate)"), line.rule_text(lang)),
                    (tr("Form"), form_name(line.form)),
                    (
                        tr("Clause"),
                        f"「{line.clause.quote}」 ("
                        + tr("Measure {n}").format(n=line.measure)
                        + ")",
                    ),
                ],
                tr("These values come from the plan and cannot be changed here."),
            )
        layout.addWidget(group)
        layout.addWidget(self._assumptions_group(line))
        self.outlay = OutlayTable()
        layout.addWidget(self.outlay)
        self._update_outlay()
        if line.own:
            remove = QPushButton(tr("Remove own budget line"))
            remove.clicked.connect(lambda: self.remove_own_line(line.id))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(remove)
            layout.addLayout(row)
        self.error_label = wrap_label("", style=ERROR_STYLE)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        return page

    def _path_prefix(self, line) -> tuple:
        if not line.own:
            return ("lines", line.id)
        ids = [e["id"] for e in self.document.scenario.get(("own_lines",))]
        return ("own_lines", ids.index(line.id))

    def _assumptions_group(self, line) -> QGroupBox:
        scenario = self.document.scenario
        a = scenario.line_assumptions(line.id)
        prefix = self._path_prefix(line)
        self.rows = {}
        self.derived_labels = {}
        group = QGroupBox(tr("Assumptions (planner's, editable)"))
        group.setStyleSheet(ASSUMPTION_STYLE)
        outer = QVBoxLayout(group)
        basis = a.get("basis") or ""
        if basis:
            outer.addWidget(
                wrap_label(f"{tr('Basis')}: {basis}", selectable=True, style=NOTE_STYLE)
            )
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        counts = line.counts_awards
        unit = uptake_unit(line)
        planned = uptake_years(line) if not line.own else YEARS
        values = [a["uptake"][str(y)] for y in planned]
        hard_max = MAX_AWARDS_PER_YEAR if counts else MAX_AMOUNT_WAN
        maximum = nice_ceiling(max(3 * max(values, default=0.0), 1.0 if counts else 100.0))
        step = nice_step(maximum / 400)
        if counts:
            step = max(step, 0.01)
        header = tr("Awards ({unit})") if counts else tr("Amount ({unit})")
        for column, text in enumerate(
            (tr("Year"), header.format(unit=unit), "", tr("Spread (CV)"))
        ):
            if text:
                grid.addWidget(bold_label(text), 0, column, 1, 2 if column == 1 else 1)
        share_kind = (
            "cost"
            if line.form == "share_of_cost"
            else (
                "award_share"
                if counts and not line.own and line.form != "indicator_based"
                else None
            )
        )
        if share_kind == "award_share":
            grid.addWidget(bold_label(tr("Award size, share of cap")), 0, 4, 1, 2)
            grid.addWidget(small_label(tr("mean")), 1, 4)
            grid.addWidget(small_label(tr("sd")), 1, 5)
        elif share_kind == "cost":
            grid.addWidget(bold_label(tr("Eligible cost per recipient")), 0, 4, 1, 2)
            grid.addWidget(
                small_label(tr("mean ({unit})").format(unit=pick(None, "万元", "10k yuan"))), 1, 4
            )
            grid.addWidget(small_label(tr("CV")), 1, 5)
        for r, year in enumerate(YEARS, start=2):
            key = str(year)
            grid.addWidget(QLabel(key), r, 0)
            if year in planned:
                row = UptakeRow(
                    self, prefix + ("uptake", key), a["uptake"][key], maximum, step, hard_max
                )
                grid.addWidget(row.slider, r, 1)
                grid.addWidget(row.spin, r, 2)
                self.rows[prefix + ("uptake", key)] = row
                cv = spin(0.0, 10.0, 0.05, 2, chars=4)
                cv.setValue(a["uptake_cv"][key])
                self._bind(cv, prefix + ("uptake_cv", key))
                grid.addWidget(cv, r, 3)
            else:
                derived = wrap_label("", style=NOTE_STYLE)
                self.derived_labels[year] = derived
                grid.addWidget(derived, r, 1, 1, 3)
            if share_kind == "award_share":
                mean = spin(0.01, 1.0, 0.05, 2, chars=4)
                mean.setValue(a["award_share"][key]["mean"])
                self._bind(mean, prefix + ("award_share", key, "mean"))
                sd = spin(0.0, 0.5, 0.05, 2, chars=4)
                sd.setValue(a["award_share"][key]["sd"])
                self._bind(sd, prefix + ("award_share", key, "sd"))
                grid.addWidget(mean, r, 4)
                grid.addWidget(sd, r, 5)
            elif share_kind == "cost":
                mean = spin(0.1, MAX_AMOUNT_WAN, 1.0, 1, chars=6)
                mean.setValue(a["cost"][key]["mean_wan"])
                self._bind(mean, prefix + ("cost", key, "mean_wan"))
                cv = spin(0.0, 10.0, 0.05, 2, chars=4)
                cv.setValue(a["cost"][key]["cv"])
                self._bind(cv, prefix + ("cost", key, "cv"))
                grid.addWidget(mean, r, 4)
                grid.addWidget(cv, r, 5)
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        self._update_derived()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.disbursement_edit = QLineEdit(profile_text(a["disbursement"]))
        self.disbursement_edit.setMinimumWidth(160)
        self.disbursement_edit.setPlaceholderText(tr("e.g. 40 / 30 / 30"))
        self.disbursement_edit.editingFinished.connect(
            lambda: self._apply_profile(prefix + ("disbursement",))
        )
        form.addRow(tr("Disbursement profile (% per year after the award)"), self.disbursement_edit)
        if line.form == "re_recognition":
            renewal = spin(0.0, 100.0, 5.0, 1, suffix=" %", chars=5)
            renewal.setValue(100 * a["renewal_rate"])
            path = prefix + ("renewal_rate",)
            renewal.valueChanged.connect(lambda v, p=path: self.queue_edit(p, round(v / 100, 6)))
            self.rows[path] = ("percent", renewal)
            form.addRow(tr("Renewal rate"), renewal)
            rule_parts.add_cohorts(self, form, a, prefix)
        if line.form == "share_of_cost" and line.rate is not None:
            rule_parts.add_rate(self, form, line, a, prefix)
        if line.form == "indicator_based":
            rule_parts.add_award_rule(self, form, line, a, prefix)
        if line.form == "amount_not_stated":
            outer.addWidget(
                wrap_label(
                    tr(
                        "The plan promises support here without an amount: "
                        "fund it with your own yearly figures (0 = not funded)."
                    ),
                    style=NOTE_STYLE,
                )
            )
        outer.addLayout(form)
        return group

    def _update_outlay(self) -> None:
        table = self.outlay
        if table is None or self.results is None or self.line_id is None or self.dragging:
            return
        table.show_line(self.results, self.line_id)

    def burst(self) -> None:
        """Slider steps without the mouse count as one live move until they pause."""
        if not self.dragging:
            self.dragStarted.emit()
        self._burst_timer.start()

    def _drag_ended(self) -> None:
        self._burst_timer.stop()
        self.dragging = False
        self._update_derived()
        self._update_outlay()

    def _bind(self, box, path: tuple) -> None:
        box.valueChanged.connect(lambda v, p=path: self.queue_edit(p, v))
        self.rows[path] = box

    # ------------------------------------------------------------------ editing
    def queue_edit(self, path: tuple, value, open_: bool = False) -> None:
        """Remember the latest value of a setting; apply it on the next event-loop turn."""
        self._pending[path] = (value, open_)
        self._flush_timer.start()

    def flush(self) -> None:
        """Apply queued edits now (each one undoable)."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, {}
        for path, (value, open_) in pending.items():
            try:
                self.document.edit(path, value, open_=open_)
            except ScenarioError as exc:
                message = "; ".join(p.message_text(language()) for p in exc.problems)
                self._show_error(
                    tr("Could not apply the change: {problem}").format(problem=message)
                )
                self.refresh_values()
            else:
                self._show_error("")

    def _apply_profile(self, path: tuple) -> None:
        text = self.disbursement_edit.text()
        numbers = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)]
        if not numbers or abs(sum(numbers) - 100.0) > 0.01:
            self._show_error(tr("The percentages must add up to 100."))
            return
        fractions = [round(x / 100.0, 8) for x in numbers]
        fractions[-1] = round(1.0 - sum(fractions[:-1]), 8)
        self.queue_edit(path, fractions)
        self.flush()

    def _show_error(self, message: str) -> None:
        label = getattr(self, "error_label", None)
        try:
            if label is not None:
                label.setText(message)
        except RuntimeError:  # the page was replaced
            pass
        if message:
            self.editFailed.emit(message)

    def add_own_line(self, measure_number: int) -> str | None:
        scenario = self.document.scenario
        catalogue = scenario.catalogue
        measure = catalogue.measure(measure_number)
        dialog = OwnLineDialog(catalogue, measure, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        entry = own_line_entry(scenario, measure_number, dialog.values())
        name = pick(None, entry["name_zh"], entry["name_en"])
        try:
            self.document.replace_scenario(
                add_own_line(scenario, entry), tr("Add {line}").format(line=name)
            )
        except ScenarioError as exc:
            self._show_error(
                tr("Could not apply the change: {problem}").format(problem=exc.describe(language()))
            )
            return None
        self.lineSelected.emit(entry["id"])
        return entry["id"]

    def remove_own_line(self, line_id: str) -> None:
        scenario = self.document.scenario
        line = scenario.catalogue.line(line_id)
        self.document.replace_scenario(
            remove_own_line(scenario, line_id), tr("Remove {line}").format(line=line_name(line))
        )

    # ------------------------------------------------------------------ syncing
    def refresh_values(self) -> None:
        """Show the document's values (after undo, redo, open, or a rejected edit)."""
        if self.selection is None:
            return
        kind, key = self.selection
        catalogue = self.document.scenario.catalogue
        if kind == "line" and not catalogue.has_line(key):
            self.show_item("none", None)
            return
        if kind != "line":
            if kind == "measure":
                self.show_item(kind, key)  # its list of lines may have changed
            return
        line = catalogue.line(key)
        a = self.document.scenario.line_assumptions(key)
        prefix = self._path_prefix(line)
        known = {path[len(prefix) :] for path in self.rows}
        expected = {("uptake", str(y)) for y in (uptake_years(line) if not line.own else YEARS)}
        if not expected <= known:
            self.show_item(kind, key)  # own line moved in the list, or the page is stale
            return
        for path, widget in self.rows.items():
            if path in self._pending:
                continue
            value = self.document.scenario.get(path)
            if isinstance(widget, UptakeRow):
                widget.set_value(value)
            elif isinstance(widget, tuple):  # percent spin box
                box = widget[1]
                box.blockSignals(True)
                box.setValue(100 * value)
                box.blockSignals(False)
            else:
                widget.blockSignals(True)
                widget.setValue(value)
                widget.blockSignals(False)
        with contextlib.suppress(RuntimeError):
            self.disbursement_edit.setText(profile_text(a["disbursement"]))

    def set_results(self, results) -> None:
        self.results = results
        self._update_derived()
        self._update_outlay()

    def _update_derived(self) -> None:
        if not self.derived_labels or self.line_id is None:
            return
        line = self.document.scenario.catalogue.line(self.line_id)
        awards = self.results.awards_mean.get(line.id) if self.results is not None else None
        for year, label in self.derived_labels.items():
            first_year = year - (line.lag_years or 0)
            value = (
                format_number(round(float(awards[YEARS.index(year)])))
                if awards is not None
                else "…"
            )
            with contextlib.suppress(RuntimeError):
                label.setText(
                    tr("derived")
                    + ": "
                    + tr("≈ {value} (renewals of {year} certificates)").format(
                        value=value, year=first_year
                    )
                )
