"""Hostile files in the app: a scenario given on the command line or opened with File ▸ Open,
an actuals CSV imported, and the recovery file read at start. Each shows the problem dialog
(or sets the recovery file aside), never the "Something went wrong" excepthook, and the app
still starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui.widgets import dialogs

ROOT = Path(__file__).resolve().parents[2]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
BIG = 10**400


def _scenario(**changes):
    data = json.loads(json.dumps(BASE))
    data.update(changes)
    return json.dumps(data).encode("utf-8")


HOSTILE = {
    "integer too large for a float": (_scenario(uptake_multiplier=BIG), "uptake_multiplier"),
    "text that cannot be encoded": (_scenario(name="a\ud800b"), "name"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, ""),
    "too many digits": (b'{"schema_version": 1' + b"0" * 5000 + b"}", ""),
    "too large": (b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}', ""),
}


@pytest.fixture
def shown(monkeypatch):
    """Problem dialogs shown (instead of being shown modally)."""
    shown = []
    monkeypatch.setattr(dialogs.ProblemDialog, "exec", lambda self: shown.append(self) or 0)
    return shown


@pytest.mark.parametrize("name", list(HOSTILE))
def test_open_lists_the_problem_and_keeps_the_scenario(window, tmp_path, shown, name):
    content, path = HOSTILE[name]
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = window.document.scenario
    assert window.open_file(bad) is False
    assert window.document.scenario is before
    (dialog,) = shown
    paths = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert (path or "(whole file)") in paths


def test_import_of_hostile_actuals_lists_the_problem(window, tmp_path, monkeypatch):
    from ui.windows.review import import_problems

    window.review.show_actuals()
    listed = []
    monkeypatch.setattr(
        import_problems,
        "show_import_problems",
        lambda parent, source, problems: listed.append(problems),
    )
    path = tmp_path / "bad.csv"
    path.write_text(f"kind,id,year,value,source\nline,m01-demo,2025,{BIG},x\n", encoding="utf-8")
    assert not window.review.panel.import_csv(path)
    assert window.document.scenario.actuals == []
    ((problem,),) = listed
    assert "row 2: value" in str(problem)


@pytest.mark.parametrize("content", [HOSTILE["deep nesting"][0], b"\xff\xfe", b"[" * 500])
def test_a_hostile_recovery_file_is_set_aside(window, monkeypatch, content):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    window.recovery_path.parent.mkdir(parents=True, exist_ok=True)
    window.recovery_path.write_bytes(content)
    assert window.offer_recovery() is False
    assert len(errors) == 1 and not window.recovery_path.exists()


def test_a_recovery_file_with_a_huge_integer_is_set_aside(window, monkeypatch):
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    document = {
        "format": "qdplan-recovery",
        "version": 1,
        "scenario": json.loads(HOSTILE["integer too large for a float"][0]),
    }
    window.recovery_path.parent.mkdir(parents=True, exist_ok=True)
    window.recovery_path.write_text(json.dumps(document), encoding="utf-8")
    assert window.offer_recovery() is False
    assert len(errors) == 1 and "uptake_multiplier" in errors[0]


@pytest.fixture
def restore_excepthook():
    import sys

    hook = sys.excepthook
    yield
    sys.excepthook = hook


@pytest.mark.parametrize("name", ["integer too large for a float", "text that cannot be encoded"])
def test_screenshot_of_a_hostile_file_exits_2(tmp_path, capsys, restore_excepthook, qapp, name):
    from ui.app import main

    bad = tmp_path / "bad.json"
    bad.write_bytes(HOSTILE[name][0])
    code = main([str(bad), "--screenshot", str(tmp_path / "x.png")])
    assert code == 2 and f"{bad}: {HOSTILE[name][1]}: " in capsys.readouterr().err


def test_screenshot_with_hostile_actuals_exits_2(tmp_path, capsys, restore_excepthook, qapp):
    from ui.app import main

    scenario = tmp_path / "small.json"
    scenario.write_bytes(_scenario(simulation={"draws": 2000, "seed": 1, "sampler": "pseudo"}))
    bad = tmp_path / "bad.csv"
    bad.write_text(f"kind,id,year,value,source\nline,m01-demo,2025,{BIG},x\n", encoding="utf-8")
    code = main([str(scenario), "--actuals", str(bad), "--screenshot", str(tmp_path / "x.png")])
    assert code == 2 and "row 2: value" in capsys.readouterr().err
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "controller"):
            widget.controller.shutdown()
            widget.document.undo_stack.setClean()
            widget.close()
            widget.deleteLater()


def test_the_app_starts_on_a_hostile_file_and_lists_its_problem(
    tmp_path, monkeypatch, restore_excepthook, qapp, qtbot, shown
):
    """`qdplan gui bad.json`: the window opens on the baseline and lists the problem."""
    from ui.app import main
    from ui.windows.main import MainWindow

    bad = tmp_path / "bad.json"
    bad.write_bytes(HOSTILE["integer too large for a float"][0])
    monkeypatch.setattr(MainWindow, "offer_recovery", lambda self: False)
    before = set(QApplication.topLevelWidgets())
    started = []

    def exec_(_app):
        qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
        started.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    try:
        assert main([str(bad)]) == 0
    finally:
        for widget in set(QApplication.topLevelWidgets()) - before:
            if isinstance(widget, MainWindow):
                widget.controller.shutdown()
                widget.document.undo_stack.setClean()
                widget.close()
                widget.deleteLater()
    (window,) = [w for w in started if w not in before]
    assert window.document.path is None  # the baseline, not the bad file
    paths = [shown[0].table.item(r, 0).text() for r in range(shown[0].table.rowCount())]
    assert "uptake_multiplier" in paths


@pytest.mark.parametrize(
    "argv",
    [
        ["--editor", "99999999999"],
        ["--editor", "7"],
        ["--tab", "3.99999999999"],
        ["--tab", "99999999999"],
        ["--tab", "\x1b[2J"],
        ["bad.json", "\x1b[2J"],  # unrecognized: argparse quotes it as given
    ],
)
def test_out_of_range_view_flags_are_usage_errors(argv, capsys):
    """Qt takes a C int: a tab index beyond it raised OverflowError at start-up."""
    from ui.app import parse_args

    with pytest.raises(SystemExit) as info:
        parse_args(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and "Traceback" not in err and "\x1b" not in err
