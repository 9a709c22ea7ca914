"""Small screens: windows fit the screen they open on and remember their geometry; at
1280x720 the panels fit side by side without horizontal scrolling and the summary shows the
targets; long names in the tree are elided to distinct texts with the full name in a tooltip.

A 1280x720 laptop with a 40-pixel taskbar offers 1280x680 to windows; less a title bar and
borders (``FRAME_ALLOWANCE``, 8/32/8/8) a window's client area is at most 1264x640.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication

from simulator.model import translate
from simulator.present import HEADERS
from ui.core.geometry import (
    FRAME_ALLOWANCE,
    fits,
    fitted_geometry,
    fitted_size,
    place_window,
    remember_geometry,
)
from ui.windows.main.window import PREFERRED_SIZE, split_widths

LAPTOP_AVAILABLE = QRect(0, 0, 1280, 680)  # 1280x720 less a 40-pixel taskbar
LAPTOP_CLIENT = QSize(1264, 640)


# ---------------------------------------------------------------------------- sizing
def test_a_large_window_shrinks_to_a_small_screen_with_its_frame():
    rect = fitted_geometry(QSize(1600, 1000), LAPTOP_AVAILABLE)
    # room: 1280 - 8 - 8 = 1264 wide, 680 - 32 - 8 = 640 high; the frame fills the area
    assert rect == QRect(8, 32, 1264, 640)
    frame = rect.marginsAdded(FRAME_ALLOWANCE)
    assert frame == LAPTOP_AVAILABLE
    assert fits(frame, LAPTOP_AVAILABLE)


def test_a_window_that_fits_keeps_its_size_and_is_centred_on_its_screen():
    second = QRect(1920, 0, 2560, 1400)  # a second monitor right of a 1920-wide one
    rect = fitted_geometry(QSize(800, 600), second)
    # outer 816 x 640: left 1920 + (2560 - 816) // 2 + 8, top (1400 - 640) // 2 + 32
    assert rect == QRect(2800, 412, 800, 600)
    assert fits(rect.marginsAdded(FRAME_ALLOWANCE), second)


@pytest.mark.parametrize(
    ("preferred", "available", "expected"),
    [
        (QSize(1600, 1000), QRect(0, 0, 1366, 728), QSize(1350, 688)),
        (QSize(1600, 1000), QRect(0, 0, 1920, 1040), QSize(1600, 1000)),
        (QSize(1440, 940), QRect(0, 0, 1600, 860), QSize(1440, 820)),
        (QSize(500, 400), QRect(0, 0, 10, 10), QSize(1, 1)),  # never zero or negative
    ],
)
def test_fitted_size_takes_the_smaller_of_preferred_and_room(preferred, available, expected):
    assert fitted_size(preferred, available) == expected


def test_fitted_size_without_a_frame_is_the_available_area():
    assert fitted_size(QSize(4000, 3000), LAPTOP_AVAILABLE, QMargins()) == QSize(1280, 680)


def test_split_widths_share_the_window_and_keep_the_editor_minimum():
    # tree 21 % (240-370), editor 35 % (up to 570, at least its minimum), results the rest
    assert split_widths(1600, 300) == [336, 560, 704]
    assert split_widths(1264, 300) == [265, 442, 557]
    assert split_widths(1264, 470) == [265, 470, 529]  # an editor needing more gets it
    assert split_widths(2400, 300) == [370, 570, 1460]
    for total in (900, 1264, 1350, 1600, 2400):
        assert sum(split_widths(total, 300)) == total


# ---------------------------------------------------------------------------- windows
def _available(widget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def test_the_main_window_fits_the_screen_it_opens_on(window):
    # the offscreen screen (1280x720, tests/laptop_screen.json) is smaller than 1600x1000
    available = _available(window)
    assert available.width() < PREFERRED_SIZE.width()
    assert fits(window.geometry(), available)
    assert window.width() <= available.width() - 16
    assert window.height() <= available.height() - 40


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_window_can_shrink_to_a_1280x720_laptop(make_window, small_scenario, language):
    window = make_window(small_scenario, language=language)
    assert window.minimumSizeHint().width() <= LAPTOP_CLIENT.width()
    assert window.minimumSizeHint().height() <= LAPTOP_CLIENT.height()
    decision = window.decision.open("goal")
    compare = window.review.open_compare()
    for other in (decision, compare):
        hint = other.minimumSizeHint()
        assert hint.width() <= LAPTOP_CLIENT.width(), type(other).__name__
        assert hint.height() <= LAPTOP_CLIENT.height(), type(other).__name__
        assert fits(other.geometry(), _available(other))
    compare.close()
    decision.close()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_at_1280x720_the_panes_fit_and_the_summary_shows_the_targets(
    make_window, small_scenario, language, qapp
):
    window = make_window(small_scenario, language=language)
    window.resize(LAPTOP_CLIENT)
    window._split()
    qapp.processEvents()
    # the widest line pages: a share-of-cost line and an award-share line
    for line_id in ("m23-innovation-voucher", "m01-common-tech", "m14-re-recognition"):
        assert window.select_line(line_id)
        qapp.processEvents()
        editor = window.line_editor
        page = editor.page
        # no horizontal scrolling: the page is as wide as the panel and never clipped
        assert page.minimumSizeHint().width() <= editor.viewport().width(), line_id
        assert page.width() <= editor.viewport().width(), line_id
    widths = window.splitter.sizes()
    assert widths[1] <= split_widths(LAPTOP_CLIENT.width(), 0)[1]  # the editor's own share
    assert all(w > 0 for w in widths)
    window._summary_placed = False
    window._fit_summary()
    qapp.processEvents()
    table = window.summary.table
    # every row down to the five headline targets together is in view without scrolling
    # (the plan's count targets below them may scroll)
    label = translate(HEADERS["all"], language)
    (last,) = [r for r in range(table.rowCount()) if (table.item(r, 0) or _NO).text() == label]
    assert table.verticalScrollBar().value() == 0
    bottom = table.rowViewportPosition(last) + table.rowHeight(last)
    assert table.rowViewportPosition(0) >= 0 and bottom <= table.viewport().height()


class _NO:
    @staticmethod
    def text() -> str:
        return ""


# ---------------------------------------------------------------------------- geometry
def test_the_geometry_is_remembered_across_a_close_and_reopen(
    make_window, small_scenario, settings, qapp
):
    first = make_window(small_scenario)
    first.setGeometry(QRect(40, 50, 1000, 560))
    qapp.processEvents()
    first.close()
    assert settings.value("geometry") is not None
    second = make_window(small_scenario, wait=False)
    assert second.restore_geometry()
    assert second.geometry() == QRect(40, 50, 1000, 560)


def test_a_saved_geometry_larger_than_the_screen_is_not_restored(
    make_window, small_scenario, settings, qapp
):
    window = make_window(small_scenario, wait=False)
    window.setGeometry(QRect(0, 0, 2000, 1500))  # saved on a large monitor
    remember_geometry(window, settings, "geometry")
    window.setGeometry(QRect(10, 10, 300, 300))
    assert not window.restore_geometry()
    assert fits(window.geometry(), _available(window))
    assert window.width() < 2000


def test_geometry_goes_to_the_settings_given_never_elsewhere(tmp_path, qapp):
    from PySide6.QtWidgets import QWidget

    own = QSettings(str(tmp_path / "own.ini"), QSettings.Format.IniFormat)
    widget = QWidget()
    assert not place_window(widget, QSize(400, 300), own, "probe")  # nothing saved yet
    widget.setGeometry(QRect(20, 30, 400, 300))
    remember_geometry(widget, own, "probe")
    own.sync()
    text = (tmp_path / "own.ini").read_text(encoding="utf-8")
    assert "probe" in text and "probeRect" in text
    other = QWidget()
    assert place_window(other, QSize(100, 100), own, "probe")
    assert other.geometry() == QRect(20, 30, 400, 300)
    assert not place_window(QWidget(), QSize(100, 100), None, "probe")  # no settings: fit


def test_the_decision_and_compare_windows_remember_their_geometry(
    make_window, small_scenario, settings, qapp
):
    window = make_window(small_scenario)
    decision = window.decision.open(0)
    decision.setGeometry(QRect(30, 40, 900, 600))
    compare = window.review.open_compare()
    compare.setGeometry(QRect(60, 70, 900, 560))
    qapp.processEvents()
    decision.close()
    compare.close()
    assert settings.value("decisionGeometry") is not None
    assert settings.value("compareGeometry") is not None
    again = make_window(small_scenario, wait=False)
    assert again.decision.open(0).geometry() == QRect(30, 40, 900, 600)
    assert again.review.open_compare().geometry() == QRect(60, 70, 900, 560)
    again.decision.window.close()
    again.review.compare_window.close()
