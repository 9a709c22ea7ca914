"""A one-line update (``Engine.update``) moves only what the changed line reaches: its sums,
the indicators its effects reach, the lines paid from those indicators, its investment
returns, the count targets that follow it and, with rationing, the rationing factors and
the lines funded by them. Whatever it skips, the result must be the fresh run of the changed
scenario: every series draw by draw, every indicator path, the awards, the count targets,
the budget sums and the JSON output, for lines of every kind (a driver of renewals and
indicators, a line paid from an indicator, the investment lines, a plain line), with and
without rationing, in a chain of updates with varied inputs.
"""

import math
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, load_scenario
from simulator.model.randomness import BLOCK
from simulator.model.years import YEARS

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"
DRAWS = 3000


def _scenario(policy, appropriation=None, priority=(), cap=None):
    scenario = load_scenario(BASELINE)
    data = scenario.data
    if policy != "none":
        data["appropriation"] = {"basis": "test", "wan": {str(y): appropriation for y in YEARS}}
        data["rationing"]["policy"] = policy
        data["rationing"]["priority"] = list(priority)
        data["rationing"]["backlog_cap_wan"] = cap
    return scenario.with_data(data)


def _close(a, b, what):
    # sums moved by differences: equal to a fresh sum within rounding of their magnitude
    scale = max(float(np.max(np.abs(b))) if np.size(b) else 0.0, 1.0)
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9 * scale, err_msg=what)


def _same_results(updated, fresh):
    for kind in ("line", "measure", "section", "department", "total"):
        assert updated.series(kind) == fresh.series(kind)
        for key in fresh.series(kind):
            _close(updated.outlay_draws(kind, key), fresh.outlay_draws(kind, key), (kind, key))
            _close(
                updated._draws((kind, key))[1], fresh._draws((kind, key))[1], (kind, key, "after")
            )
    for kind in ("returns", "backlog", "net"):
        for key in fresh.series(kind):
            _close(updated._draws((kind, key))[0], fresh._draws((kind, key))[0], (kind, key))
    for indicator, path in fresh.indicator_paths.items():
        _close(updated.indicator_paths[indicator], path, indicator)
    assert set(updated.awards_mean) == set(fresh.awards_mean)
    for line_id, awards in fresh.awards_mean.items():
        _close(updated.awards_mean[line_id], awards, ("awards", line_id))
    assert set(updated.sums) == set(fresh.sums)
    for name, values in fresh.sums.items():
        _close(updated.sums[name], values, name)
    a, b = updated.to_dict(), fresh.to_dict()
    assert a["count_targets"].keys() == b["count_targets"].keys()
    for target, entry in b["count_targets"].items():
        assert a["count_targets"][target]["probability"] == pytest.approx(entry["probability"])
        for year, value in entry["mean"].items():
            assert a["count_targets"][target]["mean"][year] == pytest.approx(value, rel=1e-9)
    for target, entry in b["targets"].items():
        assert a["targets"][target]["probability"] == pytest.approx(
            entry["probability"], abs=1.5 / DRAWS
        )


# (line, path under the line, values applied one after the other)
EDITS = [
    ("m14-first-recognition", ("uptake", "2025"), (1500.0, 900.0, 1200.0)),
    ("m14-first-recognition", ("uptake", "2026"), (2100.0,)),
    ("m14-re-recognition", ("renewal_rate",), (0.55, 0.8)),
    ("m22-equity-investment", ("uptake", "2027"), (35.0, 8.0)),
    ("m22-landing-fund", ("uptake", "2024"), (45_000.0, 12_000.0)),
    ("m10-contract-service-point", ("uptake", "2026"), (70.0, 25.0)),
    ("m23-rd-reward", ("uptake", "2028"), (260.0,)),
    ("m01-common-tech", ("uptake", "2026"), (30.0, 5.0)),
    ("m05-provincial-lab", ("uptake", "2025"), (20.0, 3.0)),
    # every year drawn as before, but paid by another profile: every year's payments move
    ("m01-demo", ("disbursement",), ([0.7, 0.3], [0.2, 0.2, 0.6])),
]

POLICIES = [
    ("none", None, (), None),
    ("proportional", 150_000.0, (), None),
    ("priority", 140_000.0, (14, 22, 1), None),
    ("priority", 120_000.0, (22, 10), 40_000.0),
]


@pytest.mark.parametrize("policy,appropriation,priority,cap", POLICIES)
def test_a_chain_of_one_line_updates_is_the_fresh_run(policy, appropriation, priority, cap):
    scenario = _scenario(policy, appropriation, priority, cap)
    engine = Engine(scenario, draws=DRAWS, seed=11)
    engine.run()
    rationed = policy != "none"
    if rationed:  # the case is one where rationing binds
        assert any(
            v > 0 for v in engine.results.to_dict()["rationing"]["probability_by_year"].values()
        )
    for line_id, path, values in EDITS:
        for value in values:
            changed = engine.scenario.replace(("lines", line_id) + path, value)
            updated = engine.update(changed, line_id)
            fresh = Engine(changed, draws=DRAWS, seed=11).run()
            _same_results(updated, fresh)


def test_an_update_that_changes_nothing_moves_nothing():
    scenario = _scenario("proportional", 150_000.0)
    engine = Engine(scenario, draws=DRAWS, seed=3)
    before = engine.run()
    total = before.outlay_draws("total").copy()
    paths = {k: v.copy() for k, v in before.indicator_paths.items()}
    same = scenario.replace(("lines", "m01-demo", "uptake", "2026"), 4.0)  # as it was
    after = engine.update(same, "m01-demo")
    np.testing.assert_array_equal(after.outlay_draws("total"), total)
    for indicator, path in paths.items():
        np.testing.assert_array_equal(after.indicator_paths[indicator], path)
    assert math.isclose(after.outlay()["mean"][-1], float(total.sum(axis=0).mean()))


def test_a_prepared_line_updates_exactly_as_one_not_prepared():
    """``prepare`` (the app calls it when a line is selected) only draws ahead the random
    inputs the line's first update would draw: the update then gives the same figures, draw
    by draw, as without it; the inputs of the line and of the line that follows it are kept
    (at most three lines' in all); before a run, or for an unknown line, it does nothing."""
    scenario = _scenario("none")
    idle = Engine(scenario, draws=DRAWS, seed=5)
    idle.prepare("m14-first-recognition")  # no run yet
    assert idle._input_cache == {}
    plain, ready = Engine(scenario, draws=DRAWS, seed=5), Engine(scenario, draws=DRAWS, seed=5)
    plain.run(), ready.run()
    ready.prepare("no-such-line")
    assert ready._input_cache == {}
    for line_id in ("m01-demo", "m05-provincial-lab", "m14-first-recognition"):
        ready.prepare(line_id)
    assert list(ready._input_cache) == [
        "m05-provincial-lab",
        "m14-first-recognition",
        "m14-re-recognition",
    ]
    assert all(len(chunks) == len(list(ready._chunks())) for chunks in ready._input_cache.values())
    for value in (1500.0, 900.0):
        changed = plain.scenario.replace(
            ("lines", "m14-first-recognition", "uptake", "2025"), value
        )
        a = plain.update(changed, "m14-first-recognition")
        b = ready.update(changed, "m14-first-recognition")
        for kind in ("line", "total"):
            for key in a.series(kind):
                np.testing.assert_array_equal(a.outlay_draws(kind, key), b.outlay_draws(kind, key))
        for indicator, path in a.indicator_paths.items():
            np.testing.assert_array_equal(b.indicator_paths[indicator], path)


def test_a_line_edited_is_drawn_in_chunks_of_several_blocks_with_the_same_numbers():
    """Three blocks and a bit on two threads: an edited line is drawn (and its inputs kept)
    in chunks of two blocks (2 and 1.01 blocks a thread, as soon as one block a chunk), and
    the updates are the fresh runs, draw by draw."""
    draws = 3 * BLOCK + 100
    scenario = _scenario("none")
    engine = Engine(scenario, draws=draws, seed=6)
    engine.run()
    assert engine._edit_blocks() == 2
    engine.prepare("m14-first-recognition")
    kept = engine._input_cache["m14-first-recognition"]
    assert sorted(kept) == [0, 2 * BLOCK]
    assert kept[0].z.shape[-1] == 2 * BLOCK and kept[2 * BLOCK].z.shape[-1] == BLOCK + 100
    for line_id, path, value in [
        ("m14-first-recognition", ("uptake", "2025"), 1500.0),
        ("m14-re-recognition", ("renewal_rate",), 0.8),
        ("m01-common-tech", ("uptake", "2026"), 30.0),
    ]:
        changed = engine.scenario.replace(("lines", line_id) + path, value)
        updated = engine.update(changed, line_id)
        fresh_engine = Engine(changed, draws=draws, seed=6)
        fresh = fresh_engine.run()
        for kind in ("line", "total"):
            for key in fresh.series(kind):
                _close(updated.outlay_draws(kind, key), fresh.outlay_draws(kind, key), key)
        for other in ("m14-first-recognition", "m14-re-recognition", "m01-common-tech"):
            np.testing.assert_array_equal(
                engine.lines[other].awards, fresh_engine.lines[other].awards, err_msg=other
            )
    assert engine.edit_blocks is None  # chunks of a block again for a run
