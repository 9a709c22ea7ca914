"""Scenarios: the planner's assumptions, validated strictly (see ``validation``).

A scenario is a JSON document (schema version ``SCHEMA_VERSION``), read and validated here and
saved atomically (``files.atomic_write``). The plan's catalogue is not part of a scenario; the
file names the catalogue version it was made for.

Every number in a scenario is an assumption of the planner's (the plan fixes only caps, rates
and targets, which live in the catalogue); each block carries a ``basis`` text saying so.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any, cast

from .catalogue import Catalogue, Line
from .departments import default_department_shares, department_shares, shares_edited
from .files import atomic_write
from .line_checks import own_line, validate_line
from .problems import Problem, ScenarioError
from .reading import decode_json, read_input
from .validation import validate


class Scenario:
    """A validated scenario. Treat it as immutable: edits return a new Scenario."""

    def __init__(self, data: dict[str, Any], catalogue: Catalogue):
        self._data = data
        own = tuple(own_line(entry, catalogue) for entry in data["own_lines"])
        self.catalogue = catalogue.with_lines(own) if own else catalogue
        self.base_catalogue = catalogue

    # ---------------------------------------------------------------- reading
    @property
    def data(self) -> dict[str, Any]:
        """A deep copy of the canonical JSON form."""
        return copy.deepcopy(self._data)

    @property
    def name(self) -> str:
        return cast(str, self._data["name"])

    @property
    def description(self) -> str:
        return cast(str, self._data["description"])

    @property
    def draws(self) -> int:
        return cast(int, self._data["simulation"]["draws"])

    @property
    def seed(self) -> int:
        return cast(int, self._data["simulation"]["seed"])

    @property
    def sampler(self) -> str:
        return cast(str, self._data["simulation"]["sampler"])

    @property
    def uptake_multiplier(self) -> float:
        return cast(float, self._data["uptake_multiplier"])

    @property
    def common_loading(self) -> float:
        return cast(float, self._data["common_factor"]["loading"])

    @property
    def persistence(self) -> dict[str, float]:
        """Year-to-year correlations (AR(1)) of the uptake shocks: 'uptake' (each line's)
        and 'common' (the common factor)."""
        p = self._data["persistence"]
        return {"uptake": p["uptake"], "common": p["common"]}

    @property
    def flag_thresholds(self) -> dict[str, float]:
        """{'on_track': p, 'at_risk': p}: a target is on track at or above the first."""
        t = self._data["flag_thresholds"]
        return {"on_track": t["on_track"], "at_risk": t["at_risk"]}

    @property
    def actuals(self) -> list[dict[str, Any]]:
        """Observed values: dicts with kind ('indicator', 'line', 'measure'), id, year,
        value (catalogue units: 万元 or the indicator's unit) and source."""
        return copy.deepcopy(self._data["actuals"])

    @property
    def appropriation(self) -> dict[str, float] | None:
        """The yearly budget envelope in 万元 by year ('2024'…), or None."""
        a = self._data.get("appropriation")
        return dict(a["wan"]) if a else None

    def department_shares(self, line: Line) -> dict[str, float]:
        """{department: share} of one line's outlay (``departments``)."""
        return department_shares(self._data, self.base_catalogue, line)

    @property
    def department_shares_block(self) -> dict[str, Any]:
        """The scenario's ``department_shares`` block (basis and shares by measure)."""
        return copy.deepcopy(self._data.get("department_shares") or default_department_shares())

    @property
    def count_targets(self) -> dict[str, Any]:
        """The count targets' starting stocks and additions (``targets``)."""
        return copy.deepcopy(self._data.get("count_targets") or {})

    @property
    def rationing(self) -> dict[str, Any]:
        """{'policy', 'priority', 'backlog_cap_wan', 'basis'} (see ``validation_budget``)."""
        return copy.deepcopy(self._data["rationing"])

    @property
    def investments(self) -> dict[str, dict[str, Any]]:
        """The lines that are investments: {line id: {'holding_years', 'exit_probability',
        'recovery_multiple', 'basis'}}."""
        return copy.deepcopy(self._data["investments"]["lines"])

    def line_assumptions(self, line_id: str) -> dict[str, Any]:
        """The assumptions of one line (catalogue or own line), as a deep copy."""
        if line_id in self._data["lines"]:
            return copy.deepcopy(self._data["lines"][line_id])
        for entry in self._data["own_lines"]:
            if entry["id"] == line_id:
                return copy.deepcopy(entry)
        raise KeyError(line_id)

    def indicator_assumptions(self, indicator_id: str) -> dict[str, Any]:
        return copy.deepcopy(self._data["indicators"][indicator_id])

    def get(self, path: tuple[str | int, ...]) -> Any:
        node: Any = self._data
        for key in path:
            node = node[key]
        return copy.deepcopy(node)

    # ---------------------------------------------------------------- editing
    def replace(self, path: tuple[str | int, ...], value: Any) -> Scenario:
        """A new scenario with the value at ``path`` replaced; raises ScenarioError (with the
        path) if the result is not valid. This scenario is unchanged."""
        if len(path) >= 3 and path[0] == "lines" and path[1] in self._data["lines"]:
            return self._replace_in_line(path, value)
        data = self.data
        node: Any = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]]  # the key must exist
        except (KeyError, IndexError, TypeError):
            raise ScenarioError([Problem(".".join(map(str, path)), "no such setting")]) from None
        node[path[-1]] = value
        return scenario_from_dict(data, self.base_catalogue)

    def _replace_in_line(self, path: tuple[str | int, ...], value: Any) -> Scenario:
        """replace() within one catalogue line: only that line is copied and checked (the
        rest is shared with this scenario, which is never changed), so a slider move does
        not revalidate the whole file. Nothing else refers to a line's assumptions."""
        line_id = path[1]
        assert isinstance(line_id, str)  # a key of the lines (replace() checked)
        entry = copy.deepcopy(self._data["lines"][line_id])
        node: Any = entry
        try:
            for key in path[2:-1]:
                node = node[key]
            node[path[-1]]  # the key must exist
        except (KeyError, IndexError, TypeError):
            raise ScenarioError([Problem(".".join(map(str, path)), "no such setting")]) from None
        node[path[-1]] = value
        checked = validate_line(self.catalogue.line(line_id), entry, f"lines.{line_id}")
        data = dict(self._data)
        data["lines"] = {**self._data["lines"], line_id: checked}
        return Scenario(data, self.base_catalogue)

    def with_department_shares(self, measure: int, shares: dict[str, float] | None) -> Scenario:
        """A new scenario with measure ``measure``'s outlay split among its responsible
        units by ``shares`` (None: its lead unit in full); raises ScenarioError (with the
        path, e.g. ``department_shares.measures.10``) when they do not add up to 1."""
        return self.with_data(shares_edited(self._data, measure, shares))

    def with_data(self, data: dict[str, Any]) -> Scenario:
        return scenario_from_dict(data, self.base_catalogue)

    # ---------------------------------------------------------------- writing
    def to_json(self) -> str:
        return json.dumps(self._data, ensure_ascii=False, indent=2) + "\n"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self._data == other._data

    def __repr__(self) -> str:
        return f"Scenario({self.name!r})"


def scenario_from_dict(raw: Any, catalogue: Catalogue | None = None) -> Scenario:
    """Validate a decoded JSON document; raise ScenarioError listing every problem."""
    data, catalogue = validate(raw, catalogue)
    return Scenario(data, catalogue)


def parse_scenario(content: bytes | str, source: str | None = None) -> Scenario:
    """Parse and validate the bytes (or text) of a scenario file."""
    raw = decode_json(content, source)
    try:
        scenario = scenario_from_dict(raw)
    except ScenarioError as exc:
        raise ScenarioError(exc.problems, source) from None
    except RecursionError:
        raise ScenarioError([Problem("", "nested too deeply")], source) from None
    return scenario


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario file; raise ScenarioError naming the file on any problem
    (files above ``reading.MAX_INPUT_BYTES`` are refused unread)."""
    return parse_scenario(read_input(path), str(Path(path)))


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Save atomically. Saving what was loaded from a saved file reproduces it byte for byte."""
    atomic_write(path, scenario.to_json().encode("utf-8"))
