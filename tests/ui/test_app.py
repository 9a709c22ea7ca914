"""The entry point: --screenshot, bad files at start, and the error hook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot(tmp_path, small_file, restore_excepthook, qapp):
    from ui.app import main

    shot = tmp_path / "shot.png"
    code = main(
        [
            str(small_file),
            "--screenshot",
            str(shot),
            "--language",
            "en",
            "--select",
            "m05-provincial-lab",
            "--tab",
            "4",
        ]
    )
    assert code == 0
    assert shot.read_bytes().startswith(b"\x89PNG")
    from ui import i18n

    i18n.set_language("en")


def test_screenshot_of_a_bad_file_exits_2(tmp_path, capsys, restore_excepthook, qapp):
    from ui.app import main

    bad = tmp_path / "bad.json"
    data = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
    data["lines"]["m01-demo"]["uptake"]["2026"] = -3
    bad.write_text(json.dumps(data), encoding="utf-8")
    code = main([str(bad), "--screenshot", str(tmp_path / "x.png")])
    assert code == 2
    assert "lines.m01-demo.uptake.2026: must be >= 0, got -3" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_excepthook_shows_a_short_message_and_logs(tmp_path, monkeypatch, restore_excepthook, qapp):
    from ui.core.errors import install_excepthook

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: shown.append(a[2])))
    log = tmp_path / "qdplan.log"
    import logging

    handler = logging.FileHandler(log, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    try:
        install_excepthook(log)
        try:
            raise ValueError("disk on fire")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert shown and "disk on fire" in shown[0] and "Traceback" not in shown[0]
    assert "Traceback" in log.read_text(encoding="utf-8")


class _Probe(QUndoCommand):
    def redo(self):
        pass

    def undo(self):
        pass


def test_the_qt_binding_keeps_references_of_none(qapp):
    """PySide6 6.12.0 on Python 3.11 loses a reference to None on every call from C++ into
    a Python override and aborts a long session ('deallocating None'); pyproject.toml pins
    a release without the bug. This fails if a release with it is installed."""
    stack = QUndoStack()
    stack.push(_Probe())
    before = sys.getrefcount(None)
    for _ in range(200):
        stack.undo()
        stack.redo()
    assert before - sys.getrefcount(None) < 50


@pytest.mark.parametrize(
    "env,platform,expected",
    [
        ({}, "linux", True),
        ({"DISPLAY": ":99"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ""}, "linux", True),
        ({}, "freebsd14", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_no_display_is_told_apart(env, platform, expected):
    from ui.app import no_display

    assert no_display(env, platform) is expected


def test_without_a_display_one_line_suggests_xvfb_run_and_exits_2(tmp_path):
    """Not Qt's abort about its platform plugin: one line, exit 2, nothing written."""
    import subprocess

    from tests.processes import without_display
    from ui.app import NO_DISPLAY

    env = without_display()
    exe = Path(sys.executable).with_name("qdplan")
    commands = [[sys.executable, "-m", "ui"]]
    if exe.exists():
        commands.append([str(exe), "gui"])
    for n, command in enumerate(commands):
        shot = tmp_path / f"x{n}.png"
        result = subprocess.run(
            command + ["--screenshot", str(shot)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines() == [NO_DISPLAY]
        assert "xvfb-run -a qdplan gui" in NO_DISPLAY
        assert result.stdout == "" and not shot.exists()
