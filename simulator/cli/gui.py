"""`qdplan gui [FILE] [options of the app]`: the desktop app, started as its own program."""

from __future__ import annotations

import argparse
import sys

from ..model import N_, translate
from .common import BadInput, Handler

#: What the app says when there is no display to open (ui/app.py prints it, in the
#: language of ``--language`` or the system's): one line instead of Qt's abort.
NO_DISPLAY = N_(
    "qdplan gui: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); "
    "run it under a virtual one: xvfb-run -a qdplan gui"
)


def no_display_text(language: str) -> str:
    """``NO_DISPLAY`` in ``language`` ("zh" or "en")."""
    return translate(NO_DISPLAY, language)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add the `gui` subcommand (every argument after it belongs to the app's own parser);
    returns {command: handler}."""
    gui = subparsers.add_parser("gui", help="open the desktop app", add_help=False)
    gui.add_argument(
        "args",
        nargs=argparse.REMAINDER,
        help="the app's own arguments and options: see `qdplan gui --help`",
    )
    return {"gui": cmd_gui}


def cmd_gui(args: argparse.Namespace) -> int:
    """Start the desktop app as its own program (`python -m ui`): the model never imports
    the Qt side, the app imports the model."""
    import importlib.util
    import subprocess

    if importlib.util.find_spec("ui") is None:
        raise BadInput("the desktop app (package 'ui') is not installed")
    return subprocess.call([sys.executable, "-m", "ui", *args.args])
