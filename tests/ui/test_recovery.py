"""Autosave and crash recovery: each window has its own recovery file under its own lock, an
edit reaches it within the autosave delay (at most 10 s), a later start offers the files of
windows that crashed (never those of running windows), and an unreadable file is set aside,
never deleted.

A crash is simulated as what it leaves behind: the recovery file, and a lock file naming a
process that no longer runs (the operating system released the lock). One test kills a real
process that holds a recovery file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.core import recovery
from ui.windows.main import files as main_files

PATH = ("lines", "m01-common-tech", "uptake", "2026")
BASELINE_VALUE = 12.0  # the shipped baseline's value at PATH
Button = QMessageBox.StandardButton


def edit(window, value):
    window.document.edit(PATH, value)
    window.process_pending()


def answer(monkeypatch, button):
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2])
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def collect_warnings(monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    return warned


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def crash(window) -> None:
    """Leave what a crash of ``window`` leaves: its recovery file, and its lock file naming a
    process that is gone. The window writes nothing after its 'crash'."""
    window.autosave_enabled = False
    window.autosave_timer.stop()
    lock_path = window.recovery.lock_path
    content = lock_path.read_bytes()
    window.recovery._lock.unlock()  # the process's end lets go of the lock ...
    _pid, rest = content.split(b"\n", 1)
    lock_path.write_bytes(f"{dead_pid()}\n".encode() + rest)  # ... and leaves its file


def value_in(path):
    scenario, _source, _saved_at = recovery.read(path)
    return scenario.get(PATH)


# ---------------------------------------------------------------------------- own files
def test_each_window_autosaves_to_its_own_file(window, make_window, small_scenario, tmp_path):
    second = make_window(small_scenario)
    edit(window, 17.0)
    edit(second, 19.0)
    assert window.autosave() and second.autosave()
    assert window.recovery_path != second.recovery_path
    assert value_in(window.recovery_path) == pytest.approx(17.0)
    assert value_in(second.recovery_path) == pytest.approx(19.0)
    first_bytes = window.recovery_path.read_bytes()

    # A third window starts: both files belong to running windows, so nothing is offered
    # (a dialog would fail the test) and nothing is touched.
    third = make_window(small_scenario)
    assert third.offer_recovery() is False
    assert window.recovery_path.read_bytes() == first_bytes
    assert value_in(second.recovery_path) == pytest.approx(19.0)

    # Saving the second window removes its own file only.
    assert second.save_as(tmp_path / "second.json")
    assert not second.recovery_path.exists()
    assert window.recovery_path.read_bytes() == first_bytes
    assert third.offer_recovery() is False


def test_a_crashed_windows_work_is_offered_at_the_next_start(
    window, make_window, small_scenario, monkeypatch
):
    running = make_window(small_scenario)
    edit(window, 17.0)
    edit(running, 19.0)
    assert window.autosave() and running.autosave()
    crashed_file = window.recovery_path
    crash(window)

    asked = answer(monkeypatch, Button.Yes)
    third = make_window(small_scenario)
    assert third.offer_recovery() is True
    assert len(asked) == 1  # the crashed window's work only, not the running window's
    assert third.document.scenario.get(PATH) == pytest.approx(17.0)
    assert third.isWindowModified()
    # the restored work is in the third window's own recovery file before the old one goes
    assert value_in(third.recovery_path) == pytest.approx(17.0)
    assert not crashed_file.exists()
    assert value_in(running.recovery_path) == pytest.approx(19.0)
    assert recovery.orphans(third.recovery.folder) == []  # nothing else left to offer


def test_declined_recovery_is_removed(window, make_window, small_scenario, monkeypatch):
    edit(window, 17.0)
    assert window.autosave()
    crashed_file = window.recovery_path
    crash(window)
    answer(monkeypatch, Button.No)
    second = make_window(small_scenario)
    assert second.offer_recovery() is False
    assert not crashed_file.exists()
    assert second.document.scenario.get(PATH) == pytest.approx(BASELINE_VALUE)


def test_a_killed_process_leaves_its_work_to_the_next_start(window, monkeypatch):
    """A real crash: a process takes a recovery file with its lock and is killed."""
    folder = window.recovery.folder
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from simulator import load_scenario
                from ui.core.recovery import RecoveryFile
                scenario = load_scenario({str(main_files.BASELINE)!r}).replace({PATH!r}, 23.0)
                own = RecoveryFile({str(folder)!r})
                own.write(scenario, None)
                print(own.path, flush=True)
                time.sleep(600)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        written = child.stdout.readline().strip()
        assert written, "the child process wrote no recovery file"
        assert window.offer_recovery() is False  # its window still runs: not offered
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    answer(monkeypatch, Button.Yes)
    assert window.offer_recovery() is True
    assert window.document.scenario.get(PATH) == pytest.approx(23.0)
    assert not os.path.exists(written)


# ---------------------------------------------------------------------------- unreadable
@pytest.mark.parametrize(
    "content",
    [b'{"format": "qdplan-recov', b'{"format": "qdplan-recovery", "scenario": {"x": 1}}'],
    ids=["truncated", "invalid-scenario"],
)
def test_an_unreadable_recovery_file_is_set_aside_not_deleted(window, monkeypatch, content):
    folder = window.recovery.folder
    folder.mkdir(parents=True, exist_ok=True)
    bad = folder / "4242-0badf11e.json"
    bad.write_bytes(content)
    warned = collect_warnings(monkeypatch)
    assert window.offer_recovery() is False
    assert not bad.exists()
    (aside,) = folder.glob("4242-0badf11e.unreadable-*.json")
    assert aside.read_bytes() == content
    assert len(warned) == 1 and str(bad) in warned[0] and str(aside) in warned[0]
    assert window.offer_recovery() is False  # set aside: not offered again (no dialog)
    assert window.document.scenario.get(PATH) == pytest.approx(BASELINE_VALUE)


# ---------------------------------------------------------------------------- when
def test_the_autosave_delay_is_at_most_ten_seconds(window, make_window, small_scenario):
    assert 0 < main_files.AUTOSAVE_DELAY_MS <= 10_000
    timer = window.autosave_timer
    assert timer.isSingleShot() and timer.interval() == main_files.AUTOSAVE_DELAY_MS
    with pytest.raises(ValueError):
        make_window(small_scenario, autosave_delay_ms=10_001, wait=False)


def test_an_edit_starts_the_autosave_and_its_timer_writes_it(window, qtbot):
    timer = window.autosave_timer
    assert not timer.isActive() and not window.recovery_path.exists()
    edit(window, 17.0)
    assert timer.isActive()  # started by the edit itself
    with qtbot.waitSignal(window.recovery.written, timeout=10_000):
        timer.setInterval(0)  # let it run out now instead of after the delay
    assert value_in(window.recovery_path) == pytest.approx(17.0)


def test_a_stream_of_edits_does_not_postpone_the_autosave(window, monkeypatch):
    """The timer starts at the first unsaved edit and is not restarted by the following
    ones, so the first edit is saved no later than the delay after it was made."""
    timer = window.autosave_timer
    starts = []
    real_start = timer.start
    monkeypatch.setattr(timer, "start", lambda *a: (starts.append(a), real_start(*a)))
    for value in (13.0, 14.0, 15.0, 16.0):
        edit(window, value)
    assert len(starts) == 1 and timer.isActive()


def test_the_recovery_file_goes_when_the_changes_are_undone(window):
    edit(window, 17.0)
    assert window.autosave()
    assert window.recovery_path.exists() and window.recovery.lock_path.exists()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()
    assert not window.recovery_path.exists() and not window.recovery.lock_path.exists()
    assert not window.autosave_timer.isActive()


def fail_autosave(window, tmp_path) -> bool:
    """Autosave where its folder cannot be made (a file is in the way)."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    window.recovery.folder = blocked / "recovery"
    window.recovery.path = window.recovery.folder / window.recovery.path.name
    edit(window, 17.0)
    window.autosave_timer.stop()
    return window.autosave()


def test_a_failed_autosave_is_said_and_tried_again(window, tmp_path):
    assert fail_autosave(window, tmp_path) is False
    assert "Autosave failed" in window.statusBar().currentMessage()
    assert window.autosave_timer.isActive()  # tries again after the delay


def test_a_failed_autosave_says_why_in_the_apps_language(make_window, small_scenario, tmp_path):
    """The reason in Chinese in the Chinese app (the system's "Not a directory",
    translated), not the C library's English."""
    window = make_window(small_scenario, language="zh")
    assert fail_autosave(window, tmp_path) is False
    said = window.statusBar().currentMessage()
    assert "不是文件夹" in said and "Not a directory" not in said, said
