"""The one way charts and tables leave the app: every window exports a chart and writes a
CSV file through these functions.

* ``export_chart``: asks where (PNG, SVG or PDF; a name without one of these extensions
  gets the type of the filter chosen in the dialog) and saves the chart view through
  ``simulator.present.save_figure`` (the chart's fonts, reproducible metadata).
* ``export_csv``: asks where (a name without an extension gets .csv) and writes the rows with
  ``simulator.present.write_csv`` (UTF-8 with a byte-order mark, so Excel shows Chinese;
  written atomically; text a spreadsheet would run as a formula gets a leading ``'``).

* ``export_workbook``: asks where (a name without an extension gets .xlsx) and writes an
  Excel workbook with the given writer (``simulator.present``'s workbook writers: numbers
  as numbers, no text a spreadsheet would run, written atomically).

They show a short message when the file cannot be written and return the path written, or
None (cancelled or failed). The caller remembers the folder (``remember_dir``) and says what
was written. ``chart_folder`` asks for the folder of an "all charts" export. ``write_png``
saves a picture of a window (the screenshots). Every file is written atomically: the old file
stays whole until the new one is complete (``simulator.model.atomic_write``).
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
from PySide6.QtWidgets import QFileDialog

from simulator import ScenarioSaveError
from simulator.model import Message, atomic_write, message_of, os_reason, text_of
from simulator.present import FORMATS, write_csv

from ..i18n import QT_TR_NOOP, language, tr
from .dialogs import show_error

CHART_FILTER = QT_TR_NOOP("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)")
WORKBOOK_FILTER = QT_TR_NOOP("Excel workbook (*.xlsx)")
EXPORT_DIR_KEY = "exportDir"


# ---------------------------------------------------------------------------- the folder
def export_dir(settings: QSettings | None) -> Path:
    """The folder of the last export (the home folder at first)."""
    value = settings.value(EXPORT_DIR_KEY, "") if settings is not None else ""
    return Path(value) if value and Path(value).is_dir() else Path.home()


def remember_dir(settings: QSettings | None, folder: Path) -> None:
    if settings is not None:
        settings.setValue(EXPORT_DIR_KEY, str(folder))


def reason(exc: Exception, path) -> str:
    """What went wrong writing ``path``, naming the file (never a traceback), in the app's
    language (the system's words for the common errors translated: ``os_reason``)."""
    if isinstance(exc, OSError) and exc.strerror and getattr(exc, "what", None) is None:
        # the system's own error (ours carry their message as ``what``): the file it names
        where = exc.filename if exc.filename else path
        what = Message("{problem}: {reason}", problem=str(where), reason=os_reason(exc))
        return text_of(what, language())
    return text_of(message_of(exc), language())


# ---------------------------------------------------------------------------- charts
def chart_save_path(parent, start: Path) -> Path | None:
    """Ask where to save a chart; None when cancelled. A name without a chart extension
    gets the type of the chosen filter."""
    path, selected = QFileDialog.getSaveFileName(
        parent, tr("Export chart"), str(start), tr(CHART_FILTER)
    )
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower().lstrip(".") not in FORMATS:
        ext = next((e for e in FORMATS if f"*.{e}" in (selected or "")), FORMATS[0])
        path = path.with_suffix(f".{ext}")
    return path


def export_chart(
    parent, view, path: str | Path | None = None, start_dir: Path | None = None
) -> Path | None:
    """Save a ``ChartView`` to PNG, SVG or PDF (the type from the file's extension; PNG for
    any other). Without ``path``, asks for one, starting in ``start_dir``."""
    if path is None:
        stem = view.kind.replace(":", "_")
        path = chart_save_path(parent, (start_dir or Path.home()) / f"{stem}.png")
        if path is None:
            return None
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        fmt, path = "png", path.with_suffix(".png")
    try:
        view.save(path, fmt)
    except (OSError, ValueError) as exc:
        show_error(parent, tr("Could not write the file"), reason(exc, path))
        return None
    finally:
        view.draw_idle()
    return path


def chart_folder(parent, start: Path) -> Path | None:
    """Ask for a folder to write all charts into; None when cancelled."""
    folder = QFileDialog.getExistingDirectory(
        parent, tr("Choose a folder for the charts"), str(start)
    )
    return Path(folder) if folder else None


def write_png(picture, path: str | Path) -> None:
    """A picture (QPixmap or QImage, e.g. a window's ``grab()``) to a PNG file, atomically;
    an OSError naming the file on failure."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, "PNG"):
        raise OSError(errno.EIO, f"could not encode the picture for {path} as PNG")
    buffer.close()
    atomic_write(path, bytes(data.data()))


# ---------------------------------------------------------------------------- CSV
def csv_save_path(parent, title: str, start: Path) -> Path | None:
    """Ask where to save a CSV file; None when cancelled. A name without a suffix gets .csv."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), tr("CSV (*.csv)"))
    if not path:
        return None
    path = Path(path)
    return path if path.suffix else path.with_suffix(".csv")


def export_csv(
    parent,
    rows: list[list[Any]],
    path: str | Path | None = None,
    title: str = "",
    start: Path | None = None,
) -> Path | None:
    """Write rows as CSV. Without ``path``, asks for one (dialog ``title``, proposing
    ``start``)."""
    if path is None:
        path = csv_save_path(parent, title, start or Path.home())
        if path is None:
            return None
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".csv")
    try:
        write_csv(rows, path)
    except (ScenarioSaveError, OSError) as exc:
        show_error(parent, tr("Could not write the file"), reason(exc, path))
        return None
    return path


# ---------------------------------------------------------------------------- workbooks
def export_workbook(
    parent,
    write: Callable[[Path], None],
    path: str | Path | None = None,
    title: str = "",
    start: Path | None = None,
) -> Path | None:
    """Write an Excel workbook with ``write(path)``. Without ``path``, asks for one (dialog
    ``title``, proposing ``start``); a name without an extension gets .xlsx."""
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent, title, str(start or Path.home()), tr(WORKBOOK_FILTER)
        )
        if not chosen:
            return None
        path = chosen
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    try:
        write(path)
    except (ScenarioSaveError, OSError) as exc:
        show_error(parent, tr("Could not write the file"), reason(exc, path))
        return None
    return path
