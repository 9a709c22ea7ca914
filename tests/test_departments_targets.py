"""Outlay by department from per-measure shares (issue 10 §5) and the plan's count targets
(§4): hand-worked splits and counts, exact ties at a target, validation with paths."""

import copy
import json
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, ScenarioError, scenario_from_dict
from simulator.model.catalogue import load_catalogue
from simulator.model.targets import reached
from simulator.model.years import YEARS

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "scenarios" / "baseline.json").read_text(encoding="utf-8"))
CATALOGUE = load_catalogue()


def data_with(**changes):
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        node = data
        keys = path.split("/")
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
    return data


# --------------------------------------------------------------------------- departments
def test_a_measures_outlay_is_split_by_its_shares_hand_worked():
    """Measure 14 (three lines) 60/30/10 among its three units, measure 10 to its second
    unit in full: each department's series is, draw by draw, its shares of the lines."""
    shares = {
        "14": {"市科技局": 0.6, "市民营经济局": 0.3, "市工业和信息化局": 0.1},
        "10": {"市工业和信息化局": 1.0},
    }
    scenario = scenario_from_dict(
        data_with(**{"department_shares/measures": shares, "department_shares/basis": "test"})
    )
    results = Engine(scenario, draws=3_000, seed=5).run()
    m14 = results.outlay_draws("measure", "14")
    m10 = results.outlay_draws("measure", "10")
    everything = results.outlay_draws("total")
    np.testing.assert_allclose(results.outlay_draws("department", "市民营经济局"), 0.3 * m14)
    np.testing.assert_allclose(
        results.outlay_draws("department", "市工业和信息化局"), 0.1 * m14 + m10, rtol=1e-12
    )
    # the lead unit keeps every other measure, and 60 % of measure 14
    np.testing.assert_allclose(
        results.outlay_draws("department", "市科技局"),
        everything - m10 - 0.4 * m14,
        rtol=1e-9,
        atol=1e-6,
    )
    by_department = sum(results.outlay_draws("department", d) for d in results.series("department"))
    np.testing.assert_allclose(by_department, everything, rtol=1e-12)


def test_without_shares_every_measure_goes_to_its_lead_unit():
    results = Engine(scenario_from_dict(BASE), draws=2_000, seed=5).run()
    leads = {CATALOGUE.measure(line.measure).lead_department for line in CATALOGUE.lines}
    assert set(results.series("department")) == leads


@pytest.mark.parametrize(
    "shares,message",
    [
        (
            {"10": {"市科技局": 0.5, "市教育局": 0.4}},
            "department_shares.measures.10: shares must add up to 1, got 0.9",
        ),
        (
            {"10": {"市财政局": 1.0}},
            "department_shares.measures.10.市财政局: not a responsible unit of measure 10",
        ),
        ({"29": {"市科技局": 1.0}}, "department_shares.measures.29: unknown measure number"),
        (
            {"10": {"市科技局": 1.2, "市教育局": -0.2}},
            "department_shares.measures.10.市科技局: must be <= 1, got 1.2",
        ),
    ],
)
def test_invalid_shares_are_refused_with_their_path(shares, message):
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data_with(**{"department_shares/measures": shares}))
    assert message in str(info.value)


def test_shares_are_edited_through_the_scenario():
    scenario = scenario_from_dict(BASE)
    split = scenario.with_department_shares(10, {"市科技局": 0.25, "市教育局": 0.75})
    line = CATALOGUE.line("m10-contract-service-point")
    assert split.department_shares(line) == {"市科技局": 0.25, "市教育局": 0.75}
    assert split.with_department_shares(10, None).department_shares(line) == {"市科技局": 1.0}
    with pytest.raises(ScenarioError):
        scenario.with_department_shares(10, {"市科技局": 0.5})


def test_department_groups_keep_the_plans_grouping():
    # measure 20: "市人力资源社会保障局,市委组织部,市科技局、市教育局"
    groups = CATALOGUE.measure(20).department_groups
    assert groups == (("市人力资源社会保障局",), ("市委组织部",), ("市科技局", "市教育局"))
    for measure in CATALOGUE.measures:
        assert sum(measure.department_groups, ()) == measure.departments


# --------------------------------------------------------------------------- count targets
def lab_scenario(start, awards_per_year, other=0.0, per_award=1.0):
    return scenario_from_dict(
        data_with(
            **{
                "lines/m05-national-lab-lead/uptake": {str(y): awards_per_year for y in YEARS},
                "count_targets/targets/national_key_labs/start_2023": start,
                "count_targets/targets/national_key_labs/per_award": per_award,
                "count_targets/targets/national_key_labs/other_per_year": {
                    "mean": other,
                    "cv": 0.0,
                },
            }
        )
    )


@pytest.mark.parametrize("start,probability", [(15, 1.0), (14, 0.0)])
def test_a_count_exactly_at_the_target_reaches_it(start, probability):
    """No awards and no other additions: the 2028 count is the starting stock; 15 labs
    reach "15家以上" (≥ counts), 14 do not."""
    results = Engine(lab_scenario(start, 0.0), draws=2_000, seed=3).run()
    target = results.count_targets()["national_key_labs"]
    assert target["probability"] == probability
    assert target["mean"]["2028"] == start


def test_lab_counts_add_the_awards_of_their_line_per_draw():
    """Stock = start + per_award × cumulative awards of m05-national-lab-lead, per draw."""
    engine = Engine(lab_scenario(9, 1.2, per_award=0.5), draws=5_000, seed=8)
    results = engine.run()
    awards = engine.lines["m05-national-lab-lead"].awards
    stock = 9 + 0.5 * awards.sum(axis=0)
    target = results.count_targets()["national_key_labs"]
    assert target["mean"]["2028"] == pytest.approx(stock.mean(), rel=1e-12)
    assert target["probability"] == pytest.approx(np.mean(stock >= 15), abs=1e-12)
    by_year = 9 + 0.5 * np.cumsum(awards, axis=0)
    for i, year in enumerate(YEARS):
        assert target["probability_by_year"][str(year)] == pytest.approx(
            np.mean(by_year[i] >= 15), abs=1e-12
        )


def test_a_yearly_target_must_be_reached_every_year_ties_included():
    target = next(t for t in CATALOGUE.count_targets if t.id == "major_results_per_year")
    counts = np.array([[10, 10, 9], [12, 10, 10], [10, 11, 10], [10, 10, 10], [10, 10, 10]])
    np.testing.assert_array_equal(reached(target, counts), [True, True, False])


def test_count_targets_are_in_the_json_output():
    results = Engine(scenario_from_dict(BASE), draws=2_000, seed=1).run()
    data = results.to_dict()["count_targets"]
    assert set(data) == {t.id for t in CATALOGUE.count_targets}
    for summary in data.values():
        assert 0.0 <= summary["probability"] <= 1.0
        assert summary["flag"] in ("on_track", "at_risk", "off_track")


def test_count_target_entries_are_validated():
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data_with(**{"count_targets/targets/national_key_labs/start_2023": -1}))
    assert "count_targets.targets.national_key_labs.start_2023: must be >= 0" in str(info.value)


def test_parts_give_the_same_count_target_figures():
    scenario = scenario_from_dict(BASE)
    whole = Engine(scenario, draws=3 * 16384, seed=2, keep_draws=False).run()
    parts = Engine(scenario, draws=3 * 16384, seed=2, keep_draws=False, part_draws=16384).run()
    for key, summary in whole.count_targets().items():
        other = parts.count_targets()[key]
        assert other["probability"] == pytest.approx(summary["probability"], abs=1e-12)
        for year in map(str, YEARS):
            assert other["mean"][year] == pytest.approx(summary["mean"][year], rel=1e-12)
