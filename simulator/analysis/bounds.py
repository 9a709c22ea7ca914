"""The free lines of the goal seek and their bounds: the default free lines and
multipliers, and the planner's bounds file {line id: [min, max]} (awards or 万元 per year)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..model import (
    MAX_PROBLEMS,
    Problem,
    Scenario,
    ScenarioError,
    decode_json,
    more_problems,
    read_input,
    short_key,
    short_repr,
    uptake_limit,
)
from .edits import planned_uptake

#: Goal seek: default bounds of a free line, as multipliers of the scenario's own uptake.
DEFAULT_BOUNDS = (0.5, 1.5)


class BoundsError(ValueError):
    """A bounds file is not valid; ``problems`` lists every problem, each with its path."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class LineBounds:
    """A free line of the goal seek: its multiplier range (of the scenario's own uptake in
    all planned years) and where the range comes from."""

    line: str
    low: float
    high: float
    source: str  # "bounds" (the planner's file) or "default"

    def levels(self, count: int) -> np.ndarray:
        if self.high - self.low <= 1e-12 or count <= 1:
            return np.array([self.low])
        return np.linspace(self.low, self.high, count)


def default_free_lines(scenario: Scenario) -> list[str]:
    """Lines the indicator model links to a headline indicator (a non-zero effect) and with
    planned uptake: the levers of the targets. Other lines only cost money, so a goal seek
    would simply cut them to their minimum; they stay as the scenario has them unless the
    bounds file frees them."""
    linked = set()
    for indicator in scenario.catalogue.indicator_ids:
        for effect in scenario.indicator_assumptions(indicator)["effects"]:
            if effect["mean"] != 0 or effect["sd"] != 0:
                linked.add(effect["line"])
    return [
        line.id
        for line in scenario.catalogue.lines
        if line.id in linked and sum(planned_uptake(scenario, line.id).values()) > 0
    ]


def default_award_bounds(planned: Mapping[str, float]) -> tuple[float, float]:
    """Awards (or 万元) per year equivalent to the default multipliers 0.5×–1.5×: the
    smallest positive planned year halved, the largest one and a half times (every year then
    stays within them, and the multiplier range is exactly the default)."""
    positive = [v for v in planned.values() if v > 0] or [0.0]
    low, high = DEFAULT_BOUNDS
    return round(low * min(positive), 6), round(high * max(planned.values()), 6)


def candidate_lines(scenario: Scenario, every_line: bool = False) -> list[str]:
    """The lines a goal seek may free: the default free lines, or with ``every_line`` also
    every other line with planned uptake, in catalogue order."""
    free = default_free_lines(scenario)
    if not every_line:
        return free
    return [
        line.id
        for line in scenario.catalogue.lines
        if line.id in free or any(v > 0 for v in planned_uptake(scenario, line.id).values())
    ]


def _is_number(value: Any) -> bool:
    """A finite JSON number that a float can hold (not a bool, NaN, ±Infinity or an integer of
    hundreds of digits)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer beyond the range of a float
        return False


def check_bounds(raw: Any, scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Validate a decoded bounds document {line_id: [min, max]} (awards per year, or 万元 per
    year for amount lines); raise BoundsError listing every problem (at most
    ``MAX_PROBLEMS``)."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        raise BoundsError([Problem("", "must be an object {line id: [min, max]}")])
    out: dict[str, tuple[float, float]] = {}
    catalogue = scenario.catalogue
    for key, value in raw.items():
        if len(problems) >= MAX_PROBLEMS:
            problems.append(more_problems())
            break
        if not isinstance(key, str) or not catalogue.has_line(key):
            problems.append(Problem(short_key(str(key)), "unknown line id"))
            continue
        if not isinstance(value, list) or len(value) != 2 or not all(map(_is_number, value)):
            problems.append(
                Problem(key, "must be [min, max], two numbers, got {got}", got=short_repr(value))
            )
            continue
        low, high = float(value[0]), float(value[1])
        limit = uptake_limit(catalogue.line(key))
        if low < 0:
            problems.append(Problem(key, "min must be >= 0, got {got:g}", got=low))
            continue
        if low > high:
            problems.append(
                Problem(key, "min must not exceed max, got [{low:g}, {high:g}]", low=low, high=high)
            )
            continue
        if high > limit:
            problems.append(
                Problem(
                    key,
                    "max must be at most {limit:g} (as in a scenario), got {got:g}",
                    limit=limit,
                    got=high,
                )
            )
            continue
        planned = planned_uptake(scenario, key)
        if not any(v > 0 for v in planned.values()):
            problems.append(
                Problem(
                    key,
                    "the scenario plans no uptake for this line; set one "
                    "before bounding it (the goal seek scales the "
                    "planned uptake)",
                )
            )
            continue
        multipliers = _bounds_to_multipliers(planned, low, high)
        if multipliers is None:
            problems.append(
                Problem(
                    key,
                    "[{low:g}, {high:g}] cannot hold in every planned year "
                    "for uptake from {least:g} to {most:g} scaled by one multiplier",
                    low=low,
                    high=high,
                    least=min(planned.values()),
                    most=max(planned.values()),
                )
            )
            continue
        out[key] = (low, high)
    if problems:
        raise BoundsError(problems)
    return out


def _bounds_to_multipliers(
    planned: Mapping[str, float], low: float, high: float
) -> tuple[float, float] | None:
    """The multiplier range keeping every planned year's uptake within [low, high]."""
    values = [v for v in planned.values() if v > 0]
    lo = max(low / v for v in values)
    hi = min(high / v for v in values)
    if lo > hi * (1 + 1e-12):
        return None
    return lo, max(lo, hi)


def parse_bounds(content: bytes | str, scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Decode and check the bytes (or text) of a bounds file; BoundsError for any problem."""
    try:
        raw = decode_json(content)
    except ScenarioError as exc:
        raise BoundsError(exc.problems) from None
    return check_bounds(raw, scenario)


def load_bounds(path: str | Path, scenario: Scenario) -> dict[str, tuple[float, float]]:
    """Read and check a bounds file; BoundsError (problems prefixed by nothing: the caller
    names the file) for bad content and for a file that cannot be read or is above
    ``MAX_INPUT_BYTES``."""
    try:
        content = read_input(path)
    except ScenarioError as exc:
        raise BoundsError(exc.problems) from None
    return parse_bounds(content, scenario)


def line_bounds(
    scenario: Scenario,
    bounds: Mapping[str, Sequence[float]] | None = None,
    default: tuple[float, float] | None = DEFAULT_BOUNDS,
) -> list[LineBounds]:
    """The free lines of a goal seek: every line in ``bounds`` (awards or 万元 per year), and,
    unless ``default`` is None, every other line of ``default_free_lines`` with multipliers
    ``default`` (0.5×–1.5× of the scenario's own uptake)."""
    bounds = check_bounds({k: list(v) for k, v in (bounds or {}).items()}, scenario)
    out = []
    listed = set(bounds)
    for line in scenario.catalogue.lines:
        if line.id in bounds:
            multipliers = _bounds_to_multipliers(
                planned_uptake(scenario, line.id), *bounds[line.id]
            )
            assert multipliers is not None  # check_bounds accepted these bounds
            lo, hi = multipliers
            out.append(LineBounds(line.id, lo, hi, "bounds"))
    if default is not None:
        lo, hi = float(default[0]), float(default[1])
        if not 0 <= lo <= hi:
            raise ValueError(f"default bounds must satisfy 0 <= low <= high, got {default}")
        for line_id in default_free_lines(scenario):
            if line_id not in listed:
                out.append(LineBounds(line_id, lo, hi, "default"))
    order = {line.id: i for i, line in enumerate(scenario.catalogue.lines)}
    return sorted(out, key=lambda b: order[b.line])
