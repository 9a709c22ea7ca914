"""The screenshot watchdogs end with their screenshot run: a timer left running would end,
with exit 1, whatever event loop the same process runs next (a later long operation, or the
next test), once its two or three minutes are up. Each test runs a screenshot and looks at
the watchdog as the screenshot function returns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer

ROOT = Path(__file__).resolve().parents[2]


def test_the_main_windows_watchdog_is_stopped_when_the_screenshot_is_taken(
    tmp_path, small_file, restore_excepthook, qapp, monkeypatch
):
    import ui.app as app_module

    timers: list[tuple[QTimer, bool]] = []
    make_watchdog = app_module._watchdog

    def recording_watchdog(app, parent):
        timer = make_watchdog(app, parent)
        timers.append((timer, timer.isActive()))
        return timer

    after: list[bool] = []
    screenshot = app_module._screenshot

    def checked_screenshot(*args, **kwargs):
        code = screenshot(*args, **kwargs)
        after.extend(timer.isActive() for timer, _ in timers)  # the window is still alive
        return code

    monkeypatch.setattr(app_module, "_watchdog", recording_watchdog)
    monkeypatch.setattr(app_module, "_screenshot", checked_screenshot)
    shot = tmp_path / "shot.png"
    assert app_module.main([str(small_file), "--screenshot", str(shot), "--language", "en"]) == 0
    assert shot.read_bytes().startswith(b"\x89PNG")
    ((timer, running_during),) = timers
    assert running_during and timer.isSingleShot()
    assert timer.interval() == app_module.SCREENSHOT_TIMEOUT_MS
    assert after == [False]
    from ui import i18n

    i18n.set_language("en")


def test_the_comparisons_watchdog_is_stopped_when_the_screenshot_is_taken(
    tmp_path, small_file, restore_excepthook, qapp, monkeypatch
):
    from ui.app import main
    from ui.windows.review.tools import ReviewTools

    seen: list[tuple[int, int]] = []
    screenshot_compare = ReviewTools.screenshot_compare

    def checked(self, app, path):
        started: list[QTimer] = []
        original_start = QTimer.start

        def start(timer, *args):
            if timer.parent() is self.compare_window:
                started.append(timer)
            return original_start(timer, *args)

        monkeypatch.setattr(QTimer, "start", start)
        try:
            code = screenshot_compare(self, app, path)
        finally:
            monkeypatch.setattr(QTimer, "start", original_start)
        watchdogs = [t for t in started if t.interval() == 180_000]
        seen.append((len(watchdogs), sum(t.isActive() for t in watchdogs)))
        return code

    monkeypatch.setattr(ReviewTools, "screenshot_compare", checked)
    shot = tmp_path / "compare.png"
    code = main(
        [
            str(small_file),
            "--screenshot",
            str(shot),
            "--language",
            "en",
            "--compare",
            str(small_file),
            str(ROOT / "scenarios" / "restrained.json"),
        ]
    )
    assert code == 0 and shot.read_bytes().startswith(b"\x89PNG")
    assert seen == [(1, 0)]  # one watchdog was started, and none is running any more
    from ui import i18n

    i18n.set_language("en")
