"""New, Open, Save, Save As, recent files, unsaved-changes prompts, bad files (autosave and
recovery: test_recovery.py)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from simulator import load_scenario, save_scenario
from ui.widgets import dialogs

PATH = ("lines", "m01-common-tech", "uptake", "2026")
Button = QMessageBox.StandardButton


def edit(window, value=15.0):
    window.document.edit(PATH, value)
    window.process_pending()


def answer(monkeypatch, button):
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def test_save_then_open_round_trips(window, tmp_path):
    edit(window)
    target = tmp_path / "mine.json"
    assert window.save_as(target)
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("mine.json[*]")
    saved = load_scenario(target)
    assert saved == window.document.scenario
    assert saved.get(PATH) == pytest.approx(15.0)
    # saving what was loaded reproduces the file byte for byte
    again = tmp_path / "again.json"
    save_scenario(saved, again)
    assert again.read_bytes() == target.read_bytes()
    # and opening it again gives the same scenario, unmodified
    assert window.open_file(target)
    assert window.document.scenario == saved
    assert not window.isWindowModified()


def test_open_replaces_scenario_and_lists_recent_files(window, tmp_path, small_scenario):
    other = small_scenario.replace(PATH, 3.0).replace(("name",), "Other")
    path = tmp_path / "other.json"
    save_scenario(other, path)
    assert window.open_file(path)
    assert window.document.scenario == other
    assert window.document.undo_stack.count() == 0
    assert window.windowTitle().startswith("other.json")
    assert window.recent_files()[0] == str(path.resolve())
    window._fill_recent()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert any("other.json" in t for t in texts)


def test_open_through_the_file_dialog(window, tmp_path, small_scenario, monkeypatch):
    path = tmp_path / "picked.json"
    save_scenario(small_scenario.replace(("name",), "Picked"), path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    assert window.open_file()
    assert window.document.scenario.name == "Picked"


def test_save_without_a_file_asks_for_one(window, tmp_path, monkeypatch):
    edit(window)
    target = tmp_path / "named"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.save()
    assert (tmp_path / "named.json").exists()
    assert window.document.path == tmp_path / "named.json"


def test_bad_file_lists_problems_and_keeps_the_scenario(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs.ProblemDialog, "exec", lambda self: shown.append(self) or 0)
    data = json.loads(window.document.scenario.to_json())
    data["lines"]["m01-demo"]["uptake"]["2026"] = -3
    data["uptake_multiplier"] = "lots"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = window.document.scenario
    results = window.results
    assert window.open_file(bad) is False
    assert window.document.scenario is before
    assert window.results is results
    assert len(shown) == 1
    dialog = shown[0]
    paths = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "lines.m01-demo.uptake.2026" in paths and "uptake_multiplier" in paths
    messages = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert any("must be >= 0, got -3" in m for m in messages)


def test_not_json_file(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs.ProblemDialog, "exec", lambda self: shown.append(self) or 0)
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    assert window.open_file(bad) is False
    assert "not valid JSON" in shown[0].table.item(0, 1).text()
    assert shown[0].table.item(0, 0).text() == "(whole file)"


@pytest.mark.parametrize("action", ["close", "new", "open"])
def test_unsaved_changes_cancel_keeps_everything(
    window, monkeypatch, tmp_path, action, small_scenario
):
    edit(window)
    asked = answer(monkeypatch, Button.Cancel)
    other = tmp_path / "other.json"
    save_scenario(small_scenario, other)
    if action == "close":
        assert window.close() is False
        assert window.isVisible()
    elif action == "new":
        assert window.new_file() is False
    else:
        assert window.open_file(other) is False
    assert len(asked) == 1 and "unsaved changes" in asked[0]
    assert window.document.scenario.get(PATH) == pytest.approx(15.0)
    assert window.isWindowModified()


def test_unsaved_changes_discard_and_save(window, monkeypatch, tmp_path):
    edit(window)
    answer(monkeypatch, Button.Discard)
    assert window.new_file()
    assert window.document.scenario.get(PATH) == pytest.approx(12.0)
    assert window.document.path is None
    assert not window.isWindowModified()
    # Save: asks for a file name when the scenario has none, then goes on
    edit(window, 20.0)
    answer(monkeypatch, Button.Save)
    target = tmp_path / "kept.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert window.new_file()
    assert load_scenario(target).get(PATH) == pytest.approx(20.0)


def test_no_prompt_without_changes(window):
    assert window.new_file()  # the autouse fixture fails the test on any dialog


def test_save_error_shows_a_message(window, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warned.append(a[2])))
    edit(window)
    assert window.save_as(tmp_path / "missing-folder" / "x.json") is False
    assert warned and "could not save" in warned[0]
    assert window.isWindowModified()
