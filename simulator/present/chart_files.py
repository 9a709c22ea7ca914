"""Charts to files: the one path by which every chart (of a run, a comparison or an analysis)
is written as PNG, SVG or PDF, with its language's fonts and reproducible metadata.

Files are written atomically (``simulator.model.atomic_write``): a chart file is drawn into
memory and then replaces the file in one step, and a set of charts (``write_figures``) is
drawn completely into temporary files before any file of the set is replaced, so a failure
leaves the previous set as it was. Errors are OSError subclasses (ScenarioSaveError for the
writing itself) whose message names the directory or file; an unknown format is a ValueError.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from matplotlib.figure import Figure

from ..model import N_, AtomicFiles, Message, atomic_write, os_reason
from .style import EXPORT_DPI, Look, plain_texts

__all__ = [
    "FORMATS",
    "chart_file_stem",
    "check_formats",
    "prepare_directory",
    "save_figure",
    "write_figures",
]

FORMATS = ("png", "svg", "pdf")

#: Figures to write: {file stem: (figure, look)}, or (file stem, (figure, look)) pairs, which
#: may be drawn one by one as they are written.
Figures = Mapping[str, tuple[Figure, Look]] | Iterable[tuple[str, tuple[Figure, Look]]]
#: Where a chart is saved: a file name or an open binary file.
ChartFile = str | os.PathLike[str] | IO[bytes]


def check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """File formats in lower case without a dot; ValueError for one not in FORMATS."""
    formats = tuple(str(f).lower().lstrip(".") for f in formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown chart format(s) {unknown}; use {FORMATS}")
    return formats


def chart_file_stem(kind: str) -> str:
    """A chart kind's file name without suffix ('indicator:platforms' -> 'indicator_platforms')."""
    return kind.replace(":", "_")


def _os_error(exc: OSError, message: Message) -> OSError:
    """The same kind of OSError, with a message that says what could not be done and where
    (its ``what``: the message to translate, see ``simulator.model.message_of``)."""
    reason = os_reason(exc)
    what = Message("{problem}: {reason}", problem=message, reason=reason)
    cls = type(exc) if isinstance(exc, OSError) else OSError
    try:
        error = cls(exc.errno or errno.EIO, what.text("en"))
    except TypeError:
        error = OSError(exc.errno or errno.EIO, what.text("en"))
    error.what = what  # type: ignore[attr-defined]
    return error


def _not_a_directory(template: str, directory: Path) -> NotADirectoryError:
    what = Message(template, directory=str(directory))
    error = NotADirectoryError(errno.ENOTDIR, what.text("en"))
    error.what = what  # type: ignore[attr-defined]
    return error


def prepare_directory(directory: str | os.PathLike[str]) -> Path:
    """Create a chart directory (its parent must exist); OSError subclasses name the path."""
    directory = Path(directory)
    try:
        directory.mkdir(exist_ok=True)
    except FileExistsError as exc:
        raise _not_a_directory(
            N_("cannot write charts to {directory}: it exists and is not a directory"), directory
        ) from exc
    except OSError as exc:
        raise _os_error(
            exc, Message("cannot create the chart directory {directory}", directory=str(directory))
        ) from exc
    if not directory.is_dir():
        raise _not_a_directory(N_("cannot write charts to {directory}: not a directory"), directory)
    return directory


def _render(
    figure: Figure, look: Look, out: ChartFile, fmt: str, dpi: float, shown: object
) -> None:
    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt)
    try:
        plain_texts(figure)
        with look.rc():
            figure.savefig(out, format=fmt, dpi=dpi, metadata=metadata)
    except OSError as exc:
        raise _os_error(
            exc, Message("cannot write the chart file {file}", file=str(shown))
        ) from exc


def _chart_bytes(figure: Figure, look: Look, fmt: str, dpi: float, shown: object) -> bytes:
    buffer = io.BytesIO()
    _render(figure, look, buffer, fmt, dpi, shown)
    return buffer.getvalue()


def save_figure(
    figure: Figure, look: Look, path: ChartFile, fmt: str | None = None, dpi: float = EXPORT_DPI
) -> None:
    """Save a figure with its language's fonts and reproducible metadata, in the format
    ``fmt`` (else the one the file name's suffix says), whatever the file is named. A file
    name is written atomically (the old file stays whole until the new one is complete).
    Raises ValueError for a format not in FORMATS, an OSError subclass naming the path on
    failure."""
    if fmt is None:
        fmt = Path(path).suffix if isinstance(path, (str, os.PathLike)) else ""
    (fmt,) = check_formats([fmt])
    if isinstance(path, (str, os.PathLike)):
        atomic_write(path, _chart_bytes(figure, look, fmt, dpi, path))
    else:
        _render(figure, look, path, fmt, dpi, path)


def write_figures(
    figures: Figures,
    directory: str | os.PathLike[str],
    formats: Iterable[str] = FORMATS,
    layout_once: bool = False,
) -> list[Path]:
    """Write figures into directory (created if its parent exists) as ``<stem>.<format>`` in
    every format; returns the paths written. The set is written together
    (``simulator.model.AtomicFiles``): every file is drawn into a temporary file first, and
    only then do they replace the files of the previous set, so a failure while drawing or
    writing leaves the previous files as they were. With ``layout_once`` a figure is laid
    out for its first format only and keeps that layout (in inches) for the others, which
    saves a layout pass per file (the charts of runs and analyses are written so)."""
    formats = check_formats(formats)
    directory = prepare_directory(directory)
    items = figures.items() if isinstance(figures, Mapping) else figures
    written: list[Path] = []
    with AtomicFiles() as files:
        for stem, (figure, look) in items:
            engine = figure.get_layout_engine()
            try:
                for fmt in formats:
                    path = directory / f"{stem}.{fmt}"
                    files.add(path, _chart_bytes(figure, look, fmt, EXPORT_DPI, path))
                    written.append(path)
                    if layout_once:
                        figure.set_layout_engine("none")
            finally:
                figure.set_layout_engine(engine)
    return written
