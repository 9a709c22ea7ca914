"""The presentation layer: the chart look, charts of runs, comparisons and analyses, the
briefing PDF, text and CSV tables. Built on ``simulator.model`` and ``simulator.analysis``.

The app and the command line import presentation names from this package, not from its
modules, so the modules can be rearranged freely. The modules, from the bottom up:

    fonts               the CJK font of the charts (fonts.txt)
    style               sizes, colours, languages, ``Look``, number formats, axes, money units
    chart_files         charts to PNG/SVG/PDF files: the one export path
    chart_base          ``Chart``, the base of every chart, and the words of the run charts
    outlay_charts       run charts: the total outlay fan, outlays stacked by section/department
    target_charts       run charts: one indicator against its target, the target probabilities
    charts              the run charts' kinds, ``make_chart``, ``write_charts``
    decision_base       the base, words and label helpers of the decision-analysis charts
    sensitivity_charts  tornado and drivers charts
    budget_charts       value for money, frontier and appropriation (exceedance) charts
    decision_charts     the decision charts' kinds, ``make_decision_chart``, ``write_decision_charts``
    comparison          scenario comparison as text and charts
    report              the briefing PDF
    tables              summary and detail tables, CSV, tab-separated text, JSON
"""

from __future__ import annotations

from .chart_base import Chart
from .chart_files import (
    FORMATS,
    chart_file_stem,
    check_formats,
    prepare_directory,
    save_figure,
    write_figures,
)
from .charts import CHART_KINDS, chart_kinds, make_chart, write_charts
from .comparison import comparison_figures, render_table, write_comparison_charts
from .decision_charts import decision_chart_kinds, make_decision_chart, write_decision_charts
from .decision_text import (
    render_exceedance,
    render_optimisation,
    render_sensitivity,
    render_value_for_money,
)
from .fonts import chinese_font_available, cjk_font_family
from .report import write_report
from .run_text import render_run_table
from .style import (
    BASELINE_COLOUR,
    CHART_DPI,
    CHART_SIZE,
    COMPARE_COLOURS,
    EXPORT_DPI,
    FAN_COLOUR,
    FLAG_COLOURS,
    GRID_COLOUR,
    HIGH_COLOUR,
    LANGUAGES,
    LOW_COLOUR,
    MEAN_COLOUR,
    MUTED_TEXT,
    OTHER_COLOUR,
    SCENARIO_COLOURS,
    SHARE_COLOUR,
    STACK_COLOURS,
    START_COLOUR,
    TARGET_COLOUR,
    UNIT_EN,
    WAN_PER_YI,
    Look,
    NumberFormatter,
    check_language,
    effective_language,
    format_money,
    in_unit,
    money_decimals,
    money_scale,
    money_unit,
    nice_top,
    set_value_axis,
    style_axes,
    wrap,
)
from .tables import (
    HEADERS,
    PERCENT_HEADERS,
    detail_rows,
    rows_to_csv_bytes,
    rows_to_tsv,
    safe_cell,
    summary_rows,
    write_csv,
    write_json,
)

__all__ = [
    "BASELINE_COLOUR",
    "CHART_DPI",
    "CHART_KINDS",
    "CHART_SIZE",
    "COMPARE_COLOURS",
    "EXPORT_DPI",
    "FAN_COLOUR",
    "FLAG_COLOURS",
    "FORMATS",
    "GRID_COLOUR",
    "HEADERS",
    "HIGH_COLOUR",
    "LANGUAGES",
    "LOW_COLOUR",
    "MEAN_COLOUR",
    "MUTED_TEXT",
    "OTHER_COLOUR",
    "PERCENT_HEADERS",
    "SCENARIO_COLOURS",
    "SHARE_COLOUR",
    "STACK_COLOURS",
    "START_COLOUR",
    "TARGET_COLOUR",
    "UNIT_EN",
    "WAN_PER_YI",
    "Chart",
    "Look",
    "NumberFormatter",
    "chart_file_stem",
    "chart_kinds",
    "check_formats",
    "check_language",
    "chinese_font_available",
    "cjk_font_family",
    "comparison_figures",
    "decision_chart_kinds",
    "detail_rows",
    "effective_language",
    "format_money",
    "in_unit",
    "make_chart",
    "make_decision_chart",
    "money_decimals",
    "money_scale",
    "money_unit",
    "nice_top",
    "prepare_directory",
    "render_exceedance",
    "render_optimisation",
    "render_run_table",
    "render_sensitivity",
    "render_table",
    "render_value_for_money",
    "rows_to_csv_bytes",
    "rows_to_tsv",
    "safe_cell",
    "save_figure",
    "set_value_axis",
    "style_axes",
    "summary_rows",
    "wrap",
    "write_charts",
    "write_comparison_charts",
    "write_csv",
    "write_decision_charts",
    "write_figures",
    "write_json",
    "write_report",
]
