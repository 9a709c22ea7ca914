"""Bounded memory for every valid input: runs drawn in parts (``chunked``) with exact
streamed percentiles (``streamed``), and count tables of bounded size (``distributions``).

Everything here is deterministic (fixed seeds, or no randomness at all) and compared with
an independent reference: the in-memory run, numpy's own percentiles, scipy's distribution
functions. Where the method is exact the comparison is exact (percentiles, probabilities,
award sums); means are sums taken in a different order, equal to 1e-12 relative.
"""

import copy
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from scipy import special, stats

from simulator import Engine, load_scenario, scenario_from_dict
from simulator.model import distributions, draw_budget, engine, streamed
from simulator.model.actuals import parse_actuals_csv, with_actuals
from simulator.model.catalogue import AMOUNT_FORMS
from simulator.model.distributions import (
    MAX_COUNT_TABLE,
    BoundedCache,
    CountTable,
    count_distribution,
    count_table,
)
from simulator.model.line_checks import MAX_AMOUNT_WAN, MAX_AWARDS_PER_YEAR
from simulator.model.plan import plan_line
from simulator.model.randomness import BLOCK
from simulator.model.stats import summarise
from simulator.model.years import YEARS

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scenarios" / "baseline.json"


# --------------------------------------------------------------------------- streamed rows
def _rows(n=30_000, seed=3):
    """Rows that are hard for a histogram: point masses, a pair of neighbouring floats,
    discrete values, a heavy tail, values near the ends of the float range."""
    rng = np.random.default_rng(seed)
    return {
        "normal": rng.standard_normal(n),
        "lognormal": rng.lognormal(0.0, 2.2, n),
        "zeros and a tail": np.where(rng.random(n) < 0.4, 0.0, rng.gamma(2.0, 3.0, n)),
        "constant": np.full(n, 7.25),
        "neighbours": np.where(rng.random(n) < 0.5, 1.0, np.nextafter(1.0, 2.0)),
        "discrete": rng.poisson(3.0, n) * 1.5,
        "outliers": np.concatenate([rng.standard_normal(n - 3), [1e300, -1e300, 5e299]]),
        "few values": rng.integers(0, 5, n).astype(float),
    }


@pytest.mark.parametrize(
    "bins, budget, part",
    [(16384, 1 << 23, 7_000), (64, 1 << 23, 7_000), (64, 100, 7_000), (64, 0, 20_000)],
)
def test_streamed_percentiles_equal_numpys(monkeypatch, bins, budget, part):
    """Whatever the histogram's size and the gathering budget (small ones force extra
    passes: finer histograms, point masses found by their minimum and maximum), the
    percentiles of values seen part by part equal numpy's, bit for bit."""
    monkeypatch.setattr(streamed, "BINS", bins)
    monkeypatch.setattr(streamed, "GATHER_BUDGET", budget)
    cases = _rows()
    rows = streamed.StreamedRows(len(cases))
    state = {name: rows.row() for name in cases}
    n = len(next(iter(cases.values())))
    while True:
        for start in range(0, n, part):
            for name, x in cases.items():
                rows.add(state[name], x[start : start + part])
        if not rows.finish_pass():
            break
    assert rows.passes >= 2 or budget > 100
    for name, x in cases.items():
        got, want = streamed.summary([state[name]]), summarise(x[None, :])
        np.testing.assert_allclose(got["mean"], want["mean"], rtol=1e-12, err_msg=name)
        for stat in ("p05", "p25", "p50", "p75", "p95"):
            np.testing.assert_array_equal(got[stat], want[stat], err_msg=f"{name} {stat}")


def test_histograms_share_a_fixed_budget():
    assert streamed.bins_for(500) == streamed.BINS
    many = 100_000  # e.g. a scenario with thousands of own lines
    assert 8 * many * (streamed.bins_for(many) + 2) <= streamed.HISTOGRAM_BUDGET


# --------------------------------------------------------------------------- runs in parts
def _same(a, b, path=""):
    """Equal dictionaries: exactly, except means (sums in another order: 1e-12)."""
    if isinstance(a, dict):
        assert set(a) == set(b), path
        for key in a:
            _same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, np.ndarray) and "mean" in path:
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-9, err_msg=path)
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(b, a, err_msg=path)
    elif isinstance(a, float) and ("mean" in path or "after_2028" in path):
        assert b == pytest.approx(a, rel=1e-12, abs=1e-9), path
    else:
        assert a == b, path


def _mid_term_scenario():
    """The baseline with an appropriation (for its exceedance) and observed values."""
    scenario = load_scenario(BASELINE).replace(
        ("appropriation",), {"basis": "assumption: test", "wan": {str(y): 160_000.0 for y in YEARS}}
    )
    csv = (
        "kind,id,year,value,source\n"
        "indicator,tech_enterprises,2024,13500,test\n"
        "line,m14-first-recognition,2024,11200,test\n"
        "measure,1,2025,5200,test\n"
    )
    return with_actuals(scenario, parse_actuals_csv(csv.encode("utf-8")))


@pytest.mark.parametrize("sampler", ["pseudo", "sobol"])
def test_a_run_in_parts_gives_the_run_at_once(sampler):
    """Every part draws its own blocks, so a run in parts has the same draws as a run at
    once: the same percentiles and probabilities, and means equal to 1e-12. The draws are
    not a whole number of blocks, so the last part is a partial one."""
    scenario = _mid_term_scenario()
    draws = 3 * BLOCK + 1234
    at_once = Engine(scenario, draws=draws, seed=4, sampler=sampler, keep_draws=False)
    in_parts = Engine(
        scenario, draws=draws, seed=4, sampler=sampler, keep_draws=False, part_draws=BLOCK
    )
    assert in_parts.in_parts and not at_once.in_parts
    a, b = at_once.run().to_dict(), in_parts.run().to_dict()
    a.pop("elapsed_seconds"), b.pop("elapsed_seconds")
    assert b["appropriation_exceedance_probability"] is not None
    _same(a, b)


def test_which_runs_are_drawn_in_parts():
    scenario = load_scenario(BASELINE)
    assert Engine(scenario, draws=engine.CHUNKED_LIMIT + 1).in_parts
    assert not Engine(scenario, draws=engine.CHUNKED_LIMIT).in_parts
    assert not Engine(scenario, draws=engine.CHUNKED_LIMIT + 1, keep_draws=True).in_parts
    with pytest.raises(ValueError, match="part_draws"):
        Engine(scenario, draws=100_000, part_draws=1000)


def test_progress_and_cancel_in_parts():
    scenario = load_scenario(BASELINE)
    seen = []
    Engine(scenario, draws=2 * BLOCK + 1, seed=1, keep_draws=False, part_draws=BLOCK).run(
        progress=seen.append
    )
    assert seen == sorted(seen) and seen[0] < 0.01 and seen[-1] == 1.0
    assert 0.4 < seen[len(seen) // 2] < 0.6  # two passes, the first half of the work

    from simulator import Cancelled

    calls = []

    def cancel_in_the_second_part():
        calls.append(1)
        return len(calls) > 60

    with pytest.raises(Cancelled):
        Engine(scenario, draws=3 * BLOCK, seed=1, keep_draws=False, part_draws=BLOCK).run(
            cancelled=cancel_in_the_second_part
        )


def _peak_traced(scenario, draws, part_draws=None, keep_draws=False):
    tracemalloc.start()
    try:
        Engine(
            scenario, draws=draws, seed=1, keep_draws=keep_draws, part_draws=part_draws
        ).run().to_dict()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_of_a_run_in_parts_does_not_grow_with_its_draws():
    """numpy's arrays are traced by tracemalloc: a run in parts of one block peaks at about
    the same memory for 2 and for 8 blocks of draws (a part, and the summaries'
    bookkeeping), while a run at once grows with its draws."""
    scenario = load_scenario(BASELINE)
    Engine(scenario, draws=BLOCK, seed=1).run()  # tables made and cached before measuring
    small = _peak_traced(scenario, 2 * BLOCK, part_draws=BLOCK)
    large = _peak_traced(scenario, 8 * BLOCK, part_draws=BLOCK)
    assert large < 1.1 * small
    assert _peak_traced(scenario, 8 * BLOCK) > 2.5 * _peak_traced(scenario, 2 * BLOCK)


# --------------------------------------------------------------------------- count tables
def _highest_scenario():
    """Every line at the validator's highest uptake and spread, times the highest multiplier."""
    data = copy.deepcopy(load_scenario(BASELINE).data)
    data["uptake_multiplier"] = 10.0
    catalogue = load_scenario(BASELINE).catalogue
    for line in catalogue.lines:
        assumptions = data["lines"][line.id]
        high = MAX_AMOUNT_WAN if line.form in AMOUNT_FORMS else MAX_AWARDS_PER_YEAR
        assumptions["uptake"] = dict.fromkeys(assumptions["uptake"], high)
        assumptions["uptake_cv"] = dict.fromkeys(assumptions["uptake_cv"], 10.0)
    return scenario_from_dict(data, catalogue)


def test_the_highest_uptake_and_spread_run_in_bounded_memory():
    """The exact table of 10^7 expected awards with a spread of 10 would list 2.2e10 counts
    (166 GiB); every table stays within MAX_COUNT_TABLE counts (~1.5 MB), counts beyond
    32 bits are kept as such, and a small run completes."""
    scenario = _highest_scenario()
    assert count_distribution(1e7, 10.0).ppf(1 - distributions.COUNT_TAIL) > 2e10
    plans = [plan_line(scenario, line) for line in scenario.catalogue.lines]
    tables = [t for p in plans for t in p.counts if t is not None]
    assert tables
    for table in tables:
        assert table.thresholds.size <= MAX_COUNT_TABLE
        assert table.nbytes <= 3 * 8 * (MAX_COUNT_TABLE + 1)
    assert max(p.max_count for p in plans) > np.iinfo(np.int32).max
    assert max(t.resolution for t in tables) < 5e-4  # the README's 0.05 %
    results = Engine(scenario, draws=4000, seed=1).run()
    data = results.to_dict()
    for line_id, years in data["awards_mean"].items():
        for year, mean in years.items():
            assert mean >= 0, (line_id, year)
    first = data["awards_mean"]["m01-common-tech"]["2026"]
    # mean 10^7 with a spread of 10: the sample mean of 4,000 draws is within a few sd
    assert 1e5 < first < 1e9
    assert np.isfinite(data["outlay_wan"]["total"]["2024-2028"]["p95"])


def test_a_thinned_count_table_is_within_its_resolution_of_the_exact_one(monkeypatch):
    """20,000 expected awards with a spread of 0.3 span ~99,500 counts: the table is thinned.
    Against the exact table of the same distribution (built with a higher limit) every draw
    lies within the stated resolution (< 0.1 %), and the two agree exactly on counts the
    thinned table lists densely."""
    thinned = CountTable(20_000.0, 0.3)
    assert thinned.counts is not None and thinned.thresholds.size <= MAX_COUNT_TABLE
    assert 0 < thinned.resolution < 1e-3
    monkeypatch.setattr(distributions, "MAX_COUNT_TABLE", 1 << 18)
    exact = CountTable(20_000.0, 0.3)
    assert exact.counts is None
    z = special.ndtri((np.arange(400_000) + 0.5) / 400_000)
    a, b = thinned.sample(z.copy()), exact.sample(z.copy())
    assert np.all(np.abs(a - b) <= thinned.resolution * b + 1)
    dense = b < thinned.counts[MAX_COUNT_TABLE // 2 - 1]
    np.testing.assert_array_equal(a[dense], b[dense])
    # and the exact table is scipy's inversion, at a few hundred points
    u = stats.norm.cdf(z[::1000])
    np.testing.assert_array_equal(b[::1000], count_distribution(20_000.0, 0.3).ppf(u))


def test_exact_tables_are_unchanged_below_the_limit():
    """A table that fits lists every count from 0: the inversion is scipy's, exactly."""
    table = count_table(250.0, 0.3)
    assert table.counts is None and table.low == 0
    z = special.ndtri((np.arange(20_000) + 0.5) / 20_000)
    np.testing.assert_array_equal(
        table.sample(z), count_distribution(250.0, 0.3).ppf(stats.norm.cdf(z))
    )


def test_table_caches_stay_within_their_budget():
    made = []
    cache = BoundedCache(100, lambda value: value)

    def make(size):
        made.append(size)
        return size

    for key in range(10):
        cache.get(key, lambda key=key: make(30))
    assert cache.bytes <= 100 and len(made) == 10
    cache.get(9, lambda: make(30))  # the most recent one is still there
    assert len(made) == 10
    assert distributions._COUNT_TABLES.bytes <= distributions.COUNT_CACHE_BYTES


def test_a_comparison_in_parts_gives_the_comparison_at_once(monkeypatch):
    """Above KEEP_DRAWS_LIMIT scenarios are compared side by side in parts, their total
    outlays' differences streamed draw by draw: the same figures as with every draw kept."""
    from simulator.model import comparison

    scenarios = [load_scenario(BASELINE), load_scenario(ROOT / "scenarios" / "accelerated.json")]
    draws = 2 * BLOCK + 77
    kept = comparison.compare(scenarios, draws=draws, seed=3)
    monkeypatch.setattr(comparison, "KEEP_DRAWS_LIMIT", BLOCK)
    monkeypatch.setattr(engine, "PART_DRAWS", BLOCK)
    streamed_ = comparison.compare(scenarios, draws=draws, seed=3)
    assert streamed_.summarised_differences and not streamed_.results[0].has_draws
    _same(kept.to_dict(), streamed_.to_dict())
    for a, b in zip(kept.results, streamed_.results):
        _same(a.outlay(), b.outlay())


def _kept_bytes(engine_):
    """Bytes of the arrays a run that kept its draws holds (each array once)."""
    arrays = {}
    results = engine_.results
    for draws in engine_.lines.values():
        for a in (draws.awards, draws.committed, draws.paid, draws.after_horizon):
            if a is not None:
                arrays[id(a)] = a.nbytes
    for a in list(results.aggregator.arrays.values()) + list(results.aggregator.after.values()):
        arrays[id(a)] = a.nbytes
    for group in (
        engine_.indicator_paths,
        engine_.indicator_added,
        engine_.indicator_start,
        engine_.indicator_growth,
        getattr(engine_, "funded_awards", {}),
    ):
        for a in group.values():
            arrays[id(a)] = a.nbytes
    for drawn in engine_.investment_draws.values():
        for a in (drawn.lands, drawn.multiple, drawn.exited):
            arrays[id(a)] = a.nbytes
    return sum(arrays.values())


def test_runs_keep_their_draws_only_within_a_memory_budget():
    """The estimate of what a kept run holds is close to what it holds (own lines
    included), and a scenario with many own lines keeps fewer draws than KEEP_DRAWS_LIMIT."""
    from simulator.model.own_lines import add_own_line, own_line_entry

    scenario = load_scenario(BASELINE)
    departments = list(scenario.catalogue.departments)
    for i in range(12):
        entry = own_line_entry(scenario, 1 + i, {"department": departments[i % len(departments)]})
        entry["disbursement"] = [0.5, 0.5]
        scenario = add_own_line(scenario, entry)
    rationed = load_scenario(ROOT / "scenarios" / "restrained.json")  # rationing, investments
    for s in (load_scenario(BASELINE), scenario, rationed):
        kept = Engine(s, draws=2 * BLOCK, seed=1)
        kept.run()
        estimate = draw_budget.kept_bytes_per_draw(s) * 2 * BLOCK
        assert 0.9 < estimate / _kept_bytes(kept) < 1.25
    limit = engine.KEEP_DRAWS_LIMIT
    # 41 lines and the arrays of the plan's rules (issue 10), investments and rationing:
    # every shipped scenario keeps half the limit, and the limit exactly as its estimate says
    for name in ("baseline", "accelerated", "restrained"):
        s = load_scenario(ROOT / "scenarios" / f"{name}.json")
        assert Engine(s, draws=limit // 2).keep_draws
        assert Engine(s, draws=limit).keep_draws == draw_budget.keeps(s, limit)
    assert not Engine(scenario, draws=limit).keep_draws
    assert Engine(scenario, draws=limit // 2).keep_draws
