"""Autosave to a recovery file, and restoring it after a crash.

The recovery file holds the scenario (canonical JSON) with the path of the file it belongs
to. It is written atomically every ~30 s while there are unsaved changes, and removed on a
clean save or exit; if it is still there at the next start, qdplan offers to restore it.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from simulator.model import Problem, ScenarioError, atomic_write, scenario_from_dict

FORMAT = "qdplan-recovery"
VERSION = 1


def default_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".qdplan") / "recovery.json"


def write(path: Path, scenario, source: Path | None) -> None:
    """Write the recovery file atomically (raises ScenarioSaveError)."""
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
            [Problem("", f"cannot read the recovery file: {exc}")], str(path)
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ScenarioError([Problem("format", "not a qdplan recovery file")], str(path))
    scenario = scenario_from_dict(raw.get("scenario"))
    source = raw.get("source")
    return scenario, (Path(source) if source else None), str(raw.get("saved_at", ""))


def remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # gone already, or not ours to remove
        path.unlink()


def set_aside(path: Path) -> None:
    """Keep an unreadable recovery file for inspection, out of the way of the next start."""
    try:
        path.replace(path.with_suffix(".broken.json"))
    except OSError:
        remove(path)
