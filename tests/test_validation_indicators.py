"""Schema version 2's indicator blocks and persistence: bad values are problems at their path."""

import copy
import json
from pathlib import Path

import pytest

from simulator import ScenarioError, scenario_from_dict

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))


def problems(mutate):
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    return [str(p) for p in info.value.problems]


def rd(data):
    return data["indicators"]["rd_expenditure"]


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: rd(d)["effects"][0].update(mean=-0.1), "effects.0.mean: must be >= 0"),
        (lambda d: rd(d)["effects"][0].update(mean=0.0), "effects.0.sd: must be 0 when"),
        (lambda d: rd(d)["effects"][0].pop("above"), "effects.0.above: missing"),
        (lambda d: rd(d)["effects"][0]["above"].update(value=-1), "above.value: must be >= 0"),
        (lambda d: rd(d)["start"].update(year=2024), "start.year: must be <= 2023"),
        (lambda d: rd(d)["start"].update(value=0), "start.value: must be > 0"),
        (lambda d: rd(d)["trend"].update(mean=0.9), "trend.mean: must be <= 0.7"),
        (lambda d: rd(d)["noise"].update(persistence=1.0), "noise.persistence: must be <= 0.99"),
        (lambda d: rd(d).pop("noise"), "indicators.rd_expenditure.noise: missing"),
        (lambda d: rd(d).update(noise_sd=0.1), "noise_sd: unknown key"),
        (lambda d: d["persistence"].update(uptake=1.5), "persistence.uptake: must be <= 0.99"),
        (lambda d: d.pop("persistence"), "persistence: missing"),
    ],
)
def test_bad_v2_indicator_values_are_problems_at_their_path(mutate, fragment):
    found = problems(mutate)
    assert any(fragment in p for p in found), found


def test_a_zero_effect_with_no_spread_is_valid():
    data = copy.deepcopy(BASE)
    rd(data)["effects"][0].update(mean=0.0, sd=0.0)
    scenario_from_dict(data)


def test_a_v1_file_with_a_negative_effect_is_a_problem_at_its_own_path():
    raw = json.loads((ROOT / "tests" / "data" / "v1" / "baseline.json").read_text("utf-8"))
    raw["indicators"]["platforms"]["effects"][1]["mean"] = -0.5
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(raw)
    assert any(
        str(p).startswith("indicators.platforms.effects.1.mean: must be >= 0")
        for p in info.value.problems
    )
