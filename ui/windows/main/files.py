"""The main window's files: New, Open, Save, Save As, the recent files, the unsaved-changes
prompt, autosave to a recovery file with the offer to restore it after a crash, and Excel
workbooks (File ▸ Import/Export ▸ Workbook: the scenario's assumptions; Export ▸ Results to
Excel).

``FileActions`` is mixed into ``MainWindow``; it uses the window's ``document``,
``line_editor`` and ``settings``, and gives it ``recovery`` (its own recovery file, see
``ui.core.recovery``) and ``autosave_timer``: the recovery file is written at most
``AUTOSAVE_DELAY_MS`` (never more than 10 s) after an edit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from simulator import (
    ScenarioError,
    ScenarioSaveError,
    load_scenario,
    save_scenario,
    shipped_scenario_path,
)
from simulator.model import message_of, read_input, read_scenario_workbook, text_of
from simulator.present import write_results_workbook, write_scenario_workbook

from ...core import recovery
from ...i18n import language, tr
from ...widgets import dialogs
from ...widgets.export import export_workbook

log = logging.getLogger(__name__)

BASELINE = shipped_scenario_path("baseline")
MAX_RECENT = 8
#: An edit reaches the recovery file this long after it is made, at most.
AUTOSAVE_DELAY_MS = 2_000
MAX_AUTOSAVE_DELAY_MS = 10_000


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
        self.document.reset(load_baseline(), None, origin=BASELINE)
        self._forget_recovery()
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
        self._forget_recovery()
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
                else str(Path.home() / f"{self.document.file_stem()}.json")
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
            dialogs.show_error(self, tr("Could not save"), text_of(message_of(exc), language()))
            return False
        self.document.mark_saved(path)
        self._forget_recovery()
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
    def _setup_recovery(self, folder: Path | None, delay_ms: int) -> None:
        """The window's own recovery file, written ``delay_ms`` after an edit."""
        if not 0 <= delay_ms <= MAX_AUTOSAVE_DELAY_MS:
            raise ValueError(f"the autosave delay must be 0-{MAX_AUTOSAVE_DELAY_MS} ms")
        self.recovery = recovery.RecoveryFile(folder, self)
        self._autosaved = None
        self._autosave_failing = False
        #: False for windows that must leave no recovery file (screenshots).
        self.autosave_enabled = True
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(delay_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.document.scenarioChanged.connect(self._schedule_autosave)
        self.document.modifiedChanged.connect(self._schedule_autosave)

    @property
    def recovery_path(self) -> Path:
        """This window's recovery file (it exists only while there are unsaved changes)."""
        return self.recovery.path

    def _schedule_autosave(self, *_args) -> None:
        """After an edit: autosave when the timer runs out. A running timer is not restarted,
        so a stream of edits is saved at most ``delay_ms`` after the first. Without unsaved
        changes (saved, undone, New, Open) the recovery file goes."""
        if not self.autosave_enabled:
            return
        if self.document.modified:
            if not self.autosave_timer.isActive():
                self.autosave_timer.start()
        else:
            self.autosave_timer.stop()
            self._forget_recovery()

    def _forget_recovery(self) -> None:
        self.recovery.remove()
        self._autosaved = None

    def autosave(self) -> bool:
        """Write the recovery file when there are unsaved changes not yet autosaved. On
        failure, says so in the status bar and tries again after the delay."""
        self.line_editor.flush()
        scenario = self.document.scenario
        if not self.document.modified or scenario == self._autosaved:
            return False
        try:
            self.recovery.write(scenario, self.document.path)
        except (ScenarioSaveError, OSError) as exc:
            if not self._autosave_failing:
                log.warning("autosave failed: %s", exc)
            self._autosave_failing = True
            why = text_of(message_of(exc), language())
            self.statusBar().showMessage(tr("Autosave failed: {reason}").format(reason=why), 10000)
            if self.autosave_enabled:
                self.autosave_timer.start()
            return False
        self._autosave_failing = False
        self._autosaved = scenario
        return True

    def offer_recovery(self) -> bool:
        """After a crash: offer to restore the work of each window that did not close
        properly (newest first) until one is restored; True when one was. Files of running
        windows are never touched; one that cannot be read is set aside with a message; the
        ones not offered (after a restore) stay for the next start."""
        restored = False
        for orphan in recovery.orphans(self.recovery.folder):
            if restored:
                orphan.release()
                continue
            try:
                scenario, source, saved_at = orphan.read()
            except ScenarioError as exc:
                self._unreadable_recovery(orphan, exc)
                continue
            if not self._ask_restore(source, saved_at):
                orphan.discard()
                continue
            self.document.reset(scenario, source, restored=True)
            self._autosaved = None
            if self.autosave():  # this window's own file has it now
                orphan.discard()
            else:
                orphan.release()
            restored = True
        return restored

    def _ask_restore(self, source: Path | None, saved_at: str) -> bool:
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
        return answer == buttons.Yes

    def _unreadable_recovery(self, orphan, exc: ScenarioError) -> None:
        original = orphan.path
        aside = orphan.set_aside()
        if aside is not None:
            text = tr(
                "The recovery file {file} could not be read; it was kept as {aside}: {problem}"
            ).format(file=str(original), aside=str(aside), problem=exc.describe(language()))
        else:
            text = tr(
                "The recovery file {file} could not be read and was left where it is: {problem}"
            ).format(file=str(original), problem=exc.describe(language()))
        dialogs.show_error(self, tr("Restore unsaved work?"), text)

    # ------------------------------------------------------------------ Excel workbooks
    def _make_workbook_actions(self) -> None:
        """File ▸ Import ▸ Workbook…, File ▸ Export ▸ Workbook… (before Quit) and
        Export ▸ Results to Excel… (before the clipboard copy)."""
        actions = self.file_menu.actions()
        before = actions[actions.index(self.quit_action) - 1]  # the separator above Quit
        self.import_file_menu = QMenu(self)
        self.export_file_menu = QMenu(self)
        self.file_menu.insertMenu(before, self.import_file_menu)
        self.file_menu.insertMenu(before, self.export_file_menu)
        self.file_menu.insertSeparator(self.import_file_menu.menuAction())
        self.import_workbook_action = self.import_file_menu.addAction("")
        self.import_workbook_action.triggered.connect(lambda: self.import_workbook())
        self.export_workbook_action = self.export_file_menu.addAction("")
        self.export_workbook_action.triggered.connect(lambda: self.export_scenario_workbook())
        self.export_results_xlsx_action = QAction(self)
        self.export_results_xlsx_action.triggered.connect(lambda: self.export_results_workbook())
        self.export_menu.insertAction(self.copy_summary_action, self.export_results_xlsx_action)

    def _retranslate_workbook_actions(self) -> None:
        self.import_file_menu.setTitle(tr("&Import"))
        self.export_file_menu.setTitle(tr("&Export"))
        self.import_workbook_action.setText(tr("Workbook (Excel)…"))
        self.export_workbook_action.setText(tr("Workbook (Excel)…"))
        self.export_results_xlsx_action.setText(tr("Results to Excel…"))

    def import_workbook(self, path: str | Path | None = None) -> bool:
        """Take the assumptions of an (edited) workbook as the scenario, in one undoable
        step. On any problem, list them all (sheet, row, column) and change nothing."""
        self.line_editor.flush()
        if path is None:
            start = str(self.document.path.parent) if self.document.path else str(Path.home())
            path, _ = QFileDialog.getOpenFileName(
                self,
                tr("Import workbook"),
                start,
                tr("Excel workbook (*.xlsx);;All files (*)"),
            )
            if not path:
                return False
        path = Path(path)
        try:
            scenario = read_scenario_workbook(read_input(path), path.name)
        except ScenarioError as exc:
            dialogs.show_problems(self, path.name, exc.problems)
            return False
        if scenario == self.document.scenario:
            self.statusBar().showMessage(
                tr("{file} holds the scenario as it is; nothing changed.").format(file=path.name),
                5000,
            )
            return True
        self.document.replace_scenario(
            scenario, tr("Import workbook {file}").format(file=path.name)
        )
        self.statusBar().showMessage(tr("Imported {file}").format(file=path.name), 5000)
        return True

    def export_scenario_workbook(self, path: str | Path | None = None) -> bool:
        """The scenario's assumptions to an Excel workbook to edit and import back."""
        self.line_editor.flush()
        scenario, lang = self.document.scenario, language()
        stem = Path(self.document.display_name()).stem
        written = export_workbook(
            self,
            lambda target: write_scenario_workbook(scenario, target, lang),
            path,
            tr("Export workbook"),
            self.export_dir() / f"{stem}.xlsx",
        )
        if written is not None:
            self._wrote(written)
        return written is not None

    def export_results_workbook(self, path: str | Path | None = None) -> bool:
        """The results (summary, outlays by level, indicators) to an Excel workbook."""
        results, lang = self.results, language()
        if results is None:
            return False
        written = export_workbook(
            self,
            lambda target: write_results_workbook(results, target, lang),
            path,
            tr("Export results"),
            self.export_dir() / "results.xlsx",
        )
        if written is not None:
            self._wrote(written)
        return written is not None
