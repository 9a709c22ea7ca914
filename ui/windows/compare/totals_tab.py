"""The comparison's third tab: mean total outlay per year of each scenario and its difference
to the reference, and the probability of reaching each target with its difference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from simulator.present import in_unit, money_unit

from ...core.labels import format_percent, indicator_name
from ...i18n import language, tr
from ...widgets.basic import wrap_label
from ...widgets.styles import FLAG_COLOURS, HEADER_COLOUR, NOTE_STYLE
from ...widgets.tables import cell_at, copied_text, copy_rows, safe_copy


class TotalsTab(QWidget):
    """Totals per year and target probabilities, with the differences (Copy to the
    clipboard)."""

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.comparison = None
        self.rows: list[list] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.note = wrap_label(style=NOTE_STYLE)
        top.addWidget(self.note, 1)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(lambda: self.copy())
        top.addWidget(self.copy_button)
        layout.addLayout(top)
        self.table = safe_copy(QTableWidget(0, 7))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        layout.addWidget(self.table)

    def retranslate(self) -> None:
        self.copy_button.setText(tr("Copy"))
        self.note.setText(
            tr(
                "Differences are computed draw by draw against the reference: Δ mean is the mean "
                "of the differences."
            )
        )

    def show_comparison(self, comparison) -> None:
        self.comparison = comparison
        names = comparison.names
        results = comparison.results
        n = len(names)
        years = results[0].years
        labels = [str(y) for y in years] + [f"{years[0]}–{years[-1]}"]
        totals = [r.outlay()["mean"] for r in results]
        unit = money_unit([v for t in totals for v in t[:-1]])
        unit_label = unit if language() == "zh" else {"亿元": "100m yuan", "万元": "10k yuan"}[unit]
        decimals = 2 if unit == "亿元" else 0
        rows: list[list] = []
        kinds: list[str] = []  # header, value, delta, blank, probability, pdelta
        rows.append([tr("Mean total outlay ({unit})").format(unit=unit_label)] + labels)
        kinds.append("header")
        for name, total in zip(names, totals):
            rows.append([name] + [f"{in_unit(v, unit):,.{decimals}f}" for v in total])
            kinds.append("value")
        for i in range(1, n):
            delta = comparison.outlay_difference(i)
            rows.append(
                [tr("Δ {name} − {reference}").format(name=names[i], reference=names[0])]
                + [f"{in_unit(v, unit):+,.{decimals}f}" for v in delta["mean"]]
            )
            kinds.append("delta")
        rows.append([])
        kinds.append("blank")
        header = (
            [tr("Probability of reaching the 2028 target")]
            + list(names)
            + [tr("Δ {name}").format(name=names[i]) for i in range(1, n)]
        )
        rows.append(header)
        kinds.append("header")
        catalogue = results[0].catalogue
        flags: dict[tuple[int, int], str] = {}
        for indicator in list(catalogue.indicators) + [None]:
            if indicator is None:
                probabilities = [r.all_targets_probability() for r in results]
                label = tr("All five targets")
                deltas = [comparison.target_difference(i)["all"] for i in range(1, n)]
            else:
                probabilities = [r.target_probability(indicator.id) for r in results]
                label = indicator_name(indicator)
                deltas = [comparison.target_difference(i)[indicator.id] for i in range(1, n)]
            for c, (r, p) in enumerate(zip(results, probabilities), start=1):
                flags[(len(rows), c)] = r.flag(p)
            rows.append(
                [label]
                + [format_percent(p) for p in probabilities]
                + [tr("{value} pp").format(value=f"{100 * d:+.1f}") for d in deltas]
            )
            kinds.append("probability")
        self.rows = rows
        table = self.table
        columns = max(len(r) for r in rows)
        table.setColumnCount(columns)
        table.setRowCount(len(rows))
        header_brush = QBrush(QColor(HEADER_COLOUR))
        bold = QFont()
        bold.setBold(True)
        for r, (row, kind) in enumerate(zip(rows, kinds)):
            for c in range(columns):
                text = row[c] if c < len(row) else ""
                item = cell_at(table, r, c)
                item.setText(text)
                item.setFont(bold if kind == "header" else QFont())
                brush = header_brush if kind == "header" and row else QBrush()
                flag = flags.get((r, c))
                if flag is not None:
                    brush = QBrush(QColor(FLAG_COLOURS[flag]))
                item.setBackground(brush)
                item.setTextAlignment(
                    (Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight)
                    | Qt.AlignmentFlag.AlignVCenter
                )
                item.setToolTip(text if c == 0 else "")
        h = table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def copy(self) -> bool:
        if self.comparison is None:
            return False
        copy_rows(self.rows)
        self.window_.show_status(copied_text(len(self.rows)))
        return True
