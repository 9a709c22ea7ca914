"""The main window's files: New, Open, Save, Save As, the recent files, the unsaved-changes
prompt, and autosave to a recovery file with the offer to restore it after a crash.

``FileActions`` is mixed into ``MainWindow``; it uses the window's ``document``,
``line_editor``, ``settings`` and ``recovery_path``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from simulator import (
    ScenarioError,
    ScenarioSaveError,
    load_scenario,
    save_scenario,
    shipped_scenario_path,
)

from ...core import recovery
from ...i18n import tr
from ...widgets import dialogs

log = logging.getLogger(__name__)

BASELINE = shipped_scenario_path("baseline")
MAX_RECENT = 8


def load_baseline():
    return load_scenario(BASELINE)


class FileActions:
    """Opening, saving and recovering the window's scenario."""

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        self.line_editor.flush()
        if not self.document.modified:
            return True
        answer = dialogs.ask_save_changes(self, self.document.display_name())
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_file(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.reset(load_baseline(), None)
        recovery.remove(self.recovery_path)
        return True

    def open_file(self, path: str | Path | None = None) -> bool:
        """Open a scenario file; on problems show them and keep the current scenario."""
        if not self.maybe_save():
            return False
        if path is None:
            start = (
                str(self.document.path.parent)
                if self.document.path
                else str(shipped_scenario_path().parent)
            )
            path, _ = QFileDialog.getOpenFileName(
                self, tr("Open scenario"), start, tr("Scenario files (*.json);;All files (*)")
            )
            if not path:
                return False
        path = Path(path)
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            dialogs.show_problems(self, str(path), exc.problems)
            return False
        self.document.reset(scenario, path)
        recovery.remove(self.recovery_path)
        self._add_recent(path)
        self.statusBar().showMessage(tr("Opened {file}").format(file=path.name), 5000)
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        if path is None:
            start = (
                str(self.document.path)
                if self.document.path
                else str(Path.home() / f"{tr('Untitled')}.json")
            )
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Save scenario"), start, tr("Scenario files (*.json);;All files (*)")
            )
            if not path:
                return False
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".json")
        return self._write(path)

    def _write(self, path: Path) -> bool:
        self.line_editor.flush()
        try:
            save_scenario(self.document.scenario, path)
        except ScenarioSaveError as exc:
            dialogs.show_error(self, tr("Could not save"), str(exc))
            return False
        self.document.mark_saved(path)
        self._autosaved = None
        recovery.remove(self.recovery_path)
        self._add_recent(path)
        self.statusBar().showMessage(tr("Saved {file}").format(file=path.name), 5000)
        return True

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or [])]

    def _add_recent(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        files = [f for f in self.recent_files() if f != entry]
        self.settings.setValue("recentFiles", [entry] + files[: MAX_RECENT - 1])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, name in enumerate(files, start=1):
            act = self.recent_menu.addAction(f"&{i} {name}")
            act.triggered.connect(lambda _c=False, p=name: self.open_file(p))
        if not files:
            none = self.recent_menu.addAction(tr("(none)"))
            none.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(tr("Clear list"))
            clear.triggered.connect(lambda: self.settings.setValue("recentFiles", []))

    # ------------------------------------------------------------------ recovery
    def autosave(self) -> bool:
        """Write the recovery file when there are unsaved changes not yet autosaved."""
        self.line_editor.flush()
        scenario = self.document.scenario
        if not self.document.modified or scenario == self._autosaved:
            return False
        try:
            recovery.write(self.recovery_path, scenario, self.document.path)
        except (ScenarioSaveError, OSError) as exc:
            log.warning("autosave failed: %s", exc)
            return False
        self._autosaved = scenario
        return True

    def offer_recovery(self) -> bool:
        """After a crash: offer to restore the autosaved scenario. True when restored."""
        if not self.recovery_path.exists():
            return False
        try:
            scenario, source, saved_at = recovery.read(self.recovery_path)
        except ScenarioError as exc:
            recovery.set_aside(self.recovery_path)
            dialogs.show_error(
                self,
                tr("Restore unsaved work?"),
                tr("The recovery file could not be read and was set aside: {problem}").format(
                    problem=exc.describe()
                ),
            )
            return False
        name = source.name if source else tr("Untitled")
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self,
            tr("Restore unsaved work?"),
            tr(
                "qdplan did not close properly last time. Restore the unsaved changes of "
                "“{name}” (autosaved {time})?"
            ).format(name=name, time=saved_at),
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        if answer != buttons.Yes:
            recovery.remove(self.recovery_path)
            return False
        self.document.reset(scenario, source, restored=True)
        self._autosaved = scenario
        return True
