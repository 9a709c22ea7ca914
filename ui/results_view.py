"""Result views: chart tabs (matplotlib canvases) and the summary table.

Charts come from ``simulator.charts``; this module only places them in tabs and keeps them
current. On new results only the visible charts are touched, in place (``chart.update`` then
``canvas.draw_idle``); hidden charts catch up when their tab is shown.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu,
                               QPushButton, QSizePolicy, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure

from simulator.present.charts import CHART_DPI, chart_kinds, effective_language, make_chart

from .decision_panel import summary_table_rows
from .i18n import language, tr
from .labels import format_number, format_percent, indicator_name

FLAG_COLOURS = {"on_track": "#d8f0e6", "at_risk": "#fbecc8", "off_track": "#f8d9cc"}
TAB_KINDS = ("total_fan", "by_section", "by_department", "indicators", "targets")


class ChartCanvas(FigureCanvasQTAgg):
    """A canvas holding one chart, with a context menu to export it."""

    exportRequested = Signal(object)  # the ChartCanvas

    def __init__(self, kind: str, lang: str):
        self.figure_ = Figure(figsize=(8, 4.5), dpi=CHART_DPI, layout="constrained")
        super().__init__(self.figure_)
        self.kind = kind
        self.chart = make_chart(kind, self.figure_, effective_language(lang))
        self.shown_results = None
        self._frozen = False
        self._moving: list = []
        self._background = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 240)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, position) -> None:
        menu = QMenu(self)
        action = QAction(tr("Export chart…"), menu)
        action.triggered.connect(lambda: self.exportRequested.emit(self))
        menu.addAction(action)
        menu.exec(self.mapToGlobal(position))

    def show_results(self, results) -> bool:
        """Move the chart to these results; True when something changed."""
        if results is None or results is self.shown_results:
            return False
        self.chart.update(results)
        self.shown_results = results
        return True

    def freeze_layout(self) -> None:
        if self.shown_results is not None and not self._frozen:
            self._frozen = True
            self._background = None
            self.figure_.set_layout_engine("none")

    def thaw_layout(self) -> None:
        if self._frozen:
            self._frozen = False
            for artist in self._moving:
                artist.set_animated(False)
            self._moving, self._background = [], None
            self.chart.draw(self.shown_results)  # rebuilds with the chart's own layout
            self.draw_idle()

    def show_results_live(self, results) -> None:
        """While a slider is held: move the chart and repaint only its data (bands, lines,
        bars, their labels) over a saved picture of the rest (blitting): text, which costs
        most of a full redraw, is not drawn again. A change of the axis limits, and the
        first move, redraw in full; titles catch up when the slider is released."""
        axes = self.chart.axes
        if results is None or results is self.shown_results or axes is None:
            return
        limits = (axes.get_xlim(), axes.get_ylim())
        self.chart.update(results)
        self.shown_results = results
        if self.chart.axes is not axes or (axes.get_xlim(), axes.get_ylim()) != limits:
            self._background = None  # redrawn (new series or limits): capture again
        if self._background is None:
            for artist in self._moving:
                artist.set_animated(False)
            axes = self.chart.axes
            self._moving = [*axes.lines, *axes.collections, *axes.patches, *axes.texts]
            for artist in self._moving:
                artist.set_animated(True)
            self.draw()  # everything but the moving artists
            self._background = self.copy_from_bbox(self.figure_.bbox)
        else:
            self.restore_region(self._background)
        for artist in self._moving:
            self.figure_.draw_artist(artist)
        self.blit(self.figure_.bbox)

    def set_language(self, lang: str) -> None:
        if self.shown_results is not None:
            self.chart.set_language(effective_language(lang))
            self.draw_idle()
        else:
            self.chart.language = effective_language(lang)


class ChartTabs(QTabWidget):
    """Total fan, by section, by department, the indicators (one sub-tab each), targets."""

    exportRequested = Signal(object)

    def __init__(self, catalogue, parent=None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.results = None
        self.synchronous = False  # draw at once instead of on the next paint (benchmarks)
        self.live = False  # a slider is being dragged
        self.canvases: dict[str, ChartCanvas] = {}
        self.observed: dict[str, list[int]] = {}  # indicator id -> years with actuals
        lang = language()
        self.indicator_tabs = QTabWidget()
        self.indicator_tabs.setDocumentMode(True)
        for kind in chart_kinds(catalogue):
            canvas = ChartCanvas(kind, lang)
            canvas.exportRequested.connect(self.exportRequested)
            self.canvases[kind] = canvas
            if kind.startswith("indicator:"):
                self.indicator_tabs.addTab(canvas, "")
        for kind in TAB_KINDS:
            self.addTab(self.indicator_tabs if kind == "indicators" else self.canvases[kind], "")
        self.currentChanged.connect(lambda _i: self.refresh_visible())
        self.indicator_tabs.currentChanged.connect(lambda _i: self.refresh_visible())
        self.retranslate()

    def retranslate(self) -> None:
        names = {"total_fan": tr("Total outlay"), "by_section": tr("By section"),
                 "by_department": tr("By department"), "indicators": tr("Indicators"),
                 "targets": tr("Targets")}
        for i, kind in enumerate(TAB_KINDS):
            self.setTabText(i, names[kind])
        indicators = [k for k in self.canvases if k.startswith("indicator:")]
        for i, kind in enumerate(indicators):
            indicator = self.catalogue.indicator(kind.split(":", 1)[1])
            name = indicator_name(indicator)
            years = self.observed.get(indicator.id)
            mark = " ●" if years else ""
            self.indicator_tabs.setTabText(i, name.replace("&", "&&") + mark)  # no mnemonic
            self.indicator_tabs.setTabToolTip(i, name + ("\n" + tr("Observed: {years}").format(
                years=", ".join(map(str, years))) if years else ""))

    def set_observed(self, observed: dict[str, list[int]]) -> None:
        """Mark the indicator tabs that have observed values (actuals)."""
        if observed != self.observed:
            self.observed = dict(observed)
            self.retranslate()

    def set_language(self, lang: str) -> None:
        self.retranslate()
        for canvas in self.canvases.values():
            if canvas.isVisible() or canvas.shown_results is None:
                canvas.set_language(lang)
            else:  # redrawn in the new language when next shown (update() sees the change)
                canvas.chart.language = effective_language(lang)
                canvas.shown_results = None
        self.refresh_visible()

    def visible_canvases(self) -> list[ChartCanvas]:
        current = self.currentWidget()
        if current is self.indicator_tabs:
            current = self.indicator_tabs.currentWidget()
        return [current] if isinstance(current, ChartCanvas) else []

    def current_canvas(self) -> ChartCanvas | None:
        visible = self.visible_canvases()
        return visible[0] if visible else None

    def set_results(self, results) -> None:
        self.results = results
        self.refresh_visible()

    def refresh_visible(self, now: bool = False) -> None:
        for canvas in self.visible_canvases():
            if self.live:
                canvas.freeze_layout()
                canvas.show_results_live(self.results)
                continue
            if canvas.show_results(self.results):
                if now or self.synchronous:
                    canvas.draw()
                else:
                    canvas.draw_idle()

    def set_live(self, live: bool) -> None:
        """While a slider is dragged, charts keep their layout (only data, limits and labels
        move), which halves the time of a redraw; on release they are laid out again."""
        self.live = live
        if not live:
            for canvas in self.canvases.values():
                canvas.thaw_layout()

    def ensure_drawn(self, canvas: ChartCanvas) -> None:
        """Bring a (possibly hidden) chart up to date before saving it."""
        if canvas.show_results(self.results):
            canvas.draw()

    def select_tab(self, index: int) -> None:
        """Show result tab 0–4 (total, by section, by department, indicators, targets)."""
        self.setCurrentIndex(max(0, min(index, self.count() - 1)))

    def select_indicator(self, n: int) -> None:
        """Show the indicators tab at its n-th indicator (0-based)."""
        self.setCurrentWidget(self.indicator_tabs)
        self.indicator_tabs.setCurrentIndex(n)


class SummaryTable(QWidget):
    """The summary table (``summary_table_rows``) with Copy and Export CSV buttons."""

    copyRequested = Signal()
    exportRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results = None
        self.rows: list[list] = []
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copyRequested)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.exportRequested)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        top.addWidget(self.export_button)
        self.table = QTableWidget(0, 7)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Summary"))
        self.copy_button.setText(tr("Copy"))
        self.export_button.setText(tr("Export CSV…"))
        if self.results is not None:
            self.set_results(self.results)

    def set_results(self, results) -> None:
        self.results = results
        self.rows = summary_table_rows(results, language())
        table = self.table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(self.rows))
        bold = QFont()
        bold.setBold(True)
        header_brush = QBrush(QColor("#e8edf3"))
        flags = {"on_track", "at_risk", "off_track"}
        flag_text = {}
        from simulator.present.tables import HEADERS
        for key in flags:
            flag_text[HEADERS["zh" if language() == "zh" else "en"][key]] = key
        probability_block = False
        for r, row in enumerate(self.rows):
            is_header = r == 0 or (row and r > 0 and not self.rows[r - 1])
            if is_header and r > 0:
                probability_block = True
            for c in range(table.columnCount()):
                value = row[c] if c < len(row) else ""
                text = self._cell_text(value, c, probability_block and not is_header,
                                       row[2] if len(row) > 2 else "")
                item = table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    table.setItem(r, c, item)
                item.setText(text)
                item.setToolTip(text if c == 0 else "")
                item.setFont(bold if is_header else QFont())
                item.setBackground(header_brush if is_header and row else QBrush())
                numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
                item.setTextAlignment((Qt.AlignmentFlag.AlignRight if numeric
                                       else Qt.AlignmentFlag.AlignLeft)
                                      | Qt.AlignmentFlag.AlignVCenter)
                key = flag_text.get(value) if isinstance(value, str) else None
                if key is not None and not is_header:
                    item.setBackground(QBrush(QColor(FLAG_COLOURS[key])))
        table.setUpdatesEnabled(True)

    @staticmethod
    def _cell_text(value, column: int, probability_block: bool, unit: str) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "" if value is None else str(value)
        if probability_block and column == 3:
            return format_percent(float(value))
        if probability_block:
            return format_number(value)
        decimals = 2 if unit in ("亿元", "100m yuan") else 0
        return f"{float(value):,.{decimals}f}"
