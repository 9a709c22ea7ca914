"""Scenarios for tests: the shipped baseline edited by path (``scenario_with``), and a quiet one
for tests with hand-worked answers (``quiet``: no awards on any line, no certificates before
the plan, no common factor or persistence, no investments, and indicators exactly on their
trend from 2023)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from simulator import scenario_from_dict

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))


def scenario_with(**changes):
    """The baseline with each ``"a/b/c": value`` set (list positions as numbers)."""
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        node = data
        keys = path.split("/")
        for key in keys[:-1]:
            node = node[int(key) if isinstance(node, list) else key]
        node[keys[-1]] = copy.deepcopy(value)  # a later path may change it: not the shared one
    return scenario_from_dict(data)


def quiet() -> dict:
    """The baseline with no awards on any line (no certificates before the plan either), no
    common factor, no persistence of shocks, no investments and indicators that follow
    their trend exactly from 2023 (no spread, no noise, no effects)."""
    data = copy.deepcopy(BASE)
    for line in data["lines"].values():
        line["uptake"] = {year: 0.0 for year in line["uptake"]}
        line["uptake_cv"] = {year: 0.0 for year in line["uptake_cv"]}
    cohorts = data["lines"]["m14-re-recognition"]["cohorts_before_plan"]
    for year in ("2021", "2022", "2023"):
        cohorts[year] = 0
    for indicator in data["indicators"].values():
        indicator["start"].update(year=2023, sd=0.0)
        indicator["trend"]["sd"] = 0.0
        indicator["noise"]["sd"] = 0.0
        indicator["effects"] = []
    data["common_factor"]["loading"] = 0.0
    data["persistence"].update(uptake=0.0, common=0.0)
    data["investments"]["lines"] = {}
    return data
