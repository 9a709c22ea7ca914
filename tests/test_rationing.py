"""Rationing under the appropriation (issue 10 §1).

The vectorised rationing (``rationing.ration_groups`` and ``fund``) is compared with a plain
loop over draws, years, groups and lines written from the rule as the module states it;
the engine's rationed runs are checked against the properties the rule guarantees (outlay
within the appropriation in every draw, priority order, an appropriation too large to bind
gives the unrationed run exactly) and against themselves (kept draws, drawn again, in parts,
after a one-line update).
"""

import math
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, load_scenario
from simulator.model.budget_results import rationing_figures
from simulator.model.problems import ScenarioError
from simulator.model.randomness import BLOCK
from simulator.model.rationing import RationingPolicy, fund, ration_groups
from simulator.model.years import YEARS

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"


# --------------------------------------------------------------------------- the rule, by hand
def reference(requests, groups, appropriation, cap):
    """A plain loop: requests[line][year][draw] (payments falling due), groups[line] (0 is
    served first). Returns (paid[line][year][draw], waiting money per line at the end,
    refused[year][draw]), from the rule: per group, waiting paid first, then new, alike for
    every line of the group (shares of the group's sums); of the unpaid, the backlog room
    keeps the older first, groups in order; the rest is refused."""
    n_lines = len(requests)
    n_years = len(requests[0])
    n_draws = len(requests[0][0])
    paid = [[[0.0] * n_draws for _ in range(n_years)] for _ in range(n_lines)]
    waiting_end = [[0.0] * n_draws for _ in range(n_lines)]
    refused = [[0.0] * n_draws for _ in range(n_years)]
    for d in range(n_draws):
        waiting = [0.0] * n_lines
        for t in range(n_years):
            cash = appropriation[t]
            room = math.inf if cap is None else cap
            for g in sorted(set(groups)):
                members = [i for i in range(n_lines) if groups[i] == g]
                old = sum(waiting[i] for i in members)
                new = sum(requests[i][t][d] for i in members)
                pay_old = min(old, cash)
                cash -= pay_old
                pay_new = min(new, cash)
                cash -= pay_new
                keep_old = min(old - pay_old, room)
                room -= keep_old
                keep_new = min(new - pay_new, room)
                room -= keep_new
                refused[t][d] += (old - pay_old - keep_old) + (new - pay_new - keep_new)
                for i in members:
                    share_old = waiting[i] / old if old > 0 else 0.0
                    share_new = requests[i][t][d] / new if new > 0 else 0.0
                    paid[i][t][d] = pay_old * share_old + pay_new * share_new
                    waiting[i] = keep_old * share_old + keep_new * share_new
        for i in range(n_lines):
            waiting_end[i][d] = waiting[i]
    return paid, waiting_end, refused


def vectorised(requests, groups, appropriation, cap):
    requests = [np.asarray(r, dtype=float) for r in requests]
    n_groups = max(groups) + 1
    need = np.zeros((n_groups,) + requests[0].shape)
    for r, g in zip(requests, groups):
        need[g] += r
    factors = ration_groups(need, tuple(appropriation), cap)
    out = [fund(r, factors, g) for r, g in zip(requests, groups)]
    return [o[0] for o in out], [o[1] for o in out], factors


CASES = [
    # (lines, groups, appropriation per year, cap, seed)
    (2, [0, 0], [100.0, 80.0, 120.0, 60.0, 150.0], None, 1),
    (3, [0, 1, 2], [100.0, 80.0, 120.0, 60.0, 150.0], None, 2),
    (3, [0, 1, 2], [100.0, 80.0, 120.0, 60.0, 150.0], 40.0, 3),
    (4, [1, 0, 1, 0], [90.0, 90.0, 200.0, 30.0, 10.0], 0.0, 4),
    (4, [0, 0, 0, 0], [50.0, 150.0, 50.0, 150.0, 50.0], 75.0, 5),
    (2, [0, 1], [0.0, 0.0, 500.0, 0.0, 500.0], None, 6),
]


@pytest.mark.parametrize("n_lines,groups,appropriation,cap,seed", CASES)
def test_the_vectorised_rule_is_the_plain_loop(n_lines, groups, appropriation, cap, seed):
    rng = np.random.default_rng(seed)
    draws = 40
    requests = rng.gamma(2.0, 25.0, size=(n_lines, len(YEARS), draws))
    requests[rng.random(requests.shape) < 0.15] = 0.0  # years with nothing due
    paid, waiting, refused = reference(requests.tolist(), groups, appropriation, cap)
    v_paid, v_waiting, factors = vectorised(requests, groups, appropriation, cap)
    for i in range(n_lines):
        np.testing.assert_allclose(v_paid[i], paid[i], rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(v_waiting[i], waiting[i], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(factors.refused, refused, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(factors.backlog[-1], np.sum(waiting, axis=0), atol=1e-9)
    total = np.sum(v_paid, axis=0)
    assert np.all(total <= np.asarray(appropriation)[:, None] * (1 + 1e-12) + 1e-9)
    # nothing is lost: paid + waiting + refused = requested
    np.testing.assert_allclose(
        total.sum(axis=0) + factors.backlog[-1] + factors.refused.sum(axis=0),
        requests.sum(axis=(0, 1)),
        rtol=1e-9,
    )


def test_a_hand_worked_case():
    """Two groups; appropriation 100 then 100; group 0 asks 70 then 120, group 1 asks 50
    then 10. 2024: group 0 paid 70, group 1 paid 30 (20 waits). 2025: group 0 paid 100
    (20 waits), group 1 nothing (its 20 waiting and 10 new wait: 30). With a cap of 25:
    2024 keeps 20; 2025 keeps group 0's 20, then 5 of group 1's 20 waiting (15 refused) and
    none of its 10 new (refused)."""
    requests = [[[70.0], [120.0]], [[50.0], [10.0]]]
    paid, waiting, factors = vectorised(requests, [0, 1], [100.0, 100.0], None)
    close = np.testing.assert_allclose
    close([p.ravel() for p in paid], [[70.0, 100.0], [30.0, 0.0]], rtol=1e-12)
    close([w for w in waiting], [[20.0], [30.0]], rtol=1e-12)
    paid, waiting, factors = vectorised(requests, [0, 1], [100.0, 100.0], 25.0)
    close([w for w in waiting], [[20.0], [5.0]], rtol=1e-12)
    close(factors.refused.ravel(), [0.0, 25.0], rtol=1e-12)
    assert factors.rationed.ravel().tolist() == [True, True]


def test_funded_awards_follow_the_same_rule():
    """Awards of a line paid in its award year: funded awards are awards × the share of its
    money paid, and the rest waits: 10 awards of 7 each, 42 paid → 6 funded, 4 waiting; the
    next year (cash enough) the 4 waiting are funded with the new ones."""
    money = np.array([[70.0], [35.0]])
    awards = np.array([[10], [5]])
    need = money[None].copy()
    factors = ration_groups(need, (42.0, 1000.0), None)
    funded, waiting = fund(awards, factors, 0)
    np.testing.assert_allclose(funded.ravel(), [6.0, 9.0])
    assert waiting.tolist() == [0.0]


# --------------------------------------------------------------------------- the engine
def _rationed(policy="proportional", wan=150_000.0, priority=(), cap=None, scenario=None):
    scenario = scenario or load_scenario(BASELINE)
    data = scenario.data
    data["appropriation"] = {"basis": "assumption: test", "wan": {str(y): wan for y in YEARS}}
    data["rationing"] = {
        "policy": policy,
        "priority": list(priority),
        "backlog_cap_wan": cap,
        "basis": "assumption: test",
    }
    return scenario.with_data(data)


@pytest.mark.parametrize(
    "policy,priority,cap",
    [("proportional", (), None), ("priority", (22, 14, 1), None), ("priority", (10,), 20_000.0)],
)
def test_outlay_never_exceeds_the_appropriation(policy, priority, cap):
    """The old behaviour paid every request (only the chance of exceeding was reported)."""
    scenario = _rationed(policy, 140_000.0, priority, cap)
    results = Engine(scenario, draws=4000, seed=3).run()
    total = results.outlay_draws("total")
    assert total.max() <= 140_000.0 * (1 + 1e-12)
    rationing = results.to_dict()["rationing"]
    assert rationing["active"] and max(rationing["probability_by_year"].values()) > 0.5
    unrationed = Engine(load_scenario(BASELINE), draws=4000, seed=3).run()
    assert unrationed.outlay_draws("total").max() > 140_000.0  # so the rule did something
    if cap is not None:
        backlog = results.outlay("backlog", "total")["p95"][: len(YEARS)]
        assert backlog.max() <= cap * (1 + 1e-12)


def test_a_higher_priority_measure_is_never_cut_while_a_lower_one_is_paid():
    order = (14, 10, 22)
    scenario = _rationed("priority", 120_000.0, order)
    engine = Engine(scenario, draws=3000, seed=5)
    engine.run()
    policy = RationingPolicy.of(scenario, YEARS)
    groups = policy.groups
    requested = np.zeros((groups, len(YEARS), engine.draws))
    paid = np.zeros_like(requested)
    waiting_before = np.zeros_like(requested)
    for line_id, plan in engine.plans.items():
        g = policy.group(plan.line.measure)
        requested[g] += engine.lines[line_id].paid
        paid[g] += engine.results.outlay_draws("line", line_id)
    # what each group owed in a year: its new payments and its waiting ones
    owed = requested.copy()
    for t in range(1, len(YEARS)):
        waiting_before[:, t] = (owed[:, t - 1] - paid[:, t - 1]).clip(min=0)
        owed[:, t] += waiting_before[:, t]
    cut = paid < owed * (1 - 1e-9) - 1e-6
    for g in range(groups):
        later_paid = paid[g + 1 :].sum(axis=0) > 1e-6
        assert not np.any(cut[g] & later_paid), f"group {g} cut while a later one is paid"
    assert cut[-1].any()  # the last group does get cut


def test_an_appropriation_too_large_to_bind_gives_the_unrationed_run_exactly():
    plain = Engine(load_scenario(BASELINE), draws=3000, seed=2).run()
    for policy, priority in (("proportional", ()), ("priority", (14, 1))):
        rationed = Engine(_rationed(policy, 1e8, priority), draws=3000, seed=2).run()
        for kind in ("line", "measure", "total"):
            for key in plain.series(kind):
                np.testing.assert_array_equal(
                    rationed.outlay_draws(kind, key), plain.outlay_draws(kind, key)
                )
        for indicator, path in plain.indicator_paths.items():
            np.testing.assert_array_equal(rationed.indicator_paths[indicator], path)
        for line_id, awards in plain.awards_mean.items():
            np.testing.assert_array_equal(rationed.awards_mean[line_id], awards)
        figures = rationed.to_dict()["rationing"]
        assert set(figures["probability_by_year"].values()) == {0.0}
        assert figures["backlog_end_2028_wan"]["p95"] == 0.0


def test_indicator_effects_follow_the_funded_awards():
    """Each per-award effect adds its coefficient × the line's FUNDED awards (above the
    line's pre-plan level, which the trend already contains)."""
    scenario = _rationed("proportional", 100_000.0)
    engine = Engine(scenario, draws=2000, seed=7)
    engine.run()
    expected = {i: np.zeros((len(YEARS), engine.draws)) for i in engine.indicator_added}
    some_cut = False
    for effect in engine.effects:
        if effect.per == "award":
            x = engine.funded_awards[effect.line]
        else:
            x = engine.results.outlay_draws("line", effect.line)
        expected[effect.indicator] += np.maximum(x - effect.above, 0.0) * engine._coefficient(
            effect
        )
        if effect.per == "award":
            some_cut |= bool(np.any(x < engine.lines[effect.line].awards - 1e-9))
    assert some_cut
    for indicator, added in expected.items():
        np.testing.assert_allclose(engine.indicator_added[indicator], added, rtol=1e-12)


def test_kept_drawn_again_and_in_parts_agree():
    scenario = _rationed("priority", 130_000.0, (1, 14), 30_000.0)
    draws = 2 * BLOCK + 500
    kept = Engine(scenario, draws=draws, seed=4, keep_draws=True).run().to_dict()
    again = Engine(scenario, draws=draws, seed=4, keep_draws=False).run().to_dict()
    parts = Engine(scenario, draws=draws, seed=4, keep_draws=False, part_draws=BLOCK).run()
    for other in (again, parts.to_dict()):
        for year in [str(y) for y in YEARS]:
            assert other["rationing"]["probability_by_year"][year] == pytest.approx(
                kept["rationing"]["probability_by_year"][year], abs=1e-12
            )
            for stat in ("mean", "p05", "p50", "p95"):
                assert other["outlay_wan"]["total"][year][stat] == pytest.approx(
                    kept["outlay_wan"]["total"][year][stat], rel=1e-11
                )
                assert other["rationing"]["backlog_wan"][year][stat] == pytest.approx(
                    kept["rationing"]["backlog_wan"][year][stat], rel=1e-11, abs=1e-6
                )
        line = other["rationing"]["by_line"]["m14-first-recognition"]
        reference_line = kept["rationing"]["by_line"]["m14-first-recognition"]
        for key in ("requested_wan", "funded_wan", "requested_awards", "funded_awards"):
            for year, value in reference_line[key].items():
                assert line[key][year] == pytest.approx(value, rel=1e-11)


def test_funded_money_per_line_is_the_outlays_mean_without_its_percentiles():
    """The rationing figures give each line's funded money as the mean of its outlay: the
    same numbers, bit for bit, whether or not the line's percentiles were computed, and
    without computing them (a slider move with rationing on reads every line's)."""
    scenario = _rationed("proportional", 150_000.0)
    results = Engine(scenario, draws=3000, seed=2).run()
    lines = results.series("line")
    figures = rationing_figures(results)["by_line"]  # as the app's summary table reads them
    assert not [k for k in results._summaries if k[0] == "line"]  # no line's percentiles
    assert figures == results.to_dict()["rationing"]["by_line"]  # the JSON's, every line's
    for line_id in lines[:6] + ["m14-re-recognition"]:
        summary = results.outlay("line", line_id)["mean"]
        mean = results.outlay_mean("line", line_id)
        assert np.array_equal(mean, summary)
        paid = results.outlay_draws("line", line_id)
        np.testing.assert_allclose(mean[:-1], paid.mean(axis=1), rtol=1e-12)
        np.testing.assert_allclose(mean[-1], paid.sum(axis=0).mean(), rtol=1e-12)
        funded = figures[line_id]["funded_wan"]
        assert [funded[str(y)] for y in YEARS] + [funded["2024-2028"]] == list(summary)


def test_a_one_line_update_of_a_rationed_run_is_the_full_run():
    scenario = _rationed("priority", 140_000.0, (14,))
    engine = Engine(scenario, draws=3000, seed=9)
    engine.run()
    changed = scenario.replace(("lines", "m14-first-recognition", "uptake", "2025"), 2500.0)
    updated = engine.update(changed, "m14-first-recognition")
    fresh = Engine(changed, draws=3000, seed=9).run()
    np.testing.assert_allclose(
        updated.outlay_draws("total"), fresh.outlay_draws("total"), rtol=1e-12
    )
    for indicator, path in fresh.indicator_paths.items():
        np.testing.assert_allclose(updated.indicator_paths[indicator], path, rtol=1e-12)


def test_rationing_blocks_are_validated():
    scenario = load_scenario(BASELINE)
    data = scenario.data
    data["rationing"] = {
        "policy": "proportional",
        "priority": [14, 14, 99, "x"],
        "backlog_cap_wan": -1,
        "basis": "assumption: test",
    }
    with pytest.raises(ScenarioError) as caught:
        scenario.with_data(data)
    text = caught.value.describe()
    for expected in (
        "rationing.policy: proportional rationing needs an appropriation",
        "rationing.priority.1: measure 14 is listed twice",
        "rationing.priority.2: no measure 99",
        "rationing.priority.3: must be a number",
        "rationing.backlog_cap_wan: must be >= 0",
    ):
        assert expected in text
    data = _rationed("priority", priority=(14,)).data
    data["rationing"]["priority"] = []
    with pytest.raises(ScenarioError, match="needs at least one measure"):
        scenario.with_data(data)


def test_the_goal_seek_respects_the_policy():
    """Its probes run the engine, so every variant is rationed: the reported point's figures
    are those of a run of the applied point, with no draw above the appropriation."""
    from simulator import simulate
    from simulator.analysis import Probe, apply_point, optimize, outcome

    scenario = _rationed("proportional", 150_000.0)
    probe = Probe(scenario, draws=4096, seed=11)
    bounds = {"m10-contract-service-point": [20, 60], "m14-sme-project": [75, 225]}
    result = optimize(scenario, probe=probe, bounds=bounds, default_bounds=None)
    point = result.best
    assert point is not None
    assert all(p == 0.0 for p in point.exceedance.values())
    again = simulate(apply_point(scenario, point), draws=4096, seed=11)
    assert again.outlay_draws("total").max() <= 150_000.0 * (1 + 1e-12)
    check = outcome(again)
    assert check.outlay_wan == pytest.approx(point.outlay_wan, rel=1e-9)
    assert check.probabilities["all"] == pytest.approx(point.probability(), abs=2 / 4096)


def test_observed_outlays_are_facts_paid_first():
    """An observed outlay is paid as observed (never cut) from the year's appropriation;
    the rest is rationed within what remains."""
    from simulator.model.actuals import parse_actuals_csv, with_actuals

    csv = (
        "kind,id,year,value,source\n"
        "line,m14-first-recognition,2024,11200,test\n"
        "measure,1,2025,5200,test\n"
    )
    scenario = with_actuals(
        _rationed("priority", 120_000.0, (14,)), parse_actuals_csv(csv.encode())
    )
    engine = Engine(scenario, draws=3000, seed=8)
    results = engine.run()
    np.testing.assert_array_equal(results.outlay_draws("line", "m14-first-recognition")[0], 11200.0)
    np.testing.assert_allclose(results.outlay_draws("measure", "1")[1], 5200.0, rtol=1e-12)
    total = results.outlay_draws("total")
    assert total.max() <= 120_000.0 * (1 + 1e-12)
    assert results.to_dict()["rationing"]["probability_by_year"]["2025"] > 0.5
