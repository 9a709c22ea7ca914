"""The sensitivity tab: the tornado (one assumption at a time, low to high) and the global
drivers over the draws, for the total outlay 2024–2028, each target or all five."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from simulator import analysis
from simulator.present import effective_language

from ...core.labels import format_percent
from ...i18n import language, tr
from ...widgets.basic import wrap_label
from ...widgets.styles import BOLD_STYLE, NOTE_STYLE
from ...widgets.tables import copy_button, item, make_table
from .base import AnalysisTab, decision_chart
from .texts import output_name
from .worker import SENSITIVITY

#: The least height of the tornado and drivers charts (pixels): below it their labels
#: overlap; the tab scrolls on a smaller screen instead.
TORNADO_HEIGHT = 400


class SensitivityTab(AnalysisTab):
    """Tornado and global drivers for one output."""

    kind = SENSITIVITY

    def __init__(self, window):
        super().__init__(window)
        self.output_label = QLabel()
        self.output_combo = QComboBox()
        self.output_combo.setMinimumContentsLength(28)
        self.output_combo.currentIndexChanged.connect(lambda _i: self.show_result())
        self.indicators_check = QCheckBox()
        self.indicators_check.setChecked(True)
        top = QHBoxLayout()
        top.addWidget(self.output_label)
        top.addWidget(self.output_combo, 1)
        top.addWidget(self.indicators_check)
        top.addWidget(self.run_button)
        self.charts = QTabWidget()
        self.tornado = decision_chart("tornado:all", window)
        self.drivers_chart = decision_chart("drivers:all", window)
        for chart in (self.tornado, self.drivers_chart):
            chart.setMinimumHeight(TORNADO_HEIGHT)  # ten bars, two lines of label each
            self.charts.addTab(chart, "")
        self.drivers_title = QLabel()
        self.drivers_title.setStyleSheet(BOLD_STYLE)
        self.drivers = make_table(5)
        self.interactions = wrap_label(style=NOTE_STYLE)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.drivers_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.drivers, window.show_status))
        table_layout.addLayout(head)
        table_layout.addWidget(self.drivers)
        table_layout.addWidget(self.interactions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.charts)
        splitter.addWidget(table_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self.page)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.stale)
        layout.addWidget(splitter, 1)
        self.fill_outputs()

    @property
    def output(self) -> str:
        return self.output_combo.currentData() or analysis.ALL_TARGETS

    def fill_outputs(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.output_combo.currentData()
        self.output_combo.blockSignals(True)
        self.output_combo.clear()
        for output in analysis.outputs(catalogue):
            self.output_combo.addItem(output_name(catalogue, output), output)
        index = self.output_combo.findData(current if current else analysis.ALL_TARGETS)
        self.output_combo.setCurrentIndex(max(0, index))
        self.output_combo.blockSignals(False)

    def options(self):
        return {"indicator_assumptions": self.indicators_check.isChecked()}

    def empty_text(self) -> str:
        return tr(
            "Not run yet. Press Run: about 6 s at 20,000 draws (4 s without the "
            "indicator model's assumptions)."
        )

    def show_result(self) -> None:
        result = self.result
        output = self.output
        self.tornado.set_kind(f"tornado:{output}")
        self.drivers_chart.set_kind(f"drivers:{output}")
        if result is None:
            note = tr("Press Run to see which assumptions move the outlay and the targets most.")
            self.tornado.show_note(note)
            self.drivers_chart.show_note(note)
            self.drivers.setRowCount(0)
            self.interactions.setText("")
            return
        self.tornado.show_result(result)
        self.drivers_chart.show_result(result)
        self.fill_drivers()

    def fill_drivers(self) -> None:
        result, output = self.result, self.output
        catalogue = result.catalogue
        outlay = output == analysis.OUTLAY
        headers = [
            tr("Uncertain quantity"),
            tr("Which part"),
            tr("Share of outlay variance"),
            tr("First-order index"),
            tr("Rank correlation ρ"),
        ]
        table = self.drivers
        table.setHorizontalHeaderLabels(headers)
        table.setColumnHidden(2, not outlay)
        drivers = result.top_drivers(output)
        table.setRowCount(len(drivers))
        for r, d in enumerate(drivers):
            name = d.name(catalogue, effective_language(language()))
            table.setItem(r, 0, item(name, tooltip=name))
            table.setItem(r, 1, item(d.what(effective_language(language()))))
            share = d.variance_share
            table.setItem(
                r, 2, item(format_percent(share) if share is not None else "—", numeric=True)
            )
            table.setItem(r, 3, item(format_percent(d.first_order), numeric=True))
            table.setItem(r, 4, item(f"{d.rank_correlation:+.2f}", numeric=True))
        share = result.interaction_share(output)
        if share is None:  # the same in every draw: nothing to explain
            self.interactions.setText(
                tr("This output is the same in every draw: no source of uncertainty moves it.")
            )
        elif outlay:
            self.interactions.setText(
                tr(
                    "Variance share: each line's covariance with the "
                    "total over the total's variance (all lines add up "
                    "to 100%). First-order index: the share of the "
                    "variance the quantity explains alone."
                )
            )
        else:
            self.interactions.setText(
                tr(
                    "First-order index: the share of the variance the "
                    "quantity explains alone. Interactions and joint "
                    "effects: {share}."
                ).format(share=format_percent(share))
            )

    def retranslate(self) -> None:
        super().retranslate()
        self.output_label.setText(tr("Output"))
        self.indicators_check.setText(tr("Include the indicator model's assumptions (slower)"))
        self.indicators_check.setToolTip(
            tr("Trend, 2023 start and effects of each indicator: each needs a full run.")
        )
        self.charts.setTabText(0, tr("Tornado"))
        self.charts.setTabText(1, tr("Global drivers"))
        self.drivers_title.setText(tr("Global drivers over the draws"))
        self.fill_outputs()
        lang = language()
        self.tornado.set_language(lang)
        self.drivers_chart.set_language(lang)
        self.show_result()
