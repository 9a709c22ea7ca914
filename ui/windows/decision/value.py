"""The value-for-money tab: measures ranked by the change of a target's probability per
extra 1,000 万元 spent through them, with their share of the outlay's variance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from simulator import analysis
from simulator.present import WAN_PER_YI

from ...core.labels import format_percent, measure_name
from ...i18n import language, tr
from ...widgets.basic import wrap_label
from ...widgets.styles import BOLD_STYLE, NOTE_STYLE
from ...widgets.tables import copy_button, item, make_table
from .base import AnalysisTab, decision_chart
from .texts import output_name, short_output, yi_unit
from .worker import VALUE_FOR_MONEY


class ValueTab(AnalysisTab):
    """Measures ranked by value for money for one target."""

    kind = VALUE_FOR_MONEY

    def __init__(self, window):
        super().__init__(window)
        self.target_label = QLabel()
        self.target_combo = QComboBox()
        self.target_combo.setMinimumContentsLength(28)
        self.target_combo.currentIndexChanged.connect(lambda _i: self.show_result())
        top = QHBoxLayout()
        top.addWidget(self.target_label)
        top.addWidget(self.target_combo, 1)
        top.addWidget(self.run_button)
        self.chart = decision_chart("value_for_money", window)
        self.table_title = QLabel()
        self.table_title.setStyleSheet(BOLD_STYLE)
        self.table = make_table(6, stretch=1)
        self.method = wrap_label(style=NOTE_STYLE)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.table_title)
        head.addStretch(1)
        head.addWidget(copy_button(self.table, window.show_status))
        box_layout.addLayout(head)
        box_layout.addWidget(self.table)
        box_layout.addWidget(self.method)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self.page)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.stale)
        layout.addWidget(splitter, 1)
        self.fill_targets()

    @property
    def target(self) -> str:
        return self.target_combo.currentData() or analysis.ALL_TARGETS

    def fill_targets(self) -> None:
        catalogue = self.document.scenario.catalogue
        current = self.target_combo.currentData()
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for output in analysis.outputs(catalogue):
            if output != analysis.OUTLAY:
                self.target_combo.addItem(output_name(catalogue, output), output)
        index = self.target_combo.findData(current if current else analysis.ALL_TARGETS)
        self.target_combo.setCurrentIndex(max(0, index))
        self.target_combo.blockSignals(False)

    def empty_text(self) -> str:
        return tr("Not run yet. Press Run: a few seconds at 20,000 draws.")

    def show_result(self) -> None:
        result = self.result
        if result is None:
            self.chart.show_note(
                tr(
                    "Press Run to rank the measures by the change in a "
                    "target's probability per extra 1,000 10k yuan."
                )
            )
            self.table.setRowCount(0)
            self.method.setText("")
            return
        self.chart.chart.output = self.target  # the chart ranks by this output
        self.chart.show_result(result)
        self.fill_table()

    def fill_table(self) -> None:
        result, target = self.result, self.target
        catalogue = result.catalogue
        table = self.table
        table.setHorizontalHeaderLabels(
            [
                tr("Rank"),
                tr("Measure"),
                tr("Outlay 2024–2028 ({unit})").format(unit=yi_unit()),
                tr("Δ {output} (points)").format(output=short_output(catalogue, target)),
                tr("Δ targets reached"),
                tr("Share of outlay variance"),
            ]
        )
        tips = [
            "",
            "",
            tr("Expected outlay of the measure 2024–2028"),
            tr("Change in {output} per extra 1,000 10k yuan (points)").format(
                output=short_output(catalogue, target)
            ),
            tr("Change in targets reached per extra 1,000 10k yuan"),
            tr("The measure's share of the variance of the total outlay"),
        ]
        for c, tip in enumerate(tips):
            table.horizontalHeaderItem(c).setToolTip(tip)
        ranked = result.ranked(target)
        table.setRowCount(len(ranked))
        for r, m in enumerate(ranked):
            name = measure_name(catalogue.measure(m.measure))
            value = m.per_block.get(target)
            targets = m.per_block.get("targets")
            table.setItem(r, 0, item(str(r + 1), numeric=True))
            table.setItem(r, 1, item(name, tooltip=name))
            table.setItem(r, 2, item(f"{m.outlay_wan / WAN_PER_YI:,.2f}", numeric=True))
            table.setItem(
                r, 3, item(f"{100 * value:+.3f}" if value is not None else "—", numeric=True)
            )
            table.setItem(
                r, 4, item(f"{targets:+.4f}" if targets is not None else "—", numeric=True)
            )
            table.setItem(r, 5, item(format_percent(m.variance_share), numeric=True))
        self.method.setText(
            tr(
                "Each measure's uptake is moved ±{step} in all its lines with the same random "
                "draws; the change in probability is divided by the change in the measure's "
                "expected outlay and quoted in percentage points per 1,000 10k yuan. "
                "“—”: the step moves no money."
            ).format(step=f"{result.step:.0%}")
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.target_label.setText(tr("Target"))
        self.table_title.setText(
            tr(
                "Measures ranked by value for money (Δ: change per extra "
                "1,000 10k yuan spent through the measure)"
            )
        )
        self.fill_targets()
        self.chart.set_language(language())
        self.show_result()
