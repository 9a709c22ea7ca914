"""What a page of the briefing report needs of the report's writer (``report.ReportWriter``):
one protocol for the pages kept in their own modules (budget, backtest)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from matplotlib.figure import Figure

from .style import Look


class PageWriter(Protocol):
    look: Look

    def page(self) -> Figure: ...

    def save(self, figure: Figure) -> None: ...

    def table(
        self,
        figure: Figure,
        top: float,
        head: list[str],
        rows: list[list[str]],
        widths: list[float],
        left: float = 0.05,
        size: float = 9.0,
        colours: Sequence[str | None] | None = None,
    ) -> float: ...
