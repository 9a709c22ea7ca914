"""The presentation layer: the chart look, charts of runs, comparisons and analyses, the
briefing PDF, text and CSV tables. Built on ``simulator.model`` and ``simulator.analysis``.

The app and the command line import presentation names from this package, not from its
modules, so the modules can be rearranged freely."""

from __future__ import annotations

from .charts import (
    CHART_DPI,
    CHART_SIZE,
    EXPORT_DPI,
    FLAG_COLOURS,
    FORMATS,
    WAN_PER_YI,
    chart_kinds,
    chinese_font_available,
    effective_language,
    make_chart,
    save_figure,
    write_charts,
    write_figures,
)
from .comparison import comparison_figures, render_table, write_comparison_charts
from .decision_charts import make_decision_chart, write_decision_charts
from .decision_text import (
    render_exceedance,
    render_optimisation,
    render_sensitivity,
    render_value_for_money,
)
from .report import write_report
from .run_text import render_run_table
from .tables import (
    HEADERS,
    detail_rows,
    format_money,
    in_unit,
    money_unit,
    rows_to_csv_bytes,
    rows_to_tsv,
    summary_rows,
    write_csv,
    write_json,
)

__all__ = [
    "CHART_DPI", "CHART_SIZE", "EXPORT_DPI", "FLAG_COLOURS", "FORMATS", "HEADERS", "WAN_PER_YI",
    "chart_kinds", "chinese_font_available", "comparison_figures", "detail_rows",
    "effective_language", "format_money", "in_unit", "make_chart", "make_decision_chart",
    "money_unit", "render_exceedance", "render_optimisation", "render_run_table",
    "render_sensitivity", "render_table", "render_value_for_money", "rows_to_csv_bytes",
    "rows_to_tsv", "save_figure",
    "summary_rows", "write_charts", "write_comparison_charts", "write_csv",
    "write_decision_charts", "write_figures", "write_json", "write_report",
]
