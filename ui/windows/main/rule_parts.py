"""Editors for the plan's rules on the detail panel (issue 10): a re-recognition line's
certificates before the plan, a share line's rate (at most the plan's ceiling), the per-award
rule of a line paid from an indicator, and a measure's department shares.

Line settings are queued on the editor like every other (one undoable edit each); the
department shares are applied as one change through the scenario's own edit function.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.model import ScenarioError

from ...core.labels import department_name
from ...i18n import language, tr
from ...widgets.basic import bold_label, spin, wrap_label
from ...widgets.styles import ERROR_STYLE, NOTE_STYLE


def add_cohorts(editor, form: QFormLayout, a: dict, prefix: tuple) -> None:
    """Certificates issued in each year before the plan (renewed within it)."""
    cohorts = a.get("cohorts_before_plan") or {}
    for key in sorted(k for k in cohorts if k != "basis"):
        box = spin(0.0, 1_000_000.0, 10.0, 0, width=100)
        box.setValue(cohorts[key])
        path = prefix + ("cohorts_before_plan", key)
        box.valueChanged.connect(lambda v, p=path: editor.queue_edit(p, int(round(v))))
        editor.rows[path] = box
        form.addRow(tr("Certificates issued in {year}").format(year=key), box)
    if cohorts.get("basis"):
        form.addRow(wrap_label(f"{tr('Basis')}: {cohorts['basis']}", style=NOTE_STYLE))


def add_rate(editor, form: QFormLayout, line, a: dict, prefix: tuple) -> None:
    """The planner's rate, at most the plan's figure (a ceiling)."""
    ceiling = 100.0 * line.rate
    box = spin(0.0, ceiling, 5.0, 1, suffix=" %", width=80)
    box.setValue(100.0 * a["rate"])
    path = prefix + ("rate",)
    box.valueChanged.connect(lambda v, p=path: editor.queue_edit(p, round(v / 100, 6)))
    editor.rows[path] = ("percent", box)
    form.addRow(tr("Rate (at most the plan's {ceiling:g} %)").format(ceiling=ceiling), box)


def add_award_rule(editor, form: QFormLayout, line, a: dict, prefix: tuple) -> None:
    """Each award = min(cap, rate × the recipient's base × the indicator's scale)."""
    rule = a["award_rule"]
    base_path = prefix + ("award_rule", "base")
    mean = spin(1.0, 1.0e8, 100.0, 0, width=110)
    mean.setValue(rule["base"]["mean_wan"])
    editor._bind(mean, base_path + ("mean_wan",))
    cv = spin(0.0, 10.0, 0.05, 2, width=64)
    cv.setValue(rule["base"]["cv"])
    editor._bind(cv, base_path + ("cv",))
    rate = spin(0.0, 100.0, 0.01, 4, suffix=" %", width=100)
    rate.setValue(100.0 * rule["rate"])
    path = prefix + ("award_rule", "rate")
    rate.valueChanged.connect(lambda v, p=path: editor.queue_edit(p, round(v / 100, 9)))
    editor.rows[path] = ("percent", rate)
    what = (
        tr("Each point's registered turnover (10k yuan, 2023 level)")
        if line.driver_measure != "increment"
        else tr("Each enterprise's R&D increment (10k yuan, at the trend)")
    )
    form.addRow(what, mean)
    form.addRow(tr("… its spread (CV)"), cv)
    form.addRow(
        tr("Award as a share of it (each award at most {cap:g} 10k yuan)").format(cap=line.cap_wan),
        rate,
    )
    if rule.get("basis"):
        form.addRow(wrap_label(f"{tr('Basis')}: {rule['basis']}", style=NOTE_STYLE))


def add_department_shares(editor, page: QWidget, measure) -> None:
    """A small table: each responsible unit's share of the measure's outlay (%), as the plan
    groups the units; Apply makes one undoable change, Lead unit 100 % resets."""
    scenario = editor.document.scenario
    catalogue = scenario.catalogue
    block = scenario.department_shares_block
    shares = block["measures"].get(str(measure.number)) or {measure.lead_department: 1.0}
    group = QGroupBox(tr("Outlay by responsible unit (%)"))
    outer = QVBoxLayout(group)
    grid = QGridLayout()
    boxes: dict[str, object] = {}
    row = 0
    groups = measure.department_groups or (measure.departments,)
    for number, units in enumerate(groups):
        if len(groups) > 1:
            grid.addWidget(bold_label(tr("Group {n}").format(n=number + 1)), row, 0, 1, 2)
            row += 1
        for unit in units:
            grid.addWidget(QLabel(department_name(catalogue, unit)), row, 0)
            box = spin(0.0, 100.0, 5.0, 1, suffix=" %", width=90)
            box.setValue(100.0 * shares.get(unit, 0.0))
            grid.addWidget(box, row, 1)
            boxes[unit] = box
            row += 1
    outer.addLayout(grid)
    message = wrap_label("", style=ERROR_STYLE)
    buttons = QHBoxLayout()
    apply = QPushButton(tr("Apply shares"))
    lead = QPushButton(tr("Lead unit 100 %"))
    buttons.addWidget(apply)
    buttons.addWidget(lead)
    buttons.addStretch(1)
    outer.addLayout(buttons)
    outer.addWidget(message)
    outer.addWidget(wrap_label(f"{tr('Basis')}: {block['basis']}", style=NOTE_STYLE))

    def change(new: dict[str, float] | None) -> None:
        try:
            after = editor.document.scenario.with_department_shares(measure.number, new)
        except ScenarioError as exc:
            message.setText("; ".join(p.message_text(language()) for p in exc.problems))
            return
        message.setText("")
        editor.document.replace_scenario(
            after, tr("Department shares of measure {n}").format(n=measure.number)
        )

    apply.clicked.connect(
        lambda: change({unit: round(box.value() / 100, 6) for unit, box in boxes.items()})
    )
    lead.clicked.connect(lambda: change(None))
    layout = page.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(layout.count() - 1, group)
