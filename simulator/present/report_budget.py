"""The briefing report's budget page (issue 10): gross outlay, money returned and net
fiscal cost side by side (with investments), and requested against funded money, the chance
of rationing and the backlog (with rationing under the appropriation)."""

from __future__ import annotations

import textwrap
from typing import Any

from ..model import N_, Results, translate
from .budget_tables import WORDS as BUDGET_WORDS
from .budget_tables import budget_rows
from .page_writer import PageWriter

TITLE = N_(
    "Budget: gross outlay, money returned and net fiscal cost; payments within the appropriation"
)
NOTE = N_(
    "Measure 22's money is counted as equity investment: holding period, exit probability and recovery multiple are the planner's assumptions. Net fiscal cost = gross outlay − money returned. Under rationing no year's payments exceed the appropriation; what is not paid waits."
)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.4f}" if abs(value) < 1 else f"{value:,.2f}"
    return str(value)


def budget_page(writer: PageWriter, results: Results, language: str) -> None:
    """One page of the budget tables, when the run has investments or rationing."""
    rows = budget_rows(results, language)
    if not rows:
        return
    look = writer.look
    figure = writer.page()
    figure.text(
        0.05, 0.93, translate(TITLE, language), fontproperties=look.font(14, "bold"), va="top"
    )
    note = translate(NOTE, language)
    if language == "zh":
        note = "\n".join(note[i : i + 80] for i in range(0, len(note), 80))
    else:
        note = textwrap.fill(note, 160)
    figure.text(0.05, 0.885, note, fontproperties=look.font(8.5), va="top", color="#333333")
    top = 0.81
    blocks: list[list[list[Any]]] = []
    for row in rows:
        if not row:
            blocks.append([])
        elif blocks:
            blocks[-1].append(row)
    for block in blocks:
        if not block:
            continue
        head, body = block[0], block[1:]
        percent = head[3] == translate(BUDGET_WORDS["probability"], language)
        widths = [0.36, 0.09, 0.08] + [0.11] * (len(head) - 3)
        top = writer.table(
            figure,
            top,
            [str(h) for h in head],
            [
                [
                    f"{v:.1%}" if c == 3 and percent and isinstance(v, float) else _cell(v)
                    for c, v in enumerate(row)
                ]
                for row in body
            ],
            widths,
            size=8.5,
        )
        top -= 0.03
    writer.save(figure)
