"""Fixtures for the desktop app's tests: offscreen Qt (see the root conftest.py), a window on
a small baseline run, private settings and recovery paths, and no modal dialogs: every
dialog entry point fails the test unless the test patches it with an answer."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from simulator import load_scenario, save_scenario

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "baseline.json"
TEST_DRAWS = 2000

QStandardPaths.setTestModeEnabled(True)  # default QSettings and app data go to test dirs


class UnexpectedDialog(AssertionError):
    pass


def _refuse(*_args, **_kwargs):
    raise UnexpectedDialog("a modal dialog would block the test; patch it")


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(_refuse))
    for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_refuse))
    monkeypatch.setattr(QDialog, "exec", _refuse)
    monkeypatch.setattr(QMessageBox, "exec", _refuse)


@pytest.fixture
def small_scenario():
    scenario = load_scenario(BASELINE)
    return scenario.replace(("simulation", "draws"), TEST_DRAWS)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


#: A safety net only, for a test that would otherwise hang: waits end on the app's own
#: signals (a run's results, its end, the stale flag), however busy the machine is.
SAFETY_MS = 600_000


class AnyOf(QObject):
    """One signal that fires whenever any of the given signals does."""

    fired = Signal()

    def __init__(self, *signals):
        super().__init__()
        for signal in signals:
            signal.connect(lambda *_args: self.fired.emit())


def _idle(window) -> bool:
    controller = window.controller
    return window.results is not None and not controller.running and not controller.stale


def _wait_idle(qtbot, window, timeout=SAFETY_MS):
    """Wait until the results reflect the document and no run is going on: after each of
    the controller's signals, look again (Qt delivers a worker's signals only in the event
    loop, so none can be missed between the look and the wait)."""
    controller = window.controller
    changed = AnyOf(controller.resultsReady, controller.runEnded, controller.staleChanged)
    while not _idle(window):
        with qtbot.waitSignal(changed.fired, timeout=timeout):
            pass


@pytest.fixture
def wait_idle(qtbot):
    """wait_idle(window): until the results reflect the document and no run is going on."""
    return lambda window, timeout=SAFETY_MS: _wait_idle(qtbot, window, timeout)


@pytest.fixture
def make_window(qtbot, tmp_path, settings):
    from ui import i18n
    from ui.windows.main import MainWindow

    windows = []

    def make(scenario, path=None, language="en", wait=True, **options):
        i18n.set_language(language)
        options.setdefault("recovery_dir", tmp_path / "recovery")
        window = MainWindow(scenario, path, settings=settings, **options)
        # Not qtbot.addWidget: pytest-qt closes those before this fixture can mark the
        # document clean, and closing a modified window asks about unsaved changes.
        window.show()
        windows.append(window)
        if wait:
            _wait_idle(qtbot, window)
        return window

    yield make
    for window in windows:
        window.controller.shutdown()
        window.document.undo_stack.setClean()
        window.document._restored = False
        window.close()
        window.deleteLater()
    i18n.set_language("en")


@pytest.fixture
def window(make_window, small_scenario):
    return make_window(small_scenario)


@pytest.fixture
def restore_excepthook():
    """The app installs its own excepthook; put the previous one back."""
    hook = sys.excepthook
    yield
    sys.excepthook = hook


@pytest.fixture
def small_file(tmp_path):
    """The shipped baseline at 2,000 draws, saved to a file."""
    path = tmp_path / "small.json"
    scenario = load_scenario(Path(__file__).resolve().parents[2] / "scenarios" / "baseline.json")
    save_scenario(scenario.replace(("simulation", "draws"), 2000), path)
    return path
