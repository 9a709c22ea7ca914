"""Schema migration: the three shipped version 1 files (as released, kept in tests/data/v1)
open, are migrated in memory to the current version, keep their meaning, and save in the
current version."""

import json
from pathlib import Path

import pytest

from simulator import ScenarioError, load_scenario, save_scenario, scenario_from_dict
from simulator.model.migration import MIGRATIONS, migrated
from simulator.model.validation import SCHEMA_VERSION

HERE = Path(__file__).resolve().parent
V1_FILES = sorted((HERE / "data" / "v1").glob("*.json"))
SHIPPED = HERE.parent / "scenarios"


def test_the_three_released_v1_files_are_kept_for_this_test():
    assert [p.stem for p in V1_FILES] == ["accelerated", "baseline", "restrained"]
    for path in V1_FILES:
        assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1


def test_every_older_version_has_a_migration_to_the_next():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_a_v1_file_opens_as_the_current_version_and_saves_as_it(path, tmp_path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    scenario = load_scenario(path)
    assert scenario.data["schema_version"] == SCHEMA_VERSION
    # the planner's own numbers come through unchanged, but for the lines whose rule issue 10
    # corrects (tests/test_rules_migration.py) and the lines the catalogue added
    for key in ("name", "description", "simulation", "uptake_multiplier"):
        assert scenario.data[key] == raw[key]
    corrected = {"m14-re-recognition", "m10-contract-service-point", "m23-rd-reward"}
    with_rate = {"m16-intl-activity", "m23-innovation-voucher"}
    for line_id, entry in raw["lines"].items():
        migrated_line = scenario.data["lines"][line_id]
        if line_id in with_rate:
            assert migrated_line == {**entry, "rate": 0.5}
        elif line_id not in corrected:
            assert migrated_line == entry, line_id
    out = tmp_path / "saved.json"
    save_scenario(scenario, out)
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION
    # saving and opening again is stable
    assert load_scenario(out).data == scenario.data


def test_migration_does_not_change_its_input():
    raw = json.loads(V1_FILES[0].read_text(encoding="utf-8"))
    before = json.dumps(raw, sort_keys=True)
    out = migrated(raw, 1, SCHEMA_VERSION)
    assert out["schema_version"] == SCHEMA_VERSION
    assert json.dumps(raw, sort_keys=True) == before


def test_a_migrated_problem_is_reported_at_the_files_own_path():
    raw = json.loads(V1_FILES[1].read_text(encoding="utf-8"))
    raw["lines"]["m01-common-tech"]["uptake"]["2026"] = -3
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(raw)
    assert any(str(p).startswith("lines.m01-common-tech.uptake.2026:") for p in info.value.problems)


def test_shipped_scenarios_are_in_the_current_version():
    for path in sorted(SHIPPED.glob("*.json")):
        assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_a_v1_file_has_no_rationing_and_no_investments(path):
    """Version 1 paid every request and counted every payment as spent for good."""
    scenario = load_scenario(path)
    rationing = scenario.rationing
    assert rationing["policy"] == "none" and rationing["backlog_cap_wan"] is None
    assert rationing["basis"].startswith("migrated from schema version 1")
    assert scenario.investments == {}
    assert scenario.data["investments"]["basis"].startswith("migrated from schema version 1")


def test_the_budget_blocks_are_required_in_version_2():
    raw = json.loads((SHIPPED / "baseline.json").read_text(encoding="utf-8"))
    del raw["rationing"], raw["investments"]
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(raw)
    assert {str(p) for p in info.value.problems} == {"rationing: missing", "investments: missing"}
