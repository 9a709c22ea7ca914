"""The model layer: the plan's catalogue, scenario files, the Monte Carlo engine and its
results. Imports nothing from the other layers of ``simulator`` and nothing from Qt.

Code outside the model (analysis, presentation, command line, the app) imports model names
from this package, not from its modules, so the modules can be rearranged freely."""

from __future__ import annotations

from .actuals import (
    apply_actuals_csv,
    load_actuals,
    parse_actuals_csv,
    template,
    with_actuals,
)
from .aggregator import above
from .bau import business_as_usual_summary
from .budget_results import budget_figures
from .calibration import Calibrated, Fit, calibrate_scenario, fit_series, project
from .catalogue import (
    AMOUNT_FORMS,
    CATALOGUE_VERSION,
    FORMS,
    Catalogue,
    Line,
    Measure,
    Section,
    load_catalogue,
)
from .changes import changed_lines, model_signature
from .comparison import Comparison, Difference, assumption_differences, compare
from .engine import CHUNKED_LIMIT, KEEP_DRAWS_LIMIT, PART_DRAWS, Cancelled, Engine
from .files import TEMP_MARK, AtomicFiles, ScenarioSaveError, atomic_write, remove_stale_temps
from .history import (
    HISTORY_COLUMNS,
    MAX_HISTORY_ROWS,
    History,
    HistoryRow,
    HistorySeries,
    history_series,
    load_history,
    parse_history_csv,
    shipped_history,
)
from .indicator_model import business_as_usual
from .line_checks import MAX_AMOUNT_WAN, MAX_AWARDS_PER_YEAR, uptake_limit
from .messages import (
    DOMAIN,
    LOCALES,
    N_,
    SAMPLER_NAMES,
    MissingCatalogue,
    sampler_name,
    translate,
    translated,
)
from .numbers import (
    NumberError,
    formula_quoted,
    formula_unquoted,
    parse_number,
    starts_formula,
)
from .own_lines import (
    OWN_LINE_AMOUNT_WAN,
    add_own_line,
    own_line_entry,
    own_line_names,
    remove_own_line,
)
from .problems import (
    MAX_PROBLEMS,
    InputError,
    Listed,
    Message,
    Problem,
    ScenarioError,
    Worded,
    message_of,
    more_problems,
    os_reason,
    short_key,
    short_repr,
    text_of,
)
from .randomness import SAMPLERS
from .rationing import POLICIES as RATIONING_POLICIES
from .reading import MAX_INPUT_BYTES, MAX_INPUT_TEXT, decode_json, read_input
from .results import SPAN, STAT_NAMES, Results
from .scenario import Scenario, load_scenario, parse_scenario, save_scenario, scenario_from_dict
from .shipped import SHIPPED, scenario_source, shipped_folder, shipped_scenario_path
from .targets import target_keys as count_target_keys
from .validation import MAX_DRAWS, SCHEMA_VERSION
from .version import __version__
from .workbook_cells import sheet_text, sheet_text_back
from .workbook_fields import (
    ACTUAL_COLUMNS,
    COUNT_TARGET_COLUMNS,
    DEPARTMENT_COLUMNS,
    EFFECT_COLUMNS,
    INDICATOR_COLUMNS,
    INVESTMENT_COLUMNS,
    LINE_COLUMNS,
    OWN_COLUMNS,
)
from .workbook_layout import YEAR as WORKBOOK_YEAR
from .workbook_layout import Column as WorkbookColumn
from .workbook_layout import Setting as WorkbookSetting
from .workbook_layout import applies as column_applies
from .workbook_layout import column_keys, section_sheet_names, sheet_names
from .workbook_read import read_scenario_workbook
from .workbook_settings import SETTINGS
from .years import INDICATOR_YEARS, YEARS, uptake_years

__all__ = [
    "ACTUAL_COLUMNS",
    "AMOUNT_FORMS",
    "CATALOGUE_VERSION",
    "CHUNKED_LIMIT",
    "COUNT_TARGET_COLUMNS",
    "DEPARTMENT_COLUMNS",
    "DOMAIN",
    "EFFECT_COLUMNS",
    "FORMS",
    "HISTORY_COLUMNS",
    "INDICATOR_COLUMNS",
    "INDICATOR_YEARS",
    "INVESTMENT_COLUMNS",
    "KEEP_DRAWS_LIMIT",
    "LINE_COLUMNS",
    "LOCALES",
    "MAX_AMOUNT_WAN",
    "MAX_AWARDS_PER_YEAR",
    "MAX_DRAWS",
    "MAX_HISTORY_ROWS",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_TEXT",
    "MAX_PROBLEMS",
    "N_",
    "OWN_COLUMNS",
    "OWN_LINE_AMOUNT_WAN",
    "PART_DRAWS",
    "RATIONING_POLICIES",
    "SAMPLERS",
    "SAMPLER_NAMES",
    "SCHEMA_VERSION",
    "SETTINGS",
    "SHIPPED",
    "SPAN",
    "STAT_NAMES",
    "TEMP_MARK",
    "WORKBOOK_YEAR",
    "YEARS",
    "AtomicFiles",
    "Calibrated",
    "Cancelled",
    "Catalogue",
    "Comparison",
    "Difference",
    "Engine",
    "Fit",
    "History",
    "HistoryRow",
    "HistorySeries",
    "InputError",
    "Line",
    "Listed",
    "Measure",
    "Message",
    "MissingCatalogue",
    "NumberError",
    "Problem",
    "Results",
    "Scenario",
    "ScenarioError",
    "ScenarioSaveError",
    "Section",
    "Worded",
    "WorkbookColumn",
    "WorkbookSetting",
    "__version__",
    "above",
    "add_own_line",
    "apply_actuals_csv",
    "assumption_differences",
    "atomic_write",
    "budget_figures",
    "business_as_usual",
    "business_as_usual_summary",
    "calibrate_scenario",
    "changed_lines",
    "column_applies",
    "column_keys",
    "compare",
    "count_target_keys",
    "decode_json",
    "fit_series",
    "formula_quoted",
    "formula_unquoted",
    "history_series",
    "load_actuals",
    "load_catalogue",
    "load_history",
    "load_scenario",
    "message_of",
    "model_signature",
    "more_problems",
    "os_reason",
    "own_line_entry",
    "own_line_names",
    "parse_actuals_csv",
    "parse_history_csv",
    "parse_number",
    "parse_scenario",
    "project",
    "read_input",
    "read_scenario_workbook",
    "remove_own_line",
    "remove_stale_temps",
    "sampler_name",
    "save_scenario",
    "scenario_from_dict",
    "scenario_source",
    "section_sheet_names",
    "sheet_names",
    "sheet_text",
    "sheet_text_back",
    "shipped_folder",
    "shipped_history",
    "shipped_scenario_path",
    "short_key",
    "short_repr",
    "starts_formula",
    "template",
    "text_of",
    "translate",
    "translated",
    "uptake_limit",
    "uptake_years",
    "with_actuals",
]
