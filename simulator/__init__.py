"""qdplan's model: the plan's catalogue, scenario files and the Monte Carlo engine.

Pure numpy/scipy; never imports Qt, so it runs in scripts and notebooks::

    from simulator import load_scenario, simulate
    results = simulate(load_scenario("scenarios/baseline.json"), draws=100_000, seed=1)
    results.to_dict()["outlay_wan"]["total"]["2026"]["p95"]
"""
from __future__ import annotations

__version__ = "0.1.0"

from .catalogue import CATALOGUE_VERSION, Catalogue, Line, load_catalogue  # noqa: E402
from .engine import Cancelled, Engine  # noqa: E402
from .results import Results  # noqa: E402
from .scenario import (  # noqa: E402
    SCHEMA_VERSION, Problem, Scenario, ScenarioError, ScenarioSaveError, load_scenario,
    parse_scenario, save_scenario, scenario_from_dict,
)


def simulate(scenario: Scenario, draws: int | None = None, seed: int | None = None,
             sampler: str | None = None, chunk_draws: int | None = None,
             progress=None, cancelled=None) -> Results:
    """Run a scenario (draws, seed and sampler default to the scenario's own settings)."""
    engine = Engine(scenario, draws=draws, seed=seed, sampler=sampler, chunk_draws=chunk_draws)
    return engine.run(progress=progress, cancelled=cancelled)


__all__ = [
    "CATALOGUE_VERSION", "Cancelled", "Catalogue", "Engine", "Line", "Problem", "Results",
    "SCHEMA_VERSION", "Scenario", "ScenarioError", "ScenarioSaveError", "load_catalogue",
    "load_scenario", "parse_scenario", "save_scenario", "scenario_from_dict", "simulate",
]
