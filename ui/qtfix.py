"""A guard against a reference-count bug of the Qt binding, so the app cannot crash with
"Fatal Python error: none_dealloc: deallocating None".

With PySide6 6.12 on Python 3.11, every call from C++ into a Python override of a virtual
method (a widget's paintEvent, matplotlib's canvas events, QUndoCommand.redo/undo,
QRunnable.run, QTranslator.translate, ...) takes one reference from ``None`` that it never
gave. ``None``'s count starts in the tens of thousands, so a long session (every repaint
and mouse move over a chart costs one) would reach zero and abort the process, and even a
short one aborts at exit. From Python 3.12 on ``None`` is immortal and the bug is harmless.

``install()`` checks whether this binding has the bug (a few undo/redo calls on a probe
command) and, only then, keeps ``None``'s count far from zero: it tops it up at start, once
a second, and when the application quits. Adding references to ``None`` is harmless, since
``None`` is never freed anyway.
"""
from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

LOW = 1 << 20
HIGH = 1 << 24
_state = {"checked": False, "affected": False, "timer": None}


def _interpreter_affected() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


class _Probe(QUndoCommand):
    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass


def binding_has_bug(calls: int = 40) -> bool:
    """Whether Python overrides called from C++ leak references of None here."""
    if not _interpreter_affected():
        return False
    stack = QUndoStack()
    stack.push(_Probe())
    before = sys.getrefcount(None)
    for _ in range(calls // 2):
        stack.undo()
        stack.redo()
    lost = before - sys.getrefcount(None)
    stack.deleteLater()
    return lost >= calls * 3 // 4


def top_up_none() -> int:
    """Raise None's reference count back to HIGH when it fell below LOW; returns how many
    references were added."""
    count = sys.getrefcount(None)
    if count >= LOW:
        return 0
    extra = HIGH - count
    ctypes.c_ssize_t.from_address(id(None)).value += extra  # ob_refcnt comes first
    return extra


def install() -> bool:
    """Guard this process if its binding has the bug (idempotent). True when guarded."""
    if not _state["checked"]:
        _state["checked"] = True
        _state["affected"] = binding_has_bug()
    if not _state["affected"]:
        return False
    top_up_none()
    app = QCoreApplication.instance()
    if app is not None and _state["timer"] is None:
        timer = QTimer(app)
        timer.setInterval(1000)
        timer.timeout.connect(top_up_none)
        timer.start()
        app.aboutToQuit.connect(top_up_none)
        _state["timer"] = timer
    return True
