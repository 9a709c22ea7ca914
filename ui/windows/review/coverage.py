"""The grid of years observed so far in the actuals tab: one row per headline indicator and
one for outlays, one column per year, a mark where the scenario holds an observed value."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from simulator.model import INDICATOR_YEARS, Scenario

from ...core.actual_labels import observed_years
from ...core.labels import indicator_name
from ...i18n import tr

OBSERVED_MARK = "●"
OBSERVED_COLOUR = "#d8f0e6"


class CoverageGrid(QTableWidget):
    """Read-only: which years hold observed values."""

    def __init__(self, parent=None):
        super().__init__(0, len(INDICATOR_YEARS), parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_scenario(self, scenario: Scenario) -> None:
        """Mark the years observed in this scenario's actuals."""
        catalogue = scenario.catalogue
        rows = [(indicator_name(i), ("indicator", i.id)) for i in catalogue.indicators]
        rows.append((tr("Outlays (lines or measures)"), ("outlay", None)))
        self.setRowCount(len(rows))
        self.setHorizontalHeaderLabels([str(y) for y in INDICATOR_YEARS])
        self.setVerticalHeaderLabels([name for name, _ in rows])
        outlays: dict[int, int] = {}
        indicators = observed_years(scenario)
        for entry in scenario.actuals:
            if entry["kind"] in ("line", "measure"):
                outlays[entry["year"]] = outlays.get(entry["year"], 0) + 1
        mark_brush = QBrush(QColor(OBSERVED_COLOUR))
        for r, (_name, (what, ident)) in enumerate(rows):
            for c, year in enumerate(INDICATOR_YEARS):
                item = self.item(r, c) or QTableWidgetItem()
                if self.item(r, c) is None:
                    self.setItem(r, c, item)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if what == "indicator":
                    observed = year in indicators.get(ident, ())
                    item.setText(OBSERVED_MARK if observed else "")
                    item.setToolTip(tr("observed") if observed else "")
                elif year == INDICATOR_YEARS[0]:
                    observed = False
                    item.setText("—")
                    item.setToolTip(tr("Outlays start in 2024."))
                else:
                    n = outlays.get(year, 0)
                    observed = n > 0
                    item.setText(OBSERVED_MARK if n else "")
                    item.setToolTip(tr("{n} observed outlays").format(n=n) if n else "")
                item.setBackground(mark_brush if observed else QBrush())
        self.setFixedHeight(
            self.horizontalHeader().sizeHint().height() + 22 * len(rows) + 2 * self.frameWidth() + 2
        )
