"""Small building blocks shared by the panels: spin boxes, slider steps, labels."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QFrame, QLabel, QSizePolicy


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k not below ``value`` (slider ranges)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for mantissa in (1, 2, 2.5, 5, 10):
        candidate = mantissa * 10 ** exponent
        if candidate >= value * (1 - 1e-12):
            return float(candidate)
    return float(10 ** (exponent + 1))


def nice_step(value: float) -> float:
    """The largest 1, 2 or 5 × 10^k not above ``value`` (slider steps)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for mantissa in (5, 2, 1):
        candidate = mantissa * 10 ** exponent
        if candidate <= value * (1 + 1e-12):
            return float(candidate)
    return float(10 ** exponent)


def decimals_for(step: float) -> int:
    return max(0, min(4, math.ceil(-math.log10(step) - 1e-9))) if step < 1 else 0


def spin(minimum: float, maximum: float, step: float, decimals: int, suffix: str = "",
         width: int | None = None) -> QDoubleSpinBox:
    """A double spin box that applies typed values on Enter or leaving the field (not on
    every keystroke), so that typing "150" makes one edit, not three."""
    box = QDoubleSpinBox()
    box.setRange(minimum, maximum)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setKeyboardTracking(False)
    box.setAccelerated(True)
    if suffix:
        box.setSuffix(suffix)
    if width:
        box.setMinimumWidth(width)
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return box


def wrap_label(text: str = "", selectable: bool = False, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


FIXED_STYLE = "QGroupBox { background: #f3f5f8; border: 1px solid #c9d1dc; border-radius: 4px;" \
              " margin-top: 1.4em; padding: 6px; } QGroupBox::title { subcontrol-origin: margin;" \
              " left: 8px; padding: 0 4px; color: #2f4a6d; font-weight: bold; }"
ASSUMPTION_STYLE = "QGroupBox { background: #fffaf0; border: 1px solid #e2cfa0; " \
                   "border-radius: 4px; margin-top: 1.4em; padding: 6px; } QGroupBox::title {" \
                   " subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #7a5a12;" \
                   " font-weight: bold; }"
NOTE_STYLE = "color: #555555; font-style: italic;"
ERROR_STYLE = "color: #b00020;"
TITLE_STYLE = "font-size: 15px; font-weight: bold;"
