"""Repo-wide pytest setup (loaded before anything under tests/).

Qt aborts the whole process when it has no display, which is the case in CI
and in plain SSH sessions. Default to the offscreen platform plugin; export
QT_QPA_PLATFORM=xcb (e.g. under xvfb-run) to test with real windows instead.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
