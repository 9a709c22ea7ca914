"""The scenarios shipped with qdplan, found through package data (an installed wheel carries
them as ``simulator.scenarios``; a source checkout maps that package to ``scenarios/``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SHIPPED = ("baseline", "restrained", "accelerated")


def shipped_scenario_path(name: str = "baseline") -> Path:
    """The path of a shipped scenario file, e.g. ``shipped_scenario_path("baseline")``."""
    if name not in SHIPPED:
        raise ValueError(f"no shipped scenario {name!r}; shipped: {', '.join(SHIPPED)}")
    resource = resources.files("simulator.scenarios").joinpath(f"{name}.json")
    return Path(str(resource))


def shipped_folder() -> Path:
    """The folder that holds the shipped scenarios (a start folder for file dialogs)."""
    return shipped_scenario_path().parent


def scenario_source(text: str) -> Path:
    """Where to read the scenario named on a command line: the file ``text``, or, when no
    such file exists and ``text`` is the name of a shipped scenario (``baseline``,
    ``restrained``, ``accelerated``), that shipped file. So ``qdplan run baseline`` works
    from any folder once qdplan is installed."""
    path = Path(text)
    if text in SHIPPED and not path.exists():
        return shipped_scenario_path(text)
    return path
