"""The plan's catalogue as a tree: section → measure → subsidy line, with a filter box.

Measures without a money rule are listed too (greyed rule column), so a planner sees all 28
measures and can attach an own budget line to any of them. Names too long for the column are
elided in the middle, lines so that no two read the same (``elide.distinct_elided``); the
tooltip has the full name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.labels import form_name, line_name, lines_count, measure_name, section_name
from ..i18n import language, tr
from .elide import DistinctElideDelegate
from .tables import safe_copy

KIND_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: The money-rule column: at most this wide, and at most this share of the tree's width.
RULE_WIDTH = 112
RULE_SHARE = 0.36
#: Below this width (pixels) the tree shows the names only.
RULE_MIN_ROOM = 290


class CatalogueTree(QWidget):
    """Emits ``selected(kind, key)``: ('section', id), ('measure', number), ('line', id)."""

    selected = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter_box = QLineEdit(self)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.apply_filter)
        self.tree = safe_copy(QTreeWidget(self))
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, RULE_WIDTH)  # long rules are elided; tooltips have them in full
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.delegate = DistinctElideDelegate(
            self.tree, self.line_names, lambda index: index.data(KIND_ROLE) == "line"
        )
        self.tree.setItemDelegate(self.delegate)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.tree)
        self.catalogue = None
        self._items: dict[tuple[str, object], QTreeWidgetItem] = {}
        self.retranslate()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        tree = self.tree  # its viewport is resized later when the tree is not shown yet
        room = self.width() - tree.verticalScrollBar().sizeHint().width() - 2 * tree.frameWidth()
        # a narrow tree shows names only: the rule is in the tooltip and the editor
        tree.setColumnHidden(1, room < RULE_MIN_ROOM)
        tree.header().resizeSection(1, min(RULE_WIDTH, round(RULE_SHARE * room)))

    def line_names(self) -> list[str]:
        """The names of all lines as the tree shows them (in the current language)."""
        return [item.text(0) for key, item in self._items.items() if key[0] == "line"]

    def displayed_text(self, kind: str, key) -> str:
        """The text an item's name is drawn with at the tree's current width."""
        item = self._items[(kind, key)]
        return self.delegate.displayed_text(self.tree.indexFromItem(item, 0))

    def retranslate(self) -> None:
        self.filter_box.setPlaceholderText(tr("Filter measures and lines…"))
        self.tree.setHeaderLabels([tr("Item"), tr("Money rule")])
        if self.catalogue is not None:
            self.set_catalogue(self.catalogue)

    # ------------------------------------------------------------------ content
    def set_catalogue(self, catalogue) -> None:
        """(Re)build the tree, keeping the selection and expanded measures."""
        current = self.current()
        expanded = {key for key, item in self._items.items() if item.isExpanded()}
        first_build = not self._items
        scroll = self.tree.verticalScrollBar().value()
        self.catalogue = catalogue
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        self.delegate.forget()
        grey = QBrush(QColor("#888888"))
        for section in catalogue.sections:
            s_item = QTreeWidgetItem([section_name(section), ""])
            s_item.setData(0, KIND_ROLE, "section")
            s_item.setData(0, KEY_ROLE, section.id)
            s_item.setToolTip(0, section_name(section))
            self.tree.addTopLevelItem(s_item)
            self._items[("section", section.id)] = s_item
            for measure in (m for m in catalogue.measures if m.section == section.id):
                lines = catalogue.lines_of_measure(measure.number)
                rule = lines_count(len(lines))
                m_item = QTreeWidgetItem([measure_name(measure), rule])
                m_item.setData(0, KIND_ROLE, "measure")
                m_item.setData(0, KEY_ROLE, measure.number)
                m_item.setToolTip(0, measure_name(measure))
                m_item.setToolTip(1, rule)
                if not lines:
                    m_item.setForeground(1, grey)
                s_item.addChild(m_item)
                self._items[("measure", measure.number)] = m_item
                for line in lines:
                    text = line_name(line)
                    rule = (
                        line.rule_text(language()) if not line.own else tr("planner's own figure")
                    )
                    l_item = QTreeWidgetItem([text, rule])
                    l_item.setData(0, KIND_ROLE, "line")
                    l_item.setData(0, KEY_ROLE, line.id)
                    tip = f"{text}\n{rule} · {form_name(line.form)}"
                    if line.clause.quote:
                        tip += f"\n{tr('Clause')}: 「{line.clause.quote}」"
                    else:
                        tip += f"\n{tr('Own budget line (not from the plan)')}"
                    for column in (0, 1):
                        l_item.setToolTip(column, tip)
                    if line.own:
                        font = l_item.font(0)
                        font.setItalic(True)
                        l_item.setFont(0, font)
                    m_item.addChild(l_item)
                    self._items[("line", line.id)] = l_item
        for key, item in self._items.items():
            if (
                key[0] == "section"
                or key in expanded
                or (first_build and key[0] == "measure" and item.childCount() > 0)
            ):
                item.setExpanded(True)
        self.tree.blockSignals(False)
        self.apply_filter(self.filter_box.text())
        if current is not None and current in self._items:
            self.select(*current, emit=False)
        self.tree.verticalScrollBar().setValue(scroll)

    def current(self) -> tuple[str, object] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return item.data(0, KIND_ROLE), item.data(0, KEY_ROLE)

    def select(self, kind: str, key, emit: bool = True) -> bool:
        item = self._items.get((kind, key))
        if item is None:
            return False
        if not emit:
            self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)
        if emit:
            self.tree.scrollToItem(item)
        else:
            self.tree.blockSignals(False)
        return True

    def _current_changed(self, item, _previous) -> None:
        if item is not None:
            self.selected.emit(item.data(0, KIND_ROLE), item.data(0, KEY_ROLE))

    # ------------------------------------------------------------------ filter
    def apply_filter(self, text: str) -> None:
        """Show lines and measures whose names (Chinese or English), id or number contain the
        text, with their parents; a matching measure shows all its lines."""
        needle = text.strip().lower()
        catalogue = self.catalogue
        if catalogue is None:
            return
        for section in catalogue.sections:
            s_item = self._items[("section", section.id)]
            s_match = not needle or needle in f"{section.title_zh} {section.title_en}".lower()
            any_visible = False
            for i in range(s_item.childCount()):
                m_item = s_item.child(i)
                measure = catalogue.measure(m_item.data(0, KEY_ROLE))
                m_text = f"{measure.number}. {measure.title_zh} {measure.title_en}".lower()
                m_match = s_match or needle in m_text or needle == str(measure.number)
                m_visible = m_match
                for j in range(m_item.childCount()):
                    l_item = m_item.child(j)
                    line = catalogue.line(l_item.data(0, KEY_ROLE))
                    l_text = f"{line.id} {line.name_zh} {line.name_en}".lower()
                    l_visible = m_match or needle in l_text
                    l_item.setHidden(not l_visible)
                    m_visible = m_visible or l_visible
                    if needle and l_visible and not m_match:
                        m_item.setExpanded(True)
                m_item.setHidden(not m_visible)
                any_visible = any_visible or m_visible
            s_item.setHidden(not any_visible)
