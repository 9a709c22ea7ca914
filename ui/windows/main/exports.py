"""The main window's exports: the current chart or all charts, the summary table to CSV or
the clipboard, and the folder of the last export.

``ExportActions`` is mixed into ``MainWindow``; it uses the window's ``results``,
``charts``, ``settings`` and status bar.
"""

from __future__ import annotations

from pathlib import Path

from simulator.present import effective_language, summary_rows, write_charts

from ...i18n import language, tr
from ...widgets import dialogs
from ...widgets.export import (
    chart_folder,
    export_chart,
    export_csv,
    export_dir,
    reason,
    remember_dir,
)
from ...widgets.tables import copy_rows


class ExportActions:
    """Charts and the summary table out of the window."""

    def export_dir(self) -> Path:
        """The folder of the last export (charts, tables, the briefing report)."""
        return export_dir(self.settings)

    def remember_export_dir(self, folder: Path) -> None:
        remember_dir(self.settings, folder)

    def _wrote(self, path: Path) -> None:
        self.remember_export_dir(path.parent)
        self.statusBar().showMessage(tr("Wrote {file}").format(file=str(path)), 5000)

    def export_current_chart(self, path: str | Path | None = None) -> bool:
        canvas = self.charts.current_canvas()
        return self.export_chart(canvas, path) if canvas is not None else False

    def export_chart(self, canvas, path: str | Path | None = None) -> bool:
        """One chart to PNG, SVG or PDF (format from the file name or the chosen filter)."""
        if self.results is None:
            return False
        self.charts.ensure_drawn(canvas)
        written = export_chart(self, canvas, path, self.export_dir())
        if written is not None:
            self._wrote(written)
        return written is not None

    def export_all_charts(self, directory: str | Path | None = None) -> list[Path]:
        """Every chart in PNG, SVG and PDF into a folder (``write_charts``)."""
        if self.results is None:
            return []
        if directory is None:
            directory = chart_folder(self, self.export_dir())
            if directory is None:
                return []
        directory = Path(directory)
        try:
            written = write_charts(self.results, directory, effective_language(language()))
        except (OSError, ValueError) as exc:
            dialogs.show_error(self, tr("Could not write the charts"), reason(exc, directory))
            return []
        self.remember_export_dir(directory)
        self.statusBar().showMessage(
            tr("Wrote {n} files to {folder}").format(n=len(written), folder=str(directory)), 5000
        )
        return written

    def export_summary_csv(self, path: str | Path | None = None) -> bool:
        """The summary table as CSV (UTF-8 with BOM, opens in Excel)."""
        if self.results is None:
            return False
        written = export_csv(
            self,
            summary_rows(self.results, language()),
            path,
            tr("Export summary table"),
            self.export_dir() / "summary.csv",
        )
        if written is not None:
            self._wrote(written)
        return written is not None

    def copy_summary(self) -> bool:
        """The summary table to the clipboard as tab-separated text."""
        if self.results is None:
            return False
        rows = summary_rows(self.results, language())
        copy_rows(rows)
        self.statusBar().showMessage(
            tr("Copied the summary table ({rows} rows) to the clipboard.").format(rows=len(rows)),
            5000,
        )
        return True
