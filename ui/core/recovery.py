"""Autosave to recovery files, one per window, and restoring them after a crash.

Each window has its own recovery file ``<folder>/<pid>-<id>.json`` (the folder: ``recovery``
in the app's data location) and, while the file exists, holds its lock ``<pid>-<id>.lock``
(a QLockFile: the operating system lets go of it when the process ends, however it ends).
The file holds the scenario (canonical JSON) with the path of the file it belongs to; the
window writes it atomically (``simulator.model.atomic_write``) soon after each edit and
removes it, then its lock, when its changes are saved, undone or discarded and when it
closes cleanly. Nothing but its own window ever writes or removes a file whose lock is held.

At start, ``orphans(folder)`` lists the recovery files whose lock is free: their window did
not close properly (it crashed or was killed). It takes their locks, so two windows starting
together never offer the same file; each is then restored, discarded (the planner said no),
set aside or released. A recovery file that cannot be read is set aside, renamed to
``<pid>-<id>.unreadable-<time>.json`` beside it, and never deleted.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, Signal

from simulator.model import (
    Message,
    Problem,
    ScenarioError,
    ScenarioSaveError,
    atomic_write,
    os_reason,
    scenario_from_dict,
)

FORMAT = "qdplan-recovery"
VERSION = 1
#: A window's recovery file: ``<pid>-<hex id>.json``; set-aside files do not match.
FILE_NAME = re.compile(r"^[0-9]+-[0-9a-f]+\.json$")


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".qdplan") / "recovery"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by its age
    return lock


def _lock_path(path: Path) -> Path:
    return path.with_suffix(".lock")


# ---------------------------------------------------------------------------- the content
def write(path: Path, scenario, source: Path | None) -> None:
    """Write a recovery file atomically (raises ScenarioSaveError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "source": str(source) if source else None,
        "saved_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "scenario": scenario.data,
    }
    atomic_write(path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def read(path: Path):
    """(scenario, source path or None, saved_at text); raises ScenarioError when the file is
    unreadable or its scenario is invalid."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
        raise ScenarioError(
            [Problem("", "cannot read the recovery file: {reason}", reason=str(exc))], str(path)
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ScenarioError([Problem("format", "not a qdplan recovery file")], str(path))
    scenario = scenario_from_dict(raw.get("scenario"))
    source = raw.get("source")
    return scenario, (Path(source) if source else None), str(raw.get("saved_at", ""))


# ---------------------------------------------------------------------------- a window's own
class RecoveryFile(QObject):
    """A window's own recovery file and its lock, taken at the first write and held until
    ``remove``. ``written`` is emitted after each write."""

    written = Signal(str)

    def __init__(self, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = Path(folder) if folder is not None else default_folder()
        self.path = self.folder / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.json"
        self.lock_path = _lock_path(self.path)
        self._lock = _lock(self.lock_path)

    @property
    def held(self) -> bool:
        return self._lock.isLocked()

    def write(self, scenario, source: Path | None) -> None:
        """Autosave: take the lock (the first time), then write the file atomically.
        Raises ScenarioSaveError."""
        if not self._lock.isLocked():
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ScenarioSaveError(
                    Message(
                        "could not save {file}: {reason}",
                        file=str(self.path),
                        reason=os_reason(exc),
                    ),
                    exc.errno,
                ) from None
            if not self._lock.tryLock(0):
                raise ScenarioSaveError(
                    Message("could not save {file}: cannot lock it", file=str(self.path))
                )
        write(self.path, scenario, source)
        self.written.emit(str(self.path))

    def remove(self) -> None:
        """Remove the file, then let go of its lock (nothing to do when not holding it)."""
        if not self._lock.isLocked():
            return
        with contextlib.suppress(OSError):  # gone already
            self.path.unlink()
        self._lock.unlock()


# ---------------------------------------------------------------------------- after a crash
class Orphan:
    """A recovery file whose window did not close properly; its lock is held until
    ``discard``, ``set_aside`` or ``release``."""

    def __init__(self, path: Path, lock: QLockFile):
        self.path = path
        self._lock = lock

    def read(self):
        """As ``read``: (scenario, source, saved_at); ScenarioError when unreadable."""
        return read(self.path)

    def discard(self) -> None:
        """Remove the file (it was restored into a window, or the planner declined it)."""
        with contextlib.suppress(OSError):
            self.path.unlink()
        self.release()

    def set_aside(self) -> Path | None:
        """Rename an unreadable file out of the way, never deleting it; returns its new
        name, or None when it could not be renamed (it then stays, to be offered again)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
        counter = 1
        while aside.exists():
            counter += 1
            aside = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}-{counter}.json")
        try:
            self.path.rename(aside)
        except OSError:
            aside = None
        self.release()
        return aside

    def release(self) -> None:
        """Let go of the lock and leave the file for a later start."""
        if self._lock.isLocked():
            self._lock.unlock()


def orphans(folder: Path) -> list[Orphan]:
    """The recovery files in ``folder`` whose window is gone, newest first, each locked for
    the caller. Files whose lock another window holds are left alone; stale locks without
    a recovery file are cleared."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        path = folder / name
        if FILE_NAME.match(name):
            lock = _lock(_lock_path(path))
            if lock.tryLock(0):
                if path.exists():
                    found.append(Orphan(path, lock))
                else:  # removed meanwhile by its window, which then let go of the lock
                    lock.unlock()
        elif name.endswith(".lock") and not (folder / f"{name[:-5]}.json").exists():
            lock = _lock(path)
            if lock.tryLock(0):  # a window that crashed before its first autosave
                lock.unlock()

    def newest_first(orphan: Orphan) -> float:
        try:
            return -orphan.path.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=newest_first)
