"""The model layer: the plan's catalogue, scenario files, the Monte Carlo engine and its
results. Imports nothing from the other layers of ``simulator`` and nothing from Qt.

Code outside the model (analysis, presentation, command line, the app) imports model names
from this package, not from its modules, so the modules can be rearranged freely."""

from __future__ import annotations

from .actuals import load_actuals, parse_actuals_csv, template, with_actuals
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
from .files import ScenarioSaveError, atomic_write
from .line_checks import MAX_AMOUNT_WAN, MAX_AWARDS_PER_YEAR
from .numbers import parse_number
from .own_lines import (
    OWN_LINE_AMOUNT_WAN,
    add_own_line,
    own_line_entry,
    own_line_names,
    remove_own_line,
)
from .problems import Problem, ScenarioError
from .randomness import SAMPLERS
from .results import SPAN, STAT_NAMES, Results
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
    "OWN_LINE_AMOUNT_WAN",
    "PART_DRAWS",
    "SAMPLERS",
    "SCHEMA_VERSION",
    "SPAN",
    "STAT_NAMES",
    "YEARS",
    "Cancelled",
    "Catalogue",
    "Comparison",
    "Difference",
    "Engine",
    "Line",
    "Measure",
    "Problem",
    "Results",
    "Scenario",
    "ScenarioError",
    "ScenarioSaveError",
    "Section",
    "__version__",
    "add_own_line",
    "assumption_differences",
    "atomic_write",
    "changed_lines",
    "compare",
    "load_actuals",
    "load_catalogue",
    "load_scenario",
    "model_signature",
    "own_line_entry",
    "own_line_names",
    "parse_actuals_csv",
    "parse_number",
    "parse_scenario",
    "remove_own_line",
    "save_scenario",
    "scenario_from_dict",
    "shipped_folder",
    "shipped_scenario_path",
    "template",
    "uptake_years",
    "with_actuals",
]
