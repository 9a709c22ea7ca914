"""Every visible text of every window, in each language, is translated: in Chinese no
English word except proper names and symbols, in English no Chinese character outside names
from the catalogue and scenario data (tests/language_check.py). Texts walked: window titles,
menus and their actions, labels, buttons, group boxes, tab titles, table and tree headers
and cells, combo box items, placeholders and tooltips."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from simulator.present import chinese_font_available
from tests.language_check import catalogue_data, untranslated

TAG = re.compile(r"<[^>]+>")
FILE_NAME = re.compile(r"\S+\.(?:json|csv|xlsx|pdf|png|svg)\b")


def _strings(value) -> list[str]:
    """Every string in a scenario's data (planner texts: names, bases, descriptions)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _menu_texts(menu: QMenu) -> list[str]:
    texts = [menu.title()]
    for action in menu.actions():
        texts += [action.text(), action.toolTip() if action.toolTip() != action.text() else ""]
        if action.menu() is not None:
            texts += _menu_texts(action.menu())
    return texts


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),):
        texts += [str(model.headerData(i, orientation) or "") for i in range(count)]
    rows = min(model.rowCount(), 60)

    def walk(parent, depth):
        for r in range(model.rowCount(parent) if depth else rows):
            for c in range(model.columnCount(parent)):
                index = model.index(r, c, parent)
                texts.append(str(model.data(index) or ""))
                texts.append(str(model.data(index, Qt.ItemDataRole.ToolTipRole) or ""))
                if depth < 2 and c == 0 and model.rowCount(index) > 0:
                    walk(index, depth + 1)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex(), 0)
    return texts


def visible_texts(top: QWidget) -> list[str]:
    texts = [top.windowTitle()]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            if action.menu() is not None:
                texts += _menu_texts(action.menu())
    for widget in [top, *top.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel):
            texts.append(TAG.sub(" ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                texts += [widget.tabText(i), widget.tabToolTip(i)]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QAbstractItemView):
            texts += _model_texts(widget)
    return [FILE_NAME.sub(" ", t) for t in texts if t and t.strip()]


def _check(top: QWidget, language: str, scenario, where: str) -> None:
    data = catalogue_data(scenario.catalogue, language, scenario, both=True)
    data += _strings(scenario.data)
    found = untranslated(visible_texts(top), language, data)
    assert not found, f"{where} ({language}): {found}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_window_and_tab_shows_only_its_language(make_window, small_scenario, language):
    if language == "zh" and not chinese_font_available():
        pytest.skip("no CJK font")
    window = make_window(small_scenario, language=language)
    scenario = window.document.scenario
    for tab in range(window.editor_tabs.count()):
        window.editor_tabs.setCurrentIndex(tab)
        _check(window, language, scenario, f"main window, editor tab {tab}")
    for tab in range(window.charts.count()):
        window.charts.setCurrentIndex(tab)
    _check(window, language, scenario, "main window, charts")
    decision = window.decision.open(0)
    for tab in range(decision.tabs.count()):
        decision.tabs.setCurrentIndex(tab)
        _check(decision, language, scenario, f"decision window, tab {tab}")
    decision.close()
    compare = window.review.open_compare()
    _check(compare, language, scenario, "compare window")
    compare.close()
