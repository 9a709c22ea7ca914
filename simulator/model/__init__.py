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
from .budget_results import budget_figures
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
from .line_checks import MAX_AMOUNT_WAN, MAX_AWARDS_PER_YEAR, uptake_limit
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
from .problems import MAX_PROBLEMS, Problem, ScenarioError, short_key, short_repr
from .randomness import SAMPLERS
from .rationing import POLICIES as RATIONING_POLICIES
from .reading import MAX_INPUT_BYTES, MAX_INPUT_TEXT, decode_json, read_input
from .results import SPAN, STAT_NAMES, Results, above
from .scenario import Scenario, load_scenario, parse_scenario, save_scenario, scenario_from_dict
from .shipped import shipped_folder, shipped_scenario_path
from .validation import MAX_DRAWS, SCHEMA_VERSION
from .version import __version__
from .years import INDICATOR_YEARS, YEARS, uptake_years

__all__ = [
    "AMOUNT_FORMS",
    "CATALOGUE_VERSION",
    "CHUNKED_LIMIT",
    "FORMS",
    "INDICATOR_YEARS",
    "KEEP_DRAWS_LIMIT",
    "MAX_AMOUNT_WAN",
    "MAX_AWARDS_PER_YEAR",
    "MAX_DRAWS",
    "MAX_INPUT_BYTES",
    "MAX_INPUT_TEXT",
    "MAX_PROBLEMS",
    "OWN_LINE_AMOUNT_WAN",
    "PART_DRAWS",
    "RATIONING_POLICIES",
    "SAMPLERS",
    "SCHEMA_VERSION",
    "SPAN",
    "STAT_NAMES",
    "TEMP_MARK",
    "YEARS",
    "AtomicFiles",
    "Cancelled",
    "Catalogue",
    "Comparison",
    "Difference",
    "Engine",
    "Line",
    "Measure",
    "NumberError",
    "Problem",
    "Results",
    "Scenario",
    "ScenarioError",
    "ScenarioSaveError",
    "Section",
    "__version__",
    "above",
    "add_own_line",
    "apply_actuals_csv",
    "assumption_differences",
    "atomic_write",
    "budget_figures",
    "changed_lines",
    "compare",
    "decode_json",
    "formula_quoted",
    "formula_unquoted",
    "load_actuals",
    "load_catalogue",
    "load_scenario",
    "model_signature",
    "own_line_entry",
    "own_line_names",
    "parse_actuals_csv",
    "parse_number",
    "parse_scenario",
    "read_input",
    "remove_own_line",
    "remove_stale_temps",
    "save_scenario",
    "scenario_from_dict",
    "shipped_folder",
    "shipped_scenario_path",
    "short_key",
    "short_repr",
    "starts_formula",
    "template",
    "uptake_limit",
    "uptake_years",
    "with_actuals",
]
