"""Window sizes that fit the screen a window opens on, and geometry remembered between runs.

A window asks for its preferred size (``fitted_geometry``): it gets that size, or the
screen's available area (without taskbars and docks) less a frame allowance for the title
bar and borders when the screen is smaller, centred on that area. ``place_window`` restores
the geometry saved under a settings key, but only when it still fits the available area
of a current screen (a laptop taken off a large monitor gets the fitted default instead);
``remember_geometry`` saves it. Qt's own restore would squeeze an oversized geometry onto
the screen; here the saved rectangle is checked first and an unfit one is not used at all.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: What a window manager adds around a window (title bar, borders) before the window is
#: shown and its real frame is known; an assumption, about a Windows 10/11 or GNOME frame.
FRAME_ALLOWANCE = QMargins(8, 32, 8, 8)
#: The settings key beside a window's saved geometry that holds its normal rectangle.
RECT_SUFFIX = "Rect"


def fitted_size(preferred: QSize, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QSize:
    """``preferred``, made smaller where it and its frame would not fit ``available``."""
    room_w = max(1, available.width() - frame.left() - frame.right())
    room_h = max(1, available.height() - frame.top() - frame.bottom())
    return QSize(min(preferred.width(), room_w), min(preferred.height(), room_h))


def fitted_geometry(preferred: QSize, available: QRect, frame: QMargins = FRAME_ALLOWANCE) -> QRect:
    """The client rectangle of a window of (at most) ``preferred`` size, centred with its
    frame on ``available``; the frame stays inside ``available``."""
    size = fitted_size(preferred, available, frame)
    outer_w = size.width() + frame.left() + frame.right()
    outer_h = size.height() + frame.top() + frame.bottom()
    left = available.left() + max(0, (available.width() - outer_w) // 2) + frame.left()
    top = available.top() + max(0, (available.height() - outer_h) // 2) + frame.top()
    return QRect(QPoint(left, top), size)


def fits(rect: QRect, available: QRect) -> bool:
    """True when ``rect`` lies wholly inside ``available``."""
    return rect.isValid() and available.contains(rect)


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen a window opens on: its parent's, else the one under the mouse, else the
    primary screen."""
    parent = widget.parentWidget()
    if parent is not None and parent.window().isVisible():
        return parent.window().screen()
    if widget.isVisible():
        return widget.screen()
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def available_area(widget: QWidget) -> QRect | None:
    screen = screen_of(widget)
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget, preferred: QSize) -> None:
    """Give a window its preferred size, or what fits the screen it opens on."""
    area = available_area(widget)
    if area is None:
        widget.resize(preferred)
        return
    widget.setGeometry(fitted_geometry(preferred, area))


def normal_rect(widget: QWidget) -> QRect:
    """A window's geometry when neither maximised nor full screen."""
    if widget.isMaximized() or widget.isFullScreen():
        return widget.normalGeometry()
    return widget.geometry()


def fits_a_screen(rect: QRect) -> bool:
    """True when ``rect`` lies inside the available area of one of the current screens."""
    return any(fits(rect, screen.availableGeometry()) for screen in QGuiApplication.screens())


def _saved_rect(value: object) -> QRect | None:
    """The rectangle saved as [x, y, width, height] (QSettings may give the numbers as
    text), or None when there is none or it is malformed."""
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        x, y, w, h = (int(v) for v in value)
    except (TypeError, ValueError):
        return None
    return QRect(x, y, w, h)


def place_window(widget: QWidget, preferred: QSize, settings: QSettings | None, key: str) -> bool:
    """Restore the geometry saved under ``key`` when the window's saved (normal) rectangle
    fits a current screen, else give the window its fitted preferred size. True when the
    saved geometry was restored."""
    if settings is not None:
        saved = settings.value(key)
        rect = _saved_rect(settings.value(key + RECT_SUFFIX))
        if (
            isinstance(saved, (QByteArray, bytes))
            and rect is not None
            and fits_a_screen(rect)
            and widget.restoreGeometry(QByteArray(saved))
        ):
            return True
    fit_to_screen(widget, preferred)
    return False


def remember_geometry(widget: QWidget, settings: QSettings | None, key: str) -> None:
    """Save a window's geometry (size, place, maximised) under ``key``, and its normal
    rectangle beside it (``place_window`` checks that against the screens)."""
    if settings is not None:
        rect = normal_rect(widget)
        settings.setValue(key, widget.saveGeometry())
        settings.setValue(key + RECT_SUFFIX, [rect.x(), rect.y(), rect.width(), rect.height()])
