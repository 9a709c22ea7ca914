"""One chart on screen, the same for the result tabs, the comparison and the decision tabs.

A ``ChartView`` shows a matplotlib figure on a canvas, or a note in its place until there is
something to draw (``show_note``). The figure is either drawn by a chart object of
``simulator.present`` (``make_chart``, ``make_decision_chart``: pass the factory) or given
ready-made with its look (the comparison's figures). Right-click offers "Export chart…",
which emits ``exportRequested``; windows save it with ``widgets.export.export_chart``, which
calls ``save``.

The result tabs move their charts in place (``update_result``) and, while a slider is held,
repaint only the data over a saved picture of the rest (``show_result_live``).
"""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QStackedWidget

from simulator.present import CHART_DPI, CHART_SIZE, effective_language, save_figure

from ..i18n import language, tr

PLACEHOLDER_STYLE = "color: #666666; font-size: 14px; padding: 24px;"


#: Charts are composed for canvases at least this wide (pixels); a narrower canvas draws
#: the whole chart smaller, text included, down to MIN_CHART_SCALE, so that titles and
#: legends are not cut off on small screens.
COMPOSED_WIDTH = 640
MIN_CHART_SCALE = 0.8


def chart_scale(width: int) -> float:
    """How much smaller than composed a chart is drawn on a canvas ``width`` pixels wide."""
    return max(MIN_CHART_SCALE, min(1.0, width / COMPOSED_WIDTH))


class _Canvas(FigureCanvasQTAgg):
    """The canvas; a ready-made figure is drawn with its look's fonts. On a narrow canvas
    the figure's resolution is lowered (``chart_scale``), which draws it smaller."""

    def __init__(self, figure: Figure, look=None):
        self._composed_dpi = figure.dpi
        super().__init__(figure)
        self.look = look

    def resizeEvent(self, event) -> None:
        dpi = self._composed_dpi * chart_scale(event.size().width())
        figure = self.figure
        if figure is not None and figure._original_dpi != dpi:
            # matplotlib keeps the logical resolution in _original_dpi and scales it by the
            # screen's device pixel ratio; the resize below then sizes the figure in inches
            figure._original_dpi = dpi
            figure._set_dpi(dpi * self.device_pixel_ratio, forward=False)
        super().resizeEvent(event)

    def draw(self) -> None:
        if self.look is None:
            super().draw()
            return
        with self.look.rc():
            super().draw()


class ChartView(QStackedWidget):
    """A chart (``kind``) on a canvas, or a note; right-click to export."""

    exportRequested = Signal(object)  # the ChartView

    def __init__(self, kind: str, make=None, figure: Figure | None = None, look=None, parent=None):
        super().__init__(parent)
        self.kind = kind
        self._make = make
        self.result = None  # what the chart shows: results or an analysis's result
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(PLACEHOLDER_STYLE)
        self.figure = (
            figure
            if figure is not None
            else Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
        )
        self.look = look
        self.canvas = _Canvas(self.figure, look)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(360, 220)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._menu)
        self.chart = make(kind, self.figure, effective_language(language())) if make else None
        self._frozen = False  # live: the layout is kept while a slider moves
        self._moving: list = []
        self._background = None
        self.addWidget(self.placeholder)
        self.addWidget(self.canvas)
        self.setCurrentWidget(self.canvas)

    # ------------------------------------------------------------------ showing
    def has_content(self) -> bool:
        """Whether there is a chart to export (a ready-made figure always is one)."""
        return self.chart is None or self.result is not None

    def set_kind(self, kind: str) -> None:
        """Show another kind of chart of the same factory (the caller draws or shows a note
        next)."""
        if kind == self.kind:
            return
        self.kind = kind
        self.chart = self._make(kind, self.figure, effective_language(language()))

    def show_result(self, result) -> None:
        """Draw the chart anew for this result and show it."""
        self.result = result
        self.chart.draw(result)
        self.canvas.draw_idle()
        self.setCurrentWidget(self.canvas)

    def show_note(self, text: str) -> None:
        """A note instead of the chart (nothing to draw yet)."""
        self.result = None
        self.placeholder.setText(text)
        self.setCurrentWidget(self.placeholder)

    def update_result(self, results) -> bool:
        """Move the chart to these results in place (the caller repaints); True when
        something changed."""
        if results is None or results is self.result:
            return False
        self.chart.update(results)
        self.result = results
        return True

    def draw(self) -> None:
        self.canvas.draw()

    def draw_idle(self) -> None:
        self.canvas.draw_idle()

    def set_language(self, lang: str) -> None:
        """Redraw all text in this language (at once when the chart shows something)."""
        if self.chart is None:
            return
        if self.result is None:  # drawn in this language when there is something to show
            self.chart.language = effective_language(lang)
            return
        self.chart.set_language(effective_language(lang))  # redraws
        self.canvas.draw_idle()

    def forget(self, lang: str) -> None:
        """Drawn anew, in this language, when next shown (a hidden result tab)."""
        self.chart.language = effective_language(lang)
        self.result = None

    def texts(self) -> list[str]:
        """Every text drawn in the figure."""
        from matplotlib.text import Text

        return [t.get_text() for t in self.figure.findobj(Text) if t.get_text()]

    # ------------------------------------------------------------------ live (slider held)
    def freeze_layout(self) -> None:
        if self.result is not None and not self._frozen:
            self._frozen = True
            self._background = None
            self.figure.set_layout_engine("none")

    def thaw_layout(self) -> None:
        if self._frozen:
            self._frozen = False
            for artist in self._moving:
                artist.set_animated(False)
            self._moving, self._background = [], None
            self.chart.draw(self.result)  # rebuilds with the chart's own layout
            self.canvas.draw_idle()

    def show_result_live(self, results) -> None:
        """While a slider is held: move the chart and repaint only its data (bands, lines,
        bars, their labels) over a saved picture of the rest (blitting): text, which costs
        most of a full redraw, is not drawn again. A change of the axis limits, and the
        first move, redraw in full; titles catch up when the slider is released."""
        axes = self.chart.axes
        if results is None or results is self.result or axes is None:
            return
        limits = (axes.get_xlim(), axes.get_ylim())
        self.chart.update(results)
        self.result = results
        if self.chart.axes is not axes or (axes.get_xlim(), axes.get_ylim()) != limits:
            self._background = None  # redrawn (new series or limits): capture again
        canvas = self.canvas
        if self._background is None:
            for artist in self._moving:
                artist.set_animated(False)
            axes = self.chart.axes
            self._moving = [*axes.lines, *axes.collections, *axes.patches, *axes.texts]
            for artist in self._moving:
                artist.set_animated(True)
            canvas.draw()  # everything but the moving artists
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        canvas.blit(self.figure.bbox)

    # ------------------------------------------------------------------ export
    def save(self, path, fmt: str) -> None:
        """Write the chart to a file (``simulator.present.save_figure``); OSError subclasses
        name the path."""
        if self.chart is not None:
            self.chart.savefig(path, fmt)
        else:
            save_figure(self.figure, self.look, path, fmt)

    def _menu(self, position) -> None:
        if not self.has_content():
            return
        menu = QMenu(self)
        action = QAction(tr("Export chart…"), menu)
        action.triggered.connect(lambda: self.exportRequested.emit(self))
        menu.addAction(action)
        menu.exec(self.canvas.mapToGlobal(position))
