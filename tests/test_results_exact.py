"""Results at their edges, with answers worked out by hand: exact ties at a target (the plan's
超过: more than), at the flag thresholds (at least) and at an appropriation (above it), and
the secondary outputs (awards per line, every exported row and the JSON) against numbers
recomputed here from the draws with numpy."""

from __future__ import annotations

import copy
import importlib.metadata
import math
from pathlib import Path

import numpy as np
import pytest

from simulator import Engine, scenario_from_dict
from simulator.model.randomness import BLOCK
from tests.scenario_helpers import BASE, quiet
from tests.test_cli_options import QUANTITY_KEYS

ROOT = Path(__file__).resolve().parents[1]
YEARS = ("2024", "2025", "2026", "2027", "2028")
STATS = ("mean", "p05", "p25", "p50", "p75", "p95")
QUANTILES = (5, 25, 50, 75, 95)


def run(data: dict, draws: int = 2000, seed: int = 1, **options):
    engine = Engine(scenario_from_dict(data), draws=draws, seed=seed, **options)
    return engine, engine.run()


#: How a run keeps its draws: all of them, summaries only, or drawn in parts (as runs above
#: 2^20 draws are: here two parts of BLOCK draws and a few more).
MODES = {
    "kept": {"keep_draws": True},
    "summaries": {"keep_draws": False},
    "parts": {"keep_draws": False, "part_draws": BLOCK, "draws": 2 * BLOCK + 5},
}


# --------------------------------------------------------------------------- ties
@pytest.mark.parametrize("mode", list(MODES))
def test_a_target_met_exactly_is_not_more_than_the_target(mode):
    """Each indicator stays at its start: at the target exactly (the plan asks for more
    than it, 超过: not reached), a hair above it (reached) or below."""
    data = quiet()
    targets = {
        "tech_enterprises": 22000.0,
        "rd_expenditure": 800.0,
        "platforms": 200.0,
        "contract_turnover": 1200.0,
        "tech_brokers": 3400.0,
    }
    starts = {
        "tech_enterprises": 22000.0,  # the target exactly
        "rd_expenditure": float(np.nextafter(800.0, np.inf)),
        "platforms": float(np.nextafter(200.0, -np.inf)),
        "contract_turnover": 1300.0,
        "tech_brokers": 3400.0,
    }
    for indicator, start in starts.items():
        data["indicators"][indicator]["start"]["value"] = start
        data["indicators"][indicator]["trend"]["mean"] = 0.0
    _, results = run(data, **MODES[mode])
    for indicator in targets:
        assert results.catalogue.indicator(indicator).target_2028 == targets[indicator]
    probabilities = {i: results.target_probability(i) for i in targets}
    assert probabilities == {
        "tech_enterprises": 0.0,
        "rd_expenditure": 1.0,
        "platforms": 0.0,
        "contract_turnover": 1.0,
        "tech_brokers": 0.0,
    }
    assert results.all_targets_probability() == 0.0
    exported = results.to_dict()["targets"]
    assert {i: t["probability"] for i, t in exported.items()} == probabilities
    assert exported["rd_expenditure"]["flag"] == "on_track"
    assert exported["tech_brokers"]["flag"] == "off_track"
    # every indicator a hair above: all reached together
    for indicator, target in targets.items():
        data["indicators"][indicator]["start"]["value"] = float(np.nextafter(target, np.inf))
    _, results = run(data, **MODES[mode])
    assert results.all_targets_probability() == 1.0
    # every indicator exactly at its target: none is more than it, so not all together
    for indicator, target in targets.items():
        data["indicators"][indicator]["start"]["value"] = target
    _, results = run(data, **MODES[mode])
    assert results.all_targets_probability() == 0.0
    # growing 10 % a year from target / 1.5: below the target in 2024–2027 (at most
    # 1.1⁴ / 1.5 = 0.976 of it), above it in 2028 (1.1⁵ / 1.5 = 1.074): only 2028 counts
    for indicator, target in targets.items():
        data["indicators"][indicator]["start"]["value"] = target / 1.5
        data["indicators"][indicator]["trend"]["mean"] = math.log(1.1)
    _, results = run(data, **MODES[mode])
    assert results.all_targets_probability() == 1.0
    assert all(results.target_probability(i) == 1.0 for i in targets)


def test_a_target_probability_counts_the_draws_above_it():
    """A trend drawn per draw: P(I_2028 > target) is the share of draws above it."""
    data = quiet()
    turnover = data["indicators"]["contract_turnover"]
    turnover["start"]["value"] = 600.0
    turnover["trend"].update(mean=0.15, sd=0.05)
    _, results = run(data, draws=4000, seed=5)
    last = results.indicator_paths["contract_turnover"][-1]
    assert results.target_probability("contract_turnover") == np.count_nonzero(last > 1200) / 4000
    assert 0.2 < results.target_probability("contract_turnover") < 0.8  # not a degenerate case


@pytest.mark.parametrize("on_track,at_risk", [(0.7, 0.4), (0.55, 0.2), (0.9, 0.9)])
def test_flags_are_at_least_their_thresholds(on_track, at_risk):
    data = quiet()
    data["flag_thresholds"].update({"on_track": on_track, "at_risk": at_risk})
    _, results = run(data, draws=2)
    below = float(np.nextafter(on_track, -np.inf))
    assert results.flag(on_track) == "on_track"
    assert results.flag(1.0) == "on_track"
    assert results.flag(at_risk) == ("on_track" if at_risk == on_track else "at_risk")
    if at_risk < on_track:
        assert results.flag(below) == "at_risk"
    assert results.flag(float(np.nextafter(at_risk, -np.inf))) == "off_track"
    assert results.flag(0.0) == "off_track"


@pytest.mark.parametrize("mode", list(MODES))
def test_an_outlay_equal_to_the_appropriation_does_not_exceed_it(mode):
    """Fixed yearly amounts (an uncapped line without spread, paid the same year). An
    outlay exceeds the appropriation A only when it is above it by more than rounding,
    T = A (1 + 10⁻⁹) + 10⁻⁹ (a rationed year's payments add up to A within a few units in
    the last place): 30,000 exceeds neither 30,000 nor the float just below it; it does
    exceed 29,999.9999 (1 × 10⁻⁴ below, beyond the 3 × 10⁻⁵ of rounding). For A = 30,000
    an outlay of exactly T is not above it, the next float above T is."""
    data = quiet()
    allowance = 30000.0 * (1.0 + 1e-9) + 1e-9
    amounts = [30000.0, 30000.0, 30000.0, float(np.nextafter(allowance, np.inf)), allowance]
    data["lines"]["m22-landing-fund"]["uptake"] = dict(zip(YEARS, amounts))
    data["lines"]["m22-landing-fund"]["disbursement"] = [1.0]
    below = float(np.nextafter(30000.0, -np.inf))
    limits = [30000.0, below, 29999.9999, 30000.0, 30000.0]
    data["appropriation"] = {"wan": dict(zip(YEARS, limits)), "basis": "assumption: x"}
    _, results = run(data, **MODES[mode])
    np.testing.assert_array_equal(results.outlay()["p50"][:5], amounts)
    expected = {"2024": 0.0, "2025": 0.0, "2026": 1.0, "2027": 1.0, "2028": 0.0}
    assert results.appropriation_exceedance() == expected
    assert results.to_dict()["appropriation_exceedance_probability"] == expected
    data["appropriation"] = None
    _, results = run(data, **MODES[mode])
    assert results.appropriation_exceedance() is None


@pytest.mark.parametrize("mode", list(MODES))
def test_exceedance_is_the_share_of_draws_above_the_appropriation(mode):
    """Two lines of different measures, sections and departments (so the total is no other
    series): the share of draws whose total is above the year's appropriation, counted
    here on the kept draws of the same run (drawing in parts changes no number)."""
    data = quiet()
    data["lines"]["m22-landing-fund"]["uptake"] = {y: 30000.0 for y in YEARS}
    data["lines"]["m22-landing-fund"]["uptake_cv"] = {y: 0.3 for y in YEARS}
    data["lines"]["m22-landing-fund"]["disbursement"] = [1.0]
    data["lines"]["m01-demo"]["uptake"] = {y: 3.0 for y in YEARS}
    data["lines"]["m01-demo"]["disbursement"] = [1.0]
    data["appropriation"] = {
        "wan": {y: 28000.0 + 1000 * i for i, y in enumerate(YEARS)},
        "basis": "assumption: x",
    }
    options = dict(MODES[mode])
    draws = options.pop("draws", 3000)
    _, kept = run(data, draws=draws, seed=4)
    _, results = run(data, draws=draws, seed=4, **options)
    total = kept.outlay_draws("total")
    demo = kept.outlay_draws("line", "m01-demo")
    assert demo.sum() > 0 and np.all(demo <= total)
    for i, year in enumerate(YEARS):
        share = np.count_nonzero(total[i] > 28000.0 + 1000 * i) / draws
        assert results.appropriation_exceedance()[year] == pytest.approx(share, abs=1e-12)
        assert 0.1 < share < 0.9


# --------------------------------------------------------------------------- secondary outputs
def busy() -> dict:
    data = quiet()
    lines = data["lines"]
    lines["m01-demo"]["uptake"] = dict(zip(YEARS, [4.0, 6.0, 9.0, 3.0, 5.0]))
    lines["m01-demo"]["uptake_cv"] = {y: 0.3 for y in YEARS}
    lines["m01-common-tech"]["uptake"] = dict(zip(YEARS, [10.0, 2.0, 7.0, 12.0, 1.0]))
    lines["m05-provincial-lab"]["uptake"] = {y: 5.0 for y in YEARS}
    lines["m14-first-recognition"]["uptake"] = dict(
        zip(YEARS, [900.0, 1100.0, 1300.0, 700.0, 500.0])
    )
    lines["m22-landing-fund"]["uptake"] = {y: 3000.0 for y in YEARS}
    lines["m22-landing-fund"]["uptake_cv"] = {y: 0.4 for y in YEARS}
    data["indicators"]["platforms"]["noise"]["sd"] = 0.05
    data["indicators"]["platforms"]["effects"] = [
        {
            "line": "m05-provincial-lab",
            "per": "award",
            "mean": 1.0,
            "sd": 0.2,
            "above": {"value": 3.0, "basis": "assumption: x"},
            "basis": "x",
        }
    ]
    return data


def summary(rows: np.ndarray) -> dict[str, np.ndarray]:
    """Mean and percentiles of each row, by numpy (the reference)."""
    out = {"mean": rows.mean(axis=1)}
    for name, q in zip(STATS[1:], QUANTILES):
        out[name] = np.percentile(rows, q, axis=1)
    return out


def test_awards_per_line_are_the_mean_awards_of_the_draws():
    engine, results = run(busy(), draws=5000, seed=3)
    exported = results.to_dict()["awards_mean"]
    counted = {
        line.id
        for line in results.catalogue.lines
        # lines planned as money, not as a count of awards (catalogue revision 2 adds the
        # lines whose amount the plan does not state)
        if line.form not in ("share_of_investment", "uncapped", "amount_not_stated")
    }
    assert set(exported) == counted
    for line_id in counted:
        awards = engine.lines[line_id].awards
        np.testing.assert_allclose(results.awards_mean[line_id], awards.mean(axis=1), rtol=1e-12)
        assert list(exported[line_id]) == list(YEARS)
        np.testing.assert_allclose(
            [exported[line_id][y] for y in YEARS], awards.mean(axis=1), rtol=1e-12
        )
    # Poisson means around the planned uptake (|z| < 4.5)
    demo = engine.lines["m01-demo"].awards
    for i, mean in enumerate([4.0, 6.0, 9.0, 3.0, 5.0]):
        se = demo[i].std() / np.sqrt(5000)
        assert abs(demo[i].mean() - mean) < 4.5 * se
    _, streamed = run(busy(), draws=5000, seed=3, keep_draws=False)
    for line_id in counted:
        np.testing.assert_allclose(
            streamed.awards_mean[line_id], results.awards_mean[line_id], rtol=1e-12
        )


def reference_series(engine, results) -> dict[tuple[str, str], np.ndarray]:
    """Every series' draws added up here from the lines' draws: by measure, section and
    lead department (every measure with its lead unit) and in total."""
    catalogue = results.catalogue
    lines = {line.id: engine.lines[line.id].paid for line in catalogue.lines}
    expected: dict[tuple[str, str], np.ndarray] = {("total", "total"): sum(lines.values())}
    for line in catalogue.lines:
        expected[("line", line.id)] = lines[line.id]
        measure = catalogue.measure(line.measure)
        department = results.scenario.line_assumptions(line.id).get("department") or (
            measure.lead_department
        )
        for key in (
            ("measure", str(line.measure)),
            ("section", measure.section),
            ("department", department),
        ):
            expected[key] = expected.get(key, 0) + lines[line.id]
    return expected


def test_every_exported_row_is_the_summary_of_its_draws():
    engine, results = run(busy(), draws=3000, seed=8)
    catalogue = results.catalogue
    expected = reference_series(engine, results)
    rows = list(results.rows())
    outlay_rows = [r for r in rows if r["quantity"] == "outlay_wan"]
    assert len(outlay_rows) == 6 * len(expected)
    for row in outlay_rows:
        draws = expected[(row["level"], row["id"])]
        with_span = np.vstack([draws, draws.sum(axis=0)])
        index = (list(YEARS) + ["2024-2028"]).index(row["year"])
        reference = summary(with_span)
        for name in STATS:
            assert row[name] == pytest.approx(reference[name][index], rel=1e-9, abs=1e-9)
    line_rows = [r for r in outlay_rows if r["level"] == "line"]
    assert [r["id"] for r in line_rows[::6]] == [line.id for line in catalogue.lines]
    demo = next(r for r in line_rows if r["id"] == "m01-demo")
    assert demo["name_zh"] == catalogue.line("m01-demo").name_zh
    assert demo["name_en"] == catalogue.line("m01-demo").name_en
    total = next(r for r in outlay_rows if r["level"] == "total")
    assert (total["name_zh"], total["name_en"]) == ("合计", "Total")
    measure = next(r for r in outlay_rows if r["level"] == "measure" and r["id"] == "1")
    assert measure["name_en"] == f"1. {catalogue.measure(1).title_en}"
    assert measure["name_zh"] == f"1. {catalogue.measure(1).title_zh}"
    assert [r["id"] for r in outlay_rows if r["level"] == "measure"][::6] == sorted(
        {str(line.measure) for line in catalogue.lines}, key=int
    )
    indicator_rows = [r for r in rows if r["level"] == "indicator"]
    assert len(indicator_rows) == 6 * len(catalogue.indicators)
    for row in indicator_rows:
        path = results.indicator_paths[row["id"]]
        index = ["2023", *YEARS].index(row["year"])
        # an ASCII key of the indicator's unit (README: CSV keys stay English)
        assert row["quantity"] == QUANTITY_KEYS[row["id"]]
        reference = summary(path)
        for name in STATS:
            assert row[name] == pytest.approx(reference[name][index], rel=1e-9)


def test_the_json_holds_the_same_figures_as_the_draws():
    engine, results = run(busy(), draws=3000, seed=8)
    data = results.to_dict()
    assert data["draws"] == 3000 and data["seed"] == 8 and data["sampler"] == "pseudo"
    # the shape `qdplan run --format json` prints (README), with the installed version
    assert list(data) == [
        "qdplan_version",
        "scenario",
        "catalogue_version",
        "draws",
        "seed",
        "sampler",
        "elapsed_seconds",
        "years",
        "units",
        "outlay_wan",
        "awards_mean",
        "indicators",
        "targets",
        "all_targets_probability",
        "count_targets",
        "appropriation_wan",
        "appropriation_exceedance_probability",
        "rationing",
        "investments",
    ]
    assert data["qdplan_version"] == importlib.metadata.version("qdplan")
    assert isinstance(data["elapsed_seconds"], float) and data["elapsed_seconds"] >= 0
    assert data["elapsed_seconds"] == round(data["elapsed_seconds"], 4)  # to 0.1 ms
    assert data["units"]["outlay"] == "万元"
    for indicator in results.catalogue.indicators:
        entry = data["targets"][indicator.id]
        assert list(entry) == ["target", "unit", "probability", "flag"]
        assert entry["target"] == indicator.target_2028 and entry["unit"] == indicator.unit
        p = float(np.mean(results.indicator_paths[indicator.id][-1] > indicator.target_2028))
        assert entry["probability"] == p
    assert data["scenario"] == BASE["name"]
    assert data["catalogue_version"] == BASE["catalogue_version"]
    assert data["years"] == [2024, 2025, 2026, 2027, 2028]
    total = results.outlay_draws("total")
    reference = summary(np.vstack([total, total.sum(axis=0)]))
    for i, label in enumerate([*YEARS, "2024-2028"]):
        for name in STATS:
            assert data["outlay_wan"]["total"][label][name] == pytest.approx(
                reference[name][i], rel=1e-9
            )
    demo = engine.lines["m01-demo"].paid
    assert data["outlay_wan"]["by_line"]["m01-demo"]["2026"]["mean"] == pytest.approx(
        demo[2].mean(), rel=1e-12
    )
    after = sum(engine.lines[line.id].after_horizon for line in results.catalogue.lines)
    assert data["outlay_wan"]["total_after_2028_mean"] == pytest.approx(after.mean(), rel=1e-12)
    platforms = results.indicator_paths["platforms"]
    assert data["indicators"]["platforms"]["2023"]["mean"] == pytest.approx(platforms[0].mean())
    assert data["indicators"]["platforms"]["2028"]["p95"] == pytest.approx(
        np.percentile(platforms[-1], 95), rel=1e-12
    )
    assert set(data["outlay_wan"]["by_section"]) == set(results.series("section"))
    assert data["units"]["indicators"]["rd_expenditure"] == "亿元"
    # every series of every kind, against sums of the lines' draws made here
    expected = reference_series(engine, results)
    for kind, name in (
        ("line", "by_line"),
        ("measure", "by_measure"),
        ("section", "by_section"),
        ("department", "by_department"),
    ):
        keys = [key for (k, key) in expected if k == kind]
        assert sorted(data["outlay_wan"][name]) == sorted(keys), kind
        for key in keys:
            draws = expected[(kind, key)]
            reference = summary(np.vstack([draws, draws.sum(axis=0)]))
            table = data["outlay_wan"][name][key]
            assert list(table) == [*YEARS, "2024-2028"]
            for i, label in enumerate(table):
                for stat in STATS:
                    assert table[label][stat] == pytest.approx(
                        reference[stat][i], rel=1e-9, abs=1e-9
                    ), (kind, key, label, stat)
    assert list(data["outlay_wan"]["by_measure"]) == sorted(
        data["outlay_wan"]["by_measure"], key=int
    )
    # sections in the plan's order (二 … 九), departments in the catalogue's
    plan_order = ["二", "三", "四", "五", "六", "七", "八", "九"]
    sections = list(data["outlay_wan"]["by_section"])
    assert sections == [s for s in plan_order if s in sections] and len(sections) > 3
    departments = list(data["outlay_wan"]["by_department"])
    assert departments == [d for d in results.catalogue.departments if d in departments]
    assert departments != sorted(departments)  # not merely sorted


def test_the_net_cost_is_the_gross_outlay_less_the_money_returned():
    """With investments, net = total − returns, draw by draw and for the money paid after
    2028 (kept draws: the net series is made when asked); the same figures when the draws
    are not kept; an unknown series is refused by name."""
    data = shared()
    _, kept = run(data, draws=3000, seed=5)
    total, returns = kept.outlay_draws("total"), kept.outlay_draws("returns")
    assert returns.sum() > 0 and returns[-1].mean() > 0  # money does come back
    np.testing.assert_allclose(kept.outlay_draws("net"), total - returns, rtol=1e-12)
    net_after = kept.after_horizon_mean() - kept.after_horizon_mean("returns")
    assert kept.after_horizon_mean("net") == pytest.approx(net_after, rel=1e-12)
    assert kept.after_horizon_mean("returns") > 0
    reference = summary(np.vstack([total - returns, (total - returns).sum(axis=0)]))
    _, streamed = run(data, draws=3000, seed=5, keep_draws=False)
    for name in STATS:
        np.testing.assert_allclose(kept.outlay("net")[name], reference[name], rtol=1e-9)
        np.testing.assert_allclose(streamed.outlay("net")[name], reference[name], rtol=1e-9)
    assert streamed.after_horizon_mean("net") == pytest.approx(net_after, rel=1e-9)
    with pytest.raises(KeyError, match="no-such-line"):
        kept.outlay_draws("line", "no-such-line")
    # without investments there is no net cost to ask for
    data["investments"]["lines"] = {}
    _, plain = run(data, draws=3000, seed=5)
    with pytest.raises(KeyError, match="'net'"):
        plain.outlay_draws("net")


def test_kept_summarised_and_drawn_in_parts_give_the_same_figures():
    """The same draws (blocks do not depend on how a run is cut), so every figure of the
    JSON is the same whether the draws are kept, summarised as they come or drawn in two
    parts and a few more draws: lines, measures, departments split by shares, awards per
    line, count targets, returns and net, exceedance."""
    data = shared()
    draws = 2 * BLOCK + 5
    figures = []
    for mode in MODES.values():
        options = {k: v for k, v in mode.items() if k != "draws"}
        _, results = run(data, draws=draws, seed=9, **options)
        figures.append(results.to_dict())
        figures[-1].pop("elapsed_seconds")
    assert figures[0]["outlay_wan"]["by_department"]["青岛海洋科技中心"]["2026"]["mean"] > 0
    assert figures[0]["investments"] != figures[0]["rationing"]
    assert_same_figures(figures[0], figures[1], "summaries")
    assert_same_figures(figures[0], figures[2], "parts")


# --------------------------------------------------------------------------- updates
def assert_same_figures(a, b, where="") -> None:
    """Two JSON-like trees equal, numbers to 1e-9 relative (sums updated in place by
    differences round differently from sums made afresh)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), where
        for key in a:
            assert_same_figures(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple)) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same_figures(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and not isinstance(b, bool):
        assert b == pytest.approx(a, rel=1e-9, abs=1e-6), where
    else:
        assert a == b, where


def shared() -> dict:
    """Lines in measures whose outlay is split between departments (5: 60/40, 22: 25/75),
    an investment line whose money returns, a count target's line, an effect and an
    appropriation: every kind of figure a one-line update has to carry."""
    data = busy()
    data["lines"]["m05-national-lab-lead"]["uptake"] = {y: 1.0 for y in YEARS}
    data["investments"] = copy.deepcopy(BASE["investments"])
    data["department_shares"]["measures"] = {
        "5": {"市科技局": 0.6, "青岛海洋科技中心": 0.4},
        "22": {"市科技局": 0.25, "市财政局": 0.75},
    }
    # money of the labs partly paid after 2028 (the years after the award)
    data["lines"]["m05-provincial-lab"]["disbursement"] = [0.5, 0.3, 0.2]
    # about the median total of each year: updates move the chance of exceeding it
    limits = [12500.0, 17700.0, 21100.0, 19500.0, 17400.0]
    data["appropriation"] = {"wan": dict(zip(YEARS, limits)), "basis": "assumption: x"}
    return data


def test_a_one_line_update_gives_every_figure_of_a_fresh_run():
    """After each update (a line split between departments and followed by a count
    target; an investment line; a plain line), every figure of the run (the JSON: outlays
    by line, measure, section and department with their after-2028 means, awards per line,
    count targets, exceedance, returns and net cost) and every series' draws equal those
    of a fresh run of the changed scenario; a department's share of a line follows it."""
    data = shared()
    engine = Engine(scenario_from_dict(data), draws=3000, seed=11)
    engine.run()
    for line_id, year, value in (
        ("m05-provincial-lab", "2024", 12.0),
        ("m05-provincial-lab", "2028", 1.0),  # moves money paid after 2028
        ("m22-landing-fund", "2028", 9000.0),
        ("m01-demo", "2025", 1.0),
    ):
        changed = engine.scenario.replace(("lines", line_id, "uptake", year), value)
        after = engine.update(changed, line_id)
        fresh = Engine(changed, draws=3000, seed=11).run()
        a, b = after.to_dict(), fresh.to_dict()
        a.pop("elapsed_seconds"), b.pop("elapsed_seconds")
        assert_same_figures(b, a)
        for kind in ("line", "measure", "section", "department"):
            assert after.series(kind) == fresh.series(kind)
            for key in fresh.series(kind):
                np.testing.assert_allclose(
                    after.outlay_draws(kind, key), fresh.outlay_draws(kind, key), rtol=1e-9
                )
                assert after.after_horizon_mean(kind, key) == pytest.approx(
                    fresh.after_horizon_mean(kind, key), rel=1e-9, abs=1e-9
                )
        before = after.appropriation_exceedance()
        assert 0.1 < before["2026"] < 0.9
        lab = engine.lines["m05-provincial-lab"].paid
        lead = engine.lines["m05-national-lab-lead"].paid
        fund = engine.lines["m22-landing-fund"].paid
        ocean = after.outlay_draws("department", "青岛海洋科技中心")
        np.testing.assert_allclose(ocean, 0.4 * (lab + lead), rtol=1e-9)
        finance = after.outlay_draws("department", "市财政局")
        np.testing.assert_allclose(finance, 0.75 * fund, rtol=1e-9, atol=1e-9)
        late = (
            engine.lines["m05-provincial-lab"].after_horizon
            + engine.lines["m05-national-lab-lead"].after_horizon
        )
        assert late.mean() > 0
        assert after.after_horizon_mean("department", "青岛海洋科技中心") == pytest.approx(
            0.4 * late.mean(), rel=1e-9
        )
        assert fresh.after_horizon_mean("department", "青岛海洋科技中心") == pytest.approx(
            0.4 * late.mean(), rel=1e-9
        )
