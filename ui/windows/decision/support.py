"""The main window's hook for decision support: the Analysis menu, and the decision-support
window, made when first opened and kept in step with the main window's scenario and
results."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ...i18n import tr
from .window import DecisionWindow

TAB_KEYS = ("sensitivity", "value", "envelope", "goal")


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
            self.window.setWindowTitle(
                tr("Decision support — {name}").format(name=self.main.document.display_name())
            )

    def retranslate(self) -> None:
        self.menu.setTitle(tr("&Analysis"))
        texts = (
            tr("Decision support: sensitivity…"),
            tr("Value for money…"),
            tr("Budget envelope…"),
            tr("Goal seek…"),
        )
        for act, text in zip(self.actions, texts):
            act.setText(text)
        if self.window is not None:
            self.window.retranslate()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.shutdown()
