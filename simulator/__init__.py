"""qdplan's Qt-free side, in layers that import only downward:

    simulator.cli       the ``qdplan`` command, one module per command group
    simulator.present   charts, the briefing PDF, text and CSV tables
    simulator.analysis  sensitivity, value for money, budget envelope, optimisation
    simulator.model     the plan's catalogue, scenario files, the Monte Carlo engine, results

Pure numpy/scipy/matplotlib; never imports Qt, so it runs in scripts and notebooks::

    from simulator import load_scenario, simulate
    results = simulate(load_scenario("scenarios/baseline.json"), draws=100_000, seed=1)
    results.to_dict()["outlay_wan"]["total"]["2026"]["p95"]
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .model import (
        CATALOGUE_VERSION,
        SCHEMA_VERSION,
        Cancelled,
        Catalogue,
        Engine,
        Line,
        Problem,
        Results,
        Scenario,
        ScenarioError,
        ScenarioSaveError,
        __version__,
        load_catalogue,
        load_scenario,
        parse_scenario,
        save_scenario,
        scenario_from_dict,
        scenario_source,
        shipped_scenario_path,
    )

#: The layers, imported when first used: ``import simulator`` (and so the ``qdplan`` entry
#: point, ``simulator.cli.main``) costs nothing until a name is needed, so Ctrl-C during
#: the imports of numpy and scipy is caught by the command (exit 130, one line).
_LAYERS = ("model", "analysis", "present", "cli")


def __getattr__(name: str) -> Any:
    if name in _LAYERS:
        return importlib.import_module(f"{__name__}.{name}")
    if name in __all__:
        return getattr(importlib.import_module(f"{__name__}.model"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def simulate(
    scenario: Scenario,
    draws: int | None = None,
    seed: int | None = None,
    sampler: str | None = None,
    chunk_draws: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Results:
    """Run a scenario (draws, seed and sampler default to the scenario's own settings)."""
    from .model import Engine

    engine = Engine(scenario, draws=draws, seed=seed, sampler=sampler, chunk_draws=chunk_draws)
    results: Results = engine.run(progress=progress, cancelled=cancelled)
    return results


__all__ = [
    "CATALOGUE_VERSION",
    "SCHEMA_VERSION",
    "Cancelled",
    "Catalogue",
    "Engine",
    "Line",
    "Problem",
    "Results",
    "Scenario",
    "ScenarioError",
    "ScenarioSaveError",
    "__version__",
    "load_catalogue",
    "load_scenario",
    "parse_scenario",
    "save_scenario",
    "scenario_from_dict",
    "scenario_source",
    "shipped_scenario_path",
    "simulate",
]
