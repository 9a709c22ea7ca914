"""What the analysis tabs share: a Run button, a line saying what the result was computed
with and whether it is out of date, and the decision charts' views."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from simulator.present import make_decision_chart

from ...core.labels import format_seconds, sampler_name
from ...i18n import tr
from ...widgets.basic import ColumnScrollArea, wrap_label
from ...widgets.chart_view import ChartView
from ...widgets.styles import NOTE_STYLE, STALE_STYLE


def decision_chart(kind: str, window) -> ChartView:
    """A view of one decision chart (``make_decision_chart``); it shows a note until there
    is a result, and the decision window exports it."""
    view = ChartView(kind, make_decision_chart)
    view.setMinimumHeight(220)
    view.exportRequested.connect(window.export_chart)
    return view


class AnalysisTab(ColumnScrollArea):
    """A tab showing one analysis: a Run button, an info line saying what it was computed
    with and whether it is out of date, and its charts and tables, laid out on ``page``
    (which scrolls vertically on a small screen). A ``footer`` (``set_footer``: its action
    buttons) stays below the scrolling page, always in view."""

    kind = ""
    runRequested = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.page = QWidget()
        self.setWidget(self.page)
        self.window_ = window
        self.outcome = None  # worker.Outcome
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda: self.runRequested.emit(self.kind))
        self.info = wrap_label(style=NOTE_STYLE)
        self.stale = wrap_label(style=STALE_STYLE)
        self.stale.setVisible(False)
        self.footer: QWidget | None = None

    def set_footer(self, footer: QWidget) -> None:
        """Show ``footer`` across the tab's bottom, outside the scrolling page."""
        self.footer = footer
        footer.setParent(self)
        footer.installEventFilter(self)
        footer.show()
        self._place_footer()

    def _place_footer(self) -> None:
        footer = self.footer
        if footer is None:
            return
        width = self.width()
        layout = footer.layout()
        height = (
            layout.totalHeightForWidth(width)
            if layout is not None and layout.hasHeightForWidth()
            else footer.sizeHint().height()
        )
        self.setViewportMargins(0, 0, 0, height)
        footer.setGeometry(0, self.height() - height, width, height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_footer()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        footer = getattr(self, "footer", None)  # setWidget (in __init__) filters first
        if footer is not None and watched is footer and event.type() == QEvent.Type.LayoutRequest:
            self._place_footer()  # its text changed height
        return super().eventFilter(watched, event)

    @property
    def document(self):
        return self.window_.document

    @property
    def result(self):
        return self.outcome.result if self.outcome is not None else None

    def is_stale(self) -> bool:
        return self.outcome is not None and self.outcome.request.scenario != self.document.scenario

    def options(self) -> dict[str, Any] | None:
        """The analysis's keyword arguments, or None when the input is not valid."""
        return {}

    def set_outcome(self, outcome) -> None:
        self.outcome = outcome
        self.show_result()
        self.update_state()

    def update_state(self) -> None:
        outcome = self.outcome
        if outcome is None:
            self.info.setText(self.empty_text())
        else:
            result = outcome.result
            self.info.setText(
                tr(
                    "{scenario} · {draws} draws · seed {seed} · {sampler} · {seconds} · at {time}"
                ).format(
                    scenario=outcome.request.scenario.name,
                    draws=f"{result.draws:,}",
                    seed=result.seed,
                    sampler=sampler_name(result.sampler),
                    seconds=format_seconds(outcome.seconds),
                    time=outcome.finished_at,
                )
            )
        stale = self.is_stale()
        self.stale.setVisible(stale)
        self.stale.setText(
            tr(
                "Out of date: the scenario has changed since this analysis ran. "
                "Press Run to bring it up to date."
            )
        )

    def empty_text(self) -> str:
        return ""

    def show_result(self) -> None:  # pragma: no cover - overridden
        pass

    def retranslate(self) -> None:
        self.run_button.setText(tr("Run"))
        for button in self.findChildren(QPushButton):
            key = button.property("trKey")
            if key:
                button.setText(tr(key))
        self.update_state()
