"""The table of observed values in the actuals tab: its columns, what each cell may hold
(kinds, the items of a kind, the years of a kind) and the delegate that edits a cell with a
combo box or a line of text. Edits go to the panel's draft, never straight into the table."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from simulator.model import INDICATOR_YEARS, YEARS, NumberError, parse_number

from ...core.labels import indicator_name, line_name, measure_name
from ...i18n import language, tr

KINDS = ("indicator", "line", "measure")
FIELDS = ("kind", "id", "year", "value", "source")
KIND, ITEM, YEAR, VALUE, UNIT, SOURCE = range(6)
COLUMN_FIELDS = {KIND: "kind", ITEM: "id", YEAR: "year", VALUE: "value", SOURCE: "source"}
COLUMN_NAMES = {"kind": "Kind", "id": "Item", "year": "Year", "value": "Value", "source": "Source"}


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
        return [
            (str(m.number), measure_name(m))
            for m in catalogue.measures
            if catalogue.lines_of_measure(m.number)
        ]
    return []


def typed_value(text: str):
    """A value typed into the table: None when empty, else as ``simulator.model``'s
    ``parse_number`` reads it (the actuals CSV reader's rules). Text it refuses is kept as
    typed, for the panel to show why (``value_problem``) and the planner to correct."""
    if not text.strip():
        return None
    try:
        return parse_number(text)
    except NumberError:
        return text


def value_problem(value) -> str | None:
    """Why a value kept as typed text is not a number (``parse_number``'s reason), or None."""
    if not isinstance(value, str):
        return None
    try:
        parse_number(value)
    except NumberError as exc:
        return exc.text(language())
    return None


class ActualsDelegate(QStyledItemDelegate):
    """Combo boxes for kind, item and year (only valid choices), text for value and source.
    Edits go to the panel's draft, never straight into the table."""

    def __init__(self, panel):
        super().__init__(panel.table)
        self.panel = panel

    def createEditor(self, parent, option, index):
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

    def setEditorData(self, editor, index):
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

    def setModelData(self, editor, model, index):
        field = COLUMN_FIELDS[index.column()]
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif field == "value":
            value = typed_value(editor.text())
        else:
            value = editor.text().strip()
        # after the editor has closed: applying may rebuild the table's rows
        QTimer.singleShot(0, lambda: self.panel.set_cell(index.row(), field, value))
