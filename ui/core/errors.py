"""No tracebacks in front of users: unexpected errors show a short dialog; the details go to a
log file."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from ..i18n import tr

log = logging.getLogger("qdplan")


def log_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".qdplan") / "qdplan.log"


def setup_logging(path: Path | None = None) -> Path:
    path = path or log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(path: Path, show_dialog: bool = True) -> None:
    """Replace sys.excepthook: log the traceback, show a short message."""
    showing = {"busy": False}

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if not show_dialog or showing["busy"] or QApplication.instance() is None:
            print(f"qdplan: unexpected error: {exc} (details in {path})", file=sys.stderr)
            return
        showing["busy"] = True
        try:
            QMessageBox.critical(
                None,
                tr("Something went wrong"),
                tr(
                    "qdplan hit an unexpected error: {message}\nDetails were written to {log}."
                ).format(message=str(exc) or exc_type.__name__, log=path),
            )
        finally:
            showing["busy"] = False

    sys.excepthook = hook
