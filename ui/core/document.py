"""The open scenario: one observable object between the model and the widgets.

Widgets never change a scenario themselves: they call ``ScenarioDocument.edit``, which
validates the change through the model (``Scenario.replace``), or ``replace_scenario`` with
a scenario a model function made (an own line added, a goal-seek point applied); either
pushes an undoable command with a readable label. Every change of the current scenario —
edit, undo, redo, open, new — is announced by ``scenarioChanged``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from simulator import Scenario

from ..i18n import tr
from .labels import edit_label, shipped_label

#: Edits of the same setting merge into one undo step while ``open`` (e.g. a slider drag).
MERGE_ID = 0x5C3


class SetValueCommand(QUndoCommand):
    """Set one value of the scenario (``path`` as ``Scenario.replace`` takes it)."""

    def __init__(
        self,
        document: ScenarioDocument,
        path: tuple,
        old_value: Any,
        new_value: Any,
        before: Scenario,
        after: Scenario,
        open_: bool = False,
        label: str | None = None,
    ):
        super().__init__()
        self.document = document
        self.path = tuple(path)
        self.old_value = old_value
        self.new_value = new_value
        self.before = before
        self.after = after
        self.open = open_
        self.setText(label or edit_label(before, self.path, old_value, new_value))

    def id(self) -> int:
        return MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetValueCommand) and self.open and other.path == self.path):
            return False
        self.new_value = other.new_value
        self.after = other.after
        self.open = other.open
        self.setText(edit_label(self.before, self.path, self.old_value, self.new_value))
        if self.new_value == self.old_value:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.document._set(self.after, (self.before, self.path))

    def undo(self) -> None:
        self.document._set(self.before, (self.after, self.path))


class ReplaceCommand(QUndoCommand):
    """Replace the whole scenario (adding or removing an own budget line)."""

    def __init__(self, document: ScenarioDocument, before: Scenario, after: Scenario, label: str):
        super().__init__(label)
        self.document = document
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.document._set(self.after)

    def undo(self) -> None:
        self.document._set(self.before)


class ScenarioDocument(QObject):
    """The current scenario, its file and its undo history."""

    scenarioChanged = Signal()
    fileChanged = Signal()
    modifiedChanged = Signal(bool)

    def __init__(
        self,
        scenario: Scenario,
        path: str | Path | None = None,
        parent=None,
        origin: str | Path | None = None,
    ):
        super().__init__(parent)
        self._scenario = scenario
        self._path = Path(path) if path else None
        #: The shipped file the scenario was read from, when it has no file of its own
        #: (the baseline the app starts with): named in titles, never written to.
        self._origin = Path(origin) if origin else None
        self._restored = False  # loaded from a recovery file: unsaved until saved
        #: (previous scenario, path) of the last single-value change: lets the controller
        #: skip comparing whole scenarios to find what changed.
        self.last_change: tuple | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(
            lambda _clean: self.modifiedChanged.emit(self.modified)
        )

    # ------------------------------------------------------------------ state
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return self._restored or not self.undo_stack.isClean()

    @property
    def origin(self) -> Path | None:
        return self._origin

    def display_name(self) -> str:
        """The scenario as titles and prompts name it: its file's name; else its name and
        the shipped file it came from; else its name (or "Untitled" when it has none)."""
        if self._path:
            return self._path.name
        name = self._scenario.name.strip()
        if self._origin:
            return tr("{name} · {file}").format(
                name=name or self._origin.stem, file=shipped_label(self._origin)
            )
        return name or tr("Untitled")

    def file_label(self) -> str:
        """Where the scenario is kept: its file, the shipped file it came from, or
        "(not saved)"."""
        if self._path:
            return str(self._path)
        if self._origin:
            return shipped_label(self._origin)
        return tr("(not saved)")

    def file_stem(self) -> str:
        """A stem for file names made from the scenario (the briefing, Save As)."""
        if self._path:
            return self._path.stem
        return self._origin.stem if self._origin else tr("Untitled")

    # ------------------------------------------------------------------ editing
    def edit(
        self, path: tuple, value: Any, open_: bool = False, label: str | None = None
    ) -> Scenario:
        """Change one setting (undoable). Raises ScenarioError if the value is invalid; the
        scenario is then unchanged. ``open_`` lets following edits of the same setting merge
        into this undo step (while a slider is being dragged); ``label`` replaces the
        generated undo label (e.g. "Import 12 observed values from actuals.csv")."""
        before = self._scenario
        old = before.get(path)
        if old == value:
            return before
        after = before.replace(path, value)
        self.undo_stack.push(SetValueCommand(self, path, old, value, before, after, open_, label))
        return self._scenario

    def close_merge(self) -> None:
        """End a drag: the next edit of the same setting starts a new undo step."""
        index = self.undo_stack.index()
        if index > 0:
            command = self.undo_stack.command(index - 1)
            if isinstance(command, SetValueCommand):
                command.open = False

    def replace_scenario(self, after: Scenario, label: str) -> Scenario:
        """Replace the whole scenario by ``after``, made by a model function (undoable)."""
        self.undo_stack.push(ReplaceCommand(self, self._scenario, after, label))
        return self._scenario

    def _set(self, scenario: Scenario, change: tuple | None = None) -> None:
        self._scenario = scenario
        self.last_change = change
        self.scenarioChanged.emit()

    # ------------------------------------------------------------------ files
    def reset(
        self,
        scenario: Scenario,
        path: str | Path | None,
        restored: bool = False,
        origin: str | Path | None = None,
    ) -> None:
        """Start over with another scenario (New, Open, restore): clears the history.
        ``origin``: the shipped file it was read from, when ``path`` is None."""
        self._scenario = scenario
        self._path = Path(path) if path else None
        self._origin = Path(origin) if origin else None
        self._restored = restored
        self.last_change = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.fileChanged.emit()
        self.modifiedChanged.emit(self.modified)
        self.scenarioChanged.emit()

    def mark_saved(self, path: str | Path) -> None:
        self._path = Path(path)
        self._restored = False
        self.undo_stack.setClean()
        self.fileChanged.emit()
        self.modifiedChanged.emit(self.modified)
