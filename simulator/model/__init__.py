"""The model layer: the plan's catalogue, scenario files, the Monte Carlo engine and its
results. Imports nothing from the other layers of ``simulator`` and nothing from Qt."""

from __future__ import annotations

from .catalogue import CATALOGUE_VERSION, Catalogue, Line, load_catalogue
from .engine import Cancelled, Engine
from .results import Results
from .scenario import (
    SCHEMA_VERSION,
    Problem,
    Scenario,
    ScenarioError,
    ScenarioSaveError,
    load_scenario,
    parse_scenario,
    save_scenario,
    scenario_from_dict,
)
from .shipped import shipped_scenario_path
from .version import __version__

__all__ = [
    "CATALOGUE_VERSION", "Cancelled", "Catalogue", "Engine", "Line", "Problem", "Results",
    "SCHEMA_VERSION", "Scenario", "ScenarioError", "ScenarioSaveError", "__version__",
    "load_catalogue", "load_scenario", "parse_scenario", "save_scenario", "scenario_from_dict",
    "shipped_scenario_path",
]
