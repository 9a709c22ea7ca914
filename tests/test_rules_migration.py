"""Version 1 files under the rules of issue 10: planner's choices keep their v1 values (rates
at the plan's figure, departments at the lead unit), corrected rules are derived from the v1
numbers as documented in ``rules_migration``."""

import json
from pathlib import Path

import numpy as np
import pytest

from simulator import load_scenario
from simulator.model.award_rules import capped_moments

HERE = Path(__file__).resolve().parent
V1_FILES = sorted((HERE / "data" / "v1").glob("*.json"))


@pytest.fixture(params=V1_FILES, ids=lambda p: p.stem)
def pair(request):
    raw = json.loads(request.param.read_text(encoding="utf-8"))
    return raw, load_scenario(request.param)


def test_renewals_of_the_first_plan_years_become_the_certificates_before_it(pair):
    raw, scenario = pair
    v1 = raw["lines"]["m14-re-recognition"]
    v2 = scenario.line_assumptions("m14-re-recognition")
    rate, mult = v1["renewal_rate"], raw["uptake_multiplier"]
    for year in (2024, 2025, 2026):
        # the same mean renewals: certificates × rate = v1 planned renewals × multiplier
        certificates = v2["cohorts_before_plan"][str(year - 3)]
        assert certificates == round(v1["uptake"][str(year)] * mult / rate)
    assert v2["uptake"] == {} and v2["uptake_cv"] == {}
    assert v2["cohorts_before_plan"]["basis"].startswith("migrated from schema version 1")


def test_share_rates_keep_the_plans_figure(pair):
    _, scenario = pair
    assert scenario.line_assumptions("m16-intl-activity")["rate"] == 0.5
    assert scenario.line_assumptions("m23-innovation-voucher")["rate"] == 0.5


@pytest.mark.parametrize("line_id", ["m10-contract-service-point", "m23-rd-reward"])
def test_per_award_rules_keep_the_v1_mean_award_at_the_reference(pair, line_id):
    """v1 paid a Beta share of the cap (mean m); the migrated rule's uncapped mean award
    rate × base equals m × cap (the cap then clips only the largest awards)."""
    raw, scenario = pair
    shares = raw["lines"][line_id]["award_share"].values()
    mean_share = sum(s["mean"] for s in shares) / len(shares)
    rule = scenario.line_assumptions(line_id)["award_rule"]
    cap = scenario.catalogue.line(line_id).cap_wan
    assert rule["rate"] * rule["base"]["mean_wan"] == pytest.approx(mean_share * cap)
    capped = capped_moments(
        np.array([rule["rate"]]), rule["base"]["mean_wan"], rule["base"]["cv"], cap
    )[0][0]
    assert capped <= mean_share * cap


def test_the_rd_effect_per_wan_becomes_per_award_at_the_v1_mean_award(pair):
    raw, scenario = pair
    (old,) = [
        e for e in raw["indicators"]["rd_expenditure"]["effects"] if e["line"] == "m23-rd-reward"
    ]
    (new,) = [
        e
        for e in scenario.indicator_assumptions("rd_expenditure")["effects"]
        if e["line"] == "m23-rd-reward"
    ]
    shares = raw["lines"]["m23-rd-reward"]["award_share"].values()
    award = sum(s["mean"] for s in shares) / len(shares) * 500
    assert old["per"] == "wan" and new["per"] == "award"
    assert new["mean"] == pytest.approx(old["mean"] * award)
    assert new["sd"] == pytest.approx(old["sd"] * award)


def test_new_blocks_and_lines_say_they_were_migrated(pair):
    _, scenario = pair
    for line_id in ("m19-talent-support", "m20-reserve-talent", "m28-landmark-awards"):
        entry = scenario.line_assumptions(line_id)
        assert set(entry["uptake"].values()) == {0.0}
        assert entry["basis"].startswith("migrated from schema version 1")
    assert scenario.department_shares_block["measures"] == {}
    assert scenario.department_shares_block["basis"].startswith("migrated from schema version 1")
    assert scenario.count_targets["basis"].startswith("migrated from schema version 1")
