"""A goal-seek point made into a scenario: a probability goal out of reach falls back to the
closest point (saved and charted, with a warning, exit 0), and the derived scenario
(`optimize --save`, the app's "apply point": ``derive_scenario``) has a new name, a
description of how it was made and bases that match its new numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from simulator import load_scenario
from simulator.analysis import Probe, derive_scenario, optimize
from simulator.cli import qdplan as cli

ROOT = Path(__file__).resolve().parents[1]
DRAWS = 4096
SEED = 11
#: Two lines free (9 levels each: 81 combinations, searched exhaustively), the rest fixed.
BOUNDS = {"m14-first-recognition": [600, 1800], "m05-provincial-lab": [4, 12]}
DAY = dt.date(2027, 3, 14)


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(ROOT / "scenarios" / "baseline.json")


@pytest.fixture(scope="module")
def probe(baseline):
    return Probe(baseline, draws=DRAWS, seed=SEED)


@pytest.fixture(scope="module")
def unreachable(baseline, probe):
    return optimize(
        baseline, bounds=BOUNDS, default_bounds=None, probability=0.99, probe=probe, levels=9
    )


def test_an_unreachable_goal_falls_back_to_the_closest_point(unreachable):
    result = unreachable
    assert result.best is None and not result.goal_reached and result.frontier
    # brute force over the frontier (no appropriation: every point is admissible): the
    # highest probability, the cheapest of those
    top = max(p.probability() for p in result.frontier)
    assert top < 0.99
    nearest = min(
        (p for p in result.frontier if p.probability() == top), key=lambda p: p.outlay_wan
    )
    assert result.closest is nearest and result.chosen is nearest
    assert result.chosen_index == result.frontier.index(nearest) + 1
    message = str(result.message)  # the English text (a Message, shown in each language)
    assert "no levels within the bounds reach 99.0%" in message
    assert f"closest point: {top:.1%}" in message
    document = result.to_dict()
    assert document["goal_reached"] is False and document["best"] is None
    assert document["closest_frontier_point"] == result.chosen_index


def test_a_reachable_goal_has_no_closest_point(baseline, probe, unreachable):
    lowest = unreachable.frontier[0].probability()
    result = optimize(
        baseline, bounds=BOUNDS, default_bounds=None, probability=lowest, probe=probe, levels=9
    )
    assert result.goal_reached and result.closest is None and result.chosen is result.best
    assert result.best.probability() >= lowest


def test_the_derived_scenario_is_named_described_and_based_anew(baseline, unreachable):
    result = unreachable
    point = result.closest
    derived = derive_scenario(result, point, source="baseline.json", today=DAY)
    # the numbers: the point's uptake in the free lines, everything else as it was
    for line in BOUNDS:
        assert derived.line_assumptions(line)["uptake"] == point.uptake[line]
    for line in ("m01-demo", "m14-re-recognition"):
        assert derived.line_assumptions(line) == baseline.line_assumptions(line)
    assert derived.indicator_assumptions("platforms") == baseline.indicator_assumptions("platforms")
    # a new name
    assert derived.name != baseline.name
    assert derived.name == f"{baseline.name} · 目标求解 goal seek 2027-03-14"
    # how it was made: objective, probability, date, source, the point's figures
    text = derived.description
    for fragment in (
        "2027-03-14",
        "baseline.json",
        baseline.name,
        "99.0%",
        "cheapest levels reaching a probability of 99.0%",
        "cannot be reached",
        f"Frontier point {result.chosen_index}:",
        f"{point.probability():.1%}",
        f"{point.outlay_wan / 1e4:,.2f}亿元",  # the Chinese part
        f"{point.outlay_wan / 1e4:,.2f} 100m yuan",  # the English part
        f"{DRAWS:,} draws, seed {SEED}",
    ):
        assert fragment in text, fragment
    # bases: each changed line says where its new numbers come from, and gives them
    changed = [
        line for line in BOUNDS if point.uptake[line] != baseline.line_assumptions(line)["uptake"]
    ]
    assert changed
    for line in changed:
        basis = derived.line_assumptions(line)["basis"]
        assert basis.startswith("assumption:")
        assert "set by goal seek/optimize from 'baseline.json' on 2027-03-14" in basis
        (value,) = set(point.uptake[line].values())  # the same in every year
        shown = f"{value:,.6f}".rstrip("0").rstrip(".")
        assert f"{shown} {baseline.catalogue.line(line).uptake_unit_en} a year" in basis
        assert baseline.line_assumptions(line)["basis"] not in basis
    # the source scenario is unchanged
    assert baseline == load_scenario(ROOT / "scenarios" / "baseline.json")


def test_a_derived_name_is_replaced_not_grown_and_stays_within_the_limit(baseline, unreachable):
    point = unreachable.closest
    once = derive_scenario(unreachable, point, today=DAY)
    twice = derive_scenario(unreachable, point, base=once, today=dt.date(2027, 4, 1))
    assert twice.name == f"{baseline.name} · 目标求解 goal seek 2027-04-01"
    long = baseline.replace(("name",), "长" * 200)
    derived = derive_scenario(unreachable, point, base=long, today=DAY)
    assert len(derived.name) == 200 and derived.name.endswith("goal seek 2027-03-14")
    # the default source is the scenario's name
    assert "from '基准情景 Baseline'" in once.line_assumptions(next(iter(BOUNDS)))["basis"]


def test_a_point_kept_as_it_is_keeps_the_bases(baseline, unreachable):
    derived = derive_scenario(unreachable, unreachable.baseline, today=DAY)
    for line in BOUNDS:
        assert derived.line_assumptions(line) == baseline.line_assumptions(line)
    assert "Uptake of 0 lines changed" in derived.description


def test_optimize_saves_and_charts_the_closest_point_with_a_warning(capsys, tmp_path):
    bounds = tmp_path / "bounds.json"
    bounds.write_text(json.dumps(BOUNDS), encoding="utf-8")
    saved = tmp_path / "new.json"
    charts = tmp_path / "charts"
    code = cli.main(
        [
            "optimize",
            "baseline",
            "--bounds",
            str(bounds),
            "--only-listed",
            "--probability",
            "99%",
            "--draws",
            str(DRAWS),
            "--seed",
            str(SEED),
            "--save",
            str(saved),
            "--charts",
            str(charts),
            "--format",
            "json",
            "--quiet",
            "--language",
            "en",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1
    assert "reach 99.0%" in warnings[0] and "saving and charting the closest point" in warnings[0]
    document = json.loads(out)
    assert document["goal_reached"] is False and document["saved"] == str(saved)
    closest = document["closest"]
    scenario = load_scenario(saved)
    for line in BOUNDS:
        assert scenario.line_assumptions(line)["uptake"] == closest["uptake"][line]
    assert "goal seek" in scenario.name and "'基准情景 Baseline' (baseline)" in scenario.description
    basis = scenario.line_assumptions("m14-first-recognition")["basis"]
    assert "set by goal seek/optimize from 'baseline'" in basis
    assert (charts / "frontier.png").is_file()
