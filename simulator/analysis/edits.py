"""The scenario edits of the analyses: a line's planned uptake, scaled by a multiplier, and
several edits validated at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Scenario


def line_path(scenario: Scenario, line_id: str) -> tuple[str | int, ...]:
    """Where a line's assumptions live in the scenario's data."""
    line = scenario.catalogue.line(line_id)  # KeyError for an unknown line
    if not line.own:
        return ("lines", line_id)
    for index, entry in enumerate(scenario.get(("own_lines",))):
        if entry["id"] == line_id:
            return ("own_lines", index)
    raise KeyError(line_id)


def scaled(value: float, multiplier: float) -> float:
    """Planned uptake times a multiplier, rounded so that a saved file stays readable (the
    same rounding is used for every evaluation, so what is reported is what is applied)."""
    return round(value * multiplier, 6)


def planned_uptake(scenario: Scenario, line_id: str) -> dict[str, float]:
    """The uptake the planner sets for a line, by year (only planned years; awards per year,
    or 万元 per year for amount lines)."""
    return dict(scenario.line_assumptions(line_id)["uptake"])


def scale_uptake(scenario: Scenario, multipliers: Mapping[str, float]) -> Scenario:
    """A new scenario with each named line's uptake multiplied in all its planned years."""
    data = scenario.data
    for line_id, multiplier in multipliers.items():
        node: Any = data  # a dict or a list of the decoded JSON
        for key in line_path(scenario, line_id):
            node = node[key]
        node["uptake"] = {year: scaled(value, multiplier) for year, value in node["uptake"].items()}
    return scenario.with_data(data)


def edit(scenario: Scenario, edits: Iterable[tuple[tuple[str | int, ...], Any]]) -> Scenario:
    """Several edits at once, validated once."""
    data = scenario.data
    for path, value in edits:
        node: Any = data  # a dict or a list of the decoded JSON
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return scenario.with_data(data)
