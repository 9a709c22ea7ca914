"""Result views: chart tabs and the summary table.

Charts come from ``simulator.present`` (``make_chart``) in ``ChartView``s; this module only
places them in tabs and keeps them current. On new results only the visible charts are
touched, in place (``update_result`` then ``draw_idle``); hidden charts catch up when their
tab is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from simulator.model import translate
from simulator.present import (
    HEADERS,
    chart_kinds,
    is_percent_header,
    make_chart,
    summary_rows,
)

from ...core.labels import format_number, format_percent, indicator_name
from ...i18n import language, tr
from ...widgets.chart_view import ChartView
from ...widgets.elide import DistinctElideDelegate
from ...widgets.styles import BOLD_STYLE, FLAG_COLOURS, HEADER_COLOUR
from ...widgets.tables import cell_at, safe_copy

TAB_KINDS = ("total_fan", "by_section", "by_department", "indicators", "targets")
GAP_ROW_HEIGHT = 6


class ChartTabs(QTabWidget):
    """Total fan, by section, by department, the indicators (one sub-tab each), targets."""

    exportRequested = Signal(object)

    def __init__(self, catalogue, parent=None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.results = None
        self.synchronous = False  # draw at once instead of on the next paint (benchmarks)
        self.live = False  # a slider is being dragged
        self.canvases: dict[str, ChartView] = {}
        self.observed: dict[str, list[int]] = {}  # indicator id -> years with actuals
        self.history = None  # the history on the indicator charts (None: the shipped one)
        self.indicator_tabs = QTabWidget()
        self.indicator_tabs.setDocumentMode(True)
        for kind in chart_kinds(catalogue):
            canvas = ChartView(kind, make_chart)
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
        names = {
            "total_fan": tr("Total outlay"),
            "by_section": tr("By section"),
            "by_department": tr("By department"),
            "indicators": tr("Indicators"),
            "targets": tr("Targets"),
        }
        for i, kind in enumerate(TAB_KINDS):
            self.setTabText(i, names[kind])
        indicators = [k for k in self.canvases if k.startswith("indicator:")]
        for i, kind in enumerate(indicators):
            indicator = self.catalogue.indicator(kind.split(":", 1)[1])
            name = indicator_name(indicator)
            years = self.observed.get(indicator.id)
            mark = " ●" if years else ""
            self.indicator_tabs.setTabText(i, name.replace("&", "&&") + mark)  # no mnemonic
            self.indicator_tabs.setTabToolTip(
                i,
                name
                + (
                    "\n" + tr("Observed: {years}").format(years=", ".join(map(str, years)))
                    if years
                    else ""
                ),
            )

    def set_observed(self, observed: dict[str, list[int]]) -> None:
        """Mark the indicator tabs that have observed values (actuals)."""
        if observed != self.observed:
            self.observed = dict(observed)
            self.retranslate()

    def set_history(self, history) -> None:
        """Show this published history (None: the shipped one) on the indicator charts;
        the charts that show results are redrawn."""
        self.history = history
        for kind, canvas in self.canvases.items():
            if kind.startswith("indicator:") and canvas.chart is not None:
                canvas.chart.set_history(history)
                if canvas.isVisible():
                    canvas.draw_idle()

    def set_language(self, lang: str) -> None:
        self.retranslate()
        for canvas in self.canvases.values():
            if canvas.isVisible() or canvas.result is None:
                canvas.set_language(lang)
            else:  # redrawn in the new language when next shown
                canvas.forget(lang)
        self.refresh_visible()

    def visible_canvases(self) -> list[ChartView]:
        current = self.currentWidget()
        if current is self.indicator_tabs:
            current = self.indicator_tabs.currentWidget()
        return [current] if isinstance(current, ChartView) else []

    def current_canvas(self) -> ChartView | None:
        visible = self.visible_canvases()
        return visible[0] if visible else None

    def set_results(self, results) -> None:
        self.results = results
        self.refresh_visible()

    def refresh_visible(self, now: bool = False) -> None:
        for canvas in self.visible_canvases():
            if self.live:
                canvas.freeze_layout()
                canvas.show_result_live(self.results)
                continue
            if canvas.update_result(self.results):
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

    def ensure_drawn(self, canvas: ChartView) -> None:
        """Bring a (possibly hidden) chart up to date before saving it."""
        if canvas.update_result(self.results):
            canvas.draw()

    def select_tab(self, index: int) -> None:
        """Show result tab 0–4 (total, by section, by department, indicators, targets)."""
        self.setCurrentIndex(max(0, min(index, self.count() - 1)))

    def select_indicator(self, n: int) -> None:
        """Show the indicators tab at its n-th indicator (0-based)."""
        self.setCurrentWidget(self.indicator_tabs)
        self.indicator_tabs.setCurrentIndex(n)


class SummaryTable(QWidget):
    """The summary table (``simulator.present.summary_rows``) with Copy and Export CSV
    buttons."""

    copyRequested = Signal()
    exportRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results = None
        self.rows: list[list] = []
        self.shifts: list[int] = []
        self.title = QLabel()
        self.title.setStyleSheet(BOLD_STYLE)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copyRequested)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.exportRequested)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        top.addWidget(self.export_button)
        self.table = safe_copy(QTableWidget(0, 7))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setVisible(False)
        self.table.setShowGrid(False)
        # similar names ("Technology enterprises", "Technology brokers") stay apart
        self.delegate = DistinctElideDelegate(
            self.table, lambda: [str(row[0]) for row in self.rows if row]
        )
        self.table.setItemDelegate(self.delegate)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.table.verticalHeader().setMinimumSectionSize(4)
        header = self.table.horizontalHeader()
        # columns 1–6 as wide as the outlay and target blocks need (set_results); the blocks
        # below them (count targets, budget) elide with the full text as tooltip, so the
        # names in column 0 keep the rest of the width on a small screen
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.retranslate()

    def content_height(self) -> int:
        """The height that shows every row without scrolling."""
        table = self.table
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        return (
            self.layout().sizeHint().height()
            - table.sizeHint().height()
            + (rows + 2 * table.frameWidth())
        )

    def retranslate(self) -> None:
        self.title.setText(tr("Summary"))
        self.copy_button.setText(tr("Copy"))
        self.export_button.setText(tr("Export CSV…"))
        if self.results is not None:
            self.set_results(self.results)

    def set_results(self, results) -> None:
        self.results = results
        self.rows = summary_rows(results, language())
        self.delegate.forget()
        table = self.table
        table.setUpdatesEnabled(False)
        table.clearSpans()
        table.setRowCount(len(self.rows))
        self.shifts = self._shifts()
        bold = QFont()
        bold.setBold(True)
        header_brush = QBrush(QColor(HEADER_COLOUR))
        flags = {"on_track", "at_risk", "off_track"}
        flag_text = {}
        for key in flags:
            flag_text[translate(HEADERS[key], language())] = key
        probability_block = False
        for r, row in enumerate(self.rows):
            is_header = r == 0 or (row and r > 0 and not self.rows[r - 1])
            if is_header and r > 0:
                probability_block = len(row) > 3 and is_percent_header(str(row[3]), language())
            shift = self.shifts[r]
            if shift:  # the name spans the columns its block leaves free
                table.setSpan(r, 0, 1, 1 + shift)
            for c in range(table.columnCount()):
                k = 0 if c == 0 else c - shift  # the row's field in this column
                if 0 < c <= shift:
                    cell_at(table, r, c).setText("")  # under the name's span
                    continue
                value = row[k] if k < len(row) else ""
                text = self._cell_text(
                    value, k, probability_block and not is_header, row[2] if len(row) > 2 else ""
                )
                item = cell_at(table, r, c)
                item.setText(text)
                item.setToolTip(text)
                item.setFont(bold if is_header else QFont())
                item.setBackground(header_brush if is_header and row else QBrush())
                numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
                item.setTextAlignment(
                    (Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                    | Qt.AlignmentFlag.AlignVCenter
                )
                key = flag_text.get(value) if isinstance(value, str) else None
                if key is not None and not is_header:
                    item.setBackground(QBrush(QColor(FLAG_COLOURS[key])))
        default = table.verticalHeader().defaultSectionSize()
        for r, row in enumerate(self.rows):  # the blank rows between the blocks: a gap
            table.setRowHeight(r, default if row else GAP_ROW_HEIGHT)
        self._fit_columns()
        table.setUpdatesEnabled(True)

    def _shifts(self) -> list[int]:
        """Per row, how many columns right of the name its block's fields start later: the
        blocks with fewer fields than the table has columns and no year (the targets, the
        count targets) end at the last column, and their names take the columns left free
        (the outlay block's Year and Unit), so that they can be read on a small screen."""
        columns = self.table.columnCount()
        year = translate(HEADERS["year"], language())
        shifts: list[int] = []
        shift = 0
        for r, row in enumerate(self.rows):
            if not row:
                shift = 0
            elif r == 0 or not self.rows[r - 1]:  # a block's header
                shift = max(0, columns - len(row)) if len(row) > 1 and row[1] != year else 0
            shifts.append(shift if row else 0)
        return shifts

    def column_of(self, row: int, field: int) -> int:
        """The table column that shows field ``field`` of summary row ``row``."""
        return 0 if field == 0 else field + self.shifts[row]

    def _fit_columns(self) -> None:
        """Columns 1–6 as wide as the first two blocks need (outlays, targets; a header
        may wrap at its spaces), then wider, column by column, while the names keep the room
        they need (at most half the table); what still does not fit elides in the middle,
        with its full text as the tooltip. A header row that wraps is two lines high."""
        table = self.table
        if table.rowCount() == 0 or len(self.shifts) != table.rowCount():
            return
        blanks = [r for r, row in enumerate(self.rows) if not row]
        first = blanks[1] if len(blanks) > 1 else len(self.rows)
        headers = {r for r, row in enumerate(self.rows) if row and (r == 0 or not self.rows[r - 1])}
        bold = QFont(table.font())
        bold.setBold(True)
        plain, heavy = QFontMetrics(table.font()), QFontMetrics(bold)
        padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8

        def text_width(r: int, column: int, wrapped: bool = False) -> int:
            item = table.item(r, column)
            if item is None or not item.text():
                return 0
            metrics = heavy if item.font().bold() else plain
            words = item.text().split(" ") if wrapped else [item.text()]
            return max(metrics.horizontalAdvance(word) for word in words) + padding

        def width(column: int, end: int, wrapped: bool = False) -> int:
            rows = range(min(end, table.rowCount()))
            texts = [
                text_width(r, column, wrapped and r in headers)
                for r in rows
                if column > self.shifts[r]
            ]
            return max([*texts, 0]) or 8

        columns = range(1, table.columnCount())
        widths = [width(c, first, wrapped=True) for c in columns]

        def names_room(end: int) -> int:
            """What the names of rows before ``end`` need beyond the columns their span
            covers (at most half the table)."""
            rows = range(min(end, table.rowCount()))
            need = [text_width(r, 0) - sum(widths[: self.shifts[r]]) for r in rows]
            return min(max([*need, 0]), table.viewport().width() // 2)

        def widen(spare: int, wanted: list[int]) -> int:
            for k, want in enumerate(wanted):  # column by column while room is left
                extra = min(max(spare, 0), max(want - widths[k], 0))
                widths[k] += extra
                spare -= extra
            return spare

        # by priority: the first blocks' names, every block's cells (headers wrapped at
        # their spaces), every name, then the headers on one line
        names = names_room(first)
        spare = table.viewport().width() - names - sum(widths)
        spare = widen(spare, [width(c, table.rowCount(), wrapped=True) for c in columns])
        spare -= max(0, names_room(table.rowCount()) - names)
        widen(spare, [width(c, table.rowCount()) for c in columns])
        for c, w in zip(columns, widths, strict=True):
            table.setColumnWidth(c, w)
        line = table.verticalHeader().defaultSectionSize()
        for r in headers:
            wraps = any(text_width(r, c) > w for c, w in zip(columns, widths, strict=True))
            table.setRowHeight(r, 2 * line - 4 if wraps else line)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

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
