"""Small building blocks shared by the panels: spin boxes, slider steps, labels."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QScrollArea, QSizePolicy

from .styles import BOLD_STYLE, MUTED_STYLE


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k not below ``value`` (slider ranges)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for mantissa in (1, 2, 2.5, 5, 10):
        candidate = mantissa * 10**exponent
        if candidate >= value * (1 - 1e-12):
            return float(candidate)
    return float(10 ** (exponent + 1))


def nice_step(value: float) -> float:
    """The largest 1, 2 or 5 × 10^k not above ``value`` (slider steps)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for mantissa in (5, 2, 1):
        candidate = mantissa * 10**exponent
        if candidate <= value * (1 + 1e-12):
            return float(candidate)
    return float(10**exponent)


def decimals_for(step: float) -> int:
    return max(0, min(4, math.ceil(-math.log10(step) - 1e-9))) if step < 1 else 0


def spin(
    minimum: float,
    maximum: float,
    step: float,
    decimals: int,
    suffix: str = "",
    width: int | None = None,
    chars: int | None = None,
) -> QDoubleSpinBox:
    """A double spin box that applies typed values on Enter or leaving the field (not on
    every keystroke), so that typing "150" makes one edit, not three. ``width`` (pixels)
    or ``chars`` (digits shown in the box's font, plus its suffix) bound how far a layout
    may narrow it; without either it keeps the width of its longest value."""
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
    if chars:
        box.setMinimumWidth(min(box.sizeHint().width(), spin_width(box, chars)))
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return box


def spin_width(box: QDoubleSpinBox, chars: int) -> int:
    """The width of a spin box showing ``chars`` digits (and its prefix and suffix) in its
    own font: its frame and buttons as the style draws them, read off its size hint."""
    metrics = box.fontMetrics()
    fixed = box.prefix() + box.suffix() + " "
    longest = max(
        metrics.horizontalAdvance(box.textFromValue(value) + fixed)
        for value in (box.minimum(), box.maximum())
    )
    frame = box.sizeHint().width() - longest
    return frame + metrics.horizontalAdvance("0" * chars + fixed)


def wrap_label(text: str = "", selectable: bool = False, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def bold_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(BOLD_STYLE)
    label.setWordWrap(True)
    return label


def small_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(MUTED_STYLE)
    label.setWordWrap(True)
    return label


class ColumnScrollArea(QScrollArea):
    """A panel that scrolls vertically only: its page always gets the panel's width (text
    wraps, fields narrow), and the panel is never narrower than its page can be, so a
    splitter cannot squeeze it into clipping."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        width = (
            page.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(hint.width(), width), hint.height())
