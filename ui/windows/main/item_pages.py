"""The read-only pages of the detail panel: a section, a measure, and the "fixed by the
plan" box and title every page shares."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.model import Catalogue, Measure, Section

from ...core.labels import department_name, line_name, lines_count, measure_name, section_name
from ...i18n import language, tr
from ...widgets.basic import wrap_label
from ...widgets.styles import FIXED_STYLE, NOTE_STYLE, TITLE_STYLE

PAGE_MARGIN = 4


def new_page() -> tuple[QWidget, QVBoxLayout]:
    """A page of the detail panel with narrow side margins (the panel is a column)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    return page, layout


def header(layout: QVBoxLayout, title: str, subtitle: str = "") -> None:
    """The page title (selectable) and, below it, the name in the other language."""
    title_label = wrap_label(title, selectable=True, style=TITLE_STYLE)
    title_label.setObjectName("detailTitle")
    layout.addWidget(title_label)
    if subtitle:
        layout.addWidget(wrap_label(subtitle, selectable=True, style="color: #555555;"))


def fixed_group(rows: list[tuple[str, str]], note: str) -> QGroupBox:
    """A read-only box of what the plan fixes, under a note that says so."""
    group = QGroupBox(tr("Fixed by the plan"))
    group.setStyleSheet(FIXED_STYLE)
    form = QFormLayout(group)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.addRow(wrap_label(note, style=NOTE_STYLE))
    for label, value in rows:
        value_label = wrap_label(value, selectable=True)
        form.addRow(QLabel(label), value_label)
    return group


def measure_page(
    catalogue: Catalogue,
    measure: Measure,
    select_line: Callable[[str], None],
    add_own_line: Callable[[int], object],
) -> QWidget:
    """A measure: its section, departments and lines (each a link), and a button to attach
    an own budget line."""
    lang = language()
    page, layout = new_page()
    other = measure.title_en if lang == "zh" else measure.title_zh
    header(layout, measure_name(measure), other)
    section = catalogue.section(measure.section)
    departments = ("、" if lang == "zh" else "; ").join(
        department_name(catalogue, d) for d in measure.departments
    )
    lines = catalogue.lines_of_measure(measure.number)
    layout.addWidget(
        fixed_group(
            [
                (tr("Section"), section_name(section)),
                (tr("Responsible departments"), departments),
                (tr("Money rule"), lines_count(len(lines))),
            ],
            tr("These values come from the plan and cannot be changed here."),
        )
    )
    if lines:
        box = QGroupBox(tr("Lines of this measure"))
        box_layout = QVBoxLayout(box)
        for line in lines:
            rule = line.rule_text(lang) if not line.own else tr("own budget line")
            link = wrap_label(
                f"<a href='{line.id}' style='color: #1f4e8c; text-decoration: none;'>"
                f"{escape(line_name(line))}</a> — {escape(rule)}"
            )
            link.setTextFormat(Qt.TextFormat.RichText)
            link.setTextInteractionFlags(
                Qt.TextInteractionFlag.LinksAccessibleByMouse
                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            )
            link.linkActivated.connect(select_line)
            box_layout.addWidget(link)
        layout.addWidget(box)
    else:
        layout.addWidget(
            wrap_label(
                tr(
                    "This measure has no money rule in the plan. You "
                    "can attach an own budget line with your own "
                    "yearly figures."
                ),
                style=NOTE_STYLE,
            )
        )
    add = QPushButton(tr("Add own budget line…"))
    add.clicked.connect(lambda: add_own_line(measure.number))
    row = QHBoxLayout()
    row.addWidget(add)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(1)
    return page


def section_page(catalogue: Catalogue, section: Section) -> QWidget:
    """A section: its measures and how many money rules each has."""
    page, layout = new_page()
    other = section.title_en if language() == "zh" else section.title_zh
    header(layout, section_name(section), other)
    for measure in (m for m in catalogue.measures if m.section == section.id):
        n = len(catalogue.lines_of_measure(measure.number))
        rule = lines_count(n)
        layout.addWidget(wrap_label(f"{measure_name(measure)} — {rule}"))
    layout.addStretch(1)
    return page
