"""Rationing rules at their edges, worked out by hand on quiet scenarios (every line silent
but the ones under test): no policy never cuts a payment whatever the appropriation; the
priority list is read by the priority policy only; a draw counts as rationed when any group
is cut, the last one included or not."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np

from simulator import Engine, scenario_from_dict

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
YEARS = ("2024", "2025", "2026", "2027", "2028")


def fund_only(amount: float = 30000.0, cv: float = 0.3) -> dict:
    """Only the landing fund (measure 22) pays: ``amount`` a year, paid the same year."""
    data = copy.deepcopy(BASE)
    for line in data["lines"].values():
        line["uptake"] = {year: 0.0 for year in line["uptake"]}
        line["uptake_cv"] = {year: 0.0 for year in line["uptake_cv"]}
    for year in ("2021", "2022", "2023"):
        data["lines"]["m14-re-recognition"]["cohorts_before_plan"][year] = 0
    fund = data["lines"]["m22-landing-fund"]
    fund["uptake"] = {y: amount for y in YEARS}
    fund["uptake_cv"] = {y: cv for y in YEARS}
    fund["disbursement"] = [1.0]
    data["investments"]["lines"] = {}
    data["appropriation"] = {"wan": {y: 28000.0 for y in YEARS}, "basis": "assumption: x"}
    return data


def run(data: dict, draws: int = 3000, seed: int = 2):
    engine = Engine(scenario_from_dict(data), draws=draws, seed=seed)
    return engine, engine.run()


def test_without_a_policy_no_payment_is_cut():
    """Policy "none" with an appropriation of 28,000 under payments of about 30,000: the
    money paid is what the line asks, above the appropriation in most draws, and the run
    reports no rationing."""
    data = fund_only()
    engine, results = run(data)
    paid = engine.lines["m22-landing-fund"].paid
    assert np.mean(paid > 28000.0) > 0.5
    np.testing.assert_array_equal(results.outlay_draws("total"), paid)
    assert results.to_dict()["rationing"]["active"] is False
    data["appropriation"] = None
    unlimited, _ = run(data)
    np.testing.assert_array_equal(unlimited.lines["m22-landing-fund"].paid, paid)


def test_a_priority_list_is_read_by_the_priority_policy_only():
    """Proportional rationing with a priority list left over from the priority policy
    gives exactly the figures of proportional rationing without one; and every year's
    outlay is then at most the appropriation."""
    data = fund_only()
    data["lines"]["m01-demo"]["uptake"] = {y: 5.0 for y in YEARS}
    data["rationing"].update(policy="proportional", priority=[])
    _, plain = run(data)
    data["rationing"]["priority"] = [22, 1]
    _, listed = run(data)
    a, b = plain.to_dict(), listed.to_dict()
    for figures in (a, b):
        figures.pop("elapsed_seconds")
        figures["rationing"].pop("priority")
    assert a == b
    assert np.all(plain.outlay_draws("total") <= 28000.0 * (1 + 1e-9) + 1e-9)


def test_a_draw_is_rationed_when_any_group_is_cut():
    """Priority to measure 22, whose fund asks 30,000 (no spread) against 28,000 a year:
    the first group is cut in every draw and year, the last group (every other measure)
    asks nothing and loses nothing: the chance of rationing is 1 in every year."""
    data = fund_only(cv=0.0)
    data["rationing"].update(policy="priority", priority=[22])
    _, results = run(data, draws=500)
    figures = results.to_dict()["rationing"]
    assert figures["active"] is True
    assert figures["probability_by_year"] == {y: 1.0 for y in YEARS}


def test_a_cut_of_half_a_wan_is_a_rationed_draw():
    """The fund asks 28,000.5 a year (no spread) against 28,000: half a 万元 is cut in every
    draw of 2024 (and more later, as the unpaid money waits), so every year is rationed."""
    data = fund_only(amount=28000.5, cv=0.0)
    data["rationing"].update(policy="proportional", priority=[])
    _, results = run(data, draws=500)
    figures = results.to_dict()["rationing"]
    assert figures["probability_by_year"] == {y: 1.0 for y in YEARS}
    assert figures["refused_wan_mean"]["2024"] == 0.0  # no cap: the half waits
    assert results.outlay()["p50"][0] == 28000.0
