"""Repo-wide pytest setup (loaded before anything under tests/).

Qt aborts the whole process when it has no display, which is the case in CI
and in plain SSH sessions. Default to the offscreen platform plugin; export
QT_QPA_PLATFORM=xcb (e.g. under xvfb-run) to test with real windows instead.
The offscreen screen is a 1280x720 laptop's (tests/laptop_screen.json), so that every window
is tested at the smallest screen the app supports.
"""

import os
from pathlib import Path

_SCREEN = Path(__file__).resolve().parent / "tests" / "laptop_screen.json"
# the platform option separator is ':', so a path holding one (C:\...) cannot be passed
_OFFSCREEN = "offscreen" if ":" in str(_SCREEN) else f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QT_QPA_PLATFORM", _OFFSCREEN)
