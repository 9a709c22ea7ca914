"""Observed outlays: the actuals a scenario records for past years, per line and year.

A line's observed outlay replaces the simulated one for that year, in every draw.
"""

from __future__ import annotations

import numpy as np

from .expectation import expected_paid
from .scenario import Scenario
from .years import YEARS


def observed_outlays(scenario: Scenario) -> dict[str, dict[int, float]]:
    """Observed outlay per line and year index (万元). A measure's observed total is split
    among its lines in proportion to their expected outlay that year (equally if none)."""
    catalogue = scenario.catalogue
    out: dict[str, dict[int, float]] = {}
    for actual in scenario.actuals:
        if actual["kind"] == "indicator":
            continue
        year_index = YEARS.index(actual["year"])
        if actual["kind"] == "line":
            out.setdefault(actual["id"], {})[year_index] = actual["value"]
        elif actual["kind"] == "measure":
            lines = [line for line in catalogue.lines if line.measure == int(actual["id"])]
            if not lines:
                continue
            weights = np.array([expected_paid(scenario, line)[year_index] for line in lines])
            weights = (
                weights / weights.sum()
                if weights.sum() > 0
                else np.full(len(lines), 1.0 / len(lines))
            )
            for line, weight in zip(lines, weights):
                out.setdefault(line.id, {})[year_index] = actual["value"] * weight
    return out
