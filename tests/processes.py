"""Helpers for tests that start qdplan in a process of its own."""

import os


def without_display() -> dict[str, str]:
    """This process's environment without a display (X11 or Wayland) nor a Qt platform
    chosen: what a terminal on a headless machine gives the app."""
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {k: v for k, v in os.environ.items() if k not in hidden}
