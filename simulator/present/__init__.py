"""The presentation layer: the chart look, charts of runs, comparisons and analyses, the
briefing PDF, text and CSV tables. Built on ``simulator.model`` and ``simulator.analysis``.

The app and the command line import presentation names from this package, not from its
modules, so the modules can be rearranged freely. The modules, from the bottom up:

    fonts               the CJK font of the charts (fonts.txt)
    style               sizes, colours, languages, ``Look``, number formats, axes, money units
    chart_files         charts to PNG/SVG/PDF files: the one export path
    chart_base          ``Chart``, the base of every chart, and the words of the run charts
    outlay_charts       run charts: the total outlay fan, outlays stacked by section/department
    fitting             charts that fit their text to their room (a fitting layout)
    target_charts       run charts: one indicator against its target
    targets_chart       run charts: the target probabilities
    charts              the run charts' kinds, ``make_chart``, ``write_charts``
    decision_base       the base, words and label helpers of the decision-analysis charts
    sensitivity_charts  tornado and drivers charts
    budget_charts       value for money, frontier and appropriation (exceedance) charts
    decision_charts     the decision charts' kinds, ``make_decision_chart``, ``write_decision_charts``
    comparison          scenario comparison as text and charts
    report              the briefing PDF
    tables              summary and detail tables, CSV, tab-separated text, JSON
    history_text        the published history as text, CSV rows and JSON
    workbook            what every Excel workbook shares: safe cells, look, widths, saving
    scenario_workbook   a scenario's assumptions as an editable workbook
    results_workbook    a run's results as a workbook
    actuals_workbook    the actuals template as a workbook and as CSV
"""

from __future__ import annotations

from .actuals_workbook import (
    actuals_template_rows,
    actuals_template_workbook,
    write_actuals_template,
)
from .backtest_charts import backtest_figure, write_backtest_charts
from .backtest_text import (
    backtest_rows,
    backtest_text,
    calibration_rows,
    markdown_table,
    plain_table,
)
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
from .history_text import history_csv_rows, history_document, history_table, observed_label
from .report import write_report
from .results_workbook import results_workbook, write_results_workbook
from .run_text import render_run_table
from .scenario_workbook import scenario_workbook, write_scenario_workbook
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
    HISTORY_COLOUR,
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
    PROBABILITY_DECIMALS,
    UNIT_DECIMALS,
    detail_rows,
    in_precision,
    is_percent_header,
    rows_to_csv_bytes,
    rows_to_tsv,
    safe_cell,
    summary_rows,
    write_csv,
    write_json,
)
from .workbook import display_width, workbook_bytes

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
    "HISTORY_COLOUR",
    "LANGUAGES",
    "LOW_COLOUR",
    "MEAN_COLOUR",
    "MUTED_TEXT",
    "OTHER_COLOUR",
    "PERCENT_HEADERS",
    "PROBABILITY_DECIMALS",
    "SCENARIO_COLOURS",
    "SHARE_COLOUR",
    "STACK_COLOURS",
    "START_COLOUR",
    "TARGET_COLOUR",
    "UNIT_DECIMALS",
    "UNIT_EN",
    "WAN_PER_YI",
    "Chart",
    "Look",
    "NumberFormatter",
    "actuals_template_rows",
    "actuals_template_workbook",
    "backtest_figure",
    "backtest_rows",
    "backtest_text",
    "calibration_rows",
    "chart_file_stem",
    "chart_kinds",
    "check_formats",
    "check_language",
    "chinese_font_available",
    "cjk_font_family",
    "comparison_figures",
    "decision_chart_kinds",
    "detail_rows",
    "display_width",
    "effective_language",
    "format_money",
    "history_csv_rows",
    "history_document",
    "history_table",
    "in_precision",
    "in_unit",
    "is_percent_header",
    "make_chart",
    "make_decision_chart",
    "markdown_table",
    "money_decimals",
    "money_scale",
    "money_unit",
    "nice_top",
    "observed_label",
    "plain_table",
    "prepare_directory",
    "render_exceedance",
    "render_optimisation",
    "render_run_table",
    "render_sensitivity",
    "render_table",
    "render_value_for_money",
    "results_workbook",
    "rows_to_csv_bytes",
    "rows_to_tsv",
    "safe_cell",
    "save_figure",
    "scenario_workbook",
    "set_value_axis",
    "style_axes",
    "summary_rows",
    "workbook_bytes",
    "wrap",
    "write_actuals_template",
    "write_backtest_charts",
    "write_charts",
    "write_comparison_charts",
    "write_csv",
    "write_decision_charts",
    "write_figures",
    "write_json",
    "write_report",
    "write_results_workbook",
    "write_scenario_workbook",
]
