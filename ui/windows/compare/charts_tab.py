"""The comparison's second tab: the overlaid totals, the difference to the reference and the
target probabilities (``simulator.present.comparison_figures``), redrawn on a language
switch, each exported from its context menu, all three into a folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from simulator.present import comparison_figures, effective_language, write_comparison_charts

from ...i18n import language, tr
from ...widgets.chart_view import ChartView
from ...widgets.dialogs import show_error
from ...widgets.export import chart_folder, export_chart, reason

CHART_STEMS = ("compare_total", "compare_difference", "compare_targets")


class ChartsTab(QWidget):
    """One chart view per comparison figure, in tabs."""

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.comparison = None
        self.canvases: dict[str, ChartView] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addStretch(1)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self.export_all())
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)

    def retranslate(self) -> None:
        self.export_button.setText(tr("Export charts…"))

    def show_comparison(self, comparison) -> None:
        """The figures of this comparison in the current language."""
        self.comparison = comparison
        figures = comparison_figures(comparison, effective_language(language()))
        current = self.tabs.currentIndex()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.canvases = {}
        names = {
            "compare_total": tr("Total outlays"),
            "compare_difference": tr("Difference to the reference"),
            "compare_targets": tr("Target probabilities"),
        }
        for stem in CHART_STEMS:
            figure, look = figures[stem]
            view = ChartView(stem, figure=figure, look=look)
            view.exportRequested.connect(lambda v: self.export(v))
            self.canvases[stem] = view
            self.tabs.addTab(view, names[stem])
        self.tabs.setCurrentIndex(max(0, current))

    def export(self, view: ChartView, path: str | Path | None = None) -> bool:
        """One chart to PNG, SVG or PDF (format from the file name or the chosen filter)."""
        written = export_chart(self, view, path, self.window_.export_dir())
        if written is not None:
            self.window_.wrote(written)
        return written is not None

    def export_all(self, directory: str | Path | None = None) -> list[Path]:
        """The three comparison charts as PNG, SVG and PDF into a folder."""
        if self.comparison is None:
            return []
        if directory is None:
            directory = chart_folder(self, self.window_.export_dir())
            if directory is None:
                return []
        directory = Path(directory)
        try:
            written = write_comparison_charts(
                self.comparison, directory, effective_language(language())
            )
        except (OSError, ValueError) as exc:
            show_error(self, tr("Could not write the charts"), reason(exc, directory))
            return []
        self.window_.remember_export_dir(directory)
        self.window_.show_status(
            tr("Wrote {n} files to {folder}").format(n=len(written), folder=str(directory))
        )
        return written
